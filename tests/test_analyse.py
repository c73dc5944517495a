"""The views and networks of the analysis, and the indicators, on graphs whose answers are
known by construction (network file formats: test_export.py; panels, metrics: their own files)."""

from __future__ import annotations

import csv
import io
import json

import networkx as nx
import pytest
from conftest import FIXTURES, ROOT

from spacecoop import analyse
from spacecoop.export import network_bytes
from spacecoop.panels import dyad_year
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
    # a bilateral agreement is a tie from its signature (2023-01-13) on, through its entry into force
    assert (data["start"], data["end"], data["sources"]) == ("2023-01-13", None, ["https://example.org/one"])
    assert (data["start_shown"], data["certain"]) == ("2023-01-13", True)
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
