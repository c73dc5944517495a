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
    assert lines[0] == "種類,件数"  # the headers are translated with the labels
    assert "国家,198" in lines


def test_outside_a_checkout_the_packaged_graph_is_used(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["stats", "--format", "csv"]) == 0
    assert "state,198" in capsys.readouterr().out.splitlines()


def test_a_root_that_is_not_a_checkout_is_a_usage_error(tmp_path, capsys):
    assert main(["stats", "--root", str(tmp_path)]) == 2
    assert capsys.readouterr().err == (
        f"spacecoop stats: error: --root {tmp_path}: not a spacecoop checkout (no ontology/spacecoop.ttl and data/ in it)\n")


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
    assert main(["query", "partner-links", "--param", "country=FRA"]) == 2
    assert "partner-links needs a value for partner (country): the partner" in capsys.readouterr().err


def test_query_csv_has_a_header_row_of_variable_names(checkout, capsys):
    assert main(["query", "members", "--param", "body=quad", "--as-of", "2024-01-01", "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "iso3,label,role,since,until,certain,source" and len(lines) == 5


def test_indicators_csv_columns_in_order(checkout, capsys):
    assert main(["indicators", "--format", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0] == ["indicator", "fiscal_year", "reported", "computed", "events", "counts", "leaves_out"]
    assert [r[:4] for r in rows[1:]] == [["I1", "2021", "5", "4"], ["I1", "2022", "4", "5"], ["I1", "2023", "4", "2"],
                                         ["I2", "2021", "1", "1"], ["I2", "2022", "3", "3"], ["I2", "2023", "2", "1"]]


def test_analyze_focus_gives_partners_ranked(checkout, capsys):
    assert main(["analyze", "--focus", "JPN", "--as-of", "2022-04-01", "--format", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0][:4] == ["iso3", "label", "weight", "links"]
    assert rows[1][0] == "USA"


# --- your own queries: every form, prefixes predeclared, errors that point -----------------

def test_sparql_ask_prints_true_or_false_without_prefix_lines(checkout, capsys):
    assert main(["sparql", "ASK { ?s sc:holder country:JPN ; sc:framework body:copuos }"]) == 0
    assert capsys.readouterr().out == "true\n"
    assert main(["sparql", "ASK { ?s sc:holder country:JPN ; sc:framework body:no-such-body }", "--format", "json"]) == 0
    assert capsys.readouterr().out == '[\n  {\n    "boolean": false\n  }\n]\n'


def test_sparql_construct_prints_turtle_with_the_project_prefixes(checkout, capsys):
    query = 'CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s rdfs:label ?l FILTER(lang(?l) = "ja" && ?s = country:JPN) }'
    assert main(["sparql", query]) == 0
    out = capsys.readouterr().out
    assert [line for line in out.splitlines() if not line.startswith("@prefix")] == ['country:JPN rdfs:label "日本"@ja .']
    assert "@prefix country: <https://w3id.org/spacecoop/country/> ." in out.splitlines()
    assert main(["sparql", query, "--format", "ntriples"]) == 0
    assert capsys.readouterr().out == '<https://w3id.org/spacecoop/country/JPN> <http://www.w3.org/2000/01/rdf-schema#label> "日本"@ja .\n'


def test_sparql_describe_gives_every_triple_about_the_resource_as_rows(checkout, capsys):
    assert main(["sparql", "SELECT (COUNT(*) AS ?n) WHERE { country:JPN ?p ?o }", "--format", "csv"]) == 0
    about = int(capsys.readouterr().out.splitlines()[1])
    assert main(["sparql", "DESCRIBE country:JPN", "--format", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0] == ["subject", "predicate", "object"]
    assert about > 5 and len(rows) - 1 == about
    assert {r[0] for r in rows[1:]} == {"https://w3id.org/spacecoop/country/JPN"}


def test_a_query_file_without_prefix_lines_runs(checkout, capsys):
    (checkout / "mine.rq").write_text(
        "SELECT ?iso3 WHERE {\n  ?m org:member ?s ; org:organization body:quad .\n  ?s sc:iso3 ?iso3 .\n} ORDER BY ?iso3\n",
        encoding="utf-8")
    assert main(["query", "--file", "mine.rq", "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines() == ["iso3", "AUS", "IND", "JPN", "USA"]


def test_a_broken_query_is_one_line_naming_line_column_and_token_then_a_caret(checkout, capsys):
    broken = 'SELECT ?s WHERE {\n  ?s a sc:State ;\n     rdfs:label ?l\n  FILTER(lang(?l) = "ja"\n}'
    assert main(["sparql", broken]) == 2
    assert capsys.readouterr().err == (
        "spacecoop sparql: error: SPARQL syntax error at line 5, column 1, at '}': "
        "this '}' does not match the '(' of line 4, column 9\n"
        "  }\n"
        "  ^\n")
    assert main(["sparql", "SELECT * WHERE { ?s ?p ?o } ORDER BY ?o LIMT 3"]) == 2
    assert capsys.readouterr().err == (
        "spacecoop sparql: error: SPARQL syntax error at line 1, column 41, at 'LIMT'\n"
        "  SELECT * WHERE { ?s ?p ?o } ORDER BY ?o LIMT 3\n"
        "                                          ^\n")


def test_an_undeclared_prefix_is_named_where_it_is_used(checkout, capsys):
    (checkout / "bad.rq").write_text("SELECT ?x\nWHERE {\n  ?x a sc:State ;\n     foo:bar ?y .\n}\n", encoding="utf-8")
    assert main(["query", "--file", "bad.rq"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0] == ("spacecoop query: error: bad.rq: SPARQL syntax error at line 4, column 6, at 'foo:bar': the prefix "
                      "'foo:' is not declared: add PREFIX foo: <…> ('spacecoop sparql --help' lists the predeclared ones)")
    assert err[1:] == ["       foo:bar ?y .", "       ^"]


def test_a_caret_under_japanese_text_counts_wide_characters_twice(checkout, capsys):
    assert main(["sparql", 'SELECT ?x WHERE { ?x rdfs:label "日本"@ja . ?x ?y }']) == 2
    line, caret = capsys.readouterr().err.splitlines()[1:]
    assert line == '  SELECT ?x WHERE { ?x rdfs:label "日本"@ja . ?x ?y }'
    assert caret == " " * (2 + 42 + 2) + "^"  # 42 characters before '?x', two of them wide


def test_an_endpoint_runs_select_only_and_says_so_before_sending(checkout, capsys):
    assert main(["sparql", "ASK { ?s ?p ?o }", "--endpoint", "http://127.0.0.1:9/sparql"]) == 2
    assert capsys.readouterr().err == "spacecoop sparql: error: --endpoint runs SELECT queries; this is ASK (run it here)\n"


def test_a_graph_format_for_a_select_is_a_usage_error(checkout, capsys):
    assert main(["sparql", "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "--format", "turtle"]) == 2
    assert "--format turtle is for CONSTRUCT and DESCRIBE; this is SELECT" in capsys.readouterr().err


# --- tables for spreadsheets and statistics ---------------------------------------------

def test_query_as_an_excel_workbook_with_japanese_headers(checkout, capsys):
    from openpyxl import load_workbook

    assert main(["query", "members", "--param", "body=quad", "--as-of", "2024-01-01", "--lang", "ja",
                 "--format", "xlsx", "-o", "quad.xlsx"]) == 0
    assert capsys.readouterr().out == "wrote quad.xlsx (4 rows)\n"
    sheet = load_workbook(checkout / "quad.xlsx").active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("ISOコード", "名称", "役割", "開始日", "終了日", "確実", "出典")
    assert [(r[0], r[1]) for r in rows[1:]] == [("AUS", "オーストラリア連邦"), ("IND", "インド"), ("JPN", "日本"), ("USA", "米国")]
    assert sheet.freeze_panes == "A2"


def test_numbers_reach_the_workbook_as_numbers(checkout, capsys):
    from openpyxl import load_workbook

    assert main(["sparql", "SELECT (COUNT(*) AS ?states) WHERE { ?s a sc:State }", "--format", "xlsx", "-o", "n.xlsx"]) == 0
    assert list(load_workbook(checkout / "n.xlsx").active.iter_rows(values_only=True)) == [("states",), (198,)]


def test_csv_for_excel_starts_with_a_byte_order_mark(checkout, capsys):
    assert main(["stats", "--lang", "ja", "--format", "csv-excel", "-o", "stats.csv"]) == 0
    data = (checkout / "stats.csv").read_bytes()
    assert data.startswith("\ufeff種類,件数\r\n".encode()) and "国家,198\r\n".encode() in data


def test_indicators_print_each_counting_rule_and_what_it_leaves_out(checkout, capsys):
    from spacecoop.query import get_query

    assert main(["indicators"]) == 0
    out = capsys.readouterr().out
    rules = out.split("Counting rules (from the header of each indicator's query):\n", 1)[1].splitlines()
    i1, i2 = get_query("indicator-legal-framework-meetings").fields, get_query("indicator-dialogues").fields
    assert rules == [
        "I1: spacecoop query indicator-legal-framework-meetings",
        f"  counts:     {i1['counts']}",
        f"  leaves out: {i1['leaves out']}",
        "I2: spacecoop query indicator-dialogues",
        f"  counts:     {i2['counts']}",
        f"  leaves out: {i2['leaves out']}",
    ]
    assert i1["leaves out"].startswith("sessions of the Scientific and Technical Subcommittee and of the ICG")


def test_docs_prints_only_what_it_wrote(checkout):
    # a real process: pytest's own logging handlers would hide pyLODE's basicConfig(level=DEBUG)
    result = subprocess.run([sys.executable, "-m", "spacecoop.cli", "docs", "--out", "site"],
                            capture_output=True, text=True)
    assert (result.returncode, result.stdout, result.stderr) == (0, "wrote site/ontology.html\n", "")


def test_the_readme_command_table_has_every_command():
    shown = subprocess.run([sys.executable, "-m", "spacecoop.cli", "--help"],
                           capture_output=True, text=True, check=True).stdout
    listing = shown.split("  COMMAND\n", 1)[1].split("\n\n", 1)[0]
    commands = {line.split()[0] for line in listing.splitlines() if line.startswith("    ") and not line.startswith("     ")}
    assert len(commands) == 14
    table = (ROOT / "README.md").read_text(encoding="utf-8").split("## Commands", 1)[1].split("\n\n", 2)[1]
    listed = {line.split("`spacecoop ", 1)[1].split()[0].rstrip("`") for line in table.splitlines() if line.startswith("| `spacecoop ")}
    assert commands - listed == set()
    assert {"viz", "coverage", "sparql", "indicators"} <= listed
