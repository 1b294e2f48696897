// name: merger_2025
// title: Provinces and organisations affected by the 2025 merger
// description: Units absorbed on 1 July 2025 and the unit they merged into, with the organisations of the
//   absorbed unit that the articles mention (their names will change), those of its lower units
//   included (LOCATED_IN: Bắc Giang lists the Huyện ủy Lục Nam). Thừa Thiên Huế appears too: it
//   became the city of Huế on 1 January 2025 (see `effective`). `province` filters on either side.
// param: province string = ""  -- Former or new province name, case-insensitive; empty for all
MATCH (old:Place)-[m:MERGED_INTO]->(new:Place)
WHERE $province = '' OR toLower(old.name) = toLower($province) OR toLower(new.name) = toLower($province)
// zero steps: based in the unit itself; one: in a lower unit (city, district, commune) located in it
OPTIONAL MATCH (o:Organization)-[:BASED_IN]->(:Place)-[:LOCATED_IN*0..1]->(old)
RETURN new.name AS merged_into, old.name AS former_unit, m.effective AS effective, o.name AS organization,
       o.kind AS kind
ORDER BY merged_into, former_unit, organization
