MATCH (a:Person) WHERE toLower(a.name) = toLower($person_a)
MATCH (b:Person) WHERE toLower(b.name) = toLower($person_b) AND b.id <> a.id
MATCH p = shortestPath((a)-[:HOLDS|POST_IN|PART_OF|BASED_IN|MERGED_INTO|LOCATED_IN|CHAIRED|ATTENDED|SPOKE_AT|ORGANIZED|HELD_IN|RUNS|ISSUED|IMPLEMENTS*..6]-(b))
RETURN a.name AS person_a, b.name AS person_b, length(p) AS steps,
       [n IN nodes(p) | n.name] AS chain,
       [r IN relationships(p) | type(r)] AS links
ORDER BY steps, a.id, b.id
LIMIT 1
