"""The dyad-year and state-year panels, wide and long, on the fixture whose links are known."""

from __future__ import annotations

import pytest
from conftest import FIXTURES, ROOT

from spacecoop import analyse
from spacecoop.panels import dyad_year, dyad_year_long, state_year, state_year_long
from spacecoop.pipeline import build_graph


@pytest.fixture(scope="module")
def views():
    files = [ROOT / "ontology" / "spacecoop.ttl", ROOT / "ontology" / "concepts.ttl", FIXTURES / "world.ttl"]
    return analyse.read_views(build_graph(files, check=False).store)


def test_dyad_year_rows_and_columns(views):
    columns, rows = dyad_year(views, 2023)
    rows = list(rows)
    assert columns == ["year", "iso3_1", "iso3_2", "nonstate_1", "nonstate_2", "artemis-accords", "copuos",
                       "icg", "jp-us-agreement", "moon-agreement", "dialogue", "meeting", "capacity-building",
                       "shared"]
    of_2023 = [r for r in rows if r[0] == 2023]
    assert len(of_2023) == 19
    assert all(r[1] < r[2] for r in rows)
    jpn_usa = next(r for r in of_2023 if r[1:3] == ["JPN", "USA"])
    assert jpn_usa[5:] == [1, 1, 1, 1, 0, 1, 0, 0, 4]
    assert {r[0] for r in rows} == set(range(1958, 2024))


def test_state_year_flags_and_counts(views):
    columns, rows = state_year(views, 2023)
    rows = list(rows)
    assert columns[:3] == ["year", "iso3", "nonstate"] and columns[-1] == "count"
    assert [r for r in rows if r[0] == 2023 and r[1] == "JPN"] == [[2023, "JPN", 0, 1, 1, 1, 1, 0, 4]]


def test_long_dyad_year_rows_of_japan_and_the_united_states_in_2023(views):
    columns, rows = dyad_year_long(views, 2023)
    assert columns == ["year", "iso3_1", "iso3_2", "nonstate_1", "nonstate_2", "link", "framework", "count"]
    rows = list(rows)
    assert len(rows) == 651 and len([r for r in rows if r[0] == 2023]) == 29
    assert [r[5:] for r in rows if r[:3] == [2023, "JPN", "USA"]] == [
        ["dialogue", "jp-us", 1], ["shared", "artemis-accords", 1], ["shared", "copuos", 1],
        ["shared", "icg", 1], ["shared", "jp-us-agreement", 1]]


def test_long_dyad_year_pivots_to_the_wide_panel(views):
    columns, wide = dyad_year(views, 2023)
    pivoted: dict[tuple, list] = {}
    for year, c1, c2, n1, n2, link, framework, count in dyad_year_long(views, 2023)[1]:
        row = pivoted.setdefault((year, c1, c2), [year, c1, c2, n1, n2] + [0] * (len(columns) - 5))
        if link == "shared":
            row[columns.index(framework)] = 1
            row[-1] += 1
        else:
            row[columns.index(link)] += count
    assert list(pivoted.values()) == list(wide)


def test_long_state_year_pivots_to_the_wide_panel(views):
    columns, wide = state_year(views, 2023)
    rows = list(state_year_long(views, 2023)[1])
    assert [r for r in rows if r[:2] == [2023, "JPN"]] == [
        [2023, "JPN", 0, "artemis-accords"], [2023, "JPN", 0, "copuos"], [2023, "JPN", 0, "icg"],
        [2023, "JPN", 0, "jp-us-agreement"]]
    pivoted: dict[tuple, list] = {}
    for year, code, nonstate, framework in rows:
        row = pivoted.setdefault((year, code), [year, code, nonstate] + [0] * (len(columns) - 3))
        row[columns.index(framework)] = 1
        row[-1] += 1
    assert list(pivoted.values()) == list(wide)
