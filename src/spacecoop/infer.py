"""Derive, once, what the queries, views and shapes would otherwise each compute again.

- **Date bounds.** A date given to the day, month, year or Japanese fiscal year is an interval
  of possible days. Every dated node gets ``sc:earliestStart`` and ``sc:latestStart`` (the
  first and last day its start can mean; an attested-only node has no earliest start) and,
  where it ends, ``sc:earliestEnd`` and ``sc:latestEnd``: the first day it no longer holds,
  at the earliest and at the latest. "Holds on D" then means *certainly holds*:
  ``latestStart <= D < earliestEnd``; it *possibly holds* when
  ``earliestStart <= D < latestEnd``. ``sc:startShown`` and ``sc:endShown`` keep the date as
  the source gave it ("2021", "2021-12", "FY2023", "attested 2013-11-30").
- **Standings.** One ``sc:Standing`` node per spell of an actor in a framework: a member of a
  body in its role, or a party to or signatory of an instrument. This is the one definition
  of party and signatory every answer uses: a party from the first consent to be bound (for a
  non-binding arrangement, its signature) until a withdrawal takes effect; a signatory from
  the signature until it becomes a party.
- **Holder counts.** ``sc:holderCount`` on each body and instrument: how many distinct actors
  hold a standing in it, at any time. The link queries tell a bilateral instrument (two
  holders) from a multilateral one with it, instead of counting the holders again per query.
- **Fiscal years.** ``sc:inFiscalYear``: the Japanese fiscal year (1 April N to 31 March N+1)
  a node's start certainly falls in; none when its precision spans two.
- **Source text.** ``sc:sourceText`` on each source: its URL, else its document reference.
"""

from __future__ import annotations

import calendar
import hashlib
import re
from collections import defaultdict
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

import pyoxigraph as ox

from .collector import collector_paused
from .namespaces import BASE, CONCEPT, PREFIXES, RDF_TYPE, RDFS_LABEL, SC, XSD

_DAY = re.compile(r"^(-?\d{4,})-(\d{2})-(\d{2})$")
_MONTH = re.compile(r"^(-?\d{4,})-(\d{2})$")
_YEAR = re.compile(r"^(-?\d{4,})$")

_ORG = PREFIXES["org"]
_ACTION = CONCEPT + "action/"
_STATUS = CONCEPT + "status/"
_ROLE_MEMBER = CONCEPT + "role/member"
_BINDING = {
    _ACTION + name
    for name in (
        "acceptance",
        "accession",
        "approval",
        "consent-to-be-bound",
        "entry-into-force",
        "ratification",
        "succession",
    )
}
_SIGNATURE = _ACTION + "signature"
_WITHDRAWAL = _ACTION + "withdrawal"


def _node(local: str) -> ox.NamedNode:
    return ox.NamedNode(SC + local)


EARLIEST_START = _node("earliestStart")
LATEST_START = _node("latestStart")
EARLIEST_END = _node("earliestEnd")
LATEST_END = _node("latestEnd")
START_SHOWN = _node("startShown")
END_SHOWN = _node("endShown")
IN_FISCAL_YEAR = _node("inFiscalYear")
SOURCE_TEXT = _node("sourceText")
STANDING = _node("Standing")
HOLDER = _node("holder")
FRAMEWORK = _node("framework")
STANDING_KIND = _node("standingKind")
HOLDER_COUNT = _node("holderCount")
STARTED_BY = _node("startedBy")
_TYPE = ox.NamedNode(RDF_TYPE)
_LABEL = ox.NamedNode(RDFS_LABEL)
_SOURCE = ox.NamedNode(PREFIXES["dcterms"] + "source")
_DERIVED_FROM = ox.NamedNode(PREFIXES["prov"] + "wasDerivedFrom")
_XSD_DATE = ox.NamedNode(XSD + "date")
_XSD_INTEGER = ox.NamedNode(XSD + "integer")


class Bounds(NamedTuple):
    """When something starts and ends, as intervals of possible days (see the module doc).

    A named tuple, not a frozen dataclass: a million-triple graph makes ~200,000 of them, and a
    frozen dataclass's ``__init__`` (one ``object.__setattr__`` per field) cost ~0.5 s there."""

    earliest_start: date | None
    latest_start: date | None
    start_shown: str | None
    earliest_end: date | None = None
    latest_end: date | None = None
    end_shown: str | None = None

    def sort_key(self) -> tuple:
        known = self.earliest_start or self.latest_start or date.max
        return (known, self.latest_start or date.max)


@collector_paused()
def infer(store: ox.Store) -> int:
    """Add date bounds, standings, holder counts, fiscal years and source texts to ``store``;
    return how many triples were added.

    The store's own insertion is most of the cost (~5 µs a triple, 1.2 million derived
    triples at 1M), so it runs in a thread (``_Writer``) while Python goes on: the date
    bounds are written while the standings are read, which reads only what no derived triple
    is about (actors, memberships, labels, types and sources of the data). The store is a
    set, so a triple made twice (two origins of a standing citing one source) is stored once."""
    before = len(store)
    bounds = date_bounds(store)
    with _Writer(store) as writer:
        for subject, bound in bounds.items():
            _write_bounds(writer, subject, bound)
        writer.flush()
        standings = _standings(store, bounds)
        texts = _source_texts(store)
        for standing in standings:
            _write_standing(writer, standing)
        for framework, count in _holder_counts(standings):
            writer.add(framework, HOLDER_COUNT, ox.Literal(str(count), datatype=_XSD_INTEGER))
        for source, text in texts:
            writer.add(source, SOURCE_TEXT, ox.Literal(text))
    return len(store) - before


class _Writer:
    """Where the derived triples go: N-Triples lines, parsed into the store in chunks by one
    thread while the caller makes the next (Oxigraph lets go of the GIL as it parses).

    A line of text per triple, with each term's N-Triples form made once, costs about half
    what an ``ox.Quad`` does (a Python object per quad and per term, converted again in
    Rust). A triple with a blank node goes as a Quad instead: a parser gives a blank node of
    the text a new identity. Each distinct derived literal (a day, a shown date, a fiscal
    year) is made once: ~300,000 derived dates at 1M are tens of thousands of distinct days.
    At most one chunk is being written while the next is made, so memory stays bounded; an
    error in the thread is raised when the writer is left."""

    CHUNK = 100_000

    def __init__(self, store: ox.Store) -> None:
        self.store = store
        self.lines: list[str] = []
        self.quads: list[ox.Quad] = []
        self._days: dict[date, str] = {}
        self._texts: dict[str, str] = {}
        self._years: dict[int, str] = {}
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="infer-writer")
        self._pending: Future | None = None

    def __enter__(self) -> _Writer:
        return self

    def __exit__(self, kind, error, trace) -> None:
        try:
            if error is None:
                self.flush()
                self._wait()
        finally:
            self._thread.shutdown(wait=True)

    def add(self, subject, predicate: ox.NamedNode, obj) -> None:
        if isinstance(subject, ox.BlankNode) or isinstance(obj, ox.BlankNode):
            self.quads.append(ox.Quad(subject, predicate, obj))
        else:
            self.line(str(subject), str(predicate), str(obj))

    def line(self, subject: str, predicate: str, obj: str) -> None:
        """A triple of terms already in their N-Triples form (``str`` of a term)."""
        self.lines.append(f"{subject} {predicate} {obj} .\n")
        if len(self.lines) >= self.CHUNK:
            self.flush()

    def flush(self) -> None:
        """Hand what is made so far to the thread, once it has written the chunk before."""
        text, quads = "".join(self.lines), self.quads
        self.lines, self.quads = [], []
        if not text and not quads:
            return
        self._wait()
        self._pending = self._thread.submit(self._write, text, quads)

    def _write(self, text: str, quads: list) -> None:
        if text:
            # lenient: every line is made of str() of terms Oxigraph has already checked
            self.store.load(text, format=ox.RdfFormat.N_TRIPLES, lenient=True)
        if quads:
            self.store.extend(quads)

    def _wait(self) -> None:
        if self._pending is not None:
            pending, self._pending = self._pending, None
            pending.result()

    def day(self, value: date) -> str:
        found = self._days.get(value)
        if found is None:
            found = self._days[value] = str(_day(value))
        return found

    def text(self, value: str) -> str:
        found = self._texts.get(value)
        if found is None:
            found = self._texts[value] = str(ox.Literal(value))
        return found

    def year(self, value: int) -> str:
        found = self._years.get(value)
        if found is None:
            found = self._years[value] = str(ox.Literal(str(value), datatype=_XSD_INTEGER))
        return found


def date_bounds(store: ox.Store) -> dict:
    """The bounds of every node with a well-formed start (``sc:startDate``, else ``sc:date``,
    ``sc:fiscalYear``, then ``sc:attestedOn``) and of its ``sc:endDate``, the last day it held.
    A malformed date gives no bound here: the shapes report it.

    Each distinct literal is parsed once (many nodes share a date)."""
    starts: dict = {}
    for name in ("startDate", "date", "fiscalYear", "attestedOn"):
        parse, parsed = _START_OF[name], {}
        for quad in store.quads_for_pattern(None, _node(name), None):
            subject = quad.subject
            if subject in starts:
                continue
            term = quad.object
            found = parsed.get(term, parsed)
            if found is parsed:
                found = parsed[term] = parse(term)
            if found is not None:
                starts[subject] = found
    bounds = {subject: Bounds(*start) for subject, start in starts.items()}
    ends: dict = {}
    for quad in store.quads_for_pattern(None, _node("endDate"), None):
        start = bounds.get(quad.subject)
        if start is None:
            continue
        term = quad.object
        end = ends.get(term, ends)
        if end is ends:
            first, last = first_day(term), last_day(term)
            end = ends[term] = (
                None
                if first is None or last is None
                else (first + timedelta(days=1), last + timedelta(days=1), term.value)
            )
        if end is not None:
            bounds[quad.subject] = start._replace(
                earliest_end=end[0], latest_end=end[1], end_shown=end[2]
            )
    return bounds


def first_day(term) -> date | None:
    """The first day an xsd:date, xsd:gYearMonth or xsd:gYear literal can mean."""
    parts = _parts(term)
    if parts is None:
        return None
    year, month, day = parts
    return _safe_date(year, month or 1, day or 1)


def last_day(term) -> date | None:
    """The last day an xsd:date, xsd:gYearMonth or xsd:gYear literal can mean."""
    parts = _parts(term)
    if parts is None:
        return None
    year, month, day = parts
    if month is None:
        return _safe_date(year, 12, 31)
    if day is None:
        if not 1 <= month <= 12 or not 1 <= year <= 9999:
            return None
        return _safe_date(year, month, calendar.monthrange(year, month)[1])
    return _safe_date(year, month, day)


def fiscal_year_start(term) -> date | None:
    """1 April of the Japanese fiscal year given as an xsd:gYear literal."""
    if not isinstance(term, ox.Literal) or term.datatype.value != XSD + "gYear":
        return None
    match = _YEAR.match(term.value)
    return _safe_date(int(match.group(1)), 4, 1) if match else None


def fiscal_year_of(day: date) -> int:
    """The Japanese fiscal year a day falls in: FY N runs from 1 April N to 31 March N+1."""
    return day.year if day.month >= 4 else day.year - 1


def _stated(term):
    first, last = first_day(term), last_day(term)
    return None if first is None or last is None else (first, last, term.value)


def _fiscal(term):
    first = fiscal_year_start(term)
    if first is None:
        return None
    return first, date(first.year + 1, 3, 31), f"FY{first.year}"


def _attested(term):
    last = last_day(term)
    return None if last is None else (None, last, f"attested {term.value}")


_START_OF = {"startDate": _stated, "date": _stated, "fiscalYear": _fiscal, "attestedOn": _attested}


_BOUND_PREDICATES = tuple(
    str(predicate) for predicate in (EARLIEST_START, LATEST_START, EARLIEST_END, LATEST_END)
)
_START_SHOWN, _END_SHOWN, _IN_FISCAL_YEAR = str(START_SHOWN), str(END_SHOWN), str(IN_FISCAL_YEAR)


def _write_bounds(writer: _Writer, subject, bound: Bounds) -> None:
    if isinstance(subject, ox.BlankNode):  # rare: as quads, keeping the node's identity
        writer.quads += _bound_quads(subject, bound)
    else:
        _write_bounds_lines(writer, str(subject), bound)


def _bound_quads(subject, bound: Bounds) -> list[ox.Quad]:
    """The triples of ``_write_bounds_lines`` as quads."""
    quads = [
        ox.Quad(subject, predicate, _day(value))
        for predicate, value in (
            (EARLIEST_START, bound.earliest_start),
            (LATEST_START, bound.latest_start),
            (EARLIEST_END, bound.earliest_end),
            (LATEST_END, bound.latest_end),
        )
        if value is not None
    ]
    for predicate, shown in ((START_SHOWN, bound.start_shown), (END_SHOWN, bound.end_shown)):
        if shown is not None:
            quads.append(ox.Quad(subject, predicate, ox.Literal(shown)))
    if bound.earliest_start and bound.latest_start:
        year = fiscal_year_of(bound.earliest_start)
        if year == fiscal_year_of(bound.latest_start):
            quads.append(
                ox.Quad(subject, IN_FISCAL_YEAR, ox.Literal(str(year), datatype=_XSD_INTEGER))
            )
    return quads


def _write_bounds_lines(writer: _Writer, subject: str, bound: Bounds) -> None:
    days = (bound.earliest_start, bound.latest_start, bound.earliest_end, bound.latest_end)
    for predicate, value in zip(_BOUND_PREDICATES, days, strict=True):
        if value is not None:
            writer.line(subject, predicate, writer.day(value))
    if bound.start_shown is not None:
        writer.line(subject, _START_SHOWN, writer.text(bound.start_shown))
    if bound.end_shown is not None:
        writer.line(subject, _END_SHOWN, writer.text(bound.end_shown))
    if bound.earliest_start and bound.latest_start:
        year = fiscal_year_of(bound.earliest_start)
        if year == fiscal_year_of(bound.latest_start):
            writer.line(subject, _IN_FISCAL_YEAR, writer.year(year))


@dataclass
class _Spell:
    """One standing being derived: who, in what, as what, from and until when, from which
    nodes and sources."""

    holder: ox.NamedNode
    framework: ox.NamedNode
    kind: str
    start: Bounds
    nodes: list
    end: Bounds | None = None


@dataclass
class _Standing:
    """A standing ready to be written: its node, spell, bounds, labels and the sources of
    each node it comes from."""

    node: ox.NamedNode
    spell: _Spell
    bound: Bounds
    labels: dict[str, str]
    sources: list


def _standings(store: ox.Store, bounds: dict) -> list[_Standing]:
    """Every standing, named in a stable order: ``standing/<kind>/<framework>/<holder>``, with
    ``/2``, ``/3``… for an actor's later spells in the same framework."""
    non_binding = _instances(store, _node("NonBindingArrangement"))
    states = _instances(store, _node("State"))
    spells = _membership_spells(store, bounds) + _consent_spells(store, bounds)
    named = {node for spell in spells for node in (spell.holder, spell.framework)}
    named |= {ox.NamedNode(kind) for kind in {spell.kind for spell in spells}}
    labels = _labels(store, named)
    sources = _objects_by_subject(store, _SOURCE)
    standings: list[_Standing] = []
    seen: dict[str, int] = defaultdict(int)
    for spell in sorted(
        spells, key=lambda s: (s.kind, s.framework.value, s.holder.value, s.start.sort_key())
    ):
        kind = spell.kind.rsplit("/", 1)[-1]
        base = f"{BASE}standing/{kind}/{_slug(spell.framework)}/{_slug(spell.holder)}"
        seen[base] += 1
        node = ox.NamedNode(base if seen[base] == 1 else f"{base}/{seen[base]}")
        start = spell.start
        end = _spell_end(spell) if spell.end else (None, None, None)
        bound = Bounds(start.earliest_start, start.latest_start, start.start_shown, *end)
        standings.append(
            _Standing(
                node,
                spell,
                bound,
                _standing_labels(spell, labels, non_binding, states),
                [sources.get(origin, ()) for origin in spell.nodes],
            )
        )
    return standings


def _write_standing(writer: _Writer, standing: _Standing) -> None:
    node, spell = standing.node, standing.spell
    writer.add(node, _TYPE, STANDING)
    writer.add(node, STARTED_BY, spell.nodes[0])
    writer.add(node, HOLDER, spell.holder)
    writer.add(node, FRAMEWORK, spell.framework)
    writer.add(node, STANDING_KIND, ox.NamedNode(spell.kind))
    for lang, text in standing.labels.items():
        writer.add(node, _LABEL, ox.Literal(text, language=lang))
    for origin, sources in zip(spell.nodes, standing.sources, strict=True):
        writer.add(node, _DERIVED_FROM, origin)
        for source in sources:
            writer.add(node, _SOURCE, source)
    _write_bounds(writer, node, standing.bound)


def _holder_counts(standings: list[_Standing]) -> list[tuple[ox.NamedNode, int]]:
    """(framework, how many distinct actors hold a standing in it), in IRI order."""
    holders: dict[ox.NamedNode, set] = defaultdict(set)
    for standing in standings:
        holders[standing.spell.framework].add(standing.spell.holder)
    return sorted(((framework, len(names)) for framework, names in holders.items()),
                  key=lambda pair: pair[0].value)


def _spell_end(spell: _Spell) -> tuple:
    """(earliest end, latest end, end as given) of a spell ended by an act (a withdrawal, or a
    consent that ends a signatory's spell). An act known only by attestation ended it at the
    earliest the day after the spell is last known to have held."""
    end = spell.end
    earliest = end.earliest_start
    if earliest is None and spell.start.latest_start is not None:
        earliest = spell.start.latest_start + timedelta(days=1)
    return earliest, end.latest_start, end.start_shown


def _membership_spells(store: ox.Store, bounds: dict) -> list[_Spell]:
    members = _objects_by_subject(store, ox.NamedNode(_ORG + "member"))
    bodies = _objects_by_subject(store, ox.NamedNode(_ORG + "organization"))
    roles = _objects_by_subject(store, ox.NamedNode(_ORG + "role"))
    spells = []
    for membership, (member, *_) in members.items():
        bound = bounds.get(membership)
        if membership not in bodies or bound is None:
            continue
        role = roles.get(membership, [ox.NamedNode(_ROLE_MEMBER)])[0].value
        end = None
        if bound.earliest_end:
            end = Bounds(bound.earliest_end, bound.latest_end, bound.end_shown)
        start = Bounds(bound.earliest_start, bound.latest_start, bound.start_shown)
        spells.append(_Spell(member, bodies[membership][0], role, start, [membership], end))
    return spells


def _consent_spells(store: ox.Store, bounds: dict) -> list[_Spell]:
    """Walk each actor's consent actions on each instrument in date order: a signature opens a
    signatory spell, a consent to be bound closes it and opens a party spell, a withdrawal
    closes what is open. A non-binding arrangement has no parties: its signatories are all it
    has, and their labels say so."""
    actors = _objects_by_subject(store, _node("actor"))
    instruments = _objects_by_subject(store, _node("instrument"))
    types = _objects_by_subject(store, _node("actionType"))
    acts: dict[tuple, list] = defaultdict(list)
    for action, (actor, *_) in actors.items():
        if action in instruments and action in types and action in bounds:
            acts[(actor, instruments[action][0])].append(
                (bounds[action], types[action][0].value, action)
            )
    rank = {_SIGNATURE: 0, _WITHDRAWAL: 2}

    def status_of(kind: str) -> str | None:
        if kind == _SIGNATURE:
            return _STATUS + "signatory"
        return _STATUS + "party" if kind in _BINDING else None

    spells: list[_Spell] = []
    for (actor, instrument), found in acts.items():
        found.sort(key=lambda item: (item[0].sort_key(), rank.get(item[1], 1), item[2].value))
        open_spell: _Spell | None = None
        for bound, kind, action in found:
            status = None
            if kind == _SIGNATURE and open_spell is None:
                status = _STATUS + "signatory"
            elif kind in _BINDING and (open_spell is None or open_spell.kind != _STATUS + "party"):
                status = _STATUS + "party"
            elif kind == _WITHDRAWAL and open_spell is not None:
                open_spell.end = bound
                open_spell.nodes.append(action)
                open_spell = None
                continue
            elif open_spell is not None and status_of(kind) == open_spell.kind:
                open_spell.nodes.append(action)  # a later deposit or notice of the same standing
                continue
            if status is None:
                continue
            if open_spell is not None:
                open_spell.end = bound
            open_spell = _Spell(actor, instrument, status, bound, [action])
            spells.append(open_spell)
    return spells


def _standing_labels(spell: _Spell, labels: dict, non_binding: set, states: set) -> dict[str, str]:
    """ "Japan: party to the Outer Space Treaty (1967-10-10)", "日本：宇宙条約の締約国（…）"; the
    signatories of a non-binding arrangement are its participants (署名国・参加国); an agency or
    organisation is a 締約機関 or 署名機関, not a 国."""
    holder, framework = labels.get(spell.holder, {}), labels.get(spell.framework, {})
    kind = labels.get(ox.NamedNode(spell.kind), {})
    role_en = (kind.get("en") or spell.kind.rsplit("/", 1)[-1]) + " of"
    role_ja = kind.get("ja") or role_en
    if spell.kind == _STATUS + "party":
        role_en = "party to"
    elif spell.kind == _STATUS + "signatory" and spell.framework in non_binding:
        role_ja = "署名国（参加国）"
    if spell.holder not in states and spell.kind.startswith(_STATUS):
        role_ja = "締約機関" if spell.kind == _STATUS + "party" else "署名機関"
    shown = spell.start.start_shown or ""
    who_en = holder.get("en") or _slug(spell.holder)
    what_en = framework.get("en") or _slug(spell.framework)
    who_ja = holder.get("ja") or who_en
    what_ja = framework.get("ja") or what_en
    return {
        "en": f"{who_en}: {role_en} {what_en} ({shown})",
        "ja": f"{who_ja}：{what_ja}の{role_ja}（{shown}）",
    }


def _source_texts(store: ox.Store) -> list[tuple]:
    """(source, its text) for each source, in IRI order."""
    urls = _objects_by_subject(store, ox.NamedNode(PREFIXES["schema"] + "url"))
    references = _objects_by_subject(store, ox.NamedNode(PREFIXES["dcterms"] + "identifier"))
    texts = []
    for source in sorted(_instances(store, _node("Source")), key=lambda node: node.value):
        found = urls.get(source) or references.get(source)
        texts.append((source, found[0].value if found else source.value))
    return texts


def _instances(store: ox.Store, cls: ox.NamedNode) -> set:
    """The nodes typed ``cls`` or one of its subclasses (by the ontology's rdfs:subClassOf)."""
    subclass_of = ox.NamedNode(PREFIXES["rdfs"] + "subClassOf")
    classes, frontier = {cls}, [cls]
    while frontier:
        parent = frontier.pop()
        for quad in store.quads_for_pattern(None, subclass_of, parent):
            if quad.subject not in classes:
                classes.add(quad.subject)
                frontier.append(quad.subject)
    return {quad.subject for c in classes for quad in store.quads_for_pattern(None, _TYPE, c)}


def _objects_by_subject(store: ox.Store, predicate) -> dict:
    found: dict = defaultdict(list)
    for quad in store.quads_for_pattern(None, predicate, None):
        found[quad.subject].append(quad.object)
    for objects in found.values():
        objects.sort(key=lambda term: term.value)
    return found


def _labels(store: ox.Store, nodes) -> dict:
    """The first English and Japanese rdfs:label of each of ``nodes``, looked up node by
    node: the standings name a few thousand holders, frameworks and kinds, while a
    million-triple graph has ~220,000 labels."""
    found: dict = defaultdict(dict)
    for node in nodes:
        for quad in store.quads_for_pattern(node, _LABEL, None):
            language = getattr(quad.object, "language", None)
            if language in ("en", "ja"):
                found[node].setdefault(language, quad.object.value)
    return found


def _slug(term) -> str:
    """The last segment of one of our IRIs (a code or short name); a digest of any other."""
    value = term.value
    if value.startswith(BASE):
        return value.rstrip("/").rsplit("/", 1)[-1]
    return hashlib.sha1(value.encode("utf-8")).hexdigest()[:12]


def _day(value: date) -> ox.Literal:
    return ox.Literal(value.isoformat(), datatype=_XSD_DATE)


def _parts(term) -> tuple[int, int | None, int | None] | None:
    if not isinstance(term, ox.Literal):
        return None
    kind = term.datatype.value.removeprefix(XSD)
    pattern = {"date": _DAY, "gYearMonth": _MONTH, "gYear": _YEAR}.get(kind)
    match = pattern.match(term.value) if pattern else None
    if match is None:
        return None
    numbers = [int(group) for group in match.groups()]
    return numbers[0], *(numbers[1:] + [None, None])[:2]


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
