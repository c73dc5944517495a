"""The network map page, read as text: self-contained, faithful to the graph, deterministic, escaped.

The same page is driven in a real browser by ``test_render_browser.py``; ``cooperation_graph``
below is the fixture graph both use (it follows the contract of ``spacecoop.analyse``).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections import Counter
from html.parser import HTMLParser

import networkx as nx
import pytest

from spacecoop.errors import UsageError
from spacecoop.render import (
    EDGE_STYLES,
    NODE_STYLES,
    STRINGS,
    NotebookMap,
    iframe_html,
    render_html,
)

BASE = "https://w3id.org/spacecoop/"
JPN, USA, AUS, IND, GBR, NZL = (f"{BASE}country/{c}" for c in ("JPN", "USA", "AUS", "IND", "GBR", "NZL"))
COPUOS, ICG = f"{BASE}body/copuos", f"{BASE}body/icg"
ARTEMIS = f"{BASE}instrument/artemis-accords"
JAXA = f"{BASE}organisation/jaxa"
HOSTILE_NODE = f"{BASE}organisation/hostile"
HOSTILE = "</script><img src=x onerror=alert(1)>"
ARTEMIS_SOURCE = "https://www.nasa.gov/artemis-accords/"
CONTRACT_EDGE_KINDS = {"dialogue", "agreement", "capacity-building", "shared-membership",
                       "shared-party", "shared-signature", "membership", "consent", "meeting"}
CONTRACT_NODE_KINDS = {"state", "organisation", "body", "instrument"}


def cooperation_graph(*, reverse: bool = False) -> nx.MultiGraph:
    """A small cooperation network whose answers are known by construction.

    Artemis Accords links start on 2020-10-13; two capacity-building links end in 2019 (one on
    30 June, one on 31 December); the ICG membership has no start date; New Zealand has no link;
    one organisation is labelled with markup. Japan and the US have two dialogue records (one
    line of width 2) and five kinds of link; the Australia-India dialogue is uncertain (only its
    year is known). ``reverse`` adds everything in the opposite order.
    """
    nodes = [
        (JPN, dict(label_en="Japan", label_ja="日本", kind="state", iso3="JPN", nonstate=False, centrality=1.0)),
        (USA, dict(label_en="United States", label_ja="アメリカ合衆国", kind="state", iso3="USA", nonstate=False, centrality=0.9)),
        (AUS, dict(label_en="Australia", label_ja="オーストラリア", kind="state", iso3="AUS", nonstate=False, centrality=0.5)),
        (IND, dict(label_en="India", label_ja="インド", kind="state", iso3="IND", nonstate=False, centrality=0.4)),
        (GBR, dict(label_en="United Kingdom", label_ja="英国", kind="state", iso3="GBR", nonstate=False)),
        (NZL, dict(label_en="New Zealand", label_ja="ニュージーランド", kind="state", iso3="NZL", nonstate=False)),
        (COPUOS, dict(label_en="COPUOS", label_ja="国連宇宙空間平和利用委員会", kind="body", nonstate=False, centrality=0.8)),
        (ICG, dict(label_en="International Committee on GNSS", label_ja="GNSSに関する国際委員会", kind="body", nonstate=False)),
        (ARTEMIS, dict(label_en="Artemis Accords", label_ja="アルテミス合意", kind="instrument", nonstate=False, centrality=0.7)),
        (JAXA, dict(label_en="JAXA", label_ja="宇宙航空研究開発機構", kind="organisation", nonstate=False)),
        (HOSTILE_NODE, dict(label_en=HOSTILE, label_ja=HOSTILE, kind="organisation", nonstate=True)),
    ]
    artemis = dict(framework=ARTEMIS, framework_label_en="Artemis Accords", framework_label_ja="アルテミス合意",
                   sources=[ARTEMIS_SOURCE])
    copuos = dict(framework=COPUOS, framework_label_en="COPUOS", framework_label_ja="国連宇宙空間平和利用委員会",
                  sources=["https://www.unoosa.org/oosa/en/ourwork/copuos/members/evolution.html"])
    dialogue = dict(framework=f"{BASE}body/jp-us-comprehensive-space-dialogue",
                    framework_label_en="Japan–US Comprehensive Dialogue on Space",
                    framework_label_ja="宇宙に関する包括的日米対話", sources=["MOFA press release, 2023-03-24"])
    edges = [
        (JPN, USA, dict(kind="shared-signature", start="2020-10-13", end=None, label_en="both signed the Artemis Accords", label_ja="ともにアルテミス合意に署名", **artemis)),
        (JPN, AUS, dict(kind="shared-signature", start="2020-10-13", end=None, label_en="both signed the Artemis Accords", label_ja="ともにアルテミス合意に署名", **artemis)),
        (USA, AUS, dict(kind="shared-signature", start="2020-10-13", end=None, label_en="both signed the Artemis Accords", label_ja="ともにアルテミス合意に署名", **artemis)),
        (JPN, ARTEMIS, dict(kind="consent", start="2020-10-13", end=None, label_en="signature", label_ja="署名", **artemis)),
        (USA, ARTEMIS, dict(kind="consent", start="2020-10-13", end=None, label_en="signature", label_ja="署名", **artemis)),
        (IND, ARTEMIS, dict(kind="consent", start="2023-06-21", end=None, label_en="signature", label_ja="署名", **artemis)),
        (JPN, COPUOS, dict(kind="membership", start="1959-12-12", end=None, label_en="member", label_ja="加盟国", **copuos)),
        (USA, COPUOS, dict(kind="membership", start="1959-12-12", end=None, label_en="member", label_ja="加盟国", **copuos)),
        (IND, COPUOS, dict(kind="membership", start="1959-12-12", end=None, label_en="member", label_ja="加盟国", **copuos)),
        (JPN, USA, dict(kind="shared-membership", start="1959-12-12", end=None, label_en="both members of COPUOS", label_ja="ともにCOPUOS加盟国", **copuos)),
        (JPN, ICG, dict(kind="membership", start=None, end=None, framework=ICG, framework_label_en="ICG", framework_label_ja="ICG",
                        sources=["ICG members list"], label_en="member", label_ja="メンバー")),
        (JPN, USA, dict(kind="dialogue", start="2013-03-11", end=None, label_en="comprehensive dialogue on space", label_ja="宇宙に関する包括的日米対話", **dialogue)),
        (JPN, USA, dict(kind="dialogue", start="2015-11-19", end=None, label_en="3rd meeting", label_ja="第3回会合", **dialogue)),
        (AUS, IND, dict(kind="dialogue", start="2021-01-01", end=None, start_shown="2021", certain=False,
                        label_en="a dialogue the source dates by its year", label_ja="年のみ判明の対話", **dialogue)),
        (JPN, USA, dict(kind="meeting", start="2023-03-24", end="2023-03-24", label_en="8th meeting", label_ja="第8回会合", **dialogue)),
        (JPN, USA, dict(kind="agreement", start="2023-01-13", end=None, framework=f"{BASE}instrument/jp-us-framework-agreement",
                        framework_label_en="Japan–US Framework Agreement", framework_label_ja="日米宇宙協力枠組協定",
                        sources=["https://www.mofa.go.jp/files/100446023.pdf"], label_en="framework agreement", label_ja="枠組協定")),
        (JAXA, AUS, dict(kind="capacity-building", start="2017-01-01", end="2019-12-31", framework=f"{BASE}body/apradf",
                         framework_label_en="APRSAF", framework_label_ja="アジア・太平洋地域宇宙機関会議",
                         sources=["APRSAF report"], label_en="training", label_ja="研修")),
        (JAXA, IND, dict(kind="capacity-building", start="2015-04-01", end="2019-06-30", framework=f"{BASE}body/apradf",
                         framework_label_en="APRSAF", framework_label_ja="アジア・太平洋地域宇宙機関会議",
                         sources=["APRSAF report"], label_en="training", label_ja="研修")),
        (HOSTILE_NODE, IND, dict(kind="capacity-building", start="2021-01-01", end=None, framework=f"{BASE}body/hostile",
                                 framework_label_en="<b>bold</b> & co", framework_label_ja=HOSTILE,
                                 sources=["javascript:alert(1)", "</script><script>alert(2)</script>"],
                                 label_en=HOSTILE, label_ja=HOSTILE)),
    ]
    graph = nx.MultiGraph(title_en="Japan's space cooperation (test)", title_ja="日本の宇宙協力（テスト）")
    for node, attrs in reversed(nodes) if reverse else nodes:
        graph.add_node(node, **attrs)
    for u, v, attrs in reversed(edges) if reverse else edges:
        if reverse:
            u, v = v, u
        graph.add_edge(u, v, **attrs)
    return graph


def held_in(edge: dict, year: int) -> bool:
    """The year slider's rule, written from the specification."""
    y = f"{year:04d}"
    start, end = edge["start"], edge["end"]
    return (start is None or start[:4] <= y) and (end is None or end[:4] > y or end >= f"{y}-12-31")


def page_data(page: str) -> dict:
    match = re.search(r'<script type="application/json" id="spacecoop-data">(.*?)</script>', page, re.S)
    assert match, "the page has no data element"
    return json.loads(match.group(1))


class _Elements(HTMLParser):
    """Every start tag with its attributes, and the text of each <script> and <style>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.raw: list[tuple[str, dict, str]] = []
        self._open: tuple[str, dict] | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self._open = (tag, dict(attrs))

    def handle_data(self, data):
        if self._open:
            self.raw.append((*self._open, data))
            self._open = None


def elements(page: str) -> _Elements:
    parser = _Elements()
    parser.feed(page)
    parser.close()
    return parser


@pytest.fixture(scope="module")
def graph() -> nx.MultiGraph:
    return cooperation_graph()


@pytest.fixture(scope="module")
def page(graph) -> str:
    return render_html(graph)


# --- one file, offline --------------------------------------------------------------------


def test_page_references_no_other_file_or_host(page):
    parsed = elements(page)
    referencing = [(tag, attrs) for tag, attrs in parsed.tags
                   if {"src", "href", "srcset", "action", "data"} & set(attrs)]
    assert referencing == []
    assert not [tag for tag, _ in parsed.tags if tag in ("link", "iframe", "img", "object", "embed")]
    styles = "".join(text for tag, _, text in parsed.raw if tag == "style")
    assert "@import" not in styles
    assert not re.search(r"url\(\s*(?!['\"]?data:)", styles), "a stylesheet loads something"
    assert "sourceMappingURL" not in page
    assert "bootstrap" not in page.lower()


def test_source_urls_appear_only_inside_the_json_data(page):
    data_text = re.search(r'id="spacecoop-data">(.*?)</script>', page, re.S).group(1)
    for url in (ARTEMIS_SOURCE, "https://www.mofa.go.jp/files/100446023.pdf"):
        assert page.count(url) == data_text.count(url) >= 1


def test_vis_network_is_inlined_from_the_pyvis_package(page):
    import importlib.util
    from pathlib import Path

    folder = Path(importlib.util.find_spec("pyvis").submodule_search_locations[0])
    script = (folder / "templates/lib/vis-9.1.2/vis-network.min.js").read_text(encoding="utf-8")
    body = script.split("//# sourceMappingURL=")[0]
    assert body in page
    scripts = [text for tag, attrs, text in elements(page).raw if tag == "script" and "type" not in attrs]
    assert len(scripts) == 2
    assert scripts[0].strip() == body.strip()


def test_content_security_policy_allows_exactly_the_inline_scripts_and_styles(page):
    parsed = elements(page)
    policy = next(attrs["content"] for tag, attrs in parsed.tags
                  if tag == "meta" and attrs.get("http-equiv") == "Content-Security-Policy")
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["default-src"] == "'none'"
    assert directives["connect-src"] == "'none'"

    def sha(text):
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"

    scripts = [sha(text) for tag, attrs, text in parsed.raw if tag == "script" and "type" not in attrs]
    styles = [sha(text) for tag, _, text in parsed.raw if tag == "style"]
    assert directives["script-src"].split() == scripts
    assert directives["style-src"].split() == styles


# --- faithful data ------------------------------------------------------------------------


def test_json_data_gives_back_every_node_and_every_record_one_line_per_pair_and_kind(graph, page):
    data = page_data(page)
    fields = ("label_en", "label_ja", "kind", "iso3", "nonstate", "centrality")
    assert {n["id"]: {f: n[f] for f in fields} for n in data["nodes"]} == {
        node: {f: attrs.get(f) for f in fields} for node, attrs in graph.nodes(data=True)
    }
    frameworks = data["frameworks"]
    record_fields = ("start", "end", "label_en", "label_ja")

    def shown(line, record):
        iri, label_en, label_ja = frameworks[record["framework"]]
        return (frozenset((line["from"], line["to"])), line["kind"], iri, label_en, label_ja,
                *(record[f] for f in record_fields), tuple(data["sources"][i] for i in record["sources"]))

    def given(u, v, attrs):
        return (frozenset((u, v)), attrs["kind"], attrs["framework"], attrs["framework_label_en"],
                attrs["framework_label_ja"], *(attrs[f] for f in record_fields), tuple(sorted(attrs["sources"])))

    assert Counter(shown(line, r) for line in data["edges"] for r in line["events"]) == Counter(
        given(u, v, attrs) for u, v, attrs in graph.edges(data=True)
    )
    pairs_and_kinds = {(frozenset((u, v)), k) for u, v, k in graph.edges(data="kind")}
    assert len(data["edges"]) == len(pairs_and_kinds) == graph.number_of_edges() - 1
    assert len({e["id"] for e in data["edges"]}) == len(data["edges"])
    dialogue = next(e for e in data["edges"] if e["kind"] == "dialogue" and {e["from"], e["to"]} == {JPN, USA})
    assert (dialogue["count"], [r["start"] for r in dialogue["events"]]) == (2, ["2013-03-11", "2015-11-19"])
    assert (dialogue["start"], dialogue["end"]) == ("2013-03-11", None)
    assert data["sources"] == sorted(set(data["sources"]))


def test_an_uncertain_link_is_marked_and_a_missing_certain_is_certain(page):
    lines = page_data(page)["edges"]
    uncertain = [e for e in lines if e.get("certain") is False]
    assert [({e["from"], e["to"]}, e["kind"]) for e in uncertain] == [({AUS, IND}, "dialogue")]
    assert uncertain[0]["events"][0]["certain"] is False
    assert uncertain[0]["events"][0]["start_shown"] == "2021"
    assert all("certain" not in r for e in lines if e is not uncertain[0] for r in e["events"])


def test_every_node_has_a_fixed_position_and_a_size(page):
    nodes = page_data(page)["nodes"]
    positions = {(n["x"], n["y"]) for n in nodes}
    assert len(positions) == len(nodes)
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in nodes)
    sizes = {n["id"]: n["size"] for n in nodes}
    assert sizes[JPN] > sizes[IND]  # centrality 1.0 against 0.4


def test_parallel_links_are_bent_apart(page):
    pair = [e for e in page_data(page)["edges"] if {e["from"], e["to"]} == {JPN, USA}]
    assert sorted(e["kind"] for e in pair) == ["agreement", "dialogue", "meeting", "shared-membership",
                                               "shared-signature"]
    assert len({e["curve"] for e in pair}) == 5


def test_month_slider_runs_from_the_first_start_to_the_last_date(graph):
    assert page_data(render_html(graph))["months"] == {"min": "1959-12", "max": "2023-06", "default": "2023-06"}
    assert page_data(render_html(graph, as_of="2019-04-01"))["months"]["default"] == "2019-04"
    assert page_data(render_html(graph, as_of="2030"))["months"] == {
        "min": "1959-12", "max": "2030-12", "default": "2030-12"}
    with pytest.raises(UsageError, match="as_of"):
        render_html(graph, as_of="last spring")


def test_empty_directed_and_simple_graphs_render():
    empty = page_data(render_html(nx.MultiGraph()))
    assert (empty["nodes"], empty["edges"], empty["months"]) == ([], [], None)
    directed = nx.DiGraph()
    directed.add_edge(USA, JPN, kind="agreement", start="2023-01-13")
    data = page_data(render_html(directed))
    assert data["directed"] is True
    assert [(e["from"], e["to"], e["kind"], e["start"], e["count"]) for e in data["edges"]] == [
        (USA, JPN, "agreement", "2023-01-13", 1)
    ]


def test_same_graph_gives_the_same_bytes_whatever_the_insertion_order(graph, page):
    assert render_html(graph) == page
    assert render_html(cooperation_graph(reverse=True)) == page


# --- escaping -----------------------------------------------------------------------------


def test_hostile_label_cannot_leave_the_data_element(page):
    assert "</script><img" not in page
    assert "<img" not in page
    assert "<b>bold</b>" not in page
    assert "\\u003c/script\\u003e\\u003cimg src=x onerror=alert(1)\\u003e" in page
    labels = {n["id"]: n["label_en"] for n in page_data(page)["nodes"]}
    assert labels[HOSTILE_NODE] == HOSTILE


def test_hostile_title_is_escaped_in_title_and_heading(graph):
    page = render_html(graph, title=HOSTILE)
    assert "<img" not in page
    assert page.count("&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;") == 2


# --- languages ----------------------------------------------------------------------------


def test_japanese_page_has_japanese_words_and_title(graph):
    page = render_html(graph, lang="ja")
    assert page.startswith('<!DOCTYPE html>\n<html lang="ja">')
    assert '<meta charset="utf-8">' in page
    assert "<title>日本の宇宙協力（テスト）</title>" in page
    assert f">{STRINGS['ja']['search']}</label>" in page
    data = page_data(page)
    assert data["lang"] == "ja" and data["strings"] == STRINGS  # both: the switch needs no reload
    assert data["titles"] == {"en": "Japan's space cooperation (test)", "ja": "日本の宇宙協力（テスト）"}


def test_english_page_falls_back_to_its_default_title():
    graph = nx.MultiGraph()
    graph.add_node(JPN, label_en="Japan", label_ja="日本", kind="state", nonstate=False)
    assert f"<title>{STRINGS['en']['default_title']}</title>" in render_html(graph)


def test_unknown_language_is_refused(graph):
    with pytest.raises(UsageError, match="language"):
        render_html(graph, lang="fr")


def test_palette_and_words_cover_every_kind_of_the_contract():
    assert set(EDGE_STYLES) == CONTRACT_EDGE_KINDS
    assert set(NODE_STYLES) == CONTRACT_NODE_KINDS
    # colour alone tells the kinds apart: dashes mean an uncertain link
    assert len({s["color"] for s in EDGE_STYLES.values()}) == len(EDGE_STYLES)
    assert all(set(s) == {"color"} for s in EDGE_STYLES.values())
    for words in STRINGS.values():
        assert set(words) == set(STRINGS["en"])
        assert set(words["edge_kind_names"]) >= CONTRACT_EDGE_KINDS
        assert set(words["node_kind_names"]) >= CONTRACT_NODE_KINDS


# --- scale --------------------------------------------------------------------------------


def star_graph(n: int) -> nx.MultiGraph:
    graph = nx.MultiGraph()
    for i in range(n):
        graph.add_node(f"{BASE}organisation/o{i:03d}", label_en=f"O{i}", label_ja=f"O{i}",
                       kind="organisation", nonstate=True, centrality=i / n)
    for i in range(1, n):
        graph.add_edge(f"{BASE}organisation/o{i:03d}", f"{BASE}organisation/o{i - 1:03d}",
                       kind="dialogue", framework=f"{BASE}body/b", framework_label_en="B",
                       framework_label_ja="B", start="2020-01-01", end=None, sources=[],
                       label_en="", label_ja="")
    return graph


def test_large_graph_keeps_the_most_central_nodes_and_says_so():
    page = render_html(star_graph(30), max_nodes=10)
    data = page_data(page)
    assert [n["id"] for n in data["nodes"]] == [f"{BASE}organisation/o{i:03d}" for i in range(20, 30)]
    assert len(data["edges"]) == 9
    assert data["truncated"] == {"shown_nodes": 10, "total_nodes": 30, "shown_edges": 9, "total_edges": 29}
    assert '<p id="notice" class="notice">Showing the 10 most central of 30 nodes (9 of 29 links).' in page


def test_too_many_links_keep_fewer_nodes_the_most_central_first():
    graph = nx.MultiGraph(star_graph(30))
    hub = f"{BASE}organisation/o029"
    for i in range(20, 29):  # a second, parallel link from the hub to each of the nine next
        graph.add_edge(hub, f"{BASE}organisation/o{i:03d}", kind="meeting")
    data = page_data(render_html(graph, max_edges=12))
    assert [n["id"] for n in data["nodes"]] == [f"{BASE}organisation/o{i:03d}" for i in range(23, 30)]
    assert len(data["edges"]) == 12
    assert data["truncated"] == {"shown_nodes": 7, "total_nodes": 30, "shown_edges": 12, "total_edges": 38}


def test_small_graph_is_not_cut_and_the_notice_is_hidden(page):
    assert page_data(page)["truncated"] is None
    assert '<p id="notice" class="notice" hidden></p>' in page


def test_max_nodes_and_max_edges_must_be_positive(graph):
    with pytest.raises(UsageError, match="max_nodes"):
        render_html(graph, max_nodes=0)
    with pytest.raises(UsageError, match="max_edges"):
        render_html(graph, max_edges=-1)


# --- notebooks ----------------------------------------------------------------------------


class _Frame(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.frames: list[dict] = []

    def handle_starttag(self, tag, attrs):
        if tag == "iframe":
            self.frames.append(dict(attrs))


def test_iframe_srcdoc_gives_back_the_page_exactly(page):
    wrapped = iframe_html(page, height="70vh")
    parser = _Frame()
    parser.feed(wrapped)
    assert len(parser.frames) == 1
    frame = parser.frames[0]
    assert frame["srcdoc"] == page
    assert "height: 70vh" in frame["style"]
    assert "allow-scripts" in frame["sandbox"].split()
    assert "allow-same-origin" not in frame["sandbox"].split()
    assert wrapped.count('"') == 2 * len(frame)  # every quote of the page is escaped


def test_iframe_refuses_a_height_that_is_not_a_css_length(page):
    with pytest.raises(UsageError, match="height"):
        iframe_html(page, height='1px" onload="alert(1)')


def test_notebook_map_displays_as_an_iframe_and_saves_the_page(graph, tmp_path):
    shown = NotebookMap(graph, lang="ja", height=500)
    parser = _Frame()
    parser.feed(shown._repr_html_())
    assert parser.frames[0]["srcdoc"] == shown.html == render_html(graph, lang="ja")
    assert "height: 500px" in parser.frames[0]["style"]
    saved = shown.save(tmp_path / "map.html")
    assert saved.read_text(encoding="utf-8") == shown.html


def test_hidden_kinds_start_unticked_but_stay_in_the_page(graph):
    data = page_data(render_html(graph, hidden_kinds=("shared-membership",)))
    assert data["hiddenEdgeKinds"] == ["shared-membership"]
    assert any(edge["kind"] == "shared-membership" for edge in data["edges"])


def test_titles_can_be_given_per_language(graph):
    data = page_data(render_html(graph, title={"en": "Map", "ja": "地図"}, lang="ja"))
    assert (data["title"], data["titles"]) == ("地図", {"en": "Map", "ja": "地図"})
    assert page_data(render_html(graph, title="One"))["titles"] == {"en": "One", "ja": "One"}


def test_coverage_banner_keeps_the_incomplete_lists_of_frameworks_in_the_map(graph):
    def row(framework, share, recorded=40, expected=56):
        return {"framework": framework, "label_en": "L", "label_ja": "エル", "kind": "signatories",
                "recorded": recorded, "expected": expected, "share": share, "as_of": "2025-01-01",
                "source": "https://www.nasa.gov/artemis-accords/"}

    rows = [row(ARTEMIS, 40 / 56), row(COPUOS, 1.0, 102, 102), row(f"{BASE}body/not-in-the-map", 0.5),
            row(ICG, None, 12, None)]
    data = page_data(render_html(graph, coverage=rows))
    assert data["coverage"] == [row(ARTEMIS, 40 / 56)]
    assert page_data(render_html(graph))["coverage"] == []


def test_the_module_docstring_example_runs():
    import doctest

    import spacecoop.render

    assert doctest.testmod(spacecoop.render).failed == 0
    assert doctest.testmod(spacecoop.render).attempted >= 3
