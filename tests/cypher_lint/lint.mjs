// Lint Cypher texts with Neo4j's own parser and semantic analysis (npm @neo4j-cypher/language-support).
//
// Pinned to 2.0.0-next.20 (package.json, package-lock.json): the package has only "next" (pre-)releases;
// this is the newest whose engines accept Node 18/20 (next.26 needs Node 22, next.36+ Node 24) and it
// exports lintCypherQuery with Neo4j 2025 parsing and semantic analysis for Cypher 5 and Cypher 25.
//
// stdin: JSON, either an array of Cypher texts, or an object
//   {"queries": [text | {"query": text, "parameters": {name: value, ...}}, ...],
//    "labels": [...], "relationshipTypes": [...], "cypherVersion": "CYPHER 5"}
// stdout: JSON array with, per query, an array of diagnostics
//   {"severity": "error"|"warning"|"information"|"hint", "message", "line", "column", "start", "end", "text"}
//   (line and column 1-based; start/end are character offsets into the query).
//
// Parameters: a query given with "parameters" is checked against exactly those names, so a missing
// one is an error; a bare text declares every parameter it uses (only syntax and semantics are checked).
// Labels and relationship types, when given, make an unknown one a warning (a misspelt label).
// Functions and procedures: Neo4j's built-ins as listed by the package's schema dump of a Neo4j server,
// without the APOC and GDS plugins, which a plain server does not have; an unknown one is an error.

import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

// The package's ESM build uses extension-less imports that Node cannot resolve; its CommonJS build works.
const require = createRequire(import.meta.url);
const { lintCypherQuery, parseParameters, testData } = require('@neo4j-cypher/language-support');

const PLUGINS = ['apoc.', 'gds.'];
const SEVERITY = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' };

function builtIns(registry) {
  const out = {};
  for (const [version, entries] of Object.entries(registry ?? {})) {
    out[version] = Object.fromEntries(
      Object.entries(entries).filter(([name]) => !PLUGINS.some((p) => name.startsWith(p))),
    );
  }
  return out;
}

const input = JSON.parse(readFileSync(0, 'utf8'));
const spec = Array.isArray(input) ? { queries: input } : input;
const base = {
  functions: builtIns(testData.mockSchema.functions),
  procedures: builtIns(testData.mockSchema.procedures),
  defaultLanguage: spec.cypherVersion ?? 'CYPHER 5',
};
if (spec.labels && spec.relationshipTypes) {
  base.labels = spec.labels;
  base.relationshipTypes = spec.relationshipTypes;
}

const results = spec.queries.map((item) => {
  const query = typeof item === 'string' ? item : item.query;
  let parameters = typeof item === 'string' ? undefined : item.parameters;
  if (parameters === undefined || parameters === null) {
    parameters = Object.fromEntries(parseParameters(query).map((name) => [name.replace(/^`|`$/g, ''), null]));
  }
  const diagnostics = lintCypherQuery(query, { ...base, parameters });
  return diagnostics.map((d) => ({
    severity: SEVERITY[d.severity] ?? String(d.severity),
    message: d.message,
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    start: d.offsets?.start ?? null,
    end: d.offsets?.end ?? null,
    text: d.offsets ? query.slice(d.offsets.start, d.offsets.end) : null,
  }));
});
process.stdout.write(JSON.stringify(results));
