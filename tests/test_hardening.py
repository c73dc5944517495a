"""Hostile and broken input: clear errors and exit codes, never a traceback, never lost data.

Property-based tests (hypothesis) mutate real data files and query parameters; the other tests
kill a build half-way, check that no command writes into data/ or ontology/, and that every
output is the same bytes twice.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spacecoop.cli import main
from spacecoop.errors import UsageError
from spacecoop.namespaces import NETWORK_FORMATS
from spacecoop.pipeline import build_graph
from spacecoop.query import bind, canned_queries, get_query, run

# A slice of the real project that validates in well under a second.
SLICE = ["data/actors.ttl", "data/agents.ttl", "data/bodies.ttl", "data/dialogues.ttl", "data/sources.ttl",
         "data/sources-researched.ttl", "data/countries.ttl"]
MUTATED = "data/dialogues.ttl"


@pytest.fixture(scope="module")
def small_checkout(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("slice")
    shutil.copytree(ROOT / "ontology", root / "ontology")
    (root / "data").mkdir()
    for name in SLICE:
        shutil.copy(ROOT / name, root / name)
    return root


def mutate(text: str, kind: str, position: int, noise: str) -> bytes:
    lines = text.split("\n")
    at = position % len(lines)
    if kind == "truncate":
        return "\n".join(lines[:at]).encode()
    if kind == "swap-dates":
        return re.sub(r'sc:startDate "(\d{4}-\d{2}-\d{2})"\^\^xsd:date ;\n(.*)sc:endDate',
                      r'sc:startDate "2099-12-31"^^xsd:date ;\n\2sc:endDate', text, count=1).encode()
    if kind == "wrong-datatype":
        return text.replace('"^^xsd:date', '"^^xsd:gYear', 1 + position % 5).encode()
    if kind == "unknown-prefix":
        lines[at] = "nope:" + lines[at]
        return "\n".join(lines).encode()
    if kind == "duplicate-subject":
        blocks = text.split("\n\n")
        chosen = blocks[position % len(blocks)]
        return (text + "\n\n" + chosen.replace("sc:round", "sc:round 99 ; sc:round", 1) + "\n").encode()
    if kind == "non-utf8":
        data = text.encode()
        cut = position % len(data)
        return data[:cut] + b"\xff\xfe" + data[cut:]
    if kind == "noise":
        lines[at] = lines[at] + noise
        return "\n".join(lines).encode()
    raise AssertionError(kind)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    kind=st.sampled_from(["truncate", "swap-dates", "wrong-datatype", "unknown-prefix",
                          "duplicate-subject", "non-utf8", "noise"]),
    position=st.integers(min_value=0, max_value=10_000),
    noise=st.text(max_size=12),
)
def test_mutated_data_gives_a_clear_error_and_no_partial_output(small_checkout, capsys, monkeypatch,
                                                                  kind, position, noise):
    monkeypatch.chdir(small_checkout)
    original = (ROOT / MUTATED).read_text(encoding="utf-8")
    (small_checkout / MUTATED).write_bytes(mutate(original, kind, position, noise))
    out = small_checkout / "out"
    shutil.rmtree(out, ignore_errors=True)
    try:
        code = main(["build", "--out", "out"])
    finally:
        (small_checkout / MUTATED).write_text(original, encoding="utf-8")
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out
    assert code in (0, 1, 2)
    if code == 2:
        assert re.match(r"spacecoop build: error: data/dialogues\.ttl:\d+", captured.err), captured.err
    if code == 1:
        assert "data/dialogues.ttl:" in captured.out or "(derived)" in captured.out
        assert not out.exists() or not any(out.iterdir()), "nothing is written when data fails"
    if code == 0:
        assert (out / "spacecoop.ttl").stat().st_size > 0


@pytest.fixture(scope="module")
def world():
    files = [ROOT / "ontology" / "spacecoop.ttl", ROOT / "ontology" / "concepts.ttl", FIXTURES / "world.ttl"]
    return build_graph(files, check=False).store


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=40))
def test_random_text_parameters_are_bound_as_plain_values(world, text):
    before = len(world)
    query = get_query("find")
    rows = run(world, query, bind(query, {"text": text})).values()
    for iri, _, _ in rows:
        labels = [q.object.value for q in world.quads_for_pattern(
            __import__("pyoxigraph").NamedNode(iri), None, None) if q.predicate.value.endswith("#label")]
        assert any(text.lower() in candidate.lower() for candidate in labels)
    assert len(world) == before  # nothing written


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=st.text(max_size=30), name=st.sampled_from(["country", "as_of", "body", "instrument",
                                                          "fiscal_year", "min_shared", "subject"]))
def test_random_typed_parameters_are_refused_or_bound(world, value, name):
    query = next(q for q in canned_queries().values() if any(p.name == name for p in q.params))
    try:
        terms = bind(query, {name: value})
    except UsageError as error:
        assert name in str(error)
        return
    table = run(world, query, terms)
    assert table.columns, "a bound value never turns the query into something else"


def test_the_shapes_refuse_a_javascript_source_url(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("""@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix sc: <https://w3id.org/spacecoop/ontology#> .
@prefix schema: <https://schema.org/> .
<https://w3id.org/spacecoop/source/x> a sc:Source ; dcterms:title "x" ; schema:url <javascript:alert(1)> .
""", encoding="utf-8")
    report = build_graph([ROOT / "ontology" / "spacecoop.ttl", bad],
                         sorted((ROOT / "ontology").glob("shapes*.ttl"))).report
    assert ("source:x", "schema:url", "PatternConstraintComponent") in report.results()


HOSTILE = "</script><img src=x onerror=alert(1)>\u202e\"'"


def test_hostile_labels_are_text_in_the_map_the_query_page_and_tables(tmp_path):
    import networkx as nx

    from spacecoop.render import iframe_html, render_html
    from spacecoop.server import query_page

    graph = nx.MultiGraph()
    graph.add_node("https://w3id.org/spacecoop/country/XXA", label_en=HOSTILE, label_ja=HOSTILE,
                   kind="state", iso3="XXA", nonstate=False)
    graph.add_node("https://w3id.org/spacecoop/country/JPN", label_en="Japan", label_ja="日本",
                   kind="state", iso3="JPN", nonstate=False)
    graph.add_edge("https://w3id.org/spacecoop/country/XXA", "https://w3id.org/spacecoop/country/JPN",
                   kind="dialogue", framework="x", framework_label_en=HOSTILE, framework_label_ja=HOSTILE,
                   start="2020-01-01", end=None, sources=["javascript:alert(1)"], label_en=HOSTILE,
                   label_ja=HOSTILE)
    page = render_html(graph, title=HOSTILE)
    assert "<img src=x" not in page and "</script><img" not in page
    assert "<img src=x" not in iframe_html(page).split("srcdoc=", 1)[0]
    assert "</script><img" not in query_page("http://127.0.0.1:7878/query")
    import pandas

    assert "<img src=x" not in pandas.DataFrame({"label": [HOSTILE]}).to_html()


def hashes(folder: Path) -> dict[str, str]:
    """The outputs' digests; a killed writer's temporary ``.part`` file is not an output."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.name.endswith(".part")
            and not any(part.startswith(".") for part in p.relative_to(folder).parts)}


@pytest.fixture
def checkout(tmp_path, monkeypatch) -> Path:
    for folder in ("ontology", "data"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_no_command_writes_into_data_or_ontology(checkout, capsys):
    before = hashes(checkout / "data") | hashes(checkout / "ontology")
    for argv in (["build"], ["validate"], ["stats"], ["query", "members"], ["analyze", "--focus", "JPN"],
                 ["export", "--format", "gexf", "-o", "n.gexf"], ["viz", "-o", "m.html"], ["indicators"]):
        assert main(argv) == 0, argv
    assert hashes(checkout / "data") | hashes(checkout / "ontology") == before


def test_every_output_is_the_same_bytes_twice(checkout, capsys):
    outputs = []
    for run_number in (1, 2):
        folder = f"build-{run_number}"
        assert main(["build", "--out", folder]) == 0
        for fmt in NETWORK_FORMATS:
            assert main(["export", "--format", fmt, "--as-of", "2024-12-31", "-o", f"{folder}/network.{fmt}"]) == 0
        outputs.append(hashes(checkout / folder))
    assert set(outputs[0]) >= {"spacecoop.ttl", "spacecoop.jsonld", "void.ttl", "network.html", "japan.html",
                               "network.gexf", "network.dyad-year"}
    assert outputs[0] == outputs[1]


def test_a_build_killed_at_any_point_leaves_the_previous_outputs_intact(checkout):
    command = [sys.executable, "-m", "spacecoop.cli", "build"]
    assert subprocess.run(command, capture_output=True).returncode == 0
    good = hashes(checkout / "build")
    started = time.monotonic()
    subprocess.run(command, capture_output=True)
    full = time.monotonic() - started
    for fraction in (0.1, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95):
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(full * fraction)
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert hashes(checkout / "build") == good, f"killed at {fraction:.0%} of a build"
    leftovers = [p.name for p in (checkout / "build").iterdir() if p.name.endswith(".part")]
    assert subprocess.run(command, capture_output=True).returncode == 0
    assert not [p for p in (checkout / "build").iterdir() if p.name.endswith(".part")], leftovers


def test_an_output_folder_that_is_a_file_is_a_clear_error(checkout, capsys):
    (checkout / "taken").write_text("not a folder", encoding="utf-8")
    assert main(["build", "--out", "taken"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("spacecoop build: error: ") and "taken" in err and "Traceback" not in err
    assert (checkout / "taken").read_text(encoding="utf-8") == "not a folder"


# --- issue 21: second round ----------------------------------------------------------------

import errno  # noqa: E402
import os  # noqa: E402

from spacecoop import outputs  # noqa: E402


def cli(*argv: str, cwd: Path | None = None, timeout: float = 180) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "spacecoop.cli", *argv], capture_output=True, text=True,
                          timeout=timeout, cwd=cwd)


def one_line_error(done: subprocess.CompletedProcess, command: str) -> str:
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"spacecoop {command}: error: "), done.stderr
    return lines[0]


@pytest.fixture(scope="module")
def built_checkout(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("built") / "checkout"
    for folder in ("ontology", "data"):
        shutil.copytree(ROOT / folder, root / folder)
    assert cli("build", cwd=root).returncode == 0
    return root


@pytest.fixture
def sliced(built_checkout, tmp_path) -> Path:
    """A fresh copy of a checkout with its build/ (built once per module)."""
    root = tmp_path / "checkout"
    shutil.copytree(built_checkout, root, symlinks=True)
    return root


def test_an_empty_data_folder_is_an_input_error_and_the_outputs_stay(sliced):
    before = hashes(sliced / "build")
    for path in (sliced / "data").glob("*.ttl"):
        path.unlink()
    message = one_line_error(cli("build", cwd=sliced), "build")
    assert "data: no Turtle (.ttl) file in this folder" in message
    assert hashes(sliced / "build") == before


def test_an_unreadable_data_folder_is_an_input_error(sliced):
    if os.geteuid() == 0:
        pytest.skip("root reads every folder")
    before = hashes(sliced / "build")
    (sliced / "data").chmod(0)
    try:
        message = one_line_error(cli("build", cwd=sliced), "build")
    finally:
        (sliced / "data").chmod(0o755)
    assert "cannot read the folder" in message
    assert hashes(sliced / "build") == before


def test_an_upper_case_ttl_file_is_read(sliced):
    extra = '@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n\n<https://w3id.org/spacecoop/source/upper> rdfs:comment "x" .\n'
    counts = []
    for name in (None, "extra.TTL"):
        if name:
            (sliced / "data" / name).write_text(extra, encoding="utf-8")
        done = cli("validate", cwd=sliced)
        counts.append(int(re.search(r"(\d+) triples", done.stdout).group(1)))
    assert counts[1] == counts[0] + 1


def test_a_fifo_in_data_is_refused_at_once(sliced):
    os.mkfifo(sliced / "data" / "pipe.ttl")
    message = one_line_error(cli("build", cwd=sliced, timeout=60), "build")
    assert "data/pipe.ttl: not a regular file" in message


def test_a_typo_in_a_prefix_line_names_the_file_and_line(sliced):
    path = sliced / "data" / "dialogues.ttl"
    text = path.read_text(encoding="utf-8")
    rows = text.splitlines()
    first_use, opening = next((n, row) for n, row in enumerate(rows, 1) if re.match(r"[a-z]+:", row))
    prefix = opening.split(":", 1)[0] + ":"
    line = next(row for row in rows if row.startswith(f"@prefix {prefix} "))
    broken = line.replace("https://w3id.org", "javascript://w3id.org")
    path.write_text(text.replace(line, broken), encoding="utf-8")
    message = one_line_error(cli("validate", cwd=sliced), "validate")
    assert f"data/dialogues.ttl:{first_use}: the subject <javascript://" in message


def test_a_token_over_16_mib_is_an_input_error(sliced):
    (sliced / "data" / "huge.ttl").write_text('<https://w3id.org/spacecoop/source/x> <http://www.w3.org/2000/01/rdf-schema#comment> "' + "a" * (17 * 2**20) + '" .\n', encoding="utf-8")
    assert "huge.ttl: a token is too large" in one_line_error(cli("validate", cwd=sliced), "validate")


def test_output_onto_a_symlink_or_a_device_is_refused(sliced):
    target = sliced / "precious.html"
    target.write_text("keep me", encoding="utf-8")
    (sliced / "link.html").symlink_to(target)
    message = one_line_error(cli("viz", "-o", "link.html", cwd=sliced), "viz")
    assert "link.html: is a symbolic link" in message
    assert target.read_text(encoding="utf-8") == "keep me" and (sliced / "link.html").is_symlink()
    message = one_line_error(cli("export", "--format", "csv", "-o", "/dev/null", cwd=sliced), "export")
    assert "/dev/null: is a device, pipe or socket" in message
    assert Path("/dev/null").is_char_device()


def test_a_full_disk_names_the_file(sliced, monkeypatch, capsys):
    monkeypatch.chdir(sliced)

    def full(handle):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(outputs.os, "fsync", full)
    assert main(["export", "--format", "gexf", "-o", "net.gexf"]) == 2
    err = capsys.readouterr().err
    assert err.strip() == "spacecoop export: error: net.gexf: No space left on device"
    assert not list(sliced.glob(".net.gexf*"))


def test_a_build_killed_half_way_leaves_the_old_set_or_the_new_one(sliced, tmp_path):
    """The data changes between builds, so a mix of two builds would show."""
    old = hashes(sliced / "build")
    path = sliced / "data" / "countries.ttl"
    text = path.read_text(encoding="utf-8")
    assert 'rdfs:label "Japan"@en' in text
    path.write_text(text.replace('rdfs:label "Japan"@en', 'rdfs:label "Japan (changed)"@en', 1), encoding="utf-8")
    reference = tmp_path / "reference"
    shutil.copytree(sliced, reference, ignore=shutil.ignore_patterns("build"))
    started = time.monotonic()
    assert cli("build", cwd=reference).returncode == 0
    full = time.monotonic() - started
    new = hashes(reference / "build")
    assert new != old, "the two builds differ"
    seen = set()
    for fraction in (0.6, 0.8, 0.9, 0.95, 0.99):
        process = subprocess.Popen([sys.executable, "-m", "spacecoop.cli", "build"], cwd=sliced,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(full * fraction)
        process.send_signal(signal.SIGKILL)
        process.wait()
        now = hashes(sliced / "build")
        assert now in (old, new), f"killed at {fraction:.0%}: a mix of two builds"
        seen.add("new" if now == new else "old")
        if now == new:
            break
    assert cli("build", cwd=sliced).returncode == 0
    assert hashes(sliced / "build") == new
    assert not (sliced / "build" / outputs.STAGING).exists()


def test_deeply_nested_groups_are_refused_by_the_cli_not_a_segfault(small_checkout):
    text = "SELECT * WHERE " + "{" * 3000 + "?s ?p ?o" + "}" * 3000
    message = one_line_error(cli("sparql", "--root", str(small_checkout), text), "sparql")
    assert "nests brackets 3000 deep" in message


def test_a_local_query_past_its_time_ends_with_a_message(small_checkout):
    began = time.monotonic()
    done = cli("sparql", "--root", str(small_checkout), "--timeout", "2",
               "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }")
    assert done.returncode == 2 and "took longer than 2 s" in done.stderr and "Traceback" not in done.stderr
    assert time.monotonic() - began < 60


def test_a_local_query_past_its_memory_ends_with_a_message(small_checkout):
    done = cli("sparql", "--root", str(small_checkout), "--max-memory", "0.6", "--timeout", "120",
               "SELECT ?a ?c ?e WHERE { ?a ?b ?c . ?d ?x ?e } ORDER BY ?a ?c ?e")
    assert done.returncode == 2 and "more than 0.6 GiB of memory" in done.stderr, done.stderr


FORMULAS = 'SELECT ?x WHERE { VALUES ?x { "=HYPERLINK(\\"http://x\\")" "+1" "-5" "@SUM(A1)" "\\tx" "plain" "-2.5e3" } }'


def test_csv_cells_that_would_be_formulas_get_a_quote(small_checkout):
    done = cli("sparql", "--root", str(small_checkout), "--format", "csv", FORMULAS)
    assert done.returncode == 0, done.stderr
    cells = done.stdout.splitlines()[1:]
    assert cells == ['"\'=HYPERLINK(""http://x"")"', "+1", "-5", "'@SUM(A1)", "'\tx", "plain", "-2.5e3"]
    raw = cli("sparql", "--root", str(small_checkout), "--format", "csv", "--raw-csv", FORMULAS)
    assert raw.stdout.splitlines()[1:4] == ['"=HYPERLINK(""http://x"")"', "+1", "-5"]


def test_escape_sequences_never_reach_the_terminal(small_checkout):
    text = 'SELECT ?x WHERE { VALUES ?x { "\\u001b]0;owned\\u0007\\u001b[2Jred" } }'
    done = cli("sparql", "--root", str(small_checkout), text)
    assert done.returncode == 0 and "\x1b" not in done.stdout and "\x07" not in done.stdout
    assert "red" in done.stdout
    done = cli("query", "--root", str(small_checkout), "no-such-\x1b[2J-query")
    assert done.returncode == 2 and "\x1b" not in done.stderr


def test_max_rows_and_timeouts_must_be_positive():
    for argv in (["serve", "--max-rows", "-5"], ["serve", "--timeout", "0"], ["sparql", "--timeout", "-1", "ASK {}"]):
        done = cli(*argv, timeout=60)
        assert done.returncode == 2 and "must be a positive number" in done.stderr, argv
