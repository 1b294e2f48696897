// name: organisation_tree
// title: The organisation tree under a party committee
// description: Organisations that are part of the given one, directly or through up to five levels, each
//   with its direct parent(s) and its depth below the root. Empty `root`: the trees under every
//   organisation that is not itself part of another. `province` keeps the trees whose root is based in
//   the province or city, in a unit merged into it, or in a lower unit located in it (LOCATED_IN: a
//   Huyện ủy whose provincial committee the articles do not name).
// param: root string = ""  -- Organisation name, case-insensitive, e.g. "Tỉnh ủy Bắc Ninh"; empty for all
// param: province string = ""  -- Province or city name, case-insensitive, e.g. "Nghệ An"; empty for all
OPTIONAL MATCH (old:Place)-[:MERGED_INTO]->(new:Place)
WHERE $province <> '' AND toLower(new.name) = toLower($province)
WITH [toLower($province)] + collect(toLower(old.name)) AS wanted
// zero steps: based in the province (or a unit merged into it); one: in a unit located in it
OPTIONAL MATCH (based:Organization)-[:BASED_IN]->(:Place)-[:LOCATED_IN*0..1]->(pl:Place)
WHERE $province <> '' AND toLower(pl.name) IN wanted
WITH collect(DISTINCT based.id) AS in_province
MATCH path = (o:Organization)-[:PART_OF*1..5]->(top:Organization)
WHERE (($root = '' AND NOT EXISTS { MATCH (top)-[:PART_OF]->(:Organization) })
   OR toLower(top.name) = toLower($root))
  AND ($province = '' OR top.id IN in_province)
WITH top, o, min(length(path)) AS depth
MATCH (o)-[:PART_OF]->(up:Organization)
RETURN top.name AS root, depth, up.name AS parent, o.name AS organization, o.kind AS kind
ORDER BY root, depth, parent, organization
