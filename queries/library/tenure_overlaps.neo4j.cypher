MATCH (a:Person)-[x:HOLDS]->(t:Post)<-[y:HOLDS]-(b:Person)
WHERE t.single_holder AND a.id < b.id AND x.status <> 'former' AND y.status <> 'former'
  AND ($post = '' OR toLower(t.name) = toLower($post))
WITH t, a, b, x, y,
     coalesce(x.start, toString(x.first_seen)) AS x_from, coalesce(x.`end`, toString(x.last_seen)) AS x_to,
     coalesce(y.start, toString(y.first_seen)) AS y_from, coalesce(y.`end`, toString(y.last_seen)) AS y_to
WHERE x_from <= y_to AND y_from <= x_to
  AND (x.`end` IS NULL OR y_from < x.`end`) AND (y.`end` IS NULL OR x_from < y.`end`)
RETURN t.name AS post, a.name AS holder, x_from AS holder_from, x_to AS holder_to, b.name AS other,
       y_from AS other_from, y_to AS other_to, x.evidence AS evidence, y.evidence AS other_evidence
ORDER BY post, holder, other
