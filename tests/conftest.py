"""Shared fixtures: the real graph is built once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from spacecoop.pipeline import Project, build_project

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"

PREFIXES = """
PREFIX actiontype: <https://w3id.org/spacecoop/concept/action/>
PREFIX body: <https://w3id.org/spacecoop/body/>
PREFIX country: <https://w3id.org/spacecoop/country/>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX doc: <https://w3id.org/spacecoop/document/>
PREFIX instrument: <https://w3id.org/spacecoop/instrument/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX role: <https://w3id.org/spacecoop/concept/role/>
PREFIX sc: <https://w3id.org/spacecoop/ontology#>
PREFIX sheet: <https://w3id.org/spacecoop/document/mofa-space-evaluation-fy2021-fy2023/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX topic: <https://w3id.org/spacecoop/concept/topic/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""


@pytest.fixture(scope="session", autouse=True)
def cache_folder(tmp_path_factory):
    """Built stores and reports are cached in a folder of the session (commands run as
    subprocesses inherit it), never in the user's ~/.cache."""
    with pytest.MonkeyPatch.context() as patch:
        folder = tmp_path_factory.mktemp("cache")
        patch.setenv("SPACECOOP_CACHE_DIR", str(folder))
        yield folder


@pytest.fixture(scope="session")
def project() -> Project:
    return Project(ROOT)


@pytest.fixture(scope="session")
def built(project):
    return build_project(project)


@pytest.fixture(scope="session")
def store(built):
    return built.store


# A value for each kind of required parameter, where a test runs every canned query.
REQUIRED_EXAMPLES = {"country": "USA"}


def required_examples(query) -> dict[str, str]:
    """Values for the query's required parameters (a new kind fails here until it has one)."""
    return {p.name: REQUIRED_EXAMPLES[p.kind] for p in query.params if p.required}


def select(store, sparql: str) -> list[tuple]:
    """Rows of plain values (IRIs shortened to their last segment) for compact assertions."""
    rows = []
    for solution in store.query(PREFIXES + sparql):
        row = []
        for term in solution:
            value = None if term is None else term.value
            if value and value.startswith("https://w3id.org/spacecoop/"):
                value = value.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
            row.append(value)
        rows.append(tuple(row))
    return rows


def ask(store, sparql: str) -> bool:
    return bool(store.query(PREFIXES + sparql))
