// name: shortest_connection
// title: The shortest connection between two officials
// description: A shortest chain (up to 6 steps) linking two people through posts, organisations, events,
//   places, campaigns and documents; mentions and bylines are left out, since sharing an article says
//   little. Where several people share a name, the closest pair is shown. An empty name is filled with
//   the person with the most posts and event roles (the next one for `person_b`), so the defaults link
//   the two most connected people.
// param: person_a string = ""  -- First person's full name, case-insensitive; empty: the most connected
// param: person_b string = ""  -- Second person's full name, case-insensitive; empty: the next most connected
// fill: person_a <- MATCH (p:Person)-[r:HOLDS|CHAIRED|ATTENDED|SPOKE_AT]->()
//   RETURN p.name AS person, count(r) AS links ORDER BY links DESC, person LIMIT 1
// fill: person_b <- MATCH (p:Person)-[r:HOLDS|CHAIRED|ATTENDED|SPOKE_AT]->() WHERE toLower(p.name) <> toLower($person_a)
//   RETURN p.name AS person, count(r) AS links ORDER BY links DESC, person LIMIT 1
MATCH (a:Person) WHERE toLower(a.name) = toLower($person_a)
MATCH (b:Person) WHERE toLower(b.name) = toLower($person_b)
MATCH p = (a)-[:HOLDS|POST_IN|PART_OF|BASED_IN|MERGED_INTO|LOCATED_IN|CHAIRED|ATTENDED|SPOKE_AT|ORGANIZED|HELD_IN|RUNS|ISSUED|IMPLEMENTS* SHORTEST 1..6]-(b)
WHERE a.id <> b.id
RETURN a.name AS person_a, b.name AS person_b, length(p) AS steps,
       list_transform(nodes(p), n -> n.name) AS chain,
       list_transform(rels(p), r -> label(r)) AS links
ORDER BY steps, a.id, b.id
LIMIT 1
