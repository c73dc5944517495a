"""How big a network map can get: render time, file size, and in headless chromium the time
until the map is drawn and how long a filter change takes to redraw.

Run on demand (not part of the test suite):

    .venv/bin/python benchmarks/bench_render.py --real     # the build's maps, against budgets
    .venv/bin/python benchmarks/bench_render.py            # the default synthetic sizes
    .venv/bin/python benchmarks/bench_render.py 150 5000   # chosen node counts

``--real`` builds the checkout's graph, writes ``network.html`` and ``japan.html`` as the build
does (``pipeline.write_maps``) and checks them against the budgets of issue 18: network.html at
most 3 MB, japan.html at most 1.5 MB, each drawn within 1 s of navigation in headless Chromium
("drawn s" is the time of vis-network's first ``afterDrawing``, from navigation start).

Each size is rendered as ``spacecoop.render`` does by default (a 5,000-node graph is cut to the
``DEFAULT_MAX_NODES`` most central nodes) and, for the large ones, with no cap as well.
The synthetic graph has the shape of the real one: a few hundred states, many more
organisations, bodies and instruments, eight kinds of link through a few hundred frameworks,
dates from 1959 on, heavy-tailed degrees, about three links per node.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

from spacecoop.render import DEFAULT_MAX_NODES, EDGE_STYLES, render_html

BASE = "https://w3id.org/spacecoop/"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]


def synthetic_graph(n_nodes: int, *, edges_per_node: float = 3.0, seed: int = 7) -> nx.MultiGraph:
    """A random MultiGraph following the render input contract, the same for the same seed."""
    rng = random.Random(seed)
    kinds = (["state"] * 5) + (["organisation"] * 70) + (["body"] * 15) + (["instrument"] * 10)
    graph = nx.MultiGraph(title_en=f"Synthetic network ({n_nodes} nodes)",
                          title_ja=f"合成ネットワーク（{n_nodes}ノード）")
    ids = []
    for i in range(n_nodes):
        kind = "state" if i < min(250, n_nodes // 4) else rng.choice(kinds)
        iri = f"{BASE}{kind}/n{i:05d}"
        ids.append(iri)
        graph.add_node(iri, label_en=f"{kind.title()} {i}", label_ja=f"{kind}{i}号",
                       kind=kind, nonstate=kind == "organisation")
        if kind == "state":
            graph.nodes[iri]["iso3"] = f"X{i:04d}"
    frameworks = [f"{BASE}framework/f{j:03d}" for j in range(max(5, n_nodes // 20))]
    weights = [1.0 / (rank + 1) ** 0.8 for rank in range(n_nodes)]  # heavy-tailed degrees
    edge_kinds = list(EDGE_STYLES)
    for _ in range(int(n_nodes * edges_per_node)):
        u, v = rng.choices(ids, weights=weights, k=2)
        if u == v:
            continue
        start_year = rng.randint(1959, 2025)
        start = None if rng.random() < 0.1 else f"{start_year}-{rng.randint(1, 12):02d}-01"
        end = f"{rng.randint(start_year, 2025)}-06-30" if rng.random() < 0.2 else None
        framework = rng.choice(frameworks)
        graph.add_edge(
            u, v, kind=rng.choice(edge_kinds), framework=framework,
            framework_label_en=f"Framework {framework[-3:]}",
            framework_label_ja=f"枠組み{framework[-3:]}", start=start, end=end,
            sources=[f"https://example.org/source/{rng.randint(1, 10**6)}"],
            label_en="synthetic link", label_ja="合成の関係",
        )
    degree = dict(graph.degree())
    top = max(degree.values()) or 1
    for node, d in degree.items():
        graph.nodes[node]["centrality"] = d / top
    return graph


def measure_in_browser(browser, path: Path) -> dict:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(path.as_uri())
    page.wait_for_function("window.spacecoopMap && window.spacecoopMap.ready", timeout=300_000)
    result = page.evaluate(
        """async () => {
        const map = window.spacecoopMap;
        const drawn = () => new Promise(resolve => map.network.once("afterDrawing", resolve));
        const timed = async (change) => {
            const t0 = performance.now();
            const done = drawn();
            change();
            await done;
            return performance.now() - t0;
        };
        const months = map.months;
        const last = months.length ? months[months.length - 1] : null;
        const filter = last ? await timed(() => map.setMonth(months[Math.max(0, months.length - 121)])) : null;
        if (last) await timed(() => map.setMonth(last));
        const redraw = await timed(() => map.network.redraw());
        return {ready: map.readyAt, filter, redraw,
                nodes: map.drawnNodeCount(), edges: map.drawnEdgeCount()};
    }"""
    )
    page.close()
    if errors:
        raise RuntimeError(f"{path.name}: {errors}")
    return result


BUDGETS = {"network.html": 3.0, "japan.html": 1.5}  # MB
DRAW_BUDGET_S = 1.0


def real_maps(repeat: int = 3) -> int:
    """The build's maps on the checkout's data: size, render and draw time, against budgets."""
    from playwright.sync_api import sync_playwright

    from spacecoop.pipeline import build_project, find_project, write_maps

    built = build_project(find_project(Path(__file__).resolve().parent), check=False)
    failures = 0
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        t0 = time.perf_counter()
        paths = write_maps(built.store, Path(folder))
        render_s = time.perf_counter() - t0
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        print(f"write_maps: {render_s:.2f} s for {len(paths)} maps")
        print(" | ".join(f"{h:>12}" for h in ("map", "nodes", "lines", "MB", "budget MB",
                                             "drawn s", "slider ms", "verdict")))
        for path in paths:
            runs = [measure_in_browser(browser, path) for _ in range(repeat)]
            drawn = sorted(r["ready"] / 1000 for r in runs)[len(runs) // 2]  # the median
            megabytes = path.stat().st_size / 1e6
            budget = BUDGETS.get(path.name, 3.0)
            ok = megabytes <= budget and drawn <= DRAW_BUDGET_S
            failures += not ok
            slider = sorted(r["filter"] or 0 for r in runs)[len(runs) // 2]
            print(" | ".join([f"{path.name:>12}", f"{runs[0]['nodes']:>12}", f"{runs[0]['edges']:>12}",
                              f"{megabytes:>12.2f}", f"{budget:>12.1f}", f"{drawn:>12.2f}",
                              f"{slider:>12.0f}", f"{'ok' if ok else 'OVER':>12}"]))
        browser.close()
    return 1 if failures else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[150, 1000, 2000, 5000])
    parser.add_argument("--real", action="store_true", help="the build's maps, against budgets")
    args = parser.parse_args(argv)
    if args.real:
        return real_maps()
    from playwright.sync_api import sync_playwright

    runs = []
    for size in args.sizes:
        runs.append((size, DEFAULT_MAX_NODES))
        if size > DEFAULT_MAX_NODES:
            runs.append((size, None))
    rows = []
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        for size, cap in runs:
            graph = synthetic_graph(size)
            t0 = time.perf_counter()
            page = render_html(graph, max_nodes=cap)
            render_s = time.perf_counter() - t0
            path = Path(folder) / f"map-{size}-{cap}.html"
            path.write_text(page, encoding="utf-8")
            timing = measure_in_browser(browser, path)
            rows.append((size, graph.number_of_edges(), "none" if cap is None else cap,
                         timing["nodes"], timing["edges"], render_s, len(page.encode()) / 1e6,
                         timing["ready"] / 1000, timing["filter"], timing["redraw"]))
            print(".", end="", file=sys.stderr, flush=True)
        browser.close()
    print(file=sys.stderr)
    header = ("nodes", "edges", "cap", "drawn n", "drawn e", "render s", "MB",
              "drawn s", "filter ms", "redraw ms")
    print(" | ".join(f"{h:>9}" for h in header))
    for row in rows:
        cells = [f"{row[0]:>9}", f"{row[1]:>9}", f"{row[2]!s:>9}", f"{row[3]:>9}", f"{row[4]:>9}",
                 f"{row[5]:>9.2f}", f"{row[6]:>9.2f}", f"{row[7]:>9.2f}",
                 "        -" if row[8] is None else f"{row[8]:>9.0f}", f"{row[9]:>9.0f}"]
        print(" | ".join(cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
