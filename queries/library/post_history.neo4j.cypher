MATCH (p:Person)-[h:HOLDS]->(t:Post)
WHERE ($post = '' OR toLower(t.name) = toLower($post))
OPTIONAL MATCH (p)-[s:SUCCEEDED]->(before:Person)
WHERE s.post = t.id
WITH t, p, h, collect(before.name) AS predecessors, min(s.date) AS succeeded_on
WITH t, p, h, predecessors, succeeded_on, coalesce(h.start, toString(h.first_seen)) AS since
RETURN t.name AS post, p.name AS holder, since, h.term AS term, h.start AS start, h.`end` AS ended,
       h.end_bound AS end_bound, h.status AS status, h.first_seen AS first_seen, h.last_seen AS last_seen,
       predecessors AS succeeded, succeeded_on, h.evidence AS evidence
ORDER BY post, since, holder, term
