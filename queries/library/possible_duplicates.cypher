// name: possible_duplicates
// title: Possible duplicates: the same name in different provinces
// description: Officials (people holding at least one post) who share a name, case-insensitively, but were
//   kept apart, usually because the articles place them in different provinces. For review: they are one
//   person only if their posts and dates fit together.
// param: min_count int = 2  -- Least number of officials sharing the name
MATCH (p:Person)-[:HOLDS]->(:Post)
WITH toLower(p.name) AS key, collect(DISTINCT p) AS people
WHERE size(people) >= $min_count
UNWIND people AS q
MATCH (q)-[h:HOLDS]->(t:Post)
RETURN q.name AS name, q.province AS province, q.id AS id, count(h) AS posts, min(h.first_seen) AS first_seen,
       max(h.last_seen) AS last_seen
ORDER BY name, province, id
