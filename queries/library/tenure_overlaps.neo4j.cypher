MATCH (a:Person)-[x:HOLDS]->(t:Post)<-[y:HOLDS]-(b:Person)
WHERE t.single_holder AND a.id < b.id AND ($post = '' OR toLower(t.name) = toLower($post))
WITH t, a, b, x, y, coalesce(x.start, toString(x.first_seen)) AS x_from, coalesce(y.start, toString(y.first_seen)) AS y_from
WHERE x_from IS NOT NULL AND y_from IS NOT NULL
  AND (x.`end` IS NULL OR y_from < x.`end`) AND (x.end_bound IS NULL OR y_from < x.end_bound)
  AND (y.`end` IS NULL OR x_from < y.`end`) AND (y.end_bound IS NULL OR x_from < y.end_bound)
RETURN t.name AS post, a.name AS holder, x_from AS holder_from, coalesce(x.`end`, x.end_bound) AS holder_to,
       b.name AS other, y_from AS other_from, coalesce(y.`end`, y.end_bound) AS other_to,
       x.evidence AS evidence, y.evidence AS other_evidence
ORDER BY post, holder, other
