// name: fact_sources
// title: Articles that support a given fact
// description: The articles behind a relationship between two named things (a person and a post, a person
//   and an event, a place and a campaign, ...): title, date, source and, for the article the evidence comes
//   from, the sentence and its character offsets. An empty name matches anything, except that when both
//   are empty the subject is the person with the most posts and event roles (so the defaults show the
//   articles behind that person's posts). Mentions (MENTIONED_IN) are not facts and are left out.
// param: subject string = ""  -- Name of the start node, case-insensitive, e.g. "Nguyễn Công Thắng"
// param: relation string = "HOLDS"  -- Relationship type, e.g. HOLDS, ATTENDED, RUNS; empty for any
// param: object string = ""  -- Name of the end node, e.g. "Trưởng Ban Dân vận Tỉnh ủy Bắc Ninh"
// fill: subject <- MATCH (p:Person)-[r:HOLDS|CHAIRED|ATTENDED|SPOKE_AT]->() WHERE $object = ''
//   RETURN p.name AS person, count(r) AS links ORDER BY links DESC, person LIMIT 1
MATCH (s)-[r:HOLDS|POST_IN|PART_OF|BASED_IN|MERGED_INTO|LOCATED_IN|CHAIRED|ATTENDED|SPOKE_AT|ORGANIZED|HELD_IN|RUNS|ISSUED|IMPLEMENTS|AUTHORED]->(o)
WHERE ($relation = '' OR label(r) = toUpper($relation))
  AND ($subject = '' OR toLower(s.name) = toLower($subject))
  AND ($object = '' OR toLower(o.name) = toLower($object))
UNWIND r.sources AS article_id
MATCH (a:Article) WHERE a.id = article_id
RETURN s.name AS subject, label(r) AS relation, o.name AS object, a.id AS article, a.title AS title,
       a.published AS published, a.source AS source,
       CASE WHEN a.id = r.evidence_article THEN r.evidence ELSE NULL END AS evidence,
       CASE WHEN a.id = r.evidence_article THEN r.evidence_start ELSE NULL END AS evidence_start
ORDER BY subject, relation, object, published, article
