"""Networkx graph -> one self-contained HTML page with an interactive map, for reading offline.

The page inlines the vis-network script and stylesheet that the pyvis package ships (no CDN,
no Bootstrap, no request to any host), carries the graph as escaped JSON in a
``<script type="application/json">`` element, and draws, filters and searches it in the browser.
Each pair of nodes and kind of link is one line, as wide as the pair has records of that kind;
its details list the records with their dates and sources. Positions are computed here with a
seeded force-directed layout of the lines shown when the page opens, so a graph always gives
the same bytes and the map does not move when it opens or when its date slider moves. The page
carries its words and labels in English and Japanese and switches between them in place; it
writes only the labels that do not overlap (the most central first), and exports the view as
PNG or SVG and its visible links as CSV.

Public API:

- :func:`render_html` -- the page as a string;
- :func:`write_html` -- the same, written atomically to a file;
- :func:`iframe_html` -- a page wrapped in ``<iframe srcdoc="...">`` for notebooks;
- :class:`NotebookMap` -- an object that Jupyter, VS Code and Colab display inline.

Only this module knows about vis-network; nothing else in the package imports pyvis.

Example:

>>> import networkx as nx
>>> g = nx.MultiGraph()
>>> g.add_node("https://w3id.org/spacecoop/country/JPN", label_en="Japan", label_ja="日本",
...            kind="state", iso3="JPN", nonstate=False)
>>> page = render_html(g, lang="ja")
>>> page.startswith('<!DOCTYPE html>') and '<html lang="ja">' in page
True
"""

from __future__ import annotations

import importlib.util
import math
import re
from datetime import date, datetime
from functools import cache, lru_cache
from html import escape
from pathlib import Path
from typing import Any

import networkx as nx

from .errors import SpacecoopError, UsageError
from .inline import json_for_script, source_hashes
from .resources import package_text

__all__ = [
    "DEFAULT_MAX_EDGES",
    "DEFAULT_MAX_NODES",
    "EDGE_STYLES",
    "LAYOUT_SEED",
    "NODE_STYLES",
    "STRINGS",
    "NotebookMap",
    "iframe_html",
    "render_html",
    "write_html",
]

#: Above this many nodes the page keeps the most central ones and says so (see
#: ``benchmarks/bench_render.py``: past it, redrawing after a pan, zoom or filter is too slow
#: for comfortable reading). ``render_html(..., max_nodes=None)`` turns the cap off.
DEFAULT_MAX_NODES = 2000

#: Above this many lines (pairs and kinds) the page keeps fewer nodes, the most central first,
#: until the lines among them fit (each record is a few hundred bytes of page). The real
#: two-mode map has about 400 lines; its pairwise projection about 13,000.
#: ``max_edges=None`` turns the cap off.
DEFAULT_MAX_EDGES = 20_000

#: Seed of the force-directed layout: the same graph always gets the same positions.
LAYOUT_SEED = 20240401
_GRAVITY = 5.0  # pull to the centre, relative to the repulsion (see _force_layout)
_SPACING = 60.0  # pixels per sqrt(node): the layout's half-width is this times sqrt(n)

#: Node kind -> colour and vis-network shape. Used both to draw the nodes and their legend.
#: Colours from the Okabe-Ito palette (distinguishable with the common colour-vision deficiencies);
#: the shape tells the kinds apart without colour.
NODE_STYLES: dict[str, dict[str, str]] = {
    "state": {"color": "#0072B2", "shape": "dot"},
    "organisation": {"color": "#009E73", "shape": "diamond"},
    "body": {"color": "#E69F00", "shape": "square"},
    "instrument": {"color": "#CC79A7", "shape": "triangle"},
}
#: Style of a node whose kind is none of the above.
OTHER_NODE_STYLE: dict[str, str] = {"color": "#7F7F7F", "shape": "dot"}

#: Edge kind -> colour (Okabe-Ito, then greys and black). A link to a body is in the body's
#: colour, a consent to an instrument in the instrument's. Dashes do not tell kinds apart: a
#: dashed line is a link whose dates make it only possibly hold (``certain`` is False).
EDGE_STYLES: dict[str, dict[str, Any]] = {
    "dialogue": {"color": "#0072B2"},
    "meeting": {"color": "#56B4E9"},
    "agreement": {"color": "#D55E00"},
    "capacity-building": {"color": "#009E73"},
    "membership": {"color": "#E69F00"},
    "consent": {"color": "#CC79A7"},
    "shared-membership": {"color": "#8C8C8C"},
    "shared-party": {"color": "#4D4D4D"},
    "shared-signature": {"color": "#000000"},
}
#: Style of a link whose kind is none of the above.
OTHER_EDGE_STYLE: dict[str, Any] = {"color": "#7F7F7F"}
#: vis-network's dash pattern of an uncertain link, in pixels.
UNCERTAIN_DASHES = [6, 5]

#: The page's own words, in English and Japanese (both are in every page: its language switch
#: needs no reload). ``{name}`` fields are filled in the page.
STRINGS: dict[str, dict[str, Any]] = {
    "en": {
        "default_title": "Space cooperation network",
        "switch_to": "日本語",
        "switch_help": "Show the map in Japanese",
        "search": "Search",
        "search_placeholder": "Japan, 日本, JPN…",
        "find": "Find",
        "found": "Found: {label}",
        "not_found": "No node matches “{query}”.",
        "hidden_by_filters": "“{label}” is hidden by the filters.",
        "month": "Date",
        "month_help": "Links that held at the end of that month.",
        "play": "Play",
        "pause": "Pause",
        "legend": "How to read the map",
        "legend_size": "Node size: eigenvector centrality in this map (bigger is more central).",
        "legend_width": "Line width: how many dated records (meetings, signatures, memberships…) "
        "the link has by the chosen month.",
        "legend_colour": "Colour and shape: the kind of link or node (below).",
        "legend_dashes": (
            "Dashed line: the source's dates leave it uncertain that the link held then."
        ),
        "legend_labels": "Only the most central names are written; hover or zoom in for the rest.",
        "node_kinds": "Nodes",
        "edge_kinds": "Links",
        "frameworks": "Frameworks",
        "all": "All",
        "none": "None",
        "details": "Details",
        "details_hint": "Click a node or a link, or search for a name.",
        "shown": "Shown: {nodes} nodes · {edges} links",
        "truncated": (
            "Showing the {shown_nodes} most central of {total_nodes} nodes "
            "({shown_edges} of {total_edges} links). Filter the graph before rendering to "
            "see the rest."
        ),
        "export": "Export",
        "export_png": "PNG",
        "export_svg": "SVG",
        "export_csv": "Links (CSV)",
        "coverage_title": "Incomplete lists in this map",
        "coverage_row": "{label}: {recorded} of {expected} {kind} recorded{share}{as_of}",
        "coverage_as_of": ", as of {as_of}",
        "coverage_share": " ({share}%)",
        "coverage_kinds": {
            "members": "members",
            "parties": "parties",
            "signatories": "signatories",
        },
        "kind": "Kind",
        "framework": "Framework",
        "dates": "Dates",
        "unknown_date": "unknown",
        "ongoing": "still holding",
        "uncertain": "uncertain",
        "sources": "Sources",
        "links": "Links",
        "records": "Records",
        "more_records": "… and {count} more",
        "members": "Members in this map",
        "nonstate": "non-state actor",
        "iso3": "ISO 3166",
        "centrality": "Centrality",
        "map": "Network map",
        "node_kind_names": {
            "state": "State",
            "organisation": "Organisation",
            "body": "Body",
            "instrument": "Instrument",
            "other": "Other",
        },
        "edge_kind_names": {
            "dialogue": "Dialogue",
            "meeting": "Meeting",
            "agreement": "Bilateral agreement",
            "capacity-building": "Capacity building",
            "membership": "Membership of a body",
            "consent": "Signature, ratification…",
            "shared-membership": "Shared membership (pairwise)",
            "shared-party": "Parties to the same treaty (pairwise)",
            "shared-signature": "Shared signature (pairwise)",
            "other": "Other",
        },
    },
    "ja": {
        "default_title": "宇宙協力ネットワーク",
        "switch_to": "English",
        "switch_help": "地図を英語で表示",
        "search": "検索",
        "search_placeholder": "日本、Japan、JPN…",
        "find": "検索",
        "found": "{label} を表示しました",
        "not_found": "「{query}」に一致するノードはありません。",
        "hidden_by_filters": "「{label}」はフィルターで非表示になっています。",
        "month": "時点",
        "month_help": "その月の末日時点で有効な関係を表示します。",
        "play": "再生",
        "pause": "停止",
        "legend": "地図の読み方",
        "legend_size": "ノードの大きさ：この地図での固有ベクトル中心性（大きいほど中心的）。",
        "legend_width": "線の太さ：選んだ月までに記録された関係（会合、署名、加盟など）の件数。",
        "legend_colour": "色と形：関係・ノードの種類（下記）。",
        "legend_dashes": "破線：出典の日付からは、その時点で関係があったか確かでないもの。",
        "legend_labels": (
            "中心性の高いノードの名称のみ表示しています。他はポインターを重ねるか拡大してください。"
        ),
        "node_kinds": "ノード",
        "edge_kinds": "関係の種類",
        "frameworks": "枠組み",
        "all": "すべて",
        "none": "解除",
        "details": "詳細",
        "details_hint": "ノードか関係をクリックするか、名称で検索してください。",
        "shown": "{nodes}ノード・{edges}件の関係を表示中",
        "truncated": (
            "全{total_nodes}ノード（関係{total_edges}件）のうち、中心性の高い{shown_nodes}ノード"
            "（関係{shown_edges}件）を表示しています。残りを見るには描画前にグラフを絞り込んで"
            "ください。"
        ),
        "export": "書き出し",
        "export_png": "PNG",
        "export_svg": "SVG",
        "export_csv": "関係（CSV）",
        "coverage_title": "この地図に含まれる不完全な一覧",
        "coverage_row": "{label}：{kind}{expected}のうち{recorded}を記録{share}{as_of}",
        "coverage_as_of": "（{as_of}時点）",
        "coverage_share": "（{share}%）",
        "coverage_kinds": {
            "members": "加盟国",
            "parties": "締約国",
            "signatories": "署名国",
        },
        "kind": "種類",
        "framework": "枠組み",
        "dates": "期間",
        "unknown_date": "不明",
        "ongoing": "継続中",
        "uncertain": "不確実",
        "sources": "出典",
        "links": "関係",
        "records": "記録",
        "more_records": "…ほか{count}件",
        "members": "この地図に含まれる加盟国・締約国",
        "nonstate": "非国家主体",
        "iso3": "ISO 3166",
        "centrality": "中心性",
        "map": "ネットワーク図",
        "node_kind_names": {
            "state": "国家",
            "organisation": "組織",
            "body": "会議体",
            "instrument": "国際文書",
            "other": "その他",
        },
        "edge_kind_names": {
            "dialogue": "対話",
            "meeting": "会合",
            "agreement": "二国間協定",
            "capacity-building": "能力構築",
            "membership": "会議体への加盟",
            "consent": "署名・批准等",
            "shared-membership": "共通の加盟（二者間）",
            "shared-party": "同じ条約の締約国（二者間）",
            "shared-signature": "共通の署名（二者間）",
            "other": "その他",
        },
    },
}

VIS_VERSION = "9.1.2"
DATA_ELEMENT_ID = "spacecoop-data"
_PLACEHOLDER = re.compile(r"\{\{ ([a-z_]+) \}\}")
_SOURCE_MAP = re.compile(r"^\s*(//|/\*)# sourceMappingURL=.*$", re.MULTILINE)
_CSS_LENGTH = re.compile(r"^\d+(\.\d+)?(px|em|rem|vh|%)$")


# --- public API ---------------------------------------------------------------------------


def render_html(
    graph: nx.Graph,
    *,
    lang: str = "en",
    title: str | dict[str, str] | None = None,
    as_of: date | str | None = None,
    max_nodes: int | None = DEFAULT_MAX_NODES,
    max_edges: int | None = DEFAULT_MAX_EDGES,
    hidden_kinds: tuple[str, ...] = (),
    coverage: list[dict] | None = None,
) -> str:
    """Render ``graph`` as one self-contained HTML page with an interactive network map.

    The map draws one line per pair of nodes and kind of link, as wide as the pair has records
    of that kind; its details list the records with their dates and sources.

    Parameters:
        graph: a ``networkx.MultiGraph`` as made by ``spacecoop.analyse.map_graph`` (any
            networkx graph works): node keys are IRIs with ``label_en``, ``label_ja``,
            ``kind``, ``iso3``, ``nonstate`` and optional ``centrality``; each edge is one
            record with ``kind``, ``framework``, ``framework_label_en``/``_ja``, ``start``,
            ``end``, ``sources``, ``label_en``/``_ja``, optional ``start_shown``/``end_shown``
            (the dates as the source gave them) and ``certain`` (False draws it dashed; a
            missing one is certain) and, for an imprecise date, ``possible_start`` and
            ``possible_end``: between them and ``start``/``end`` the slider draws the record
            dashed, as only possibly holding. ``graph.graph["focus"]`` names the node whose label is
            always written.
        lang: ``"en"`` or ``"ja"``: the language the page opens in (it carries both, and a
            button switches between them).
        title: the page's title and heading, or one per language (``{"en": …, "ja": …}``);
            by default ``graph.graph["title_<lang>"]``.
        as_of: a date (or ``"YYYY-MM-DD"``) whose month the date slider starts on; by default
            the latest month in the data.
        max_nodes: above this many nodes keep only the most central ones (by ``centrality``,
            else degree) and say so in the page; ``None`` keeps every node.
        max_edges: above this many drawn lines keep fewer nodes, the most central first,
            until the lines among them fit, and say so; ``None`` keeps every line.
        hidden_kinds: edge kinds whose filter box starts unticked (their links are in the
            page, one click away, but the layout ignores them).
        coverage: rows of ``spacecoop.coverage.coverage_rows``; the page names, in a banner,
            the lists of the frameworks it shows that are known to be incomplete (share < 1).

    Returns:
        The page, as text: no request to any other host, the same bytes for the same graph.

    Raises:
        UsageError: ``lang`` is not ``"en"`` or ``"ja"``, ``as_of`` is not a date or
            ``max_nodes`` or ``max_edges`` is not a positive number.
        SpacecoopError: the vis-network files are missing from the installed pyvis package.
    """
    if lang not in STRINGS:
        raise UsageError(f"unknown language {lang!r}: use one of {', '.join(sorted(STRINGS))}")
    for name, cap in (("max_nodes", max_nodes), ("max_edges", max_edges)):
        if cap is not None and (not isinstance(cap, int) or cap < 1):
            raise UsageError(f"{name} must be a positive whole number or None, not {cap!r}")
    as_of_month = _month_of(as_of)
    strings = STRINGS[lang]

    lines, tables = _collapse(graph)
    nodes, edges, total = _select(graph, lines, max_nodes, max_edges)
    focus = graph.graph.get("focus")
    focus = str(focus) if focus is not None and any(n["id"] == str(focus) for n in nodes) else None
    _place(nodes, [e for e in edges if e["kind"] not in set(hidden_kinds)], focus)
    _curve_parallel_edges(edges)
    _rank(nodes, focus)
    titles = _titles(graph, title)
    page_title = titles[lang]
    truncated = None
    if len(nodes) < total["nodes"]:
        truncated = {
            "shown_nodes": len(nodes),
            "total_nodes": total["nodes"],
            "shown_edges": len(edges),
            "total_edges": total["edges"],
        }
    payload = {
        "lang": lang,
        "title": page_title,
        "titles": titles,
        "focus": focus,
        "directed": graph.is_directed(),
        "strings": STRINGS,
        "nodeStyles": {**NODE_STYLES, "other": OTHER_NODE_STYLE},
        "edgeStyles": {**EDGE_STYLES, "other": OTHER_EDGE_STYLE},
        "uncertainDashes": UNCERTAIN_DASHES,
        "nodeKindOrder": list(NODE_STYLES),
        "edgeKindOrder": list(EDGE_STYLES),
        "months": _month_range(edges, tables, as_of_month),
        "truncated": truncated,
        "coverage": _coverage(coverage, nodes, tables),
        "hiddenEdgeKinds": sorted(hidden_kinds),
        "frameworks": tables["frameworks"],
        "sources": tables["sources"],
        "nodes": nodes,
        "edges": edges,
    }
    vis_js, vis_css = _vis_assets()
    app_js = _inline_script(_template("network.js"))
    app_css = _template("network.css")
    notice = strings["truncated"].format(**truncated) if truncated else ""
    values = {
        "lang": lang,
        "title": escape(page_title),
        "csp": _content_security_policy([vis_js, app_js], [vis_css, app_css]),
        "vis_css": vis_css,
        "app_css": app_css,
        "vis_js": vis_js,
        "app_js": app_js,
        "data_id": DATA_ELEMENT_ID,
        "data": json_for_script(payload),
        "notice": escape(notice),
        "notice_hidden": "" if notice else " hidden",
        **{f"s_{key}": escape(value) for key, value in strings.items() if isinstance(value, str)},
    }
    return _fill(_template("network.html"), values)


def write_html(graph: nx.Graph, path: Path | str, **options: Any) -> Path:
    """Write :func:`render_html` ``(graph, **options)`` to ``path`` atomically, in UTF-8."""
    from .outputs import write_atomically

    return write_atomically(Path(path), render_html(graph, **options))


def iframe_html(html: str, height: str | int = "600px") -> str:
    """Wrap a page in ``<iframe srcdoc="...">`` for inline display in a notebook.

    The page is attribute-escaped (``&``, ``<``, ``>``, ``"`` and ``'``), so any page
    round-trips; the frame is sandboxed to scripts (and links opened in a new tab), which is
    all the map needs. Works in JupyterLab, classic Notebook, VS Code and Colab.

    Raises:
        UsageError: ``height`` is not a CSS length such as ``"600px"``, ``"70vh"`` or ``600``.
    """
    css_height = _css_length(height)
    return (
        f'<iframe srcdoc="{escape(html, quote=True)}" '
        f'style="width: 100%; height: {css_height}; border: 0;" '
        'sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox" '
        'referrerpolicy="no-referrer" loading="eager"></iframe>'
    )


class NotebookMap:
    """A network map that notebooks display inline: ``NotebookMap(graph, lang="ja")``.

    Takes :func:`render_html`'s parameters and ``height`` (a CSS length) for the frame; the
    page is in ``.html``, and ``.save(path)`` writes it to a file.
    """

    def __init__(self, graph: nx.Graph, *, height: str | int = "600px", **options: Any):
        self.height = _css_length(height)
        self.html = render_html(graph, **options)

    def _repr_html_(self) -> str:
        return iframe_html(self.html, self.height)

    def save(self, path: Path | str) -> Path:
        """Write the page to ``path`` atomically and return the path."""
        from .outputs import write_atomically

        return write_atomically(Path(path), self.html)


# --- data -----------------------------------------------------------------------------------


def _collapse(graph: nx.Graph) -> tuple[dict, dict]:
    """The records of ``graph`` grouped into lines, one per pair and kind:
    ``{(from, to, kind): [record, ...]}``, and the tables the records point into (frameworks
    and sources, each listed once)."""
    frameworks: dict[str, int] = {}
    framework_rows: list[list] = []
    sources: dict[str, int] = {}
    edge_view = (
        graph.edges(keys=True, data=True)
        if graph.is_multigraph()
        else ((u, v, None, d) for u, v, d in graph.edges(data=True))
    )
    lines: dict[tuple[str, str, str | None], list[dict]] = {}
    for u, v, key, attrs in edge_view:
        source, target = str(u), str(v)
        if not graph.is_directed() and target < source:
            source, target = target, source
        framework = _text(attrs.get("framework"))
        index = None
        if framework is not None:
            if framework not in frameworks:
                frameworks[framework] = len(framework_rows)
                framework_rows.append(
                    [
                        framework,
                        _text(attrs.get("framework_label_en")),
                        _text(attrs.get("framework_label_ja")),
                    ]
                )
            index = frameworks[framework]
        cited = attrs.get("sources") or []
        if isinstance(cited, str):
            cited = [cited]
        record = {
            "start": _iso_date(attrs.get("start")),
            "end": _iso_date(attrs.get("end")),
            "framework": index,
            "sources": [str(c) for c in cited],
            "label_en": _text(attrs.get("label_en")),
            "label_ja": _text(attrs.get("label_ja")),
            "_key": "" if key is None else str(key),
        }
        for name in ("start_shown", "end_shown"):
            if attrs.get(name):
                record[name] = str(attrs[name])
        # an imprecise date: the days it possibly holds beyond those it certainly does
        for name, field in (("possible_start", "from"), ("possible_end", "until")):
            value = _iso_date(attrs.get(name))
            if value and value != record["start" if field == "from" else "end"]:
                record[field] = value
        if attrs.get("certain", True) is False:
            record["certain"] = False
        lines.setdefault((source, target, _text(attrs.get("kind"))), []).append(record)
    # the tables in one order whatever the graph's: renumber by IRI, and by text
    order = sorted(range(len(framework_rows)), key=lambda i: framework_rows[i])
    renumber = {old: new for new, old in enumerate(order)}
    cited_all = sorted({c for records in lines.values() for r in records for c in r["sources"]})
    sources = {c: i for i, c in enumerate(cited_all)}
    for records in lines.values():
        for record in records:
            if record["framework"] is not None:
                record["framework"] = renumber[record["framework"]]
            record["sources"] = sorted(sources[c] for c in set(record["sources"]))
        records.sort(
            key=lambda r: (
                r["start"] or "",
                r["end"] or "",
                r["framework"] or -1,
                r["label_en"] or "",
                r["label_ja"] or "",
                r["sources"],
                r["_key"],
            )
        )
        for record in records:
            del record["_key"]
    tables = {"frameworks": [framework_rows[i] for i in order], "sources": cited_all}
    return lines, tables


def _select(graph: nx.Graph, lines: dict, max_nodes: int | None, max_edges: int | None):
    """Node and line records, sorted; the most central nodes if there are too many nodes, or
    too many lines among them."""
    degree: dict[str, int] = {str(n): 0 for n in graph}
    for source, target, _ in lines:
        degree[source] += 1
        degree[target] += 1
    top_degree = max(degree.values(), default=0) or 1
    records = []
    for key, attrs in graph.nodes(data=True):
        centrality = _finite(attrs.get("centrality"))
        score = centrality if centrality is not None else degree[str(key)] / top_degree
        records.append(_node_record(key, attrs, centrality, score))
    records.sort(key=lambda r: r["id"])
    total = {"nodes": len(records), "edges": len(lines)}
    ranked = sorted(records, key=lambda r: (-r["score"], r["id"]))
    if max_nodes is not None:
        ranked = ranked[:max_nodes]
    if max_edges is not None and len(lines) > max_edges:
        ranked = _fewer_nodes_for_edges(lines, ranked, max_edges)
    kept = {r["id"] for r in ranked}
    records = [r for r in records if r["id"] in kept]

    edges = []
    ordered = sorted(lines.items(), key=lambda item: (item[0][0], item[0][1], item[0][2] or ""))
    for (source, target, kind), events in ordered:
        if source not in kept or target not in kept:
            continue
        starts = [e["start"] for e in events]
        ends = [e["end"] for e in events]
        edge = {
            "from": source,
            "to": target,
            "kind": kind,
            "count": len(events),
            "start": None if None in starts else min(starts),
            "end": None if None in ends else max(ends),
            "events": events,
        }
        if all(e.get("certain", True) is False for e in events):
            edge["certain"] = False
        edges.append(edge)
    for index, edge in enumerate(edges):
        edge["id"] = f"e{index}"
    for record in records:
        record["size"] = round(10 + 22 * max(0.0, min(1.0, record.pop("score"))), 2)
    return records, edges, total


def _fewer_nodes_for_edges(lines: dict, ranked: list[dict], max_edges: int) -> list[dict]:
    """The longest prefix of ``ranked`` whose nodes have at most ``max_edges`` lines among them."""
    touching: dict[str, list[str]] = {}
    for source, target, _ in lines:
        touching.setdefault(source, []).append(target)
        if target != source:
            touching.setdefault(target, []).append(source)
    taken: set[str] = set()
    count_lines = 0
    for count, record in enumerate(ranked):
        node = record["id"]
        taken.add(node)
        count_lines += sum(1 for other in touching.get(node, ()) if other in taken)
        if count_lines > max_edges:
            return ranked[:count]
    return ranked


def _node_record(key: Any, attrs: dict, centrality: float | None, score: float) -> dict:
    iri = str(key)
    record = {
        "id": iri,
        "label_en": _text(attrs.get("label_en")),
        "label_ja": _text(attrs.get("label_ja")),
        "kind": _text(attrs.get("kind")),
        "iso3": _text(attrs.get("iso3")),
        "nonstate": bool(attrs.get("nonstate", False)),
        "centrality": centrality,
        "score": score,
    }
    return record


def _rank(nodes: list[dict], focus: str | None) -> None:
    """``rank``: the order in which labels are written, the focus first, then the most central."""
    ordered = sorted(nodes, key=lambda n: (n["id"] != focus, -n["size"], n["id"]))
    for rank, node in enumerate(ordered):
        node["rank"] = rank


def _curve_parallel_edges(edges: list[dict]) -> None:
    """Bend the lines between the same two nodes apart (0 = straight, +/- = clockwise or not)."""
    groups: dict[tuple[str, str], list[dict]] = {}
    for edge in edges:
        groups.setdefault((edge["from"], edge["to"]), []).append(edge)
    for group in groups.values():
        count = len(group)
        for index, edge in enumerate(group):
            if count == 1:
                edge["curve"] = 0
                continue
            # 0, +r, -r, +2r, -2r ... for an odd count; +r, -r, +2r ... for an even one
            step = index + (count % 2 == 0)
            magnitude = 0.2 * ((step + 1) // 2)
            edge["curve"] = round(magnitude if step % 2 else -magnitude, 2) + 0.0  # no -0.0


def _month_range(edges: list[dict], tables: dict, as_of_month: str | None) -> dict | None:
    """The slider's months, ``YYYY-MM``: from the first start to the last date in the data."""
    starts = [e["start"][:7] for edge in edges for e in edge["events"] if e["start"]]
    every = starts + [e["end"][:7] for edge in edges for e in edge["events"] if e["end"]]
    every = [m for m in every if re.match(r"^\d{4}-\d{2}$", m)]
    starts = [m for m in starts if re.match(r"^\d{4}-\d{2}$", m)]
    if not every:
        return None
    low = min(starts) if starts else min(every)
    high = max(every)
    if as_of_month is not None:
        low, high = min(low, as_of_month), max(high, as_of_month)
    return {"min": low, "max": high, "default": high if as_of_month is None else as_of_month}


def _coverage(rows: list[dict] | None, nodes: list[dict], tables: dict) -> list[dict]:
    """The coverage rows of frameworks in the map whose list is known to be incomplete."""
    if not rows:
        return []
    present = {n["id"] for n in nodes} | {row[0] for row in tables["frameworks"]}
    kept = []
    for row in rows:
        share = _finite(row.get("share"))
        if row.get("framework") not in present or share is None or share >= 1:
            continue
        kept.append(
            {
                "framework": str(row["framework"]),
                "label_en": _text(row.get("label_en")),
                "label_ja": _text(row.get("label_ja")),
                "kind": _text(row.get("list") or row.get("kind")),
                "recorded": row.get("recorded"),
                "expected": row.get("expected"),
                "share": share,
                "as_of": _text(row.get("as_of")),
                "source": _text(row.get("source")),
            }
        )
    return sorted(kept, key=lambda r: (r["framework"], r["kind"] or ""))


def _titles(graph: nx.Graph, title: str | dict | None) -> dict[str, str]:
    """The page's title in each language: the one given, else the graph's, else ours."""
    titles = {}
    for code in STRINGS:
        other = "ja" if code == "en" else "en"
        given = (title.get(code) or title.get(other)) if isinstance(title, dict) else title
        titles[code] = (
            given
            or graph.graph.get(f"title_{code}")
            or graph.graph.get(f"title_{other}")
            or STRINGS[code]["default_title"]
        )
    return titles


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _finite(value: Any) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _iso_date(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _month_of(as_of: Any) -> str | None:
    if as_of is None:
        return None
    if isinstance(as_of, date):
        return as_of.isoformat()[:7]
    match = re.match(r"^(\d{4})(-(\d{2})(-\d{2})?)?$", str(as_of))
    if not match:
        raise UsageError(f"as_of must be a date or 'YYYY-MM-DD', not {as_of!r}")
    return f"{match.group(1)}-{match.group(3) or '12'}"


# --- layout ---------------------------------------------------------------------------------


def _place(nodes: list[dict], edges: list[dict], focus: str | None = None) -> None:
    """Give every node an ``x``/``y`` in pixels from a seeded force-directed layout of the
    lines ``edges`` (those shown when the page opens). A line to a framework pulls less the
    more members the framework has, so small frameworks gather their members around them; the
    focus, when there is one, is moved to the centre."""
    index = {node["id"]: i for i, node in enumerate(nodes)}
    kinds = {node["id"]: node["kind"] for node in nodes}
    degree: dict[str, int] = {}
    for e in edges:
        for end in (e["from"], e["to"]):
            degree[end] = degree.get(end, 0) + 1
    weights: dict[tuple[int, int], float] = {}
    for e in edges:
        if e["from"] == e["to"]:
            continue
        pair = (index[e["from"]], index[e["to"]])
        hub = max(
            (degree[x] for x in (e["from"], e["to"]) if kinds[x] in ("body", "instrument")),
            default=1,
        )
        weights[pair] = max(weights.get(pair, 0.0), 1.0 / math.sqrt(hub))
    pairs = sorted(weights)
    positions = _force_layout(
        len(nodes), pairs, seed=LAYOUT_SEED, weights=[weights[p] for p in pairs]
    )
    if focus is not None:
        fx, fy = positions[index[focus]]
        positions = [(round(x - fx, 1) + 0.0, round(y - fy, 1) + 0.0) for x, y in positions]
    for node, (x, y) in zip(nodes, positions, strict=True):
        node["x"], node["y"] = x, y


def _force_layout(
    n: int,
    pairs: list[tuple[int, int]],
    *,
    seed: int,
    iterations: int = 120,
    weights: list[float] | None = None,
) -> list[tuple[float, float]]:
    """Fruchterman-Reingold in pixels, rounded to 0.1 px, the same for the same input.

    ``networkx.spring_layout(method="force")``'s algorithm (dense, numpy only: networkx needs
    scipy from 500 nodes on, which is not a dependency), with two changes from ForceAtlas2 that
    keep hub-heavy cooperation networks readable: repulsion grows with the degrees of both
    nodes (hubs push apart instead of collapsing into one blob), and a pull to the centre,
    also by degree, keeps isolated nodes and small components near the rest. Repulsion is
    computed in row blocks to bound memory (a few tens of MB whatever the size).
    """
    if n == 0:
        return []
    if n == 1:
        return [(0.0, 0.0)]
    try:
        import numpy as np
    except ImportError as error:  # pragma: no cover - numpy comes with the notebook/test extras
        raise SpacecoopError("the network map needs numpy: pip install numpy") from error

    rng = np.random.RandomState(seed)  # the legacy generator's stream never changes
    pos = rng.rand(n, 2)
    k = math.sqrt(1.0 / n)
    heads = np.array([p[0] for p in pairs], dtype=np.intp)
    tails = np.array([p[1] for p in pairs], dtype=np.intp)
    mass = np.ones(n)
    np.add.at(mass, heads, 1)
    np.add.at(mass, tails, 1)
    mass /= mass.mean()
    pull_weight = np.array(weights if weights is not None else [1.0] * len(pairs))
    temperature = 0.1
    cooling = temperature / (iterations + 1)
    block = max(1, 1_000_000 // n)
    for _ in range(iterations):
        shift = np.zeros((n, 2))
        x, y = pos[:, 0], pos[:, 1]
        for start in range(0, n, block):
            rows = slice(start, start + block)
            dx = x[rows, None] - x[None, :]
            dy = y[rows, None] - y[None, :]
            weight = dx * dx
            weight += dy * dy
            np.maximum(weight, 1e-4, out=weight)
            np.divide(k * k, weight, out=weight)  # repulsion k^2/d along the unit vector
            weight *= mass[rows, None] * mass[None, :]
            shift[rows, 0] = np.einsum("ij,ij->i", dx, weight)
            shift[rows, 1] = np.einsum("ij,ij->i", dy, weight)
        if len(pairs):
            delta = pos[heads] - pos[tails]
            pull = delta * (pull_weight * np.sqrt((delta**2).sum(axis=1)) / k)[:, None]
            np.subtract.at(shift, heads, pull)
            np.add.at(shift, tails, pull)
        shift -= _GRAVITY * mass[:, None] * (pos - pos.mean(axis=0))
        length = np.maximum(np.sqrt((shift**2).sum(axis=1)), 1e-9)
        pos += shift * (np.minimum(length, temperature) / length)[:, None]
        temperature -= cooling
    pos -= pos.mean(axis=0)
    extent = float(np.abs(pos).max()) or 1.0
    half_side = max(250.0, _SPACING * math.sqrt(n))
    pos *= half_side / extent
    return [(round(float(x), 1) + 0.0, round(float(y), 1) + 0.0) for x, y in pos]


# --- page assembly --------------------------------------------------------------------------


def _fill(template: str, values: dict[str, str]) -> str:
    """Replace each ``{{ name }}`` once; inserted text is not scanned again."""
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], template)


@cache
def _template(name: str) -> str:
    return package_text("templates", name)


@lru_cache(maxsize=1)
def _vis_assets() -> tuple[str, str]:
    """vis-network's script and stylesheet from the pyvis package, ready to inline."""
    spec = importlib.util.find_spec("pyvis")  # finds the package without importing it
    folder = None
    if spec is not None and spec.submodule_search_locations:
        folder = (
            Path(next(iter(spec.submodule_search_locations)))
            / "templates"
            / "lib"
            / f"vis-{VIS_VERSION}"
        )
    if folder is None or not (folder / "vis-network.min.js").is_file():
        raise SpacecoopError(
            f"vis-network {VIS_VERSION} was not found in the pyvis package ({folder}); "
            "install pyvis 0.3.2: pip install 'pyvis==0.3.2'"
        )
    script = _SOURCE_MAP.sub("", (folder / "vis-network.min.js").read_text(encoding="utf-8"))
    style = _SOURCE_MAP.sub("", (folder / "vis-network.css").read_text(encoding="utf-8"))
    if "</style" in style.lower():
        raise SpacecoopError(f"{folder / 'vis-network.css'} cannot be inlined: it holds </style")
    return _inline_script(script), style


def _inline_script(script: str) -> str:
    """A script that can sit in a ``<script>`` element: it may not close it or open a comment."""
    lowered = script.lower()
    if "</script" in lowered or "<!--" in lowered:
        raise SpacecoopError("a script to inline holds '</script' or '<!--'")
    return script


def _content_security_policy(scripts: list[str], styles: list[str]) -> str:
    """Only our own inline scripts (by hash) and styles run; no request leaves the page."""
    return (
        f"default-src 'none'; script-src {source_hashes(scripts)}; "
        f"style-src {source_hashes(styles)}; style-src-attr 'unsafe-inline'; img-src data:; "
        "font-src data:; connect-src 'none'; base-uri 'none'; form-action 'none'"
    )


def _css_length(value: str | int) -> str:
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return f"{value}px"
    if isinstance(value, str) and _CSS_LENGTH.match(value.strip()):
        return value.strip()
    raise UsageError(f"height must be a CSS length such as '600px' or '70vh', not {value!r}")
