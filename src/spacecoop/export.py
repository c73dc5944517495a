"""Serialise the graph: Turtle and JSON-LD, byte for byte the same for the same input."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from .namespaces import PREFIXES
from .outputs import write_atomically

RDF_OUTPUTS = {"spacecoop.ttl": ox.RdfFormat.TURTLE, "spacecoop.jsonld": ox.RdfFormat.JSON_LD}


def sorted_triples(store: ox.Store) -> list[ox.Triple]:
    """Every triple of the default graph, sorted by its N-Triples text (no blank-node labels
    reach our outputs, so the order is stable)."""
    triples = [ox.Triple(q.subject, q.predicate, q.object) for q in store]
    triples.sort(key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    return triples


def rdf_bytes(triples: list[ox.Triple], rdf_format: ox.RdfFormat) -> bytes:
    """Serialise already sorted triples; Turtle gets our prefixes."""
    if rdf_format == ox.RdfFormat.TURTLE:
        return ox.serialize(triples, format=rdf_format, prefixes=PREFIXES)
    return ox.serialize(triples, format=rdf_format)


def write_rdf(store: ox.Store, folder: Path) -> list[Path]:
    """Write build/spacecoop.ttl and build/spacecoop.jsonld atomically."""
    triples = sorted_triples(store)
    return [
        write_atomically(folder / name, rdf_bytes(triples, rdf_format))
        for name, rdf_format in RDF_OUTPUTS.items()
    ]
