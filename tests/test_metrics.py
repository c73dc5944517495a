"""Centrality, communities and cores on graphs whose answers are known, or checked against
networkx."""

from __future__ import annotations

import math

import networkx as nx
import pytest

from spacecoop import analyse


def test_centrality_of_a_star_is_known():
    star = nx.star_graph(3)
    nx.set_edge_attributes(star, 1.0, "weight")
    metrics = analyse.centrality(star)
    assert metrics[0]["betweenness"] == 1.0 and metrics[1]["betweenness"] == 0.0
    assert metrics[0]["closeness"] == 1.0 and metrics[1]["closeness"] == 0.6
    assert math.isclose(metrics[0]["eigenvector"], 1 / math.sqrt(2), abs_tol=1e-6)
    assert math.isclose(metrics[1]["eigenvector"], 1 / math.sqrt(6), abs_tol=1e-6)
    assert (metrics[0]["degree"], metrics[0]["weighted_degree"], metrics[0]["k_core"]) == (3, 3.0, 1)


def test_communities_of_two_triangles_joined_by_one_edge_repeat():
    graph = nx.Graph([(1, 2), (2, 3), (1, 3), (4, 5), (5, 6), (4, 6), (3, 4)])
    nx.set_edge_attributes(graph, 1.0, "weight")
    first, second = analyse.centrality(graph), analyse.centrality(graph)
    assert first == second
    assert {first[n]["community"] for n in (1, 2, 3)} != {first[n]["community"] for n in (4, 5, 6)}
    assert len({first[n]["community"] for n in (1, 2, 3)}) == 1
    assert {first[n]["k_core"] for n in graph} == {2}


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_metrics_match_networkx_on_random_graphs(seed):
    graph = nx.gnm_random_graph(40, 90, seed=seed)
    graph.add_nodes_from([100, 101])
    graph.add_edge(100, 101)  # a second component
    graph = nx.relabel_nodes(graph, {n: f"n{n:03d}" for n in graph})
    for a, b in graph.edges:
        graph.edges[a, b]["weight"] = 1.0 + (int(a[1:]) + int(b[1:])) % 3
    ours = analyse.centrality(graph)
    betweenness = nx.betweenness_centrality(graph)
    closeness = nx.closeness_centrality(graph)
    core = nx.core_number(graph)
    for node in graph:
        assert math.isclose(ours[node]["betweenness"], betweenness[node], abs_tol=1e-6)
        assert math.isclose(ours[node]["closeness"], closeness[node], abs_tol=1e-6)
        assert ours[node]["k_core"] == core[node]
        assert math.isclose(ours[node]["weighted_degree"], graph.degree(node, weight="weight"))


def test_centrality_leaves_pythons_random_state_as_it_was():
    import random

    random.seed(7)
    expected = random.random()
    random.seed(7)
    analyse.centrality(nx.karate_club_graph())
    assert random.random() == expected
