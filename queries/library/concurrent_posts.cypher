// name: concurrent_posts
// title: People holding several posts at once (kiêm nhiệm)
// description: Persons seen holding at least `min_posts` posts over overlapping periods (from the first to
//   the last article that reports each), none of them reported as former; one row per post, with the
//   number of posts held alongside it, busiest people first. Posts from different periods (a move from
//   one province to another after the 2025 merger) are not counted together; undated holdings overlap
//   anything.
// param: min_posts int = 2  -- Least number of simultaneous posts
MATCH (p:Person)-[h:HOLDS]->(t:Post)
WHERE h.status IS NULL OR h.status <> 'former'
MATCH (p)-[g:HOLDS]->(u:Post)
WHERE (g.status IS NULL OR g.status <> 'former')
  AND (h.first_seen IS NULL OR g.last_seen IS NULL OR h.first_seen <= g.last_seen)
  AND (g.first_seen IS NULL OR h.last_seen IS NULL OR g.first_seen <= h.last_seen)
WITH p, h, t, count(DISTINCT u) AS posts
WHERE posts >= $min_posts
RETURN p.name AS person, p.province AS province, posts, t.name AS post, h.status AS status,
       h.first_seen AS first_seen, h.last_seen AS last_seen
ORDER BY posts DESC, person, province, post
