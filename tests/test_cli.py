"""The command line: exit codes, messages, determinism and atomic outputs."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from spacecoop.cli import main


@pytest.fixture
def checkout(tmp_path: Path, monkeypatch) -> Path:
    """A copy of the ontology and data in a temporary folder, as the working folder."""
    for folder in ("ontology", "data"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_build_writes_outputs_and_prints_a_summary(checkout, capsys):
    assert main(["build"]) == 0
    out = capsys.readouterr().out
    assert "conforms to the shapes: yes" in out
    assert "  state: 198" in out
    assert "wrote build/spacecoop.ttl" in out
    assert (checkout / "build" / "spacecoop.jsonld").stat().st_size > 0


def test_build_is_deterministic_byte_for_byte(checkout, capsys):
    assert main(["build", "--out", "one"]) == 0
    assert main(["build", "--out", "two"]) == 0
    for name in ("spacecoop.ttl", "spacecoop.jsonld"):
        assert (checkout / "one" / name).read_bytes() == (checkout / "two" / name).read_bytes()


def test_a_failed_build_leaves_the_previous_outputs_intact(checkout, capsys):
    assert main(["build"]) == 0
    before = (checkout / "build" / "spacecoop.ttl").read_bytes()
    (checkout / "data" / "bad.ttl").write_text(
        "@prefix sc: <https://w3id.org/spacecoop/ontology#> .\n"
        "<https://w3id.org/spacecoop/meeting/x> a sc:DialogueMeeting .\n", "utf-8")
    assert main(["build"]) == 1
    out = capsys.readouterr().out
    assert "data/bad.ttl:2" in out and "previous outputs were left" in out
    assert (checkout / "build" / "spacecoop.ttl").read_bytes() == before
    assert not list((checkout / "build").glob(".*part"))


def test_malformed_turtle_exits_2_with_file_and_line_and_no_traceback(checkout, capsys):
    (checkout / "data" / "half-edited.ttl").write_text("@prefix sc: <https://w3id.org/spacecoop/ontology#> .\nsc:a sc:b\n", "utf-8")
    assert main(["validate"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("spacecoop validate: error: data/half-edited.ttl:3:")
    assert "Traceback" not in err


def test_validate_checks_extra_files_and_exits_1_with_a_table(checkout, capsys):
    extra = ROOT / "tests" / "fixtures" / "invalid" / "dialogue-series.ttl"
    assert main(["validate", str(extra), "--format", "csv"]) == 1
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0] == ["where", "focus", "path", "message", "fix"]
    assert rows[1][:3] == [str(extra) + ":26", "body:monologue", "sc:party"]
    assert rows[1][3].startswith("a dialogue series needs at least two parties")


def test_validate_exits_0_on_the_real_data(checkout, capsys):
    assert main(["validate"]) == 0
    assert capsys.readouterr().out.startswith("conforms: ")


def test_stats_counts_kinds_in_japanese(checkout, capsys):
    assert main(["stats", "--lang", "ja", "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "kind,count"
    assert "国家,198" in lines


def test_outside_a_checkout_is_a_usage_error(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["stats"]) == 2
    assert "not inside a spacecoop checkout" in capsys.readouterr().err


def test_help_lists_every_command_with_an_example():
    result = subprocess.run([sys.executable, "-m", "spacecoop.cli", "--help"], capture_output=True, text=True, check=True)
    examples = [line.split()[1] for line in result.stdout.splitlines() if line.startswith("  spacecoop ")]
    section = result.stdout.split("commands:", 1)[1].split("examples:", 1)[0]
    commands = [line.split()[0] for line in section.splitlines() if line.startswith("    ") and line[4] != " "]
    assert len(commands) >= 6 and sorted(examples) == sorted(commands)


def test_build_as_a_real_subprocess(checkout):
    result = subprocess.run([sys.executable, "-m", "spacecoop.cli", "build"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "conforms to the shapes: yes" in result.stdout


def test_build_describes_the_dataset_in_dcat_and_void(checkout, capsys):
    import pyoxigraph as ox

    assert main(["build"]) == 0
    graph = ox.Store()
    graph.load(path=str(checkout / "build" / "spacecoop.ttl"), format=ox.RdfFormat.TURTLE)
    void = ox.Store()
    void.load(path=str(checkout / "build" / "void.ttl"), format=ox.RdfFormat.TURTLE)
    rows = list(void.query("""PREFIX void: <http://rdfs.org/ns/void#> PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?triples ?licence (COUNT(?source) AS ?sources) WHERE {
          ?d void:triples ?triples ; dcterms:license ?licence ; dcterms:source ?source }
        GROUP BY ?triples ?licence"""))
    assert [(r[0].value, r[1].value) for r in rows] == [(str(len(graph)), "https://creativecommons.org/licenses/by/4.0/")]
    declared = list(graph.query("SELECT (COUNT(?s) AS ?n) WHERE { ?s a <https://w3id.org/spacecoop/ontology#Source> }"))
    assert int(rows[0][2].value) == int(declared[0][0].value) + 1  # the sources and the sheet itself


def test_docs_writes_the_ontology_documentation(checkout, capsys):
    assert main(["docs", "--out", "site"]) == 0
    page = (checkout / "site" / "ontology.html").read_text(encoding="utf-8")
    assert "signatory of" in page and "dialogue meeting" in page


def test_unknown_query_or_parameter_exits_2_listing_what_exists(checkout, capsys):
    assert main(["query", "membrs"]) == 2
    assert "known queries: " in capsys.readouterr().err
    assert main(["query", "members", "--param", "bodyy=copuos"]) == 2
    assert "its parameters: body, as_of" in capsys.readouterr().err
    assert main(["query", "members", "--as-of", "2023-02-30"]) == 2
    assert "is not an ISO date" in capsys.readouterr().err
    assert main(["sparql", "SELECT ?x WHERE { ?x ?y }"]) == 2
    assert "SPARQL syntax error" in capsys.readouterr().err


def test_query_csv_has_a_header_row_of_variable_names(checkout, capsys):
    assert main(["query", "members", "--param", "body=quad", "--as-of", "2024-01-01", "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "iso3,label,role,since,until,certain,source" and len(lines) == 5


def test_indicators_csv_columns_in_order(checkout, capsys):
    assert main(["indicators", "--format", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0] == ["indicator", "fiscal_year", "reported", "computed", "events"]
    assert [r[:4] for r in rows[1:]] == [["I1", "2021", "5", "4"], ["I1", "2022", "4", "5"], ["I1", "2023", "4", "2"],
                                         ["I2", "2021", "1", "1"], ["I2", "2022", "3", "3"], ["I2", "2023", "2", "1"]]


def test_analyze_focus_gives_partners_ranked(checkout, capsys):
    assert main(["analyze", "--focus", "JPN", "--as-of", "2022-04-01", "--format", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0][:4] == ["iso3", "label", "weight", "links"]
    assert rows[1][0] == "USA"
