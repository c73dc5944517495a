"""Panel data for regression work, in the style of the Correlates of War IGO data sets.

- dyad-year: one row per unordered pair of actors per year in which they shared at least one
  body or instrument (both certainly members or parties on 31 December; signing a treaty
  does not count, signing a non-binding arrangement such as the Artemis Accords does), or
  met, or were linked by capacity building (an event whose date's precision spans two years
  counts in neither); ``iso3_1 < iso3_2``; one
  column per body or instrument (1 if both were in it at the end of the year), one column per
  event kind (events that year), and ``shared`` (the number of shared bodies and instruments).
- state-year: one row per actor per year with at least one affiliation; one column per body or
  instrument (1 if certainly a member or party, or a signatory of a non-binding arrangement,
  on 31 December) and ``count``.

The wide panels hold a cell for every body and instrument in every row, so they grow with the
square of the data (a million triples: 7,486 columns). Their long forms hold only what is there:

- dyad-year-long: one row per pair, year, link and framework: ``shared`` with count 1 when both
  were in the body or instrument at the end of the year, or an event kind with the number of
  such events through that body, series or project in the year.
- state-year-long: one row per actor, year and body or instrument it was in at the year's end.

``pandas.pivot_table`` turns a long panel into the wide one.

Actors are coded by ISO alpha-3 in the ``iso3`` columns; organisations (the EU, ESA) by their
short name there, with ``nonstate`` = 1, so that they can be filtered out, not silently lost.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterator
from datetime import date

from .analyse.views import Views

EVENT_KINDS = ("dialogue", "meeting", "capacity-building")


def dyad_year(views: Views, last_year: int | None = None) -> tuple[list[str], Iterator[list]]:
    """The columns, and the rows year by year (a generator: a large panel is never held)."""
    frameworks = _frameworks(views)
    columns = ["year", "iso3_1", "iso3_2", "nonstate_1", "nonstate_2", *frameworks, *EVENT_KINDS,
               "shared"]  # fmt: skip

    def rows() -> Iterator[list]:
        for year, a, b, inside, counted in _dyads(views, _years(views, last_year)):
            by_kind = defaultdict(int)
            for (kind, _), count in counted.items():
                by_kind[kind] += count
            yield [
                year, *_pair_codes(views, a, b),
                *(1 if f in inside else 0 for f in frameworks),
                *(by_kind[kind] for kind in EVENT_KINDS),
                len(inside),
            ]  # fmt: skip

    return columns, rows()


def dyad_year_long(views: Views, last_year: int | None = None) -> tuple[list[str], Iterator[list]]:
    """The long dyad-year panel's columns and rows (a generator), sorted within each dyad-year
    by link and framework."""
    columns = ["year", "iso3_1", "iso3_2", "nonstate_1", "nonstate_2", "link", "framework",
               "count"]  # fmt: skip

    def rows() -> Iterator[list]:
        for year, a, b, inside, counted in _dyads(views, _years(views, last_year)):
            pair = _pair_codes(views, a, b)
            for kind, framework in sorted(counted):
                yield [year, *pair, kind, framework, counted[kind, framework]]
            for framework in sorted(inside):
                yield [year, *pair, "shared", framework, 1]

    return columns, rows()


def _dyads(views: Views, years) -> Iterator[tuple[int, str, str, set[str], dict]]:
    """Per year, each linked pair in code order: the frameworks both were in at the year's end
    and the year's events between them, counted by (kind, framework)."""
    code = {node: _code(views, node) for node in views.actors}

    def order(node: str) -> str:
        return code.get(node) or _code(views, node)

    events_by_year: dict[int, list] = defaultdict(list)
    for event in views.events:
        if event.year() is not None:
            events_by_year[event.year()].append(event)
    for year in years:
        shared: dict[tuple[str, str], set[str]] = defaultdict(set)
        for framework, actors in _members_at_year_end(views, year).items():
            for pair in itertools.combinations(sorted(actors, key=order), 2):
                shared[pair].add(framework)
        events: dict[tuple[str, str], dict[tuple[str, str], int]] = defaultdict(
            lambda: defaultdict(int)
        )
        for event in events_by_year.get(year, []):
            pair = tuple(sorted((event.a, event.b), key=order))
            events[pair][event.kind, _short(event.framework)] += 1
        for a, b in sorted(set(shared) | set(events), key=lambda p: (order(p[0]), order(p[1]))):
            yield year, a, b, shared.get((a, b), set()), events.get((a, b), {})


def _pair_codes(views: Views, a: str, b: str) -> list:
    return [_code(views, a), _code(views, b), _nonstate(views, a), _nonstate(views, b)]


def state_year(views: Views, last_year: int | None = None) -> tuple[list[str], Iterator[list]]:
    """The columns, and the rows year by year (a generator)."""
    frameworks = _frameworks(views)
    columns = ["year", "iso3", "nonstate", *frameworks, "count"]

    def rows() -> Iterator[list]:
        for year, actor, inside in _states(views, _years(views, last_year)):
            yield [
                year, _code(views, actor), _nonstate(views, actor),
                *(1 if f in inside else 0 for f in frameworks),
                len(inside),
            ]  # fmt: skip

    return columns, rows()


def state_year_long(views: Views, last_year: int | None = None) -> tuple[list[str], Iterator[list]]:
    """The long state-year panel's columns and rows (a generator)."""
    columns = ["year", "iso3", "nonstate", "framework"]

    def rows() -> Iterator[list]:
        for year, actor, inside in _states(views, _years(views, last_year)):
            for framework in sorted(inside):
                yield [year, _code(views, actor), _nonstate(views, actor), framework]

    return columns, rows()


def _states(views: Views, years) -> Iterator[tuple[int, str, set[str]]]:
    """Per year, each affiliated actor in code order with the frameworks it was in at the end."""
    for year in years:
        membership: dict[str, set[str]] = defaultdict(set)
        for framework, actors in _members_at_year_end(views, year).items():
            for actor in actors:
                membership[actor].add(framework)
        for actor in sorted(membership, key=lambda n: _code(views, n)):
            yield year, actor, membership[actor]


def _members_at_year_end(views: Views, year: int) -> dict[str, set[str]]:
    day = f"{year}-12-31"
    members: dict[str, set[str]] = defaultdict(set)
    for item in views.affiliations:
        if item.joined and item.on(day) is True:
            members[_short(item.framework)].add(item.actor)
    return members


def _frameworks(views: Views) -> list[str]:
    return sorted({_short(item.framework) for item in views.affiliations})


def _years(views: Views, last_year: int | None) -> range:
    starts = [int(i.start[:4]) for i in views.affiliations] + [
        int(e.start[:4]) for e in views.events
    ]
    if not starts:
        return range(0)
    return range(min(starts), (last_year or date.today().year) + 1)


def _short(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


def _code(views: Views, node: str) -> str:
    return views.actors.get(node, {}).get("iso3") or _short(node)


def _nonstate(views: Views, node: str) -> int:
    return 0 if views.actors.get(node, {}).get("kind") == "state" else 1
