// name: possible_duplicates
// title: Review queue: officials who share a name but are kept apart
// description: Officials (people holding at least one post) who share a name, case-insensitively, but were
//   kept apart, usually because the articles place them in different provinces. This is the review queue:
//   they are one person only if their posts and dates fit together; record the verdict with `danvan review
//   merge` or `danvan review distinct` (by id), and `danvan review candidates` weighs the evidence for and
//   against each pair, spelling variants included.
// param: min_count int = 2  -- Least number of officials sharing the name
MATCH (p:Person)-[:HOLDS]->(:Post)
WITH toLower(p.name) AS key, collect(DISTINCT p) AS people
WHERE size(people) >= $min_count
UNWIND people AS q
MATCH (q)-[h:HOLDS]->(t:Post)
RETURN q.name AS name, q.province AS province, q.id AS id, count(h) AS posts, min(h.first_seen) AS first_seen,
       max(h.last_seen) AS last_seen
ORDER BY name, province, id
