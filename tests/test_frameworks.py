"""The multilateral frameworks beyond Japan's own ties, and the space-security commitments, on the
real graph: exact members, parties, signatures, sessions, pledges and votes, with a few exact dates
for each framework, asked of the n-ary nodes themselves."""

from __future__ import annotations

from conftest import select as _select

LOCAL_PREFIXES = """PREFIX actor: <https://w3id.org/spacecoop/actor/>
PREFIX role: <https://w3id.org/spacecoop/concept/role/>
PREFIX vote: <https://w3id.org/spacecoop/concept/vote/>
"""


def select(store, sparql: str) -> list[tuple]:
    """The shared helper, with the prefixes these frameworks need besides the shared ones."""
    return _select(store, LOCAL_PREFIXES + sparql)

MEMBERS = """SELECT ?member ?start WHERE {{
    ?m org:organization {body} ; org:member ?member ; org:role ?role .
    FILTER (?role = role:{role})
    OPTIONAL {{ ?m sc:startDate ?start }} }} ORDER BY ?member"""

SIGNATURES = """SELECT ?actor ?day WHERE {{
    ?a sc:instrument {instrument} ; sc:actor ?actor ; sc:actionType actiontype:signature .
    OPTIONAL {{ ?a sc:date ?day }} }} ORDER BY ?actor"""


def members(store, body, role="member"):
    return select(store, MEMBERS.format(body=body, role=role))


def signatures(store, instrument):
    return select(store, SIGNATURES.format(instrument=instrument))


# ---------------------------------------------------------------- the ILRS


def test_ilrs_partners_are_13_states_and_2_organisations_each_dated_by_its_agreement(store):
    assert members(store, "body:ilrs") == [  # actor/… sorts before country/…
        ("apsco", "2024-04-24"), ("auass", "2024-04-24"),
        ("AZE", "2023-10-03"), ("BLR", "2023"), ("CHN", "2021-03-09"), ("EGY", "2023-12-06"),
        ("KAZ", "2024-07-03"), ("NIC", "2024-04-24"), ("PAK", "2023-10"), ("RUS", "2021-03-09"),
        ("SEN", "2024-09-05"), ("SRB", "2024-05"), ("THA", "2024-04"), ("VEN", "2023-07"), ("ZAF", "2023-09"),
    ]


def test_ilrs_is_a_cooperation_programme_that_partners_join_not_a_text_they_sign(store):
    assert select(store, "SELECT ?c WHERE { body:ilrs a ?c }") == [("CooperationProgramme",)]
    assert select(store, "SELECT ?a WHERE { ?a sc:instrument body:ilrs }") == []
    assert select(store, "SELECT ?x WHERE { ?s sc:holder ?x ; sc:framework body:ilrs . ?x a sc:State } ORDER BY ?x")[:3] == [
        ("AZE",), ("BLR",), ("CHN",)]


def test_ilrs_partners_as_of_the_end_of_2023_are_the_founders_and_the_six_of_2023(store):
    rows = select(store, """SELECT ?member WHERE { ?m org:organization body:ilrs ; org:member ?member ;
        sc:latestStart ?b FILTER (?b <= "2023-12-31"^^xsd:date) } ORDER BY ?member""")
    assert [r[0] for r in rows] == ["AZE", "BLR", "CHN", "EGY", "PAK", "RUS", "VEN", "ZAF"]


def test_ilrs_reference_count_says_how_much_of_the_list_is_recorded(store):
    rows = select(store, """SELECT ?expected ?on (COUNT(DISTINCT ?state) AS ?recorded) WHERE {
        ?c sc:countOf body:ilrs ; sc:countKind role:member ; sc:expectedCount ?expected ; sc:countedOn ?on .
        ?m org:organization body:ilrs ; org:member ?state ; sc:latestStart ?b .
        ?state a sc:State . FILTER (?b <= ?on) } GROUP BY ?expected ?on""")
    assert rows == [("17", "2024-09-05", "13")]


# ---------------------------------------------------------------- ESA and EUMETSAT


def test_esa_has_23_member_states_with_the_ten_founders_from_30_october_1980(store):
    rows = members(store, "actor:esa")
    assert len(rows) == 23
    assert sorted(iso for iso, start in rows if start == "1980-10-30") == [
        "BEL", "CHE", "DEU", "DNK", "ESP", "FRA", "GBR", "ITA", "NLD", "SWE"]
    assert dict(rows)["CZE"] == "2008-11-12"
    assert dict(rows)["ROU"] == "2011-12-22"
    assert dict(rows)["SVN"] == "2025-01-01"
    assert dict(rows)["IRL"] == "1980-12-10"


def test_esa_associates_are_canada_since_1979_and_two_attested_baltic_states(store):
    assert members(store, "actor:esa", "associate-member") == [("CAN", "1979-01-01"), ("LTU", None), ("LVA", None)]


def test_esa_members_by_the_end_of_1995_are_fourteen(store):
    rows = select(store, """SELECT (COUNT(?m) AS ?n) WHERE { ?m org:organization actor:esa ;
        org:role role:member ; sc:earliestEnd ?e } """)
    assert rows == [("0",)]  # no member has left
    rows = select(store, """SELECT ?member WHERE { ?m org:organization actor:esa ; org:member ?member ;
        org:role role:member ; sc:latestStart ?b
        FILTER (?b <= "1995-12-31"^^xsd:date) } ORDER BY ?member""")
    assert len(rows) == 14 and ("FIN",) in rows and ("PRT",) not in rows


def test_eumetsat_has_the_30_parties_of_its_convention_14_of_them_from_its_entry_into_force(store):
    rows = members(store, "actor:eumetsat")
    assert len(rows) == 30
    assert sum(1 for _, start in rows if start == "1986-06-19") == 14
    assert dict(rows)["GRC"] == "1988-06-28"
    assert dict(rows)["LVA"] == "2009-06-25"  # accession 26 May 2009, in force a month later
    assert max(rows, key=lambda r: r[1]) == ("BGR", "2014-04-30")


# ---------------------------------------------------------------- APSCO


def test_apsco_convention_has_nine_signatures_eight_on_28_october_2005(store):
    rows = signatures(store, "instrument:apsco-convention")
    assert len(rows) == 9
    assert [iso for iso, day in rows if day == "2005-10-28"] == ["BGD", "CHN", "IDN", "IRN", "MNG", "PAK", "PER", "THA"]
    assert dict(rows)["TUR"] == "2006-06-01"


def test_indonesia_signed_the_apsco_convention_but_is_not_among_its_members(store):
    rows = select(store, """SELECT ?s WHERE {
        ?a sc:instrument instrument:apsco-convention ; sc:actor ?s .
        MINUS { ?m org:organization actor:apsco ; org:member ?s } }""")
    assert rows == [("IDN",)]
    assert members(store, "actor:apsco") == [
        ("BGD", "2006-10"), ("CHN", "2006-10"), ("IRN", None), ("MNG", "2006-10"), ("PAK", "2006-10"),
        ("PER", "2006-10"), ("THA", None), ("TUR", None)]
    assert select(store, "SELECT ?d WHERE { instrument:apsco-convention sc:enteredIntoForceOn ?d }") == [("2006-10",)]


# ---------------------------------------------------------------- the ISS agreement


def test_iss_agreement_has_its_15_signatures_of_29_january_1998_and_entered_into_force_in_2001(store):
    rows = signatures(store, "instrument:iss-iga")
    assert [iso for iso, _ in rows] == ["BEL", "CAN", "CHE", "DEU", "DNK", "ESP", "FRA", "GBR", "ITA", "JPN",
                                        "NLD", "NOR", "RUS", "SWE", "USA"]
    assert {day for _, day in rows} == {"1998-01-29"}
    assert select(store, "SELECT ?d WHERE { instrument:iss-iga sc:enteredIntoForceOn ?d }") == [("2001-03-27",)]
    assert select(store, """SELECT ?n WHERE { ?c sc:countOf instrument:iss-iga ; sc:expectedCount ?n ;
        sc:countKind <https://w3id.org/spacecoop/concept/status/signatory> }""") == [("15",)]


# ---------------------------------------------------------------- the Disaster Charter


def test_disaster_charter_has_17_member_agencies_of_14_states_and_two_organisations(store):
    rows = signatures(store, "instrument:disaster-charter")
    assert len(rows) == 17
    assert dict(rows)["jaxa"] == "2005-02-16"
    assert dict(rows)["csa"] == "2000-10-20"
    assert dict(rows)["uaesa"] == "2018-04"
    assert select(store, """SELECT (COUNT(DISTINCT ?state) AS ?n) WHERE {
        ?a sc:instrument instrument:disaster-charter ; sc:actor ?agency . ?agency sc:ofState ?state }""") == [("14",)]
    assert select(store, """SELECT ?agency ?on WHERE { ?a sc:instrument instrument:disaster-charter ;
        sc:actor ?agency ; sc:attestedOn ?on } ORDER BY ?agency""") == [("cnes", "2000-11-01"), ("esa", "2000-11-01")]


def test_jaxa_is_signatory_of_the_charter_by_its_derived_standing(store):
    assert select(store, """SELECT ?i WHERE { ?s sc:holder actor:jaxa ; sc:framework ?i ;
        sc:standingKind <https://w3id.org/spacecoop/concept/status/signatory> . ?i a sc:NonBindingArrangement }""") == [
        ("disaster-charter",)]


# ---------------------------------------------------------------- APRSAF


def test_aprsaf_sessions_with_round_place_and_days(store):
    rows = select(store, """SELECT ?round ?start ?end ?place WHERE { ?m sc:meetingOf body:aprsaf ; sc:round ?round ;
        sc:startDate ?start . OPTIONAL { ?m sc:endDate ?end } OPTIONAL { ?m sc:place ?place } } ORDER BY ?round""")
    assert rows == [
        ("12", "2005-10-11", "2005-10-13", "Kitakyushu International Conference Center, Kitakyushu"),
        ("18", "2011-12-06", "2011-12-09", "Marina Mandarin Hotel, Singapore"),
        ("24", "2017-11-14", "2017-11-17", "Bengaluru"),
        ("27", "2021", None, None),
        ("28", "2022-11-15", "2022-11-18", "Hanoi"),
        ("29", "2023-09-19", "2023-09-22", "Jakarta"),
        ("30", "2024-11-26", "2024-11-29", "Perth"),
    ]


def test_aprsaf_12_lists_20_states_and_japan_is_a_party_to_six_sessions(store):
    assert select(store, """SELECT (COUNT(?p) AS ?n) WHERE {
        <https://w3id.org/spacecoop/meeting/aprsaf-12-2005-10-11> sc:party ?p . ?p a sc:State }""") == [("20",)]
    assert select(store, """SELECT ?round WHERE { ?m sc:meetingOf body:aprsaf ; sc:round ?round .
        FILTER NOT EXISTS { ?m sc:party country:JPN } }""") == [("30",)]
    assert select(store, "SELECT ?d WHERE { body:aprsaf sc:establishedOn ?d }") == [("1993",)]


# ---------------------------------------------------------------- DA-ASAT pledges and resolution 77/41

PLEDGES = """SELECT ?state ?day WHERE { ?p a sc:Pledge ; sc:pledgedBy ?state ; sc:date ?day ;
    sc:commitment <https://w3id.org/spacecoop/commitment/no-destructive-da-asat-tests> ; sc:earliestStart ?b } ORDER BY ?b ?state"""


def test_da_asat_pledges_in_the_order_they_were_made(store):
    rows = select(store, PLEDGES)
    assert rows[:13] == [
        ("CHE", "2022"), ("USA", "2022-04-18"), ("CAN", "2022-05-09"), ("NZL", "2022-07-01"), ("JPN", "2022-09-12"),
        ("DEU", "2022-09-13"), ("GBR", "2022-10-03"), ("KOR", "2022-10-04"), ("AUS", "2022-10-27"),
        ("FRA", "2022-11-29"), ("NLD", "2023-02-27"), ("AUT", "2023-03-03"), ("ITA", "2023-04-06"),
    ]
    assert [iso for iso, day in rows[13:35]] == [
        "BEL", "BGR", "CYP", "CZE", "DNK", "ESP", "EST", "FIN", "GRC", "HRV", "HUN", "IRL", "LTU", "LUX", "LVA",
        "MLT", "POL", "PRT", "ROU", "SVK", "SVN", "SWE"]
    assert {day for _, day in rows[13:35]} == {"2023-08"}  # the EU member states' joint contribution
    assert rows[35:] == [("CRI", "2023-10"), ("NOR", "2023-10")]


def test_the_pledges_are_the_37_states_the_secure_world_foundation_counted_on_24_october_2023(store):
    rows = select(store, """SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?p a sc:Pledge ; sc:pledgedBy ?s ;
        sc:earliestStart ?b FILTER (?b <= "2023-10-24"^^xsd:date) }""")
    assert rows == [("37",)]
    # Costa Rica's and Norway's are dated to October 2023 only: perhaps after the 24th
    certain = select(store, """SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?p a sc:Pledge ; sc:pledgedBy ?s ;
        sc:latestStart ?b FILTER (?b <= "2023-10-24"^^xsd:date) }""")
    assert certain == [("35",)]
    eu_members_pledged_twice = select(store, """SELECT ?s WHERE { ?p a sc:Pledge ; sc:pledgedBy ?s }
        GROUP BY ?s HAVING (COUNT(?p) > 1)""")
    assert eu_members_pledged_twice == []  # Austria, France, Germany, Italy, the Netherlands: once, when first made


def test_ten_states_had_pledged_before_the_general_assembly_voted(store):
    rows = select(store, """SELECT (COUNT(?p) AS ?n) WHERE { ?p a sc:Pledge ; sc:earliestStart ?b .
        instrument:a-res-77-41 sc:adoptedOn ?voted . FILTER (?b < ?voted) }""")
    assert rows == [("10",)]
    # Switzerland's is dated to 2022 only: perhaps after the vote of 2022-12-07
    certain = select(store, """SELECT (COUNT(?p) AS ?n) WHERE { ?p a sc:Pledge ; sc:latestStart ?b .
        instrument:a-res-77-41 sc:adoptedOn ?voted . FILTER (?b < ?voted) }""")
    assert certain == [("9",)]


def test_japan_and_germany_pledged_at_the_second_oewg_session_and_canada_at_the_first(store):
    assert select(store, """SELECT ?state ?meeting WHERE { ?p sc:pledgedBy ?state ; sc:announcedAt ?meeting }
        ORDER BY ?state""") == [
        ("CAN", "oewg-space-threats-2022-05-09"), ("DEU", "oewg-space-threats-2022-09-12"),
        ("JPN", "oewg-space-threats-2022-09-12")]


def test_recorded_votes_on_77_41_cover_every_no_and_abstention_and_one_yes(store):
    cast = select(store, """SELECT ?cast (COUNT(?v) AS ?n) WHERE { ?v sc:onResolution instrument:a-res-77-41 ;
        sc:voteCast ?cast ; sc:date "2022-12-07"^^xsd:date } GROUP BY ?cast ORDER BY ?cast""")
    assert cast == [("abstain", "9"), ("no", "9"), ("yes", "1")]
    totals = select(store, """SELECT ?yes ?no ?abstain WHERE { instrument:a-res-77-41 sc:votesInFavour ?yes ;
        sc:votesAgainst ?no ; sc:abstentions ?abstain }""")
    assert totals == [("155", "9", "9")]
    against = select(store, """SELECT ?s WHERE { ?v sc:onResolution instrument:a-res-77-41 ; sc:voter ?s ;
        sc:voteCast vote:no } ORDER BY ?s""")
    assert [r[0] for r in against] == ["BLR", "BOL", "CAF", "CHN", "CUB", "IRN", "NIC", "RUS", "SYR"]


def test_no_state_that_pledged_voted_against_or_abstained(store):
    assert select(store, """SELECT ?s WHERE { ?p sc:pledgedBy ?s . ?v sc:voter ?s ;
        sc:voteCast ?c FILTER (?c != vote:yes) }""") == []
    assert select(store, "SELECT ?s WHERE { ?p sc:pledgedBy ?s . ?v sc:voter ?s }") == [("USA",)]


def test_every_pledge_and_vote_has_a_declared_source_with_a_url(store):
    assert select(store, """SELECT ?x WHERE { VALUES ?k { sc:Pledge sc:Vote } ?x a ?k .
        FILTER NOT EXISTS { ?x dcterms:source ?s . ?s a sc:Source ; <https://schema.org/url> ?u } }""") == []
