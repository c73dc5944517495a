"""The graph a map draws: a two-mode network of actors and frameworks, and its focus views.

A body or an instrument with more than two parties is a node of its own, linked to each of its
members or parties (``membership`` or ``consent`` links, one per affiliation record), instead
of a clique of pairwise "shared" links. A meeting with more than two parties links each party
to its series (the body that held it). Bilateral ties stay between the two actors: an
instrument only two actors consented to is an ``agreement`` between them; a two-party meeting
or dialogue round, or a capacity-building activity, links its two parties.

Each edge of the returned ``MultiGraph`` is one dated record (a meeting, an affiliation): the
map draws one line per pair and kind, as wide as its records are many (``spacecoop.render``).
The pairwise projection of ``network()`` stays available with ``pairwise=True``.

A focus view of actor X at depth 1 is X, its bilateral partners and the frameworks X belongs
to, with every link among them; depth 2 adds the partners' partners and the partners'
frameworks. Frameworks are never expanded into all their members (the Outer Space Treaty's
parties would be the whole network): a member shows only when it is in the view for its own
reasons. Focused on a framework, depth 1 is the framework and its members.
"""

from __future__ import annotations

from collections import defaultdict

import networkx as nx

from ..collector import collector_paused
from .metrics import eigenvector
from .views import Views

#: Link kinds of ``network()`` -> the kinds of the two-mode map they select with ``kinds=``.
TWO_MODE_KINDS = {
    "shared-membership": "membership",
    "shared-signature": "consent",
    "shared-party": "consent",
    "agreement": "agreement",
    "dialogue": "dialogue",
    "meeting": "meeting",
    "capacity-building": "capacity-building",
}
#: Affiliation kinds (the views' own, old and new) -> the kind of the map's link.
AFFILIATION_LINKS = {"membership": "membership"}  # every other kind is a consent
#: What a record of each affiliation kind is called in a map's details.
ROLE_LABELS = {
    "membership": ("member", "加盟"),
    "party": ("party", "締約国"),
    "signatory": ("signatory", "署名国"),
    "consent": ("signature or ratification", "署名・批准"),
}
FRAMEWORK_KINDS = ("body", "instrument")


@collector_paused()
def two_mode(
    views: Views,
    as_of=None,
    kinds: tuple[str, ...] | None = None,
    include_uncertain: bool = False,
) -> nx.MultiGraph:
    """Actors and frameworks on ``as_of``: one edge per affiliation or bilateral record (see
    the module doc) that certainly holds then (``include_uncertain``: or possibly, with
    ``certain=False``). Edges carry ``kind``, ``role`` (the affiliation's own kind),
    ``framework``, its labels, ``start``, ``end``, ``sources``, ``label_en``/``_ja``,
    ``certain`` and, where the views give them, ``start_shown``/``end_shown`` and, for an
    imprecise date, ``possible_start``/``possible_end`` (the widest it may hold, days
    included); framework nodes carry ``members`` (how many actors link to them here)."""
    wanted = {TWO_MODE_KINDS.get(k, k) for k in kinds} if kinds else None
    graph = nx.MultiGraph()
    parties: dict[str, set[str]] = defaultdict(set)
    for item in views.affiliations:
        parties[item.framework].add(item.actor)
    for item in sorted(views.affiliations, key=_affiliation_order):
        state = _state(item, as_of)
        if not _kept(state, include_uncertain):
            continue
        kind = AFFILIATION_LINKS.get(item.kind, "consent")
        bilateral = kind == "consent" and len(parties[item.framework]) == 2
        if bilateral:
            continue
        if wanted is not None and kind not in wanted:
            continue
        _link(
            graph, views, item.actor, item.framework, kind, item.framework, item, item.kind, state
        )
    if wanted is None or "agreement" in wanted:
        for framework, actors in sorted(parties.items()):
            if len(actors) != 2:
                continue
            records = sorted(
                (i for i in views.affiliations if i.framework == framework), key=_affiliation_order
            )
            if records[0].kind == "membership":
                continue
            first = {}
            for item in records:
                first.setdefault(item.actor, item)
            states = [_state(i, as_of) for i in first.values()]
            if len(first) != 2 or not all(_kept(x, include_uncertain) for x in states):
                continue
            a, b = sorted(first)
            both = _Both(*first.values())
            _link(graph, views, a, b, "agreement", framework, both, "agreement", all(states))
    by_event: dict[str, list] = defaultdict(list)
    states = {}
    for event in views.events:
        states[id(event)] = state = _state(event, as_of)
        if (wanted is None or event.kind in wanted) and _kept(state, include_uncertain):
            by_event[event.node].append(event)
    for node, records in sorted(by_event.items()):
        actors = sorted({x for e in records for x in (e.a, e.b)})
        first = min(records, key=lambda e: (e.start or "", e.a, e.b))
        # two parties, or an activity one actor funded for several: a bilateral tie each
        if len(actors) == 2 or first.kind == "capacity-building":
            for event in sorted(records, key=lambda e: (e.a, e.b)):
                state = states[id(event)]
                _link(
                    graph, views, event.a, event.b, event.kind, event.framework, event, node, state
                )
        else:
            series, state = first.framework, states[id(first)]
            for actor in actors:
                _link(graph, views, actor, series, first.kind, series, first, node, state)
    for framework in [n for n, kind in graph.nodes(data="kind") if kind in FRAMEWORK_KINDS]:
        graph.nodes[framework]["members"] = len(set(graph[framework]))
    return graph


def focus_nodes(graph: nx.Graph, focus: str, depth: int = 1) -> set[str]:
    """The nodes of ``focus``'s view in a two-mode ``graph`` (see the module doc)."""
    if focus not in graph:
        return set()

    def framework(node) -> bool:
        return graph.nodes[node].get("kind") in FRAMEWORK_KINDS

    if framework(focus):
        members = set(graph[focus])
        if depth <= 1:
            return {focus} | members
        view = {focus}
        for member in sorted(members):
            view |= focus_nodes(graph, member, depth - 1)
        return view
    actors = inner = {focus}
    for _ in range(max(depth, 0)):
        inner = actors
        actors = actors | {n for a in actors for n in graph[a] if not framework(n)}
    frameworks = {n for a in inner for n in graph[a] if framework(n)} if depth >= 1 else set()
    return actors | frameworks


def map_graph(
    views: Views,
    as_of=None,
    kinds: tuple[str, ...] | None = None,
    focus: str | None = None,
    depth: int = 1,
    include_uncertain: bool = False,
    *,
    pairwise: bool = False,
) -> nx.MultiGraph:
    """The multigraph a map draws and ``export`` writes: the two-mode network on ``as_of``
    (``pairwise=True``: the actor-to-actor projection of ``network()``), or ``focus``'s view,
    each node sized by its eigenvector centrality scaled to 0..1. ``include_uncertain`` keeps
    the links that only possibly hold on ``as_of`` too, with ``certain=False`` (drawn dashed).

    A focus view of the projection has the actors of the two-mode view (never its frameworks)."""
    from .network import network

    graph = two_mode(views, as_of, kinds, include_uncertain)
    if focus:
        keep = focus_nodes(graph, focus, depth)
        graph = graph.subgraph(keep).copy()
    if pairwise:
        projection = (
            network(views, as_of, kinds, include_uncertain)
            if include_uncertain
            else network(views, as_of, kinds)
        )
        if focus:
            projection = projection.subgraph(n for n in graph if n in projection).copy()
        graph = projection
    values = eigenvector(_collapsed(graph))
    top = max(values.values(), default=0) or 1
    for node, value in values.items():
        graph.nodes[node]["centrality"] = round(value / top, 6)
    if focus and focus in graph:
        graph.graph["focus"] = focus
    return graph


def _collapsed(graph: nx.MultiGraph) -> nx.Graph:
    """One edge of weight 1 per pair: centrality by who is tied to whom, not by how many
    records a tie has (thirteen meetings of one dialogue would outweigh a treaty's parties)."""
    simple = nx.Graph()
    simple.add_nodes_from(graph)
    simple.add_edges_from((a, b, {"weight": 1.0}) for a, b in graph.edges() if a != b)
    return simple


def _affiliation_order(item) -> tuple:
    return (item.actor, item.framework, item.start or "", item.kind, item.end or "")


class _Both:
    """An agreement as a record: from the day both had consented until the first left."""

    def __init__(self, one, other):
        later = max((one, other), key=lambda r: r.start or "")
        self.start = later.start
        self.start_shown = getattr(later, "start_shown", None)
        self.earliest_start = getattr(later, "earliest_start", None)
        ends = [e for e in (_end(one), _end(other)) if e]
        self.end = min(ends) if ends else None
        self.sources = tuple(sorted(set(one.sources) | set(other.sources)))


def _day(as_of) -> str | None:
    return None if as_of is None else as_of if isinstance(as_of, str) else as_of.isoformat()


def _state(record, as_of) -> bool | None:
    """True if ``record`` certainly holds on ``as_of``, False if only possibly, None if not:
    the views' own ``on(day)`` where they have one; else from its start and last day."""
    on = getattr(record, "on", None)
    if callable(on):
        return on(as_of)
    day, start, end = _day(as_of), record.start, _end(record)
    if day is None or ((start is None or start <= day) and (end is None or end >= day)):
        return True
    return None


def _kept(state: bool | None, include_uncertain: bool) -> bool:
    return state is True or (include_uncertain and state is False)


def _end(record) -> str | None:
    """The last day a record certainly holds (events have none: a meeting held stays a tie)."""
    return getattr(record, "end", None)


def _link(graph, views, a, b, kind, framework, record, role, state=True) -> None:
    """Add one record's edge; ``role`` is the affiliation's own kind or the event's IRI,
    ``state`` whether it certainly holds on the day asked for (see ``_state``)."""
    from .network import _node_attributes

    for node in (a, b):
        if node not in graph:
            graph.add_node(node, **_node_attributes(views, node))
    labels = views.actors.get(framework, {})
    short = framework.rsplit("/", 1)[-1]
    name_en, name_ja = labels.get("label_en", short), labels.get("label_ja", short)
    end = None if kind in ("dialogue", "meeting") else _end(record)
    event = role if role.startswith(("http://", "https://")) else None
    if not event and role in ROLE_LABELS:
        name_en, name_ja = ROLE_LABELS[role]
    attrs = dict(
        kind=kind,
        role=kind if event else role,
        framework=framework,
        framework_label_en=labels.get("label_en", short),
        framework_label_ja=labels.get("label_ja", short),
        start=record.start,
        end=end,
        sources=list(record.sources),
        label_en=name_en,
        label_ja=name_ja,
        certain=state is not False,
    )
    if event:
        attrs["event"] = event
    for name in ("start_shown", "end_shown"):
        value = getattr(record, name, None)
        if value:
            attrs[name] = value
    # an imprecise date: the record possibly holds from its earliest start, and until the day
    # before its latest end (the views' ends are the first day it no longer holds)
    earliest = getattr(record, "earliest_start", None)
    if earliest and earliest != record.start:
        attrs["possible_start"] = earliest
    latest_end = getattr(record, "latest_end", None)
    if latest_end and end is not None:
        from datetime import date, timedelta

        last = (date.fromisoformat(latest_end) - timedelta(days=1)).isoformat()
        if last != end:
            attrs["possible_end"] = last
    key = f"{kind}|{role}|{framework}|{record.start}"
    graph.add_edge(a, b, key=key, **attrs)
