// name: person_events
// title: Events a person chaired, attended or spoke at
// description: The events one person (empty: anyone) took part in, with the role (CHAIRED, ATTENDED,
//   SPOKE_AT), the date, the place, the evidence sentence and the article it comes from (undated events
//   are kept apart per article, so without it two reports of "the press conference" read as one row twice).
// param: person string = ""  -- Full name, case-insensitive, e.g. "Lê Quốc Chỉnh"; empty for everyone
MATCH (p:Person)-[r:CHAIRED|ATTENDED|SPOKE_AT]->(e:Event)
WHERE $person = '' OR toLower(p.name) = toLower($person)
RETURN p.name AS person, label(r) AS role, e.name AS event, e.kind AS kind, e.date AS date,
       e.place AS place, r.evidence AS evidence, r.evidence_article AS article
ORDER BY person, date, event, role, article
