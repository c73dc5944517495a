"""The network map in a real browser: headless Debian chromium opens the generated file from disk.

Every test checks that the page logged no error, raised no dialog and requested nothing but the
file itself. Without /usr/bin/chromium the module is skipped, unless CI is set: then it fails.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from test_render import (
    ARTEMIS,
    AUS,
    GBR,
    HOSTILE,
    HOSTILE_NODE,
    IND,
    JPN,
    NZL,
    USA,
    cooperation_graph,
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

    def wait_until(self, expression: str, timeout: float = 10.0):
        """Poll ``expression`` from Python (the page's CSP forbids the eval that Playwright's
        own wait_for_function needs once a page is running)."""
        import time

        deadline = time.monotonic() + timeout
        while not self.js(expression):
            if time.monotonic() > deadline:
                raise AssertionError(f"still false after {timeout} s: {expression}")
            self.page.wait_for_timeout(50)

    def assert_clean(self):
        """No console error, no uncaught exception, no dialog, no request but the file."""
        assert self.errors == []
        assert self.dialogs == []
        assert [url for url in self.requests if not url.startswith("blob:")] == [self.url]
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
        shown.wait_until("window.spacecoopMap && window.spacecoopMap.ready", timeout=20.0)
        pages.append(page)
        return shown

    yield open_
    for page in pages:
        page.close()


def lines_by_id(shown: MapPage) -> dict[str, dict]:
    return {e["id"]: e for e in shown.js("spacecoopMap.data.edges")}


def visible_edge_ids(shown: MapPage) -> set[str]:
    return set(shown.js("spacecoopMap.visibleEdgeIds()"))


def last_day(month: str) -> str:
    import calendar

    year, number = int(month[:4]), int(month[5:])
    return f"{month}-{calendar.monthrange(year, number)[1]:02d}"


def held_at(record: dict, month: str) -> bool:
    """The slider's rule, written from the specification: begun by the month's last day and
    not ended before it."""
    day = last_day(month)
    return (record["start"] is None or record["start"] <= day) and (record["end"] is None or record["end"] >= day)


def lines_held_at(shown: MapPage, month: str) -> set[str]:
    return {i for i, e in lines_by_id(shown).items() if any(held_at(r, month) for r in e["events"])}


def test_map_opens_offline_and_draws_every_node_and_the_lines_of_its_month(open_map, tmp_path):
    graph = cooperation_graph()
    shown = open_map(graph)
    counts = shown.js("""[spacecoopMap.nodeCount(), spacecoopMap.edgeCount(),
        spacecoopMap.drawnNodeCount(), spacecoopMap.drawnEdgeCount(),
        document.getElementById('network').dataset.visibleEdges, document.getElementById('month-value').textContent]""")
    held = lines_held_at(shown, "2023-06")
    assert counts == [graph.number_of_nodes(), graph.number_of_edges() - 1, graph.number_of_nodes(), len(held), str(len(held)), "2023-06"]
    # hidden at the end of June 2023: the two capacity-building links that ended in 2019 and
    # the one-day meeting of 2023-03-24 (the rule shows what still held on the month's last day)
    hidden = {(e["kind"], e["end"]) for i, e in lines_by_id(shown).items() if i not in held}
    assert hidden == {("capacity-building", "2019-06-30"), ("capacity-building", "2019-12-31"),
                      ("meeting", "2023-03-24")}
    assert visible_edge_ids(shown) == held
    assert shown.js("spacecoopMap.network.physics.options.enabled") is False
    assert shown.js("document.title") == "Japan's space cooperation (test)"
    shown.page.screenshot(path=tmp_path / "map.png")
    assert (tmp_path / "map.png").stat().st_size > 10_000
    shown.assert_clean()


def test_one_line_per_pair_and_kind_as_wide_as_its_records_and_uncertain_ones_dashed(open_map):
    shown = open_map()
    lines = lines_by_id(shown)
    dialogue = next(i for i, e in lines.items() if e["kind"] == "dialogue" and {e["from"], e["to"]} == {JPN, USA})
    single = next(i for i, e in lines.items() if e["kind"] == "agreement")
    uncertain = next(i for i, e in lines.items() if {e["from"], e["to"]} == {AUS, IND})
    widths = shown.js("ids => ids.map(id => spacecoopMap.edges.get(id).width)", [dialogue, single])
    assert widths == [3, 1]
    dashes = shown.js("ids => ids.map(id => spacecoopMap.edges.get(id).dashes)", [dialogue, uncertain])
    assert dashes == [False, [6, 5]]
    # in 2014 the dialogue had one record: the line narrows
    shown.js("spacecoopMap.setMonth('2014-06')")
    assert shown.js("id => spacecoopMap.edges.get(id).width", dialogue) == 1
    shown.js("id => spacecoopMap.showDetails(id)", dialogue)
    items = shown.js("Array.from(document.querySelectorAll('#details ol.records > li'), li => li.className)")
    assert items == ["", "later"]
    shown.assert_clean()


def test_unticking_a_link_kind_hides_exactly_those_lines(open_map):
    shown = open_map()
    lines = lines_by_id(shown)
    before = visible_edge_ids(shown)
    signatures = {i for i, e in lines.items() if e["kind"] == "shared-signature"}
    assert len(signatures) == 3 and signatures <= before

    shown.page.uncheck('input[data-edge-kind="shared-signature"]')
    assert visible_edge_ids(shown) == before - signatures
    assert shown.js("spacecoopMap.drawnEdgeCount()") == len(before - signatures)

    shown.page.check('input[data-edge-kind="shared-signature"]')
    assert visible_edge_ids(shown) == before
    shown.assert_clean()


def test_unticking_a_framework_hides_the_lines_of_its_records(open_map):
    shown = open_map()
    before = visible_edge_ids(shown)
    shown.page.uncheck(f'input[data-framework="{ARTEMIS}"]')
    frameworks = shown.js("spacecoopMap.data.frameworks")
    only_artemis = {i for i, e in lines_by_id(shown).items()
                    if {frameworks[r["framework"]][0] for r in e["events"]} == {ARTEMIS}}
    assert len(only_artemis) == 6
    assert visible_edge_ids(shown) == before - only_artemis
    shown.assert_clean()


def test_the_slider_hides_links_that_began_later_and_plays_by_month(open_map):
    shown = open_map()
    lines = lines_by_id(shown)
    artemis = {i for i, e in lines.items() if e["start"] == "2020-10-13"}
    assert len(artemis) == 5  # three shared signatures, two consents
    month = shown.js("spacecoopMap.months.indexOf('2020-09')")
    shown.page.fill("#month", str(month))
    assert shown.js("document.getElementById('month-value').textContent") == "2020-09"
    visible = visible_edge_ids(shown)
    assert visible == lines_held_at(shown, "2020-09")
    assert not artemis & visible
    assert all(lines[i]["start"] is None or lines[i]["start"] <= "2020-09-30" for i in visible)
    shown.page.fill("#month", str(month + 1))
    assert artemis <= visible_edge_ids(shown) == lines_held_at(shown, "2020-10")
    # nodes whose links are all hidden stay on the map, where they were
    shown.js("spacecoopMap.setMonth('1960-01')")
    assert shown.js("spacecoopMap.drawnNodeCount()") == len(shown.js("spacecoopMap.data.nodes"))
    before = shown.js("spacecoopMap.network.getPositions()")
    shown.page.click("#play")
    shown.wait_until("document.getElementById('month-value').textContent > '1975'")
    shown.page.click("#play")
    assert shown.js("document.getElementById('play').textContent") == "Play"
    assert shown.js("spacecoopMap.network.getPositions()") == before
    shown.assert_clean()


def test_unticking_a_node_kind_hides_those_nodes_and_their_lines(open_map):
    shown = open_map()
    lines = lines_by_id(shown)
    nodes = {n["id"]: n for n in shown.js("spacecoopMap.data.nodes")}
    before = visible_edge_ids(shown)
    shown.page.uncheck('input[data-node-kind="body"]')
    bodies = {i for i, n in nodes.items() if n["kind"] == "body"}
    assert set(shown.js("spacecoopMap.visibleNodeIds()")) == set(nodes) - bodies
    assert visible_edge_ids(shown) == {
        i for i in before if lines[i]["from"] not in bodies and lines[i]["to"] not in bodies
    }
    assert NZL in shown.js("spacecoopMap.visibleNodeIds()")  # no link at all, still shown
    shown.assert_clean()


def test_the_focus_view_of_a_fixture_shows_exactly_its_nodes(open_map):
    from test_maps import ARTEMIS as ACCORDS
    from test_maps import BTN, COPUOS, OST, QUAD, map_views
    from test_maps import JPN as JAPAN
    from test_maps import USA as US

    from spacecoop import analyse

    shown = open_map(analyse.map_graph(map_views(), focus=JAPAN))
    assert set(shown.js("spacecoopMap.visibleNodeIds()")) == {JAPAN, US, BTN, COPUOS, OST, ACCORDS, QUAD}
    assert shown.js("spacecoopMap.data.focus") == JAPAN
    assert JAPAN in shown.js("spacecoopMap.labelledNodeIds()")
    assert shown.js("spacecoopMap.edgeCount()") == 11
    shown.assert_clean()


def label_boxes(shown: MapPage) -> dict[str, list[float]]:
    """The box vis-network drew each written label in (canvas coordinates)."""
    return json.loads(shown.js("""JSON.stringify(Object.fromEntries(spacecoopMap.labelledNodeIds().map(id => {
        const s = spacecoopMap.network.body.nodes[id].labelModule.size;
        return [String(id), [Number(s.left), Number(s.top), Number(s.left + s.width), Number(s.top + s.height)]];
    })))"""))


def overlapping(boxes: dict[str, list[float]]) -> list[tuple[str, str]]:
    items = sorted(boxes.items())
    return [(a, b) for i, (a, p) in enumerate(items) for b, q in items[i + 1:]
            if p[0] < q[2] and q[0] < p[2] and p[1] < q[3] and q[1] < p[3]]


def test_labels_do_not_overlap_at_the_first_view_and_more_appear_on_zoom(open_map, built):
    from spacecoop import analyse

    graph = analyse.map_graph(analyse.read_views(built.store))
    shown = open_map(graph)
    boxes = label_boxes(shown)
    assert 20 <= len(boxes) < graph.number_of_nodes()
    assert all(b[2] > b[0] and b[3] > b[1] for b in boxes.values())
    assert overlapping(boxes) == []
    unlabelled = shown.js("spacecoopMap.data.nodes.filter(n => !spacecoopMap.labelledNodeIds().includes(n.id)).map(n => n.id)")
    assert shown.js("ids => ids.every(id => spacecoopMap.nodes.get(id).label === '')", unlabelled)
    shown.js("void spacecoopMap.network.moveTo({scale: spacecoopMap.network.getScale() * 3, animation: false})")
    shown.js("void spacecoopMap.network.emit('zoom', {})")
    shown.wait_until(f"spacecoopMap.labelledNodeIds().length > {len(boxes)}")
    assert overlapping(label_boxes(shown)) == []
    shown.assert_clean()


def test_the_language_switch_turns_labels_japanese_and_back_without_reloading(open_map):
    shown = open_map()
    shown.js("window.notReloaded = true")
    english = shown.js("Object.fromEntries(spacecoopMap.nodes.get().map(n => [n.id, n.label]))")
    assert english[JPN] == "Japan"
    assert shown.js("document.getElementById('lang-switch').textContent") == "日本語"
    shown.page.click("#lang-switch")
    labels = shown.js("Object.fromEntries(spacecoopMap.nodes.get().map(n => [n.id, n.label]))")
    assert labels[JPN] == "日本"
    written = [labels[i] for i in shown.js("spacecoopMap.labelledNodeIds()")]
    assert written and all(label and not label.isascii() for label in written if label != HOSTILE)
    assert shown.js("document.documentElement.lang") == "ja"
    assert shown.js("document.title") == "日本の宇宙協力（テスト）"
    assert shown.js("document.querySelector('label[for=search]').textContent") == "検索"
    assert shown.js("document.getElementById('status').textContent").endswith("件の関係を表示中")
    legend = shown.js("Array.from(document.querySelectorAll('#edge-kinds .name'), e => e.textContent)")
    assert "共通の署名（二者間）" in legend
    assert shown.js("document.getElementById('lang-switch').textContent") == "English"
    shown.page.click("#lang-switch")
    assert shown.js("id => spacecoopMap.nodes.get(id).label", JPN) == "Japan"
    assert shown.js("document.querySelector('label[for=search]').textContent") == "Search"
    assert shown.js("window.notReloaded") is True
    shown.assert_clean()


def test_export_buttons_download_a_png_an_svg_and_the_visible_links_as_csv(open_map, tmp_path):
    import csv
    import xml.etree.ElementTree as ET

    shown = open_map()
    files = {}
    for button in ("png", "svg", "csv"):
        with shown.page.expect_download() as info:
            shown.page.click(f"#export-{button}")
        download = info.value
        files[button] = tmp_path / download.suggested_filename
        download.save_as(files[button])
    assert {f.name for f in files.values()} == {"spacecoop-map-2023-06.png", "spacecoop-map-2023-06.svg",
                                                "spacecoop-map-2023-06.csv"}
    png = files["png"].read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 10_000
    svg = ET.parse(files["svg"]).getroot()
    ns = "{http://www.w3.org/2000/svg}"
    assert svg.tag == f"{ns}svg"
    assert len(list(svg.iter(f"{ns}line"))) + len(list(svg.iter(f"{ns}path"))) == len(visible_edge_ids(shown))
    texts = {t.text for t in svg.iter(f"{ns}text")}
    assert "Japan" in texts and len(texts) == len(shown.js("spacecoopMap.labelledNodeIds()"))
    rows = list(csv.DictReader(files["csv"].read_text(encoding="utf-8-sig").splitlines()))
    lines = lines_by_id(shown)
    assert len(rows) == sum(1 for i in visible_edge_ids(shown) for r in lines[i]["events"] if held_at(r, "2023-06"))
    assert {(r["source"], r["target"], r["kind"]) for r in rows} == {
        (lines[i]["from"], lines[i]["to"], lines[i]["kind"]) for i in visible_edge_ids(shown)}
    shown.assert_clean()


def test_hostile_label_shows_as_text_and_runs_nothing(open_map, tmp_path):
    shown = open_map()
    shown.page.fill("#search", "</script><img")
    shown.page.press("#search", "Enter")
    assert shown.js("spacecoopMap.network.getSelectedNodes()") == [HOSTILE_NODE]
    assert shown.js("document.querySelector('#details .heading').textContent") == HOSTILE
    assert HOSTILE in shown.js("document.getElementById('search-result').textContent")

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
    link = next(i for i, e in lines_by_id(shown).items() if HOSTILE_NODE in (e["from"], e["to"]))
    shown.js("id => spacecoopMap.showDetails(id)", link)
    details = shown.js("document.getElementById('details').textContent")
    assert "javascript:alert(1)" in details and "</script><script>alert(2)</script>" in details
    assert shown.js("document.querySelectorAll('#details a').length") == 0

    # in the exports it is text too: an SVG text node, a quoted CSV cell
    svg = shown.js("spacecoopMap.svgText()")
    assert "<img" not in svg and "<script" not in svg
    csv_text = shown.js("spacecoopMap.csvText()")
    assert "</script><img src=x onerror=alert(1)>" in csv_text
    # and a label written in the other language is inert as well
    shown.page.click("#lang-switch")
    shown.js("id => spacecoopMap.showDetails(id)", HOSTILE_NODE)
    assert shown.js("document.querySelector('#details .heading').textContent") == HOSTILE
    assert shown.js("document.querySelectorAll('script').length") == 3
    assert shown.js("document.querySelectorAll('img, iframe, object, embed').length") == 0
    shown.assert_clean()


def test_source_urls_become_links_in_the_details(open_map):
    shown = open_map()
    link = next(i for i, e in lines_by_id(shown).items() if e["kind"] == "agreement")
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
    assert labels[JPN] == "日本" and labels[IND] == "インド"
    assert shown.js("document.getElementById('status').textContent").endswith("件の関係を表示中")
    shown.page.fill("#search", "英国")
    shown.page.press("#search", "Enter")
    assert shown.js("document.querySelector('#details .heading').textContent") == "英国"
    assert GBR in shown.js("spacecoopMap.network.getSelectedNodes()")
    shown.page.screenshot(path=tmp_path / "map-ja.png")
    shown.assert_clean()


def test_coverage_banner_names_the_incomplete_lists_in_both_languages(open_map):
    rows = [{"framework": ARTEMIS, "label_en": "Artemis Accords", "label_ja": "アルテミス合意",
             "kind": "signatories", "recorded": 3, "expected": 56, "share": 3 / 56, "as_of": "2025-01-01",
             "source": "https://www.nasa.gov/artemis-accords/"}]
    shown = open_map(coverage=rows)
    assert shown.js("document.getElementById('coverage').hidden") is False
    text = shown.js("document.querySelector('#coverage li').firstChild.textContent")
    assert text == "Artemis Accords: 3 of 56 signatories recorded (5%), as of 2025-01-01"
    shown.page.click("#lang-switch")
    text = shown.js("document.querySelector('#coverage li').firstChild.textContent")
    assert text == "アルテミス合意：署名国56のうち3を記録（5%）（2025-01-01時点）"
    assert shown.js("document.querySelector('#coverage a').href") == "https://www.nasa.gov/artemis-accords/"
    shown.assert_clean()
    assert open_map().js("document.getElementById('coverage').hidden") is True


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


def test_the_real_maps_draw_frameworks_as_nodes_and_hide_artemis_before_2020(open_map, built, tmp_path):
    from spacecoop import analyse

    views = analyse.read_views(built.store)
    graph = analyse.map_graph(views)
    shown = open_map(graph)
    artemis = "https://w3id.org/spacecoop/instrument/artemis-accords"
    lines = lines_by_id(shown)
    with_artemis = {i for i, e in lines.items() if artemis in (e["from"], e["to"])}
    assert len(with_artemis) == len(set(graph[artemis])) > 10
    assert not any(e["kind"].startswith("shared-") for e in lines.values())
    assert with_artemis <= visible_edge_ids(shown)
    shown.js("spacecoopMap.setMonth('2019-12')")
    assert visible_edge_ids(shown) & with_artemis == set()
    assert visible_edge_ids(shown), "other links (COPUOS, the Outer Space Treaty) still show in 2019"
    shown.page.screenshot(path=tmp_path / "real-2019.png")
    shown.assert_clean()

    japan = analyse.map_graph(views, focus="https://w3id.org/spacecoop/country/JPN")
    shown = open_map(japan)
    assert set(shown.js("spacecoopMap.visibleNodeIds()")) == set(japan)
    assert shown.js("spacecoopMap.edgeCount()") < 150  # a view of Japan, not the whole network
    shown.assert_clean()


def test_a_year_only_date_is_dashed_while_it_only_possibly_holds(open_map):
    import networkx as nx

    graph = nx.MultiGraph()
    for node, en, ja in ((JPN, "Japan", "日本"), (USA, "United States", "アメリカ合衆国")):
        graph.add_node(node, label_en=en, label_ja=ja, kind="state", nonstate=False)
    graph.add_edge(JPN, USA, kind="dialogue", framework=ARTEMIS, framework_label_en="A",
                   framework_label_ja="A", start="2021-12-31", possible_start="2021-01-01",
                   start_shown="2021", end=None, sources=[], label_en="x", label_ja="x")
    graph.add_edge(JPN, USA, kind="agreement", framework=ARTEMIS, framework_label_en="A",
                   framework_label_ja="A", start="2019-01-01", end="2019-12-31",
                   possible_end="2020-06-30", sources=[], label_en="y", label_ja="y")
    shown = open_map(graph)
    lines = {e["kind"]: e["id"] for e in lines_by_id(shown).values()}

    def drawn(month):
        shown.js("m => spacecoopMap.setMonth(m)", month)
        return {kind: shown.js("id => spacecoopMap.edgesView.get(id) ? String(spacecoopMap.edges.get(id).dashes) : null", i)
                for kind, i in lines.items()}

    assert drawn("2020-12") == {"dialogue": None, "agreement": None}
    assert drawn("2021-06") == {"dialogue": "6,5", "agreement": None}
    assert drawn("2022-01") == {"dialogue": "false", "agreement": None}
    assert drawn("2019-06") == {"dialogue": None, "agreement": "false"}
    assert drawn("2020-03") == {"dialogue": None, "agreement": "6,5"}
    shown.js("spacecoopMap.setMonth('2021-06')")
    shown.js("id => spacecoopMap.showDetails(id)", lines["dialogue"])
    assert shown.js("document.querySelector('#details .date').textContent") == "2021 – still holding (uncertain)"
    shown.assert_clean()
