// name: ban_dan_van_heads
// title: Heads of Ban Dân vận across provinces
// description: Who heads (or headed) the mass-mobilisation commission of each party committee, with the
//   committee's place and when the articles saw it. Since 2025 the provinces merged the Ban Dân vận
//   with the Ban Tuyên giáo into the "Ban Tuyên giáo và Dân vận"; its posts count too, so the current
//   heads are not missing. `role` selects another post title prefix, e.g. "Phó Trưởng Ban Dân vận".
// param: role string = "Trưởng Ban Dân vận"  -- Post title prefix, case-insensitive
MATCH (p:Person)-[h:HOLDS]->(t:Post)
WHERE toLower(t.name) STARTS WITH toLower($role)
   OR toLower(t.name) STARTS WITH replace(toLower($role), 'ban dân vận', 'ban tuyên giáo và dân vận')
OPTIONAL MATCH (t)-[:POST_IN]->(o:Organization)
RETURN o.place AS place, t.name AS post, p.name AS person, h.status AS status,
       h.first_seen AS first_seen, h.last_seen AS last_seen
ORDER BY place, post, first_seen, person
