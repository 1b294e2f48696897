// name: tenure_overlaps
// title: Two holders of a single-holder post at the same time (data quality)
// description: Pairs of people both shown holding (not as former holders) a post that has one holder at
//   a time (a head, or a standing deputy) over overlapping periods: from the stated start (else the first
//   article) to the stated end (else the last article). Usually a misread title, two namesakes merged, or
//   a missing "nguyên"; sometimes a real hand-over the articles report in the same days.
// param: post string = ""  -- Full post title, case-insensitive; empty for every post
MATCH (a:Person)-[x:HOLDS]->(t:Post)<-[y:HOLDS]-(b:Person)
WHERE t.single_holder AND a.id < b.id AND x.status <> 'former' AND y.status <> 'former'
  AND ($post = '' OR toLower(t.name) = toLower($post))
WITH t, a, b, x, y,
     coalesce(x.start, string(x.first_seen)) AS x_from, coalesce(x.`end`, string(x.last_seen)) AS x_to,
     coalesce(y.start, string(y.first_seen)) AS y_from, coalesce(y.`end`, string(y.last_seen)) AS y_to
WHERE x_from <= y_to AND y_from <= x_to
  AND (x.`end` IS NULL OR y_from < x.`end`) AND (y.`end` IS NULL OR x_from < y.`end`)
RETURN t.name AS post, a.name AS holder, x_from AS holder_from, x_to AS holder_to, b.name AS other,
       y_from AS other_from, y_to AS other_to, x.evidence AS evidence, y.evidence AS other_evidence
ORDER BY post, holder, other
