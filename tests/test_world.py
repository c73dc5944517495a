"""Exact facts of the world around the sheet, asked through the canned queries (issue 9)."""

from __future__ import annotations

from conftest import select

import spacecoop


def test_the_artemis_accords_had_exactly_eight_signatories_on_2020_10_13(built):
    table = spacecoop.run_query(built, "signatories", instrument="artemis-accords", as_of="2020-10-13")
    assert table.column("iso3") == ["ARE", "AUS", "CAN", "GBR", "ITA", "JPN", "LUX", "USA"]
    before = spacecoop.run_query(built, "signatories", instrument="artemis-accords", as_of="2020-10-12")
    assert before.values() == []


def test_every_artemis_signature_is_dated_and_sourced(built):
    rows = select(built.store, """SELECT ?a ?date (COUNT(?s) AS ?sources) WHERE {
        ?a sc:instrument instrument:artemis-accords ; sc:date ?date ; dcterms:source ?s } GROUP BY ?a ?date""")
    assert len(rows) == 61 and all(int(n) >= 1 for *_, n in rows)


def test_the_quad_has_exactly_four_members_and_its_space_working_group_dates_from_2021_09_24(built):
    quad = spacecoop.run_query(built, "members", body="quad", as_of="2024-01-01")
    assert quad.column("iso3") == ["AUS", "IND", "JPN", "USA"]
    group = spacecoop.run_query(built, "members", body="quad-space-wg", as_of="2021-09-24")
    assert group.column("iso3") == ["AUS", "IND", "JPN", "USA"]
    assert spacecoop.run_query(built, "members", body="quad-space-wg", as_of="2021-09-23").values() == []


def test_japans_fy2022_dialogues_are_exactly_the_eu_5th_france_3rd_and_us_8th(built):
    counted = spacecoop.run_query(built, "indicator-dialogues", country="JPN").records()
    fy2022 = [(r["date"], r["label"]) for r in counted if r["fiscal_year"] == "2022"]
    assert fy2022 == [
        ("2023-01-17", "Japan–EU Space Policy Dialogue: 5th meeting (2023-01-17)"),
        ("2023-01-18", "Japan–France Comprehensive Dialogue on Space: 3rd meeting (2023-01-18)"),
        ("2023-03-24", "Comprehensive Japan–US Dialogue on Space: 8th meeting (2023-03-24)"),
    ]


def test_saudi_arabia_is_out_of_the_moon_agreement_from_2024_01_05(built):
    def parties(day):
        return spacecoop.run_query(built, "signatories", instrument="moon-agreement", as_of=day).column("iso3")

    assert "SAU" in parties("2024-01-04") and "SAU" not in parties("2024-01-05")


def test_each_gnss_has_its_operator(built):
    table = spacecoop.run_query(built, "gnss-systems")
    operators = {system.split(" ")[0]: iso3 or operator for system, operator, iso3 in table.values()}
    assert {k: operators[k] for k in ("GPS", "GLONASS", "Galileo", "BeiDou", "Quasi-Zenith", "NavIC")} == {
        "GPS": "USA", "GLONASS": "RUS", "Galileo": "European Union", "BeiDou": "CHN",
        "Quasi-Zenith": "JPN", "NavIC": "IND"}


def test_the_five_un_space_treaties_have_their_entry_into_force(built):
    rows = select(built.store, """SELECT ?i ?force WHERE { ?i a sc:Treaty ; sc:enteredIntoForceOn ?force ;
        sc:openedForSignatureOn ?opened } ORDER BY ?force""")
    assert rows == [("outer-space-treaty", "1967-10-10"), ("rescue-agreement", "1968-12-03"),
                    ("liability-convention", "1972-09-01"), ("registration-convention", "1976-09-15"),
                    ("moon-agreement", "1984-07-11")]


def test_states_are_aligned_to_wikidata(built):
    assert select(built.store, "SELECT ?q WHERE { country:JPN skos:exactMatch ?q }") == [("http://www.wikidata.org/entity/Q17",)]
    count = select(built.store, "SELECT (COUNT(?s) AS ?n) WHERE { ?s a sc:State ; skos:exactMatch ?q }")
    assert int(count[0][0]) == 246
