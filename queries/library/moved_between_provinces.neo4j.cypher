MATCH (p:Person)-[:HOLDS]->(:Post)-[:POST_IN]->(o:Organization)
WHERE o.level = 'province' AND o.place IS NOT NULL AND o.place <> ''
  AND ($person = '' OR toLower(p.name) = toLower($person))
WITH p, collect(DISTINCT o.place) AS provinces
WHERE size(provinces) >= 2
MATCH (p)-[h:HOLDS]->(t:Post)-[:POST_IN]->(o:Organization)
WHERE o.level = 'province' AND o.place IS NOT NULL AND o.place <> ''
WITH p, o, t, h, coalesce(h.start, toString(h.first_seen)) AS since
RETURN p.name AS person, o.place AS province, t.name AS post, h.status AS status, since, h.term AS term,
       h.start AS start, h.`end` AS ended, h.end_bound AS end_bound, h.first_seen AS first_seen,
       h.last_seen AS last_seen
ORDER BY person, since, province, post
