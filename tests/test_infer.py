"""Derived triples: date bounds at the precision given, standings, fiscal years, source texts."""

from __future__ import annotations

from datetime import date

import pyoxigraph as ox
import pytest
from conftest import ask, select

from spacecoop.infer import first_day, fiscal_year_of, fiscal_year_start, infer, last_day

XSD = "http://www.w3.org/2001/XMLSchema#"


def lit(value: str, kind: str) -> ox.Literal:
    return ox.Literal(value, datatype=ox.NamedNode(XSD + kind))


@pytest.mark.parametrize(
    ("value", "kind", "first", "last"),
    [
        ("2023-01-18", "date", date(2023, 1, 18), date(2023, 1, 18)),
        ("2024-02", "gYearMonth", date(2024, 2, 1), date(2024, 2, 29)),
        ("2023-02", "gYearMonth", date(2023, 2, 1), date(2023, 2, 28)),
        ("1959", "gYear", date(1959, 1, 1), date(1959, 12, 31)),
        ("2023-02-30", "date", None, None),
        ("March", "gYear", None, None),
    ],
)
def test_first_and_last_day_of_a_date_of_any_precision(value, kind, first, last):
    assert first_day(lit(value, kind)) == first
    assert last_day(lit(value, kind)) == last


def test_japanese_fiscal_year_runs_april_to_march():
    assert fiscal_year_start(lit("2023", "gYear")) == date(2023, 4, 1)
    assert fiscal_year_of(date(2023, 3, 31)) == 2022
    assert fiscal_year_of(date(2023, 4, 1)) == 2023


TINY = """@prefix sc: <https://w3id.org/spacecoop/ontology#> . @prefix org: <http://www.w3.org/ns/org#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> . @prefix ex: <http://ex/> .
@prefix act: <https://w3id.org/spacecoop/concept/action/> .
ex:m org:member ex:a ; org:organization ex:b ; sc:startDate "2001"^^xsd:gYear ; sc:endDate "2004-02"^^xsd:gYearMonth .
ex:sign sc:actor ex:a ; sc:instrument ex:i ; sc:actionType act:signature ; sc:attestedOn "1968-11"^^xsd:gYearMonth .
ex:ratify sc:actor ex:a ; sc:instrument ex:i ; sc:actionType act:ratification ; sc:date "1970"^^xsd:gYear .
ex:leave sc:actor ex:a ; sc:instrument ex:i ; sc:actionType act:withdrawal ; sc:date "2024-01-05"^^xsd:date .
ex:g sc:meetingOf ex:b ; sc:party ex:a, ex:c ; sc:startDate "2023-03-31"^^xsd:date ; sc:endDate "2023-04-02"^^xsd:date .
ex:y sc:meetingOf ex:b ; sc:party ex:a ; sc:startDate "2023"^^xsd:gYear .
ex:f sc:funder ex:a ; sc:fiscalYear "2023"^^xsd:gYear .
"""
BOUNDS = "sc:earliestStart sc:latestStart sc:earliestEnd sc:latestEnd sc:startShown sc:endShown sc:inFiscalYear"


def _tiny():
    store = ox.Store()
    store.load(TINY, format=ox.RdfFormat.TURTLE)
    infer(store)
    return store


def test_infer_derives_date_bounds_at_the_precision_given():
    rows = select(_tiny(), f"SELECT ?s ?p ?o WHERE {{ VALUES ?p {{ {BOUNDS} }} ?s ?p ?o FILTER (STRSTARTS(STR(?s), 'http://ex/')) }}")
    assert sorted(rows) == [
        ("http://ex/f", "earliestStart", "2023-04-01"), ("http://ex/f", "inFiscalYear", "2023"),
        ("http://ex/f", "latestStart", "2024-03-31"), ("http://ex/f", "startShown", "FY2023"),
        # a meeting on the last day of FY2022
        ("http://ex/g", "earliestEnd", "2023-04-03"), ("http://ex/g", "earliestStart", "2023-03-31"),
        ("http://ex/g", "endShown", "2023-04-02"), ("http://ex/g", "inFiscalYear", "2022"),
        ("http://ex/g", "latestEnd", "2023-04-03"), ("http://ex/g", "latestStart", "2023-03-31"),
        ("http://ex/g", "startShown", "2023-03-31"),
        ("http://ex/leave", "earliestStart", "2024-01-05"), ("http://ex/leave", "inFiscalYear", "2023"),
        ("http://ex/leave", "latestStart", "2024-01-05"), ("http://ex/leave", "startShown", "2024-01-05"),
        # ended some day of February 2004: perhaps no longer from 2004-02-02, certainly from 2004-03-01
        ("http://ex/m", "earliestEnd", "2004-02-02"), ("http://ex/m", "earliestStart", "2001-01-01"),
        ("http://ex/m", "endShown", "2004-02"), ("http://ex/m", "latestEnd", "2004-03-01"),
        ("http://ex/m", "latestStart", "2001-12-31"), ("http://ex/m", "startShown", "2001"),
        ("http://ex/ratify", "earliestStart", "1970-01-01"), ("http://ex/ratify", "latestStart", "1970-12-31"),
        ("http://ex/ratify", "startShown", "1970"),
        # attested only: no earliest start
        ("http://ex/sign", "latestStart", "1968-11-30"), ("http://ex/sign", "startShown", "attested 1968-11"),
        # a year spans two fiscal years: no fiscal year
        ("http://ex/y", "earliestStart", "2023-01-01"), ("http://ex/y", "latestStart", "2023-12-31"),
        ("http://ex/y", "startShown", "2023"),
    ]


def test_infer_derives_one_standing_per_spell_signatory_then_party_then_out():
    rows = select(_tiny(), """SELECT ?kind ?holder ?framework ?start ?end ?by WHERE {
        ?s a sc:Standing ; sc:standingKind ?k ; sc:holder ?holder ; sc:framework ?framework ; sc:startShown ?start ;
           sc:startedBy ?by .
        OPTIONAL { ?s sc:endShown ?end }
        BIND (STRAFTER(STR(?k), "concept/") AS ?kind) } ORDER BY ?kind""")
    assert rows == [
        ("role/member", "http://ex/a", "http://ex/b", "2001", "2004-02", "http://ex/m"),
        ("status/party", "http://ex/a", "http://ex/i", "1970", "2024-01-05", "http://ex/ratify"),
        ("status/signatory", "http://ex/a", "http://ex/i", "attested 1968-11", "1970", "http://ex/sign"),
    ]


def test_holder_count_is_the_number_of_distinct_actors_with_a_standing_in_the_framework():
    """A signatory that became a party counts once; the jp-us agreement is bilateral."""
    from pathlib import Path

    from spacecoop.pipeline import build_graph

    root = Path(__file__).resolve().parents[1]
    files = [root / "ontology" / "spacecoop.ttl", root / "ontology" / "concepts.ttl",
             root / "tests" / "fixtures" / "world.ttl"]
    rows = select(build_graph(files, check=False).store,
                  "SELECT ?f ?n WHERE { ?framework sc:holderCount ?n BIND (STRAFTER(STR(?framework), 'spacecoop/') AS ?f) }")
    assert sorted(rows) == [("body/copuos", "7"), ("body/icg", "2"), ("instrument/artemis-accords", "5"),
                            ("instrument/jp-us-agreement", "2"), ("instrument/moon-agreement", "3")]
    tiny = select(_tiny(), "SELECT ?framework ?n WHERE { ?framework sc:holderCount ?n }")
    assert sorted(tiny) == [("http://ex/b", "1"), ("http://ex/i", "1")]


def test_every_standing_comes_from_nodes_of_its_own_actor_and_framework(store):
    """No standing without the node that began it, and every membership and every first
    consent of an actor to an instrument begins one."""
    assert not ask(store, """ASK { ?s a sc:Standing ; sc:holder ?a ; sc:framework ?f ; sc:startedBy ?n
        FILTER NOT EXISTS { { ?n org:member ?a ; org:organization ?f } UNION { ?n sc:actor ?a ; sc:instrument ?f } } }""")
    assert not ask(store, "ASK { ?m org:member ?a ; org:organization ?b FILTER NOT EXISTS { ?s sc:startedBy ?m } }")
    assert not ask(store, """ASK { ?c sc:actor ?a ; sc:instrument ?i ; sc:actionType ?t
        FILTER (?t != actiontype:withdrawal) FILTER NOT EXISTS { ?s sc:holder ?a ; sc:framework ?i } }""")


def test_derived_terms_are_never_written_by_hand(project):
    derived = ("sc:Standing", "sc:holder", "sc:framework", "sc:standingKind", "sc:startedBy", "sc:earliestStart",
               "sc:latestStart", "sc:earliestEnd", "sc:latestEnd", "sc:startShown", "sc:endShown", "sc:inFiscalYear",
               "sc:sourceText", "sc:holderCount")
    for path in project.graph_files:
        if path.name == "spacecoop.ttl":
            continue
        text = path.read_text(encoding="utf-8")
        for name in derived:
            assert f"{name} " not in text and f"{name}\n" not in text, f"{path.name} writes {name} by hand"


def test_saudi_withdrawal_ends_its_moon_agreement_consent_on_the_day_it_took_effect(store):
    rows = select(store, """SELECT ?type ?date WHERE { ?c sc:actor country:SAU ; sc:instrument instrument:moon-agreement ;
        sc:actionType ?t ; sc:date ?date . BIND (STRAFTER(STR(?t), "action/") AS ?type) } ORDER BY ?date""")
    assert rows == [("accession", "2012-07-18"), ("withdrawal", "2024-01-05")]
