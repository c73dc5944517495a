"""Named SPARQL queries (``queries/*.rq``) with typed parameters, run on Oxigraph or rdflib.

Parameters are typed, checked, turned into RDF terms and bound through a SPARQL VALUES block
(see ``bound_text``): a value is always data, never query text.

A user's own query (``adhoc``, ``answer``) may be of any form (SELECT, ASK, CONSTRUCT,
DESCRIBE) and may leave out the PREFIX lines of ``namespaces.PREFIXES``; a syntax error in it
is reported at a line and column of the user's text, with the line and a caret.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pyoxigraph as ox

from .errors import QueryError, UsageError
from .namespaces import BASE, PREFIXES, XSD, expand
from .resources import package_entries, package_text

_TOKENS = re.compile(r'#[^\n]*|"(?:[^"\\]|\\.)*"|<[^<>\s]*>|[{}.]|[^\s{}.#"<]+')
_SAFE_IRI = re.compile(r'https?://[^\x00-\x20<>"{}|\\^`\x7f]+')
_GROUP_KEYWORDS = {"WHERE", "OPTIONAL", "MINUS", "UNION", "EXISTS"}
_HEADER = re.compile(r"^#\s*([a-z][a-z ]*[a-z]):\s*(.*)$")
PARAM_TYPES = (
    "country",
    "body",
    "instrument",
    "iri",
    "date",
    "year",
    "integer",
    "boolean",
    "string",
)
LIST_SEPARATOR = " "
LANGUAGES = ("en", "ja")


@dataclass(frozen=True)
class Param:
    """One query parameter as its header declares it."""

    name: str
    kind: str
    default: str | None
    help: str
    required: bool = False

    def describe(self) -> str:
        if self.required:
            return f"{self.name} ({self.kind}, required)"
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
    lists: tuple[str, ...] = ()
    coverage: tuple[str, ...] = ()
    fields: dict[str, str] = field(default_factory=dict, compare=False)
    """Every header field by key (``counts``, ``leaves out``, …), params aside."""

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

    def typed_values(self) -> list[tuple]:
        """Rows for spreadsheets: integers as int, decimals, floats and doubles as float,
        booleans as bool; every other term as its text (a date as the source gave it, so a
        column mixing "2021" and "2021-12-17" keeps both as written)."""
        return [tuple(_python_value(term) for term in row) for row in self.rows]

    def column(self, name: str) -> list:
        index = self.columns.index(name)
        return [row[index] for row in self.values()]

    def records(self) -> list[dict]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.values()]

    def to_dataframe(self):
        """A pandas DataFrame of the plain values (pandas is an optional dependency)."""
        import pandas

        return pandas.DataFrame(self.values(), columns=self.columns)


_INTEGERS = re.compile(re.escape(XSD) + r"(?:\w*[Ii]nteger|int|long|short|byte|unsigned\w+)")
_REALS = {XSD + "decimal", XSD + "double", XSD + "float"}


def _python_value(term):
    if term is None:
        return None
    datatype = getattr(term, "datatype", None)
    iri = datatype.value if datatype is not None else ""
    try:
        if _INTEGERS.fullmatch(iri):
            return int(term.value)
        if iri in _REALS:
            return float(term.value)
    except ValueError:
        return term.value
    if iri == XSD + "boolean":
        return term.value in ("true", "1")
    return term.value


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
    return NamedQuery(
        name,
        fields["title"],
        fields.get("question", ""),
        tuple(params),
        text,
        lists=tuple(fields.get("lists", "").split()),
        coverage=tuple(fields.get("coverage", "").split()),
        fields=fields,
    )


def _parse_param(query_name: str, spec: str) -> Param:
    # "<name> <kind> [default <value> | required] [-- help]"
    spec, _, help_text = spec.partition("--")
    words = spec.split()
    rest = words[2:]
    if len(words) < 2 or words[1] not in PARAM_TYPES or not (
        rest in ([], ["required"]) or (rest[:1] == ["default"] and len(rest) > 1)
    ):
        raise QueryError(
            f"{query_name}.rq: bad '# param:' line {spec!r}"
            " (NAME KIND [default VALUE | required] -- HELP)"
        )
    default = " ".join(rest[1:]) if rest[:1] == ["default"] else None
    return Param(words[0], words[1], default, help_text.strip(), required=rest == ["required"])


def canned_queries() -> dict[str, NamedQuery]:
    """Every query shipped in ``spacecoop/queries``, by name."""
    return {name: parse_query(name, text) for name, text in package_entries("queries").items()}


def construct_query(name: str) -> NamedQuery:
    """A CONSTRUCT query shipped in ``spacecoop/queries/construct``."""
    return parse_query(name, package_text("queries", "construct", f"{name}.rq"))


def get_query(name: str) -> NamedQuery:
    """A canned query by name (only its own file is read); an unknown name lists the known
    ones."""
    if re.fullmatch(r"[a-z0-9][a-z0-9-]*", name):
        try:
            return parse_query(name, package_text("queries", f"{name}.rq"))
        except FileNotFoundError:
            pass
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
    query: NamedQuery,
    given: dict[str, str] | None = None,
    lang: str = "en",
    *,
    complete: bool = True,
) -> dict[str, object]:
    """Typed RDF terms for the query's parameters: given values, else defaults.

    Raises UsageError for an unknown parameter, a value of the wrong type or (unless
    ``complete`` is false, as for showing a query's text) a required parameter not given.
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
        elif param.required and complete:
            raise UsageError(
                f"{query.name} needs a value for {param.name} ({param.kind})"
                + (f": {param.help}" if param.help else "")
            )
    return terms


def parse_day(text: str, name: str = "as_of") -> date:
    """The one parser of a day a user gives (an ISO date, or ``today``); UsageError otherwise."""
    return date.fromisoformat(to_term(Param(name, "date", None, ""), text).value)


def actor_iri(code: str, name: str = "focus") -> str:
    """The one parser of an actor a user names: an ISO alpha-3 code (``JPN``), a short name
    (``actor/esa``) or an IRI; UsageError otherwise."""
    return to_term(Param(name, "country", None, ""), code).value


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
    if kind == "boolean":
        if value.lower() not in ("true", "false"):
            raise _bad(param, raw, "true or false")
        return ox.Literal(value.lower(), datatype=ox.NamedNode(XSD + "boolean"))
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
    # a country parameter names an actor: a state (country/…) or an organisation (actor/…)
    spaces = (param.kind + "/", "actor/") if param.kind == "country" else (param.kind + "/",)
    if (
        param.kind in ("country", "body", "instrument")
        and iri.startswith(BASE)
        and not iri.startswith(tuple(BASE + space for space in spaces))
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
    return sorted_lists(query, Table(columns, [tuple(solution) for solution in solutions]))


def run_values(store: ox.Store, query: NamedQuery, terms: dict[str, object] | None = None):
    """Like ``run(...).values()``, several times faster on large answers: Oxigraph writes the
    rows as CSV and the csv module reads them. An empty cell (unbound) comes back as None."""
    import csv
    import io

    solutions = _execute(store, query, terms)
    text = solutions.serialize(format=ox.QueryResultsFormat.CSV).decode("utf-8")
    reader = csv.reader(io.StringIO(text, newline=""))
    columns = next(reader, [])
    lists = [columns.index(name) for name in query.lists if name in columns]
    rows = [tuple(cell if cell != "" else None for cell in row) for row in reader]
    if lists:
        rows = [tuple(_sorted_list(c) if i in lists else c for i, c in enumerate(r)) for r in rows]
    return rows


def sorted_lists(query: NamedQuery, table: Table) -> Table:
    """The table with the items of each list column (a ``GROUP_CONCAT`` the header names in
    ``# lists:``) in sorted order. SPARQL leaves the order of a ``GROUP_CONCAT`` to the engine,
    so the lists are ordered here, alike for every store's answer."""
    indexes = [table.columns.index(name) for name in query.lists if name in table.columns]
    if not indexes:
        return table
    rows = []
    for row in table.rows:
        cells = list(row)
        for index in indexes:
            term = cells[index]
            if isinstance(term, ox.Literal):
                cells[index] = ox.Literal(_sorted_list(term.value), datatype=term.datatype)
        rows.append(tuple(cells))
    return Table(table.columns, rows)


def _sorted_list(text: str | None) -> str | None:
    if text is None:
        return None
    return LIST_SEPARATOR.join(sorted(text.split(LIST_SEPARATOR)))


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
    from .rdflib_bridge import from_rdflib

    result = graph.query(portable_text(query, terms))
    columns = [str(v) for v in result.vars]
    rows = [tuple(from_rdflib(row[i]) for i in range(len(columns))) for row in result]
    return sorted_lists(query, Table(columns, rows))


def portable_text(query: NamedQuery, terms: dict[str, object] | None) -> str:
    """The bound query to send to any other SPARQL 1.1 store. A VALUES block closes every
    group, OPTIONAL ones included, so each parameter is bound wherever the specification's
    scoping lets a pattern see it (a top-level block is joined last, out of sight of a FILTER
    in a nested OPTIONAL); spec-following engines then give the embedded engine's rows."""
    return bound_text(query, terms, early=False)


def bound_text(query: NamedQuery, terms: dict[str, object] | None, *, early: bool = True) -> str:
    """The query with its parameters bound by VALUES blocks.

    Each value is an RDF term written by pyoxigraph's own serialiser (quotes and escapes
    included), so no value can change the query's structure. VALUES is SPARQL's own binding
    mechanism, honoured alike by Oxigraph, rdflib and any remote store (pyoxigraph's
    ``substitutions`` binds projected variables only).

    With ``early`` (for the embedded Oxigraph), a block opens the outermost group and every
    group that does not see outer bindings: sub-selects, UNION branches, MINUS groups, other
    nested groups. OPTIONAL and EXISTS groups get none: Oxigraph passes outer bindings into
    them, and a block there makes it evaluate them unrestricted (0.4 s per query at a million
    triples instead of 0.01 s). The specification does not pass them into a nested OPTIONAL,
    so every other store gets the text without ``early`` (``portable_text``): a block closes
    every group, OPTIONAL and EXISTS included. Both give the same rows, provided a parameter
    is read in FILTERs and the projection only, never in a BIND (a BIND before the block
    would see it unbound): ``queries/README.md`` says so and a test checks it.

    Each parameter gets a block of its own: one block binding two variables at once makes
    Oxigraph 0.5 join it after the patterns it restricts (``partner-links`` for one partner
    took 50 s at a million triples, 1.3 s with a block per parameter); the rows are the
    same either way.
    """
    used = {name: term for name, term in (terms or {}).items() if _mentions(query, name)}
    if not used:
        return query.text
    block = "".join(f" VALUES ?{name} {{ {used[name]} }}" for name in sorted(used)) + " "
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


# --- ad hoc queries: any form, predeclared prefixes, readable syntax errors -------------------

FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
_SCAN = re.compile(
    r"""(?P<skip>\#[^\n]*
        |\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
        |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'
        |<[^<>"{}|^`\\\s]*>|[?$]\w+)
      |(?<![\w.:-])(?P<prefix>[A-Za-z][\w.-]*)?:(?=[\w%]|\s|$|[;,.)\]}])""",
    re.VERBOSE,
)
_DECLARED = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?:\s*<", re.IGNORECASE)
_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)


@dataclass
class Answer:
    """The answer to a query of any form: a table (SELECT), a boolean (ASK) or triples
    (CONSTRUCT, DESCRIBE)."""

    form: str
    table: Table | None = None
    boolean: bool | None = None
    triples: list | None = None


def adhoc(text: str, name: str = "") -> NamedQuery:
    """A query typed by a user (``spacecoop sparql``, ``query --file`` without a header)."""
    return NamedQuery(name, "ad hoc query", "", (), text)


def query_form(text: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first of them outside comments, strings and
    IRIs (the prologue before it declares only prefixes and a base)."""
    match = _FORM.search(_blank_skipped(text))
    return match.group(1).upper() if match else "SELECT"


def used_prefixes(text: str) -> list[tuple[str, int]]:
    """Each prefix name used in the query text with the offset of its first use, outside
    comments, strings, IRIs and variables (the empty prefix ``:`` as "")."""
    seen: dict[str, int] = {}
    for match in _SCAN.finditer(text):
        if match.group("skip") is None:
            seen.setdefault(match.group("prefix") or "", match.start())
    return list(seen.items())


def with_prefixes(text: str) -> str:
    """The query with a first line declaring the predeclared prefixes it uses but does not
    declare (for a remote store, which knows none of ours). Line 1 of the query becomes 2."""
    declared = set(_DECLARED.findall(_blank_skipped(text, keep_iris=True)))
    missing = [p for p, _ in used_prefixes(text) if p not in declared and p in PREFIXES]
    if not missing:
        return text
    return " ".join(f"PREFIX {p}: <{PREFIXES[p]}>" for p in sorted(missing)) + "\n" + text


def check_syntax(query: NamedQuery) -> None:
    """Raise QueryError for the mistakes the text shows without parsing: a prefix that is
    neither declared nor predeclared, a bracket that closes nothing or is never closed. Nothing
    is run (a query's SERVICE clause is not called). The error is one line naming the line,
    column and token, then the query's line with a caret under it."""
    text = query.text
    declared = set(_DECLARED.findall(_blank_skipped(text, keep_iris=True)))
    for prefix, offset in used_prefixes(text):
        if prefix not in declared and prefix not in PREFIXES:
            line, column = _line_column(text, offset)
            raise _syntax_error(
                query,
                line,
                column,
                f"the prefix {prefix + ':'!r} is not declared: add PREFIX {prefix}: <…> "
                "('spacecoop sparql --help' lists the predeclared ones)",
            )
    unbalanced = _unbalanced(text)
    if unbalanced:
        raise _syntax_error(query, *unbalanced)


def answer(store: ox.Store, query: NamedQuery, terms: dict[str, object] | None = None) -> Answer:
    """Run a query of any form on Oxigraph with the project's and the common prefixes
    predeclared. A syntax error is reported in the user's text (see ``check_syntax``), at the
    place ``_diagnose`` finds. The text is checked and limited as in ``_execute``."""
    from . import guard

    text = bound_text(query, terms)
    guard.check_query(text)
    guard.arm(query.name or "query")
    try:
        result = store.query(text, prefixes=PREFIXES)
    except SyntaxError as error:
        check_syntax(query)
        raise _diagnose(query, str(error)) from None
    except (OSError, RuntimeError) as error:
        raise QueryError(f"{query.name or 'query'}: the query failed: {error}") from None
    if isinstance(result, ox.QuerySolutions):
        columns = [variable.value for variable in result.variables]
        return Answer(
            "SELECT", table=sorted_lists(query, Table(columns, [tuple(s) for s in result]))
        )
    if isinstance(result, ox.QueryBoolean):
        return Answer("ASK", boolean=bool(result))
    return Answer(query_form(query.text), triples=list(result))


def _diagnose(query: NamedQuery, engine_message: str) -> QueryError:
    """Where the error is. Oxigraph reports the furthest point its parser looked at, often a
    few tokens past the mistake; rdflib's parser (pyparsing, parsing only) reports where the
    clause it could not read starts, and the token found there, which is where a reader looks.
    Its position is used when it finds an error; Oxigraph's otherwise (a construct rdflib
    reads but Oxigraph does not)."""
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery

    found = re.match(r"error at (\d+):(\d+): (.*)", engine_message, re.DOTALL)
    line, column = (int(found.group(1)), int(found.group(2))) if found else (1, 1)
    expected = found.group(3) if found else engine_message
    reason = None
    if expected.startswith("expected ") and len(expected) <= 60 and "[" not in expected:
        reason = expected
    try:
        parseQuery(query.text)
    except ParseException as error:
        line, column, reason = error.lineno, error.col, None
    except Exception:  # noqa: BLE001 (rdflib's parser raises more than ParseException)
        pass
    return _syntax_error(query, line, column, reason)


def _unbalanced(text: str) -> tuple[int, int, str] | None:
    """The first bracket that closes nothing or the wrong one, or else the innermost one that
    is never closed: its line, column and what is wrong."""
    pairs = {")": "(", "}": "{", "]": "["}
    stack: list[tuple[str, int]] = []
    blanked = _blank_skipped(text)
    for offset, ch in enumerate(blanked):
        if ch in "({[":
            stack.append((ch, offset))
        elif ch in pairs:
            if not stack:
                return (*_line_column(text, offset), f"this {ch!r} closes no {pairs[ch]!r}")
            opener, opened = stack.pop()
            if opener != pairs[ch]:
                line, column = _line_column(text, opened)
                reason = (
                    f"this {ch!r} does not match the {opener!r} of line {line}, column {column}"
                )
                return (*_line_column(text, offset), reason)
    if stack:
        ch, offset = stack[-1]
        closer = {v: k for k, v in pairs.items()}[ch]
        return (*_line_column(text, offset), f"this {ch!r} is never closed by a {closer!r}")
    return None


def _syntax_error(query: NamedQuery, line: int, column: int, reason: str | None) -> QueryError:
    lines = query.text.splitlines() or [""]
    if line > len(lines):
        line, column = len(lines), len(lines[-1]) + 1
    text = lines[line - 1]
    column = max(1, min(column, len(text) + 1))
    token = re.match(r"[^\s{}()\[\].,;]+|\S", text[column - 1 :])
    shown = repr(token.group(0)) if token else "the end of the line"
    if not query.text[_offset(query.text, line, column) :].strip():
        shown = "the end of the query"
    where = f"{query.name}: " if query.name else ""
    head = f"{where}SPARQL syntax error at line {line}, column {column}, at {shown}"
    indent = "".join(
        "\t" if ch == "\t" else " " * (2 if unicodedata.east_asian_width(ch) in "WF" else 1)
        for ch in text[: column - 1]
    )
    return QueryError(f"{head}{': ' + reason if reason else ''}\n  {text}\n  {indent}^")


def _blank_skipped(text: str, *, keep_iris: bool = False) -> str:
    """The text with comments and strings (and IRIs, unless ``keep_iris``) blanked out."""

    def blank(match: re.Match) -> str:
        skipped = match.group("skip")
        if skipped is None or (keep_iris and skipped.startswith("<")):
            return match.group(0)
        return re.sub(r"[^\n]", " ", skipped)

    return _SCAN.sub(blank, text)


def _line_column(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _offset(text: str, line: int, column: int) -> int:
    start = 0
    for _ in range(line - 1):
        start = text.index("\n", start) + 1
    return start + column - 1
