"""SHACL Core on the Oxigraph store itself, for the components our shapes use (issue 23).

pySHACL needs an rdflib copy of the graph (15 s of its 44 s at a million triples) and checks
one focus node at a time. Here each property shape reads its path once, for all its focus
nodes, from the store, and each constraint component is checked as the SHACL specification
defines it (https://www.w3.org/TR/shacl/#core-components). pySHACL stays the reference: the
tests compare the two on every invalid fixture and on mutated graphs.

Supported: targets (class, subjects of, objects of, node), paths (a predicate, an inverse, a
sequence of those), and the components class, datatype, nodeKind, minCount, maxCount,
minInclusive, pattern, languageIn, in, lessThan, or, not, node, qualifiedValueShape with
qualifiedMinCount and qualifiedMaxCount. ``unsupported`` names anything else a shapes graph
uses, so the caller can fall back to pySHACL.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

import pyoxigraph as ox

from .collector import collector_paused

SH = "http://www.w3.org/ns/shacl#"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_TYPE = ox.NamedNode(_RDF + "type")
_SUBCLASS = ox.NamedNode(_RDFS + "subClassOf")

_PARAMETERS = {
    "class",
    "datatype",
    "nodeKind",
    "minCount",
    "maxCount",
    "minInclusive",
    "pattern",
    "flags",
    "languageIn",
    "in",
    "lessThan",
    "or",
    "not",
    "node",
    "property",
    "qualifiedValueShape",
    "qualifiedMinCount",
    "qualifiedMaxCount",
}
_IGNORED = {
    "path",
    "inversePath",
    "targetClass",
    "targetSubjectsOf",
    "targetObjectsOf",
    "targetNode",
    "message",
    "description",
    "name",
    "severity",
    "deactivated",
    "order",
    "group",
}


@dataclass(frozen=True)
class Result:
    """One validation result, in the terms of a SHACL report."""

    focus: object
    path: object  # None for a node shape; an IRI, or the path's node for a complex path
    value: object  # None where the component reports no value
    shape: object
    component: str  # e.g. "MinCountConstraintComponent"
    severity: str  # "Violation", "Warning" or "Info"
    messages: tuple[str, ...]


@dataclass
class _Shape:
    node: object
    path: object = None  # the sh:path node; None for a node shape
    steps: tuple = ()  # ((predicate, inverse), ...)
    params: dict = field(default_factory=dict)
    properties: list = field(default_factory=list)
    severity: str = "Violation"
    messages: tuple[str, ...] = ()
    deactivated: bool = False


class Shapes:
    """A shapes graph read from an Oxigraph store, shapes compiled once."""

    def __init__(self, store: ox.Store):
        self.store = store
        self._compiled: dict = {}
        self._lists: dict = {}
        self._sets: dict = {}
        self.unsupported: set[str] = set()
        for quad in store:
            if quad.predicate.value.startswith(SH):
                name = quad.predicate.value.removeprefix(SH)
                if name not in _PARAMETERS and name not in _IGNORED:
                    self.unsupported.add(name)
        self.unsupported -= {
            "NodeShape",
            "PropertyShape",
            "IRI",
            "Literal",
            "BlankNode",
            "BlankNodeOrIRI",
            "BlankNodeOrLiteral",
            "IRIOrLiteral",
            "Violation",
            "Warning",
            "Info",
        }
        self.tops = []
        seen = set()
        for name in ("targetClass", "targetSubjectsOf", "targetObjectsOf", "targetNode"):
            for quad in store.quads_for_pattern(None, ox.NamedNode(SH + name), None):
                if quad.subject not in seen:
                    seen.add(quad.subject)
                    self.tops.append(quad.subject)

    def objects(self, node, name: str) -> list:
        return [q.object for q in self.store.quads_for_pattern(node, ox.NamedNode(SH + name), None)]

    def one(self, node, name: str):
        found = self.objects(node, name)
        return found[0] if found else None

    def items(self, head) -> list:
        """The members of an RDF list (read once)."""
        found = self._lists.get(head)
        if found is None:
            found = self._lists[head] = self._read_list(head)
        return found

    def item_set(self, head) -> set:
        found = self._sets.get(head)
        if found is None:
            found = self._sets[head] = set(self.items(head))
        return found

    def _read_list(self, head) -> list:
        first, rest, nil = (ox.NamedNode(_RDF + n) for n in ("first", "rest", "nil"))
        out = []
        while head is not None and head != nil:
            out += [q.object for q in self.store.quads_for_pattern(head, first, None)]
            nxt = [q.object for q in self.store.quads_for_pattern(head, rest, None)]
            head = nxt[0] if nxt else None
        return out

    def shape(self, node) -> _Shape:
        found = self._compiled.get(node)
        if found is not None:
            return found
        shape = _Shape(node)
        self._compiled[node] = shape
        path = self.one(node, "path")
        if path is not None:
            shape.path = path
            shape.steps = tuple(self._steps(path))
        for name in _PARAMETERS - {"property", "flags"}:
            values = self.objects(node, name)
            if values:
                shape.params[name] = values
        shape.properties = [self.shape(p) for p in self.objects(node, "property")]
        severity = self.one(node, "severity")
        if severity is not None:
            shape.severity = severity.value.removeprefix(SH)
        shape.messages = tuple(sorted(m.value for m in self.objects(node, "message")))
        deactivated = self.one(node, "deactivated")
        shape.deactivated = deactivated is not None and deactivated.value == "true"
        return shape

    def _steps(self, path):
        if isinstance(path, ox.NamedNode) and not path.value.startswith(_RDF + "nil"):
            rest = [
                q for q in self.store.quads_for_pattern(path, ox.NamedNode(_RDF + "first"), None)
            ]
            if not rest:
                return [(path, False)]
        inverse = self.one(path, "inversePath")
        if inverse is not None:
            return [(inverse, True)]
        members = self.items(path)
        if not members:
            raise ValueError(f"unsupported path {path}")
        steps = []
        for member in members:
            steps += self._steps(member)
        return steps


class _Data:
    """The data graph, with the class closure and each predicate's values cached."""

    def __init__(self, store: ox.Store):
        self.store = store
        self._instances: dict = {}
        self._forward: dict = {}
        self._backward: dict = {}

    def instances(self, cls) -> set:
        found = self._instances.get(cls)
        if found is None:
            classes, todo = {cls}, [cls]
            while todo:
                for quad in self.store.quads_for_pattern(None, _SUBCLASS, todo.pop()):
                    if quad.subject not in classes:
                        classes.add(quad.subject)
                        todo.append(quad.subject)
            found = {
                q.subject for c in classes for q in self.store.quads_for_pattern(None, _TYPE, c)
            }
            self._instances[cls] = found
        return found

    def values(self, predicate, inverse: bool) -> dict:
        cache = self._backward if inverse else self._forward
        found = cache.get(predicate)
        if found is None:
            found = defaultdict(list)
            for quad in self.store.quads_for_pattern(None, predicate, None, ox.DefaultGraph()):
                if inverse:
                    found[quad.object].append(quad.subject)
                else:
                    found[quad.subject].append(quad.object)
            cache[predicate] = found
        return found

    def path_values(self, steps, focus) -> list:
        current = [focus]
        for predicate, inverse in steps:
            table = self.values(predicate, inverse)
            following = []
            for node in current:
                following += table.get(node, ())
            current = list(dict.fromkeys(following))
        return current


@collector_paused()
def validate_store(data_store: ox.Store, shapes: Shapes) -> list[Result]:
    """Every result of the shapes on the data (the default graph of ``data_store``)."""
    data = _Data(data_store)
    results: list[Result] = []
    for top in shapes.tops:
        shape = shapes.shape(top)
        if shape.deactivated:
            continue
        for focus in sorted(_focus_nodes(shapes, data, top), key=str):
            _check(shapes, data, shape, focus, results)
    return results


def _focus_nodes(shapes: Shapes, data: _Data, top) -> set:
    found: set = set()
    for cls in shapes.objects(top, "targetClass"):
        found |= data.instances(cls)
    for predicate in shapes.objects(top, "targetSubjectsOf"):
        found |= set(data.values(predicate, False))
    for predicate in shapes.objects(top, "targetObjectsOf"):
        found |= set(data.values(predicate, True))
    found |= set(shapes.objects(top, "targetNode"))
    return found


def _conforms(shapes: Shapes, data: _Data, node, value) -> bool:
    found: list = []
    _check(shapes, data, shapes.shape(node), value, found)
    return not found


def _check(shapes: Shapes, data: _Data, shape: _Shape, focus, results: list) -> None:
    if shape.deactivated:
        return
    if shape.path is not None:
        values = data.path_values(shape.steps, focus)
        path = shape.steps[0][0] if len(shape.steps) == 1 and not shape.steps[0][1] else shape.path
    else:
        values, path = [focus], None

    def report(component: str, value=None) -> None:
        results.append(
            Result(
                focus,
                path,
                value,
                shape.node,
                component + "ConstraintComponent",
                shape.severity,
                shape.messages,
            )
        )

    params = shape.params
    for name, arguments in params.items():
        if name in ("minCount", "maxCount"):
            limit = int(arguments[0].value)
            if (name == "minCount" and len(values) < limit) or (
                name == "maxCount" and len(values) > limit
            ):
                report(name[0].upper() + name[1:])
        elif name == "qualifiedValueShape":
            conforming = sum(
                1 for v in values if all(_conforms(shapes, data, s, v) for s in arguments)
            )
            low = params.get("qualifiedMinCount")
            high = params.get("qualifiedMaxCount")
            if low and conforming < int(low[0].value):
                report("QualifiedMinCount")
            if high and conforming > int(high[0].value):
                report("QualifiedMaxCount")
        elif name == "lessThan":
            for other in arguments:
                compared = data.values(other, False).get(focus, [])
                for value in values:
                    for against in compared:
                        if not _less(value, against):
                            report("LessThan", value)
        elif name in _VALUE_CHECKS:
            for value in values:
                for argument in arguments:
                    if not _VALUE_CHECKS[name](shapes, data, value, argument, params):
                        report(name[0].upper() + name[1:], value)
    for prop in shape.properties:
        _check(shapes, data, prop, focus, results)


def _class(shapes, data, value, argument, params) -> bool:
    return not isinstance(value, ox.Literal) and value in data.instances(argument)


def _datatype(shapes, data, value, argument, params) -> bool:
    return (
        isinstance(value, ox.Literal)
        and value.datatype == argument
        and _well_formed(value)
        and (value.language is None or argument.value == _RDF + "langString")
    )


def _node_kind(shapes, data, value, argument, params) -> bool:
    kind = argument.value.removeprefix(SH)
    is_iri, is_blank = isinstance(value, ox.NamedNode), isinstance(value, ox.BlankNode)
    is_literal = isinstance(value, ox.Literal)
    return {
        "IRI": is_iri,
        "BlankNode": is_blank,
        "Literal": is_literal,
        "BlankNodeOrIRI": is_blank or is_iri,
        "BlankNodeOrLiteral": is_blank or is_literal,
        "IRIOrLiteral": is_iri or is_literal,
    }[kind]


def _pattern(shapes, data, value, argument, params) -> bool:
    if isinstance(value, ox.BlankNode):
        return False
    flags = params.get("flags")
    return _regex(argument.value, flags[0].value if flags else "").search(value.value) is not None


_REGEX: dict = {}


def _regex(pattern: str, flags: str):
    key = (pattern, flags)
    if key not in _REGEX:
        value = 0
        for letter, flag in (("i", re.I), ("m", re.M), ("s", re.S), ("x", re.X)):
            if letter in flags:
                value |= flag
        _REGEX[key] = re.compile(pattern, value)
    return _REGEX[key]


def _language_in(shapes, data, value, argument, params) -> bool:
    if not isinstance(value, ox.Literal) or not value.language:
        return False
    tag = value.language.lower()
    for wanted in shapes.items(argument):
        wanted = wanted.value.lower()
        if wanted == "*" or tag == wanted or tag.startswith(wanted + "-"):
            return True
    return False


def _in(shapes, data, value, argument, params) -> bool:
    return value in shapes.item_set(argument)


def _or(shapes, data, value, argument, params) -> bool:
    return any(_conforms(shapes, data, member, value) for member in shapes.items(argument))


def _not(shapes, data, value, argument, params) -> bool:
    return not _conforms(shapes, data, argument, value)


def _node(shapes, data, value, argument, params) -> bool:
    return _conforms(shapes, data, argument, value)


def _min_inclusive(shapes, data, value, argument, params) -> bool:
    left, right = _number(value), _number(argument)
    if left is None or right is None:
        left, right = _day(value), _day(argument)
        if left is None or right is None:
            return False
    return left >= right


_VALUE_CHECKS = {
    "class": _class,
    "datatype": _datatype,
    "nodeKind": _node_kind,
    "pattern": _pattern,
    "languageIn": _language_in,
    "in": _in,
    "or": _or,
    "not": _not,
    "node": _node,
    "minInclusive": _min_inclusive,
}

_NUMERIC = {
    _XSD + name
    for name in (
        "integer",
        "decimal",
        "nonNegativeInteger",
        "positiveInteger",
        "int",
        "long",
        "nonPositiveInteger",
        "negativeInteger",
        "short",
        "byte",
        "unsignedInt",
        "unsignedLong",
        "double",
        "float",
    )
}
_INTEGER = re.compile(r"^[+-]?[0-9]+$")
_DECIMAL = re.compile(r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$")
_LEXICAL = {
    _XSD + "integer": _INTEGER,
    _XSD + "decimal": _DECIMAL,
    _XSD + "nonNegativeInteger": re.compile(r"^(\+?[0-9]+|-0+)$"),
    _XSD + "date": re.compile(r"^-?[0-9]{4,}-[0-9]{2}-[0-9]{2}(Z|[+-][0-9]{2}:[0-9]{2})?$"),
    _XSD + "gYear": re.compile(r"^-?[0-9]{4,}(Z|[+-][0-9]{2}:[0-9]{2})?$"),
    _XSD + "gYearMonth": re.compile(r"^-?[0-9]{4,}-[0-9]{2}(Z|[+-][0-9]{2}:[0-9]{2})?$"),
    _XSD + "boolean": re.compile(r"^(true|false|1|0)$"),
}


def _well_formed(literal: ox.Literal) -> bool:
    """Whether the lexical form is one of the datatype's (for the datatypes checked here)."""
    kind = literal.datatype.value
    pattern = _LEXICAL.get(kind)
    if pattern is None:
        return True
    text = literal.value
    if pattern.match(text) is None:
        return False
    if kind == _XSD + "date":
        return _day(literal) is not None
    if kind == _XSD + "gYearMonth":
        return 1 <= int(text.lstrip("-").split("-")[1][:2]) <= 12
    return True


def _number(term):
    if not isinstance(term, ox.Literal) or term.datatype.value not in _NUMERIC:
        return None
    if not _well_formed(term):
        return None
    try:
        return Decimal(term.value)
    except InvalidOperation:
        return None


def _day(term):
    if not isinstance(term, ox.Literal) or term.datatype.value != _XSD + "date":
        return None
    try:
        return date.fromisoformat(term.value)
    except ValueError:
        return None


def _less(value, against) -> bool:
    for convert in (_number, _day):
        a, b = convert(value), convert(against)
        if a is not None and b is not None:
            return a < b
    if isinstance(value, ox.Literal) and isinstance(against, ox.Literal):
        plain = (_XSD + "string",)
        if value.datatype.value in plain and against.datatype.value in plain:
            return value.value < against.value
    return False
