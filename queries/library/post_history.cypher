// name: post_history
// title: The line of holders of a post
// description: Everyone the articles show in a post, in the order they took it (stated start, else the
//   first article that shows them), with the term, start, end (or the bound of a former holding) and whom
//   they succeeded (SUCCEEDED on this post: stated in an article, or read from a former and a later holder
//   of a single-holder post).
// param: post string = ""  -- Full post title, case-insensitive, e.g. "Trưởng Ban Dân vận Tỉnh ủy Quảng Ninh"; empty for every post
MATCH (p:Person)-[h:HOLDS]->(t:Post)
WHERE ($post = '' OR toLower(t.name) = toLower($post))
OPTIONAL MATCH (p)-[s:SUCCEEDED]->(before:Person)
WHERE s.post = t.id
WITH t, p, h, collect(before.name) AS predecessors, min(s.date) AS succeeded_on
WITH t, p, h, predecessors, succeeded_on, coalesce(h.start, string(h.first_seen)) AS since
RETURN t.name AS post, p.name AS holder, since, h.term AS term, h.start AS start, h.`end` AS ended,
       h.end_bound AS end_bound, h.status AS status, h.first_seen AS first_seen, h.last_seen AS last_seen,
       predecessors AS succeeded, succeeded_on, h.evidence AS evidence
ORDER BY post, since, holder, term
