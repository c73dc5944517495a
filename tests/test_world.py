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
    count = select(built.store, "SELECT (COUNT(?s) AS ?n) WHERE { ?s sc:iso3 ?code ; skos:exactMatch ?q }")  # states and territories
    assert int(count[0][0]) == 246


def _parties(built, instrument, day):
    return spacecoop.run_query(built, "parties", instrument=instrument, as_of=day).column("iso3")


def test_the_registration_convention_binds_organisations_and_luxembourg_from_2021_01_27(built):
    parties = spacecoop.run_query(built, "parties", instrument="registration-convention", as_of="2026-01-01")
    assert {"JPN", "LUX", "DEU", "CHN"} <= set(parties.column("iso3"))
    organisations = [row["label"] for row in parties.records() if row["iso3"] is None]
    assert sorted(organisations) == [
        "European Organisation for the Exploitation of Meteorological Satellites (EUMETSAT)",
        "European Space Agency",
        "International Organization of Space Communications (Intersputnik)",
    ]
    assert "LUX" not in _parties(built, "registration-convention", "2021-01-26")
    assert "LUX" in _parties(built, "registration-convention", "2021-01-27")


def test_dated_parties_of_each_treaty_are_counted_exactly(built):
    counts = {t: len(_parties(built, t, "2026-11-30")) for t in
              ("outer-space-treaty", "rescue-agreement", "liability-convention", "registration-convention")}
    assert counts == {"outer-space-treaty": 82, "rescue-agreement": 12, "liability-convention": 12,
                      "registration-convention": 47}


def test_a_consent_whose_kind_the_source_does_not_give_still_makes_a_party(built):
    rows = select(built.store, """SELECT ?type ?date WHERE { ?a sc:actor country:MNG ;
        sc:instrument instrument:outer-space-treaty ; sc:actionType ?type ; sc:date ?date }""")
    assert rows == [("consent-to-be-bound", "1967-10-10")]
    assert "MNG" in _parties(built, "outer-space-treaty", "1967-10-10")
    assert "MNG" not in _parties(built, "outer-space-treaty", "1967-10-09")


def test_several_depositaries_date_a_consent_by_its_first_deposit(built):
    rows = select(built.store, """SELECT ?date WHERE { ?a sc:actor country:TON ;
        sc:instrument instrument:outer-space-treaty ; sc:actionType actiontype:succession ; sc:date ?date }""")
    assert rows == [("1971-06-22",)]


def test_the_liability_convention_was_adopted_on_1971_11_29(built):
    rows = select(built.store, "SELECT ?day WHERE { instrument:liability-convention sc:adoptedOn ?day }")
    assert rows == [("1971-11-29",)]


def test_japans_consents_to_the_un_space_treaties_are_dated(built):
    rows = select(built.store, """SELECT ?i ?type ?date WHERE { ?a sc:actor country:JPN ; sc:instrument ?i ;
        sc:actionType ?type ; sc:date ?date 
        FILTER (?i NOT IN (instrument:artemis-accords, instrument:jp-us-space-framework-agreement)) } ORDER BY ?date ?i""")
    assert rows == [("outer-space-treaty", "ratification", "1967-10-10"),
                    ("liability-convention", "accession", "1983-06-20"),
                    ("registration-convention", "accession", "1983-06-20")]


def test_copuos_admitted_china_and_syria_in_1980_and_kazakhstan_in_1995(built):
    members = spacecoop.run_query(built, "members", body="copuos", as_of="1980-12-31").column("iso3")
    assert {"CHN", "SYR"} <= set(members) and "KAZ" not in members
    assert "KAZ" in spacecoop.run_query(built, "members", body="copuos", as_of="1995-12-31").column("iso3")
    assert len(spacecoop.run_query(built, "members", body="copuos", as_of="2026-01-01").values()) == 81
