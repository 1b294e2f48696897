"""RDF projection of the knowledge graph: Turtle, N-Triples, JSON-LD and TriG, validated by SHACL.

How the property graph becomes linked data (all of it derived from ``graph/schema.toml``; the
README's "RDF" section is the user's account of it):

- IRIs: ``<base><type>/<slug>-<hash>`` for nodes (``--base``, default ``https://danvan.example.org/id/``),
  ``<base><segment>/<hash>`` for the n-ary node of a fact (membership, participation, figure, merger,
  succession), ``<base>fact/<type>-<hash>`` for statements (full profile), ``<base>activity/...`` for the
  build, ``<base>admin-unit/<list>/<code>`` for official units; the vocabulary is ``--vocab-base``.
- Classes and properties: ``rdf_class`` and ``rdf`` of each label and property, else ``dv:<camelCase>``;
  text is ``@vi`` only where it is Vietnamese (:mod:`~graph.rdf.lang`); names of places and
  organisations become links to their nodes.
- Relationships: the direct triple, the inverse ORG/schema.org define, and the vocabulary's n-ary
  pattern where it has one (``org:Membership`` with a stated tenure, ``schema:Role`` wrapping the
  predicate); in the full profile also an ``rdf:Statement`` with one ``prov:Derivation`` per
  supporting article, whose ``oa:SpecificResource`` selects the sentence, made by the build's
  ``prov:Activity`` (:mod:`~graph.rdf.provenance`).

Modules: :mod:`~graph.rdf.mapping` (schema -> mapping), :mod:`~graph.rdf.iris`, :mod:`~graph.rdf.terms`
(N-Triples terms), :mod:`~graph.rdf.lang`, :mod:`~graph.rdf.admin` (administrative codes),
:mod:`~graph.rdf.provenance`, :mod:`~graph.rdf.triples` (sorted blocks of triples),
:mod:`~graph.rdf.writers` (one class per syntax), :mod:`~graph.rdf.void`, :mod:`~graph.rdf.export`,
:mod:`~graph.rdf.vocabulary` (the ``dv:`` vocabulary file), :mod:`~graph.rdf.shapes` (SHACL),
:mod:`~graph.rdf.validate` (SHACL as SPARQL), :mod:`~graph.rdf.sparql`.
"""
