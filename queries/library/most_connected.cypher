// name: most_connected
// title: The most connected officials
// description: People ranked by their links in the graph: posts held plus event roles (chaired, attended,
//   spoke), with the number of distinct people they met at events. Bylines alone do not count; ties go
//   by name.
// param: limit int = 10  -- How many people to list
MATCH (p:Person)-[r:HOLDS|CHAIRED|ATTENDED|SPOKE_AT]->()
WITH p, count(r) AS links
ORDER BY links DESC, p.name, p.id
LIMIT $limit
OPTIONAL MATCH (p)-[h:HOLDS]->(:Post)
WITH p, links, count(h) AS posts
OPTIONAL MATCH (p)-[:CHAIRED|ATTENDED|SPOKE_AT]->(:Event)<-[:CHAIRED|ATTENDED|SPOKE_AT]-(other:Person)
WHERE other.id <> p.id
WITH p, links, posts, count(DISTINCT other) AS met
RETURN p.name AS person, p.province AS province, links, posts, links - posts AS event_roles, met
ORDER BY links DESC, person, p.id
