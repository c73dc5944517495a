"""Serialise the graph: Turtle, JSON-LD and a DCAT/VoID description, byte for byte the same
for the same input."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from .namespaces import PREFIXES
from .outputs import write_atomically
from .query import bind, construct, construct_query

DEFAULT_ENDPOINT = "http://127.0.0.1:7878/query"

RDF_OUTPUTS = {"spacecoop.ttl": ox.RdfFormat.TURTLE, "spacecoop.jsonld": ox.RdfFormat.JSON_LD}


def sorted_triples(store: ox.Store) -> list[ox.Triple]:
    """Every triple of the default graph, sorted by its N-Triples text (no blank-node labels
    reach our outputs, so the order is stable)."""
    triples = [ox.Triple(q.subject, q.predicate, q.object) for q in store]
    triples.sort(key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    return triples


def rdf_bytes(triples: list[ox.Triple], rdf_format: ox.RdfFormat) -> bytes:
    """Serialise already sorted triples; Turtle gets our prefixes, declared in sorted order
    (the serialiser's own order of declarations is not specified)."""
    if rdf_format != ox.RdfFormat.TURTLE:
        return ox.serialize(triples, format=rdf_format)
    text = ox.serialize(triples, format=rdf_format, prefixes=PREFIXES)
    lines = text.split(b"\n")
    declarations = [line for line in lines if line.startswith(b"@prefix ")]
    body = lines[len(declarations) :]
    return b"\n".join(sorted(declarations) + body)


def write_rdf(store: ox.Store, folder: Path, version: str) -> list[Path]:
    """Write build/spacecoop.ttl, build/spacecoop.jsonld and build/void.ttl atomically."""
    triples = sorted_triples(store)
    written = [
        write_atomically(folder / name, rdf_bytes(triples, rdf_format))
        for name, rdf_format in RDF_OUTPUTS.items()
    ]
    description = rdf_bytes(dataset_description(store, version), ox.RdfFormat.TURTLE)
    written.append(write_atomically(folder / "void.ttl", description))
    return written


def dataset_description(store: ox.Store, version: str, endpoint: str = DEFAULT_ENDPOINT):
    """DCAT and VoID triples for the built graph, from queries/construct/dataset-description.rq."""
    query = construct_query("dataset-description")
    terms = bind(query, {"version": version, "endpoint": endpoint})
    return sorted(construct(store, query, terms), key=str)
