"""Network views, metrics and exports on graphs whose answers are known by construction."""

from __future__ import annotations

import csv
import io
import json
import math

import networkx as nx
import pytest
from conftest import FIXTURES, ROOT

from spacecoop import analyse
from spacecoop.export import network_bytes
from spacecoop.panels import dyad_year, dyad_year_long, state_year, state_year_long
from spacecoop.pipeline import build_graph

C = "https://w3id.org/spacecoop/country/"


@pytest.fixture(scope="module")
def views():
    files = [ROOT / "ontology" / "spacecoop.ttl", ROOT / "ontology" / "concepts.ttl", FIXTURES / "world.ttl"]
    return analyse.read_views(build_graph(files, check=False).store)


def links(graph) -> list[tuple]:
    return sorted((min(a, b)[len(C):], max(a, b)[len(C):], d["kind"], d["framework"].rsplit("/", 1)[-1])
                  for a, b, d in graph.edges(data=True))


def test_network_at_the_end_of_2023_has_exactly_the_links_built_into_the_fixture(views):
    graph = analyse.network(views, "2023-12-31")
    # Thailand's only link is the FY2023 seminar, which may have been held after 2023-12-31
    assert sorted(n[len(C):] for n in graph) == ["AUS", "FRA", "IND", "JPN", "KOR", "PHL", "USA"]
    kinds = {}
    for *_, kind in graph.edges(data="kind"):
        kinds[kind] = kinds.get(kind, 0) + 1
    assert kinds == {"shared-membership": 16, "shared-signature": 10, "agreement": 1, "dialogue": 4}
    assert ("JPN", "USA", "agreement", "jp-us-agreement") in links(graph)


def test_a_state_that_joins_later_is_absent_before_its_date(views):
    before = analyse.network(views, "2023-06-20")
    after = analyse.network(views, "2023-06-21")
    assert C + "IND" not in before
    assert [(a, b, k) for a, b, k, _ in links(after) if "IND" in (a, b)] == [
        ("FRA", "IND", "shared-signature"), ("IND", "JPN", "shared-signature"),
        ("IND", "KOR", "shared-signature"), ("IND", "USA", "shared-signature")]


def test_a_withdrawal_ends_the_link_and_a_signatory_shares_no_party_link(views):
    def moon(as_of, kind):
        return [(a, b) for a, b, _, f in links(analyse.network(views, as_of, (kind,))) if f == "moon-agreement"]

    assert moon("2021-12-31", "shared-party") == [("AUS", "KOR")]
    assert moon("2022-01-01", "shared-party") == []
    assert moon("2021-12-31", "shared-signature") == []  # France signed only: no one to share it with


def test_an_ended_membership_ends_the_shared_membership(views):
    def copuos_with_germany(as_of):
        return [p for p in links(analyse.network(views, as_of, ("shared-membership",))) if "DEU" in p[:2]]

    assert len(copuos_with_germany("1999-06-01")) == 4
    assert copuos_with_germany("2000-06-30") == []  # it ended some day of 2000: maybe already
    assert copuos_with_germany("2001-01-01") == []


def test_link_kinds_can_be_chosen(views):
    graph = analyse.network(views, "2023-12-31", ("dialogue",))
    assert links(graph) == [("FRA", "JPN", "dialogue", "jp-fr"), ("JPN", "USA", "dialogue", "jp-us"),
                            ("JPN", "USA", "dialogue", "jp-us"), ("JPN", "USA", "dialogue", "jp-us-security")]


def test_edges_carry_dates_and_sources(views):
    graph = analyse.network(views, "2023-12-31", ("agreement",))
    [(_, _, data)] = graph.edges(data=True)
    # an agreement binds from its entry into force (2023-06-19), not from its signature
    assert (data["start"], data["end"], data["sources"]) == ("2023-06-19", None, ["https://example.org/one"])
    assert (data["start_shown"], data["certain"]) == ("2023-06-19", True)
    assert data["framework_label_en"] == "Japan–US agreement" and data["framework_label_ja"] == "日米協定"


def test_partners_of_japan_ranked_by_weight_with_their_links(views):
    weighted = analyse.weighted(analyse.network(views, "2023-12-31"))
    rows = [(r["iso3"], r["weight"], r["links"]) for r in analyse.partners(weighted, C + "JPN")]
    assert rows == [("USA", 12.75, 7), ("FRA", 3.5, 3), ("KOR", 0.5, 2), ("AUS", 0.25, 1),
                    ("IND", 0.25, 1), ("PHL", 0.25, 1)]


def test_two_records_of_one_start_read_in_order_when_only_one_has_ended(tmp_path):
    """An open and an ended record beside each other sort with the open one first."""
    extra = tmp_path / "extra.ttl"
    extra.write_text(
        (FIXTURES / "world.ttl").read_text(encoding="utf-8").split("\n\n", 1)[0] + """

membership:copuos-DEU-again
    a sc:Membership ;
    rdfs:label "Germany in COPUOS, recorded again"@en, "ドイツ：COPUOS（再掲）"@ja ;
    dcterms:source source:s3 ;
    org:member country:DEU ;
    org:organization body:copuos ;
    org:role role:member ;
    sc:startDate "1973"^^xsd:gYear .
""",
        encoding="utf-8",
    )
    files = [ROOT / "ontology" / "spacecoop.ttl", ROOT / "ontology" / "concepts.ttl",
             FIXTURES / "world.ttl", extra]  # fmt: skip
    views = analyse.read_views(build_graph(files, check=False).store)
    germany = [(a.start, a.end) for a in views.affiliations
               if a.actor == C + "DEU" and a.framework.endswith("/copuos")]  # fmt: skip
    # certainly a member from the last day of 1973; certainly still one on the first day of 2000
    assert germany == [("1973-12-31", None), ("1973-12-31", "2000-01-01")]


def test_the_cycle_collector_runs_again_after_a_network_is_built_or_fails(views):
    import gc

    analyse.network(views)
    analyse.weighted_network(views)
    assert gc.isenabled()
    with pytest.raises(AttributeError):
        analyse.network(views, as_of=20231231)  # not a date
    assert gc.isenabled()


def test_bipartite_view_links_actors_to_frameworks(views):
    graph = analyse.bipartite(views, "2019-12-31")
    frameworks = {n.rsplit("/", 1)[-1] for n, d in graph.nodes(data=True) if d["bipartite"] == 1}
    assert frameworks == {"copuos", "icg", "moon-agreement"}
    assert graph.degree("https://w3id.org/spacecoop/body/copuos") == 5


def test_ego_network_to_depth_one_and_two():
    graph = nx.path_graph(["a", "b", "c", "d"])
    assert sorted(analyse.ego(graph, "a", 1)) == ["a", "b"]
    assert sorted(analyse.ego(graph, "a", 2)) == ["a", "b", "c"]
    assert list(analyse.ego(graph, "z", 2)) == []


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


def test_framework_growth_counts_joins_leaves_and_members(views):
    rows = [r for r in analyse.framework_growth(views) if r["framework"].endswith("moon-agreement")]
    by_year = {r["year"]: (r["joined"], r["left"], r["members"]) for r in rows}
    # France only signed (1980): a signatory, not a member
    assert by_year[1980] == (0, 0, 0) and by_year[1986] == (1, 0, 1) and by_year[2010] == (1, 0, 2)
    # the withdrawal took effect on 2022-01-01
    assert by_year[2021] == (0, 0, 2) and by_year[2022] == (0, 1, 1) and max(by_year) == 2022
    assert {r["signatories"] for r in rows} == {1}


def test_graphml_reads_back_to_the_same_nodes_edges_and_attributes(views):
    graph = analyse.network(views, "2023-12-31")
    back = nx.read_graphml(io.BytesIO(network_bytes(graph, "graphml")))
    assert set(back) == set(graph)
    assert back.number_of_edges() == graph.number_of_edges()
    assert back.nodes[C + "JPN"]["label_ja"] == "日本"
    kinds = sorted(d["kind"] for *_, d in back.edges(data=True))
    assert kinds == sorted(d["kind"] for *_, d in graph.edges(data=True))
    assert {d["start"] for *_, d in back.edges(data=True)} == {d["start"] for *_, d in graph.edges(data=True)}


def test_gexf_has_time_intervals_and_reads_back(views):
    graph = analyse.network(views, "2021-12-31", ("shared-party",))
    data = network_bytes(graph, "gexf")
    assert b'mode="dynamic"' in data and b'timeformat="date"' in data
    assert b'lastmodifieddate="2021-12-31"' in data  # the latest day in the data, not today
    back = nx.read_gexf(io.BytesIO(data))
    assert set(back) == set(graph) and back.number_of_edges() == graph.number_of_edges()
    ends = sorted(d["end"] for *_, d in back.edges(data=True) if "end" in d)
    assert ends == ["2021-12-31"]  # Korea's last day before its withdrawal
    assert network_bytes(graph, "gexf") == data


def test_cytoscape_json_has_every_node_and_edge(views):
    graph = analyse.network(views, "2023-12-31")
    document = json.loads(network_bytes(graph, "cytoscape"))
    assert len(document["elements"]["nodes"]) == 7
    assert len(document["elements"]["edges"]) == 31


def test_dyad_year_rows_and_columns(views):
    columns, rows = dyad_year(views, 2023)
    rows = list(rows)
    assert columns == ["year", "iso3_1", "iso3_2", "nonstate_1", "nonstate_2", "artemis-accords", "copuos",
                       "icg", "jp-us-agreement", "moon-agreement", "dialogue", "meeting", "capacity-building",
                       "shared"]
    of_2023 = [r for r in rows if r[0] == 2023]
    assert len(of_2023) == 19
    assert all(r[1] < r[2] for r in rows)
    jpn_usa = next(r for r in of_2023 if r[1:3] == ["JPN", "USA"])
    assert jpn_usa[5:] == [1, 1, 1, 1, 0, 1, 0, 0, 4]
    assert {r[0] for r in rows} == set(range(1958, 2024))


def test_state_year_flags_and_counts(views):
    columns, rows = state_year(views, 2023)
    rows = list(rows)
    assert columns[:3] == ["year", "iso3", "nonstate"] and columns[-1] == "count"
    assert [r for r in rows if r[0] == 2023 and r[1] == "JPN"] == [[2023, "JPN", 0, 1, 1, 1, 1, 0, 4]]


def test_long_dyad_year_rows_of_japan_and_the_united_states_in_2023(views):
    columns, rows = dyad_year_long(views, 2023)
    assert columns == ["year", "iso3_1", "iso3_2", "nonstate_1", "nonstate_2", "link", "framework", "count"]
    rows = list(rows)
    assert len(rows) == 651 and len([r for r in rows if r[0] == 2023]) == 29
    assert [r[5:] for r in rows if r[:3] == [2023, "JPN", "USA"]] == [
        ["dialogue", "jp-us", 1], ["shared", "artemis-accords", 1], ["shared", "copuos", 1],
        ["shared", "icg", 1], ["shared", "jp-us-agreement", 1]]


def test_long_dyad_year_pivots_to_the_wide_panel(views):
    columns, wide = dyad_year(views, 2023)
    pivoted: dict[tuple, list] = {}
    for year, c1, c2, n1, n2, link, framework, count in dyad_year_long(views, 2023)[1]:
        row = pivoted.setdefault((year, c1, c2), [year, c1, c2, n1, n2] + [0] * (len(columns) - 5))
        if link == "shared":
            row[columns.index(framework)] = 1
            row[-1] += 1
        else:
            row[columns.index(link)] += count
    assert list(pivoted.values()) == list(wide)


def test_long_state_year_pivots_to_the_wide_panel(views):
    columns, wide = state_year(views, 2023)
    rows = list(state_year_long(views, 2023)[1])
    assert [r for r in rows if r[:2] == [2023, "JPN"]] == [
        [2023, "JPN", 0, "artemis-accords"], [2023, "JPN", 0, "copuos"], [2023, "JPN", 0, "icg"],
        [2023, "JPN", 0, "jp-us-agreement"]]
    pivoted: dict[tuple, list] = {}
    for year, code, nonstate, framework in rows:
        row = pivoted.setdefault((year, code), [year, code, nonstate] + [0] * (len(columns) - 3))
        row[columns.index(framework)] = 1
        row[-1] += 1
    assert list(pivoted.values()) == list(wide)


def test_dyad_year_csv_export_matches_the_panel(views):
    data = network_bytes(analyse.network(views), "dyad-year", views, 2023).decode()
    rows = list(csv.reader(io.StringIO(data)))
    assert len(rows) == 1 + len(list(dyad_year(views, 2023)[1]))


def test_indicators_on_the_fixture_report_and_count(views):
    files = [ROOT / "ontology" / "spacecoop.ttl", ROOT / "ontology" / "concepts.ttl", FIXTURES / "world.ttl"]
    rows = analyse.indicators(build_graph(files, check=False).store)
    assert [(r["indicator"], r["fiscal_year"], r["reported"], r["computed"]) for r in rows] == [("I2", 2022, 3, 2)]
    assert rows[0]["events"] == ["2023-01-18 Japan–France 3rd", "2023-03-24 Japan–US 8th"]


def test_real_indicators_match_the_sheet_for_dialogues_in_fy2021_and_fy2022(built):
    rows = {(r["indicator"], r["fiscal_year"]): r for r in analyse.indicators(built.store)}
    assert (rows[("I2", 2021)]["reported"], rows[("I2", 2021)]["computed"]) == (1, 1)
    assert (rows[("I2", 2022)]["reported"], rows[("I2", 2022)]["computed"]) == (3, 3)
    assert [e[:10] for e in rows[("I2", 2022)]["events"]] == ["2023-01-17", "2023-01-18", "2023-03-24"]
    assert (rows[("I2", 2023)]["reported"], rows[("I2", 2023)]["computed"]) == (2, 1)


@pytest.mark.parametrize("as_of", [None, "1990-01-01", "2021-12-31", "2023-12-31"])
def test_weighted_network_equals_the_weighted_multigraph(views, as_of):
    direct = analyse.weighted_network(views, as_of)
    collapsed = analyse.weighted(analyse.network(views, as_of))
    assert sorted(direct.nodes(data=True)) == sorted(collapsed.nodes(data=True))
    assert sorted((min(a, b), max(a, b), d["weight"], d["links"], d["kinds"]) for a, b, d in direct.edges(data=True)) == \
        sorted((min(a, b), max(a, b), d["weight"], d["links"], d["kinds"]) for a, b, d in collapsed.edges(data=True))


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
