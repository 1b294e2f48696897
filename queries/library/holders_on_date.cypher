// name: holders_on_date
// title: Who held a post on a date
// description: The holders of a post on a given day, with the sentence that says so. A holding counts
//   from its stated start (else from the first article that shows it) until its stated end (the day the
//   leaving took effect, not included) or, with no end stated, until the bound an article calling it
//   former gives (`end_bound`). Dates of month or year precision count from their first day. Holdings
//   with no end or bound are taken to last (the articles have not said otherwise).
// param: post string = ""  -- Full post title, case-insensitive, e.g. "Trưởng Ban Dân vận Tỉnh ủy Quảng Ninh"; empty for every post
// param: date string = "2024-01-01"  -- The day, YYYY-MM-DD
MATCH (p:Person)-[h:HOLDS]->(t:Post)
WHERE ($post = '' OR toLower(t.name) = toLower($post))
  AND ((h.start IS NOT NULL AND h.start <= $date) OR (h.start IS NULL AND h.first_seen <= date($date)))
  AND (h.`end` IS NULL OR $date < h.`end`)
  AND (h.end_bound IS NULL OR $date <= h.end_bound)
RETURN t.name AS post, p.name AS holder, h.status AS status, h.term AS term, h.start AS start,
       h.`end` AS ended, h.end_bound AS end_bound, h.first_seen AS first_seen, h.last_seen AS last_seen,
       h.evidence AS evidence, h.evidence_article AS article
ORDER BY post, start, first_seen, holder
