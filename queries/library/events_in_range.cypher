// name: events_in_range
// title: Events in a date range and place
// description: Events dated between `date_from` and `date_to` (inclusive) whose place contains `place`
//   (case-insensitive; empty for anywhere), names a unit merged into it ("Ninh Bình" also finds events
//   in the former Nam Định) or is held in a lower unit located in it (LOCATED_IN: "Hà Nội" also finds
//   events in quận Long Biên), with the number of people reported taking part. The default
//   range takes every dated event: a fixed recent window returned nothing on an archive of older news.
// param: date_from date = 1900-01-01  -- First day
// param: date_to date = 2099-12-31  -- Last day
// param: place string = ""  -- Part of the place name, e.g. "Nam Định"; empty for all
OPTIONAL MATCH (old:Place)-[:MERGED_INTO]->(new:Place)
WHERE $place <> '' AND toLower(new.name) = toLower($place)
WITH [toLower($place)] + collect(toLower(old.name)) AS wanted
// Events held in a unit located in the province (or in a unit merged into it), by place node: an event's
// place names the district only ("quận Long Biên"), and district names repeat across provinces.
OPTIONAL MATCH (local:Event)-[:HELD_IN]->(:Place)-[:LOCATED_IN]->(prov:Place)
WHERE $place <> '' AND toLower(prov.name) IN wanted
WITH wanted, collect(DISTINCT local.id) AS local_events
MATCH (e:Event)
WHERE e.date >= $date_from AND e.date <= $date_to
  AND ($place = '' OR any(w IN wanted WHERE toLower(e.place) CONTAINS w) OR e.id IN local_events)
OPTIONAL MATCH (e)<-[:CHAIRED|ATTENDED|SPOKE_AT]-(p:Person)
WITH e, count(DISTINCT p) AS participants
RETURN e.date AS date, e.name AS event, e.kind AS kind, e.place AS place, participants
ORDER BY date, event
