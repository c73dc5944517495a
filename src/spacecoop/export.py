"""Serialise the graph: Turtle, JSON-LD and a DCAT/VoID description, byte for byte the same
for the same input."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from .namespaces import BASE, PREFIXES, RDF_TYPE, SC
from .outputs import write_atomically

DATASET = BASE + "dataset"
LICENCE = "https://creativecommons.org/licenses/by/4.0/"
VOCABULARIES = ("dcterms", "org", "owl", "prov", "rdfs", "schema", "skos", "sc")

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
    description = sorted(dataset_description(store, version), key=lambda t: str(t))
    written.append(write_atomically(folder / "void.ttl", rdf_bytes(description, ox.RdfFormat.TURTLE)))
    return written


def dataset_description(store: ox.Store, version: str, endpoint: str | None = None) -> list[ox.Triple]:
    """DCAT and VoID triples describing the built graph: version, licence, size, sources,
    the local endpoint and the dump files."""
    p = {name: (lambda local, ns=ns: ox.NamedNode(ns + local)) for name, ns in PREFIXES.items()}
    dataset = ox.NamedNode(DATASET)
    subjects = {q.subject for q in store if isinstance(q.subject, ox.NamedNode)}
    sources = {q.subject for q in store.quads_for_pattern(None, ox.NamedNode(RDF_TYPE), ox.NamedNode(SC + "Source"))}
    sources |= {q.subject for q in store.quads_for_pattern(None, ox.NamedNode(RDF_TYPE), ox.NamedNode(SC + "PolicyEvaluation"))}
    integer = ox.NamedNode(PREFIXES["xsd"] + "integer")
    triples = [
        ox.Triple(dataset, ox.NamedNode(RDF_TYPE), p["dcat"]("Dataset")),
        ox.Triple(dataset, ox.NamedNode(RDF_TYPE), p["void"]("Dataset")),
        ox.Triple(dataset, p["dcterms"]("title"), ox.Literal("spacecoop: a knowledge graph of international space cooperation", language="en")),
        ox.Triple(dataset, p["dcterms"]("title"), ox.Literal("spacecoop：国際宇宙協力のナレッジグラフ", language="ja")),
        ox.Triple(dataset, p["dcterms"]("description"), ox.Literal("Who cooperates with whom in space, through which frameworks, agreements and dialogues, since when, and according to which source.", language="en")),
        ox.Triple(dataset, p["dcterms"]("license"), ox.NamedNode(LICENCE)),
        ox.Triple(dataset, p["owl"]("versionInfo"), ox.Literal(version)),
        ox.Triple(dataset, p["void"]("triples"), ox.Literal(str(len(store)), datatype=integer)),
        ox.Triple(dataset, p["void"]("entities"), ox.Literal(str(len(subjects)), datatype=integer)),
        ox.Triple(dataset, p["void"]("uriSpace"), ox.Literal(BASE)),
        ox.Triple(dataset, p["void"]("sparqlEndpoint"), ox.NamedNode(endpoint or "http://127.0.0.1:7878/query")),
    ]
    triples += [ox.Triple(dataset, p["void"]("vocabulary"), ox.NamedNode(PREFIXES[v])) for v in VOCABULARIES]
    triples += [ox.Triple(dataset, p["dcterms"]("source"), source) for source in sources]
    for name, rdf_format in RDF_OUTPUTS.items():
        distribution = ox.NamedNode(f"{DATASET}/{name}")
        triples += [
            ox.Triple(dataset, p["dcat"]("distribution"), distribution),
            ox.Triple(dataset, p["void"]("dataDump"), ox.NamedNode(f"{BASE}dump/{name}")),
            ox.Triple(distribution, ox.NamedNode(RDF_TYPE), p["dcat"]("Distribution")),
            ox.Triple(distribution, p["dcat"]("downloadURL"), ox.NamedNode(f"{BASE}dump/{name}")),
            ox.Triple(distribution, p["dcat"]("mediaType"), ox.Literal(rdf_format.media_type)),
        ]
    return triples
