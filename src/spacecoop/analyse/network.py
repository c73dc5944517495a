"""Actor networks as of a date, built from the views: typed links, weighted pairs, ego networks.

Every edge carries its kind, the framework it goes through (body, instrument, dialogue series
or project), its first and last day and its sources. Link kinds between two actors:
- ``dialogue``: both were parties to a meeting of a dialogue series;
- ``meeting``: both were parties to another meeting (a summit, a session);
- ``agreement``: both signed or joined an instrument no one else signed or joined, from the
  later of their first acts (signing a bilateral agreement is itself the tie);
- ``capacity-building``: one funded an activity that benefited the other;
- ``shared-membership``: both were members of the same body at the same time;
- ``shared-party``: both were parties to the same multilateral instrument;
- ``shared-signature``: both had signed the same instrument and were not parties to it (for an
  instrument that is not a treaty, such as the Artemis Accords, which has no parties: both had
  joined).

As of a day, a link holds when it certainly holds (see ``views.certainty``); with
``include_uncertain``, links that only possibly hold are kept too, with ``certain=False``.
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from dataclasses import replace

import networkx as nx

from ..collector import collector_paused
from ..namespaces import LINK_KINDS
from .views import Affiliation, Views, kept

DEFAULT_WEIGHTS = {
    "dialogue": 3.0,
    "agreement": 3.0,
    "capacity-building": 2.0,
    "meeting": 1.0,
    "shared-party": 0.5,
    "shared-signature": 0.25,
    "shared-membership": 0.25,
}
SHARED_KINDS = {
    "membership": "shared-membership",
    "party": "shared-party",
    "signatory": "shared-signature",
}


def bipartite(views: Views, as_of=None, include_uncertain: bool = False) -> nx.Graph:
    """Actors on one side, bodies and instruments on the other; an edge per affiliation that
    holds on ``as_of`` (the earliest, when an actor signed and then ratified)."""
    graph = nx.Graph()
    for item in views.affiliations:
        state = item.on(as_of)
        if not kept(state, include_uncertain) or graph.has_edge(item.actor, item.framework):
            continue
        for node in (item.actor, item.framework):
            graph.add_node(node, **_node_attributes(views, node))
        graph.nodes[item.framework]["bipartite"] = 1
        graph.nodes[item.actor]["bipartite"] = 0
        graph.add_edge(
            item.actor,
            item.framework,
            kind=item.kind,
            start=item.start,
            end=item.end,
            start_shown=item.start_shown,
            certain=state is True,
            sources=list(item.sources),
        )
    return graph


@collector_paused()
def network(
    views: Views, as_of=None, kinds: tuple[str, ...] | None = None, include_uncertain: bool = False
) -> nx.MultiGraph:
    """Actor-to-actor multigraph on ``as_of``: one typed edge per link (see the module doc).

    Shared standings become one edge per pair and framework, from the later start to the
    earlier end; events count from their first day on. ``certain`` says whether the link
    certainly holds on ``as_of`` (only False with ``include_uncertain``).
    """
    graph = nx.MultiGraph()
    for framework, kind, first in _shared_frameworks(views, as_of, kinds, include_uncertain):
        for a, b in itertools.combinations(sorted(first), 2):
            (item_a, certain_a), (item_b, certain_b) = first[a], first[b]
            start, shown = max(
                (item_a.start, item_a.start_shown), (item_b.start, item_b.start_shown)
            )
            ends = [e for e in (item_a.end, item_b.end) if e]
            sources = sorted(set(item_a.sources) | set(item_b.sources))
            end = min(ends) if ends else None
            certain = certain_a and certain_b
            _add_link(graph, views, a, b, kind, framework, start, end, sources, shown, certain)
    for event, certain in _events(views, as_of, kinds, include_uncertain):
        _add_link(
            graph,
            views,
            event.a,
            event.b,
            event.kind,
            event.framework,
            event.start,
            None,
            list(event.sources),
            event.start_shown,
            certain,
        )
    return graph


@collector_paused()
def weighted_network(
    views: Views,
    as_of=None,
    kinds: tuple[str, ...] | None = None,
    weights: dict[str, float] | None = None,
    include_uncertain: bool = False,
) -> nx.Graph:
    """``weighted(network(...))`` without building the multigraph first: the same edges,
    weights, link counts and kinds, at a fraction of the memory and time on large graphs."""
    weights = weights or DEFAULT_WEIGHTS
    per_kind: dict[str, Counter] = defaultdict(Counter)
    for _, kind, first in _shared_frameworks(views, as_of, kinds, include_uncertain):
        per_kind[kind].update(itertools.combinations(sorted(first), 2))
    for event, _ in _events(views, as_of, kinds, include_uncertain):
        per_kind[event.kind][tuple(sorted((event.a, event.b)))] += 1
    totals: dict[tuple[str, str], list] = {}
    for kind in sorted(per_kind):
        weight = weights.get(kind, 1.0)
        for pair, count in per_kind[kind].items():
            entry = totals.get(pair)
            if entry is None:
                entry = totals[pair] = [0.0, 0, {}]
            entry[0] += weight * count
            entry[1] += count
            entry[2][kind] = count
    graph = nx.Graph()
    for node in sorted({n for pair in totals for n in pair}):
        graph.add_node(node, **_node_attributes(views, node))
    for (a, b), (weight, links, kinds_of_pair) in sorted(totals.items()):
        graph.add_edge(a, b, weight=weight, links=links, kinds=kinds_of_pair)
    return graph


def _shared_frameworks(views: Views, as_of, kinds, include_uncertain: bool):
    """(framework, link kind, {actor: (its first standing, certain)}) for each body or
    instrument and standing kind, with the standings kept on ``as_of``. An instrument no one
    else signed or joined is one agreement between its two holders, whichever their standing:
    its link runs from the later of their first acts while each still holds one."""
    wanted = set(kinds or LINK_KINDS)
    holders: dict[str, set[str]] = defaultdict(set)
    holding: dict[tuple[str, str], list[tuple[Affiliation, bool]]] = defaultdict(list)
    spells: dict[str, dict[str, list[Affiliation]]] = defaultdict(lambda: defaultdict(list))
    for item in views.affiliations:
        holders[item.framework].add(item.actor)
        if item.kind != "membership":
            spells[item.framework][item.actor].append(item)
    for item in views.affiliations:
        bilateral = item.kind != "membership" and len(holders[item.framework]) == 2
        state = item.on(as_of)
        if kept(state, include_uncertain):
            key = (item.framework, "agreement" if bilateral else SHARED_KINDS[item.kind])
            holding[key].append((item, state is True))
    for (framework, kind), items in sorted(holding.items()):
        if kind not in wanted:
            continue
        first: dict[str, tuple[Affiliation, bool]] = {}
        for item, certain in sorted(items, key=lambda pair: (pair[0].actor, pair[0].start)):
            known = first.get(item.actor)
            # the earliest standing, certain if any standing of the actor certainly holds
            first[item.actor] = (known[0], known[1] or certain) if known else (item, certain)
        if kind == "agreement":
            first = {
                actor: (_whole_spell(spells[framework][actor]), certain)
                for actor, (_, certain) in first.items()
            }
        yield framework, kind, first


def _whole_spell(spells: list[Affiliation]) -> Affiliation:
    """An actor's standings in one instrument as one: from the first start to the last end
    (open while the last is open), e.g. a signature then the entry into force."""
    ordered = sorted(spells, key=lambda item: item.start)
    return replace(
        ordered[0],
        earliest_end=ordered[-1].earliest_end,
        latest_end=ordered[-1].latest_end,
        end_shown=ordered[-1].end_shown,
        sources=tuple(sorted({s for item in ordered for s in item.sources})),
    )


def _events(views: Views, as_of, kinds, include_uncertain: bool):
    wanted = set(kinds or LINK_KINDS)
    found = []
    for event in views.events:
        state = event.on(as_of)
        if event.kind in wanted and kept(state, include_uncertain):
            found.append((event, state is True))
    return found


def weighted(multigraph: nx.MultiGraph, weights: dict[str, float] | None = None) -> nx.Graph:
    """Collapse parallel links into one edge: ``weight`` sums the weight of each link's kind,
    ``links`` counts them and ``kinds`` names them."""
    weights = weights or DEFAULT_WEIGHTS
    graph = nx.Graph()
    graph.add_nodes_from(multigraph.nodes(data=True))
    for a, b, data in multigraph.edges(data=True):
        if not graph.has_edge(a, b):
            graph.add_edge(a, b, weight=0.0, links=0, kinds={})
        edge = graph.edges[a, b]
        edge["weight"] += weights.get(data["kind"], 1.0)
        edge["links"] += 1
        edge["kinds"][data["kind"]] = edge["kinds"].get(data["kind"], 0) + 1
    return graph


def ego(graph: nx.Graph, focus: str, depth: int = 1) -> nx.Graph:
    """The part of ``graph`` within ``depth`` links of ``focus``."""
    if focus not in graph:
        return graph.subgraph([]).copy()
    return nx.ego_graph(graph, focus, radius=depth).copy()


def _add_link(graph, views, a, b, kind, framework, start, end, sources, shown, certain) -> None:
    for node in (a, b):
        if node not in graph:
            graph.add_node(node, **_node_attributes(views, node))
    labels = views.actors.get(framework, {})
    graph.add_edge(
        a,
        b,
        key=f"{kind}|{framework}|{start}",
        kind=kind,
        framework=framework,
        framework_label_en=labels.get("label_en", framework.rsplit("/", 1)[-1]),
        framework_label_ja=labels.get("label_ja", framework.rsplit("/", 1)[-1]),
        start=start,
        end=end,
        start_shown=shown,
        certain=certain,
        sources=list(sources),
        label_en=f"{kind}: {labels.get('label_en', framework.rsplit('/', 1)[-1])}",
        label_ja=f"{kind}: {labels.get('label_ja', framework.rsplit('/', 1)[-1])}",
    )


def _node_attributes(views: Views, node: str) -> dict:
    known = views.actors.get(node)
    if known is None:
        short = node.rsplit("/", 1)[-1]
        return {
            "kind": "organisation",
            "iso3": None,
            "label_en": short,
            "label_ja": short,
            "nonstate": True,
        }
    return dict(known)
