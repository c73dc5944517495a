"""The cache: a built store or a report is read only for the exact inputs it was made from;
any change to a data file, a shape file or the set of files is a new key."""

from __future__ import annotations

import shutil

import pyoxigraph as ox
import pytest
from conftest import FIXTURES, ROOT

from spacecoop.cache import (
    KEEP,
    cache_folder,
    cached_report,
    cached_store,
    installed_version,
    report_key,
    store_key,
)
from spacecoop.pipeline import Project, build, build_graph, read_store


@pytest.fixture
def files(tmp_path):
    copied = []
    for source in (ROOT / "ontology" / "spacecoop.ttl", ROOT / "ontology" / "concepts.ttl", FIXTURES / "world.ttl"):
        copied.append(tmp_path / source.name)
        shutil.copyfile(source, copied[-1])
    return copied


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("SPACECOOP_CACHE_DIR", str(folder))
    return folder


def counting_build(calls):
    def build(graph_files):
        calls.append(list(graph_files))
        built = build_graph(graph_files, check=False)
        return built.store, built.derived

    return build


def quads(store) -> set:
    return set(store)


def test_the_second_read_gives_the_built_store_without_building(files, cache):
    calls = []
    first, derived = cached_store(files, counting_build(calls))
    second, derived_again = cached_store(files, counting_build(calls))
    assert len(calls) == 1
    fresh = build_graph(files, check=False)
    assert quads(second) == quads(first) == quads(fresh.store)
    assert derived_again == derived == fresh.derived > 0
    assert [p.name for p in cache.iterdir()] == [f"{store_key(files)}.nq"]


def test_an_edited_file_is_seen_at_once_never_an_old_copy(files, cache):
    calls = []
    cached_store(files, counting_build(calls))
    with files[-1].open("a", encoding="utf-8") as data:
        data.write('\n<https://w3id.org/spacecoop/country/JPN> <http://www.w3.org/2000/01/rdf-schema#comment> "edited"@en .\n')
    store, _ = cached_store(files, counting_build(calls))
    assert len(calls) == 2
    edited = ox.Quad(ox.NamedNode("https://w3id.org/spacecoop/country/JPN"), ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#comment"), ox.Literal("edited", language="en"))
    assert edited in store
    assert len(list(cache.glob("*.nq"))) == 2


def test_the_key_digests_the_bytes_and_the_names_of_the_files(files, tmp_path):
    before = store_key(files)
    assert store_key(files) == before
    assert store_key(list(reversed(files))) != before
    renamed = tmp_path / "other.ttl"
    shutil.copyfile(files[-1], renamed)
    assert store_key([*files[:-1], renamed]) != before
    files[-1].write_bytes(files[-1].read_bytes().replace(b"Japan", b"Japon"))
    assert store_key(files) != before


def test_an_empty_cache_dir_turns_the_cache_off(files, tmp_path, monkeypatch):
    monkeypatch.setenv("SPACECOOP_CACHE_DIR", "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_folder() is None
    calls = []
    cached_store(files, counting_build(calls))
    cached_store(files, counting_build(calls))
    assert len(calls) == 2
    assert not (tmp_path / "xdg").exists()


def test_the_default_folder_is_under_xdg_cache_home(tmp_path, monkeypatch):
    monkeypatch.delenv("SPACECOOP_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_folder() == tmp_path / "xdg" / "spacecoop"


def test_a_folder_that_cannot_be_written_still_gives_the_store(files, tmp_path, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("SPACECOOP_CACHE_DIR", str(blocked / "cache"))
    calls = []
    store, _ = cached_store(files, counting_build(calls))
    assert len(calls) == 1 and len(store) == len(build_graph(files, check=False).store)


def test_only_the_most_recently_used_copies_are_kept(files, cache):
    for round_ in range(KEEP[".nq"] + 2):
        with files[-1].open("a", encoding="utf-8") as data:
            data.write(f'\n<https://example.org/x> <https://example.org/round> "{round_}" .\n')
        cached_store(files, counting_build([]))
    assert [p.name for p in cache.glob("*.nq")] and len(list(cache.glob("*.nq"))) == KEEP[".nq"]
    assert (cache / f"{store_key(files)}.nq").is_file()


def test_a_damaged_copy_is_built_again_and_replaced(files, cache):
    cache.mkdir()
    (cache / f"{store_key(files)}.nq").write_text("this is not N-Quads\n")
    calls = []
    store, _ = cached_store(files, counting_build(calls))
    assert len(calls) == 1
    assert quads(store) == quads(build_graph(files, check=False).store)
    assert quads(cached_store(files, counting_build(calls))[0]) == quads(store) and len(calls) == 1


# --- validation reports ---------------------------------------------------------------------


@pytest.fixture
def checkout(tmp_path):
    root = tmp_path / "checkout"
    shutil.copytree(ROOT / "ontology", root / "ontology")
    shutil.copytree(ROOT / "data", root / "data")
    return Project(root)


def test_a_second_build_reuses_the_report_and_writes_the_same_bytes(checkout, cache, tmp_path, monkeypatch):
    first = build(checkout, tmp_path / "first")
    key = report_key(checkout.graph_files, checkout.shape_files)
    assert [p.name for p in cache.glob("*.json")] == [f"{key}.json"]
    assert cached_report(key) == first.graph.report

    import spacecoop.load
    import spacecoop.validate

    def refuse(*args, **kwargs):
        raise AssertionError("loaded or validated again")

    monkeypatch.setattr(spacecoop.validate, "validate", refuse)
    monkeypatch.setattr(spacecoop.load, "load", refuse)
    second = build(checkout, tmp_path / "second")
    assert second.graph.report == first.graph.report
    assert (len(second.graph.store), second.graph.derived) == (len(first.graph.store), first.graph.derived)
    assert [p.read_bytes() for p in second.written] == [p.read_bytes() for p in first.written]


def test_a_build_keeps_the_store_the_reading_commands_then_load(checkout, cache, tmp_path, monkeypatch):
    built = build(checkout, tmp_path / "out").graph
    assert [p.name for p in cache.glob("*.nq")] == [f"{store_key(checkout.graph_files)}.nq"]
    import spacecoop.load

    def refuse(*args, **kwargs):
        raise AssertionError("built again")

    monkeypatch.setattr(spacecoop.load, "load", refuse)
    assert quads(read_store(checkout)) == quads(built.store)


def test_the_key_names_the_versions_importlib_metadata_gives():
    from importlib.metadata import version

    assert [installed_version(n) for n in ("pyoxigraph", "pyshacl", "rdflib")] == [
        version(n) for n in ("pyoxigraph", "pyshacl", "rdflib")
    ]
    assert installed_version("no-such-distribution") == "absent"


def test_a_changed_shape_a_changed_data_file_or_a_new_file_is_a_new_key(checkout, cache):
    key = report_key(checkout.graph_files, checkout.shape_files)
    shapes = checkout.root / "ontology" / "shapes.ttl"
    shapes.write_text(shapes.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    after_shape = report_key(checkout.graph_files, checkout.shape_files)
    data = checkout.root / "data" / "quad.ttl"
    data.write_text(data.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    after_data = report_key(checkout.graph_files, checkout.shape_files)
    shutil.copy(FIXTURES / "world.ttl", checkout.root / "data" / "world.ttl")
    after_file = report_key(checkout.graph_files, checkout.shape_files)
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
    monkeypatch.setenv("SPACECOOP_CACHE_DIR", "off")
    assert cache_folder() is None
    monkeypatch.setenv("SPACECOOP_CACHE_DIR", "")
    assert cache_folder() is None
    monkeypatch.delenv("SPACECOOP_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_folder() == tmp_path / "spacecoop"
