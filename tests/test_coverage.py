"""How complete each list is, and the notes an answer built on an incomplete list carries."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT

from spacecoop.cli import main
from spacecoop.coverage import coverage_rows, notes, table
from spacecoop.query import bind, get_query


def test_the_coverage_table_on_the_real_data(store):
    rows = [(r["framework"].rsplit("/", 1)[-1], r["kind"], r["recorded"], r["expected"], r["dated"], r["as_of"])
            for r in coverage_rows(store)]
    assert rows == [
        ("copuos", "member", 102, 104, 45, "2025-06-25"),
        ("icg", "associate member", 4, 12, 0, "2021-10-20"),
        ("icg", "observer", 3, 8, 0, "2021-10-20"),
        ("ilrs", "member", 13, 17, 7, "2024-09-05"),
        ("quad", "member", 4, 4, 0, "2021-09-24"),
        ("artemis-accords", "signatory", 61, 61, 61, "2026-01-26"),
        ("iss-iga", "signatory", 15, 15, 15, "1998-01-29"),
        ("liability-convention", "party", 92, 92, 22, "2015-01-01"),
        ("liability-convention", "signatory", 21, 21, 0, "2015-01-01"),
        ("moon-agreement", "party", 16, 16, 16, "2015-01-01"),
        ("moon-agreement", "signatory", 4, 4, 4, "2015-01-01"),
        ("outer-space-treaty", "party", 111, 116, 73, "2025-05-23"),
        ("outer-space-treaty", "party", 106, 103, 68, "2015-01-01"),
        ("outer-space-treaty", "signatory", 24, 23, 6, "2026-01-01"),
        ("registration-convention", "party", 75, 77, 46, "2026-01-01"),
        ("registration-convention", "signatory", 4, 4, 2, "2015-01-01"),
        ("rescue-agreement", "party", 94, 94, 14, "2015-01-01"),
        ("rescue-agreement", "signatory", 24, 24, 0, "2015-01-01"),
    ]
    columns, shown = table(coverage_rows(store))
    assert columns == ["framework", "label", "kind", "recorded", "expected", "share", "dated", "dated_share",
                       "as_of", "source"]
    assert shown[0][:1] + shown[0][2:9] == ("body:copuos", "member", 102, 104, "98%", 45, "44%", "2025-06-25")


def test_recorded_counts_what_certainly_held_on_the_day_of_the_count(store):
    """COPUOS on 2025-06-25: its members then, counted from the standings, not its list today."""
    rows = store.query("""PREFIX sc: <https://w3id.org/spacecoop/ontology#>
        SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE {
          ?s sc:framework <https://w3id.org/spacecoop/body/copuos> ; sc:holder ?m ;
             sc:standingKind <https://w3id.org/spacecoop/concept/role/member> ; sc:latestStart ?l .
          OPTIONAL { ?s sc:earliestEnd ?e }
          FILTER (?l <= "2025-06-25"^^<http://www.w3.org/2001/XMLSchema#date> && !BOUND(?e)) }""")
    assert [int(r[0].value) for r in rows] == [102]


@pytest.mark.parametrize(("instrument", "on", "states", "organisations"), [
    ("liability-convention", "2015-01-01", 92, 1), ("registration-convention", "2026-01-01", 75, 4)])
def test_a_count_of_states_leaves_out_the_organisations_declarations(store, instrument, on, states, organisations):
    """UNOOSA counts States as parties and lists organisations' declarations apart: coverage
    compares its count with the States recorded, which an independent count confirms."""
    def holders(state: bool) -> int:
        test = "FILTER EXISTS { ?h a sc:State }" if state else "FILTER NOT EXISTS { ?h a sc:State }"
        rows = store.query(f"""PREFIX sc: <https://w3id.org/spacecoop/ontology#>
            SELECT (COUNT(DISTINCT ?h) AS ?n) WHERE {{
              ?s sc:framework <https://w3id.org/spacecoop/instrument/{instrument}> ; sc:holder ?h ;
                 sc:standingKind <https://w3id.org/spacecoop/concept/status/party> ; sc:latestStart ?l .
              OPTIONAL {{ ?s sc:earliestEnd ?e }}
              FILTER (?l <= "{on}"^^<http://www.w3.org/2001/XMLSchema#date> && !BOUND(?e)) {test} }}""")
        return int(next(iter(rows))[0].value)

    assert (holders(True), holders(False)) == (states, organisations)
    [row] = [r for r in coverage_rows(store) if r["framework"].endswith(instrument) and r["kind"] == "party"]
    assert row["recorded"] == states


def test_a_note_names_an_incomplete_list_and_none_is_given_for_a_complete_one(store):
    rows = coverage_rows(store)
    members = get_query("members")
    [line] = notes(members, bind(members, {"body": "copuos"}), rows)
    assert line.startswith("note: the list of UN Committee on the Peaceful Uses of Outer Space (COPUOS) (member) "
                           "is incomplete: 102 of 104 recorded (98%), as counted on 2025-06-25 by https://")
    parties = get_query("parties")
    assert notes(parties, bind(parties, {"instrument": "moon-agreement"}), rows) == []
    assert notes(members, bind(members, {"body": "quad-space-wg"}), rows) == [
        "note: no status source counts the list of quad-space-wg: how complete it is is unknown"]


@pytest.fixture
def real_checkout(monkeypatch):
    monkeypatch.chdir(ROOT)


def test_the_cli_prints_the_note_on_standard_error_not_in_the_csv(real_checkout, capsys):
    assert main(["query", "members", "--param", "body=copuos", "--as-of", "2025-06-25", "--format", "csv"]) == 0
    captured = capsys.readouterr()
    assert captured.out.splitlines()[0] == "iso3,label,role,since,until,certain,source"
    assert len(captured.out.splitlines()) == 1 + 102
    assert captured.err.startswith("note: the list of UN Committee on the Peaceful Uses of Outer Space (COPUOS)")
    assert main(["query", "parties", "--param", "instrument=moon-agreement", "--format", "csv"]) == 0
    assert capsys.readouterr().err == ""


def test_json_output_carries_the_coverage_beside_the_rows(real_checkout, capsys):
    assert main(["query", "members", "--param", "body=copuos", "--as-of", "2025-06-25", "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert len(document["rows"]) == 102 and document["rows"][0]["iso3"] == "AGO"
    assert [(c["recorded"], c["expected"], c["as_of"]) for c in document["coverage"]] == [(102, 104, "2025-06-25")]


def test_analysis_says_which_states_have_bilateral_data(real_checkout, capsys):
    assert main(["analyze", "--top", "3", "--format", "csv"]) == 0
    captured = capsys.readouterr()
    assert captured.err.startswith("note: bilateral ties (dialogues, agreements, capacity building) are recorded for 21 states only (AUS BRA")
    assert len(captured.out.splitlines()) == 4


def test_the_coverage_command_lists_every_counted_list(real_checkout, capsys):
    assert main(["coverage", "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "framework,label,kind,recorded,expected,share,dated,dated_share,as_of,source"
    assert len(lines) == 1 + 18
