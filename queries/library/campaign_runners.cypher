// name: campaign_runners
// title: Campaigns, who runs them, and the latest reported figures
// description: Each campaign or movement with the provinces and organisations running it and the latest
//   figure the articles report (value, unit, breakdown, as-of date).
// param: campaign string = ""  -- Part of the campaign name, e.g. "Dân vận khéo"; empty for all
MATCH (r)-[x:RUNS]->(c:Campaign)
WHERE $campaign = '' OR toLower(c.name) CONTAINS toLower($campaign)
RETURN c.name AS campaign, r.name AS runner, x.value AS value, x.unit AS unit, x.breakdown AS breakdown,
       x.as_of AS as_of, x.last_seen AS last_reported, size(x.sources) AS articles
ORDER BY campaign, runner
