"""Metrics of a network: centralities, communities and cores, a focus's partners, growth."""

from __future__ import annotations

import random
import sys
import warnings
from collections import defaultdict
from contextlib import contextmanager

import networkx as nx

from .views import Affiliation, Views

COMMUNITY_SEED = 20201013


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
    with _own_generator():
        eigenvector = _eigenvector_of(shadow)
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


def _igraph():
    """igraph, imported on first use and without matplotlib: igraph's drawing module imports
    matplotlib.pyplot whenever matplotlib is installed (0.7 s, most of drawing a map), and
    nothing here draws with igraph. Where matplotlib is already imported, igraph finds it."""
    if "igraph" in sys.modules:
        return sys.modules["igraph"]
    hide = "matplotlib" not in sys.modules
    if hide:
        sys.modules["matplotlib"] = None  # import matplotlib now raises ImportError
    try:
        import igraph
    finally:
        if hide and sys.modules.get("matplotlib", 0) is None:
            del sys.modules["matplotlib"]
    return igraph


@contextmanager
def _own_generator():
    """igraph draws from its own generator seeded with ``COMMUNITY_SEED`` (ARPACK's start
    vector for eigenvectors, Louvain's order), then gets its default back (Python's ``random``
    module): results repeat, and a caller's ``random`` state is neither reseeded nor drawn on."""
    igraph = _igraph()
    igraph.set_random_number_generator(random.Random(COMMUNITY_SEED))
    try:
        yield
    finally:
        igraph.set_random_number_generator(random)


def eigenvector(graph: nx.Graph) -> dict:
    """Weighted eigenvector centrality of unit length, by node."""
    nodes = sorted(graph)
    with _own_generator():
        values = _eigenvector_of(_to_igraph(graph, nodes))
    return dict(zip(nodes, values, strict=True))


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
    shadow = _igraph().Graph(n=len(nodes), edges=list(weights), directed=False)
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
    """Per body or instrument and year: the actors that certainly joined and left it in the year
    (members, parties, or signatories of a non-binding arrangement), those certainly in it on
    31 December, and the signatories only of a treaty on that day."""
    rows = []
    by_framework: dict[str, list[Affiliation]] = defaultdict(list)
    for item in views.affiliations:
        by_framework[item.framework].append(item)
    for framework, items in sorted(by_framework.items()):
        inside = [i for i in items if i.joined]
        years = {int(i.start[:4]) for i in items}
        years |= {int(i.earliest_end[:4]) for i in items if i.earliest_end}
        for year in range(min(years), max(years) + 1):
            day = f"{year}-12-31"
            joined = {
                i.actor for i in inside if _certain_year(i.earliest_start, i.latest_start) == year
            }
            left = {i.actor for i in inside if _certain_year(i.earliest_end, i.latest_end) == year}
            members = {i.actor for i in inside if i.on(day) is True}
            signatories = {i.actor for i in items if not i.joined and i.on(day) is True}
            rows.append(
                {
                    "framework": framework,
                    "year": year,
                    "joined": len(joined),
                    "left": len(left),
                    "members": len(members),
                    "signatories": len(signatories),
                }
            )
    return rows


def _certain_year(earliest: str | None, latest: str | None) -> int | None:
    """The year a bound certainly falls in, or None."""
    if earliest and latest and earliest[:4] == latest[:4]:
        return int(latest[:4])
    return None


def bilateral_states(views: Views) -> list[str]:
    """The ISO codes of the states with at least one bilateral tie recorded (a dialogue, an
    agreement, capacity building): the only ones whose centrality reflects bilateral data."""
    from .network import weighted_network

    graph = weighted_network(views, kinds=("dialogue", "agreement", "capacity-building"))
    return sorted(
        views.actors[node]["iso3"]
        for node in graph
        if views.actors.get(node, {}).get("kind") == "state" and views.actors[node]["iso3"]
    )
