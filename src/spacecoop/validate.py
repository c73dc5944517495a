"""Validate the graph against the SHACL shapes, as typed rows a user can act on.

Two engines give the same rows: ``shacl_core`` checks the SHACL Core components our shapes use
on the Oxigraph store itself (the default, 10–15× faster), and pySHACL on an rdflib copy (the
reference, and the engine for shapes that use anything else, such as SPARQL constraints). The
tests compare the two on every invalid fixture and on mutated graphs.

Each row says where the offending subject is defined (file and line), which subject, which
property, what is wrong (the shape's ``sh:message``) and how to fix it (the shape's
``sh:description``).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import pyoxigraph as ox

from .children import run_forked
from .load import Origin, load
from .namespaces import compact
from .rdflib_bridge import quiet_rdflib, to_rdflib

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


class ShapesGraph:
    """The parsed shapes: an Oxigraph store, and the rdflib copy pySHACL reads, made when
    first asked for."""

    def __init__(self, store: ox.Store):
        self.store = store
        self._rdflib = None

    @property
    def rdflib(self):
        if self._rdflib is None:
            self._rdflib = to_rdflib(self.store)
        return self._rdflib


def load_shapes(paths: Iterable[Path]) -> ShapesGraph:
    """Parse the shapes files."""
    return ShapesGraph(load(paths).store)


ENGINES = ("auto", "core", "pyshacl")


def validate(
    store: ox.Store,
    shapes: ShapesGraph,
    origins: dict[str, Origin],
    *,
    workers: int | None = None,
    engine: str = "auto",
) -> ValidationReport:
    """Run the shapes over ``store`` (ontology, data and derived triples) in memory.

    ``engine`` "core" is ``spacecoop.shacl_core`` on the store, "pyshacl" is pySHACL, "auto"
    (the default) is core unless the shapes use a component it does not implement.
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; one of {ENGINES}")
    if engine != "pyshacl":
        from . import shacl_core

        core_shapes = shacl_core.Shapes(shapes.store)
        if engine == "core" or not core_shapes.unsupported:
            if core_shapes.unsupported:
                raise ValueError(f"shacl_core does not implement {sorted(core_shapes.unsupported)}")
            results = shacl_core.validate_store(store, core_shapes)
            return ValidationReport(tuple(sorted(set(_core_rows(results, shapes.store, origins)))))
    return _validate_pyshacl(store, shapes.rdflib, origins, workers)


def _core_rows(results, shapes_store: ox.Store, origins: dict[str, Origin]):
    description = ox.NamedNode(_SH + "description")
    fixes: dict = {}
    for result in results:
        if result.shape not in fixes:
            found = list(shapes_store.quads_for_pattern(result.shape, description, None))
            fixes[result.shape] = found[0].object.value if found else ""
        origin = origins.get(result.focus.value)
        path = result.path
        yield Violation(
            where=str(origin) if origin else "(derived)",
            focus=compact(result.focus.value),
            path=""
            if path is None
            else compact(path.value)
            if isinstance(path, ox.NamedNode)
            else "(complex path)",
            message=result.messages[0] if result.messages else "",
            fix=fixes[result.shape],
            severity=result.severity,
            constraint=result.component,
            value=_ox_text(result.value),
            shape=compact(result.shape.value) if isinstance(result.shape, ox.NamedNode) else "",
        )


def _ox_text(term) -> str:
    if term is None:
        return ""
    return compact(term.value) if isinstance(term, ox.NamedNode) else term.value


def _validate_pyshacl(store: ox.Store, shapes, origins, workers) -> ValidationReport:
    """pySHACL on rdflib copies of the store.

    pySHACL is single-threaded and most of a large build's time, so on a large graph the
    top-level shapes are split into ``workers`` groups of about equal work, each validated in
    a forked process on a copy of only the triples its shapes read. Small graphs stay in this
    process: there a fork costs more than it saves. The rows are the same either way.
    """
    if workers is None:
        workers = _available_cpus() if len(store) >= PARALLEL_FROM_TRIPLES else 1
    groups = _shape_groups(store, shapes, workers)
    tasks = [partial(_validate_group, store, group, shapes, origins) for group in groups]
    if len(tasks) == 1 or "fork" not in multiprocessing.get_all_start_methods():
        rows = [row for task in tasks for row in task()]
    else:
        rows = [row for part in run_forked(tasks) for row in part]
    return ValidationReport(tuple(sorted(rows)))


PARALLEL_FROM_TRIPLES = 5_000
"""Graphs at least this large are validated in parallel: the real graph (~10k triples) takes
0.4 s in two processes instead of 0.7 s in one; the small test fixtures stay in one."""

_MAX_WORKERS = 4  # each worker holds its own rdflib copy of part of the graph

_TARGETS = ("targetClass", "targetSubjectsOf", "targetObjectsOf", "targetNode")
_READS = (
    "path",
    "targetSubjectsOf",
    "targetObjectsOf",
    "lessThan",
    "lessThanOrEquals",
    "equals",
    "disjoint",
)
_NOT_CHECKS = (*_TARGETS, "path", "message", "description", "name", "severity", "deactivated")
_NESTING = ("or", "and", "xone", "not", "node", "qualifiedValueShape")
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_SUBCLASS_OF = "http://www.w3.org/2000/01/rdf-schema#subClassOf"


@dataclass(frozen=True)
class _ShapeGroup:
    """Shapes graph keeping the targets of some top-level shapes, and the predicates they read."""

    shapes: object
    predicates: tuple[str, ...] | None  # None: the shapes may read any triple


def _validate_group(store: ox.Store, group: _ShapeGroup, shapes, origins) -> list[Violation]:
    import pyshacl

    quiet_rdflib()
    _, report_graph, _ = pyshacl.validate(
        to_rdflib(store, group.predicates),
        shacl_graph=group.shapes,
        inference="none",
        abort_on_first=False,
        inplace=True,  # the rdflib copy is ours alone: no second copy
        allow_warnings=True,
        advanced=False,
    )
    return list(_rows(report_graph, shapes, origins))


def _shape_groups(store: ox.Store, shapes, workers: int) -> list[_ShapeGroup]:
    """Split the top-level shapes into at most ``workers`` groups of similar estimated work.

    A shape's work is estimated as its focus nodes times the cost of its checks (its own and
    those of the shapes it uses). A group's shapes graph is the whole shapes graph without the
    targets of the other groups' shapes, so every constraint keeps its meaning, and without the
    documentation pySHACL does not read (it costs it time on every check). Each group's data is
    only the predicates its shapes read, unless a shape uses SPARQL, which may read anything.
    """
    import rdflib

    sh = rdflib.Namespace(_SH)
    target_triples = [t for name in _TARGETS for t in shapes.triples((None, sh[name], None))]
    tops = sorted({s for s, _, _ in target_triples})
    definitions = {top: _definition(shapes, top) for top in tops}
    bins = [tops]
    if workers > 1 and len(tops) > 1:
        focus_counts = _focus_counts(store, target_triples)
        work = {top: focus_counts.get(top, 0) * _checks(definitions[top]) for top in tops}
        bins = [[] for _ in range(min(workers, _MAX_WORKERS, len(tops)))]
        loads = [0] * len(bins)
        for top in sorted(tops, key=lambda t: (-work[t], str(t))):  # largest first, deterministic
            lightest = loads.index(min(loads))
            bins[lightest].append(top)
            loads[lightest] += work[top]
    documentation = {sh.description, sh.name, rdflib.RDFS.label, rdflib.RDFS.comment}
    # A SPARQL-based constraint or constraint component may read any triple.
    sparql = any((None, sh[name], None) in shapes for name in ("select", "ask"))
    groups = []
    for members in bins:
        kept = set(members)
        graph = rdflib.Graph()
        for triple in shapes:
            if triple[1] in documentation:
                continue
            if _local(triple[1]) in _TARGETS and triple[0] not in kept:
                continue
            graph.add(triple)
        read = set().union(*(definitions[m] for m in members))
        groups.append(_ShapeGroup(graph, None if sparql else _predicates_read(read)))
    return groups


def _checks(definition) -> int:
    """Estimated cost of one focus node: its constraint parameters, a shape-taking one (sh:or,
    sh:qualifiedValueShape, …) counted as four, as pySHACL validates a nested shape per value."""
    cost = 0
    for _, predicate, _ in definition:
        name = _local(predicate)
        if str(predicate).startswith(_SH) and name not in _NOT_CHECKS:
            cost += 4 if name in _NESTING else 1
    return cost


def _definition(shapes, node) -> set:
    """The triples describing ``node`` and every shape, list or node it refers to."""
    seen, triples, todo = {node}, set(), [node]
    while todo:
        for triple in shapes.triples((todo.pop(), None, None)):
            triples.add(triple)
            obj = triple[2]
            if obj not in seen and (obj, None, None) in shapes:
                seen.add(obj)
                todo.append(obj)
    return triples


def _predicates_read(triples) -> tuple[str, ...] | None:
    """The data predicates these shape triples can look at, or None if that is not bounded.

    Core constraints read the values of their paths, the targets' predicates, the compared
    properties and class membership; a complex path or a closed shape could read anything.
    """
    import rdflib

    read = {_RDF_TYPE, _SUBCLASS_OF}
    for _, predicate, obj in triples:
        name = _local(predicate)
        if name == "closed":
            return None
        if name in _READS:
            if not isinstance(obj, rdflib.URIRef):
                return None
            read.add(str(obj))
    return tuple(sorted(read))


def _focus_counts(store: ox.Store, target_triples) -> dict:
    """Focus nodes per top-level shape, counted in Oxigraph (an estimate for balancing)."""
    counts: dict = {}
    for shape, kind, target in target_triples:
        term = f"<{target}>"
        pattern = {
            "targetClass": f"?x a/<{_SUBCLASS_OF}>* {term}",
            "targetSubjectsOf": f"?x {term} ?o",
            "targetObjectsOf": f"?s {term} ?x",
        }.get(_local(kind))
        if pattern is None:  # sh:targetNode
            found = 1
        else:
            query = f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {pattern} }}"
            found = int(next(iter(store.query(query)))["n"].value)
        counts[shape] = counts.get(shape, 0) + found
    return counts


def _available_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _local(term) -> str:
    """The name of a SHACL term (sh:path -> "path"); other terms are returned whole."""
    return str(term).removeprefix(_SH)


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
