WITH toString($date_from) AS d_from, toString($date_to) AS d_to
MATCH (p:Person)-[h:HOLDS]->(t:Post)-[:POST_IN]->(o:Organization)
WHERE h.start IS NOT NULL AND h.start >= left(d_from, size(h.start)) AND h.start <= d_to
  AND ($province = '' OR toLower(o.place) = toLower($province))
RETURN 'appointment' AS change, h.start AS date, p.name AS person, t.name AS post, '' AS other,
       h.evidence AS evidence, h.evidence_article AS article
UNION ALL
WITH toString($date_from) AS d_from, toString($date_to) AS d_to
MATCH (p:Person)-[h:HOLDS]->(t:Post)-[:POST_IN]->(o:Organization)
WHERE coalesce(h.`end`, h.end_bound) IS NOT NULL
  AND coalesce(h.`end`, h.end_bound) >= left(d_from, size(coalesce(h.`end`, h.end_bound)))
  AND coalesce(h.`end`, h.end_bound) <= d_to
  AND ($province = '' OR toLower(o.place) = toLower($province))
RETURN CASE WHEN h.`end` IS NULL THEN 'departure (no later than)' ELSE 'departure' END AS change,
       coalesce(h.`end`, h.end_bound) AS date, p.name AS person, t.name AS post, '' AS other,
       h.evidence AS evidence, h.evidence_article AS article
UNION ALL
WITH toString($date_from) AS d_from, toString($date_to) AS d_to
MATCH (b:Person)-[s:SUCCEEDED]->(a:Person)
WHERE s.date IS NOT NULL AND s.date >= left(d_from, size(s.date)) AND s.date <= d_to
MATCH (t:Post)-[:POST_IN]->(o:Organization)
WHERE t.id = s.post AND ($province = '' OR toLower(o.place) = toLower($province))
RETURN 'succession' AS change, s.date AS date, b.name AS person, t.name AS post, a.name AS other,
       s.evidence AS evidence, s.evidence_article AS article
