"""Every shape fails on its invalid fixture with exactly the expected results.

Results are compared as sets of (focus node, path, constraint component), never by the text
of the report. Each fixture is validated with the ontology, the countries and the sources they
cite, as a user's new file would be.
"""

from __future__ import annotations

import re

import pytest
from conftest import FIXTURES, ROOT

from spacecoop.pipeline import build_graph
from spacecoop.validate import load_shapes, validate

BASE_FILES = [ROOT / "ontology" / "spacecoop.ttl", ROOT / "ontology" / "concepts.ttl", ROOT / "data" / "countries.ttl",
              ROOT / "data" / "sources.ttl", ROOT / "data" / "actors.ttl", ROOT / "data" / "agents.ttl"]  # sources' publishers

EXPECTED = {
    "agency-agreement": {
        ("instrument:one-sided", "(complex path)", "MinCountConstraintComponent"),
        ("instrument:signed-by-a-state", "(complex path)", "OrConstraintComponent"),
    },
    "capacity-building-activity": {
        ("activity:for-nobody", "sc:beneficiary", "MinCountConstraintComponent"),
        ("activity:for-nobody", "sc:organiser", "MinCountConstraintComponent"),
        ("activity:unknown-beneficiary", "sc:beneficiary", "ClassConstraintComponent"),
    },
    "commitment": {
        ("https://w3id.org/spacecoop/commitment/english-only", "dcterms:subject", "MinCountConstraintComponent"),
        ("https://w3id.org/spacecoop/commitment/english-only", "rdfs:label", "QualifiedMinCountConstraintComponent"),
        ("https://w3id.org/spacecoop/commitment/topic-is-a-body", "dcterms:subject", "ClassConstraintComponent"),
    },
    "concept-scheme": {
        ("https://w3id.org/spacecoop/concept/flat", "skos:hasTopConcept", "MinCountConstraintComponent"),
    },
    "consent-action": {
        ("action:no-actor-no-instrument", "sc:actor", "MinCountConstraintComponent"),
        ("action:no-actor-no-instrument", "sc:instrument", "MinCountConstraintComponent"),
        ("action:unknown-type", "sc:actionType", "InConstraintComponent"),
        ("action:unknown-type", "sc:actor", "ClassConstraintComponent"),
        ("action:unknown-type", "sc:instrument", "ClassConstraintComponent"),
    },
    "contribution": {
        ("contribution:bad", "sc:amount", "MinInclusiveConstraintComponent"),
        ("contribution:bad", "sc:amount", "OrConstraintComponent"),
        ("contribution:bad", "sc:funder", "MinCountConstraintComponent"),
        ("contribution:bad", "sc:recipient", "MinCountConstraintComponent"),
    },
    "dated": {
        ("action:two-dates", "sc:date", "MaxCountConstraintComponent"),
        ("meeting:ends-before-start", "sc:earliestStart", "LessThanConstraintComponent"),
        ("meeting:impossible-day", "sc:latestStart", "MinCountConstraintComponent"),
        ("meeting:impossible-day", "sc:startDate", "OrConstraintComponent"),
        ("meeting:plain-string-date", "sc:latestStart", "MinCountConstraintComponent"),
        ("meeting:plain-string-date", "sc:startDate", "OrConstraintComponent"),
        ("meeting:month-thirteen-end", "sc:endDate", "OrConstraintComponent"),
        ("meeting:month-thirteen-end", "sc:endDate", "PatternConstraintComponent"),
        ("meeting:plain-string-date", "sc:startDate", "PatternConstraintComponent"),
        ("membership:attested-yesterday", "sc:attestedOn", "OrConstraintComponent"),
        ("membership:attested-yesterday", "sc:attestedOn", "PatternConstraintComponent"),
        ("membership:attested-yesterday", "sc:latestStart", "MinCountConstraintComponent"),
    },
    "body": {
        ("body:child-of-a-state", "org:subOrganizationOf", "ClassConstraintComponent"),
        ("body:dated-without-source", "", "OrConstraintComponent"),
        ("body:dated-without-source", "sc:establishedOn", "OrConstraintComponent"),
    },
    "instrument": {
        ("instrument:dated-without-source", "", "OrConstraintComponent"),
        ("instrument:dated-without-source", "sc:adoptedOn", "OrConstraintComponent"),
        ("instrument:dated-without-source", "sc:adoptedOn", "PatternConstraintComponent"),
        ("instrument:dated-without-source", "sc:enteredIntoForceOn", "MaxCountConstraintComponent"),
        ("instrument:dated-without-source", "sc:openedForSignatureOn", "OrConstraintComponent"),  # month 13
        ("instrument:dated-without-source", "sc:openedForSignatureOn", "PatternConstraintComponent"),
    },
    "pledge": {
        ("action:pledge-empty", "dcterms:source", "MinCountConstraintComponent"),
        ("action:pledge-empty", "sc:latestStart", "MinCountConstraintComponent"),
        ("action:pledge-empty", "sc:commitment", "MinCountConstraintComponent"),
        ("action:pledge-empty", "sc:pledgedBy", "MinCountConstraintComponent"),
        ("action:pledge-wrong", "dcterms:source", "ClassConstraintComponent"),  # source not declared
        ("action:pledge-wrong", "sc:announcedAt", "ClassConstraintComponent"),  # a body, not a meeting
        ("action:pledge-wrong", "sc:commitment", "ClassConstraintComponent"),
        ("action:pledge-wrong", "sc:pledgedBy", "ClassConstraintComponent"),  # country:QQQ is no state
        ("source:undeclared", "", "ClassConstraintComponent"),  # cited, never declared
    },
    "policy": {
        ("doc:x/F9", "sc:serves", "MinCountConstraintComponent"),
        ("doc:x/G9", "dcterms:isPartOf", "MinCountConstraintComponent"),
        ("doc:x/I9", "sc:countingRule", "MaxCountConstraintComponent"),
        ("doc:x/I9", "sc:countingRule", "PatternConstraintComponent"),
    },
    "project": {("project:nobody-runs-it", "sc:organiser", "MinCountConstraintComponent")},
    "publisher": {
        ("agent:nameless", "rdfs:label", "MinCountConstraintComponent"),
        ("source:half-a-period-period", "dcat:endDate", "MinCountConstraintComponent"),
        ("source:period-without-start", "dcat:startDate", "MinCountConstraintComponent"),
        ("source:publisher-as-text", "dcterms:publisher", "ClassConstraintComponent"),
        ("source:publisher-as-text", "dcterms:publisher", "NodeKindConstraintComponent"),
        ("source:publisher-as-text", "dcterms:temporal", "ClassConstraintComponent"),
        ("source:publisher-as-text", "dcterms:temporal", "NodeKindConstraintComponent"),
        ("source:publisher-not-an-agent", "dcterms:publisher", "ClassConstraintComponent"),
    },
    "reference-count": {
        ("coverage:counted-badly", "sc:countKind", "InConstraintComponent"),
        ("coverage:counted-badly", "sc:countedOn", "OrConstraintComponent"),
        ("coverage:counted-badly", "sc:countsOnly", "InConstraintComponent"),
        ("coverage:counted-badly", "sc:expectedCount", "MinInclusiveConstraintComponent"),
        ("coverage:of-nothing", "dcterms:source", "MinCountConstraintComponent"),
        ("coverage:of-nothing", "sc:countOf", "OrConstraintComponent"),
    },
    "dialogue-meeting": {
        ("meeting:one-party", "sc:meetingOf", "ClassConstraintComponent"),
        ("meeting:one-party", "sc:party", "MinCountConstraintComponent"),
    },
    "dialogue-series": {("body:monologue", "sc:party", "MinCountConstraintComponent")},
    "effort": {("doc:x/E9", "sc:serves", "MinCountConstraintComponent")},
    "evaluation-result": {("doc:x/V9", "sc:evaluates", "ClassConstraintComponent")},
    "government-body": {
        ("actor:agency-of-a-body", "sc:ofState", "ClassConstraintComponent"),
        ("actor:stateless-agency", "sc:ofState", "MinCountConstraintComponent"),
    },
    "has-date": {("membership:no-date", "sc:latestStart", "MinCountConstraintComponent")},
    "indicator-value": {
        ("doc:x/I9-FY2021", "sc:fiscalYear", "OrConstraintComponent"),
        ("doc:x/I9-FY2021", "sc:indicator", "MinCountConstraintComponent"),
        ("doc:x/I9-FY2021", "sc:reportedValue", "MinInclusiveConstraintComponent"),
    },
    "labelled": {
        ("body:no-japanese", "rdfs:label", "QualifiedMinCountConstraintComponent"),
        ("body:no-labels", "rdfs:label", "QualifiedMinCountConstraintComponent"),
        ("body:no-labels", "rdfs:label", "MinCountConstraintComponent"),  # a body is an agent (shape:Agent)
        ("body:two-english", "rdfs:label", "QualifiedMaxCountConstraintComponent"),
    },
    "meeting": {
        ("meeting:of-nothing", "sc:meetingOf", "MinCountConstraintComponent"),
        ("meeting:of-nothing", "sc:party", "ClassConstraintComponent"),
        ("meeting:of-nothing", "sc:round", "MinInclusiveConstraintComponent"),
    },
    "membership": {
        ("membership:empty", "org:member", "MinCountConstraintComponent"),
        ("membership:empty", "org:organization", "MinCountConstraintComponent"),
        ("membership:empty", "org:role", "ClassConstraintComponent"),
        ("membership:unknown-member", "org:member", "ClassConstraintComponent"),
    },
    "navigation-satellite-system": {
        ("gnss:orphan", "sc:operatedBy", "MinCountConstraintComponent"),
    },
    "preparatory-meeting": {
        ("meeting:prepares-and-is-a-round", "", "NotConstraintComponent"),
        ("meeting:prepares-as-a-round", "sc:round", "MaxCountConstraintComponent"),
    },
    "resolution": {
        ("instrument:miscounted", "sc:abstentions", "MaxCountConstraintComponent"),
        ("instrument:miscounted", "sc:votesAgainst", "OrConstraintComponent"),  # 9.5 is no whole number
        ("instrument:miscounted", "sc:votesInFavour", "MinInclusiveConstraintComponent"),
    },
    "source": {
        ("source:javascript-url", "schema:url", "PatternConstraintComponent"),
        ("source:no-title", "dcterms:title", "MinCountConstraintComponent"),
        ("source:no-url-no-reference", "", "OrConstraintComponent"),
    },
    "sourced": {
        ("membership:no-source", "dcterms:source", "MinCountConstraintComponent"),
        ("membership:undeclared-source", "dcterms:source", "ClassConstraintComponent"),
        ("source:nowhere", "", "ClassConstraintComponent"),  # cited, never declared
    },
    "state": {
        ("country:NOCODE", "sc:iso3", "MinCountConstraintComponent"),
        ("country:XYZ", "sc:iso2", "PatternConstraintComponent"),
        ("country:XYZ", "sc:iso3", "PatternConstraintComponent"),  # not an ISO 3166-1 code
        ("country:XYZ", "sc:isoNumeric", "PatternConstraintComponent"),
    },
    "vote": {
        ("action:vote-empty", "dcterms:source", "MinCountConstraintComponent"),
        ("action:vote-empty", "sc:latestStart", "MinCountConstraintComponent"),
        ("action:vote-empty", "sc:onResolution", "MinCountConstraintComponent"),
        ("action:vote-empty", "sc:voteCast", "MinCountConstraintComponent"),
        ("action:vote-empty", "sc:voter", "MinCountConstraintComponent"),
        ("action:vote-wrong", "sc:onResolution", "ClassConstraintComponent"),  # a treaty, not a resolution
        ("action:vote-wrong", "sc:voteCast", "InConstraintComponent"),
        ("action:vote-wrong", "sc:voter", "ClassConstraintComponent"),
    },
}


def test_every_fixture_has_an_expectation_and_every_expectation_a_fixture():
    assert {p.stem for p in (FIXTURES / "invalid").glob("*.ttl")} == set(EXPECTED)


@pytest.fixture(scope="module")
def reports(project):
    """Each fixture's report, computed once for the module."""
    return {
        name: build_graph(BASE_FILES + [FIXTURES / "invalid" / f"{name}.ttl"], project.shape_files).report
        for name in EXPECTED
    }


def test_every_property_shape_fires_on_some_fixture(project, reports):
    """A constraint without a fixture that makes it fire is one nobody has seen fail."""
    shapes_text = "".join(p.read_text(encoding="utf-8") for p in project.shape_files)
    fired = {row.shape for report in reports.values() for row in report.rows}
    property_shapes = set(re.findall(r"^(shape:[\w-]+)\n    a sh:PropertyShape", shapes_text, re.M))
    assert property_shapes - fired == set()


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_invalid_fixture_fails_with_exactly_the_expected_results(reports, name):
    report = reports[name]
    assert not report.conforms
    assert report.results() == EXPECTED[name]


def test_violation_rows_name_file_line_subject_message_and_fix(reports):
    row = next(r for r in reports["dialogue-meeting"].rows if r.path == "sc:party")
    assert row.where == "tests/fixtures/invalid/dialogue-meeting.ttl:26"
    assert row.focus == "meeting:one-party"
    assert row.message == "a dialogue meeting needs at least two parties (sc:party)"
    assert "sc:party country:JPN" in row.fix


def test_every_class_the_data_uses_has_a_named_shape(project, built):
    """Each class with instances in the data is a target of a named node shape (or a subclass
    of one that is). Standings are derived, never data: test_infer checks them."""
    shapes_text = "".join(p.read_text(encoding="utf-8") for p in project.shape_files)
    targeted = set(re.findall(r"sc:(\w+)", " ".join(re.findall(r"sh:targetClass ([^;]+);", shapes_text))))
    used = {row[0].value.rsplit("#", 1)[-1] for row in built.store.query(
        "SELECT DISTINCT ?c WHERE { ?x a ?c FILTER (STRSTARTS(STR(?c), 'https://w3id.org/spacecoop/ontology#')) }")}
    parents = {row[0].value.rsplit("#", 1)[-1]: row[1].value.rsplit("#", 1)[-1] for row in built.store.query(
        "SELECT ?c ?p WHERE { ?c <http://www.w3.org/2000/01/rdf-schema#subClassOf> ?p FILTER (STRSTARTS(STR(?p), 'https://w3id.org/spacecoop/ontology#')) }")}

    def covered(name):
        return name in targeted or (name in parents and covered(parents[name]))

    assert sorted(c for c in used - {"Standing"} if not covered(c)) == []


def test_every_counting_rule_names_a_canned_query(built):
    from spacecoop.query import canned_queries

    rules = {row[0].value for row in built.store.query(
        "SELECT DISTINCT ?r WHERE { ?i <https://w3id.org/spacecoop/ontology#countingRule> ?r }")}
    assert rules and rules <= set(canned_queries())


def test_the_real_data_conforms(built):
    assert built.report.conforms, [r for r in built.report.rows][:5]


@pytest.mark.parametrize("name", ["consent-action", "dated", "labelled", "source", "state"])
def test_validation_split_over_processes_gives_the_same_rows(project, name):
    """Large graphs are validated by pySHACL in shape groups in forked processes: nothing may
    change."""
    built = build_graph(BASE_FILES + [FIXTURES / "invalid" / f"{name}.ttl"], check=False)
    shapes = load_shapes(project.shape_files)
    in_process = validate(built.store, shapes, built.origins, workers=1, engine="pyshacl")
    assert in_process.results() == EXPECTED[name]
    for workers in (2, 3):
        split = validate(built.store, shapes, built.origins, workers=workers, engine="pyshacl")
        assert split.rows == in_process.rows


def test_a_sparql_constraint_sees_the_whole_graph_when_validation_is_split(project, tmp_path):
    """A user's SPARQL-based constraint may read any predicate (here one no other shape reads),
    so its group gets every triple; and a plain 'JPN' in its text matches the data's "JPN"."""
    extra = tmp_path / "shapes-extra.ttl"
    extra.write_text("""@prefix sc: <https://w3id.org/spacecoop/ontology#> .
@prefix sh: <http://www.w3.org/ns/shacl#> .

<urn:test:NoJapanShape>
    a sh:NodeShape ;
    sh:targetClass sc:State ;
    sh:sparql [
        sh:message "test: Japan is flagged" ;
        sh:select "SELECT $this WHERE { $this <http://www.w3.org/2000/01/rdf-schema#comment> ?c FILTER (CONTAINS(?c, 'JPN')) }"
    ] .
""", encoding="utf-8")
    built = build_graph(BASE_FILES, check=False)
    shapes = load_shapes([*project.shape_files, extra])
    in_process = validate(built.store, shapes, built.origins, workers=1)
    assert [row.focus for row in in_process.rows] == ["country:JPN"]
    for workers in (2, 3):
        assert validate(built.store, shapes, built.origins, workers=workers).rows == in_process.rows
