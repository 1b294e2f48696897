// name: entity
// title: One node by its id, old ids included
// description: The node an id stands for, with its name, other names, the ids merged into it and the dates
//   of the first and last articles that mention it. An id issued by an earlier build that has since been
//   merged into another node finds the surviving node (its alias_ids keep the old id).
// param: id string = ""  -- Node id, e.g. "person:le-quoc-chinh-1a2b3c4d"; empty: the first official
// fill: id <- MATCH (p:Person)-[:HOLDS]->(:Post) RETURN p.id AS id ORDER BY id LIMIT 1
MATCH (n)
WHERE n.id = $id OR $id IN n.alias_ids
RETURN n.id AS id, n.name AS name, n.alias_ids AS alias_ids, n.first_seen AS first_seen, n.last_seen AS last_seen
