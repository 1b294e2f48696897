// name: post_holders
// title: Holders of a post over time (succession)
// description: Everyone the articles show in a post, oldest first: who held it, with which status, from the
//   first to the last article that says so. Different holders of one post show the succession. An empty
//   `post` lists every post with at least `min_holders` holders.
// param: post string = ""  -- Full post title, case-insensitive, e.g. "Trưởng Ban Dân vận Tỉnh ủy Bắc Ninh"
// param: min_holders int = 1  -- With an empty post: only posts with at least this many holders
MATCH (:Person)-[:HOLDS]->(t:Post)
WHERE $post = '' OR toLower(t.name) = toLower($post)
WITH t, count(*) AS holders
WHERE $post <> '' OR holders >= $min_holders
MATCH (p:Person)-[h:HOLDS]->(t)
RETURN t.name AS post, holders, p.name AS holder, h.status AS status, h.first_seen AS first_seen,
       h.last_seen AS last_seen, size(h.sources) AS articles
ORDER BY post, first_seen, last_seen, holder
