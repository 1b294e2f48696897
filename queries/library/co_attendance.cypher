// name: co_attendance
// title: Who met whom (co-attendance at events)
// description: Pairs of people who took part in the same event (chaired, attended or spoke), with the event.
//   With `person` set, the people that person met; empty, every pair once.
// param: person string = ""  -- Full name, case-insensitive; empty for all pairs
MATCH (a:Person)-[:CHAIRED|ATTENDED|SPOKE_AT]->(e:Event)<-[:CHAIRED|ATTENDED|SPOKE_AT]-(b:Person)
WHERE a.id <> b.id AND (($person = '' AND a.id < b.id) OR toLower(a.name) = toLower($person))
RETURN DISTINCT a.name AS person, b.name AS met, e.name AS event, e.date AS date, e.place AS place
ORDER BY person, met, date, event
