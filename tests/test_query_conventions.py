"""Every shipped .rq file follows the conventions of src/spacecoop/queries/README.md."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from spacecoop.query import parse_query, used_prefixes

QUERIES = Path(__file__).resolve().parent.parent / "src" / "spacecoop" / "queries"
FILES = sorted(QUERIES.rglob("*.rq"))
PREFIX_LINE = re.compile(r"^PREFIX ([\w-]*): <[^>]+>$", re.M)
BIND = re.compile(r"\bBIND\s*\((.*?)\bAS\s+\?\w+\s*\)", re.S | re.I)


def _body(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))


def test_there_are_query_files_to_check():
    assert len(FILES) >= 30


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(QUERIES)))
def test_the_header_names_a_title_and_a_question(path):
    query = parse_query(path.stem, path.read_text(encoding="utf-8"))
    assert query.title and query.question


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(QUERIES)))
def test_every_declared_prefix_is_used_every_used_one_declared_and_they_are_sorted(path):
    text = path.read_text(encoding="utf-8")
    declared = PREFIX_LINE.findall(text)
    used = {name for name, _ in used_prefixes(_body(PREFIX_LINE.sub("", text)))}
    assert declared == sorted(declared)
    assert set(declared) == used


@pytest.mark.parametrize("path", [p for p in FILES if p.parent == QUERIES], ids=lambda p: p.name)
def test_a_canned_query_orders_its_rows(path):
    assert "ORDER BY" in _body(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(QUERIES)))
def test_no_parameter_is_read_in_a_bind(path):
    """A BIND sees a VALUES block only if the block comes before it; portable_text closes each
    group with its block, so a parameter read in a BIND would be unbound on other stores."""
    query = parse_query(path.stem, path.read_text(encoding="utf-8"))
    names = [p.name for p in query.params] + ["lang"]
    for expression in BIND.findall(_body(query.text)):
        for name in names:
            assert not re.search(rf"\?{name}\b", expression), f"?{name} is read in BIND ({expression.strip()})"


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(QUERIES)))
def test_a_list_column_is_a_projected_group_concat(path):
    query = parse_query(path.stem, path.read_text(encoding="utf-8"))
    for column in query.lists:
        assert re.search(rf"GROUP_CONCAT\([^)]*\)\s+AS\s+\?{column}\b", query.text), column
