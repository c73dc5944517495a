"""Actor networks as of a date, built from the views: typed links, weighted pairs, ego networks.

Every edge carries its kind, the framework it goes through (body, instrument, dialogue series
or project), its first and last day and its sources. Link kinds between two actors:
- ``dialogue``: both were parties to a meeting of a dialogue series;
- ``meeting``: both were parties to another meeting (a summit, a session);
- ``agreement``: both consented to an instrument that only they consented to;
- ``capacity-building``: one funded an activity that benefited the other;
- ``shared-membership``: both were members of the same body at the same time;
- ``shared-signature``: both had consented to the same multilateral instrument.
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict

import networkx as nx

from ..namespaces import LINK_KINDS
from .views import Affiliation, Views, active, collector_paused

DEFAULT_WEIGHTS = {
    "dialogue": 3.0,
    "agreement": 3.0,
    "capacity-building": 2.0,
    "meeting": 1.0,
    "shared-signature": 0.5,
    "shared-membership": 0.25,
}


def bipartite(views: Views, as_of=None) -> nx.Graph:
    """Actors on one side, bodies and instruments on the other; an edge per affiliation that
    holds on ``as_of`` (the earliest, when an actor signed and then ratified)."""
    graph = nx.Graph()
    for item in views.affiliations:
        if not active(item.start, item.end, as_of) or graph.has_edge(item.actor, item.framework):
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
            sources=list(item.sources),
        )
    return graph


@collector_paused()
def network(views: Views, as_of=None, kinds: tuple[str, ...] | None = None) -> nx.MultiGraph:
    """Actor-to-actor multigraph on ``as_of``: one typed edge per link (see the module doc).

    Shared memberships and signatures become one edge per pair and framework, from the day
    both held; bilateral instruments become ``agreement`` edges; events count once they began.
    """
    graph = nx.MultiGraph()
    for framework, kind, first in _shared_frameworks(views, as_of, kinds):
        for a, b in itertools.combinations(sorted(first), 2):
            start = max(first[a].start, first[b].start)
            ends = [e for e in (first[a].end, first[b].end) if e]
            sources = sorted(set(first[a].sources) | set(first[b].sources))
            end = min(ends) if ends else None
            _add_link(graph, views, a, b, kind, framework, start, end, sources)
    for event in _events(views, as_of, kinds):
        # a meeting held stays a link from its first day on: no end
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
        )
    return graph


@collector_paused()
def weighted_network(
    views: Views,
    as_of=None,
    kinds: tuple[str, ...] | None = None,
    weights: dict[str, float] | None = None,
) -> nx.Graph:
    """``weighted(network(...))`` without building the multigraph first: the same edges,
    weights, link counts and kinds, at a fraction of the memory and time on large graphs."""
    weights = weights or DEFAULT_WEIGHTS
    per_kind: dict[str, Counter] = defaultdict(Counter)
    for _, kind, first in _shared_frameworks(views, as_of, kinds):
        per_kind[kind].update(itertools.combinations(sorted(first), 2))
    for event in _events(views, as_of, kinds):
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


def _shared_frameworks(views: Views, as_of, kinds):
    """(framework, link kind, {actor: its first affiliation}) for each body or instrument
    with its affiliations that hold on ``as_of``."""
    wanted = set(kinds or LINK_KINDS)
    by_framework: dict[str, list[Affiliation]] = defaultdict(list)
    consenting: dict[str, set[str]] = defaultdict(set)
    for item in views.affiliations:
        if item.kind == "consent":
            consenting[item.framework].add(item.actor)
        if active(item.start, item.end, as_of):
            by_framework[item.framework].append(item)
    for framework, items in sorted(by_framework.items()):
        if items[0].kind == "consent":
            bilateral = len(consenting[framework]) == 2
            kind = "agreement" if bilateral else "shared-signature"
        else:
            kind = "shared-membership"
        if kind not in wanted:
            continue
        first: dict[str, Affiliation] = {}
        for item in sorted(items, key=lambda i: (i.actor, i.start)):
            first.setdefault(item.actor, item)
        yield framework, kind, first


def _events(views: Views, as_of, kinds):
    wanted = set(kinds or LINK_KINDS)
    return [e for e in views.events if e.kind in wanted and active(e.start, None, as_of)]


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
    """The multigraph a map draws: see :func:`spacecoop.analyse.maps.map_graph`."""
    from .maps import map_graph as two_mode_map

    return two_mode_map(views, as_of, kinds, focus, depth, include_uncertain, pairwise=pairwise)


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


def _add_link(graph, views, a, b, kind, framework, start, end, sources) -> None:
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
