"""Named SPARQL queries (``queries/*.rq``) with typed parameters, run on Oxigraph or rdflib.

Parameters are typed, checked, turned into RDF terms and bound through a SPARQL VALUES block
(see ``bound_text``): a value is always data, never query text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from importlib.resources import files
from pathlib import Path

import pyoxigraph as ox

from .errors import QueryError, UsageError
from .namespaces import BASE, PREFIXES, XSD, expand

_TOKENS = re.compile(r'#[^\n]*|"(?:[^"\\]|\\.)*"|<[^<>\s]*>|[{}.]|[^\s{}.#"<]+')
_SAFE_IRI = re.compile(r'https?://[^\x00-\x20<>"{}|\\^`\x7f]+')
_GROUP_KEYWORDS = {"WHERE", "OPTIONAL", "MINUS", "UNION", "EXISTS"}
_HEADER = re.compile(r"^#\s*(title|question|param|columns):\s*(.*)$")
PARAM_TYPES = ("country", "body", "instrument", "iri", "date", "year", "integer", "string")
LANGUAGES = ("en", "ja")


@dataclass(frozen=True)
class Param:
    """One query parameter as its header declares it."""

    name: str
    kind: str
    default: str | None
    help: str

    def describe(self) -> str:
        default = f", default {self.default}" if self.default is not None else ", optional"
        return f"{self.name} ({self.kind}{default})"


@dataclass(frozen=True)
class NamedQuery:
    """A canned query: its name (file stem), header fields and text."""

    name: str
    title: str
    question: str
    params: tuple[Param, ...]
    text: str

    def param(self, name: str) -> Param:
        for param in self.params:
            if param.name == name:
                return param
        known = ", ".join(p.name for p in self.params) or "none"
        raise UsageError(f"query {self.name!r} has no parameter {name!r}; its parameters: {known}")


@dataclass
class Table:
    """Query results: variable names and rows of RDF terms (None where unbound)."""

    columns: list[str]
    rows: list[tuple] = field(default_factory=list)

    def values(self) -> list[tuple]:
        """Rows as plain Python values (IRIs and literals as their text, unbound as None)."""
        return [tuple(None if term is None else term.value for term in row) for row in self.rows]

    def column(self, name: str) -> list:
        index = self.columns.index(name)
        return [row[index] for row in self.values()]

    def records(self) -> list[dict]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.values()]

    def to_dataframe(self):
        """A pandas DataFrame of the plain values (pandas is an optional dependency)."""
        import pandas

        return pandas.DataFrame(self.values(), columns=self.columns)


def parse_query(name: str, text: str) -> NamedQuery:
    """Read the header comment of a .rq file."""
    fields: dict[str, str] = {}
    params: list[Param] = []
    for line in text.splitlines():
        match = _HEADER.match(line.strip())
        if not match:
            if line.strip() and not line.startswith("#"):
                break
            continue
        key, value = match.groups()
        if key == "param":
            params.append(_parse_param(name, value))
        else:
            fields[key] = value.strip()
    if "title" not in fields:
        raise QueryError(f"{name}.rq: the header has no '# title:' line")
    return NamedQuery(name, fields["title"], fields.get("question", ""), tuple(params), text)


def _parse_param(query_name: str, spec: str) -> Param:
    # "<name> <kind> [default <value>] [-- help]"
    spec, _, help_text = spec.partition("--")
    words = spec.split()
    if len(words) < 2 or words[1] not in PARAM_TYPES:
        raise QueryError(f"{query_name}.rq: bad '# param:' line {spec!r}")
    default = " ".join(words[3:]) if len(words) > 3 and words[2] == "default" else None
    return Param(words[0], words[1], default, help_text.strip())


def canned_queries() -> dict[str, NamedQuery]:
    """Every query shipped in ``spacecoop/queries``, by name."""
    folder = files("spacecoop") / "queries"
    found = {}
    for item in sorted(folder.iterdir(), key=lambda entry: entry.name):
        if item.name.endswith(".rq"):
            name = item.name.removesuffix(".rq")
            found[name] = parse_query(name, item.read_text(encoding="utf-8"))
    return found


def construct_query(name: str) -> NamedQuery:
    """A CONSTRUCT query shipped in ``spacecoop/queries/construct``."""
    item = files("spacecoop") / "queries" / "construct" / f"{name}.rq"
    return parse_query(name, item.read_text(encoding="utf-8"))


def get_query(name: str) -> NamedQuery:
    """A canned query by name; an unknown name lists the known ones."""
    queries = canned_queries()
    if name not in queries:
        raise UsageError(f"no query named {name!r}; known queries: {', '.join(queries)}")
    return queries[name]


def query_from_file(path: Path) -> NamedQuery:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"{path}: cannot read the query file ({error})") from None
    header = parse_query(path.stem, text) if "# title:" in text else None
    return header or NamedQuery(path.stem, path.stem, "", (), text)


def bind(
    query: NamedQuery, given: dict[str, str] | None = None, lang: str = "en"
) -> dict[str, object]:
    """Typed RDF terms for the query's parameters: given values, else defaults.

    Raises UsageError for an unknown parameter or a value of the wrong type.
    """
    if lang not in LANGUAGES:
        raise UsageError(f"--lang must be one of {', '.join(LANGUAGES)}, not {lang!r}")
    given = given or {}
    for name in given:
        query.param(name)
    terms: dict[str, object] = {"lang": ox.Literal(lang)}
    for param in query.params:
        raw = given.get(param.name, param.default)
        if raw is not None:
            terms[param.name] = to_term(param, raw)
    return terms


def to_term(param: Param, raw: str):
    """Check a raw parameter value against its declared kind and make the RDF term."""
    value = raw.strip()
    kind = param.kind
    if kind in ("country", "body", "instrument"):
        if kind == "country" and re.fullmatch(r"[A-Za-z]{3}", value):
            value = f"country/{value.upper()}"
        elif re.fullmatch(r"[a-z0-9][a-z0-9-]*", value):
            value = f"{kind}/{value}"
        return _iri(param, value)
    if kind == "iri":
        return _iri(param, value)
    if kind == "date":
        if value == "today":
            value = date.today().isoformat()
        try:
            date.fromisoformat(value)
        except ValueError:
            raise _bad(param, raw, "an ISO date such as 2023-03-31") from None
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise _bad(param, raw, "an ISO date such as 2023-03-31")
        return ox.Literal(value, datatype=ox.NamedNode(XSD + "date"))
    if kind in ("year", "integer"):
        if not re.fullmatch(r"-?\d{1,9}", value):
            raise _bad(param, raw, "a whole number" if kind == "integer" else "a year such as 2022")
        return ox.Literal(str(int(value)), datatype=ox.NamedNode(XSD + "integer"))
    return ox.Literal(raw)


def _iri(param: Param, value: str):
    prefix, colon, _ = value.partition(":")
    if colon and not value.startswith(("http://", "https://")) and prefix not in PREFIXES:
        raise _bad(param, value, "a short name such as country/JPN or a full http(s) IRI")
    iri = expand(value)
    if not _SAFE_IRI.fullmatch(iri):
        raise _bad(param, value, "a short name such as country/JPN or a full http(s) IRI")
    if (
        param.kind in ("country", "body", "instrument")
        and iri.startswith(BASE)
        and not iri.startswith(BASE + param.kind + "/")
    ):
        raise _bad(param, value, f"a {param.kind}, e.g. {param.kind}/…")
    try:
        return ox.NamedNode(iri)
    except ValueError:
        raise _bad(param, value, "a valid IRI") from None


def _bad(param: Param, raw: str, expected: str) -> UsageError:
    return UsageError(f"parameter {param.name}={raw!r} is not {expected}")


def run(store: ox.Store, query: NamedQuery, terms: dict[str, object] | None = None) -> Table:
    """Run a SELECT query on Oxigraph with the terms bound; rows keep the query's order."""
    solutions = _execute(store, query, terms)
    if not isinstance(solutions, ox.QuerySolutions):
        raise QueryError(f"{query.name}: only SELECT queries give a table")
    columns = [variable.value for variable in solutions.variables]
    return Table(columns, [tuple(solution) for solution in solutions])


def run_values(store: ox.Store, query: NamedQuery, terms: dict[str, object] | None = None):
    """Like ``run(...).values()``, several times faster on large answers: Oxigraph writes the
    rows as CSV and the csv module reads them. An empty cell (unbound) comes back as None."""
    import csv
    import io

    solutions = _execute(store, query, terms)
    text = solutions.serialize(format=ox.QueryResultsFormat.CSV).decode("utf-8")
    reader = csv.reader(io.StringIO(text, newline=""))
    next(reader, None)
    return [tuple(cell if cell != "" else None for cell in row) for row in reader]


def construct(store: ox.Store, query: NamedQuery, terms: dict[str, object] | None = None) -> list:
    """Run a CONSTRUCT query on Oxigraph with the terms bound; return its triples."""
    return list(_execute(store, query, terms))


def _execute(store: ox.Store, query: NamedQuery, terms: dict[str, object] | None):
    """The engine's answer to the bound query, its errors as QueryError; the text is checked
    first (size, nesting, SERVICE: see guard.py) and the query runs under the CLI's limits."""
    from . import guard

    text = bound_text(query, terms)
    guard.check_query(text)
    guard.arm(query.name)
    try:
        return store.query(text)
    except SyntaxError as error:
        raise QueryError(f"{query.name}: SPARQL syntax error: {error}") from None
    except (OSError, RuntimeError) as error:
        raise QueryError(f"{query.name}: the query failed: {error}") from None


def run_rdflib(graph, query: NamedQuery, terms: dict[str, object] | None = None) -> Table:
    """The same query on rdflib's own engine (for comparison), rows as Oxigraph terms."""
    result = graph.query(bound_text(query, terms, early=False))
    columns = [str(v) for v in result.vars]
    rows = [tuple(_from_rdflib(row[i]) for i in range(len(columns))) for row in result]
    return Table(columns, rows)


def bound_text(query: NamedQuery, terms: dict[str, object] | None, *, early: bool = True) -> str:
    """The query with its parameters bound by VALUES blocks.

    Each value is an RDF term written by pyoxigraph's own serialiser (quotes and escapes
    included), so no value can change the query's structure. VALUES is SPARQL's own binding
    mechanism, honoured alike by Oxigraph, rdflib and any remote store (pyoxigraph's
    ``substitutions`` binds projected variables only).

    With ``early`` (for Oxigraph and remote stores), a block opens the outermost group and
    every group that does not see outer bindings: sub-selects, UNION branches, MINUS groups,
    other nested groups. OPTIONAL and EXISTS groups see the outer bindings by the rules of
    SPARQL, and a block there makes Oxigraph evaluate them unrestricted (0.4 s per query at a
    million triples instead of 0.01 s). Without ``early`` (for rdflib's engine, which loses
    outer bindings in nested OPTIONALs), a block closes every group, OPTIONAL and EXISTS
    included. Neither placement changes the answer under SPARQL's semantics.
    """
    used = {name: term for name, term in (terms or {}).items() if _mentions(query, name)}
    if not used:
        return query.text
    names = sorted(used)
    block = (
        f" VALUES ({' '.join('?' + n for n in names)}) "
        f"{{ ({' '.join(str(used[n]) for n in names)}) }} "
    )
    text = query.text
    pieces, last = [], 0
    for offset in _insertion_points(text, early):
        pieces += [text[last:offset], block]
        last = offset
    return "".join(pieces) + text[last:]


def _insertion_points(text: str, early: bool) -> list[int]:
    """Where the VALUES blocks go, in order: just inside the ``{`` of each group that needs
    one (``early``), or just before the ``}`` of every group.

    A group opens after WHERE, OPTIONAL, MINUS, UNION, EXISTS, or after another brace or a
    dot; VALUES data blocks and the braces around a sub-select are not groups. With ``early``,
    OPTIONAL and EXISTS groups get none. Comments, strings and IRIs are skipped."""
    points: list[int] = []
    stack: list[bool] = []
    previous = ""
    for match in _TOKENS.finditer(text):
        token = match.group(0)
        if token == "{":
            following = text[match.end() :].lstrip()
            group = (
                previous.upper() in _GROUP_KEYWORDS or previous in ("{", "}", ".")
            ) and not following[:6].upper().startswith("SELECT")
            stack.append(group)
            if group and early and previous.upper() not in ("OPTIONAL", "EXISTS"):
                points.append(match.end())
        elif token == "}" and stack and stack.pop() and not early:
            points.append(match.start())
        if not token.startswith("#"):
            previous = token
    return sorted(points)


def _mentions(query: NamedQuery, variable: str) -> bool:
    body = "\n".join(line for line in query.text.splitlines() if not line.lstrip().startswith("#"))
    return re.search(rf"[?$]{re.escape(variable)}\b", body) is not None


def _from_rdflib(term):
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
