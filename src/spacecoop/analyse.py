"""Network views of the graph as of any date, their metrics, and the sheet's indicators.

The views are read from the graph by the SPARQL queries in ``queries/views/``; everything
after that is networkx. Every edge carries its kind, the framework it goes through (body,
instrument, dialogue series or project), its first and last day and its sources.

Link kinds between two actors:
- ``dialogue``: both were parties to a meeting of a dialogue series;
- ``meeting``: both were parties to another meeting (a summit, a session);
- ``agreement``: both consented to an instrument that only they consented to;
- ``capacity-building``: one funded an activity that benefited the other;
- ``shared-membership``: both were members of the same body at the same time;
- ``shared-signature``: both had consented to the same multilateral instrument.
"""

from __future__ import annotations

import gc
import itertools
import random
import warnings
from collections import Counter, defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta

import igraph
import networkx as nx
import pyoxigraph as ox

from .namespaces import LINK_KINDS
from .query import NamedQuery, bind, get_query, parse_query, run_values

DEFAULT_WEIGHTS = {
    "dialogue": 3.0,
    "agreement": 3.0,
    "capacity-building": 2.0,
    "meeting": 1.0,
    "shared-signature": 0.5,
    "shared-membership": 0.25,
}
COMMUNITY_SEED = 20201013


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
def _collector_paused():
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


@_collector_paused()
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


@_collector_paused()
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


@_collector_paused()
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
) -> nx.MultiGraph:
    """The multigraph a map draws: the network on ``as_of`` (or the ego network of ``focus``),
    each node sized by its eigenvector centrality scaled to 0..1."""
    graph = network(views, as_of, kinds)
    collapsed = weighted(graph)
    if focus:
        collapsed = ego(collapsed, focus, depth)
        graph = graph.subgraph(collapsed).copy()
    eigenvector = _eigenvector(collapsed)
    top = max(eigenvector.values(), default=0) or 1
    for node, value in eigenvector.items():
        graph.nodes[node]["centrality"] = round(value / top, 6)
    return graph


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


def centrality(graph: nx.Graph) -> dict[str, dict[str, float]]:
    """Per node: degree, weighted degree, betweenness, eigenvector and closeness centrality,
    Louvain community (fixed seed, so results repeat) and k-core number.

    Computed by igraph (C) on a copy of the networkx graph, then put on networkx's scales:
    betweenness normalised by (n-1)(n-2)/2, closeness with the Wasserman–Faust correction for
    disconnected graphs, eigenvector of unit length (weighted). networkx's own functions give
    the same numbers but take minutes on the million-triple graph where igraph takes seconds.
    """
    nodes = sorted(graph)
    n = len(nodes)
    if n == 0:
        return {}
    shadow = _to_igraph(graph, nodes)
    pairs = (n - 1) * (n - 2) / 2 if n > 2 else 1.0
    betweenness = [value / pairs for value in shadow.betweenness(directed=False)]
    component = {}
    for members in shadow.connected_components():
        for index in members:
            component[index] = len(members)
    closeness = [
        0.0 if value != value or n == 1 else value * (component[i] - 1) / (n - 1)
        for i, value in enumerate(shadow.closeness())
    ]
    eigenvector = _eigenvector_of(shadow)
    random.seed(COMMUNITY_SEED)
    igraph.set_random_number_generator(random.Random(COMMUNITY_SEED))
    communities = shadow.community_multilevel(weights="weight" if shadow.ecount() else None)
    ordered = sorted(
        (sorted(nodes[i] for i in c) for c in communities), key=lambda c: (-len(c), c[0])
    )
    community_of = {node: i for i, members in enumerate(ordered) for node in members}
    core = shadow.coreness()
    strength = shadow.strength(weights="weight" if shadow.ecount() else None)
    return {
        node: {
            "degree": shadow.degree(i),
            "weighted_degree": round(strength[i], 6),
            "betweenness": round(betweenness[i], 6),
            "eigenvector": round(eigenvector[i], 6),
            "closeness": round(closeness[i], 6),
            "community": community_of[node],
            "k_core": core[i],
        }
        for i, node in enumerate(nodes)
    }


def _eigenvector(graph: nx.Graph) -> dict:
    """Weighted eigenvector centrality of unit length, by node."""
    nodes = sorted(graph)
    return dict(zip(nodes, _eigenvector_of(_to_igraph(graph, nodes)), strict=True))


def _eigenvector_of(shadow) -> list[float]:
    if shadow.ecount() == 0:
        return [0.0] * shadow.vcount()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # "not meaningful if disconnected"
        values = shadow.eigenvector_centrality(weights="weight", scale=False)
    length = sum(v * v for v in values) ** 0.5 or 1.0
    return [abs(v) / length for v in values]


def _to_igraph(graph: nx.Graph, nodes: list[str]):
    """An undirected igraph copy with a ``weight`` on each edge (1 where there is none);
    parallel edges of a multigraph are summed."""
    index = {node: i for i, node in enumerate(nodes)}
    weights: dict[tuple[int, int], float] = defaultdict(float)
    for a, b, data in graph.edges(data=True):
        if a != b:
            i, j = sorted((index[a], index[b]))
            weights[(i, j)] += float(data.get("weight", 1.0))
    shadow = igraph.Graph(n=len(nodes), edges=list(weights), directed=False)
    shadow.es["weight"] = list(weights.values())
    return shadow


def partners(graph: nx.Graph, focus: str) -> list[dict]:
    """The focus's partners, heaviest first, with the links behind each."""
    if focus not in graph:
        return []
    rows = []
    for partner in graph.neighbors(focus):
        edge = graph.edges[focus, partner]
        attributes = graph.nodes[partner]
        rows.append(
            {
                "iri": partner,
                "iso3": attributes.get("iso3") or "",
                "label": attributes.get("label_en", partner),
                "label_ja": attributes.get("label_ja", partner),
                "weight": round(edge["weight"], 6),
                "links": edge["links"],
                "kinds": " ".join(f"{k}:{n}" for k, n in sorted(edge["kinds"].items())),
            }
        )
    return sorted(rows, key=lambda r: (-r["weight"], -r["links"], r["iso3"] or r["label"]))


def framework_growth(views: Views) -> list[dict]:
    """Per body or instrument and year: actors that joined, left, and were in it at year end."""
    rows = []
    by_framework: dict[str, dict[str, Affiliation]] = defaultdict(dict)
    for item in views.affiliations:
        known = by_framework[item.framework].get(item.actor)
        if known is None or item.start < known.start:
            by_framework[item.framework][item.actor] = item
    for framework, members in sorted(by_framework.items()):
        years = [int(m.start[:4]) for m in members.values()]
        years += [int(m.end[:4]) for m in members.values() if m.end]
        for year in range(min(years), max(years) + 1):
            joined = sum(1 for m in members.values() if int(m.start[:4]) == year)
            left = sum(1 for m in members.values() if m.end and int(m.end[:4]) == year)
            total = sum(1 for m in members.values() if active(m.start, m.end, f"{year}-12-31"))
            rows.append(
                {
                    "framework": framework,
                    "year": year,
                    "joined": joined,
                    "left": left,
                    "members": total,
                }
            )
    return rows


def indicators(store: ox.Store) -> list[dict]:
    """The sheet's reference indicators per fiscal year: reported beside computed, with the
    events each computed number counts (by the counting rule the indicator names)."""
    reported = _rows(store, "indicators-reported")
    counted: dict[tuple[str, int], list[tuple[str, str]]] = defaultdict(list)
    rules = {rule for _, _, _, rule, _ in reported}
    for rule in sorted(rules):
        for fiscal_year, meeting, label, day in _rows(store, rule):
            counted[(rule, int(fiscal_year))].append((day, label or meeting))
    rows = []
    for indicator, fiscal_year, value, rule, label in reported:
        events = sorted(counted.get((rule, int(fiscal_year)), []))
        rows.append(
            {
                "indicator": indicator,
                "fiscal_year": int(fiscal_year),
                "reported": int(value),
                "computed": len(events),
                "difference": len(events) - int(value),
                "rule": rule,
                "label": label,
                "events": [f"{day} {name}" for day, name in events],
            }
        )
    return rows


def _last_day_bound(kind: str, end: str | None) -> str | None:
    """A membership's end is its last day; a withdrawal's date is the first day it is out."""
    if end is None or kind != "consent":
        return end
    return (date.fromisoformat(end) - timedelta(days=1)).isoformat()


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


def _view(name: str) -> NamedQuery:
    from importlib.resources import files

    item = files("spacecoop") / "queries" / "views" / f"{name}.rq"
    return parse_query(name, item.read_text(encoding="utf-8"))


def _rows(store: ox.Store, name: str) -> list[tuple]:
    try:
        query = _view(name)
    except FileNotFoundError:
        query = get_query(name)
    return run_values(store, query, bind(query))


def _sorted_rows(store: ox.Store, name: str) -> list[tuple]:
    """A view's rows in one order, an unbound cell first (no value read from CSV is empty). The
    view queries leave the order to Python, which sorts them faster than the engine does."""
    return sorted(_rows(store, name), key=lambda row: [cell or "" for cell in row])
