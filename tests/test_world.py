"""Exact facts of the world around the sheet, asked through the canned queries (issue 9)."""

from __future__ import annotations

from conftest import ask, select

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
        return spacecoop.run_query(built, "parties", instrument="moon-agreement", as_of=day).column("iso3")

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
    assert int(count[0][0]) == 247
    assert select(built.store, "SELECT ?q WHERE { country:NLD skos:exactMatch ?q }") == [("http://www.wikidata.org/entity/Q55",)]


def _parties(built, instrument, day):
    return spacecoop.run_query(built, "parties", instrument=instrument, as_of=day).column("iso3")


def test_the_registration_convention_binds_organisations_and_luxembourg_from_2021_01_27(built):
    parties = spacecoop.run_query(built, "parties", instrument="registration-convention", as_of="2026-01-01")
    assert {"JPN", "LUX", "DEU", "CHN"} <= set(parties.column("iso3"))
    organisations = [row["label"] for row in parties.records() if row["iso3"] is None]
    assert sorted(organisations) == [
        "European Organisation for the Exploitation of Meteorological Satellites (EUMETSAT)",
        "European Space Agency",
        "European Telecommunications Satellite Organization (EUTELSAT IGO)",  # attested 2026-01-01
        "International Organization of Space Communications (Intersputnik)",
    ]
    assert "LUX" not in _parties(built, "registration-convention", "2021-01-26")
    assert "LUX" in _parties(built, "registration-convention", "2021-01-27")


def test_parties_of_each_treaty_on_2026_11_30_are_counted_exactly(built):
    """Dated and attested parties alike: an attested one is certainly a party from its day."""
    counts = {t: len(_parties(built, t, "2026-11-30")) for t in
              ("outer-space-treaty", "rescue-agreement", "liability-convention", "registration-convention")}
    assert counts == {"outer-space-treaty": 115, "rescue-agreement": 94, "liability-convention": 98,
                      "registration-convention": 79}


def test_accessions_since_2025_are_dated_by_the_ministries_and_party_from_that_day(built):
    """Latvia's by its foreign ministry, Malaysia's (two treaties, one day) by its science ministry
    as the national news agency and a newspaper report it; both were attested by the 2026 table.
    (Malaysia's Artemis signature of 2025-10-26 is left out by the treaty list.)"""
    rows = select(built.store, """SELECT ?who ?treaty ?type ?date WHERE {
        VALUES ?actor { country:LVA country:MYS }
        VALUES ?treaty { instrument:outer-space-treaty instrument:rescue-agreement instrument:liability-convention
                         instrument:registration-convention instrument:moon-agreement }
        ?a sc:actor ?actor ; sc:instrument ?treaty ; sc:actionType ?type ; sc:date ?date FILTER (?date >= "2025-01-01"^^xsd:date)
        ?actor sc:iso3 ?who } ORDER BY ?who ?treaty""")
    assert rows == [("LVA", "outer-space-treaty", "accession", "2025-05-23"),
                    ("MYS", "outer-space-treaty", "accession", "2025-09-26"),
                    ("MYS", "registration-convention", "accession", "2025-09-26")]
    assert "LVA" in _parties(built, "outer-space-treaty", "2025-05-23")
    assert "LVA" not in _parties(built, "outer-space-treaty", "2025-05-22")
    assert "MYS" not in _parties(built, "registration-convention", "2025-09-25")
    assert "MYS" in _parties(built, "registration-convention", "2025-09-26")


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
        FILTER (?i NOT IN (instrument:artemis-accords, instrument:iss-iga, instrument:jp-us-space-framework-agreement)) } ORDER BY ?date ?i""")
    assert rows == [("outer-space-treaty", "ratification", "1967-10-10"),
                    ("liability-convention", "accession", "1983-06-20"),
                    ("registration-convention", "accession", "1983-06-20")]


def test_copuos_admitted_china_and_syria_in_1980_and_kazakhstan_in_1995(built):
    members = spacecoop.run_query(built, "members", body="copuos", as_of="1980-12-31").column("iso3")
    assert {"CHN", "SYR"} <= set(members) and "KAZ" not in members
    assert "KAZ" in spacecoop.run_query(built, "members", body="copuos", as_of="1995-12-31").column("iso3")
    assert len(spacecoop.run_query(built, "members", body="copuos", as_of="2026-01-01").values()) == 102


def test_a_preparatory_meeting_is_a_meeting_but_neither_a_round_nor_a_dialogue_link(built):
    assert select(built.store, "SELECT ?m WHERE { ?m a sc:PreparatoryMeeting } ORDER BY ?m") == [
        ("jp-fr-comprehensive-space-dialogue-2020-11-30",)]
    meeting = "<https://w3id.org/spacecoop/meeting/jp-fr-comprehensive-space-dialogue-2020-11-30>"
    assert ask(built.store, f"ASK {{ {meeting} a/rdfs:subClassOf* sc:Meeting }}")
    assert not ask(built.store, f"ASK {{ {meeting} a sc:DialogueMeeting }}")
    assert not ask(built.store, f"ASK {{ {meeting} sc:round ?round }}")
    counted = spacecoop.run_query(built, "indicator-dialogues", country="JPN").records()
    assert [r["date"] for r in counted if r["fiscal_year"] == "2020"] == ["2020-08-26"]
    rounds = spacecoop.run_query(built, "dialogue-meetings", country="JPN", fiscal_year="2020").records()
    assert [r["start"] for r in rounds] == ["2020-08-26"]


def test_the_7th_japan_us_space_policy_consultation_is_a_round_held_by_2017_05_16(built):
    rows = select(built.store, """SELECT ?round ?day ?type WHERE {
        ?m sc:meetingOf body:jp-us-space-policy-consultation ; sc:round ?round ; sc:startShown ?day ; a ?type
        FILTER (?type = sc:DialogueMeeting) } ORDER BY ?round""")
    assert rows == [("6", "2015-09-10", "DialogueMeeting"), ("7", "attested 2017-05-16", "DialogueMeeting")]
    fy2017 = [r["label"] for r in spacecoop.run_query(built, "indicator-dialogues", country="JPN").records()
              if r["fiscal_year"] == "2017"]
    # held on some day before 2017-05-16, perhaps in FY2016: counted in no fiscal year
    assert fy2017 == ["Comprehensive Japan–US Dialogue on Space: 4th meeting (2017-05-16)"]


# --- Issue 16: the treaty, COPUOS and ICG lists, complete, against what the status sources count ---

_PARTY_TYPES = {"ratification", "accession", "consent-to-be-bound", "succession", "acceptance"}
_TREATIES = ("outer-space-treaty", "rescue-agreement", "liability-convention", "registration-convention",
             "moon-agreement")


def _standing_by_sparql(store, instrument, day):
    """States party and signatory-only on the day, from the consent actions (dated or attested)."""
    rows = select(store, f"""SELECT ?kind (COUNT(DISTINCT ?actor) AS ?n) WHERE {{
      {{ ?a sc:instrument instrument:{instrument} ; sc:actor ?actor ; sc:actionType ?t .
         {{ ?a sc:date ?d }} UNION {{ ?a sc:attestedOn ?d }}
         FILTER (?t IN (actiontype:ratification, actiontype:accession, actiontype:consent-to-be-bound,
                        actiontype:succession, actiontype:acceptance) && STR(?d) <= "{day}")
         FILTER NOT EXISTS {{ ?w sc:instrument instrument:{instrument} ; sc:actor ?actor ;
                              sc:actionType actiontype:withdrawal ; sc:date ?wd FILTER (STR(?wd) <= "{day}") }}
         BIND ("party" AS ?kind) }}
      UNION
      {{ ?a sc:instrument instrument:{instrument} ; sc:actor ?actor ; sc:actionType actiontype:signature .
         {{ ?a sc:date ?d }} UNION {{ ?a sc:attestedOn ?d }}
         FILTER (STR(?d) <= "{day}")
         FILTER NOT EXISTS {{ ?b sc:instrument instrument:{instrument} ; sc:actor ?actor ; sc:actionType ?t2 .
                              {{ ?b sc:date ?d2 }} UNION {{ ?b sc:attestedOn ?d2 }}
                              FILTER (STR(?d2) <= "{day}" && ?t2 != actiontype:signature) }}
         BIND ("signatory" AS ?kind) }}
      ?actor a sc:State .
    }} GROUP BY ?kind ORDER BY ?kind""")
    return {kind: int(n) for kind, n in rows}


def _standing_by_walking_triples(store, instrument, day):
    """The same rule, computed in Python from the raw triples: an independent count."""
    import pyoxigraph as ox

    sc = "https://w3id.org/spacecoop/ontology#"
    state = ox.NamedNode(sc + "State")
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    target = ox.NamedNode("https://w3id.org/spacecoop/instrument/" + instrument)
    events: dict[str, list[tuple[str, str]]] = {}
    for quad in store.quads_for_pattern(None, ox.NamedNode(sc + "instrument"), target):
        action = quad.subject
        actor = next(store.quads_for_pattern(action, ox.NamedNode(sc + "actor"), None)).object
        if not list(store.quads_for_pattern(actor, rdf_type, state)):
            continue
        kind = next(store.quads_for_pattern(action, ox.NamedNode(sc + "actionType"), None)).object.value
        days = [q.object.value for p in ("date", "attestedOn")
                for q in store.quads_for_pattern(action, ox.NamedNode(sc + p), None)]
        if days and days[0] <= day:
            events.setdefault(actor.value, []).append(kind.rsplit("/", 1)[-1])
    party = {a for a, kinds in events.items() if _PARTY_TYPES & set(kinds) and "withdrawal" not in kinds}
    signatory = {a for a, kinds in events.items() if set(kinds) == {"signature"}}
    return {"party": len(party), "signatory": len(signatory)}


def test_each_treaty_counts_exactly_its_parties_and_signatories_on_the_status_documents_days(built):
    # UNOOSA's table of 1 January 2015 counts 103 OST parties: the graph adds Brunei and Dominica
    # (accessions of 1984 and 1978 in the Dutch treaty database, blank in the parsed table) and the
    # Republic of China's ratification of 1970, which UNOOSA does not list. Its other columns match.
    expected = {
        ("2015-01-01", "outer-space-treaty"): {"party": 106, "signatory": 25},
        ("2015-01-01", "rescue-agreement"): {"party": 94, "signatory": 24},
        ("2015-01-01", "liability-convention"): {"party": 92, "signatory": 21},
        ("2015-01-01", "registration-convention"): {"party": 62, "signatory": 4},
        ("2015-01-01", "moon-agreement"): {"party": 16, "signatory": 4},
        ("2026-01-01", "outer-space-treaty"): {"party": 115, "signatory": 24},
        ("2026-01-01", "rescue-agreement"): {"party": 94, "signatory": 24},
        ("2026-01-01", "liability-convention"): {"party": 95, "signatory": 21},
        ("2026-01-01", "registration-convention"): {"party": 75, "signatory": 4},
        ("2026-01-01", "moon-agreement"): {"party": 17, "signatory": 4},
    }
    for (day, treaty), counts in expected.items():
        assert _standing_by_sparql(built.store, treaty, day) == counts, (day, treaty)
        assert _standing_by_walking_triples(built.store, treaty, day) == counts, (day, treaty)


def test_a_handful_of_exact_deposit_dates_per_treaty(built):
    rows = set(select(built.store, """SELECT ?i ?iso3 ?t ?d WHERE {
        ?a sc:instrument ?i ; sc:actor ?s ; sc:actionType ?t ; sc:date ?d . ?s sc:iso3 ?iso3 }"""))
    assert {
        ("outer-space-treaty", "AUS", "ratification", "1967-10-10"),
        ("outer-space-treaty", "ARM", "accession", "2018-03-28"),
        ("outer-space-treaty", "COL", "ratification", "2024-03-21"),
        ("outer-space-treaty", "BIH", "accession", "2020-09-29"),
        ("rescue-agreement", "AUS", "ratification", "1986-03-18"),
        ("rescue-agreement", "CHE", "ratification", "1969-12-18"),
        ("rescue-agreement", "CHN", "accession", "1988-12-14"),
        ("liability-convention", "CHE", "ratification", "1974-01-22"),
        ("liability-convention", "JPN", "accession", "1983-06-20"),
        ("liability-convention", "FIN", "ratification", "1977-02-01"),
        ("registration-convention", "AUT", "ratification", "1980-03-06"),
        ("registration-convention", "LUX", "accession", "2021-01-27"),
        ("registration-convention", "DZA", "accession", "2007-03-09"),
        ("moon-agreement", "AUS", "accession", "1986-07-07"),
        ("moon-agreement", "ARM", "accession", "2018-01-19"),
        ("moon-agreement", "AUT", "ratification", "1984-06-11"),
        ("outer-space-treaty", "MUS", "succession", "1969-04-07"),
        ("registration-convention", "NLD", "consent-to-be-bound", "1981-01-26"),
        ("registration-convention", "PHL", "accession", "2024-05-14"),
        ("liability-convention", "AUT", "consent-to-be-bound", "1980-01-10"),
        ("liability-convention", "DEU", "consent-to-be-bound", "1975-12-18"),
    } <= rows


def test_deposit_days_from_the_states_official_publications(built):
    # Poland's government statements list other states' deposits per depositary; where a state
    # deposited with several, the first deposit is its day, and where the statement says only
    # "ratification or accession" the kind stays unstated (consent-to-be-bound).
    publications = ("sip-lex-pl-dz-u-1973-27-155", "prawo-pl-akty-dz-u-1972-31-216",
                "net-jogtar-hu-jogszabaly-docid-96900022-tvr", "ciela-net-dv-1971-39-spogodba-za-spasyavane-na-kosmonavti",
                "anacom-pt-aviso-55-2019", "adilet-zan-kz-kaz-docs-z970000107")
    values = " ".join(f"<https://w3id.org/spacecoop/source/{s}>" for s in publications)
    rows = select(built.store, f"""SELECT ?i ?iso3 ?t ?d WHERE {{
        VALUES ?src {{ {values} }}
        ?a dcterms:source ?src ; sc:instrument ?i ; sc:actor ?s ; sc:actionType ?t ; sc:date ?d .
        ?s sc:iso3 ?iso3 FILTER NOT EXISTS {{ ?a sc:attestedOn ?any }} }} ORDER BY ?i ?iso3""")
    assert rows == [
        ("liability-convention", "DOM", "consent-to-be-bound", "1973-02-23"),
        ("liability-convention", "ECU", "ratification", "1972-08-17"),
        ("liability-convention", "HUN", "consent-to-be-bound", "1972-12-27"),
        ("liability-convention", "IRQ", "consent-to-be-bound", "1972-10-04"),
        ("liability-convention", "KAZ", "accession", "1998-06-11"),
        ("liability-convention", "KWT", "consent-to-be-bound", "1972-10-30"),
        ("liability-convention", "LAO", "consent-to-be-bound", "1973-03-20"),
        ("liability-convention", "MLI", "consent-to-be-bound", "1972-06-09"),
        ("liability-convention", "MNG", "consent-to-be-bound", "1972-09-14"),
        ("liability-convention", "NER", "consent-to-be-bound", "1972-09-01"),
        ("liability-convention", "POL", "ratification", "1973-01-25"),
        ("liability-convention", "PRT", "accession", "2019-06-27"),
        ("rescue-agreement", "BGR", "ratification", "1969-04-16"),
        ("rescue-agreement", "HUN", "ratification", "1969-06-04"),
        ("rescue-agreement", "ROU", "ratification", "1971-06-28"),
    ]


def test_approval_acts_give_the_kind_of_consent_but_not_its_day(built):
    # A ratification act or a decree approving accession says which instrument a state will
    # deposit, not when: the consent keeps the status table's day as an attestation.
    rows = select(built.store, """SELECT ?i ?iso3 ?t ?on WHERE {
        VALUES ?src { <https://w3id.org/spacecoop/source/uradni-list-si-2019-02-0001-mpruv>
                      <https://w3id.org/spacecoop/source/bo-io-gov-mo-decreto-lei-286-71>
                      <https://w3id.org/spacecoop/source/dre-tretas-org-decreto-24-2018> }
        ?a dcterms:source ?src ; sc:instrument ?i ; sc:actor ?s ; sc:actionType ?t ; sc:attestedOn ?on .
        ?s sc:iso3 ?iso3 FILTER NOT EXISTS { ?a sc:date ?d } } ORDER BY ?i ?iso3""")
    assert rows == [("outer-space-treaty", "PRT", "accession", "2015-01-01"),
                    ("outer-space-treaty", "SVN", "ratification", "2026-01-01"),
                    ("registration-convention", "PRT", "accession", "2026-01-01")]


def test_attested_consents_cite_the_status_table_of_their_day(built):
    rows = select(built.store, """SELECT ?day ?src (COUNT(?a) AS ?n) WHERE {
        ?a a sc:ConsentAction ; sc:attestedOn ?d ; dcterms:source ?s .
        FILTER (?s IN (<https://w3id.org/spacecoop/source/unoosa-status-2015>,
                       <https://w3id.org/spacecoop/source/unoosa-status-2026>))
        BIND (STR(?d) AS ?day) BIND (STRAFTER(STR(?s), "source/") AS ?src)
    } GROUP BY ?day ?src ORDER BY ?day""")
    assert [(day, src) for day, src, _ in rows] == [("2015-01-01", "unoosa-status-2015"),
                                                    ("2026-01-01", "unoosa-status-2026")]
    assert not ask(built.store, """ASK { ?a sc:attestedOn "2015-01-01"^^xsd:date ; sc:date ?d }""")


def test_intergovernmental_organisations_accept_the_liability_and_registration_conventions(built):
    rows = select(built.store, """SELECT ?i ?org WHERE {
        ?a sc:instrument ?i ; sc:actor ?org ; sc:actionType actiontype:acceptance .
        ?org a sc:IntergovernmentalOrganisation } ORDER BY ?i ?org""")
    assert rows == [("liability-convention", "esa"), ("liability-convention", "eumetsat"),
                    ("liability-convention", "eutelsat-igo"), ("registration-convention", "esa"),
                    ("registration-convention", "eumetsat"), ("registration-convention", "eutelsat-igo"),
                    ("registration-convention", "intersputnik")]


def _members(store, body, role, day):
    rows = select(store, f"""SELECT DISTINCT ?who WHERE {{
        ?m org:organization body:{body} ; org:role <https://w3id.org/spacecoop/concept/role/{role}> ;
           org:member ?x .
        {{ ?m sc:startDate ?d }} UNION {{ ?m sc:attestedOn ?d }}
        FILTER (STR(?d) <= "{day}")
        FILTER NOT EXISTS {{ ?m sc:endDate ?e FILTER (STR(?e) <= "{day}") }}
        OPTIONAL {{ ?x sc:iso3 ?iso3 }}
        BIND (COALESCE(?iso3, STRAFTER(STR(?x), "actor/")) AS ?who)
    }} ORDER BY ?who""")
    return [who for (who,) in rows]


def test_copuos_has_102_of_the_104_members_its_68th_session_counted(built):
    count = select(built.store, """SELECT ?n ?day WHERE { <https://w3id.org/spacecoop/coverage/copuos-members>
        sc:expectedCount ?n ; sc:countedOn ?day }""")
    assert count == [("104", "2025-06-25")]
    members = _members(built.store, "copuos", "member", "2025-06-25")
    assert len(members) == 102
    assert {"DJI", "LVA", "GTM", "UZB", "DZA", "ESP", "VNM", "JPN", "CRI", "JOR", "DOM", "SGP"} <= set(members)
    assert "RWA" not in members  # applied in June 2019; no document read shows it a member


def test_copuos_members_a_un_document_shows_are_members_from_that_documents_day(built):
    rows = select(built.store, """SELECT ?iso3 ?day ?src WHERE {
        ?m org:organization body:copuos ; org:member ?s ; sc:attestedOn ?d ; dcterms:source ?src .
        ?s sc:iso3 ?iso3 BIND (STR(?d) AS ?day) FILTER (?day >= "2019") } ORDER BY ?iso3 ?src""")
    assert rows == [
        ("CRI", "2019-02-14", "docslib-org-doc-8407618-a-ac105-c1-l374"),
        ("CRI", "2019-02-14", "profilpelajar-pt-copuos"),
        ("CRI", "2019-02-14", "scribd-com-document-458000044-a-ac105-c1-l385-add1"),
        ("DOM", "2020-02-07", "docslib-org-doc-8407618-a-ac105-c1-l374"),
        ("DOM", "2020-02-07", "scribd-com-document-458000044-a-ac105-c1-l385-add1"),
        ("JOR", "2019-02-14", "docslib-org-doc-8407618-a-ac105-c1-l374"),
        ("JOR", "2019-02-14", "profilpelajar-pt-copuos"),
        ("SGP", "2020-02-07", "mfa-gov-sg-fourth-committee-2019-10-30"),
        ("SGP", "2020-02-07", "mfa-gov-sg-fourth-committee-2022-10-28"),
        ("SGP", "2020-02-07", "scribd-com-document-458000044-a-ac105-c1-l385-add1"),
    ]
    # an attested member is a member from the document's day, not before
    assert {"CRI", "JOR"}.isdisjoint(_members(built.store, "copuos", "member", "2019-02-13"))
    on_the_day = _members(built.store, "copuos", "member", "2019-02-14")
    # the Dominican Republic attended that session as an observer
    assert {"CRI", "JOR"} <= set(on_the_day) and "DOM" not in on_the_day
    assert {"DOM", "SGP"} <= set(_members(built.store, "copuos", "member", "2020-02-07"))


def test_copuos_admissions_are_dated_to_the_day_of_the_general_assemblys_resolution(built):
    rows = select(built.store, """SELECT ?day (COUNT(?m) AS ?n) WHERE {
        ?m org:organization body:copuos ; sc:startDate ?d FILTER (DATATYPE(?d) = xsd:date) BIND (STR(?d) AS ?day)
    } GROUP BY ?day ORDER BY ?day""")
    # 18 in the ad hoc committee (res. 1348 (XIII)), then res. 1472 (XIV), 1721 E (XVI), 3182 (XXVIII), 32/196 B
    assert rows == [("1958-12-13", "18"), ("1959-12-12", "6"), ("1961-12-20", "4"), ("1973-12-18", "8"),
                    ("1977-12-20", "9")]
    days = dict(select(built.store, """SELECT ?iso3 ?day WHERE {
        ?m org:organization body:copuos ; org:member ?s ; sc:startDate ?d . ?s sc:iso3 ?iso3 BIND (STR(?d) AS ?day)
        FILTER (?iso3 IN ("ALB", "BEN", "JPN", "MNG", "VEN")) }"""))
    assert days == {"ALB": "1959-12-12", "BEN": "1977-12-20", "JPN": "1958-12-13", "MNG": "1961-12-20",
                    "VEN": "1973-12-18"}


def test_the_icg_has_its_members_associate_members_and_observers(built):
    assert _members(built.store, "icg", "member", "2026-12-31") == [
        "ARE", "AUS", "CHN", "DZA", "IND", "ITA", "JPN", "KOR", "MYS", "NGA", "NZL", "RUS", "TUR", "USA",
        "esa", "eu"]
    assert _members(built.store, "icg", "associate-member", "2026-12-31") == [
        "cgsic", "euref", "fai", "fig", "unoosa"]
    assert _members(built.store, "icg", "observer", "2026-12-31") == ["apsco", "bipm", "cospar", "ioag", "itu"]


def test_the_icg_observers_are_dated_where_unoosa_gives_a_year_and_attested_elsewhere(built):
    # the IOAG from 2011 (UNOOSA's page on it); the ITU and COSPAR from the Korean ministries'
    # statement reported on 2021-10-20, APSCO from a 2023 proceedings paper, the BIPM from its own
    # undated page read in 2026
    assert _members(built.store, "icg", "observer", "2021-10-19") == ["ioag"]
    assert _members(built.store, "icg", "observer", "2021-10-20") == ["cospar", "ioag", "itu"]
    assert _members(built.store, "icg", "observer", "2023-12-31") == ["apsco", "cospar", "ioag", "itu"]


def test_the_icg_associate_members_dated_by_unoosa_carry_the_year_only(built):
    rows = select(built.store, """SELECT ?who ?start ?type WHERE {
        ?m org:organization body:icg ; org:member ?x ; sc:startDate ?d ; dcterms:source ?s .
        ?s <https://schema.org/url> ?url FILTER (CONTAINS(STR(?url), "unoosa.org/oosa/en/ourwork/icg/members/"))
        BIND (STRAFTER(STR(?x), "actor/") AS ?who) BIND (STR(?d) AS ?start) BIND (STR(DATATYPE(?d)) AS ?type)
    } ORDER BY ?who""")
    year = "http://www.w3.org/2001/XMLSchema#gYear"
    assert rows == [("cgsic", "2005", year), ("fai", "2011", year), ("fig", "2005", year), ("ioag", "2011", year)]


def test_coverage_statements_name_each_list_with_its_count_and_day(built):
    """A list counted again on a later day (the Outer Space Treaty's parties) has a statement per day."""
    rows = select(built.store, """SELECT ?c ?of ?kind ?n ?day WHERE {
        ?c a sc:ReferenceCount ; sc:countOf ?of ; sc:countKind ?kind ; sc:expectedCount ?n ; sc:countedOn ?day
    } ORDER BY ?c""")
    assert rows == [
        ("artemis-accords-signatories", "artemis-accords", "signatory", "61", "2026-01-26"),
        ("copuos-members", "copuos", "member", "104", "2025-06-25"),
        ("icg-associate-members", "icg", "associate-member", "12", "2021-10-20"),
        ("icg-observers", "icg", "observer", "8", "2021-10-20"),
        ("ilrs-member", "ilrs", "member", "17", "2024-09-05"),
        ("iss-iga-signatory", "iss-iga", "signatory", "15", "1998-01-29"),
        ("liability-convention-parties", "liability-convention", "party", "92", "2015-01-01"),
        ("liability-convention-signatories", "liability-convention", "signatory", "21", "2015-01-01"),
        ("moon-agreement-parties", "moon-agreement", "party", "16", "2015-01-01"),
        ("moon-agreement-signatories", "moon-agreement", "signatory", "4", "2015-01-01"),
        ("outer-space-treaty-parties", "outer-space-treaty", "party", "103", "2015-01-01"),
        ("outer-space-treaty-parties-2025", "outer-space-treaty", "party", "116", "2025-05-23"),
        ("outer-space-treaty-signatories", "outer-space-treaty", "signatory", "23", "2026-01-01"),
        ("quad-members", "quad", "member", "4", "2021-09-24"),
        ("registration-convention-parties", "registration-convention", "party", "77", "2026-01-01"),
        ("registration-convention-signatories", "registration-convention", "signatory", "4", "2015-01-01"),
        ("rescue-agreement-parties", "rescue-agreement", "party", "94", "2015-01-01"),
        ("rescue-agreement-signatories", "rescue-agreement", "signatory", "24", "2015-01-01"),
    ]


def test_japanese_labels_of_consents_and_memberships_name_the_actor_in_japanese(built):
    rows = select(built.store, """SELECT ?n ?label WHERE {
        { ?n a sc:ConsentAction ; sc:actor ?a } UNION { ?n a sc:Membership ; org:member ?a }
        ?n rdfs:label ?label FILTER (LANG(?label) = "ja")
        ?a rdfs:label ?name FILTER (LANG(?name) = "en")
        # never the English name where the Japanese one belongs ("Angola：アルテミス合意に署名")
        FILTER (STRBEFORE(?label, "：") = STR(?name))
        FILTER NOT EXISTS { ?n org:organization body:quad }
        FILTER NOT EXISTS { ?n org:organization body:quad-space-wg }
        FILTER NOT EXISTS { ?n sc:instrument instrument:jp-us-space-framework-agreement }
    }""")
    assert rows == []
    assert select(built.store, """SELECT ?l WHERE { <https://w3id.org/spacecoop/action/artemis-accords-AGO-signature>
        rdfs:label ?l FILTER (LANG(?l) = "ja") }""") == [("アンゴラ：アルテミス合意に署名",)]


def test_the_icg_meetings_of_2022_and_2025_are_korea_s_with_their_days_and_places(built):
    rows = select(built.store, """SELECT ?round ?start ?end ?place ?who WHERE {
        ?m sc:meetingOf body:icg ; sc:round ?round ; sc:startDate ?start ; sc:endDate ?end ; sc:place ?place .
        OPTIONAL { ?m sc:party/sc:iso3 ?who } FILTER (?round IN (16, 19)) } ORDER BY ?round""")
    assert rows == [("16", "2022-10-09", "2022-10-14", "Abu Dhabi, United Arab Emirates", "KOR"),
                    ("19", "2025-10-19", "2025-10-24", "Busan, Republic of Korea", "KOR")]
