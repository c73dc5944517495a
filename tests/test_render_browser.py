"""The network map in a real browser: headless Debian chromium opens the generated file from disk.

Every test checks that the page logged no error, raised no dialog and requested nothing but the
file itself. Without /usr/bin/chromium the module is skipped, unless CI is set: then it fails.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from test_render import (
    ARTEMIS,
    GBR,
    HOSTILE,
    HOSTILE_NODE,
    IND,
    JPN,
    NZL,
    cooperation_graph,
    held_in,
)

from spacecoop.render import render_html

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing: install Debian's chromium (bash scripts/setup.sh --test)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield chromium
        chromium.close()


@dataclass
class MapPage:
    page: object
    url: str
    errors: list = field(default_factory=list)
    requests: list = field(default_factory=list)
    dialogs: list = field(default_factory=list)

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def assert_clean(self):
        """No console error, no uncaught exception, no dialog, no request but the file."""
        assert self.errors == []
        assert self.dialogs == []
        assert self.requests == [self.url]
        assert self.js("document.querySelectorAll('img, iframe, object, embed').length") == 0


@pytest.fixture
def open_map(browser, tmp_path):
    """Write the map of a graph to tmp_path, open it from disk and wait until it is drawn."""
    pages = []

    def open_(graph=None, **options) -> MapPage:
        path = tmp_path / f"map-{len(pages)}.html"
        path.write_text(render_html(graph if graph is not None else cooperation_graph(), **options),
                        encoding="utf-8")
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        shown = MapPage(page, path.as_uri())
        page.on("console", lambda m: m.type == "error" and shown.errors.append(m.text))
        page.on("pageerror", lambda error: shown.errors.append(str(error)))
        page.on("request", lambda request: shown.requests.append(request.url))
        page.on("dialog", lambda dialog: (shown.dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(shown.url)
        page.wait_for_function("window.spacecoopMap && window.spacecoopMap.ready", timeout=20_000)
        pages.append(page)
        return shown

    yield open_
    for page in pages:
        page.close()


def edges_by_id(shown: MapPage) -> dict[str, dict]:
    return {e["id"]: e for e in shown.js("spacecoopMap.data.edges")}


def visible_edge_ids(shown: MapPage) -> set[str]:
    return set(shown.js("spacecoopMap.visibleEdgeIds()"))


def test_map_opens_offline_and_draws_every_node_and_every_link_of_its_year(open_map, tmp_path):
    graph = cooperation_graph()
    shown = open_map(graph)
    counts = shown.js("""[spacecoopMap.nodeCount(), spacecoopMap.edgeCount(),
        spacecoopMap.drawnNodeCount(), spacecoopMap.drawnEdgeCount(),
        document.getElementById('network').dataset.visibleEdges, document.getElementById('year').value]""")
    held = [e for e in edges_by_id(shown).values() if held_in(e, 2023)]
    assert counts == [graph.number_of_nodes(), graph.number_of_edges(),
                      graph.number_of_nodes(), len(held), str(len(held)), "2023"]
    # hidden at the end of 2023: the two capacity-building links that ended in 2019, and the
    # one-day meeting of 2023-03-24 (the rule shows what still held on 31 December)
    hidden = {(e["kind"], e["end"]) for e in edges_by_id(shown).values() if not held_in(e, 2023)}
    assert hidden == {("capacity-building", "2019-06-30"), ("capacity-building", "2019-12-31"),
                      ("meeting", "2023-03-24")}
    assert shown.js("spacecoopMap.network.physics.options.enabled") is False
    assert shown.js("document.title") == "Japan's space cooperation (test)"
    shown.page.screenshot(path=tmp_path / "map.png")
    assert (tmp_path / "map.png").stat().st_size > 10_000
    shown.assert_clean()


def test_unticking_a_link_kind_hides_exactly_those_links(open_map):
    shown = open_map()
    edges = edges_by_id(shown)
    before = visible_edge_ids(shown)
    signatures = {i for i, e in edges.items() if e["kind"] == "shared-signature"}
    assert signatures and signatures <= before

    shown.page.uncheck('input[data-edge-kind="shared-signature"]')
    assert visible_edge_ids(shown) == before - signatures
    assert shown.js("spacecoopMap.drawnEdgeCount()") == len(before - signatures)

    shown.page.check('input[data-edge-kind="shared-signature"]')
    assert visible_edge_ids(shown) == before
    shown.assert_clean()


def test_unticking_a_framework_hides_its_links(open_map):
    shown = open_map()
    edges = edges_by_id(shown)
    before = visible_edge_ids(shown)
    shown.page.uncheck(f'input[data-framework="{ARTEMIS}"]')
    assert visible_edge_ids(shown) == {i for i in before if edges[i]["framework"] != ARTEMIS}
    assert len(before) - len(visible_edge_ids(shown)) == 6
    shown.assert_clean()


def test_year_slider_at_2019_shows_the_network_as_of_the_end_of_2019(open_map):
    shown = open_map()
    edges = edges_by_id(shown)
    shown.page.fill("#year", "2019")
    assert shown.js("document.getElementById('year-value').textContent") == "2019"
    visible = visible_edge_ids(shown)
    assert visible == {i for i, e in edges.items() if held_in(e, 2019)}
    assert all(edges[i]["start"] is None or edges[i]["start"] < "2020" for i in visible)
    artemis = {i for i, e in edges.items() if e["kind"] == "shared-signature"}
    assert len(artemis) == 3 and not artemis & visible
    ended = {e["end"]: i for i, e in edges.items() if e["kind"] == "capacity-building" and e["end"]}
    assert ended["2019-12-31"] in visible and ended["2019-06-30"] not in visible
    assert shown.js("spacecoopMap.drawnEdgeCount()") == len(visible)
    # nodes whose links are all hidden stay on the map
    assert shown.js("spacecoopMap.drawnNodeCount()") == len(shown.js("spacecoopMap.data.nodes"))
    shown.assert_clean()


def test_unticking_a_node_kind_hides_those_nodes_and_their_links(open_map):
    shown = open_map()
    edges = edges_by_id(shown)
    nodes = {n["id"]: n for n in shown.js("spacecoopMap.data.nodes")}
    before = visible_edge_ids(shown)
    shown.page.uncheck('input[data-node-kind="body"]')
    bodies = {i for i, n in nodes.items() if n["kind"] == "body"}
    assert set(shown.js("spacecoopMap.visibleNodeIds()")) == set(nodes) - bodies
    assert visible_edge_ids(shown) == {
        i for i in before if edges[i]["from"] not in bodies and edges[i]["to"] not in bodies
    }
    assert NZL in shown.js("spacecoopMap.visibleNodeIds()")  # no link at all, still shown
    shown.assert_clean()


def test_hostile_label_shows_as_text_and_runs_nothing(open_map):
    shown = open_map()
    shown.page.fill("#search", "</script><img")
    shown.page.press("#search", "Enter")
    assert shown.js("spacecoopMap.network.getSelectedNodes()") == [HOSTILE_NODE]
    assert shown.js("document.querySelector('#details .heading').textContent") == HOSTILE
    assert HOSTILE in shown.js("document.getElementById('search-result').textContent")
    assert shown.js("id => spacecoopMap.network.body.nodes[id].options.label", HOSTILE_NODE) == HOSTILE

    # the tooltip, shown by hovering over the node, is the label as text
    point = shown.js("""id => {
        const p = spacecoopMap.network.canvasToDOM(spacecoopMap.network.getPositions([id])[id]);
        const box = document.getElementById('network').getBoundingClientRect();
        return [box.left + p.x, box.top + p.y];
    }""", HOSTILE_NODE)
    shown.page.mouse.move(point[0] + 1, point[1] + 1)
    tooltip = shown.page.wait_for_selector("div.vis-tooltip", state="visible")
    assert tooltip.text_content().startswith(HOSTILE)
    assert shown.js("document.querySelectorAll('div.vis-tooltip *:not(br)').length") == 0

    # its link's sources: a javascript: URL and markup stay text, never a link or an element
    link = next(i for i, e in edges_by_id(shown).items() if e["from"] == HOSTILE_NODE or e["to"] == HOSTILE_NODE)
    shown.js("id => spacecoopMap.showDetails(id)", link)
    details = shown.js("document.getElementById('details').textContent")
    assert "javascript:alert(1)" in details and "</script><script>alert(2)</script>" in details
    assert shown.js("document.querySelectorAll('#details a').length") == 0
    assert shown.js("document.querySelectorAll('script').length") == 3
    shown.assert_clean()


def test_source_urls_become_links_in_the_details(open_map):
    shown = open_map()
    link = next(i for i, e in edges_by_id(shown).items() if e["kind"] == "agreement")
    shown.js("id => spacecoopMap.showDetails(id)", link)
    assert shown.js("Array.from(document.querySelectorAll('#details a'), a => [a.href, a.rel])") == [
        ["https://www.mofa.go.jp/files/100446023.pdf", "noopener noreferrer"]
    ]
    shown.assert_clean()


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_search_finds_a_node_by_its_english_or_japanese_name(open_map, lang):
    shown = open_map(lang=lang)
    for query in ("Japan", "日本", "jpn"):
        shown.page.fill("#search", query)
        shown.page.click("#search-button")
        assert shown.js("spacecoopMap.network.getSelectedNodes()") == [JPN], query
    shown.page.fill("#search", "Atlantis")
    shown.page.press("#search", "Enter")
    assert "Atlantis" in shown.js("document.getElementById('search-result').textContent")
    shown.assert_clean()


def test_japanese_page_draws_japanese_labels(open_map, tmp_path):
    shown = open_map(lang="ja")
    assert shown.js("document.documentElement.lang") == "ja"
    labels = shown.js("Object.fromEntries(spacecoopMap.nodes.get().map(n => [n.id, n.label]))")
    assert labels[JPN] == "日本" and labels[IND] == "インド" and labels[GBR] == "英国"
    assert shown.js("document.querySelector('label[for=search]').textContent") == "検索"
    assert shown.js("document.getElementById('status').textContent").endswith("件の関係を表示中")
    legend = shown.js("Array.from(document.querySelectorAll('#edge-kinds .name'), e => e.textContent)")
    assert "共通の署名" in legend
    shown.page.fill("#search", "日本")
    shown.page.press("#search", "Enter")
    assert shown.js("document.querySelector('#details .heading').textContent") == "日本"
    shown.page.screenshot(path=tmp_path / "map-ja.png")
    shown.assert_clean()


def test_notebook_iframe_draws_the_map_inside_its_sandbox(browser, tmp_path):
    """What Jupyter, VS Code and Colab do with NotebookMap._repr_html_: a host page with the frame."""
    from spacecoop.render import NotebookMap

    host = tmp_path / "notebook.html"
    cell = NotebookMap(cooperation_graph(), lang="ja", height="500px")._repr_html_()
    host.write_text(f"<!DOCTYPE html><html><body>{cell}</body></html>", encoding="utf-8")
    page = browser.new_page()
    errors, requests = [], []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("request", lambda request: requests.append(request.url))
    try:
        page.goto(host.as_uri())
        frame = page.frame_locator("iframe")
        frame.locator("body[data-ready=true]").wait_for(timeout=20_000)
        assert frame.locator("h1").text_content() == "日本の宇宙協力（テスト）"
        assert frame.locator("#network").get_attribute("data-total-nodes") == "11"
        assert page.evaluate("document.querySelector('iframe').getBoundingClientRect().height") == 500
        assert errors == []
        assert [url for url in requests if not url.startswith(("about:", "data:"))] == [host.as_uri()]
    finally:
        page.close()


def test_the_real_network_map_draws_the_graph_and_hides_artemis_before_2020(open_map, built, tmp_path):
    from spacecoop import analyse

    graph = analyse.map_graph(analyse.read_views(built.store))
    shown = open_map(graph)
    assert shown.js("[spacecoopMap.nodeCount(), spacecoopMap.edgeCount()]") == [
        graph.number_of_nodes(), graph.number_of_edges()]
    artemis = "https://w3id.org/spacecoop/instrument/artemis-accords"
    edges = edges_by_id(shown)
    with_artemis = {i for i, e in edges.items() if e["framework"] == artemis}
    assert len(with_artemis) == sum(1 for *_, f in graph.edges(data="framework") if f == artemis)
    assert with_artemis <= visible_edge_ids(shown)
    shown.js("spacecoopMap.setYear(2019)")
    assert visible_edge_ids(shown) & with_artemis == set()
    assert visible_edge_ids(shown), "other links (COPUOS, the Outer Space Treaty) still show in 2019"
    shown.page.screenshot(path=tmp_path / "real-2019.png")
    shown.assert_clean()
