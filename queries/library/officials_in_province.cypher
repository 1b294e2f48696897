// name: officials_in_province
// title: Officials and their posts in a province
// description: Every person holding (or having held) a post in an organisation of the province or city,
//   with the post, the organisation, the status and when the articles saw it. The province matches the
//   organisation's place or the person's province, case-insensitively, and takes in the units merged into
//   it (MERGED_INTO): "Phú Thọ" also lists the officials of the former Hòa Bình, "Huế" those of Thừa
//   Thiên Huế; and the organisations of its lower units (LOCATED_IN: cities, districts, communes), so
//   "Nghệ An" lists the Huyện ủy Quỳnh Lưu. The `province` column says which unit. Empty lists every
//   province.
// param: province string = ""  -- Province or city name, e.g. "Bắc Ninh"; empty for all
OPTIONAL MATCH (old:Place)-[:MERGED_INTO]->(new:Place)
WHERE $province <> '' AND toLower(new.name) = toLower($province)
WITH [toLower($province)] + collect(toLower(old.name)) AS wanted
// Organisations of the units located in the province (or in a unit merged into it), found through the
// place node rather than by name, since district names repeat across provinces (huyện Châu Thành is in
// eleven); a commission of a district committee (Ban Dân vận Huyện ủy) reaches the unit through PART_OF.
OPTIONAL MATCH (local:Organization)-[:PART_OF*0..2]->(:Organization)-[:BASED_IN]->(:Place)-[:LOCATED_IN]->(prov:Place)
WHERE $province <> '' AND toLower(prov.name) IN wanted
WITH wanted, collect(DISTINCT local.id) AS local_orgs
MATCH (p:Person)-[h:HOLDS]->(t:Post)-[:POST_IN]->(o:Organization)
WHERE $province = '' OR toLower(o.place) IN wanted OR toLower(p.province) IN wanted OR o.id IN local_orgs
RETURN coalesce(o.place, p.province) AS province, p.name AS person, t.name AS post, o.name AS organization,
       h.status AS status, h.first_seen AS first_seen, h.last_seen AS last_seen
ORDER BY province, person, post
