"""Derived triples: day bounds from dates of any precision, and shortcut edges from the rules."""

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


def test_infer_adds_bounds_and_shortcuts_on_a_tiny_graph():
    store = ox.Store()
    store.load(
        """@prefix sc: <https://w3id.org/spacecoop/ontology#> . @prefix org: <http://www.w3.org/ns/org#> .
        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> . @prefix ex: <http://ex/> .
        ex:m org:member ex:a ; org:organization ex:b ; sc:startDate "2001"^^xsd:gYear .
        ex:w sc:actor ex:a ; sc:instrument ex:i ; sc:actionType <https://w3id.org/spacecoop/concept/action/withdrawal> ; sc:date "2024-01-05"^^xsd:date .
        ex:s sc:actor ex:a ; sc:instrument ex:j ; sc:actionType <https://w3id.org/spacecoop/concept/action/signature> ; sc:attestedOn "1968-11"^^xsd:gYearMonth .
        ex:g sc:meetingOf ex:b ; sc:party ex:a, ex:c ; sc:startDate "2023-01-18"^^xsd:date ; sc:endDate "2023-01"^^xsd:gYearMonth .""",
        format=ox.RdfFormat.TURTLE,
    )
    infer(store)
    rows = select(store, "SELECT ?s ?p ?o WHERE { ?s ?p ?o FILTER (?p IN (sc:beginsOn, sc:endsOn, sc:memberOf, sc:signatoryOf, sc:participatedIn, sc:metWith)) }")
    assert sorted(rows) == [
        ("http://ex/a", "memberOf", "http://ex/b"),
        ("http://ex/a", "metWith", "http://ex/c"),
        ("http://ex/a", "participatedIn", "http://ex/b"),
        ("http://ex/a", "signatoryOf", "http://ex/j"),
        ("http://ex/c", "metWith", "http://ex/a"),
        ("http://ex/c", "participatedIn", "http://ex/b"),
        ("http://ex/g", "beginsOn", "2023-01-18"),
        ("http://ex/g", "endsOn", "2023-01-31"),
        ("http://ex/m", "beginsOn", "2001-01-01"),
        ("http://ex/s", "beginsOn", "1968-11-30"),
        ("http://ex/w", "beginsOn", "2024-01-05"),
    ]


def test_shortcut_edges_agree_with_the_nodes_they_come_from(store):
    """No shortcut without a node behind it, and no node without its shortcut."""
    assert not ask(store, "ASK { ?a sc:memberOf ?b FILTER NOT EXISTS { ?m org:member ?a ; org:organization ?b } }")
    assert not ask(store, "ASK { ?m org:member ?a ; org:organization ?b FILTER NOT EXISTS { ?a sc:memberOf ?b } }")
    assert not ask(store, "ASK { ?a sc:signatoryOf ?i FILTER NOT EXISTS { ?c sc:actor ?a ; sc:instrument ?i } }")
    assert not ask(store, "ASK { ?a sc:metWith ?b FILTER NOT EXISTS { ?b sc:metWith ?a } }")


def test_shortcuts_are_never_written_by_hand(project):
    for path in project.graph_files:
        text = path.read_text(encoding="utf-8")
        for name in ("sc:memberOf", "sc:signatoryOf", "sc:participatedIn", "sc:metWith", "sc:beneficiaryOf", "sc:beginsOn", "sc:endsOn"):
            if path.name != "spacecoop.ttl":
                assert name not in text, f"{path.name} writes {name} by hand"


def test_saudi_withdrawal_ends_its_moon_agreement_consent_on_the_day_it_took_effect(store):
    rows = select(store, """SELECT ?type ?date WHERE { ?c sc:actor country:SAU ; sc:instrument instrument:moon-agreement ;
        sc:actionType ?t ; sc:date ?date . BIND (STRAFTER(STR(?t), "action/") AS ?type) } ORDER BY ?date""")
    assert rows == [("accession", "2012-07-18"), ("withdrawal", "2024-01-05")]
