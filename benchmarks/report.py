"""Write benchmarks/RESULTS.md from benchmarks/out/results.json (called by run.py).

    .venv/bin/python benchmarks/report.py      # rewrite RESULTS.md from the last raw results

Every number comes from the one run that wrote the JSON (issue 23: no columns merged from an
older run, whose data and code differ).
"""

from __future__ import annotations

import argparse
import json
import statistics
from pathlib import Path

BENCH = Path(__file__).resolve().parent


def med(record) -> float | None:
    if not record or not record.get("times"):
        return None
    return statistics.median(record["times"])


def cell(record, limit: float | None = None) -> str:
    """Seconds, or why there is none."""
    if record is None:
        return "—"
    value = med(record)
    if value is not None:
        note = f" ×{len(record['times'])}" if len(record["times"]) > 1 else ""
        return f"{value:.3f}{note}" if value < 10 else f"{value:.1f}{note}"
    if record.get("skipped"):
        return "skipped (slow at 100k)"
    if record.get("timeout"):
        return f"> {record.get('limit', limit) or limit:.0f} s"
    if record.get("error"):
        return "error: " + record["error"][:60]
    return "not run"


def rss(record, key="rss_mb") -> str:
    if not record:
        return "—"
    value = record.get("child_rss_mb") or record.get(key)
    return f"{value:.0f}" if value else "—"


def ratio(ours, base) -> str:
    a, b = med(ours), med(base)
    if a is None or b is None:
        if a is not None and base and base.get("timeout"):
            return f"< {a / base.get('limit', 60):.4f}"
        return "—"
    return f"{a / b:.3f}" if b else "—"


def stage_rows(entry: dict, opts: dict) -> list[tuple[str, dict | None, dict | None]]:
    ours = entry.get("ours", {})
    base = entry.get("baseline", {})
    qlimit = opts.get("query_timeout", 60)
    rows = [
        ("load (Oxigraph) vs rdflib parse", ours.get("load", {}).get("load"),
         base.get("rdflib_parse", {}).get("rdflib_parse")),
        ("infer", ours.get("infer", {}).get("infer"), None),
        ("validate (load_shapes+validate, SHACL Core on Oxigraph) vs pySHACL defaults",
         ours.get("validate", {}).get("validate"),
         base.get("pyshacl_default", {}).get("pyshacl_default")),
        ("  of which to_rdflib copy", ours.get("validate", {}).get("to_rdflib"), None),
        ("our pySHACL path (split over processes) vs pySHACL defaults",
         ours.get("validate", {}).get("validate_pyshacl"),
         base.get("pyshacl_default", {}).get("pyshacl_default")),
        ("validation cache hit (key + read) vs our validate", ours.get("validate", {}).get("cache_hit"),
         ours.get("validate", {}).get("validate")),
    ]
    if "pyrudof" in entry:
        rows.append(("pyrudof validate (vs our validate)", entry["pyrudof"].get("pyrudof"),
                     ours.get("validate", {}).get("validate")))
    queries = ours.get("queries", {})
    rows.append((LOOKUP_STAGE, queries.get("store_lookups"), None))
    rdflib_queries = base.get("rdflib_queries", {})
    for step in sorted(k for k in queries if k.startswith("query:")):
        record = queries[step]
        other = rdflib_queries.get(step)
        if other and other.get("timeout"):
            other = {**other, "limit": qlimit}
        rows.append((step, record, other))
    analysis = ours.get("analysis", {})
    for step in ("read_views", "weighted_network", "centrality", "network", "write_rdf", "graphml",
                 "gexf", "dyad-year", "dyad-year-long", "render_html"):
        rows.append((step, analysis.get(step), None))
    rows.append(("gexf as the CLI runs it (a process of its own)",
                 ours.get("export_gexf", {}).get("export_gexf"), None))
    return rows


def table(size: str, entry: dict, opts: dict) -> list[str]:
    lines = [f"### {size}", ""]
    gen = entry.get("generated")
    load = entry.get("ours", {}).get("load", {}).get("load", {})
    infer = entry.get("ours", {}).get("infer", {}).get("infer", {})
    if gen:
        lines.append(f"Synthetic file {Path(gen['file']).name}: {gen['total_triples']:,} triples "
                     f"loaded ({gen['synthetic_triples']:,} synthetic + {gen['base_triples']:,} "
                     f"ontology/concepts/countries).")
    if load:
        lines.append(f"Loaded graph: {load.get('triples', 0):,} triples; after infer "
                     f"{infer.get('triples', 0):,} (+{infer.get('derived', 0):,} derived).")
    validate = entry.get("ours", {}).get("validate", {}).get("validate")
    if validate:
        lines.append(f"Our validate: conforms={validate.get('conforms')}, "
                     f"{validate.get('rows')} report rows; one build (load+infer+validate) in one "
                     f"process: {validate.get('build_seconds', 0):.2f} s, peak RSS "
                     f"{validate.get('rss_mb', 0):.0f} MB"
                     + (f" (validation processes: {validate['children_rss_mb']:.0f} MB RSS each at most, "
                        f"{validate['pss_peak_mb']:.0f} MB PSS summed with the build process)"
                        if validate.get("pss_peak_mb") else "") + ".")
    old = entry.get("ours", {}).get("validate", {}).get("validate_pyshacl")
    if old:
        lines.append(f"Our pySHACL path (engine=\"pyshacl\", split over processes): {old.get('rows')} "
                     f"report rows, the same rows as the SHACL Core engine: {old.get('same_rows')}; "
                     f"peak PSS {old.get('pss_peak_mb', 0):.0f} MB summed over its processes.")
    hit = entry.get("ours", {}).get("validate", {}).get("cache_hit")
    if hit:
        lines.append(f"Validation cache: the kept report read back equal: {hit.get('hit')}.")
    base_shacl = entry.get("baseline", {}).get("pyshacl_default", {}).get("pyshacl_default")
    if base_shacl:
        lines.append(f"pySHACL with default options: conforms={base_shacl.get('conforms')}.")
    if "pyrudof" in entry and entry["pyrudof"].get("pyrudof"):
        r = entry["pyrudof"]["pyrudof"]
        lines.append(f"pyrudof: conforms={r.get('conforms')}, {r.get('violations')} violations.")
    analysis = entry.get("ours", {}).get("analysis", {})
    if analysis.get("network"):
        n = analysis["network"]
        w = analysis.get("weighted_network", {})
        lines.append(f"Network: {n.get('nodes'):,} nodes, {n.get('edges'):,} links "
                     f"(weighted: {w.get('edges', 0):,} edges); views: "
                     f"{analysis.get('read_views', {}).get('affiliations', 0):,} affiliations, "
                     f"{analysis.get('read_views', {}).get('events', 0):,} events.")
    lines += [
        "",
        "| stage | ours s (median ×runs) | ours peak RSS MB | baseline s | baseline peak RSS MB "
        "| ours/baseline | rows ours / baseline |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, ours, base in stage_rows(entry, opts):
        rows = ""
        if ours and "rows" in ours:
            rows = f"{ours['rows']} / {base['rows'] if base and 'rows' in base else '—'}"
            if base and "rows" in base and base["rows"] != ours["rows"]:
                rows += " **differ**"
        lines.append(f"| {name} | {cell(ours)} | {rss(ours)} | {cell(base)} | {rss(base)} "
                     f"| {ratio(ours, base)} | {rows} |")
    worker_notes = []
    for group in ("ours", "baseline"):
        for name, records in entry.get(group, {}).items():
            if records.get("_worker", {}).get("timeout"):
                worker_notes.append(f"{group}/{name}: worker killed after "
                                    f"{records['_worker']['limit']:.0f} s")
            if "_error" in records:
                worker_notes.append(f"{group}/{name}: error {records['_error']['stderr'][-200:]!r}")
    if worker_notes:
        lines += ["", *[f"- {n}" for n in worker_notes]]
    lines += ["", f"Wall time for this size (generation included): {entry.get('seconds', 0):.0f} s. "
              f"Code measured: {entry.get('git_before', '?')} at start, "
              f"{entry.get('git_after', '?')} at end.", ""]
    return lines


LOOKUP_STAGE = "store: 100,000 random index lookups (the same work at every size)"
"""The engine's own cost per lookup: its growth is not a stage's, and the stages' growth is read
beside it (a query anchored on one country repeats such lookups for each of its rows)."""

QUADRATIC = ("centrality",)
"""Stages whose cost is O(nodes × edges) (exact betweenness and closeness): their growth is
reported beside the growth of nodes × edges, not held to the 12× of the linear stages."""

WIDE = ("dyad-year",)
"""The wide dyad-year panel: a cell per body and instrument in every row, rows × columns by
design (panels.py); its long form, dyad-year-long, is the linear one held to 12×."""

NOT_LINEAR = (*QUADRATIC, *WIDE, LOOKUP_STAGE)
"""The rows of the growth table that are not held to the 12× of the linear stages."""


def work_growth(small: dict, large: dict) -> float | None:
    """Growth of nodes × edges of the weighted network centrality runs on, 100k → 1M."""
    a = small.get("ours", {}).get("analysis", {}).get("weighted_network") or {}
    b = large.get("ours", {}).get("analysis", {}).get("weighted_network") or {}
    if not a.get("nodes") or not a.get("edges") or not b.get("nodes"):
        return None
    return (b["nodes"] * b["edges"]) / (a["nodes"] * a["edges"])


def targets(results: dict) -> list[str]:
    """The targets of issue 23, each with what was measured and whether it passes."""
    sizes = results["sizes"]
    lines = ["## Targets (issue 23)", "", "| target | measured | result |", "| --- | --- | --- |"]

    def verdict(ok):
        return "PASS" if ok else "**FAIL**"

    real = sizes.get("real", {})
    for name, limit in (("spacecoop build (cache off)", 1.0),
                        ("spacecoop build (unchanged inputs, kept store and report)", 1.0),
                        ("spacecoop query members", 0.15), ("spacecoop --help", 0.1)):
        record = real.get("cli", {}).get(name)
        if record:
            value = med(record)
            lines.append(f"| real: `{name}` ≤ {limit} s | {value:.3f} s (median of "
                         f"{len(record['times'])}, exit {record['exit'][0]}) | "
                         f"{verdict(value <= limit)} |")
    big = sizes.get("1m")
    if big:
        ours = big.get("ours", {})
        load, infer, val = (med(ours.get(k, {}).get(k)) for k in ("load", "infer", "validate"))
        if None not in (load, infer, val):
            build = load + infer + val
            one = ours["validate"]["validate"].get("build_seconds")
            lines.append(f"| 1M: build (load+infer+validate) ≤ 20 s | {build:.1f} s "
                         f"(medians {load:.1f}+{infer:.1f}+{val:.1f}; one build in one process "
                         f"{one:.1f} s) | {verdict(build <= 20)} |")
        validated = ours.get("validate", {}).get("validate", {})
        if validated.get("pss_peak_mb"):
            pss = validated["pss_peak_mb"]
            children = validated.get("children_rss_mb", 0)
            how = (f"build process and its validation processes, PSS summed; each validation "
                   f"process peaked at {children / 1024:.2f} GiB RSS" if children else
                   "one process: validation starts no other")
            lines.append(f"| 1M: build peak memory ≤ 3 GB, every process counted ({how}) | "
                         f"{pss / 1024:.2f} GiB | {verdict(pss <= 3072)} |")
        peaks = [max(r.get("rss_mb") or 0, r.get("child_rss_mb") or 0)
                 for g in ours.values() for r in g.values() if isinstance(r, dict)]
        if peaks:
            top = max(peaks)
            lines.append(f"| 1M: any one of our stage processes ≤ 3 GB (queries, analysis, "
                         f"exports; forked children included) | {top / 1024:.2f} GiB | "
                         f"{verdict(top <= 3072)} |")
        base = big.get("baseline", {}).get("pyshacl_default", {}).get("pyshacl_default")
        if val is not None and med(base) is not None:
            speed = med(base) / val
            lines.append(f"| 1M: validation ≥ 4× faster than pySHACL with default options | "
                         f"{speed:.2f}× ({val:.1f} s vs {med(base):.1f} s) | "
                         f"{verdict(speed >= 4)} |")
        cache = ours.get("validate", {}).get("cache_hit")
        if val is not None and med(cache) is not None:
            lines.append(f"| 1M: validation of unchanged inputs (cache hit) ≥ 4× faster than "
                         f"pySHACL defaults | {med(cache):.3f} s | "
                         f"{verdict(med(base) is not None and med(base) / med(cache) >= 4)} |")
        gexf = ours.get("analysis", {}).get("gexf")
        if gexf and gexf.get("child_rss_mb"):
            peak = gexf["child_rss_mb"]
            lines.append(f"| 1M: GEXF export peak ≤ 2 GB, forked from the analysis worker "
                         f"(store, views, both networks and centrality held) | "
                         f"{peak / 1024:.2f} GiB ({cell(gexf)} s) | {verdict(peak <= 2048)} |")
        alone = ours.get("export_gexf", {}).get("export_gexf")
        if alone and alone.get("rss_mb"):
            peak = alone["rss_mb"]
            lines.append(f"| 1M: GEXF export peak ≤ 2 GB, as `spacecoop export --format gexf` "
                         f"runs it (build, views and map included; "
                         f"{alone['before_export_mb'] / 1024:.2f} GiB before writing) | "
                         f"{peak / 1024:.2f} GiB ({cell(alone)} s) | {verdict(peak <= 2048)} |")
        queries = {k: v for k, v in ours.get("queries", {}).items() if k.startswith("query:")}
        slow = [(k, med(v)) for k, v in queries.items() if med(v) is None or med(v) >= 1]
        worst = max(queries.items(), key=lambda kv: med(kv[1]) or 1e9, default=None)
        if queries:
            text = ", ".join(f"{k[6:]} {cell(v)}" for k, v in queries.items()
                             if med(v) is None or med(v) >= 1)
            lines.append(f"| 1M: each canned query < 1 s | slowest: {worst[0][6:]} "
                         f"{cell(worst[1])}; over 1 s: {text or 'none'} | {verdict(not slow)} |")
    if "100k" in sizes and "1m" in sizes:
        growth = growth_rows(sizes["100k"], sizes["1m"], results.get("options", {}))
        linear = [(n, g) for n, g in growth if n not in NOT_LINEAR]
        over = [(n, g) for n, g in linear if g > 12]
        worst = sorted(linear, key=lambda x: -x[1])[:3]
        lookup = dict(growth).get(LOOKUP_STAGE)
        bounds = _lower_bounds(sizes["1m"], results.get("options", {}))
        beside = ""
        if lookup:
            still = [(n, g) for n, g in over if g / lookup > 12 or n in bounds]
            beside = (f"; a random index lookup of the store itself costs {lookup:.2f}× as much "
                      f"at 1M, and divided by that, over 12× (or timed out, so unknown): "
                      f"{', '.join(_divided(n, g, lookup, n in bounds) for n, g in still) or 'none'}")
        wide = [(n, g) for n, g in growth if n in WIDE]
        if wide:
            beside += ("; not held to 12×, being rows × columns by design: "
                       + ", ".join(f"{n} {'≥ ' if n in bounds else ''}{g:.1f}×" for n, g in wide))
        lines.append(f"| 100k→1M: no linear stage grows > 12× | worst: "
                     f"{', '.join(f'{_bare(n)} {g:.1f}×' for n, g in worst)}"
                     f"{'; over: ' + ', '.join(f'{_bare(n)} {g:.1f}×' for n, g in over) if over else ''}"
                     f"{beside} | {verdict(not over)} |")
        work = work_growth(sizes["100k"], sizes["1m"])
        for name, g in growth:
            if name in QUADRATIC:
                lines.append(f"| 100k→1M: {name} (exact, O(nodes × edges)) grows no faster than "
                             f"nodes × edges | {g:.1f}× vs nodes × edges "
                             f"{work:.1f}× | {verdict(work is not None and g <= work)} |"
                             if work else f"| 100k→1M: {name} | {g:.1f}× | — |")
    return lines + [""]


def _lower_bounds(large: dict, opts: dict) -> set[str]:
    """Stages that timed out at 1M: their growth is a lower bound."""
    return {name for name, ours, _ in stage_rows(large, opts)
            if ours and ours.get("timeout") and med(ours) is None}


def _divided(name: str, growth: float, lookup: float, bound: bool) -> str:
    """A stage's growth over the store's own lookup growth ("≥" when it timed out)."""
    return f"{_bare(name)} {'≥ ' if bound else ''}{growth / lookup:.1f}×"


def _bare(stage: str) -> str:
    """A growth row's stage name out of its table ("  of which to_rdflib copy")."""
    return stage.strip().removeprefix("of which ")


def growth_rows(small: dict, large: dict, opts: dict) -> list[tuple[str, float | None]]:
    a = {name: ours for name, ours, _ in stage_rows(small, opts)}
    b = {name: ours for name, ours, _ in stage_rows(large, opts)}
    rows = []
    for name in a:
        if name.startswith(("pyrudof", "validation cache", "our pySHACL")):
            continue  # not one of our pipeline's stages
        x, y = med(a[name]), med(b.get(name))
        if x is None:
            continue
        if y is None and b.get(name) and b[name].get("timeout"):
            rows.append((name, (b[name].get("limit") or 0) / x))  # a lower bound
        elif y is not None and x > 0:
            rows.append((name, y / x))
    return rows


def growth(results: dict) -> list[str]:
    sizes = results["sizes"]
    if "100k" not in sizes or "1m" not in sizes:
        return []
    lines = ["## Growth from 100k to 1M (ours; time at 1M / time at 100k; target ≤ 12× for the "
             "stages linear in the data, centrality beside the growth of nodes × edges)", "",
             "| stage | 100k s | 1M s | growth | rows at 100k → 1M |",
             "| --- | ---: | ---: | ---: | ---: |"]
    opts = results.get("options", {})
    small = {n: o for n, o, _ in stage_rows(sizes["100k"], opts)}
    large = {n: o for n, o, _ in stage_rows(sizes["1m"], opts)}
    work = work_growth(sizes["100k"], sizes["1m"])
    for name, g in growth_rows(sizes["100k"], sizes["1m"], opts):
        bound = "≥ " if med(large.get(name)) is None else ""
        flag = " **over 12×**" if g > 12 and name not in NOT_LINEAR else ""
        if name in WIDE:
            flag = " (rows × columns by design)"
        if name in QUADRATIC and work:
            flag = f" (nodes × edges grew {work:.1f}×)"
        counted = ""
        if "rows" in (small[name] or {}) and "rows" in (large.get(name) or {}):
            a, b = small[name]["rows"], large[name]["rows"]
            counted = f"{a:,} → {b:,}" + (f" ({b / a:.1f}×)" if a else "")
        lines.append(f"| {name} | {cell(small[name])} | {cell(large.get(name))} | "
                     f"{bound}{g:.1f}×{flag} | {counted} |")
    lines.append("")
    lines.append("Very short stages (a few ms) are dominated by fixed costs and noise; their "
                 "growth says little. The store's lookups are the same work at both sizes: their "
                 "growth is what one random lookup costs more in a store ten times larger, which "
                 "a query repeating such lookups per row adds to the growth of its rows.")
    return lines + [""]


def fixture(results: dict) -> list[str]:
    record = results.get("fixture", {}).get("fixture")
    if not record:
        return []
    lines = ["## pyrudof vs pySHACL on an invalid fixture", "",
             f"Fixture `{record['fixture']}` added to the real graph; set of (focus node, path, "
             f"constraint component): **{'same' if record['same'] else 'different'}**. "
             f"pySHACL conforms={record['pyshacl_conforms']}, pyrudof "
             f"conforms={record['pyrudof_conforms']}.", "",
             "| pySHACL (our validate) | pyrudof |", "| --- | --- |"]
    a, b = record["pyshacl"], record["pyrudof"]
    for i in range(max(len(a), len(b))):
        left = " ".join(a[i]) if i < len(a) else ""
        right = " ".join(b[i]) if i < len(b) else ""
        lines.append(f"| {left} | {right} |")
    return lines + [""]


def write_results(results: dict, path: Path) -> None:
    m = results["machine"]
    libs = ", ".join(f"{k} {v}" for k, v in m["libraries"].items())
    opts = results.get("options", {})
    lines = [
        "# spacecoop benchmarks",
        "",
        "Generated by `benchmarks/run.py` (issues 8, 23) in one run; raw numbers in `benchmarks/out/results.json` "
        "(git-ignored). Re-run with:",
        "",
        "```sh",
        ".venv/bin/python benchmarks/run.py --sizes 10k,100k,1m   # real graph + three sizes",
        ".venv/bin/python benchmarks/report.py                    # rewrite this file from the JSON",
        "```",
        "",
        f"- Date: {m['date']}; total wall time of the run: "
        f"{results.get('total_seconds', 0) / 60:.1f} min",
        f"- Machine: {m['nproc']} CPUs ({m['cpu']}), {m['memory']} RAM, {m['platform']} — shared "
        "and noisy",
        f"- Python {m['python']}; {libs}",
        f"- Code: git {m.get('git', '?')} at the start of the run; every column is from this "
        "one run",
        "",
        "How it is measured:",
        "",
        f"- Each stage runs in a fresh subprocess (`run.py --worker …`); stages shorter than "
        f"{opts.get('short', 10):.0f} s are run {opts.get('repeat', 3)}× and the median is shown "
        "(×N = number of runs)"
        + ("; stages under {} s run on until their runs add up to {} s ({} runs at most)."
           .format(*opts["quick"]) if opts.get("quick") else "."),
        "- Peak RSS is `resource.getrusage(RUSAGE_SELF).ru_maxrss` of the worker right after the "
        "stage, so it includes what the worker loaded first (a query's worker holds the built "
        "store). Queries, exports and render run in a forked child of the worker (for a kill "
        "timer); their RSS is that child's peak from `os.wait4`, the inherited store included.",
        f"- Queries: every canned query with its default parameters and `as_of = {'2024-01-01'}`. "
        "The baseline runs the same bound text on rdflib's engine (`spacecoop.query.run_rdflib`) "
        "over an rdflib copy of the same inferred graph, each in a child killed after "
        f"{opts.get('query_timeout', 60):.0f} s. At 1M the queries that took more than "
        f"{opts.get('query_timeout', 60) / opts.get('baseline_skip_factor', 10):.0f} s (or timed "
        "out) at 100k are skipped on rdflib, marked *skipped*.",
        "- Baseline validation: `pyshacl.validate(data, shacl_graph=shapes)` with pySHACL's "
        "defaults, data = rdflib copy of the inferred graph (the shapes read the derived date "
        "bounds and standings). Baseline load: `rdflib.Graph().parse` of the same Turtle files.",
        "- Validation cache: `cache.report_key` (digests of every input file and of "
        "the code) and `cached_report`, what a rebuild of unchanged inputs does instead of "
        "validating.",
        "- ours/baseline < 1 means ours is faster. `< x` means the baseline timed out, so the "
        "ratio is at most x.",
        "",
    ]
    lines += targets(results)
    lines += growth(results)
    lines.append("## Per size")
    lines.append("")
    for size, entry in results["sizes"].items():
        lines += table(size, entry, opts)
        if size == "real" and entry.get("cli"):
            lines += ["CLI on the real checkout (subprocess, cwd = repository root):", "",
                      "| command | median s | runs |", "| --- | ---: | ---: |"]
            for name, record in entry["cli"].items():
                lines.append(f"| `{name}` | {med(record):.3f} | {len(record['times'])} |")
            lines.append("")
    lines += fixture(results)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description="Write benchmarks/RESULTS.md from raw results.")
    parser.add_argument("results", nargs="?", type=Path, default=BENCH / "out" / "results.json",
                        help="raw JSON written by run.py (default: out/results.json)")
    args = parser.parse_args()
    try:
        results = json.loads(args.results.read_text())
    except (OSError, json.JSONDecodeError) as error:
        parser.exit(2, f"report.py: cannot read the results: {error}\n")
    write_results(results, BENCH / "RESULTS.md")
    print(f"wrote {BENCH / 'RESULTS.md'}")


if __name__ == "__main__":
    main()
