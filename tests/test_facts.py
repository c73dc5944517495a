"""One test per statement of the evaluation sheet (../shared/seed/FACTS.md), by its ID.

Each asserts the exact answer the graph gives, through SPARQL over the built graph.
"""

from __future__ import annotations

import pytest
from conftest import ask, select

SHEET = "mofa-space-evaluation-fy2021-fy2023"


def efforts_serving(store, goal: str) -> set[str]:
    return {r[0] for r in select(store, f"SELECT ?id WHERE {{ ?e a sc:Effort ; sc:serves sheet:{goal} ; dcterms:identifier ?id . }}")}


def fact(store, fact_id: str) -> dict[str, set[str]]:
    """Every property of the sheet node with this ID, values shortened."""
    rows = select(store, f"SELECT ?p ?o WHERE {{ sheet:{fact_id} ?p ?o . }}")
    found: dict[str, set[str]] = {}
    for predicate, value in rows:
        name = predicate.rsplit("/", 1)[-1].rsplit("#", 1)[-1]
        found.setdefault(name, set()).add(value.rsplit("#", 1)[-1])
    return found


def meeting(store, iri: str) -> dict:
    rows = select(
        store,
        f"""SELECT ?series ?start ?end ?round ?party ?source WHERE {{
          <https://w3id.org/spacecoop/meeting/{iri}> sc:meetingOf ?series ; sc:startDate ?start ;
             sc:party ?party ; dcterms:source ?source .
          OPTIONAL {{ <https://w3id.org/spacecoop/meeting/{iri}> sc:endDate ?end }}
          OPTIONAL {{ <https://w3id.org/spacecoop/meeting/{iri}> sc:round ?round }}
        }}""",
    )
    assert rows, f"no meeting {iri}"
    return {
        "series": {r[0] for r in rows},
        "start": {r[1] for r in rows},
        "end": {r[2] for r in rows},
        "round": {r[3] for r in rows},
        "parties": {r[4] for r in rows},
        "sources": {r[5] for r in rows},
    }


def test_every_fact_id_is_in_the_graph_once(store):
    ids = [r[0] for r in select(store, f"SELECT ?id WHERE {{ ?x dcterms:isPartOf doc:{SHEET} ; dcterms:identifier ?id . }}")]
    expected = {"G1", "G2", "G3", "E1", "E2", "E3", "E4", "D1", "D2", "D3", "D4", "D5", "A1",
                "Q1", "R1", "N1", "V1", "V2", "F1", "F2", "F3", "F4", "F5", "I1", "I2"}
    assert sorted(ids) == sorted(expected)


def test_G1_rule_of_law_is_served_by_the_four_rule_of_law_efforts(store):
    assert efforts_serving(store, "G1") == {"E1", "E2", "E3", "E4"}
    node = fact(store, "G1")
    assert node["targetFiscalYear"] == {"2027"}
    assert any("法の支配" in text for text in node["sheetText"])


def test_G2_multilayered_cooperation_is_served_by_dialogues_and_frameworks(store):
    assert efforts_serving(store, "G2") == {"D1", "D2", "D3", "D4", "D5", "A1", "Q1", "R1", "N1"}
    assert any("日米宇宙協力" in text for text in fact(store, "G2")["sheetText"])


def test_G3_space_security_is_new_for_fy2027_with_no_effort_yet(store):
    assert efforts_serving(store, "G3") == set()
    node = fact(store, "G3")
    assert node["targetFiscalYear"] == {"2027"}
    assert node["subject"] == {"space-security"}
    assert not select(store, "SELECT ?r WHERE { ?r sc:evaluates sheet:G3 }")


def test_E1_copuos_lts_and_space_resources_with_japans_sessions(store):
    node = fact(store, "E1")
    assert node["concerns"] == {"copuos", "copuos-lts-wg", "lsc-space-resources-wg"}
    assert {"lts", "space-resources"} <= node["subject"]
    sessions = select(store, """SELECT ?m ?start WHERE {
        sheet:E1 sc:evidence ?m . ?m sc:meetingOf ?b ; sc:startDate ?start ; sc:party country:JPN .
        ?b org:subOrganizationOf* body:copuos . } ORDER BY ?start""")
    assert [s for _, s in sessions] == [
        "2021-05-31", "2021-08-25", "2022-03-28", "2022-06-01", "2023-03-20", "2023-05-31"]
    assert ask(store, "ASK { sheet:E1 sc:evidence ?m . ?m org:member country:JPN ; org:organization body:copuos }")


def test_E2_oewg_five_sessions_japan_attended(store):
    assert fact(store, "E2")["concerns"] == {"oewg-space-threats"}
    starts = [r[0] for r in select(store, """SELECT ?start WHERE {
        sheet:E2 sc:evidence ?m . ?m sc:meetingOf body:oewg-space-threats ; sc:startDate ?start ;
        sc:party country:JPN . } ORDER BY ?start""")]
    assert starts == ["2022-02-07", "2022-05-09", "2022-09-12", "2023-01-30", "2023-08-28"]


def test_E3_japan_funds_the_unoosa_space_law_project(store):
    assert fact(store, "E3")["concerns"] == {"space-law-for-new-space-actors"}
    rows = select(store, """SELECT ?funder ?organiser ?amount ?currency ?fy WHERE {
        sheet:E3 sc:evidence ?c . ?c sc:funder ?funder ; sc:recipient ?p ; sc:amount ?amount ;
        sc:currency ?currency ; sc:fiscalYear ?fy . ?p sc:organiser ?organiser . }""")
    assert rows == [("JPN", "unoosa", "10800000", "JPY", "2021")]


def test_E4_tokyo_seminar_has_exactly_the_seven_beneficiaries(store):
    rows = select(store, """SELECT ?iso3 WHERE {
        sheet:E4 sc:evidence ?a . ?a sc:beneficiary ?state . ?state sc:iso3 ?iso3 } ORDER BY ?iso3""")
    assert [r[0] for r in rows] == ["BTN", "IDN", "KHM", "MNG", "MYS", "PHL", "THA"]
    details = select(store, """SELECT ?fy ?place ?project ?funder WHERE {
        sheet:E4 sc:evidence ?a . ?a sc:fiscalYear ?fy ; sc:place ?place ; sc:underProject ?project ;
        sc:funder ?funder . FILTER (LANG(?place) = "en") }""")
    assert details == [("2023", "Tokyo", "space-law-for-new-space-actors", "JPN")]
    assert fact(store, "E3")["concerns"] == fact(store, "E4")["concerns"]


@pytest.mark.parametrize(
    ("fact_id", "meeting_iri", "series", "start", "parties"),
    [
        ("D1", "jp-in-space-dialogue-2021-11-02", "jp-in-space-dialogue", "2021-11-02", {"JPN", "IND"}),
        ("D2", "jp-fr-comprehensive-space-dialogue-2023-01-18", "jp-fr-comprehensive-space-dialogue", "2023-01-18", {"JPN", "FRA"}),
        ("D3", "jp-eu-space-policy-dialogue-2023-01-17", "jp-eu-space-policy-dialogue", "2023-01-17", {"JPN", "eu"}),
        ("D4", "jp-us-comprehensive-space-dialogue-2023-03-24", "jp-us-comprehensive-space-dialogue", "2023-03-24", {"JPN", "USA"}),
        ("D5", "jp-us-rok-space-security-dialogue-2023-11-08", "jp-us-rok-space-security-dialogue", "2023-11-08", {"JPN", "USA", "KOR"}),
    ],
)
def test_D1_to_D5_dialogue_meetings_with_date_parties_series_and_sources(
    store, fact_id, meeting_iri, series, start, parties
):
    node = fact(store, fact_id)
    assert node["evidence"] == {meeting_iri}
    assert node["concerns"] == {series}
    found = meeting(store, meeting_iri)
    assert found["series"] == {series}
    assert found["start"] == {start}
    assert found["parties"] == parties
    assert SHEET in found["sources"] and len(found["sources"]) >= 2, "the sheet and a primary source"


def test_D_months_match_the_sheet(store):
    # the sheet: November 2021, January 2023 (twice), March 2023, November 2023
    months = [r[0][:7] for r in select(store, """SELECT ?start WHERE {
        ?e sc:serves sheet:G2 ; dcterms:identifier ?id ; sc:evidence ?m . ?m sc:startDate ?start .
        FILTER (STRSTARTS(?id, "D")) } ORDER BY ?id""")]
    assert months == ["2021-11", "2023-01", "2023-01", "2023-03", "2023-11"]


def test_D4_is_the_eighth_comprehensive_dialogue(store):
    assert meeting(store, "jp-us-comprehensive-space-dialogue-2023-03-24")["round"] == {"8"}


def test_A1_framework_agreement_signed_and_in_force_in_2023(store):
    rows = select(store, """SELECT ?actor ?type ?date WHERE {
        sheet:A1 sc:evidence ?a . ?a sc:actor ?s ; sc:actionType ?t ; sc:date ?date ;
        sc:instrument instrument:jp-us-space-framework-agreement .
        ?s sc:iso3 ?actor . BIND (STRAFTER(STR(?t), "action/") AS ?type) } ORDER BY ?date ?actor""")
    assert rows == [
        ("JPN", "signature", "2023-01-13"), ("USA", "signature", "2023-01-13"),
        ("JPN", "entry-into-force", "2023-06-19"), ("USA", "entry-into-force", "2023-06-19"),
    ]
    assert any("実施機関" in text for text in fact(store, "A1")["sheetText"])


def test_Q1_quad_space_working_group_set_up_at_2021_summit_with_four_members(store):
    rows = select(store, """SELECT ?established ?parent WHERE {
        body:quad-space-wg sc:establishedOn ?established ; org:subOrganizationOf ?parent }""")
    assert rows == [("2021-09-24", "quad")]
    members = {r[0] for r in select(store, """SELECT ?iso3 WHERE {
        ?m org:organization body:quad-space-wg ; org:member ?s . ?s sc:iso3 ?iso3 }""")}
    assert members == {"AUS", "IND", "JPN", "USA"}
    assert {"capacity-building", "satellite-data", "rule-of-law"} <= fact(store, "Q1")["subject"]
    summit = select(store, "SELECT ?d WHERE { sheet:Q1 sc:evidence ?m . ?m sc:meetingOf body:quad ; sc:startDate ?d }")
    assert summit == [("2021-09-24",)]


def test_R1_japan_signed_the_artemis_accords_in_october_2020(store):
    rows = select(store, """SELECT ?date WHERE {
        sheet:R1 sc:evidence ?a . ?a sc:actor country:JPN ; sc:instrument instrument:artemis-accords ;
        sc:actionType actiontype:signature ; sc:date ?date }""")
    assert rows == [("2020-10-13",)]


def test_N1_japan_takes_part_in_the_icg_and_operates_qzss(store):
    assert fact(store, "N1")["concerns"] == {"icg"}
    assert ask(store, "ASK { ?s sc:holder country:JPN ; sc:framework body:icg ; sc:standingKind role:member }")
    assert {r[0] for r in select(store, "SELECT ?s WHERE { ?s sc:operatedBy country:JPN ; a sc:NavigationSatelliteSystem }")} == {"qzss", "msas"}
    icg = [r[0] for r in select(store, "SELECT ?d WHERE { sheet:N1 sc:evidence ?m . ?m sc:meetingOf body:icg ; sc:startDate ?d } ORDER BY ?d")]
    assert icg == ["2021-09-27", "2023-10-16"]


@pytest.mark.parametrize(("fact_id", "goal", "highlights"), [("V1", "G1", {"E1", "E3", "E4"}), ("V2", "G2", {"A1"})])
def test_V1_V2_evaluation_results_are_effective(store, fact_id, goal, highlights):
    node = fact(store, fact_id)
    assert node["evaluates"] == {goal}
    assert node["verdict"] == {"effective", "効果があった"}
    assert node["highlights"] == highlights


@pytest.mark.parametrize(
    ("fact_id", "goal", "concerns"),
    [
        ("F1", "G1", {"copuos"}),
        ("F2", "G1", {"space-law-for-new-space-actors"}),
        ("F3", "G2", {"jp-eu-space-policy-dialogue", "jp-fr-comprehensive-space-dialogue", "jp-in-space-dialogue", "jp-us-comprehensive-space-dialogue", "jp-us-rok-space-security-dialogue"}),
        ("F4", "G2", {"quad", "quad-space-wg"}),
        ("F5", "G2", {"icg"}),
    ],
)
def test_F1_to_F5_future_directions(store, fact_id, goal, concerns):
    node = fact(store, fact_id)
    assert node["type"] == {"FutureDirection"}
    assert node["serves"] == {goal}
    assert node["concerns"] == concerns


@pytest.mark.parametrize(("indicator", "values"), [("I1", [5, 4, 4]), ("I2", [1, 3, 2])])
def test_I1_I2_reported_values_per_fiscal_year(store, indicator, values):
    rows = select(store, f"""SELECT ?fy ?value WHERE {{
        ?v sc:indicator sheet:{indicator} ; sc:fiscalYear ?fy ; sc:reportedValue ?value ;
        dcterms:source doc:{SHEET} }} ORDER BY ?fy""")
    assert rows == [("2021", str(values[0])), ("2022", str(values[1])), ("2023", str(values[2]))]
