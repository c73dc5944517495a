"""Materialise what the n-ary nodes imply, so that queries and shapes stay simple.

Two kinds of derived triples:
- day bounds (``sc:beginsOn``, ``sc:endsOn``, plain ``xsd:date``) from dates stated to the day,
  month, year or Japanese fiscal year, so that "as of" questions compare days;
- shortcut edges (``sc:memberOf``, ``sc:signatoryOf``, …) from the declared CONSTRUCT rules in
  ``rules/``. They are never written by hand in the data.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

import pyoxigraph as ox

from .namespaces import SC, XSD
from .resources import package_entries

_DAY = re.compile(r"^(-?\d{4,})-(\d{2})-(\d{2})$")
_MONTH = re.compile(r"^(-?\d{4,})-(\d{2})$")
_YEAR = re.compile(r"^(-?\d{4,})$")

BEGINS_ON = ox.NamedNode(SC + "beginsOn")
ENDS_ON = ox.NamedNode(SC + "endsOn")
_XSD_DATE = ox.NamedNode(XSD + "date")


def rules() -> dict[str, str]:
    """The shortcut rules by name (file stem), in a fixed order."""
    return package_entries("rules")


def infer(store: ox.Store) -> int:
    """Add day bounds and shortcut edges to ``store``; return how many triples were added."""
    before = len(store)
    store.bulk_extend(list(day_bounds(store)))
    for rule in rules().values():
        derived = [ox.Quad(t.subject, t.predicate, t.object) for t in store.query(rule)]
        store.bulk_extend(derived)
    return len(store) - before


def day_bounds(store: ox.Store):
    """Yield ``sc:beginsOn``/``sc:endsOn`` quads for every node with a well-formed date.

    The start comes from the first of ``sc:startDate``, ``sc:date``, ``sc:fiscalYear`` (its
    1 April) and ``sc:attestedOn`` (its last possible day: the relationship is only known to
    hold from then) that the node has; the end from ``sc:endDate`` (its last
    possible day). A malformed date yields nothing here: the shapes report it.
    """
    starts: dict[ox.NamedNode | ox.BlankNode, date] = {}
    for name in ("startDate", "date", "fiscalYear", "attestedOn"):
        found = {}
        for quad in store.quads_for_pattern(None, ox.NamedNode(SC + name), None):
            day = _START_OF[name](quad.object)
            if day is not None:
                found.setdefault(quad.subject, day)
        for subject, day in found.items():
            starts.setdefault(subject, day)
    for subject, day in starts.items():
        yield ox.Quad(subject, BEGINS_ON, ox.Literal(day.isoformat(), datatype=_XSD_DATE))
    for quad in store.quads_for_pattern(None, ox.NamedNode(SC + "endDate"), None):
        day = last_day(quad.object)
        if day is not None:
            yield ox.Quad(quad.subject, ENDS_ON, ox.Literal(day.isoformat(), datatype=_XSD_DATE))


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


_START_OF = {
    "startDate": first_day,
    "date": first_day,
    "fiscalYear": fiscal_year_start,
    "attestedOn": last_day,
}


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
