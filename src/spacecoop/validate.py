"""Validate the graph against the SHACL shapes with pySHACL, as typed rows a user can act on.

Each row says where the offending subject is defined (file and line), which subject, which
property, what is wrong (the shape's ``sh:message``) and how to fix it (the shape's
``sh:description``).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from .load import Origin, load
from .namespaces import compact

_SH = "http://www.w3.org/ns/shacl#"


@dataclass(frozen=True, order=True)
class Violation:
    """One failed constraint, with what a user needs to find and fix it."""

    where: str
    focus: str
    path: str
    message: str
    fix: str
    severity: str
    constraint: str
    value: str
    shape: str


@dataclass(frozen=True)
class ValidationReport:
    """Rows sorted by file, line and subject; the data conforms when there are no violations."""

    rows: tuple[Violation, ...]

    @property
    def conforms(self) -> bool:
        return not any(row.severity == "Violation" for row in self.rows)

    def results(self) -> set[tuple[str, str, str]]:
        """(focus node, path, constraint component) triples, for comparing reports as sets."""
        return {(row.focus, row.path, row.constraint) for row in self.rows}


def load_shapes(paths: Iterable[Path]):
    """Parse the shapes files into an rdflib graph (pySHACL's input)."""
    return to_rdflib(load(paths).store)


def validate(store: ox.Store, shapes, origins: dict[str, Origin]) -> ValidationReport:
    """Run the shapes over ``store`` (ontology, data and derived triples) in memory."""
    import pyshacl

    _quiet_rdflib()
    _, report_graph, _ = pyshacl.validate(
        to_rdflib(store),
        shacl_graph=shapes,
        inference="none",
        abort_on_first=False,
        inplace=True,  # the rdflib copy is ours alone: no second copy
        allow_warnings=True,
        advanced=False,
    )
    return ValidationReport(tuple(sorted(_rows(report_graph, shapes, origins))))


def to_rdflib(store: ox.Store):
    """Copy an Oxigraph store into an rdflib Graph, term by term."""
    import rdflib

    _quiet_rdflib()
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
        else:
            made = rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))
        nodes[term] = made
        return made

    add = graph.add
    for quad in store:
        add((convert(quad.subject), convert(quad.predicate), convert(quad.object)))
    return graph


def _rows(report_graph, shapes, origins: dict[str, Origin]):
    import rdflib

    sh = rdflib.Namespace(_SH)
    for result in report_graph.subjects(rdflib.RDF.type, sh.ValidationResult):
        focus = report_graph.value(result, sh.focusNode)
        path = report_graph.value(result, sh.resultPath)
        shape = report_graph.value(result, sh.sourceShape)
        value = report_graph.value(result, sh.value)
        messages = sorted(str(m) for m in report_graph.objects(result, sh.resultMessage))
        fix = shapes.value(shape, sh.description) if shape is not None else None
        origin = origins.get(str(focus))
        yield Violation(
            where=str(origin) if origin else "(derived)",
            focus=compact(str(focus)),
            path=compact(str(path)) if isinstance(path, rdflib.URIRef) else _path_text(path),
            message=messages[0] if messages else "",
            fix=str(fix) if fix else "",
            severity=str(report_graph.value(result, sh.resultSeverity)).removeprefix(_SH),
            constraint=str(report_graph.value(result, sh.sourceConstraintComponent)).removeprefix(
                _SH
            ),
            value=_term_text(value),
            shape=compact(str(shape)) if isinstance(shape, rdflib.URIRef) else "",
        )


def _path_text(path) -> str:
    return "" if path is None else "(complex path)"


def _term_text(term) -> str:
    if term is None:
        return ""
    return compact(str(term)) if term.__class__.__name__ == "URIRef" else str(term)


def _quiet_rdflib() -> None:
    """rdflib logs a traceback for every ill-typed literal; the shapes report those instead."""
    logging.getLogger("rdflib.term").setLevel(logging.CRITICAL)
