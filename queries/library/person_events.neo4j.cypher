MATCH (p:Person)-[r:CHAIRED|ATTENDED|SPOKE_AT]->(e:Event)
WHERE $person = '' OR toLower(p.name) = toLower($person)
RETURN p.name AS person, type(r) AS role, e.name AS event, e.kind AS kind, e.date AS date,
       e.place AS place, r.evidence AS evidence, r.evidence_article AS article
ORDER BY person, date, event, role, article
