MATCH (s)-[r:HOLDS|POST_IN|PART_OF|BASED_IN|MERGED_INTO|LOCATED_IN|CHAIRED|ATTENDED|SPOKE_AT|ORGANIZED|HELD_IN|RUNS|ISSUED|IMPLEMENTS|AUTHORED]->(o)
WHERE ($relation = '' OR type(r) = toUpper($relation))
  AND ($subject = '' OR toLower(s.name) = toLower($subject))
  AND ($object = '' OR toLower(o.name) = toLower($object))
UNWIND r.sources AS article_id
MATCH (a:Article) WHERE a.id = article_id
RETURN s.name AS subject, type(r) AS relation, o.name AS object, a.id AS article, a.title AS title,
       a.published AS published, a.source AS source,
       CASE WHEN a.id = r.evidence_article THEN r.evidence ELSE NULL END AS evidence,
       CASE WHEN a.id = r.evidence_article THEN r.evidence_start ELSE NULL END AS evidence_start
ORDER BY subject, relation, object, published, article
