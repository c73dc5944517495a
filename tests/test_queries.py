"""Every canned query has an exact expected answer on tests/fixtures/world.ttl.

The fixture is a small world built so that each answer is known by construction; a query
without an entry in EXPECTED fails `test_every_canned_query_has_an_expected_answer`.
"""

from __future__ import annotations

from collections import Counter

import pytest
from conftest import FIXTURES, ROOT

from spacecoop.errors import QueryError, UsageError
from spacecoop.pipeline import build_graph
from spacecoop.query import (
    Param,
    bind,
    bound_text,
    canned_queries,
    get_query,
    parse_query,
    portable_text,
    run,
    run_rdflib,
    to_term,
)
from spacecoop.rdflib_bridge import to_rdflib

ONE, TWO, THREE = "https://example.org/one", "https://example.org/two", "UN document A/0/0"
C = "https://w3id.org/spacecoop/country/"

# (parameters, expected rows as plain values) per query; several cases where dates matter.
EXPECTED: dict[str, list[tuple[dict, list[tuple]]]] = {
    'members': [
        ({'body': 'copuos', 'as_of': '2022-01-01'}, [('AUS', 'Australia', 'member', '1958', None, 'true', THREE), ('FRA', 'France', 'member', '1958', None, 'true', THREE), ('JPN', 'Japan', 'member', '1958', None, 'true', THREE), ('KOR', 'Korea', 'member', '2001', None, 'true', THREE), ('PHL', 'Philippines', 'member', '2021', None, 'true', THREE), ('USA', 'United States', 'member', '1958', None, 'true', THREE)]),
        ({'body': 'copuos', 'as_of': '1990-01-01'}, [('AUS', 'Australia', 'member', '1958', None, 'true', THREE), ('DEU', 'Germany', 'member', '1973', '2000', 'true', THREE), ('FRA', 'France', 'member', '1958', None, 'true', THREE), ('JPN', 'Japan', 'member', '1958', None, 'true', THREE), ('USA', 'United States', 'member', '1958', None, 'true', THREE)]),
        ({'body': 'icg', 'as_of': '2021-09-26'}, [('USA', 'United States', 'member', '2005-12-01', None, 'true', TWO)]),
        ({'body': 'icg', 'as_of': '2021-09-27'}, [('JPN', 'Japan', 'member', 'attested 2021-09-27', None, 'true', TWO), ('USA', 'United States', 'member', '2005-12-01', None, 'true', TWO)]),
        ({'body': 'copuos', 'as_of': '2021-04-01'}, [('AUS', 'Australia', 'member', '1958', None, 'true', THREE), ('FRA', 'France', 'member', '1958', None, 'true', THREE), ('JPN', 'Japan', 'member', '1958', None, 'true', THREE), ('KOR', 'Korea', 'member', '2001', None, 'true', THREE), ('USA', 'United States', 'member', '1958', None, 'true', THREE)]),
        ({'body': 'copuos', 'as_of': '2021-04-01', 'include_uncertain': 'true'}, [('AUS', 'Australia', 'member', '1958', None, 'true', THREE), ('FRA', 'France', 'member', '1958', None, 'true', THREE), ('JPN', 'Japan', 'member', '1958', None, 'true', THREE), ('KOR', 'Korea', 'member', '2001', None, 'true', THREE), ('PHL', 'Philippines', 'member', '2021', None, 'false', THREE), ('USA', 'United States', 'member', '1958', None, 'true', THREE)]),
        ({'body': 'copuos', 'as_of': '2021-12-31'}, [('AUS', 'Australia', 'member', '1958', None, 'true', THREE), ('FRA', 'France', 'member', '1958', None, 'true', THREE), ('JPN', 'Japan', 'member', '1958', None, 'true', THREE), ('KOR', 'Korea', 'member', '2001', None, 'true', THREE), ('PHL', 'Philippines', 'member', '2021', None, 'true', THREE), ('USA', 'United States', 'member', '1958', None, 'true', THREE)]),
        ({'body': 'copuos', 'as_of': '2000-06-30', 'include_uncertain': 'true'}, [('AUS', 'Australia', 'member', '1958', None, 'true', THREE), ('DEU', 'Germany', 'member', '1973', '2000', 'false', THREE), ('FRA', 'France', 'member', '1958', None, 'true', THREE), ('JPN', 'Japan', 'member', '1958', None, 'true', THREE), ('USA', 'United States', 'member', '1958', None, 'true', THREE)]),
    ],
    'signatories': [
        ({'instrument': 'artemis-accords', 'as_of': '2020-10-13'}, [('JPN', 'Japan', '2020-10-13', 'true', ONE), ('USA', 'United States', '2020-10-13', 'true', ONE)]),
        ({'instrument': 'artemis-accords', 'as_of': '2023-12-31'}, [('FRA', 'France', '2022-06-07', 'true', TWO), ('IND', 'India', '2023-06-21', 'true', TWO), ('JPN', 'Japan', '2020-10-13', 'true', ONE), ('KOR', 'Korea', '2021-05-24', 'true', TWO), ('USA', 'United States', '2020-10-13', 'true', ONE)]),
        ({'instrument': 'moon-agreement', 'as_of': '2021-12-31'}, [('FRA', 'France', '1980-01-29', 'true', THREE)]),
        ({'instrument': 'moon-agreement', 'as_of': '2022-01-01'}, [('FRA', 'France', '1980-01-29', 'true', THREE)]),
        ({'instrument': 'jp-us-agreement', 'as_of': '2023-03-01'}, [('JPN', 'Japan', '2023-01-13', 'true', ONE), ('USA', 'United States', '2023-01-13', 'true', ONE)]),
        ({'instrument': 'jp-us-agreement', 'as_of': '2023-06-19'}, []),
    ],
    'parties': [
        ({'instrument': 'moon-agreement', 'as_of': '2021-01-01'}, [('AUS', 'Australia', 'accession', '1986-07-07', 'true', THREE), ('KOR', 'Korea', 'accession', '2010-05-05', 'true', THREE)]),
        ({'instrument': 'moon-agreement', 'as_of': '2023-01-01'}, [('AUS', 'Australia', 'accession', '1986-07-07', 'true', THREE)]),
        ({'instrument': 'jp-us-agreement', 'as_of': '2023-06-19'}, [('JPN', 'Japan', 'entry into force', '2023-06-19', 'true', ONE), ('USA', 'United States', 'entry into force', '2023-06-19', 'true', ONE)]),
        ({'instrument': 'artemis-accords', 'as_of': '2023-12-31'}, []),
    ],
    'partners': [
        ({'country': 'JPN'}, [('USA', 'United States', C + 'USA', '7', '3', '0', '1', '0', '2', '0', '1', '1958', '2023-03-24'), ('FRA', 'France', C + 'FRA', '3', '1', '0', '0', '0', '1', '0', '1', '1958', '2023-01-18'), ('KOR', 'Korea', C + 'KOR', '2', '0', '0', '0', '0', '1', '0', '1', '2001', '2021-05-24'), ('PHL', 'Philippines', C + 'PHL', '2', '0', '0', '0', '1', '1', '0', '0', '2021', 'FY2023'), ('AUS', 'Australia', C + 'AUS', '1', '0', '0', '0', '0', '1', '0', '0', '1958', '1958'), ('DEU', 'Germany', C + 'DEU', '1', '0', '0', '0', '0', '1', '0', '0', '1973', '1973'), ('IND', 'India', C + 'IND', '1', '0', '0', '0', '0', '0', '0', '1', '2023-06-21', '2023-06-21'), ('THA', 'Thailand', C + 'THA', '1', '0', '0', '0', '1', '0', '0', '0', 'FY2023', 'FY2023')]),
        # seen from the United States: the same seven links to Japan; France's latest start is its
        # Artemis signature, the Japan–France dialogue being Japan's
        ({'country': 'USA'}, [('JPN', 'Japan', C + 'JPN', '7', '3', '0', '1', '0', '2', '0', '1', '1958', '2023-03-24'), ('FRA', 'France', C + 'FRA', '2', '0', '0', '0', '0', '1', '0', '1', '1958', '2022-06-07'), ('KOR', 'Korea', C + 'KOR', '2', '0', '0', '0', '0', '1', '0', '1', '2001', '2021-05-24'), ('AUS', 'Australia', C + 'AUS', '1', '0', '0', '0', '0', '1', '0', '0', '1958', '1958'), ('DEU', 'Germany', C + 'DEU', '1', '0', '0', '0', '0', '1', '0', '0', '1973', '1973'), ('IND', 'India', C + 'IND', '1', '0', '0', '0', '0', '0', '0', '1', '2023-06-21', '2023-06-21'), ('PHL', 'Philippines', C + 'PHL', '1', '0', '0', '0', '0', '1', '0', '0', '2021', '2021')]),
    ],
    'partner-links': [
        ({'country': 'JPN', 'partner': 'USA'}, [('USA', 'United States', 'agreement', 'Japan–US agreement', '2023-01-13', None, ONE), ('USA', 'United States', 'dialogue', 'Japan–US dialogue', '2020-08-26', None, ONE), ('USA', 'United States', 'dialogue', 'Japan–US security dialogue', '2022-07-20', None, ONE), ('USA', 'United States', 'dialogue', 'Japan–US dialogue', '2023-03-24', None, ONE), ('USA', 'United States', 'shared-membership', 'COPUOS', '1958', None, THREE), ('USA', 'United States', 'shared-membership', 'ICG', 'attested 2021-09-27', None, TWO), ('USA', 'United States', 'shared-signature', 'Artemis Accords', '2020-10-13', None, ONE)]),
        ({'country': 'JPN', 'partner': 'country/PHL'}, [('PHL', 'Philippines', 'capacity-building', 'Space law project', 'FY2023', None, ONE), ('PHL', 'Philippines', 'shared-membership', 'COPUOS', '2021', None, THREE)]),
        ({'country': 'USA', 'partner': 'https://w3id.org/spacecoop/country/JPN'}, [('JPN', 'Japan', 'agreement', 'Japan–US agreement', '2023-01-13', None, ONE), ('JPN', 'Japan', 'dialogue', 'Japan–US dialogue', '2020-08-26', None, ONE), ('JPN', 'Japan', 'dialogue', 'Japan–US security dialogue', '2022-07-20', None, ONE), ('JPN', 'Japan', 'dialogue', 'Japan–US dialogue', '2023-03-24', None, ONE), ('JPN', 'Japan', 'shared-membership', 'COPUOS', '1958', None, THREE), ('JPN', 'Japan', 'shared-membership', 'ICG', 'attested 2021-09-27', None, TWO), ('JPN', 'Japan', 'shared-signature', 'Artemis Accords', '2020-10-13', None, ONE)]),
        ({'country': 'JPN', 'partner': 'JPN'}, []),
    ],
    'timeline': [
        ({'country': 'JPN'}, [('1958', 'membership', 'Japan in COPUOS', THREE), ('2020-08-26', 'meeting', 'Japan–US 7th', ONE), ('2020-10-13', 'consent action', 'Japan signs the Artemis Accords', ONE), ('attested 2021-09-27', 'membership', 'Japan in the ICG', TWO), ('2022-03-28', 'meeting', 'LSC 61', THREE), ('2022-06-01', 'meeting', 'COPUOS 65', THREE), ('2022-07-20', 'meeting', 'Japan–US security dialogue', ONE), ('2023-01-13', 'consent action', 'Japan signs the agreement', ONE), ('2023-01-18', 'meeting', 'Japan–France 3rd', TWO), ('2023-03-24', 'meeting', 'Japan–US 8th', ONE), ('FY2023', 'funding or capacity building', 'Seminar in Tokyo', ONE), ('2023-06-19', 'consent action', 'Agreement in force for Japan', ONE)]),
    ],
    'dialogue-meetings': [
        ({'country': 'JPN', 'fiscal_year': '2022'}, [('Japan–US security dialogue', None, '2022-07-20', None, None, '2022', 'JPN USA', ONE), ('Japan–France dialogue', '3', '2023-01-18', '2023-01-20', 'Paris', '2022', 'FRA JPN', TWO), ('Japan–US dialogue', '8', '2023-03-24', None, 'Tokyo', '2022', 'JPN USA', ONE)]),
        ({'country': 'FRA'}, [('Japan–France dialogue', '3', '2023-01-18', '2023-01-20', 'Paris', '2022', 'FRA JPN', TWO)]),
    ],
    'copuos-not-artemis': [
        ({'as_of': '2022-01-01'}, [('AUS', 'Australia', '1958'), ('FRA', 'France', '1958'), ('PHL', 'Philippines', '2021')]),
        ({'as_of': '2023-01-01'}, [('AUS', 'Australia', '1958'), ('PHL', 'Philippines', '2021')]),
    ],
    'artemis-in-moon-agreement': [
        ({'as_of': '2021-06-01'}, [('KOR', 'Korea', '2021-05-24', '2010-05-05')]),
        ({'as_of': '2023-01-01'}, []),
    ],
    'icg-outside-artemis': [
        ({'as_of': '2020-01-01'}, [('USA', 'United States', 'member')]),
        ({'as_of': '2021-10-01'}, []),
    ],
    'shared-frameworks': [
        ({'min_shared': '2', 'as_of': '2023-12-31'}, [('JPN', 'USA', '4', 'artemis-accords copuos icg jp-us-agreement'), ('FRA', 'JPN', '2', 'artemis-accords copuos'), ('FRA', 'KOR', '2', 'artemis-accords copuos'), ('FRA', 'USA', '2', 'artemis-accords copuos'), ('JPN', 'KOR', '2', 'artemis-accords copuos'), ('KOR', 'USA', '2', 'artemis-accords copuos')]),
        ({'min_shared': '4', 'as_of': '2023-12-31'}, [('JPN', 'USA', '4', 'artemis-accords copuos icg jp-us-agreement')]),
    ],
    'growth': [
        ({'framework': 'instrument/artemis-accords'}, [('2020', '0', '0', '2', '2'), ('2021', '0', '0', '1', '3'), ('2022', '0', '0', '1', '4'), ('2023', '0', '0', '1', '5')]),
        ({'framework': 'body/copuos'}, [('1958', '4', '4', '0', '0'), ('1973', '1', '5', '0', '0'), ('2000', '0', '4', '0', '0'), ('2001', '1', '5', '0', '0'), ('2021', '1', '6', '0', '0')]),
    ],
    'capacity-building': [
        ({}, [('PHL', 'Philippines', 'Seminar in Tokyo', 'UNOOSA', 'Japan', 'FY2023', 'Space law project', ONE), ('THA', 'Thailand', 'Seminar in Tokyo', 'UNOOSA', 'Japan', 'FY2023', 'Space law project', ONE)]),
    ],
    'sources-of': [
        ({'subject': 'meeting/jp-us-8'}, [('https://w3id.org/spacecoop/source/s1', 'Source one', 'Publisher one', ONE, None), ('https://w3id.org/spacecoop/source/s2', 'Source two', 'Publisher two', TWO, None)]),
        ({'subject': 'membership/copuos-JPN'}, [('https://w3id.org/spacecoop/source/s3', 'Source three', None, None, THREE)]),
    ],
    'goals-efforts': [
        ({}, [('G1', 'E1', 'COPUOS 65', '2022-06-01'), ('G2', None, None, None)]),
    ],
    'indicator-dialogues': [
        ({'country': 'JPN'}, [('2020', 'https://w3id.org/spacecoop/meeting/jp-us-7', 'Japan–US 7th', '2020-08-26'), ('2022', 'https://w3id.org/spacecoop/meeting/jp-fr-3', 'Japan–France 3rd', '2023-01-18'), ('2022', 'https://w3id.org/spacecoop/meeting/jp-us-8', 'Japan–US 8th', '2023-03-24')]),
    ],
    'indicator-legal-framework-meetings': [
        ({'country': 'JPN'}, [('2021', 'https://w3id.org/spacecoop/meeting/lsc-61', 'LSC 61', '2022-03-28'), ('2022', 'https://w3id.org/spacecoop/meeting/copuos-65', 'COPUOS 65', '2022-06-01')]),
    ],
    'indicators-reported': [
        ({}, [('I2', '2022', '3', 'indicator-dialogues', 'I2 Dialogues')]),
    ],
    'body-sessions': [
        ({'body': 'copuos'}, [('LSC 61', '2022-03-28', None, None, 'JPN'), ('COPUOS 65', '2022-06-01', '2022-06-10', 'Vienna', 'JPN')]),
        ({'body': 'copuos-lsc'}, [('LSC 61', '2022-03-28', None, None, 'JPN')]),
    ],
    'dialogue-series': [
        ({'country': 'JPN'}, [('Japan–France dialogue', 'FRA', '1', '2023-01-18', '2023-01-18'), ('Japan–US dialogue', 'USA', '2', '2020-08-26', '2023-03-24'), ('Japan–US security dialogue', 'USA', '1', '2022-07-20', '2022-07-20')]),
    ],
    'gnss-systems': [
        ({}, [('QZSS', 'Japan', 'JPN')]),
    ],
    'withdrawals': [
        ({}, [('KOR', 'Korea', 'Moon Agreement', '2022-01-01', THREE)]),
    ],
    'find': [
        ({'text': 'JAPAN–US'}, [('https://w3id.org/spacecoop/instrument/jp-us-agreement', 'treaty', 'Japan–US agreement'), ('https://w3id.org/spacecoop/body/jp-us', 'dialogue series', 'Japan–US dialogue'), ('https://w3id.org/spacecoop/body/jp-us-security', 'dialogue series', 'Japan–US security dialogue')]),
        ({'text': '日本'}, [('https://w3id.org/spacecoop/country/JPN', 'state', 'Japan')]),
    ],
    'meetings-in-fiscal-year': [
        ({'fiscal_year': '2021'}, [('2022-03-28', 'LSC 61', 'Legal Subcommittee', 'JPN')]),
        ({'fiscal_year': '2022'}, [('2022-06-01', 'COPUOS 65', 'COPUOS', 'JPN'), ('2022-07-20', 'Japan–US security dialogue', 'Japan–US security dialogue', 'JPN USA'), ('2023-01-18', 'Japan–France 3rd', 'Japan–France dialogue', 'FRA JPN'), ('2023-03-24', 'Japan–US 8th', 'Japan–US dialogue', 'JPN USA')]),
    ],
    'state-profile': [
        ({'country': 'JPN', 'as_of': '2023-12-31'}, [('member', 'COPUOS', '1958', 'true'), ('member', 'ICG', 'attested 2021-09-27', 'true'), ('party', 'Japan–US agreement', '2023-06-19', 'true'), ('signatory', 'Artemis Accords', '2020-10-13', 'true')]),
        ({'country': 'KOR', 'as_of': '2023-12-31'}, [('member', 'COPUOS', '2001', 'true'), ('signatory', 'Artemis Accords', '2021-05-24', 'true')]),
    ],
    'attested-only': [
        ({}, [('https://w3id.org/spacecoop/membership/icg-JPN', 'Japan in the ICG', '2021-09-27')]),
    ],
    'sheet-statements': [
        ({}, [('E1', 'effort', 'E1 COPUOS', 'COPUOSに参加した。'), ('G1', 'goal', 'G1 Rule of law', None), ('G2', 'goal', 'G2 Dialogues', None), ('I2', 'indicator', 'I2 Dialogues', None)]),
    ],
    'coverage': [
        # Australia and Korea were parties on the count's day (Korea withdrew in 2022): 2 of 3
        ({}, [('https://w3id.org/spacecoop/instrument/moon-agreement', 'Moon Agreement', 'party', 'party', '2', '3', '2', '2021-01-01', THREE)]),
    ],
    'entity-counts': [
        ({}, [('https://w3id.org/spacecoop/ontology#State', 'state', '9'), ('https://w3id.org/spacecoop/ontology#IntergovernmentalOrganisation', 'intergovernmental organisation', '1'), ('https://w3id.org/spacecoop/ontology#GovernmentBody', 'government body', '0'), ('https://w3id.org/spacecoop/ontology#Body', 'body', '6'), ('https://w3id.org/spacecoop/ontology#DialogueSeries', 'dialogue series', '3'), ('https://w3id.org/spacecoop/ontology#Instrument', 'instrument', '3'), ('https://w3id.org/spacecoop/ontology#Membership', 'membership', '9'), ('https://w3id.org/spacecoop/ontology#ConsentAction', 'consent action', '13'), ('https://w3id.org/spacecoop/ontology#Meeting', 'meeting', '6'), ('https://w3id.org/spacecoop/ontology#CapacityBuildingActivity', 'capacity-building activity', '1'), ('https://w3id.org/spacecoop/ontology#Contribution', 'financial contribution', '0'), ('https://w3id.org/spacecoop/ontology#Goal', 'goal', '2'), ('https://w3id.org/spacecoop/ontology#Effort', 'effort', '1'), ('https://w3id.org/spacecoop/ontology#IndicatorValue', 'indicator value', '1'), ('https://w3id.org/spacecoop/ontology#Source', 'source', '4')]),
    ],
}


@pytest.fixture(scope="module")
def world():
    files = [ROOT / "ontology" / "spacecoop.ttl", ROOT / "ontology" / "concepts.ttl", FIXTURES / "world.ttl"]
    return build_graph(files, check=False).store


@pytest.fixture(scope="module")
def world_rdflib(world):
    return to_rdflib(world)


def cases():
    return [(name, i) for name, runs in sorted(EXPECTED.items()) for i in range(len(runs))]


def test_there_are_at_least_25_canned_queries_with_headers():
    queries = canned_queries()
    assert len(queries) >= 25
    for query in queries.values():
        assert query.title and query.question, query.name
        assert "ORDER BY" in query.text, f"{query.name} has no ORDER BY"


# Queries whose answer is the ontology itself, checked by their own test below.
CHECKED_SEPARATELY = {"ontology-terms"}


def test_every_canned_query_has_an_expected_answer():
    assert set(canned_queries()) == set(EXPECTED) | CHECKED_SEPARATELY


@pytest.mark.parametrize(("name", "case"), cases())
def test_canned_query_gives_the_expected_rows(world, name, case):
    params, expected = EXPECTED[name][case]
    query = get_query(name)
    table = run(world, query, bind(query, params))
    assert table.values() == expected


@pytest.mark.parametrize(("name", "case"), cases())
def test_rdflib_and_oxigraph_give_identical_rows(world, world_rdflib, name, case):
    params, _ = EXPECTED[name][case]
    query = get_query(name)
    terms = bind(query, params)
    ours, theirs = run(world, query, terms), run_rdflib(world_rdflib, query, terms)
    assert ours.columns == theirs.columns
    assert Counter(ours.values()) == Counter(theirs.values())


def test_each_partner_row_counts_the_partner_links_rows_behind_it_by_kind(world):
    """weight is the number of rows partner-links gives for the pair, the counts split them by
    kind, and since and latest are starts those rows show."""
    partners = get_query("partners")
    links = get_query("partner-links")
    kinds = ["dialogue", "meeting", "agreement", "capacity-building", "shared-membership", "shared-party", "shared-signature"]
    for country in ("JPN", "USA", "FRA"):
        table = run(world, partners, bind(partners, {"country": country}))
        assert table.columns[3:11] == ["weight"] + [k.replace("-", "_") for k in kinds]
        assert table.rows
        for row in table.records():
            behind = run(world, links, bind(links, {"country": country, "partner": row["partner"]})).records()
            assert int(row["weight"]) == len(behind)
            assert [int(row[k.replace("-", "_")]) for k in kinds] == [sum(r["link"] == k for r in behind) for k in kinds]
            assert {row["since"], row["latest"]} <= {r["since"] for r in behind}


def test_a_country_parameter_takes_an_organisation_too():
    param = Param("partner", "country", None, "")
    assert to_term(param, "actor/esa").value == "https://w3id.org/spacecoop/actor/esa"
    assert to_term(param, "https://w3id.org/spacecoop/actor/eu").value == "https://w3id.org/spacecoop/actor/eu"
    assert to_term(param, "usa").value == "https://w3id.org/spacecoop/country/USA"
    with pytest.raises(UsageError, match="is not a country"):
        to_term(param, "body/copuos")


def test_ontology_terms_lists_state_with_its_definition(world):
    query = get_query("ontology-terms")
    rows = run(world, query, bind(query, {})).values()
    assert ("State", "Class", "state", "A country listed in ISO 3166-1, keyed by its alpha-3 code, that ISO marks as independent or that acts in treaties in its own name.") in rows
    assert len(rows) == len({r[0] for r in rows}) > 60


def test_labels_follow_the_language_parameter(world):
    query = get_query("members")
    rows = run(world, query, bind(query, {"body": "icg", "as_of": "2022-01-01"}, lang="ja")).values()
    assert [r[1] for r in rows] == ["日本", "米国"]
    assert rows[0][2] == "メンバー"


@pytest.mark.parametrize(
    "hostile",
    ['JPN" } ; DELETE WHERE { ?s ?p ?o } #', "<https://x> } UNION { ?s ?p ?o", "x') || true || ('", "\\u0022"],
)
def test_injection_through_a_string_parameter_is_bound_as_a_plain_value(world, hostile):
    before = len(world)
    query = get_query("find")
    table = run(world, query, bind(query, {"text": hostile}))
    assert table.values() == []
    assert len(world) == before  # nothing deleted


@pytest.mark.parametrize(
    ("param", "value"),
    [
        (Param("country", "country", None, ""), 'JPN> } ?s ?p ?o { <x'),
        (Param("as_of", "date", None, ""), "2023-02-30"),
        (Param("as_of", "date", None, ""), "2023-01-01T00:00:00"),
        (Param("min_shared", "integer", None, ""), "3; DROP"),
        (Param("body", "body", None, ""), "country/JPN"),
        (Param("framework", "iri", None, ""), "javascript:alert(1)"),
    ],
)
def test_malformed_parameter_values_are_refused(param, value):
    with pytest.raises(UsageError):
        to_term(param, value)


def test_unknown_query_lists_the_known_ones():
    with pytest.raises(UsageError, match="known queries: .*members"):
        get_query("membrs")


def test_unknown_parameter_lists_the_query_parameters():
    with pytest.raises(UsageError, match="its parameters: body, as_of"):
        bind(get_query("members"), {"bodyy": "copuos"})


def test_a_required_parameter_must_be_given_and_is_left_free_only_for_showing_the_text():
    query = get_query("partner-links")
    assert [p.describe() for p in query.params] == ["country (country, default JPN)", "partner (country, required)"]
    with pytest.raises(UsageError, match=r"^partner-links needs a value for partner \(country\): the partner"):
        bind(query, {"country": "JPN"})
    assert set(bind(query, complete=False)) == {"lang", "country"}


@pytest.mark.parametrize("line", ["partner country default", "partner country optional", "partner country required yes"])
def test_a_param_line_with_words_after_the_kind_other_than_a_default_or_required_is_refused(line):
    with pytest.raises(QueryError, match="bad '# param:' line"):
        parse_query("mine", f"# title: mine\n# param: {line} -- help\nSELECT * {{}}")


def test_sparql_syntax_error_is_a_query_error(world):
    from spacecoop.query import NamedQuery

    with pytest.raises(QueryError, match="SPARQL syntax error"):
        run(world, NamedQuery("mine", "mine", "", (), "SELECT ?x WHERE { ?x ?y }"), {})


def test_binding_skips_optional_groups_data_blocks_and_subselect_braces():
    query = get_query("members")
    text = bound_text(query, bind(query, {"as_of": "2022-01-01"}))
    block = ' VALUES ?as_of { "2022-01-01"^^<http://www.w3.org/2001/XMLSchema#date> } VALUES ?body'
    assert text.count(block) == 2  # the query and its sub-select
    assert text.count("VALUES ?lang {") == 2
    late = portable_text(query, bind(query, {"as_of": "2022-01-01"}))
    assert late.count(block) == late.count("OPTIONAL {") + 2
    assert "{ SELECT ?standing" in text


# --- ad hoc queries: prefixes and forms ------------------------------------------------------

def test_used_prefixes_skip_strings_comments_iris_and_variables():
    from spacecoop.query import used_prefixes

    text = 'PREFIX ex: <http://e/x:y>\nSELECT ?a:b WHERE { ?s rdfs:label "sc:not" ; ex:p <urn:x:y> } # skos:no\n'
    assert [name for name, _ in used_prefixes(text)] == ["ex", "rdfs"]


def test_with_prefixes_declares_only_what_is_used_and_not_declared_on_one_first_line():
    from spacecoop.query import with_prefixes

    text = "PREFIX sc: <http://elsewhere/>\nSELECT * WHERE { ?s a sc:State ; rdfs:label ?l }"
    assert with_prefixes(text) == "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n" + text
    assert with_prefixes("SELECT * WHERE { ?s ?p ?o }") == "SELECT * WHERE { ?s ?p ?o }"


def test_query_form_is_read_past_the_prologue_and_comments():
    from spacecoop.query import query_form

    assert query_form("PREFIX x: <http://select/> # SELECT\n  construct { ?s ?p ?o } where { ?s ?p ?o }") == "CONSTRUCT"
    assert query_form("ASK { ?s ?p ?o }") == "ASK"


def test_answer_gives_each_form_its_own_kind_of_result(world):
    from spacecoop.query import adhoc, answer

    select = answer(world, adhoc("SELECT (COUNT(*) AS ?n) WHERE { ?s a sc:State }"))
    assert (select.form, select.table.columns, select.boolean, select.triples) == ("SELECT", ["n"], None, None)
    asked = answer(world, adhoc("ASK { ?s a sc:State }"))
    assert (asked.form, asked.boolean, asked.table) == ("ASK", True, None)
    described = answer(world, adhoc("DESCRIBE ?s WHERE { ?s a sc:State } LIMIT 1"))
    assert described.form == "DESCRIBE" and described.triples and described.table is None


def test_run_sparql_answers_each_form_without_prefix_lines(built):
    import spacecoop

    assert spacecoop.run_sparql(built, "ASK { country:JPN a sc:State }") is True
    assert spacecoop.run_sparql(built, "SELECT ?iso3 WHERE { country:JPN sc:iso3 ?iso3 }").values() == [("JPN",)]
    triples = spacecoop.run_sparql(built, "CONSTRUCT { country:JPN sc:iso3 ?c } WHERE { country:JPN sc:iso3 ?c }")
    assert [(t.subject.value, t.object.value) for t in triples] == [("https://w3id.org/spacecoop/country/JPN", "JPN")]


def test_a_query_runs_once_and_a_service_clause_never_runs(world, monkeypatch):
    """Syntax is checked by scanning and parsing the text (after the engine fails), never by
    running the query elsewhere first; a SERVICE clause is refused before the engine sees it."""
    from spacecoop.query import adhoc, answer

    calls = []
    real = type(world).query
    monkeypatch.setattr(type(world), "query", lambda self, *a, **k: calls.append(a[0]) or real(self, *a, **k))
    assert answer(world, adhoc("ASK { ?s a sc:State }")).boolean is True
    with pytest.raises(QueryError, match="SERVICE"):
        answer(world, adhoc("SELECT * WHERE { ?s SERVICE <http://127.0.0.1:1/x> { ?s ?p ?o } }"))
    with pytest.raises(QueryError, match=r"^SPARQL syntax error at line 1, column 18, at '\?s'"):
        answer(world, adhoc("SELECT * WHERE { ?s ?p }"))
    assert calls == ["ASK { ?s a sc:State }", "SELECT * WHERE { ?s ?p }"]


TWIN = """
@prefix body: <https://w3id.org/spacecoop/body/> .
@prefix country: <https://w3id.org/spacecoop/country/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix membership: <https://w3id.org/spacecoop/membership/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix role: <https://w3id.org/spacecoop/concept/role/> .
@prefix sc: <https://w3id.org/spacecoop/ontology#> .
@prefix source: <https://w3id.org/spacecoop/source/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

body:copuos-twin a sc:Committee ; rdfs:label "COPUOS"@en, "COPUOS"@ja .
membership:twin-JPN a sc:Membership ; rdfs:label "Japan in the twin"@en, "日本：双子"@ja ;
    dcterms:source source:s3 ; org:member country:JPN ; org:organization body:copuos-twin ;
    org:role role:member ; sc:startDate "1958"^^xsd:gYear .
membership:twin-USA a sc:Membership ; rdfs:label "US in the twin"@en, "米国：双子"@ja ;
    dcterms:source source:s3 ; org:member country:USA ; org:organization body:copuos-twin ;
    org:role role:member ; sc:startDate "1958"^^xsd:gYear .
"""


def test_two_frameworks_of_one_label_are_two_links(tmp_path):
    """Links are told apart by their framework, not by its label."""
    twin = tmp_path / "twin.ttl"
    twin.write_text(TWIN, encoding="utf-8")
    files = [ROOT / "ontology" / "spacecoop.ttl", ROOT / "ontology" / "concepts.ttl", FIXTURES / "world.ttl", twin]
    store = build_graph(files, check=False).store
    links = get_query("partner-links")
    rows = run(store, links, bind(links, {"country": "JPN", "partner": "USA"})).values()
    assert [r[2:6] for r in rows if r[2] == "shared-membership"] == [
        ("shared-membership", "COPUOS", "1958", None), ("shared-membership", "COPUOS", "1958", None),
        ("shared-membership", "ICG", "attested 2021-09-27", None)]
    partners = get_query("partners")
    usa = next(r for r in run(store, partners, bind(partners, {"country": "JPN"})).records() if r["iso3"] == "USA")
    assert (usa["weight"], usa["shared_membership"]) == ("8", "3") and len(rows) == 8
