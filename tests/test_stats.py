"""The entity counts of a built graph and the summary ``spacecoop build`` prints."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT

from spacecoop.pipeline import build_graph
from spacecoop.stats import entity_counts, summary_lines


@pytest.fixture(scope="module")
def fixture_graph():
    files = [ROOT / "ontology" / "spacecoop.ttl", ROOT / "ontology" / "concepts.ttl", FIXTURES / "world.ttl"]
    return build_graph(files, [ROOT / "ontology" / "shapes.ttl"])


def typed(kind: str) -> int:
    """How often the fixture's text says ``a sc:<kind>``: a count made without the graph."""
    text = (FIXTURES / "world.ttl").read_text(encoding="utf-8")
    return len(re.findall(rf"\ba sc:{kind}\b", text))


def test_entity_counts_of_the_fixture_in_both_languages(fixture_graph):
    counts = dict(entity_counts(fixture_graph.store))
    assert list(counts)[:3] == ["state", "intergovernmental organisation", "government body"]
    assert len(counts) == 15
    assert counts["state"] == typed("State") == 9
    assert counts["consent action"] == typed("ConsentAction") == 13
    assert counts["membership"] == typed("Membership") == 9
    assert counts["meeting"] == typed("Meeting") + typed("DialogueMeeting") == 6
    assert counts["source"] == typed("Source") + typed("PolicyEvaluation") == 4
    assert counts["financial contribution"] == 0
    japanese = entity_counts(fixture_graph.store, "ja")
    assert [count for _, count in japanese] == list(counts.values())
    assert japanese[0] == ("国家", 9)


def test_the_summary_names_triples_counts_verdict_and_files(fixture_graph):
    counts = entity_counts(fixture_graph.store)[:2]
    lines = summary_lines(fixture_graph, counts, [Path("build/spacecoop.ttl")])
    assert lines == [
        f"triples: {len(fixture_graph.store)} ({fixture_graph.derived} derived)",
        "  state: 9",
        "  intergovernmental organisation: 1",
        "conforms to the shapes: no (4 result(s))",  # the fixture's two text publishers
        "wrote build/spacecoop.ttl",
    ]
