// name: organisation_tree
// title: The organisation tree under a party committee
// description: Organisations that are part of the given one, directly or through up to five levels, each
//   with its direct parent(s) and its depth below the root. Empty `root`: the trees under every
//   organisation that is not itself part of another.
// param: root string = ""  -- Organisation name, case-insensitive, e.g. "Tỉnh ủy Bắc Ninh"; empty for all
MATCH path = (o:Organization)-[:PART_OF*1..5]->(top:Organization)
WHERE ($root = '' AND NOT EXISTS { MATCH (top)-[:PART_OF]->(:Organization) })
   OR toLower(top.name) = toLower($root)
WITH top, o, min(length(path)) AS depth
MATCH (o)-[:PART_OF]->(up:Organization)
RETURN top.name AS root, depth, up.name AS parent, o.name AS organization, o.kind AS kind
ORDER BY root, depth, parent, organization
