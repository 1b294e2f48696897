// name: tenure_overlaps
// title: Two holders of a single-holder post at the same time (data quality)
// description: Pairs of people shown holding a post that has one holder at a time (a head, or a standing
//   deputy) in overlapping periods, as holders_on_date counts them: from the stated start (else the first
//   article) until the stated end or the bound of its end (a hand-over on that very day is no overlap); a
//   holding with neither lasts, one with no date at all is left out. Usually a missing "nguyên", a misread title or two namesakes merged; sometimes a hand-over the
//   articles report without saying who left.
// param: post string = ""  -- Full post title, case-insensitive; empty for every post
MATCH (a:Person)-[x:HOLDS]->(t:Post)<-[y:HOLDS]-(b:Person)
WHERE t.single_holder AND a.id < b.id AND ($post = '' OR toLower(t.name) = toLower($post))
WITH t, a, b, x, y, coalesce(x.start, string(x.first_seen)) AS x_from, coalesce(y.start, string(y.first_seen)) AS y_from
WHERE x_from IS NOT NULL AND y_from IS NOT NULL
  AND (x.`end` IS NULL OR y_from < x.`end`) AND (x.end_bound IS NULL OR y_from < x.end_bound)
  AND (y.`end` IS NULL OR x_from < y.`end`) AND (y.end_bound IS NULL OR x_from < y.end_bound)
RETURN t.name AS post, a.name AS holder, x_from AS holder_from, coalesce(x.`end`, x.end_bound) AS holder_to,
       b.name AS other, y_from AS other_from, coalesce(y.`end`, y.end_bound) AS other_to,
       x.evidence AS evidence, y.evidence AS other_evidence
ORDER BY post, holder, other
