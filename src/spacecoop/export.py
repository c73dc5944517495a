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
        return _gexf(multigraph)
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
    """Write one of NETWORK_FORMATS to ``path`` atomically; panels stream row by row and
    GraphML element by element (networkx with lxml), so neither is held in memory whole."""
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
    import networkx as nx

    flat = nx.MultiDiGraph() if multigraph.is_directed() else nx.MultiGraph()
    flat.graph.update(multigraph.graph)
    _flatten(flat.graph)
    for node, data in sorted(multigraph.nodes(data=True), key=lambda item: str(item[0])):
        flat.add_node(node, **data)
        _flatten(flat.nodes[node])
    edges = (
        multigraph.edges(keys=True, data=True)
        if multigraph.is_multigraph()
        else ((u, v, None, d) for u, v, d in multigraph.edges(data=True))
    )
    rows = []
    for u, v, key, data in edges:
        if not multigraph.is_directed() and str(v) < str(u):
            u, v = v, u
        copy = dict(data)
        _flatten(copy)
        rows.append((str(u), str(v), str(key), sorted(copy.items()), u, v, copy))
    rows.sort(key=lambda row: row[:4])
    for index, (*_, u, v, copy) in enumerate(rows):
        flat.add_edge(u, v, key=f"e{index}", **copy)
    return flat


def _flatten(data: dict) -> None:
    for name, value in list(data.items()):
        if value is None:
            del data[name]
        elif isinstance(value, list | tuple):
            data[name] = " | ".join(map(str, value))
        elif isinstance(value, dict):
            data[name] = " ".join(f"{k}:{v}" for k, v in sorted(value.items()))


def _gexf(multigraph) -> bytes:
    """GEXF 1.2 with each edge's time interval (start, end) so that Gephi's timeline plays the
    network's growth; the file's modified date is the latest day in the data, not today."""
    import io
    import re

    import networkx as nx

    flat = _flat(multigraph)
    flat.graph["mode"] = "dynamic"
    for _, data in flat.nodes(data=True):
        data.setdefault("label", data.get("label_en", ""))
    buffer = io.BytesIO()
    nx.write_gexf(flat, buffer)
    days = [d for *_, d in flat.edges(data="start") if d] + [
        d for *_, d in flat.edges(data="end") if d
    ]
    stamp = max(days) if days else "1970-01-01"
    return re.sub(
        rb'lastmodifieddate="[^"]*"',
        f'lastmodifieddate="{stamp}"'.encode(),
        buffer.getvalue(),
        count=1,
    )


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
