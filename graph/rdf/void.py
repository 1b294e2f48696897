"""The dataset description (VoID and DCAT): title, licence, counts, the build activity, creation date.

It is written after the data, once the data's triples are counted: ``void:triples`` is the number
of triples in the whole file, the description's own triples included, so a reader can check it
against what it parsed.
"""

from __future__ import annotations

import datetime as dt

from danvan.graph.rdf import terms
from danvan.graph.rdf.iris import SCHEME, percent_encode
from danvan.graph.rdf.mapping import MAPPING, RdfMapping
from danvan.graph.rdf.triples import RDF_TYPE, Block, sort_pairs


def check_created(created: str | None) -> str | None:
    """The ``--created`` date as ``YYYY-MM-DD``; a ValueError names what is wrong."""
    if created is None:
        return None
    try:
        return dt.date.fromisoformat(created.strip()).isoformat()
    except ValueError:
        raise ValueError(f"--created must be a date as YYYY-MM-DD, got {created!r}") from None


def licence_iri(base: str, licence: str) -> str:
    """The licence IRI: absolute as given, or relative to the dataset's base (``licence`` -> ``<base>licence``)."""
    if SCHEME.match(licence):
        return percent_encode(licence)
    return base + percent_encode(licence)


def dataset_iri(base: str) -> str:
    return base + "dataset"


def description_blocks(
    base: str,
    label_counts: dict[str, int],
    data_triples: int,
    created: str | None,
    mapping: RdfMapping = MAPPING,
    licence: str | None = None,
    activity: str | None = None,
) -> list[Block]:
    """Blocks describing the dataset; ``base`` must already be normalised."""
    m = mapping
    created = check_created(created)
    ds = dataset_iri(base)
    void = m.prefixes.get("void", "http://rdfs.org/ns/void#")
    dcat = m.prefixes.get("dcat", "http://www.w3.org/ns/dcat#")
    dcterms = m.prefixes.get("dcterms", "http://purl.org/dc/terms/")

    def build(total: int) -> list[Block]:
        pairs = [
            (RDF_TYPE, terms.iri(void + "Dataset")),
            (RDF_TYPE, terms.iri(dcat + "Dataset")),
            (dcterms + "title", terms.lang_literal(m.dataset.title_vi, "vi")),
            (dcterms + "title", terms.lang_literal(m.dataset.title_en, "en")),
            (dcterms + "license", terms.iri(licence_iri(base, licence or m.dataset.license))),
            (void + "uriSpace", terms.plain_literal(base)),
            (void + "triples", terms.integer_literal(total)),
            (void + "entities", terms.integer_literal(sum(label_counts.values()))),
        ]
        if activity is not None:
            pairs.append((m.prefixes.get("prov", "http://www.w3.org/ns/prov#") + "wasGeneratedBy", terms.iri(activity)))
        if m.dataset.description_en:
            pairs.append((dcterms + "description", terms.lang_literal(m.dataset.description_en, "en")))
        if created is not None:
            pairs.append((dcterms + "created", terms.date_literal(created)))
            pairs.append((dcterms + "issued", terms.date_literal(created)))
        for prefix, namespace in sorted(m.prefixes.items()):
            if prefix not in ("rdf", "rdfs", "xsd"):
                pairs.append((void + "vocabulary", terms.iri(namespace)))
        blocks: list[Block] = []
        for label, cls in sorted(m.classes.items()):
            partition = f"{ds}/{cls.segment}"
            pairs.append((void + "classPartition", terms.iri(partition)))
            blocks.append(
                (
                    partition,
                    sort_pairs(
                        [
                            (void + "class", terms.iri(cls.iri)),
                            (void + "entities", terms.integer_literal(label_counts.get(label, 0))),
                        ]
                    ),
                )
            )
        return sorted([(ds, sort_pairs(pairs)), *blocks])

    # The description's size does not depend on the numbers in it: count it once, then fill in.
    own = sum(len(p) for _, p in build(0))
    return build(data_triples + own)
