// name: officials_in_province
// title: Officials and their posts in a province
// description: Every person holding (or having held) a post in an organisation of the province or city,
//   with the post, the organisation, the status and when the articles saw it. The province matches the
//   organisation's place or the person's province, case-insensitively, and takes in the units merged into
//   it (MERGED_INTO): "Phú Thọ" also lists the officials of the former Hòa Bình, "Huế" those of Thừa
//   Thiên Huế; the `province` column says which unit. Empty lists every province.
// param: province string = ""  -- Province or city name, e.g. "Bắc Ninh"; empty for all
OPTIONAL MATCH (old:Place)-[:MERGED_INTO]->(new:Place)
WHERE $province <> '' AND toLower(new.name) = toLower($province)
WITH [toLower($province)] + collect(toLower(old.name)) AS wanted
MATCH (p:Person)-[h:HOLDS]->(t:Post)-[:POST_IN]->(o:Organization)
WHERE $province = '' OR toLower(o.place) IN wanted OR toLower(p.province) IN wanted
RETURN coalesce(o.place, p.province) AS province, p.name AS person, t.name AS post, o.name AS organization,
       h.status AS status, h.first_seen AS first_seen, h.last_seen AS last_seen
ORDER BY province, person, post
