"""RDF projection of the knowledge graph: Turtle, N-Triples, JSON-LD and TriG, validated by SHACL.

How the property graph becomes linked data (all of it derived from ``graph/schema.toml``):

- IRIs: ``<base><type>/<slug>-<hash>`` for nodes (``--base``, default ``https://danvan.example.org/id/``),
  ``<base>fact/<type>-<hash>`` for relationship facts, ``<base>role/...`` and
  ``<base>organization-kind/...`` for SKOS concepts, ``<base>dataset`` for the VoID description.
- Classes: ``rdf_class`` of each label (``schema:Person``, ``org:Organization``, ``org:Post``,
  ``schema:Event``, ``schema:NewsArticle``, ...), labelled ``@vi`` and ``@en`` in the export itself.
- Properties: ``rdf`` of each property (``rdfs:label`` names ``@vi``, ``schema:startDate`` as ``xsd:date``,
  ...), else the project vocabulary ``dv:<camelCase>``. Post roles and organisation kinds are SKOS
  concepts (``org:role``, ``org:classification``) in two concept schemes, labelled ``@vi``/``@en``.
- Relationships: one direct triple (``person org:holds post``; ``event schema:attendee person`` for the
  ``rdf_inverse`` types) plus a fact node: an ``rdf:Statement`` of that triple, ``prov:wasDerivedFrom``
  every supporting article, ``dv:firstSeen``/``dv:lastSeen``, and ``prov:qualifiedDerivation`` an
  evidence node (``prov:Derivation`` with ``prov:entity`` the article, ``oa:exact`` the sentence,
  ``oa:start``/``oa:end`` its offsets). Holdings are also ``org:Membership`` (``org:member``,
  ``org:organization``, ``org:role``, ``org:memberDuring`` a ``time:Interval``); participations
  (chaired, attended, spoke at) are also ``schema:Role`` with a ``schema:roleName``.
- TriG: entities in the default graph; each fact in the named graph of the article its evidence
  comes from (graph name = the article's IRI).

Modules: :mod:`~graph.rdf.mapping` (schema -> mapping), :mod:`~graph.rdf.iris`, :mod:`~graph.rdf.terms`
(N-Triples terms), :mod:`~graph.rdf.triples` (sorted blocks of triples), :mod:`~graph.rdf.writers`
(one class per syntax), :mod:`~graph.rdf.void`, :mod:`~graph.rdf.export`, :mod:`~graph.rdf.shapes`
(SHACL), :mod:`~graph.rdf.sparql`.
"""
