// name: changes_between
// title: Appointments, departures and successions in a period
// description: What changed in the posts of a province between two days (inclusive): appointments (a
//   stated or reported start in the period), departures (a stated end, or for a former holding with none
//   the date of the article calling it former: "no later than"), and successions (SUCCEEDED dated in the
//   period). The province matches the post's organisation's place, case-insensitively; empty for all.
//   Dates of month or year precision count when their period meets the range. The default range takes
//   every dated change.
// param: date_from date = 1900-01-01  -- First day
// param: date_to date = 2099-12-31  -- Last day
// param: province string = ""  -- Province or city, e.g. "Ninh Bình"; empty for all
WITH string($date_from) AS d_from, string($date_to) AS d_to
MATCH (p:Person)-[h:HOLDS]->(t:Post)-[:POST_IN]->(o:Organization)
WHERE h.start IS NOT NULL AND h.start >= left(d_from, size(h.start)) AND h.start <= d_to
  AND ($province = '' OR toLower(o.place) = toLower($province))
RETURN 'appointment' AS change, h.start AS date, p.name AS person, t.name AS post, '' AS other,
       h.evidence AS evidence, h.evidence_article AS article
UNION ALL
WITH string($date_from) AS d_from, string($date_to) AS d_to
MATCH (p:Person)-[h:HOLDS]->(t:Post)-[:POST_IN]->(o:Organization)
WHERE coalesce(h.`end`, h.end_bound) IS NOT NULL
  AND coalesce(h.`end`, h.end_bound) >= left(d_from, size(coalesce(h.`end`, h.end_bound)))
  AND coalesce(h.`end`, h.end_bound) <= d_to
  AND ($province = '' OR toLower(o.place) = toLower($province))
RETURN CASE WHEN h.`end` IS NULL THEN 'departure (no later than)' ELSE 'departure' END AS change,
       coalesce(h.`end`, h.end_bound) AS date, p.name AS person, t.name AS post, '' AS other,
       h.evidence AS evidence, h.evidence_article AS article
UNION ALL
WITH string($date_from) AS d_from, string($date_to) AS d_to
MATCH (b:Person)-[s:SUCCEEDED]->(a:Person)
WHERE s.date IS NOT NULL AND s.date >= left(d_from, size(s.date)) AND s.date <= d_to
MATCH (t:Post)-[:POST_IN]->(o:Organization)
WHERE t.id = s.post AND ($province = '' OR toLower(o.place) = toLower($province))
RETURN 'succession' AS change, s.date AS date, b.name AS person, t.name AS post, a.name AS other,
       s.evidence AS evidence, s.evidence_article AS article
