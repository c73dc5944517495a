"""What the network analysis reads from the graph: actors, affiliations and events, once.

The rows come from the SPARQL views in ``queries/views/``; everything after them is Python.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

import pyoxigraph as ox

from ..collector import collector_paused
from ..query import NamedQuery, bind, get_query, parse_query, run_values


@dataclass(frozen=True)
class Affiliation:
    """One standing of an actor in a body or instrument: ``kind`` is "membership", "party" or
    "signatory" (signatory only); ``joined`` when it makes the actor one of the framework's own
    (a member, a party, or a signatory of an instrument that is not a treaty: an arrangement or
    an agreement between agencies, which takes effect on signature).
    Days are ISO strings; ``earliest_end``/``latest_end`` are the first day it no longer
    holds, at the earliest and at the latest (None: it has not ended)."""

    actor: str
    framework: str
    kind: str
    joined: bool
    earliest_start: str | None
    latest_start: str
    earliest_end: str | None
    latest_end: str | None
    start_shown: str
    end_shown: str | None
    sources: tuple[str, ...]

    @property
    def start(self) -> str:
        """The first day it certainly holds."""
        return self.latest_start

    @property
    def end(self) -> str | None:
        """The last day it certainly holds, if it ended."""
        return _day_before(self.earliest_end)

    def on(self, day: str | None) -> bool | None:
        """True if it certainly holds on ``day`` (None: any day), False if only possibly,
        None if not at all."""
        return certainty(
            self.earliest_start, self.latest_start, self.earliest_end, self.latest_end, day
        )


@dataclass(frozen=True)
class Event:
    """A dated link between two actors: a meeting or a capacity-building activity. It stays a
    link from its first day on."""

    node: str
    kind: str
    framework: str
    a: str
    b: str
    earliest_start: str | None
    latest_start: str
    start_shown: str
    sources: tuple[str, ...]

    @property
    def start(self) -> str:
        """The first day it has certainly taken place."""
        return self.latest_start

    def on(self, day: str | None) -> bool | None:
        """True if it had certainly begun by ``day``, False if only possibly, None if not."""
        return certainty(self.earliest_start, self.latest_start, None, None, day)

    def year(self) -> int | None:
        """The year it certainly began in, or None when its date spans two years."""
        if self.earliest_start and self.earliest_start[:4] == self.latest_start[:4]:
            return int(self.latest_start[:4])
        return None


@dataclass
class Views:
    """What the view queries read from the graph, once; every network is built from this."""

    actors: dict[str, dict] = field(default_factory=dict)
    affiliations: list[Affiliation] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)


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
    for actor, framework, kind, joined, *fields, node, source in _sorted_rows(
        store, "affiliations"
    ):
        merged[(actor, framework, kind, joined == "true", *fields, node)].append(source)
    views.affiliations = [
        Affiliation(*key[:-1], tuple(sorted(set(sources)))) for key, sources in merged.items()
    ]
    events: dict[tuple, list[str]] = defaultdict(list)
    for *fields, source in _sorted_rows(store, "events"):
        events[tuple(fields)].append(source)
    views.events = [Event(*key, tuple(sorted(set(sources)))) for key, sources in events.items()]
    return views


def certainty(
    earliest_start: str | None,
    latest_start: str,
    earliest_end: str | None,
    latest_end: str | None,
    day: date | str | None,
) -> bool | None:
    """The one as-of rule (ISO days, ends exclusive): True when it certainly holds on ``day``
    (latest start <= day < earliest end), False when it only possibly holds (earliest start
    <= day < latest end), None when it does not. With no ``day``, everything certainly holds."""
    if day is None:
        return True
    day = day if isinstance(day, str) else day.isoformat()
    if latest_start <= day and (earliest_end is None or day < earliest_end):
        return True
    if (earliest_start is None or earliest_start <= day) and (
        latest_end is None or day < latest_end
    ):
        return False
    return None


def kept(state: bool | None, include_uncertain: bool) -> bool:
    """Whether a record in ``state`` (see ``certainty``) belongs in an answer."""
    return state is True or (include_uncertain and state is False)


def _day_before(day: str | None) -> str | None:
    return None if day is None else (date.fromisoformat(day) - timedelta(days=1)).isoformat()


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
