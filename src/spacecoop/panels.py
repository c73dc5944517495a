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
from datetime import date

from .analyse import Views, active

EVENT_KINDS = ("dialogue", "meeting", "capacity-building")


def dyad_year(views: Views, last_year: int | None = None) -> tuple[list[str], list[list]]:
    frameworks = _frameworks(views)
    columns = [
        "year",
        "iso3_1",
        "iso3_2",
        "nonstate_1",
        "nonstate_2",
        *frameworks,
        *EVENT_KINDS,
        "shared",
    ]
    rows = []
    for year in _years(views, last_year):
        members = _members_at_year_end(views, year)
        shared: dict[tuple[str, str], set[str]] = defaultdict(set)
        for framework, actors in members.items():
            for a, b in itertools.combinations(sorted(actors, key=lambda n: _code(views, n)), 2):
                shared[(a, b)].add(framework)
        events: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for event in views.events:
            if int(event.start[:4]) == year:
                a, b = sorted((event.a, event.b), key=lambda n: _code(views, n))
                events[(a, b)][event.kind] += 1
        for a, b in sorted(
            set(shared) | set(events), key=lambda p: (_code(views, p[0]), _code(views, p[1]))
        ):
            inside = shared.get((a, b), set())
            rows.append(
                [
                    year,
                    _code(views, a),
                    _code(views, b),
                    _nonstate(views, a),
                    _nonstate(views, b),
                    *(1 if f in inside else 0 for f in frameworks),
                    *(events.get((a, b), {}).get(kind, 0) for kind in EVENT_KINDS),
                    len(inside),
                ]
            )
    return columns, rows


def state_year(views: Views, last_year: int | None = None) -> tuple[list[str], list[list]]:
    frameworks = _frameworks(views)
    columns = ["year", "iso3", "nonstate", *frameworks, "count"]
    rows = []
    for year in _years(views, last_year):
        membership: dict[str, set[str]] = defaultdict(set)
        for framework, actors in _members_at_year_end(views, year).items():
            for actor in actors:
                membership[actor].add(framework)
        for actor in sorted(membership, key=lambda n: _code(views, n)):
            inside = membership[actor]
            rows.append(
                [
                    year,
                    _code(views, actor),
                    _nonstate(views, actor),
                    *(1 if f in inside else 0 for f in frameworks),
                    len(inside),
                ]
            )
    return columns, rows


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
