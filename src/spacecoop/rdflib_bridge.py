"""The bridge to rdflib, for the libraries that read only rdflib graphs (pySHACL, rdflib's own
SPARQL engine as a second opinion): Oxigraph terms and graphs in, rdflib's out, and back."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from itertools import chain

import pyoxigraph as ox

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def to_rdflib(store: ox.Store, predicates: Iterable[str] | None = None):
    """Copy an Oxigraph store (or only the triples with these predicates) into an rdflib Graph."""
    import rdflib

    quiet_rdflib()
    graph = rdflib.Graph()
    nodes: dict[object, object] = {}

    def convert(term):
        known = nodes.get(term)
        if known is not None:
            return known
        if isinstance(term, ox.NamedNode):
            made = rdflib.URIRef(term.value)
        elif isinstance(term, ox.BlankNode):
            made = rdflib.BNode(term.value)
        elif term.language:
            made = rdflib.Literal(term.value, lang=term.language)
        elif term.datatype.value == _XSD_STRING:  # as rdflib's own parsers make it, so that
            made = rdflib.Literal(term.value)  # a plain "JPN" in a SPARQL text matches it
        else:
            made = rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))
        nodes[term] = made
        return made

    if predicates is None:
        quads = iter(store)
    else:
        quads = chain.from_iterable(
            store.quads_for_pattern(None, ox.NamedNode(p), None) for p in predicates
        )
    add = graph.add
    for quad in quads:
        add((convert(quad.subject), convert(quad.predicate), convert(quad.object)))
    return graph


def from_rdflib(term):
    """An rdflib term (or None, an unbound variable) as the Oxigraph term it stands for."""
    import rdflib

    if term is None:
        return None
    if isinstance(term, rdflib.URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, rdflib.BNode):
        return ox.BlankNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    datatype = term.datatype or rdflib.XSD.string
    return ox.Literal(str(term), datatype=ox.NamedNode(str(datatype)))


def quiet_rdflib() -> None:
    """rdflib logs a traceback for every ill-typed literal; the shapes report those instead."""
    logging.getLogger("rdflib.term").setLevel(logging.CRITICAL)
