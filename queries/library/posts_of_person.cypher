// name: posts_of_person
// title: All posts a person holds or held
// description: The posts of one person (empty: of everyone), with status (current, former, new), the dates
//   of the first and last articles that say so, those articles' ids and the first supporting sentence.
// param: person string = ""  -- Full name, case-insensitive, e.g. "Lê Quốc Chỉnh"; empty for everyone
MATCH (p:Person)-[h:HOLDS]->(t:Post)
WHERE $person = '' OR toLower(p.name) = toLower($person)
RETURN p.name AS person, p.province AS province, t.name AS post, h.status AS status,
       h.first_seen AS first_seen, h.last_seen AS last_seen, h.sources AS sources, h.evidence AS evidence
ORDER BY person, province, first_seen, post
