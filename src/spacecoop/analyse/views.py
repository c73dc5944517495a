"""What the network analysis reads from the graph: actors, affiliations and events, once.

The rows come from the SPARQL views in ``queries/views/``; everything after them is Python.
"""

from __future__ import annotations

import gc
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta

import pyoxigraph as ox

from ..query import NamedQuery, bind, get_query, parse_query, run_values


@dataclass(frozen=True)
class Affiliation:
    """One actor's membership of a body or consent to an instrument."""

    actor: str
    framework: str
    kind: str
    start: str
    end: str | None
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Event:
    """A dated link between two actors: a meeting or a capacity-building activity."""

    node: str
    kind: str
    framework: str
    a: str
    b: str
    start: str
    end: str | None
    sources: tuple[str, ...]


@dataclass
class Views:
    """What the view queries read from the graph, once; every network is built from this."""

    actors: dict[str, dict] = field(default_factory=dict)
    affiliations: list[Affiliation] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)


@contextmanager
def collector_paused():
    """Pause Python's cycle collector while a view or network is built. It would walk every
    live object again and again as hundreds of thousands of tuples and dicts are made: at a
    million triples, 40% of the network's build time. It runs again afterwards, so nothing
    is kept that would have been freed."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@collector_paused()
def read_views(store: ox.Store) -> Views:
    """Run the view queries and gather their rows (sources of one node are merged)."""
    views = Views()
    for node, kind, iso3, label_en, label_ja in _sorted_rows(store, "actors"):
        views.actors[node] = {
            "kind": kind,
            "iso3": iso3,
            "label_en": label_en or node.rsplit("/", 1)[-1],
            "label_ja": label_ja or label_en or node.rsplit("/", 1)[-1],
            "nonstate": kind != "state",
        }
    merged: dict[tuple, list[str]] = defaultdict(list)
    for actor, framework, kind, start, end, node, source in _sorted_rows(store, "affiliations"):
        merged[(actor, framework, kind, start, end, node)].append(source)
    views.affiliations = [
        Affiliation(
            actor, framework, kind, start, _last_day_bound(kind, end), tuple(sorted(set(sources)))
        )
        for (actor, framework, kind, start, end, _), sources in merged.items()
    ]
    events: dict[tuple, list[str]] = defaultdict(list)
    for node, kind, framework, a, b, start, end, source in _sorted_rows(store, "events"):
        events[(node, kind, framework, a, b, start, end)].append(source)
    views.events = [Event(*key, tuple(sorted(set(sources)))) for key, sources in events.items()]
    return views


def active(start: str | None, end: str | None, as_of: date | str | None) -> bool:
    """Whether something from ``start`` to ``end`` (ISO days, end inclusive) holds on ``as_of``."""
    if as_of is None:
        return True
    day = as_of if isinstance(as_of, str) else as_of.isoformat()
    return (start is None or start <= day) and (end is None or end >= day)


def _last_day_bound(kind: str, end: str | None) -> str | None:
    """A membership's end is its last day; a withdrawal's date is the first day it is out."""
    if end is None or kind != "consent":
        return end
    return (date.fromisoformat(end) - timedelta(days=1)).isoformat()


def _view(name: str) -> NamedQuery:
    from ..resources import package_text

    return parse_query(name, package_text("queries", "views", f"{name}.rq"))


def view_rows(store: ox.Store, name: str) -> list[tuple]:
    try:
        query = _view(name)
    except FileNotFoundError:
        query = get_query(name)
    return run_values(store, query, bind(query))


def _sorted_rows(store: ox.Store, name: str) -> list[tuple]:
    """A view's rows in one order, an unbound cell first (no value read from CSV is empty). The
    view queries leave the order to Python, which sorts them faster than the engine does."""
    return sorted(view_rows(store, name), key=lambda row: [cell or "" for cell in row])
