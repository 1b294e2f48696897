"""One small writer per RDF syntax, all fed the same sorted blocks (see :mod:`graph.rdf.triples`).

The writers produce the text themselves instead of going through an rdflib Graph: output is then
canonical (sorted, no blank nodes, byte-identical for the same graph), N-Triples streams in constant
memory, and large graphs are written many times faster. Tests parse every format back with rdflib.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from typing import Any, TextIO

from danvan.graph.rdf import terms
from danvan.graph.rdf.mapping import MAPPING, RdfMapping
from danvan.graph.rdf.triples import RDF_TYPE, Block, Pairs, Projection, Triple, sort_pairs
from danvan.graph.rdf.void import description_blocks


class Writer:
    """Base: ``write(projection, out, created)`` returns the number of triples written."""

    def __init__(self, mapping: RdfMapping = MAPPING) -> None:
        self.mapping = mapping

    def write(self, projection: Projection, out: TextIO, created: str | None) -> int:
        raise NotImplementedError

    def description(self, projection: Projection, data_triples: int, created: str | None) -> list[Block]:
        return description_blocks(
            projection.base,
            projection.label_counts(),
            data_triples,
            created,
            projection.mapping,
            licence=projection.licence,
            activity=projection.activity,
        )


class NTriplesWriter(Writer):
    """One line per triple, streamed block by block: memory does not grow with the output."""

    def write(self, projection: Projection, out: TextIO, created: str | None) -> int:
        self.mapping = projection.mapping
        count = self.write_blocks(projection.blocks(), out)
        return count + self.write_blocks(self.description(projection, count, created), out)

    @staticmethod
    def write_blocks(blocks: Iterable[Block], out: TextIO) -> int:
        count = 0
        for subject, pairs in blocks:
            out.write("".join([f"<{subject}> <{p}> {o} .\n" for p, o in pairs]))
            count += len(pairs)
        return count


class TurtleWriter(Writer):
    """Sorted Turtle: prefixes, then one paragraph per subject, the dataset description last."""

    def __init__(self, mapping: RdfMapping = MAPPING) -> None:
        super().__init__(mapping)
        self._compact: dict[str, str] = {}
        self._base = "\0"  # no IRI starts with it until write() sets the real base

    def header(self) -> str:
        return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(self.mapping.prefixes.items())) + "\n"

    def term(self, obj: str) -> str:
        """Shorten an N-Triples object for Turtle: vocabulary IRIs and datatypes as prefixed names."""
        if obj[0] == "<":
            if obj.startswith(self._base, 1):
                return obj
            found = self._compact.get(obj)
            if found is None:
                found = self._compact[obj] = self.mapping.curie(obj[1:-1]) or obj
            return found
        if obj[-1] == ">":
            cut = obj.rfind("^^<")
            return obj[: cut + 2] + self.term(obj[cut + 2 :])
        return obj

    def paragraph(self, subject: str, pairs: Pairs) -> str:
        lines: list[str] = []
        current: str | None = None
        objects: list[str] = []
        for predicate, obj in pairs:
            if predicate != current:
                if current is not None:
                    lines.append(f"{self.term_predicate(current)} {', '.join(objects)}")
                current, objects = predicate, []
            objects.append(self.term(obj))
        if current is not None:
            lines.append(f"{self.term_predicate(current)} {', '.join(objects)}")
        return f"{self.term('<' + subject + '>')} " + " ;\n    ".join(lines) + " .\n\n"

    def term_predicate(self, predicate: str) -> str:
        return "a" if predicate == RDF_TYPE else self.term(f"<{predicate}>")

    def write_blocks(self, blocks: Iterable[Block], out: TextIO) -> int:
        count = 0
        for subject, pairs in blocks:
            if pairs:
                out.write(self.paragraph(subject, pairs))
                count += len(pairs)
        return count

    def write(self, projection: Projection, out: TextIO, created: str | None) -> int:
        self.mapping = projection.mapping
        self._compact = {}
        self._base = projection.base
        out.write(self.header())
        count = self.write_blocks(projection.blocks(), out)
        return count + self.write_blocks(self.description(projection, count, created), out)


class TrigWriter(TurtleWriter):
    """TriG: entities, vocabulary and description in the default graph; each article's facts in
    the named graph of that article (the graph name is the article's IRI).

    A fact stated by several articles sits in the graph of the article its evidence sentence comes
    from (its ``prov:wasDerivedFrom`` lists all of them), so every triple is written exactly once
    and the dataset holds the same triples as the Turtle export.
    """

    def write(self, projection: Projection, out: TextIO, created: str | None) -> int:
        self.mapping = projection.mapping
        self._compact = {}
        self._base = projection.base
        g = projection.g
        by_graph: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
        ungraphed: list[tuple[str, str, str]] = []
        for source, target, key, attrs in g.edges(keys=True, data=True):
            graph = projection.fact_graph(attrs)
            (ungraphed if graph is None else by_graph[graph]).append((source, target, key))

        out.write(self.header())
        default: list[tuple[str, int, Any]] = [(iri, 0, nid) for nid, iri in projection.node_iris.items()]
        vocabulary = projection.vocabulary_blocks()
        default.extend((subject, 1, i) for i, (subject, _) in enumerate(vocabulary))
        count = 0
        for _, kind, ref in sorted(default, key=lambda x: (x[0], x[1])):
            block = projection.node_block(ref, with_edges=False) if kind == 0 else vocabulary[ref]
            count += self.write_blocks([block], out)
        seen: set[Triple] = set()
        if ungraphed:
            # facts with no article at all (possible in hand-made graphs): default graph
            count += self.write_blocks(self._graph_blocks(projection, ungraphed, seen), out)
        for graph in sorted(by_graph):
            out.write(f"<{graph}> {{\n\n")
            count += self.write_blocks(self._graph_blocks(projection, sorted(by_graph[graph]), seen), out)
            out.write("}\n\n")
        return count + self.write_blocks(self.description(projection, count, created), out)

    @staticmethod
    def _graph_blocks(projection: Projection, edges: list[tuple[str, str, str]], seen: set[Triple]) -> list[Block]:
        g = projection.g
        direct: dict[str, Pairs] = defaultdict(list)
        blocks: list[Block] = []
        for source, target, key in edges:
            edge = (source, target, key, g.edges[source, target, key])
            for triple in projection.edge_triples(edge):
                # two relationships may give the same triple (one person's holdings of a post in two
                # terms both say org:holds; two posts of one organisation both say org:memberOf): once
                if triple in seen:
                    continue
                seen.add(triple)
                direct[triple[0]].append((triple[1], triple[2]))
            blocks.extend(projection.edge_blocks(edge))
        blocks.extend((subject, sort_pairs(pairs)) for subject, pairs in direct.items())
        return sorted(blocks)


class JsonLdWriter(Writer):
    """JSON-LD with an inline context of the schema's prefixes: one node object per subject."""

    def write(self, projection: Projection, out: TextIO, created: str | None) -> int:
        self.mapping = projection.mapping
        context = dict(sorted(self.mapping.prefixes.items()))
        out.write('{\n  "@context": ' + json.dumps(context, ensure_ascii=False, sort_keys=True) + ',\n  "@graph": [\n')
        count = 0
        first = True
        for subject, pairs in projection.blocks():
            out.write(("" if first else ",\n") + "    " + self.node_object(subject, pairs))
            first = False
            count += len(pairs)
        for subject, pairs in self.description(projection, count, created):
            out.write(("" if first else ",\n") + "    " + self.node_object(subject, pairs))
            first = False
            count += len(pairs)
        out.write("\n  ]\n}\n")
        return count

    def _name(self, iri: str) -> str:
        return self.mapping.curie(iri) or iri

    def node_object(self, subject: str, pairs: Pairs) -> str:
        node: dict[str, Any] = {"@id": subject}
        for predicate, obj in pairs:
            if predicate == RDF_TYPE:
                node.setdefault("@type", []).append(self._name(obj[1:-1]))
                continue
            node.setdefault(self._name(predicate), []).append(self.value(obj))
        return json.dumps(node, ensure_ascii=False)

    def value(self, obj: str) -> Any:
        if obj[0] == "<":
            return {"@id": obj[1:-1]}
        text, lang, datatype = terms.split_literal(obj)
        if lang is not None:
            return {"@value": text, "@language": lang}
        if datatype is not None:
            return {"@value": text, "@type": self._name(datatype)}
        return {"@value": text}


WRITERS: dict[str, type[Writer]] = {
    "turtle": TurtleWriter,
    "ntriples": NTriplesWriter,
    "trig": TrigWriter,
    "jsonld": JsonLdWriter,
}
