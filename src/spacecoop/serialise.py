"""Serialise the graph: Turtle, JSON-LD and a DCAT/VoID description, byte for byte the same
for the same input (the network exports are in export.py)."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from .namespaces import BASE, PREFIXES, RDF_TYPE, SC, XSD
from .outputs import write_atomically
from .query import bind, construct, construct_query

# The public SPARQL endpoint the dataset description names: a setting, never a default
# (the local `spacecoop serve` endpoint on 127.0.0.1 is nobody else's).
ENDPOINT_SETTING = "SPACECOOP_SPARQL_ENDPOINT"

CONTEXT_IRI = BASE + "context.jsonld"


def sorted_triples(store: ox.Store) -> list[ox.Quad]:
    """Every triple of the default graph, sorted by its N-Triples text (no blank-node labels
    reach our outputs, so the order is stable). They stay the store's quads of the default
    graph, which every serialiser takes as triples: making a Triple of each took longer than
    the sort."""
    triples = list(store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    # A quad of the default graph prints as its triple does, and a triple's text orders as
    # (subject, predicate, object) texts do: no IRI's text is a prefix of another's (each ends
    # with ">"), and the space between terms sorts first.
    triples.sort(key=str)
    return triples


def rdf_bytes(triples: list[ox.Triple] | list[ox.Quad], rdf_format: ox.RdfFormat) -> bytes:
    """Serialise already sorted triples; Turtle gets our prefixes, declared in sorted order
    (the serialiser's own order of declarations is not specified)."""
    if rdf_format != ox.RdfFormat.TURTLE:
        return ox.serialize(triples, format=rdf_format)
    text = ox.serialize(triples, format=rdf_format, prefixes=PREFIXES)
    declarations, end = [], 0
    while text.startswith(b"@prefix ", end):  # the declarations head the text, one per line
        newline = text.index(b"\n", end) + 1
        declarations.append(text[end:newline])
        end = newline
    return b"".join(sorted(declarations)) + text[end:]


def write_rdf(store: ox.Store, folder: Path, version: str) -> list[Path]:
    """Write build/spacecoop.ttl, build/spacecoop.jsonld (compact, with its @context inline),
    build/context.jsonld (that context alone, to publish at CONTEXT_IRI) and build/void.ttl,
    each atomically."""
    from .outputs import atomic_binary

    triples = sorted_triples(store)
    context = jsonld_context(triples)
    written = [write_atomically(folder / "spacecoop.ttl", rdf_bytes(triples, ox.RdfFormat.TURTLE))]
    with atomic_binary(folder / "spacecoop.jsonld") as stream:
        write_jsonld(triples, context, stream)
    written.append(folder / "spacecoop.jsonld")
    written.append(write_atomically(folder / "context.jsonld", _json({"@context": context})))
    description = rdf_bytes(dataset_description(store, version), ox.RdfFormat.TURTLE)
    written.append(write_atomically(folder / "void.ttl", description))
    return written


def dataset_description(store: ox.Store, version: str, endpoint: str | None = None):
    """DCAT and VoID triples for the built graph, from queries/construct/dataset-description.rq.

    The SPARQL endpoint is ``endpoint``, else the SPACECOOP_SPARQL_ENDPOINT environment
    variable; with neither, the description names none.
    """
    import os

    endpoint = endpoint or os.environ.get(ENDPOINT_SETTING) or None
    query = construct_query("dataset-description")
    given = {"version": version}
    if endpoint:
        given["endpoint"] = endpoint
    terms = bind(query, given)
    return sorted(construct(store, query, terms), key=str)


# --- JSON-LD --------------------------------------------------------------------------------
# Compact JSON-LD with our own context, written directly from the sorted triples (no JSON-LD
# library in the build, and the same bytes for the same graph). Our IRIs are relative to the
# base (country/JPN), the ontology's classes and properties are plain terms (State, holder),
# labels are language maps ({"en": …, "ja": …}). A value the context cannot say briefly
# (a literal of an IRI-valued property, a label without a language) keeps the compact IRI as
# its key with an explicit value object, so nothing is lost: tests/test_standards.py reads the
# file back with pyld and with rdflib and compares it with the Turtle.

_OWL = PREFIXES["owl"]
_TERM_KINDS = {
    _OWL + "ObjectProperty": "@id",
    _OWL + "DatatypeProperty": None,
    _OWL + "Class": "class",
}
# Terms for the reused vocabulary the data uses most: (term, IRI, coercion or container).
_REUSED = (
    ("altLabel", PREFIXES["skos"] + "altLabel", "@language"),
    ("comment", PREFIXES["rdfs"] + "comment", "@language"),
    ("definition", PREFIXES["skos"] + "definition", "@language"),
    ("exactMatch", PREFIXES["skos"] + "exactMatch", "@id"),
    ("identifier", PREFIXES["dcterms"] + "identifier", None),
    ("inScheme", PREFIXES["skos"] + "inScheme", "@id"),
    ("isPartOf", PREFIXES["dcterms"] + "isPartOf", "@id"),
    ("label", PREFIXES["rdfs"] + "label", "@language"),
    ("member", PREFIXES["org"] + "member", "@id"),
    ("organization", PREFIXES["org"] + "organization", "@id"),
    ("prefLabel", PREFIXES["skos"] + "prefLabel", "@language"),
    ("publisher", PREFIXES["dcterms"] + "publisher", "@id"),
    ("role", PREFIXES["org"] + "role", "@id"),
    ("source", PREFIXES["dcterms"] + "source", "@id"),
    ("subClassOf", PREFIXES["rdfs"] + "subClassOf", "@id"),
    ("subOrganizationOf", PREFIXES["org"] + "subOrganizationOf", "@id"),
    ("title", PREFIXES["dcterms"] + "title", None),
    ("url", PREFIXES["schema"] + "url", "@id"),
)
# Prefixes for IRIs outside our base (ours are relative to @base instead: a data prefix such
# as actor: would clash with the term actor, sc:actor).
_CONTEXT_PREFIXES = (
    "dcat",
    "dcterms",
    "org",
    "owl",
    "prov",
    "rdf",
    "rdfs",
    "sc",
    "schema",
    "skos",
    "xsd",
)
_EXTRA_PREFIXES = {
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vann": "http://purl.org/vocab/vann/",
    "void": "http://rdfs.org/ns/void#",
    "wd": "http://www.wikidata.org/entity/",
}


def jsonld_context(triples: list[ox.Triple]) -> dict:
    """The @context: our base, the prefixes, a term for every class and property the
    ontology in ``triples`` declares, and terms for the reused properties."""
    context: dict[str, object] = {"@version": 1.1, "@base": BASE, "id": "@id", "type": "@type"}
    prefixes = {name: PREFIXES[name] for name in _CONTEXT_PREFIXES} | _EXTRA_PREFIXES
    terms: dict[str, object] = {}
    for triple in triples:
        kind = triple.object.value if triple.predicate.value == RDF_TYPE else None
        name = triple.subject.value.removeprefix(SC)
        if kind not in _TERM_KINDS or name == triple.subject.value or not name.isidentifier():
            continue
        coercion = _TERM_KINDS[kind]
        if coercion == "class":
            terms[name] = "sc:" + name
        else:
            terms[name] = {"@id": "sc:" + name} | ({"@type": "@id"} if coercion else {})
    for name, iri, how in _REUSED:
        if name in terms:
            raise ValueError(f"the JSON-LD term {name!r} is both sc:{name} and {iri}")
        key = "@container" if how == "@language" else "@type"
        terms[name] = {"@id": _prefixed(iri, prefixes)} | ({key: how} if how else {})
    clash = set(terms) & (set(prefixes) | {"id", "type"})
    if clash:
        raise ValueError(f"JSON-LD terms that are also prefixes: {sorted(clash)}")
    return context | dict(sorted(prefixes.items())) | dict(sorted(terms.items()))


def write_jsonld(triples: list[ox.Triple], context: dict, stream) -> None:
    """Sorted triples as compact JSON-LD, {"@context": …, "@graph": [one node per subject]},
    written to a binary stream node by node (one node per line: readable, diffable, and json's
    fast encoder, where indent= is pure Python), so that no whole document is held."""
    import json

    head = json.dumps(context, ensure_ascii=False, indent=1).replace("\n", "\n ")
    stream.write(f'{{\n "@context": {head},\n "@graph": [\n  '.encode())
    for number, node in enumerate(_jsonld_nodes(triples, context)):
        if number:
            stream.write(b",\n  ")
        stream.write(json.dumps(node, ensure_ascii=False).encode())
    stream.write(b"\n ]\n}\n")


def _jsonld_nodes(triples: list[ox.Triple], context: dict):
    """The node object of each subject of sorted triples, in order."""
    from itertools import groupby

    terms = _term_index(context)
    classes = {k for k, v in context.items() if isinstance(v, str) and v.startswith("sc:")}
    prefixes = {
        k: v
        for k, v in context.items()
        if isinstance(v, str) and not k.startswith("@") and v.endswith(("#", "/"))
    }
    known: dict[object, str] = {}
    shortened: dict[str, str] = {}

    def node_id(term) -> str:  # the same IRIs come back as objects again and again
        found = known.get(term)
        if found is None:
            found = known[term] = _node_id(term, prefixes)
        return found

    def prefixed(iri: str) -> str:  # and the same datatypes and predicates
        found = shortened.get(iri)
        if found is None:
            found = shortened[iri] = _prefixed(iri, prefixes)
        return found

    for subject, group in groupby(triples, key=lambda t: t.subject):
        node: dict[str, object] = {"id": node_id(subject)}
        for predicate, values in groupby(group, key=lambda t: t.predicate.value):
            objects = [t.object for t in values]
            if predicate == RDF_TYPE and all(isinstance(o, ox.NamedNode) for o in objects):
                node["type"] = _one_or_many([_vocab(o.value, classes, prefixed) for o in objects])
                continue
            term, how = terms.get(predicate, (None, None))
            if term and how == "@id" and not any(isinstance(o, ox.Literal) for o in objects):
                node[term] = _one_or_many([node_id(o) for o in objects])
            elif term and how == "@language" and all(_is_lang(o) for o in objects):
                languages: dict[str, list[str]] = {}
                for o in objects:
                    languages.setdefault(o.language, []).append(o.value)
                node[term] = {lang: _one_or_many(v) for lang, v in sorted(languages.items())}
            elif term and how is None:
                node[term] = _one_or_many([_value(o, node_id, prefixed) for o in objects])
            else:
                key = prefixed(predicate)
                node[key] = node.get(key, []) + [
                    _value(o, node_id, prefixed, explicit=True) for o in objects
                ]
        types = {"type": node.pop("type")} if "type" in node else {}
        yield {"id": node.pop("id"), **types, **node}


def _term_index(context: dict) -> dict[str, tuple[str, str | None]]:
    """Expanded property IRI -> (term, "@id" | "@language" | None)."""
    prefixes = {k: v for k, v in context.items() if isinstance(v, str) and v.endswith(("#", "/"))}
    index = {}
    for term, definition in context.items():
        if not isinstance(definition, dict):
            continue
        prefix, local = definition["@id"].split(":", 1)
        how = definition.get("@type") or definition.get("@container")
        index[prefixes[prefix] + local] = (term, how)
    return index


def _node_id(term, prefixes: dict[str, str]) -> str:
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    iri = term.value
    relative = iri.removeprefix(BASE)
    if iri.startswith(SC) or relative == iri or not relative:
        return _prefixed(iri, prefixes)
    if ":" in relative.split("/", 1)[0] or relative.startswith(("#", "?", "/")):
        return iri
    return relative


def _vocab(iri: str, classes: set[str], prefixed) -> str:
    local = iri.removeprefix(SC)
    return local if local in classes else prefixed(iri)


def _prefixed(iri: str, prefixes: dict[str, str]) -> str:
    for name, namespace in prefixes.items():
        local = iri.removeprefix(namespace)
        if local != iri and local and all(c.isalnum() or c in "-_." for c in local):
            return f"{name}:{local}"
    return iri


def _is_lang(term) -> bool:
    return isinstance(term, ox.Literal) and term.language is not None


def _value(term, node_id, prefixed, explicit: bool = False):
    """A node's or literal's JSON-LD value; ``node_id`` and ``prefixed`` shorten IRIs."""
    if isinstance(term, (ox.NamedNode, ox.BlankNode)):
        return {"id": node_id(term)}
    if term.language:
        return {"@value": term.value, "@language": term.language}
    datatype = term.datatype.value
    if datatype == _XSD_STRING:
        return {"@value": term.value} if explicit else term.value
    return {"@value": term.value, "@type": prefixed(datatype)}


_XSD_STRING = XSD + "string"


def _one_or_many(values: list):
    return values[0] if len(values) == 1 else values


def _json(document: dict) -> bytes:
    import json

    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
