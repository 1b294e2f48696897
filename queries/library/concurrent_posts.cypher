// name: concurrent_posts
// title: People holding several posts at once (kiêm nhiệm)
// description: Persons with at least `min_posts` posts that are not reported as former, one row per post,
//   busiest people first.
// param: min_posts int = 2  -- Least number of simultaneous posts
MATCH (p:Person)-[h:HOLDS]->(:Post)
WHERE h.status IS NULL OR h.status <> 'former'
WITH p, count(h) AS posts
WHERE posts >= $min_posts
MATCH (p)-[h:HOLDS]->(t:Post)
WHERE h.status IS NULL OR h.status <> 'former'
RETURN p.name AS person, p.province AS province, posts, t.name AS post, h.status AS status,
       h.first_seen AS first_seen, h.last_seen AS last_seen
ORDER BY posts DESC, person, province, post
