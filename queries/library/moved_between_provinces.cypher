// name: moved_between_provinces
// title: Officials who held posts in two provinces
// description: People with posts in the provincial bodies of at least two provinces or cities, each post
//   in the order it began (stated start, else the first article that shows it), with its status and
//   dates: a secretary moved from one province to another, a deputy who became head elsewhere.
// param: person string = ""  -- Full name, case-insensitive; empty for everyone
MATCH (p:Person)-[:HOLDS]->(:Post)-[:POST_IN]->(o:Organization)
WHERE o.level = 'province' AND o.place IS NOT NULL AND o.place <> ''
  AND ($person = '' OR toLower(p.name) = toLower($person))
WITH p, collect(DISTINCT o.place) AS provinces
WHERE size(provinces) >= 2
MATCH (p)-[h:HOLDS]->(t:Post)-[:POST_IN]->(o:Organization)
WHERE o.level = 'province' AND o.place IS NOT NULL AND o.place <> ''
WITH p, o, t, h, coalesce(h.start, string(h.first_seen)) AS since
RETURN p.name AS person, o.place AS province, t.name AS post, h.status AS status, since, h.term AS term,
       h.start AS start, h.`end` AS ended, h.end_bound AS end_bound, h.first_seen AS first_seen,
       h.last_seen AS last_seen
ORDER BY person, since, province, post
