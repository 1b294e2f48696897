// name: events_in_range
// title: Events in a date range and place
// description: Events dated between `date_from` and `date_to` (inclusive) whose place contains `place`
//   (case-insensitive; empty for anywhere), with the number of people reported taking part.
// param: date_from date = 2019-01-01  -- First day
// param: date_to date = 2025-12-31  -- Last day
// param: place string = ""  -- Part of the place name, e.g. "Nam Định"; empty for all
MATCH (e:Event)
WHERE e.date >= $date_from AND e.date <= $date_to
  AND ($place = '' OR toLower(e.place) CONTAINS toLower($place))
OPTIONAL MATCH (e)<-[:CHAIRED|ATTENDED|SPOKE_AT]-(p:Person)
WITH e, count(DISTINCT p) AS participants
RETURN e.date AS date, e.name AS event, e.kind AS kind, e.place AS place, participants
ORDER BY date, event
