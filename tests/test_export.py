"""Network exports that strict readers accept: unique edge ids in GraphML, GEXF and Cytoscape
JSON, and ``export --focus`` writing the map's own focus view."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET

import networkx as nx
import pytest
from test_maps import JPN, map_views

from spacecoop import analyse
from spacecoop.cli import main
from spacecoop.export import network_bytes, write_network

GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
GEXF = "{http://www.gexf.net/1.2draft}"


@pytest.fixture(scope="module")
def views():
    return map_views()


def edge_ids(data: bytes, tag: str) -> list[str]:
    return [edge.get("id") for edge in ET.fromstring(data).iter(tag)]


@pytest.mark.parametrize("pairwise", [False, True])
def test_graphml_edge_ids_are_unique_and_read_back(views, pairwise):
    graph = analyse.map_graph(views, pairwise=pairwise)
    data = network_bytes(graph, "graphml")
    ids = edge_ids(data, f"{GRAPHML}edge")
    assert len(ids) == graph.number_of_edges() and len(set(ids)) == len(ids)
    assert ids == [f"e{i}" for i in range(len(ids))]
    back = nx.read_graphml(io.BytesIO(data), force_multigraph=True)
    assert set(back) == set(graph)
    assert sorted(k for *_, k in back.edges(data="kind")) == sorted(k for *_, k in graph.edges(data="kind"))


def test_gexf_edge_ids_are_unique(views):
    graph = analyse.map_graph(views)
    ids = edge_ids(network_bytes(graph, "gexf"), f"{GEXF}edge")
    assert len(ids) == graph.number_of_edges() == len(set(ids))


def test_cytoscape_json_carries_a_unique_id_on_every_edge(views):
    graph = analyse.map_graph(views, focus=JPN)
    document = json.loads(network_bytes(graph, "cytoscape"))
    edges = document["elements"]["edges"]
    ids = [edge["data"]["id"] for edge in edges]
    assert len(ids) == graph.number_of_edges() == 14 and len(set(ids)) == 14
    assert not set(ids) & {node["data"]["id"] for node in document["elements"]["nodes"]}
    assert {node["data"]["id"] for node in document["elements"]["nodes"]} == set(graph)


def test_the_same_graph_gives_the_same_ids_whatever_the_insertion_order(views):
    graph = analyse.map_graph(views)
    shuffled = nx.MultiGraph()
    shuffled.add_nodes_from(reversed(list(graph.nodes(data=True))))
    shuffled.add_edges_from((v, u, k, d) for u, v, k, d in reversed(list(graph.edges(keys=True, data=True))))
    assert network_bytes(shuffled, "graphml") == network_bytes(graph, "graphml")


def test_the_real_projection_has_unique_graphml_ids(built):
    graph = analyse.map_graph(analyse.read_views(built.store), pairwise=True)
    ids = edge_ids(network_bytes(graph, "graphml"), f"{GRAPHML}edge")
    assert len(ids) == graph.number_of_edges() > 10_000
    assert len(set(ids)) == len(ids)


def test_export_focus_writes_the_maps_focus_view(tmp_path, capsys, monkeypatch, built):
    """``export --focus JPN --depth 2`` on the real data: the nodes of the map's focus view,
    never the whole network."""
    from conftest import ROOT

    monkeypatch.chdir(ROOT)
    views = analyse.read_views(built.store)
    for depth in (1, 2):
        out = tmp_path / f"japan-{depth}.graphml"
        assert main(["export", "--focus", "JPN", "--depth", str(depth), "--format", "graphml",
                     "-o", str(out)]) == 0
        written = nx.read_graphml(out, force_multigraph=True)
        expected = analyse.map_graph(views, focus="https://w3id.org/spacecoop/country/JPN", depth=depth)
        assert set(written) == set(expected)
        assert written.number_of_edges() == expected.number_of_edges()
        assert len(written) < 30 * depth < len(analyse.map_graph(views))  # a view, not the network
    out = tmp_path / "pairs.csv"
    assert main(["export", "--focus", "JPN", "--pairwise", "--format", "csv", "-o", str(out)]) == 0
    assert "shared-" in out.read_text(encoding="utf-8")


def gexf_graph() -> nx.MultiGraph:
    """A network already in the order and form the export writes (nodes and edges sorted,
    keys e0, e1…, string attributes), with text that XML must escape."""
    graph = nx.MultiGraph()
    for node in ("a", "b", "c"):
        graph.add_node(node, label_en=f"{node} & <{node}>", label_ja=f"{node}「日本」")
    graph.add_edge("a", "b", key="e0", kind="dialogue", start="2020-01-01", end="2021-03-31")
    graph.add_edge("a", "b", key="e1", kind="membership", start="2019-05-01")
    graph.add_edge("b", "c", key="e2", kind="signature", start="2022-07-01")
    return graph


def test_gexf_is_written_in_chunks_with_the_bytes_of_networkx_s_writer(monkeypatch):
    import spacecoop.export

    graph = gexf_graph()
    expected = graph.copy()
    expected.graph["mode"] = "dynamic"
    for _, data in expected.nodes(data=True):
        data["label"] = data["label_en"]
    buffer = io.BytesIO()
    nx.write_gexf(expected, buffer)
    head, tail = buffer.getvalue().split(b'lastmodifieddate="', 1)
    reference = head + b'lastmodifieddate="2022-07-01' + tail[len("2026-01-01"):]
    outputs = []
    for chunk in (1, 2, 10_000):
        monkeypatch.setattr(spacecoop.export, "GEXF_CHUNK", chunk)
        outputs.append(network_bytes(graph, "gexf"))
    assert outputs == [reference] * 3


def test_a_gexf_file_is_streamed_to_disk_with_the_bytes_in_memory(tmp_path):
    graph = gexf_graph()
    path = write_network(tmp_path / "n.gexf", graph, "gexf")
    assert path.read_bytes() == network_bytes(graph, "gexf")
    assert [p.name for p in tmp_path.iterdir()] == ["n.gexf"]
