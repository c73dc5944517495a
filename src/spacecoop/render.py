"""Networkx graph -> one self-contained HTML page with an interactive map, for reading offline.

The page inlines the vis-network script and stylesheet that the pyvis package ships (no CDN,
no Bootstrap, no request to any host), carries the graph as escaped JSON in a
``<script type="application/json">`` element, and draws, filters and searches it in the browser.
Positions are computed here with a seeded force-directed layout, so a graph always gives the same
bytes and the map does not move when it opens.

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

import base64
import hashlib
import importlib.util
import json
import math
import re
from datetime import date, datetime
from functools import cache, lru_cache
from html import escape
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from .errors import SpacecoopError, UsageError

__all__ = [
    "DEFAULT_MAX_EDGES",
    "DEFAULT_MAX_NODES",
    "EDGE_STYLES",
    "LAYOUT_SEED",
    "NODE_STYLES",
    "STRINGS",
    "NotebookMap",
    "iframe_html",
    "json_for_script",
    "render_html",
    "write_html",
]

#: Above this many nodes the page keeps the most central ones and says so (see
#: ``benchmarks/bench_render.py``: past it, redrawing after a pan, zoom or filter is too slow
#: for comfortable reading). ``render_html(..., max_nodes=None)`` turns the cap off.
DEFAULT_MAX_NODES = 2000

#: Above this many links the page keeps fewer nodes, the most central first, until the links
#: among them fit (each link is about 1 KB of page: 20,000 make a 20 MB file). The real
#: world map has about 13,000. ``max_edges=None`` turns the cap off.
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

#: Edge kind -> colour and dash pattern (``False`` for a solid line, else vis-network's
#: ``[dash, gap, ...]`` in pixels). Used both to draw the links and their legend.
EDGE_STYLES: dict[str, dict[str, Any]] = {
    "dialogue": {"color": "#0072B2", "dashes": False},
    "meeting": {"color": "#56B4E9", "dashes": [2, 4]},
    "agreement": {"color": "#D55E00", "dashes": False},
    "consent": {"color": "#E69F00", "dashes": [2, 4]},
    "membership": {"color": "#009E73", "dashes": False},
    "shared-membership": {"color": "#7F7F7F", "dashes": [10, 6]},
    "shared-signature": {"color": "#CC79A7", "dashes": [10, 6]},
    "capacity-building": {"color": "#332288", "dashes": [12, 4, 2, 4]},
}
#: Style of a link whose kind is none of the above.
OTHER_EDGE_STYLE: dict[str, Any] = {"color": "#7F7F7F", "dashes": [1, 3]}

#: The page's own words, in English and Japanese. ``{name}`` fields are filled in the page.
STRINGS: dict[str, dict[str, Any]] = {
    "en": {
        "default_title": "Space cooperation network",
        "search": "Search",
        "search_placeholder": "Japan, 日本, JPN…",
        "find": "Find",
        "found": "Found: {label}",
        "not_found": "No node matches “{query}”.",
        "hidden_by_filters": "“{label}” is hidden by the filters.",
        "year": "Year",
        "year_help": "Links that held on 31 December of that year.",
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
        "kind": "Kind",
        "framework": "Framework",
        "dates": "Dates",
        "unknown_date": "unknown",
        "ongoing": "still holding",
        "sources": "Sources",
        "links": "Links",
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
            "agreement": "Agreement",
            "consent": "Signature, ratification…",
            "membership": "Membership",
            "shared-membership": "Shared membership",
            "shared-signature": "Shared signature",
            "capacity-building": "Capacity building",
            "other": "Other",
        },
    },
    "ja": {
        "default_title": "宇宙協力ネットワーク",
        "search": "検索",
        "search_placeholder": "日本、Japan、JPN…",
        "find": "検索",
        "found": "{label} を表示しました",
        "not_found": "「{query}」に一致するノードはありません。",
        "hidden_by_filters": "「{label}」はフィルターで非表示になっています。",
        "year": "年",
        "year_help": "その年の12月31日時点で有効な関係を表示します。",
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
        "kind": "種類",
        "framework": "枠組み",
        "dates": "期間",
        "unknown_date": "不明",
        "ongoing": "継続中",
        "sources": "出典",
        "links": "関係",
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
            "agreement": "協定",
            "consent": "署名・批准等",
            "membership": "加盟",
            "shared-membership": "共通の加盟",
            "shared-signature": "共通の署名",
            "capacity-building": "能力構築",
            "other": "その他",
        },
    },
}

VIS_VERSION = "9.1.2"
DATA_ELEMENT_ID = "spacecoop-data"
_PLACEHOLDER = re.compile(r"\{\{ ([a-z_]+) \}\}")
_SOURCE_MAP = re.compile(r"^\s*(//|/\*)# sourceMappingURL=.*$", re.MULTILINE)
_CSS_LENGTH = re.compile(r"^\d+(\.\d+)?(px|em|rem|vh|%)$")
_JSON_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


# --- public API ---------------------------------------------------------------------------


def render_html(
    graph: nx.Graph,
    *,
    lang: str = "en",
    title: str | None = None,
    as_of: date | str | None = None,
    max_nodes: int | None = DEFAULT_MAX_NODES,
    max_edges: int | None = DEFAULT_MAX_EDGES,
    hidden_kinds: tuple[str, ...] = (),
) -> str:
    """Render ``graph`` as one self-contained HTML page with an interactive network map.

    Parameters:
        graph: a ``networkx.MultiGraph`` as made by ``spacecoop.analyse`` (any networkx graph
            works): node keys are IRIs with ``label_en``, ``label_ja``, ``kind``, ``iso3``,
            ``nonstate`` and optional ``centrality``; edges carry ``kind``, ``framework``,
            ``framework_label_en``/``_ja``, ``start``, ``end``, ``sources``, ``label_en``/``_ja``.
        lang: ``"en"`` or ``"ja"``: the language of the labels and of the page's own words
            (search matches both languages whatever this is).
        title: the page's title and heading; by default ``graph.graph["title_<lang>"]``.
        as_of: a date (or ``"YYYY-MM-DD"``) whose year the year slider starts on; by default
            the latest year in the data.
        max_nodes: above this many nodes keep only the most central ones (by ``centrality``,
            else degree) and say so in the page; ``None`` keeps every node.
        max_edges: above this many links keep fewer nodes, the most central first, until
            the links among them fit, and say so; ``None`` keeps every link.
        hidden_kinds: edge kinds whose filter box starts unticked (their links are in the
            page, one click away), e.g. the dense shared memberships of a whole-world map.

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
    as_of_year = _year_of(as_of)
    strings = STRINGS[lang]

    nodes, edges, total = _select(graph, max_nodes, max_edges)
    _place(nodes, edges)
    _curve_parallel_edges(edges)
    page_title = title or _title_from(graph, lang) or strings["default_title"]
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
        "directed": graph.is_directed(),
        "strings": strings,
        "nodeStyles": {**NODE_STYLES, "other": OTHER_NODE_STYLE},
        "edgeStyles": {**EDGE_STYLES, "other": OTHER_EDGE_STYLE},
        "nodeKindOrder": list(NODE_STYLES),
        "edgeKindOrder": list(EDGE_STYLES),
        "years": _year_range(edges, as_of_year),
        "truncated": truncated,
        "hiddenEdgeKinds": sorted(hidden_kinds),
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


def json_for_script(value: Any) -> str:
    """``value`` as JSON that is safe inside ``<script type="application/json">``.

    Keys are sorted, non-ASCII is kept as is, and ``<``, ``>``, ``&``, U+2028 and U+2029 are
    written as ``\\uXXXX`` escapes, so no string in the data can close the element, open a
    comment or be read as markup; ``JSON.parse`` gives back the same value.
    """
    text = json.dumps(
        value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False
    )
    return re.sub("[<>&\u2028\u2029]", lambda m: _JSON_ESCAPES[m.group(0)], text)


# --- data -----------------------------------------------------------------------------------


def _select(graph: nx.Graph, max_nodes: int | None, max_edges: int | None):
    """Node and edge records of the graph, sorted; the most central nodes if there are too
    many nodes, or too many links among them."""
    degree = dict(graph.degree())
    top_degree = max(degree.values(), default=0) or 1
    records = []
    for key, attrs in graph.nodes(data=True):
        centrality = _finite(attrs.get("centrality"))
        score = centrality if centrality is not None else degree[key] / top_degree
        records.append(_node_record(key, attrs, centrality, score))
    records.sort(key=lambda r: r["id"])
    total = {"nodes": len(records), "edges": graph.number_of_edges()}
    ranked = sorted(records, key=lambda r: (-r["score"], r["id"]))
    if max_nodes is not None:
        ranked = ranked[:max_nodes]
    if max_edges is not None and graph.number_of_edges() > max_edges:
        ranked = _fewer_nodes_for_edges(graph, ranked, max_edges)
    kept = {r["id"] for r in ranked}
    records = [r for r in records if r["id"] in kept]

    edges = []
    edge_view = (
        graph.edges(keys=True, data=True)
        if graph.is_multigraph()
        else ((u, v, None, d) for u, v, d in graph.edges(data=True))
    )
    for u, v, key, attrs in edge_view:
        source, target = str(u), str(v)
        if source not in kept or target not in kept:
            continue
        if not graph.is_directed() and target < source:
            source, target = target, source
        edges.append(_edge_record(source, target, key, attrs))
    edges.sort(key=_edge_sort_key)
    for index, edge in enumerate(edges):
        edge["id"] = f"e{index}"
        del edge["_key"]
    for record in records:
        record["size"] = round(8 + 17 * max(0.0, min(1.0, record.pop("score"))), 2)
    return records, edges, total


def _fewer_nodes_for_edges(graph: nx.Graph, ranked: list[dict], max_edges: int) -> list[dict]:
    """The longest prefix of ``ranked`` whose nodes have at most ``max_edges`` links among them."""
    keys = {str(key): key for key in graph.nodes}
    taken: set = set()
    links = 0
    for count, record in enumerate(ranked):
        node = keys[record["id"]]
        taken.add(node)
        neighbours = nx.all_neighbors(graph, node) if graph.is_directed() else graph[node]
        for other in set(neighbours) & taken:
            links += graph.number_of_edges(node, other)
            if graph.is_directed() and other != node:
                links += graph.number_of_edges(other, node)
        if links > max_edges:
            return ranked[:count]
    return ranked


def _node_record(key: Any, attrs: dict, centrality: float | None, score: float) -> dict:
    iri = str(key)
    return {
        "id": iri,
        "label_en": _text(attrs.get("label_en")),
        "label_ja": _text(attrs.get("label_ja")),
        "kind": _text(attrs.get("kind")),
        "iso3": _text(attrs.get("iso3")),
        "nonstate": bool(attrs.get("nonstate", False)),
        "centrality": centrality,
        "score": score,
    }


def _edge_record(source: str, target: str, key: Any, attrs: dict) -> dict:
    sources = attrs.get("sources") or []
    if isinstance(sources, str):
        sources = [sources]
    return {
        "from": source,
        "to": target,
        "kind": _text(attrs.get("kind")),
        "framework": _text(attrs.get("framework")),
        "framework_label_en": _text(attrs.get("framework_label_en")),
        "framework_label_ja": _text(attrs.get("framework_label_ja")),
        "start": _iso_date(attrs.get("start")),
        "end": _iso_date(attrs.get("end")),
        "sources": [str(s) for s in sources],
        "label_en": _text(attrs.get("label_en")),
        "label_ja": _text(attrs.get("label_ja")),
        "_key": "" if key is None else str(key),
    }


def _edge_sort_key(edge: dict) -> tuple:
    return (
        edge["from"],
        edge["to"],
        edge["kind"] or "",
        edge["framework"] or "",
        edge["start"] or "",
        edge["end"] or "",
        edge["label_en"] or "",
        edge["label_ja"] or "",
        edge["sources"],
        edge["_key"],
    )


def _curve_parallel_edges(edges: list[dict]) -> None:
    """Bend the links between the same two nodes apart (0 = straight, +/- = clockwise or not)."""
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
            magnitude = 0.15 * ((step + 1) // 2)
            edge["curve"] = round(magnitude if step % 2 else -magnitude, 2) + 0.0  # no -0.0


def _year_range(edges: list[dict], as_of_year: int | None) -> dict | None:
    starts = [int(e["start"][:4]) for e in edges if e["start"]]
    every = starts + [int(e["end"][:4]) for e in edges if e["end"]]
    if not every:
        return None
    low = min(starts) if starts else min(every)
    high = max(every)
    if as_of_year is not None:
        low, high = min(low, as_of_year), max(high, as_of_year)
    return {"min": low, "max": high, "default": high if as_of_year is None else as_of_year}


def _title_from(graph: nx.Graph, lang: str) -> str | None:
    other = "ja" if lang == "en" else "en"
    return graph.graph.get(f"title_{lang}") or graph.graph.get(f"title_{other}")


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


def _year_of(as_of: Any) -> int | None:
    if as_of is None:
        return None
    if isinstance(as_of, date):
        return as_of.year
    match = re.match(r"^(\d{4})(-\d{2}(-\d{2})?)?$", str(as_of))
    if not match:
        raise UsageError(f"as_of must be a date or 'YYYY-MM-DD', not {as_of!r}")
    return int(match.group(1))


# --- layout ---------------------------------------------------------------------------------


def _place(nodes: list[dict], edges: list[dict]) -> None:
    """Give every node an ``x``/``y`` in pixels from a seeded force-directed layout."""
    index = {node["id"]: i for i, node in enumerate(nodes)}
    pairs = sorted({(index[e["from"]], index[e["to"]]) for e in edges if e["from"] != e["to"]})
    positions = _force_layout(len(nodes), pairs, seed=LAYOUT_SEED)
    for node, (x, y) in zip(nodes, positions, strict=True):
        node["x"], node["y"] = x, y


def _force_layout(
    n: int, pairs: list[tuple[int, int]], *, seed: int, iterations: int = 60
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
            pull = delta * (np.sqrt((delta**2).sum(axis=1)) / k)[:, None]
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
    return (resources.files("spacecoop") / "templates" / name).read_text(encoding="utf-8")


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

    def digest(text: str) -> str:
        return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")

    script_hashes = " ".join(f"'sha256-{digest(s)}'" for s in scripts)
    style_hashes = " ".join(f"'sha256-{digest(s)}'" for s in styles)
    return (
        f"default-src 'none'; script-src {script_hashes}; "
        f"style-src {style_hashes}; style-src-attr 'unsafe-inline'; img-src data:; "
        "font-src data:; connect-src 'none'; base-uri 'none'; form-action 'none'"
    )


def _css_length(value: str | int) -> str:
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return f"{value}px"
    if isinstance(value, str) and _CSS_LENGTH.match(value.strip()):
        return value.strip()
    raise UsageError(f"height must be a CSS length such as '600px' or '70vh', not {value!r}")
