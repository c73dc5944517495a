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
SLICE = ["data/actors.ttl", "data/bodies.ttl", "data/dialogues.ttl", "data/sources.ttl",
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
    query = get_query("find")
    rows = run(world, query, bind(query, {"text": text})).values()
    for iri, _, _ in rows:
        labels = [q.object.value for q in world.quads_for_pattern(
            __import__("pyoxigraph").NamedNode(iri), None, None) if q.predicate.value.endswith("#label")]
        assert any(text.lower() in candidate.lower() for candidate in labels)
    assert len(world) > 0


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

    from spacecoop.endpoint import query_page
    from spacecoop.render import iframe_html, render_html

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
