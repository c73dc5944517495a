"""Benchmark spacecoop's pipeline against a plain rdflib/pySHACL baseline (issues 8, 23).

Run on demand, from the repository root (never part of the test suite: pytest only collects
``tests/``):

    .venv/bin/python benchmarks/run.py                         # real graph + 10k,100k,1m
    .venv/bin/python benchmarks/run.py --sizes 10k,100k        # real graph + chosen sizes
    .venv/bin/python benchmarks/run.py --sizes 10k --no-real --no-baseline

It (re)generates the synthetic graphs with ``benchmarks/synthetic.py``, then for the real
graph and each size runs every stage in a fresh subprocess (``run.py --worker …``):

- the store: LOOKUPS random index lookups, a fixed amount of work whose growth is the
  engine's own (the queries' growth is read beside it);
- ours: load, infer, validate (load_shapes + validate: the SHACL Core engine on Oxigraph; also
  pySHACL split over processes, the engine before issue 23, and the validation cache), every
  canned query (bound with its defaults, ``as_of`` fixed, and a required parameter given:
  ``partner-links`` for ``partner=USA``), analysis (read_views, network, weighted,
  centrality), exports (write_rdf, network_bytes graphml/gexf, write_network dyad-year and
  dyad-year-long) and render_html;
- baseline: ``rdflib.Graph().parse`` of the same files, rdflib's own SPARQL on the same canned
  queries (``spacecoop.query.run_rdflib`` on the inferred graph, each query in a forked child
  killed after ``--query-timeout`` seconds), and ``pyshacl.validate(data, shacl_graph=…)`` with
  pySHACL's default options;
- pyrudof (SHACL in Rust) on the same shapes at 100k and 1m, and on one invalid fixture;
- the validation cache at each size: keying the inputs and reading the kept report;
- the GEXF export in a process of its own, as the CLI runs it (store let go after the views);
- the real checkout's command: ``spacecoop build`` with the cache off and on, ``spacecoop query
  members``, ``spacecoop --help``.

Everything in RESULTS.md comes from the one run that wrote ``out/results.json``, at one
commit (recorded before and after each size).

Short stages (under ``--short`` seconds) are repeated ``--repeat`` times and the median kept;
stages under QUICK_STAGE seconds run on until their runs add up to QUICK_TOTAL seconds.
Memory is the peak resident set size (``resource.getrusage(RUSAGE_SELF).ru_maxrss`` read in
the worker after each step, so it includes what the worker loaded before the step; for forked
children ``os.wait4``'s per-child ru_maxrss). Raw results go to ``benchmarks/out/results.json``
and the tables to ``benchmarks/RESULTS.md``.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gc
import json
import os
import platform
import resource
import select
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "benchmarks"
OUT = BENCH / "out"
PY = sys.executable
AS_OF = "2024-01-01"
# The value each kind of required parameter is given.
REQUIRED_EXAMPLES = {"country": "USA"}
MARK = "@@ "
sys.path.insert(0, str(BENCH))

# --------------------------------------------------------------------------------------
# worker side
# --------------------------------------------------------------------------------------


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class PssSampler(threading.Thread):
    """Peak of the summed PSS of this process and its children, sampled every 0.2 s.

    PSS shares each page among the processes mapping it, so forked validation processes are
    not charged twice for the store they inherit (Linux only)."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak_mb = 0.0
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.wait(0.2):
            self.peak_mb = max(self.peak_mb, self.sample_mb())

    def stop(self) -> float:
        self._done.set()
        self.join()
        return round(max(self.peak_mb, self.sample_mb()), 1)

    @staticmethod
    def sample_mb() -> float:
        me = os.getpid()
        total = 0
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
                parent = int(stat.rsplit(")", 1)[1].split()[1])
                if int(entry.name) != me and parent != me:
                    continue
                for line in (entry / "smaps_rollup").read_text().splitlines():
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
            except (OSError, ValueError, IndexError):
                continue
        return total / 1024


def emit(step: str, **fields) -> None:
    print(MARK + json.dumps({"step": step, "rss_mb": round(rss_mb(), 1), **fields}), flush=True)


def files_for(size: str) -> tuple[list[Path], list[Path]]:
    if size == "real":
        from spacecoop.pipeline import Project

        project = Project(ROOT)
        return project.graph_files, project.shape_files
    import synthetic

    return synthetic.graph_files(size), synthetic.shape_files()


QUICK_STAGE, QUICK_TOTAL, QUICK_RUNS = 0.1, 0.5, 25


def timed(fn, repeat: int, short: float, setup=None) -> tuple[list[float], object]:
    """Run ``fn`` (after an untimed ``setup`` giving its argument) once, and again up to
    ``repeat`` times in all when the first run was shorter than ``short`` seconds.

    A stage quicker than QUICK_STAGE seconds runs on until its runs add up to QUICK_TOTAL
    seconds (QUICK_RUNS at most): three runs of a few milliseconds measure the machine's noise
    more than the code, and their ratio between sizes is what the growth target reads."""
    times, result = [], None
    while True:
        result = None
        gc.collect()
        argument = setup() if setup else None
        started = time.perf_counter()
        result = fn(argument) if setup else fn()
        times.append(time.perf_counter() - started)
        del argument
        if times[0] >= short:
            break
        if len(times) >= repeat and (
            times[0] >= QUICK_STAGE or sum(times) >= QUICK_TOTAL or len(times) >= QUICK_RUNS
        ):
            break
    return times, result


class StepTimeout(Exception):
    pass


@contextlib.contextmanager
def alarm(seconds: float):
    """Interrupt pure-Python work (networkx, panels, layout) after ``seconds``."""

    def handler(signum, frame):
        raise StepTimeout()

    previous = signal.signal(signal.SIGALRM, handler)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def forked(fn, timeout: float) -> dict:
    """Run ``fn`` in a forked child (it sees everything loaded so far); kill it after
    ``timeout`` seconds. Returns its JSON-able dict, plus the child's peak RSS."""
    read_end, write_end = os.pipe()
    sys.stdout.flush()
    pid = os.fork()
    if pid == 0:  # child
        os.close(read_end)
        try:
            payload = {"ok": True, **fn()}
        except BaseException as error:  # noqa: BLE001 - report anything
            payload = {"ok": False, "error": f"{type(error).__name__}: {error}"[:300]}
        data = json.dumps(payload).encode()
        view = memoryview(data)
        while view:
            view = view[os.write(write_end, view):]
        os._exit(0)
    os.close(write_end)
    chunks, deadline, timed_out = [], time.monotonic() + timeout, False
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            timed_out = True
            os.kill(pid, signal.SIGKILL)
            break
        ready, _, _ = select.select([read_end], [], [], left)
        if ready:
            chunk = os.read(read_end, 1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
    os.close(read_end)
    _, _, usage = os.wait4(pid, 0)
    if timed_out:
        result = {"ok": False, "timeout": True, "limit": timeout}
    else:
        try:
            result = json.loads(b"".join(chunks))
        except ValueError:
            result = {"ok": False, "error": "the child died"}
    result["child_rss_mb"] = round(usage.ru_maxrss / 1024, 1)
    return result


def built_store(size: str):
    from spacecoop.infer import infer
    from spacecoop.load import load

    graph_files, _ = files_for(size)
    loaded = load(graph_files)
    infer(loaded.store)
    return loaded


LOOKUPS = 100_000
"""Random index lookups timed by ``store_lookups``: a fixed amount of work at every size."""


def store_lookups(store, repeat: int, short: float) -> dict:
    """Time LOOKUPS lookups of a random node's ``sc:latestStart``, the step a query anchored on
    one country repeats for each of its rows. The work is the same at every size, so its growth
    is the engine's own cost per lookup in a larger store, beside which the queries' growth is
    read."""
    import random

    import pyoxigraph as ox

    latest = ox.NamedNode("https://w3id.org/spacecoop/ontology#latestStart")
    nodes = sorted({quad.subject for quad in store.quads_for_pattern(None, latest, None)}, key=str)
    pick = random.Random(LOOKUPS)
    sample = [pick.choice(nodes) for _ in range(LOOKUPS)]

    def look_up():
        for node in sample:
            for _ in store.quads_for_pattern(node, latest, None):
                pass

    times, _ = timed(look_up, repeat, short)
    return {"times": times, "lookups": LOOKUPS, "nodes": len(nodes)}


def query_cases():
    """(case, query, bound terms) for each canned query with its defaults (``as_of`` fixed)
    and its required parameters given (``partner=USA``, named in the case)."""
    from spacecoop.query import bind, canned_queries

    for query in canned_queries().values():
        names = {p.name for p in query.params}
        given = {"as_of": AS_OF} if "as_of" in names else {}
        required = {p.name: REQUIRED_EXAMPLES[p.kind] for p in query.params if p.required}
        case = " ".join([query.name, *(f"{k}={v}" for k, v in required.items())])
        yield case, query, bind(query, {**given, **required})


def worker(name: str, size: str, opts: dict) -> None:
    repeat, short = opts["repeat"], opts["short"]
    graph_files, shape_files = files_for(size)
    if name == "load":
        from spacecoop.load import load

        times, loaded = timed(lambda: load(graph_files), repeat, short)
        emit("load", times=times, triples=len(loaded.store))
    elif name == "infer":
        from spacecoop.infer import infer
        from spacecoop.load import load

        counts = []

        def run(loaded):
            counts.append(infer(loaded.store))
            return loaded

        times, loaded = timed(run, repeat, short, setup=lambda: load(graph_files))
        emit("infer", times=times, derived=counts[0], triples=len(loaded.store))
    elif name == "validate":
        from spacecoop.infer import infer
        from spacecoop.load import load
        from spacecoop.rdflib_bridge import to_rdflib
        from spacecoop.validate import load_shapes, validate

        # the first iteration is one whole build (load, infer, validate), as build_graph does
        started = time.perf_counter()
        loaded = load(graph_files)
        t_load = time.perf_counter() - started
        infer(loaded.store)
        t_infer = time.perf_counter() - started - t_load
        rss_built = rss_mb()
        reports, pss = [], []

        def run(_):
            sampler = PssSampler()
            sampler.start()
            report = validate(loaded.store, load_shapes(shape_files), loaded.origins)
            pss.append(sampler.stop())
            reports.append(report)
            return report

        times, report = timed(run, repeat, short, setup=lambda: None)
        build = t_load + t_infer + times[0]
        children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        emit("validate", times=times, conforms=reports[0].conforms, rows=len(reports[0].rows),
             build_seconds=build, rss_before_mb=round(rss_built, 1),
             children_rss_mb=round(children, 1), pss_peak_mb=max(pss))
        if opts.get("split"):
            t, _ = timed(lambda: to_rdflib(loaded.store), 1, short)
            emit("to_rdflib", times=t)
            # the engine used before issue 23: pySHACL on rdflib copies, split over processes
            sampler = PssSampler()
            sampler.start()
            t, old = timed(lambda: validate(loaded.store, load_shapes(shape_files), loaded.origins,
                                            engine="pyshacl"), repeat, short)
            emit("validate_pyshacl", times=t, pss_peak_mb=sampler.stop(),
                 same_rows=old.rows == report.rows, rows=len(old.rows))
            # the validation cache (a rebuild of unchanged inputs): key the inputs, read the report
            from spacecoop import cache

            os.environ["SPACECOOP_CACHE_DIR"] = tempfile.mkdtemp(prefix="spacecoop-bench-cache-")
            cache.keep_report(
                cache.report_key(graph_files, shape_files), report)

            def hit():
                key = cache.report_key(graph_files, shape_files)
                return cache.cached_report(key)

            t, found = timed(hit, repeat, short)
            emit("cache_hit", times=t, hit=found == report)
    elif name == "queries":
        from spacecoop.query import run

        loaded = built_store(size)
        emit("store_lookups", **store_lookups(loaded.store, repeat, short))
        for case, query, terms in query_cases():

            def job(query=query, terms=terms):
                times, table = timed(lambda: run(loaded.store, query, terms), repeat, short)
                return {"times": times, "rows": len(table.rows)}

            emit("query:" + case, **forked(job, opts["query_timeout"]))
    elif name == "analysis":
        from spacecoop import analyse, export, serialise

        loaded = built_store(size)
        store = loaded.store
        emit("prepared")
        step_timeout = opts["step_timeout"]
        state: dict = {}
        steps = [
            ("read_views", lambda: analyse.read_views(store), "views"),
            ("weighted_network", lambda: analyse.weighted_network(state["views"]), "g"),
            ("centrality", lambda: analyse.centrality(state["g"]), None),
            ("network", lambda: analyse.network(state["views"]), "mg"),
        ]
        for step, fn, keep in steps:
            try:
                with alarm(step_timeout):
                    times, value = timed(fn, repeat, short)
            except StepTimeout:
                emit(step, ok=False, timeout=True, limit=step_timeout)
                break
            extra = {}
            if keep == "mg":
                extra = {"nodes": value.number_of_nodes(), "edges": value.number_of_edges()}
            if keep == "g":
                extra = {"nodes": value.number_of_nodes(), "edges": value.number_of_edges()}
            if keep == "views":
                extra = {"affiliations": len(value.affiliations), "events": len(value.events)}
            emit(step, times=times, **extra)
            if keep:
                state[keep] = value
        if "mg" not in state:
            return
        mg, views = state["mg"], state["views"]
        tmp = Path(tempfile.mkdtemp(prefix="spacecoop-bench-"))

        def export_job(fn):
            def job():
                times, data = timed(fn, repeat, short)
                written = data if isinstance(data, list) else [data]  # files, as the CLI writes
                size_bytes = sum(p.stat().st_size for p in written)
                return {"times": times, "bytes": size_bytes}
            return job

        jobs = [
            ("write_rdf", lambda: serialise.write_rdf(store, tmp, "0.1.0")),
            ("graphml", lambda: export.write_network(tmp / "network.graphml", mg, "graphml")),
            ("gexf", lambda: export.write_network(tmp / "network.gexf", mg, "gexf")),
            ("dyad-year", lambda: export.write_network(tmp / "dyads.csv", None, "dyad-year", views)),
            ("dyad-year-long",
             lambda: export.write_network(tmp / "dyads-long.csv", None, "dyad-year-long", views)),
        ]
        if (ROOT / "src" / "spacecoop" / "render.py").exists():
            from spacecoop import render

            jobs.append(("render_html", lambda: render.write_html(mg, tmp / "network.html")))
        for step, fn in jobs:
            emit(step, **forked(export_job(fn), step_timeout))
    elif name == "export_gexf":
        # the GEXF export as ``spacecoop export --format gexf`` runs it: the views read, the
        # store let go, the map drawn, the file written; the peak counts the whole process
        from spacecoop import analyse, export

        views = analyse.read_views(built_store(size).store)
        gc.collect()
        graph = analyse.network(views)
        built_peak = rss_mb()
        path = Path(tempfile.mkdtemp(prefix="spacecoop-bench-")) / "network.gexf"
        started = time.perf_counter()
        export.write_network(path, graph, "gexf", views)
        emit("export_gexf", times=[time.perf_counter() - started], bytes=path.stat().st_size,
             before_export_mb=round(built_peak, 1))
    elif name == "rdflib_parse":
        import rdflib

        def parse():
            graph = rdflib.Graph()
            for path in graph_files:
                graph.parse(path, format="turtle")
            return graph

        times, graph = timed(parse, repeat, short)
        emit("rdflib_parse", times=times, triples=len(graph))
    elif name == "rdflib_queries":
        from spacecoop.query import run_rdflib
        from spacecoop.rdflib_bridge import to_rdflib

        graph = to_rdflib(built_store(size).store)
        skip = set(opts.get("skip", []))
        for case, query, terms in query_cases():
            if case in skip:
                emit("query:" + case, ok=False, skipped=True)
                continue

            def job(query=query, terms=terms):
                times, table = timed(lambda: run_rdflib(graph, query, terms), repeat, short)
                return {"times": times, "rows": len(table.rows)}

            emit("query:" + case, **forked(job, opts["query_timeout"]))
    elif name == "pyshacl_default":
        import pyshacl
        import rdflib

        from spacecoop.rdflib_bridge import to_rdflib

        data = to_rdflib(built_store(size).store)
        shapes = rdflib.Graph()
        for path in shape_files:
            shapes.parse(path, format="turtle")
        times, result = timed(lambda: pyshacl.validate(data, shacl_graph=shapes), repeat, short)
        emit("pyshacl_default", times=times, conforms=bool(result[0]))
    elif name == "pyrudof":
        import pyoxigraph as ox
        import pyrudof

        loaded = built_store(size)
        dump = OUT / f"inferred-{size}.nt"
        loaded.store.dump(str(dump), format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
        del loaded
        gc.collect()
        shapes_text = "\n".join(p.read_text(encoding="utf-8") for p in shape_files)

        def run():
            rudof = pyrudof.Rudof(pyrudof.RudofConfig())
            rudof.read_data(str(dump), format=pyrudof.RDFFormat.NTriples)
            rudof.read_shacl(shapes_text)
            report = rudof.validate_shacl()
            return report

        def job():
            times, report = timed(run, repeat, short)
            return {"times": times, "conforms": bool(report.conforms),
                    "violations": len(report.violations)}

        emit("pyrudof", **forked(job, opts["step_timeout"]))
        dump.unlink()
    elif name == "fixture":
        emit("fixture", **compare_fixture(opts["fixture"]))
    else:
        raise SystemExit(f"unknown worker {name}")


def compare_fixture(fixture: str) -> dict:
    """The (focus, path, constraint) sets of pySHACL (our validate) and pyrudof on a fixture
    added to the real graph, as the shape tests do."""
    import pyoxigraph as ox
    import pyrudof

    from spacecoop.infer import infer
    from spacecoop.load import load
    from spacecoop.namespaces import compact
    from spacecoop.pipeline import Project
    from spacecoop.validate import load_shapes, validate

    project = Project(ROOT)
    loaded = load([*project.graph_files, ROOT / fixture])
    infer(loaded.store)
    ours = validate(loaded.store, load_shapes(project.shape_files), loaded.origins)
    dump = OUT / "fixture.nt"
    loaded.store.dump(str(dump), format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    rudof = pyrudof.Rudof(pyrudof.RudofConfig())
    rudof.read_data(str(dump), format=pyrudof.RDFFormat.NTriples)
    rudof.read_shacl("\n".join(p.read_text(encoding="utf-8") for p in project.shape_files))
    report = rudof.validate_shacl()
    sh = "http://www.w3.org/ns/shacl#"

    def text(value) -> str:
        value = "" if value is None else str(value).strip("<>")
        return compact(value) if value.startswith("http") else value

    theirs = {
        (text(v.focus_node), text(v.path), text(v.constraint_component).removeprefix(sh).removeprefix("sh:"))
        for v in report.violations
    }
    mine = {r for r in ours.results()}
    return {
        "fixture": fixture,
        "pyshacl": sorted(map(list, mine)),
        "pyrudof": sorted(map(list, theirs)),
        "same": mine == theirs,
        "pyshacl_conforms": ours.conforms,
        "pyrudof_conforms": bool(report.conforms),
    }


# --------------------------------------------------------------------------------------
# parent side
# --------------------------------------------------------------------------------------


def run_worker(name: str, size: str, opts: dict, timeout: float) -> dict[str, dict]:
    """Start a worker, collect its step records; past ``timeout`` kill it and keep what it
    reported."""
    command = [PY, str(Path(__file__).resolve()), "--worker", name, "--size", size,
               "--opts", json.dumps(opts)]
    started = time.monotonic()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    records: dict[str, dict] = {}
    buffer = ""
    os.set_blocking(process.stdout.fileno(), False)
    while True:
        left = timeout - (time.monotonic() - started)
        if left <= 0:
            process.kill()
            records["_worker"] = {"timeout": True, "limit": timeout}
            break
        ready, _, _ = select.select([process.stdout], [], [], min(left, 5))
        if ready:
            chunk = process.stdout.read()
            if not chunk:
                if process.poll() is not None:
                    break
                continue
            buffer += chunk
            *lines, buffer = buffer.split("\n")
            for line in lines:
                if line.startswith(MARK):
                    record = json.loads(line[len(MARK):])
                    records[record.pop("step")] = record
                    log(f"    {size} {name}: {summary(records, line)}")
        elif process.poll() is not None:
            break
    process.wait()
    err = process.stderr.read()
    if process.returncode not in (0, -9) and err:
        records["_error"] = {"stderr": err[-1500:]}
        log(f"    {size} {name}: worker failed: {err[-600:]}")
    records.setdefault("_worker", {})["seconds"] = round(time.monotonic() - started, 1)
    return records


def summary(records, line) -> str:
    record = json.loads(line[len(MARK):])
    step = record["step"]
    if "times" in record:
        return f"{step} {statistics.median(record['times']):.3f}s rss {record['rss_mb']:.0f}MB"
    return f"{step} {record}"


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def median(record: dict | None) -> float | None:
    if not record or not record.get("times"):
        return None
    return statistics.median(record["times"])


def cli_times(repeat: int) -> dict:
    """The real checkout through the command, as a user runs it: the installed ``spacecoop``
    script on this checkout's ``src``, with Python's bytecode written and used (one untimed run
    of each command first; ``PYTHONDONTWRITEBYTECODE``, set on some machines, is dropped).
    ``spacecoop build`` runs twice over: with the cache off (every run loads, derives and
    validates: a first build, or one after any edit) and with a cache that the untimed run
    fills (a rebuild of unchanged inputs reuses the store and the report). ``query`` reads the
    store that build kept."""
    script = Path(sys.executable).with_name("spacecoop")
    base = [str(script)] if script.is_file() else [PY, "-m", "spacecoop"]
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPATH"] = str(ROOT / "src")
        warm = {"SPACECOOP_CACHE_DIR": f"{tmp}/cache"}
        commands = {
            "spacecoop build (cache off)": (
                [*base, "build", "--out", f"{tmp}/cold"], {"SPACECOOP_CACHE_DIR": "off"}),
            "spacecoop build (unchanged inputs, kept store and report)": (
                [*base, "build", "--out", f"{tmp}/warm"], warm),
            "spacecoop query members": ([*base, "query", "members"], warm),
            "spacecoop --help": ([*base, "--help"], {}),
        }
        for name, (command, extra) in commands.items():
            times, codes = [], []
            for _ in range(repeat + 1):
                started = time.perf_counter()
                done = subprocess.run(command, cwd=ROOT, capture_output=True, env={**env, **extra})
                times.append(time.perf_counter() - started)
                codes.append(done.returncode)
            times, codes = times[1:], codes[1:]  # the first run wrote bytecode and the cache
            results[name] = {"times": times, "exit": codes}
            log(f"    real cli: {name} {statistics.median(times):.3f}s exit {codes}")
    return results


def machine() -> dict:
    cpu = "?"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = "?"
    with contextlib.suppress(OSError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    from importlib.metadata import version

    libraries = {}
    for name in ("spacecoop", "pyoxigraph", "rdflib", "pyshacl", "networkx", "pyvis", "pyrudof"):
        try:
            libraries[name] = version(name)
        except Exception:  # noqa: BLE001
            libraries[name] = "not installed"
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "memory": memory,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "libraries": libraries,
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "git": git_state(),
    }


def git_state() -> str:
    """The commit measured, and whether src/ontology had uncommitted edits (read-only git)."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                              capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "src", "ontology"], cwd=ROOT,
                               capture_output=True, text=True).stdout.strip()
    except OSError:
        return "?"
    return head + (" (src/ontology modified)" if dirty else "")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="spacecoop benchmarks (issues 8, 23)")
    parser.add_argument("--sizes", default="10k,100k,1m", help="synthetic sizes, e.g. 10k,100k,1m")
    parser.add_argument("--no-real", action="store_true", help="skip the real graph and the CLI")
    parser.add_argument("--no-baseline", action="store_true", help="skip rdflib/pySHACL baseline")
    parser.add_argument("--no-rudof", action="store_true", help="skip the pyrudof measurement")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--short", type=float, default=10.0,
                        help="stages shorter than this (seconds) are repeated --repeat times")
    parser.add_argument("--query-timeout", type=float, default=60.0)
    parser.add_argument("--step-timeout", type=float, default=300.0,
                        help="limit for one analysis/export/pyrudof step")
    parser.add_argument("--baseline-skip-factor", type=float, default=10.0,
                        help="at 1m, skip rdflib queries slower than timeout/factor at 100k")
    parser.add_argument("--fixture", default="tests/fixtures/invalid/membership.ttl")
    parser.add_argument("--results", default=str(OUT / "results.json"))
    parser.add_argument("--worker")
    parser.add_argument("--size")
    parser.add_argument("--opts")
    args = parser.parse_args(argv)
    if args.worker:
        worker(args.worker, args.size, json.loads(args.opts))
        return 0

    import synthetic
    from report import write_results

    OUT.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    results_path = Path(args.results)
    results = {"machine": machine(), "sizes": {},
               "options": {**vars(args), "quick": [QUICK_STAGE, QUICK_TOTAL, QUICK_RUNS]}}
    sizes = [s for s in args.sizes.split(",") if s]
    if not args.no_real:
        sizes.insert(0, "real")
    opts = {"repeat": args.repeat, "short": args.short, "query_timeout": args.query_timeout,
            "step_timeout": args.step_timeout}
    big = 3600.0
    for size in sizes:
        t0 = time.monotonic()
        entry: dict = {}
        results["sizes"][size] = entry
        if size != "real":
            _, entry["generated"] = synthetic.generate(size)
            log(f"generated {entry['generated']}")
        entry["git_before"] = git_state()
        log(f"== {size} at {entry['git_before']}")
        ours: dict = {}
        for name in ("load", "infer", "validate", "queries", "analysis", "export_gexf"):
            worker_opts = {**opts, "split": True}
            ours[name] = run_worker(name, size, worker_opts, big)
        entry["ours"] = ours
        if size == "real":
            entry["cli"] = cli_times(args.repeat)
        if not args.no_baseline:
            base: dict = {}
            base["rdflib_parse"] = run_worker("rdflib_parse", size, opts, big)
            skip = []
            if size == "1m" and "100k" in results["sizes"]:
                limit = args.query_timeout / args.baseline_skip_factor
                previous = results["sizes"]["100k"].get("baseline", {}).get("rdflib_queries", {})
                for step, record in previous.items():
                    if step.startswith("query:") and (
                        record.get("timeout") or record.get("skipped")
                        or (median(record) or 0) > limit
                    ):
                        skip.append(step.removeprefix("query:"))
            base["rdflib_queries"] = run_worker("rdflib_queries", size, {**opts, "skip": skip},
                                                big)
            base["pyshacl_default"] = run_worker("pyshacl_default", size, opts, big)
            entry["baseline"] = base
        if not args.no_rudof and size in ("100k", "1m"):
            entry["pyrudof"] = run_worker("pyrudof", size, opts, big)
        entry["seconds"] = round(time.monotonic() - t0, 1)
        entry["git_after"] = git_state()
        log(f"== {size} done in {entry['seconds']} s")
        results["total_seconds"] = round(time.monotonic() - started, 1)
        results_path.write_text(json.dumps(results, indent=1))
        write_results(results, BENCH / "RESULTS.md")
    if not args.no_rudof:
        results["fixture"] = run_worker("fixture", "real", {**opts, "fixture": args.fixture}, 600)
    results["total_seconds"] = round(time.monotonic() - started, 1)
    results_path.write_text(json.dumps(results, indent=1))
    write_results(results, BENCH / "RESULTS.md")
    log(f"total {results['total_seconds']} s; wrote {BENCH / 'RESULTS.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
