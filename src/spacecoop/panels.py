"""Panel data for regression work, in the style of the Correlates of War IGO data sets.

- dyad-year: one row per unordered pair of actors per year in which they shared at least one
  body or instrument, or met, or were linked by capacity building; ``iso3_1 < iso3_2``; one
  column per body or instrument (1 if both were in it at the end of the year), one column per
  event kind (events that year), and ``shared`` (the number of shared bodies and instruments).
- state-year: one row per actor per year with at least one affiliation; one column per body or
  instrument (1 if in it at the end of the year) and ``count``.

Actors are coded by ISO alpha-3 in the ``iso3`` columns; organisations (the EU, ESA) by their
short name there, with ``nonstate`` = 1, so that they can be filtered out, not silently lost.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterator
from datetime import date

from .analyse import Views, active

EVENT_KINDS = ("dialogue", "meeting", "capacity-building")


def dyad_year(views: Views, last_year: int | None = None) -> tuple[list[str], Iterator[list]]:
    """The columns, and the rows year by year (a generator: a large panel is never held)."""
    frameworks = _frameworks(views)
    columns = ["year", "iso3_1", "iso3_2", "nonstate_1", "nonstate_2", *frameworks, *EVENT_KINDS,
               "shared"]  # fmt: skip
    return columns, _dyad_rows(views, frameworks, _years(views, last_year))


def _dyad_rows(views: Views, frameworks: list[str], years) -> Iterator[list]:
    code = {node: _code(views, node) for node in views.actors}
    events_by_year: dict[int, list] = defaultdict(list)
    for event in views.events:
        events_by_year[int(event.start[:4])].append(event)
    for year in years:
        shared: dict[tuple[str, str], set[str]] = defaultdict(set)
        for framework, actors in _members_at_year_end(views, year).items():
            ordered = sorted(actors, key=lambda n: code.get(n) or _code(views, n))
            for pair in itertools.combinations(ordered, 2):
                shared[pair].add(framework)
        events: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for event in events_by_year.get(year, []):
            pair = tuple(sorted((event.a, event.b), key=lambda n: code.get(n) or _code(views, n)))
            events[pair][event.kind] += 1
        for a, b in sorted(
            set(shared) | set(events), key=lambda p: (_code(views, p[0]), _code(views, p[1]))
        ):
            inside = shared.get((a, b), set())
            counted = events.get((a, b), {})
            yield [
                year,
                _code(views, a),
                _code(views, b),
                _nonstate(views, a),
                _nonstate(views, b),
                *(1 if f in inside else 0 for f in frameworks),
                *(counted.get(kind, 0) for kind in EVENT_KINDS),
                len(inside),
            ]


def state_year(views: Views, last_year: int | None = None) -> tuple[list[str], Iterator[list]]:
    """The columns, and the rows year by year (a generator)."""
    frameworks = _frameworks(views)
    columns = ["year", "iso3", "nonstate", *frameworks, "count"]
    return columns, _state_rows(views, frameworks, _years(views, last_year))


def _state_rows(views: Views, frameworks: list[str], years) -> Iterator[list]:
    for year in years:
        membership: dict[str, set[str]] = defaultdict(set)
        for framework, actors in _members_at_year_end(views, year).items():
            for actor in actors:
                membership[actor].add(framework)
        for actor in sorted(membership, key=lambda n: _code(views, n)):
            inside = membership[actor]
            yield [
                year,
                _code(views, actor),
                _nonstate(views, actor),
                *(1 if f in inside else 0 for f in frameworks),
                len(inside),
            ]


def _members_at_year_end(views: Views, year: int) -> dict[str, set[str]]:
    day = f"{year}-12-31"
    members: dict[str, set[str]] = defaultdict(set)
    for item in views.affiliations:
        if active(item.start, item.end, day):
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
