"""Export the cooperation network for other tools: GraphML, GEXF, Cytoscape JSON, an edge
list and the dyad-year panels (the RDF serialisations are in serialise.py)."""

from __future__ import annotations

from pathlib import Path

from .namespaces import PANEL_FORMATS
from .outputs import write_atomically


def network_bytes(multigraph, fmt: str, views=None, last_year: int | None = None) -> bytes:
    """One of NETWORK_FORMATS as bytes; the panels (PANEL_FORMATS) need the views."""
    import io

    import networkx as nx

    if fmt == "graphml":
        buffer = io.BytesIO()
        nx.write_graphml(_flat(multigraph), buffer)
        return buffer.getvalue()
    if fmt == "gexf":
        buffer = io.BytesIO()
        write_gexf(multigraph, buffer)
        return buffer.getvalue()
    if fmt == "cytoscape":
        import json

        data = nx.cytoscape_data(_flat(multigraph))
        for edge in data["elements"]["edges"]:
            edge["data"]["id"] = str(edge["data"]["key"])  # Cytoscape.js needs unique ids
        return (json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n").encode()
    if fmt == "csv":
        return _edge_csv(multigraph)
    if fmt in PANEL_FORMATS:
        import io

        buffer = io.StringIO()
        _write_panel(buffer, fmt, views, last_year)
        return buffer.getvalue().encode("utf-8")
    raise ValueError(f"unknown network format {fmt!r}")


def write_network(path: Path, multigraph, fmt: str, views=None, last_year: int | None = None):
    """Write one of NETWORK_FORMATS to ``path`` atomically; panels stream row by row, GraphML
    and GEXF element by element (``write_gexf``), so none is held in memory whole."""
    from .outputs import atomic_binary, atomic_text

    if fmt in PANEL_FORMATS:
        with atomic_text(path) as stream:
            _write_panel(stream, fmt, views, last_year)
        return path
    if fmt == "graphml":
        import networkx as nx

        with atomic_binary(path) as stream:
            nx.write_graphml(_flat(multigraph), stream)
        return path
    if fmt == "gexf":
        with atomic_binary(path) as stream:
            write_gexf(multigraph, stream)
        return path
    return write_atomically(path, network_bytes(multigraph, fmt, views, last_year))


def _write_panel(stream, fmt: str, views, last_year: int | None) -> None:
    import csv

    from . import panels

    panel = {
        "dyad-year": panels.dyad_year,
        "dyad-year-long": panels.dyad_year_long,
        "state-year": panels.state_year,
        "state-year-long": panels.state_year_long,
    }[fmt]
    columns, rows = panel(views, last_year)
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)


def _flat(multigraph):
    """A multigraph copy whose attribute values GraphML and GEXF can hold (no None, lists
    joined) and whose edges have unique keys ``e0``, ``e1``… in a sorted order: the edge ids of
    GraphML, GEXF and Cytoscape JSON, which strict readers (graphology) require unique."""
    flat = _flat_nodes(multigraph)
    for index, (u, v, data) in enumerate(_ordered_edges(multigraph)):
        copy = dict(data)
        _flatten(copy)
        flat.add_edge(u, v, key=f"e{index}", **copy)
    return flat


def _flat_nodes(multigraph):
    """The nodes of ``_flat`` (in the text order of their keys) and the graph's attributes,
    without the edges."""
    import networkx as nx

    flat = nx.MultiDiGraph() if multigraph.is_directed() else nx.MultiGraph()
    flat.graph.update(multigraph.graph)
    _flatten(flat.graph)
    for node, data in sorted(multigraph.nodes(data=True), key=lambda item: str(item[0])):
        flat.add_node(node, **data)
        _flatten(flat.nodes[node])
    return flat


def _ordered_edges(multigraph) -> list[tuple]:
    """(u, v, data) of every edge, in the order that numbers them e0, e1…: by the texts of its
    ends (an undirected edge's in text order) and of its key, which tell any two edges of a
    multigraph apart. ``data`` is the graph's own dict. The sort key is the ends' ranks, not
    their texts: at a million triples, a text per end and edge was a third of the export's
    memory."""
    rank = {node: i for i, node in enumerate(sorted(multigraph.nodes, key=str))}
    directed = multigraph.is_directed()
    edges = (
        multigraph.edges(keys=True, data=True)
        if multigraph.is_multigraph()
        else ((u, v, None, d) for u, v, d in multigraph.edges(data=True))
    )
    key_texts: dict = {}
    rows = []
    for u, v, key, data in edges:
        if not directed and str(v) < str(u):
            u, v = v, u
        text = key_texts.get(key)
        if text is None:
            text = key_texts[key] = str(key)
        rows.append(((rank[u], rank[v], text), u, v, data))
    rows.sort(key=lambda row: row[0])
    return [(u, v, data) for _, u, v, data in rows]


def _flatten(data: dict) -> None:
    for name, value in list(data.items()):
        if value is None:
            del data[name]
        elif isinstance(value, list | tuple):
            data[name] = " | ".join(map(str, value))
        elif isinstance(value, dict):
            data[name] = " ".join(f"{k}:{v}" for k, v in sorted(value.items()))


GEXF_CHUNK = 2_000
"""Nodes or edges turned into XML at a time by ``write_gexf``."""


def write_gexf(multigraph, stream) -> None:
    """GEXF 1.2 with each edge's time interval (start, end) so that Gephi's timeline plays the
    network's growth, written to the binary ``stream``; the file's modified date is the latest
    day in the data, not today.

    The bytes are networkx's ``write_gexf``'s, but streamed: networkx builds the whole XML tree
    before writing it (5.7 GB at a million triples). Here its writer turns ``GEXF_CHUNK`` nodes
    or edges at a time into XML, spooled to a temporary file, since the attribute declarations
    that open the file are known only once every node and edge has been seen."""
    import shutil
    import tempfile
    from xml.etree.ElementTree import Element, tostring

    from networkx.readwrite.gexf import GEXFWriter

    flat = _flat_nodes(multigraph)
    flat.graph["mode"] = "dynamic"
    for _, data in flat.nodes(data=True):
        data.setdefault("label", data.get("label_en", ""))
    edges = _ordered_edges(multigraph)
    days = (data.get(name) for *_, data in edges for name in ("start", "end"))
    latest = max((day for day in days if day), default="1970-01-01")
    writer = GEXFWriter()
    writer.xml.find("meta").set("lastmodifieddate", latest)
    default = "directed" if flat.is_directed() else "undirected"
    writer.graph_element = Element(
        "graph", defaultedgetype=default, mode="dynamic", name=flat.graph.get("name", "")
    )

    def flat_edges(first: int) -> list:  # a chunk's edges as _flat has them, made as written
        chunk = []
        for index, (u, v, data) in enumerate(edges[first : first + GEXF_CHUNK], first):
            copy = dict(data)
            _flatten(copy)
            chunk.append((u, v, f"e{index}", copy))
        return chunk

    with tempfile.TemporaryFile() as nodes, tempfile.TemporaryFile() as spooled_edges:
        counts = {"nodes": flat.number_of_nodes(), "edges": len(edges)}
        node_items = list(flat.nodes(data=True))

        def flat_nodes(first: int) -> list:
            return node_items[first : first + GEXF_CHUNK]

        for name, spool, chunk_of, add in (
            ("nodes", nodes, flat_nodes, writer.add_nodes),
            ("edges", spooled_edges, flat_edges, writer.add_edges),
        ):
            for first in range(0, counts[name], GEXF_CHUNK):
                holder = Element("holder")
                add(_Slice(flat, chunk_of(first), name), holder)
                for element in holder[0]:
                    writer.indent(element, 3)
                    element.tail = None
                    spool.write(b"\n      " + tostring(element, encoding="unicode").encode())
        # The skeleton as networkx writes it, each list replaced by a marker.
        skeleton = writer.xml
        skeleton.append(writer.graph_element)
        for name in ("nodes", "edges"):
            part = Element(name)
            if counts[name]:
                part.text = f"@@{name}@@"
            writer.graph_element.append(part)
        writer.indent(skeleton)
        text = "<?xml version='1.0' encoding='utf-8'?>\n" + tostring(skeleton, encoding="unicode")
        for name, spool in (("nodes", nodes), ("edges", spooled_edges)):
            head, text = text.split(f"@@{name}@@", 1) if counts[name] else (text, "")
            stream.write(head.encode())
            spool.seek(0)
            shutil.copyfileobj(spool, stream)
            if counts[name]:
                stream.write(b"\n    ")
        stream.write(text.encode())


class _Slice:
    """What networkx's GEXF writer reads of a graph (its attributes, kind, nodes or edges),
    for a slice of the nodes or edges of ``graph``."""

    def __init__(self, graph, items: list, kind: str):
        self.graph = graph.graph
        self._graph = graph
        self._items = items
        self._kind = kind

    def is_directed(self) -> bool:
        return self._graph.is_directed()

    def is_multigraph(self) -> bool:
        return self._graph.is_multigraph()

    @property
    def nodes(self):
        return _SliceNodes(self._graph, self._items if self._kind == "nodes" else [])

    def edges(self, data=False, keys=False):
        return self._items if self._kind == "edges" else []


class _SliceNodes:
    def __init__(self, graph, items: list):
        self._graph = graph
        self._items = items

    def __call__(self, data=False):
        return self._items

    def __getitem__(self, node):
        return self._graph.nodes[node]


def _edge_csv(multigraph) -> bytes:
    columns = [
        "source",
        "target",
        "source_code",
        "target_code",
        "kind",
        "framework",
        "start",
        "end",
        "sources",
    ]
    rows = []
    for a, b, data in multigraph.edges(data=True):
        rows.append(
            [
                a,
                b,
                _code(multigraph, a),
                _code(multigraph, b),
                data["kind"],
                data["framework"],
                data["start"],
                data.get("end") or "",
                " | ".join(data.get("sources", [])),
            ]
        )
    return _csv_bytes(columns, sorted(rows))


def _code(graph, node: str) -> str:
    return graph.nodes[node].get("iso3") or node.rsplit("/", 1)[-1]


def _csv_bytes(columns: list[str], rows: list) -> bytes:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")
