// name: officials_in_province
// title: Officials and their posts in a province
// description: Every person holding (or having held) a post in an organisation of the province or city,
//   with the post, the organisation, the status and when the articles saw it. The province matches the
//   organisation's place or the person's province, case-insensitively; empty lists every province.
// param: province string = ""  -- Province or city name, e.g. "Bắc Ninh"; empty for all
MATCH (p:Person)-[h:HOLDS]->(t:Post)-[:POST_IN]->(o:Organization)
WHERE $province = '' OR toLower(o.place) = toLower($province) OR toLower(p.province) = toLower($province)
RETURN coalesce(o.place, p.province) AS province, p.name AS person, t.name AS post, o.name AS organization,
       h.status AS status, h.first_seen AS first_seen, h.last_seen AS last_seen
ORDER BY province, person, post
