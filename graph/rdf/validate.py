"""SHACL validation as SPARQL queries over pyoxigraph: the shipped shapes, checked in seconds on the corpus.

pySHACL walks every focus node in Python and took five minutes on the corpus export; this module
turns each constraint of the shapes graph into one SPARQL ``SELECT`` that returns the focus nodes
violating it, and lets pyoxigraph (Rust) evaluate them. It covers the SHACL Core features the
shipped shapes use: ``sh:targetClass``, ``sh:targetSubjectsOf``, ``sh:targetObjectsOf``; property
shapes with an IRI path; ``sh:minCount``, ``sh:maxCount``, ``sh:datatype`` (well-formed lexical forms
included), ``sh:class``, ``sh:nodeKind sh:IRI``, ``sh:in``, ``sh:languageIn``, ``sh:uniqueLang``,
``sh:minInclusive``, and ``sh:or`` / ``sh:xone`` / ``sh:not`` over shapes made of those. A shape using
anything else is refused (:class:`UnsupportedShape`), never silently passed. Tests check that it
reports exactly what pySHACL reports on the seeds, the samples and broken copies of them.

As in pySHACL with ``inference="none"``, ``sh:class`` reads ``rdf:type`` and the ``rdfs:subClassOf``
triples of the data.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, XSD, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH
from rdflib.term import Node

#: Datatypes whose lexical forms are checked, by the SPARQL cast that fails on an ill-formed one.
_CASTS = {
    XSD.date: "xsd:date",
    XSD.integer: "xsd:integer",
    XSD.double: "xsd:double",
    XSD.boolean: "xsd:boolean",
    XSD.gYear: "xsd:gYear",
    XSD.gYearMonth: "xsd:gYearMonth",
}
#: Oxigraph stores the derived integer types as xsd:integer: for them, an integer of the right range.
_DERIVED_INTEGERS = {XSD.nonNegativeInteger: ">= 0"}
_VALUE_KEYS = {
    SH.datatype,
    SH["class"],
    SH.nodeKind,
    SH["in"],
    SH.languageIn,
    SH.minInclusive,
    SH["or"],
    SH.xone,
    SH["not"],
    SH.property,
}
_PREFIXES = (
    "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n"
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
    "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n"
)


class UnsupportedShape(ValueError):
    """The shapes use a SHACL feature this validator does not translate."""


@dataclass(frozen=True, order=True)
class Violation:
    focus: str
    path: str  # the property path, "" for a constraint on the node itself
    constraint: str  # the SHACL constraint component's local name, e.g. "MinCountConstraintComponent"


def _nt(term: Node) -> str:
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, Literal):
        return str(term.n3())
    raise UnsupportedShape(f"cannot use {term!r} in a query")


class _Compiler:
    def __init__(self, shapes: Graph, subclasses: bool = True) -> None:
        self.g = shapes
        self.counter = 0
        # rdf:type/rdfs:subClassOf* costs a path walk per node; without subclass triples it is rdf:type
        self.type_path = "rdf:type/rdfs:subClassOf*" if subclasses else "rdf:type"

    def var(self) -> str:
        self.counter += 1
        return f"?v{self.counter}"

    def items(self, node: Node) -> list[Node]:
        return list(Collection(self.g, node))

    def one(self, node: Node, key: URIRef) -> Node | None:
        return self.g.value(node, key)

    # ------------------------------------------------------------------ value conditions
    def conforms(self, value: str, shape: Node) -> str:
        """A SPARQL expression true when ``value`` conforms to the (nested) ``shape``."""
        parts: list[str] = []
        for key, obj in sorted(self.g.predicate_objects(shape)):
            if key in (RDF.type, SH.description, SH.name):
                continue
            if key == SH.property:
                parts.append(self.nested_property(value, obj))
            elif key in _VALUE_KEYS:
                parts.append(self.value_condition(value, key, obj))
            else:
                raise UnsupportedShape(f"nested shape uses {key}")
        return "(" + " && ".join(parts or ["true"]) + ")"

    def nested_property(self, value: str, prop: Node) -> str:
        path = self.one(prop, SH.path)
        if not isinstance(path, URIRef):
            raise UnsupportedShape("nested property shapes need an IRI path")
        w = self.var()
        conditions: list[str] = []
        minimum = self.one(prop, SH.minCount)
        maximum = self.one(prop, SH.maxCount)
        checks = []
        for key, obj in sorted(self.g.predicate_objects(prop)):
            if key in (SH.path, SH.minCount, SH.maxCount, RDF.type, SH.description, SH.name):
                continue
            if key not in _VALUE_KEYS:
                raise UnsupportedShape(f"nested property shape uses {key}")
            checks.append(self.value_condition(w, key, obj))
        if checks:  # every value conforms
            conditions.append(f"NOT EXISTS {{ {value} <{path}> {w} . FILTER(!({' && '.join(checks)})) }}")
        if minimum is not None and _int(minimum) > 0:
            if _int(minimum) > 1:
                raise UnsupportedShape("nested sh:minCount above 1")
            conditions.append(f"EXISTS {{ {value} <{path}> {self.var()} }}")
        if maximum is not None:
            if _int(maximum) != 1:
                raise UnsupportedShape("nested sh:maxCount other than 1")
            a, b = self.var(), self.var()
            conditions.append(f"NOT EXISTS {{ {value} <{path}> {a}, {b} . FILTER({a} != {b}) }}")
        return "(" + " && ".join(conditions or ["true"]) + ")"

    def value_condition(self, value: str, key: Node, obj: Node) -> str:
        """A SPARQL expression true when ``value`` satisfies one constraint."""
        if key == SH.datatype:
            assert isinstance(obj, URIRef)
            if obj in _DERIVED_INTEGERS:
                return (
                    f"(isLiteral({value}) && datatype({value}) IN (<{obj}>, xsd:integer) && "
                    f"COALESCE({value} {_DERIVED_INTEGERS[obj]}, false))"
                )
            condition = f"(isLiteral({value}) && datatype({value}) = <{obj}>"
            if obj in _CASTS:  # an ill-formed lexical form fails the cast: COALESCE turns the error to false
                condition += f" && COALESCE(sameTerm({_CASTS[obj]}(STR({value})), {value}) || "
                condition += f"{_CASTS[obj]}(STR({value})) = {value}, false)"
            return condition + ")"
        if key == SH["class"]:
            return f"EXISTS {{ {value} {self.type_path} {_nt(obj)} }}"
        if key == SH.nodeKind:
            if obj != SH.IRI:
                raise UnsupportedShape(f"sh:nodeKind {obj}")
            return f"isIRI({value})"
        if key == SH["in"]:
            return f"({value} IN ({', '.join(_nt(i) for i in self.items(obj))}))"
        if key == SH.languageIn:
            tags = [f'langMatches(lang({value}), "{i}")' for i in self.items(obj)]
            return "(" + " || ".join(tags) + ")"
        if key == SH.minInclusive:
            return f"({value} >= {_nt(obj)})"
        if key == SH["or"]:
            return "(" + " || ".join(self.conforms(value, alt) for alt in self.items(obj)) + ")"
        if key == SH.xone:
            ones = " + ".join(f"IF({self.conforms(value, alt)}, 1, 0)" for alt in self.items(obj))
            return f"(({ones}) = 1)"
        if key == SH["not"]:
            return f"(!{self.conforms(value, obj)})"
        if key == SH.property:
            return self.nested_property(value, obj)
        raise UnsupportedShape(f"constraint {key}")

    # ------------------------------------------------------------------ top-level shapes
    def targets(self, shape: Node) -> list[str]:
        out = []
        for cls in self.g.objects(shape, SH.targetClass):
            out.append(f"?this {self.type_path} {_nt(cls)} .")
        for predicate in self.g.objects(shape, SH.targetSubjectsOf):
            out.append(f"?this {_nt(predicate)} [] .")
        for predicate in self.g.objects(shape, SH.targetObjectsOf):
            out.append(f"[] {_nt(predicate)} ?this .")
        for key in (SH.targetNode,):
            if self.one(shape, key) is not None:
                raise UnsupportedShape(f"{key}")
        return out

    def queries(self) -> list[tuple[str, str, str]]:
        """(SPARQL, path, constraint component) for every constraint of every node shape."""
        out: list[tuple[str, str, str]] = []
        for shape in sorted(set(self.g.subjects(RDF.type, SH.NodeShape)), key=str):
            for target in self.targets(shape):
                focus = f"SELECT DISTINCT ?this WHERE {{ {target} }}"
                for key, obj in sorted(self.g.predicate_objects(shape)):
                    if key in (RDF.type, SH.description, SH.name, SH.targetClass, SH.targetSubjectsOf):
                        continue
                    if key in (SH.targetObjectsOf, SH.property):
                        if key == SH.property:
                            out.extend(self.property_queries(focus, obj))
                        continue
                    if key not in _VALUE_KEYS:
                        raise UnsupportedShape(f"node shape {shape} uses {key}")
                    query = f"{focus[:-1]} FILTER(!{self.value_condition('?this', key, obj)}) }}"
                    out.append((query, "", _component(key)))
        return out

    def property_queries(self, focus: str, prop: Node) -> list[tuple[str, str, str]]:
        path = self.one(prop, SH.path)
        if not isinstance(path, URIRef):
            raise UnsupportedShape(f"property shape {prop}: only IRI paths are supported")
        where = focus[len("SELECT DISTINCT ?this WHERE { ") : -1]
        out = []
        for key, obj in sorted(self.g.predicate_objects(prop)):
            if key in (RDF.type, SH.path, SH.description, SH.name):
                continue
            if key in (SH.minCount, SH.maxCount):
                n = _int(obj)
                if key == SH.minCount and n == 0:
                    continue
                having = f"COUNT(DISTINCT ?value) {'<' if key == SH.minCount else '>'} {n}"
                query = (
                    f"SELECT ?this WHERE {{ {{ SELECT DISTINCT ?this WHERE {{ {where} }} }} "
                    f"OPTIONAL {{ ?this <{path}> ?value }} }} GROUP BY ?this HAVING ({having})"
                )
            elif key == SH.uniqueLang:
                if not (isinstance(obj, Literal) and bool(obj.toPython())):
                    continue
                query = (
                    f"SELECT DISTINCT ?this WHERE {{ {{ SELECT DISTINCT ?this WHERE {{ {where} }} }} "
                    f'?this <{path}> ?a, ?b . FILTER(?a != ?b && lang(?a) != "" && lang(?a) = lang(?b)) }}'
                )
            elif key in _VALUE_KEYS:
                condition = self.value_condition("?value", key, obj)
                query = (
                    f"SELECT DISTINCT ?this WHERE {{ {{ SELECT DISTINCT ?this WHERE {{ {where} }} }} "
                    f"?this <{path}> ?value . FILTER(!{condition}) }}"
                )
            else:
                raise UnsupportedShape(f"property shape {prop} uses {key}")
            out.append((query, str(path), _component(key)))
        return out


def _int(term: Node) -> int:
    if not isinstance(term, Literal):
        raise UnsupportedShape(f"expected a number, got {term!r}")
    return int(term.toPython())


def _component(key: Node) -> str:
    local = str(key).rsplit("#", 1)[-1]
    return local[:1].upper() + local[1:] + "ConstraintComponent"


def compile_shapes(shapes: Graph, subclasses: bool = True) -> list[tuple[str, str, str]]:
    """Every constraint of ``shapes`` as (SPARQL query, path, constraint component).

    ``subclasses=False`` when the data has no ``rdfs:subClassOf`` triple: class tests are then plain
    ``rdf:type`` lookups, with the same results and much faster.
    """
    return _Compiler(shapes, subclasses).queries()


def validate_store(store: ox.Store, shapes: Graph) -> list[Violation]:
    """The violations of the data in ``store`` (its default graph is the union of its graphs), sorted."""
    found: set[Violation] = set()
    has_subclasses = store.query(_PREFIXES + "ASK { ?a rdfs:subClassOf ?b }", use_default_graph_as_union=True)
    for query, path, component in compile_shapes(shapes, subclasses=bool(has_subclasses)):
        result = store.query(_PREFIXES + query, use_default_graph_as_union=True)
        assert isinstance(result, ox.QuerySolutions)
        for solution in result:
            focus = solution["this"]
            found.add(Violation(str(focus.value) if focus is not None else "", path, component))
    return sorted(found)


def validate_files(paths: Iterable[Path], shapes: Graph) -> list[Violation]:
    from danvan.graph.rdf.sparql import load_files

    return validate_store(load_files(list(paths)), shapes)


__all__ = ["UnsupportedShape", "Violation", "compile_shapes", "validate_files", "validate_store"]
