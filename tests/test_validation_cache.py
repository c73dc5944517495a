"""A build on inputs an earlier build validated reuses its report; any change to a data file,
a shape file or the set of files is a new key and a full validation."""

from __future__ import annotations

import shutil

import pytest
from conftest import FIXTURES, ROOT

from spacecoop.pipeline import Project, build
from spacecoop.validation_cache import cache_folder, cached_report, inputs_key


@pytest.fixture
def checkout(tmp_path):
    root = tmp_path / "checkout"
    shutil.copytree(ROOT / "ontology", root / "ontology")
    shutil.copytree(ROOT / "data", root / "data")
    return Project(root)


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("SPACECOOP_CACHE", str(folder))
    return folder


def test_a_second_build_reuses_the_report_and_writes_the_same_bytes(checkout, cache, tmp_path, monkeypatch):
    first = build(checkout, tmp_path / "first")
    key = inputs_key(checkout.graph_files, checkout.shape_files)
    assert [p.name for p in cache.iterdir()] == [f"{key}.json"]
    assert cached_report(key) == first.graph.report

    import spacecoop.pipeline

    def refuse(*args, **kwargs):
        raise AssertionError("validated again")

    monkeypatch.setattr(spacecoop.pipeline, "validate", refuse)
    second = build(checkout, tmp_path / "second")
    assert second.graph.report == first.graph.report
    assert [p.read_bytes() for p in second.written] == [p.read_bytes() for p in first.written]


def test_a_changed_shape_a_changed_data_file_or_a_new_file_is_a_new_key(checkout, cache):
    key = inputs_key(checkout.graph_files, checkout.shape_files)
    shapes = checkout.root / "ontology" / "shapes.ttl"
    shapes.write_text(shapes.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    after_shape = inputs_key(checkout.graph_files, checkout.shape_files)
    data = checkout.root / "data" / "quad.ttl"
    data.write_text(data.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    after_data = inputs_key(checkout.graph_files, checkout.shape_files)
    shutil.copy(FIXTURES / "world.ttl", checkout.root / "data" / "world.ttl")
    after_file = inputs_key(checkout.graph_files, checkout.shape_files)
    assert len({key, after_shape, after_data, after_file}) == 4


def test_data_that_does_not_conform_is_validated_every_time_and_not_kept(tmp_path, cache):
    root = tmp_path / "bad"
    shutil.copytree(ROOT / "ontology", root / "ontology")
    (root / "data").mkdir()
    shutil.copy(FIXTURES / "world.ttl", root / "data" / "world.ttl")  # 4 results
    result = build(Project(root), tmp_path / "out")
    assert (result.graph.report.conforms, len(result.graph.report.rows)) == (False, 4)
    assert not cache.exists()


def test_an_empty_or_off_setting_turns_the_cache_off(monkeypatch, tmp_path):
    monkeypatch.setenv("SPACECOOP_CACHE", "off")
    assert cache_folder() is None
    monkeypatch.setenv("SPACECOOP_CACHE", "")
    assert cache_folder() is None
    monkeypatch.delenv("SPACECOOP_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_folder() == tmp_path / "spacecoop"
