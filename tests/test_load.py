"""Loading: syntax errors name the file and line; origins point at each subject's block."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT

from spacecoop.errors import InputError
from spacecoop.load import load, scan_origins, turtle_files


def test_malformed_turtle_names_file_line_and_column(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    bad = tmp_path / "broken.ttl"
    bad.write_text('@prefix sc: <https://w3id.org/spacecoop/ontology#> .\n\nsc:a sc:b "unterminated .\n', "utf-8")
    with pytest.raises(InputError, match=r"^broken\.ttl:3:\d+: "):
        load([bad])


def test_unknown_prefix_is_an_input_error_with_its_line(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    bad = tmp_path / "prefix.ttl"
    bad.write_text("nope:a nope:b nope:c .\n", "utf-8")
    with pytest.raises(InputError, match=r"^prefix\.ttl:1:\d+: .*nope"):
        load([bad])


def test_non_utf8_file_names_the_line_of_the_bad_byte(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    bad = tmp_path / "latin1.ttl"
    bad.write_bytes(b'@prefix sc: <https://w3id.org/spacecoop/ontology#> .\nsc:a sc:b "caf\xe9" .\n')
    with pytest.raises(InputError, match=r"^latin1\.ttl:2: the file is not UTF-8"):
        load([bad])


def test_missing_file_or_folder_is_an_input_error(tmp_path: Path):
    with pytest.raises(InputError, match="no such file"):
        turtle_files(tmp_path / "absent")


def test_origins_give_the_line_where_each_subject_block_starts():
    text = (
        "@prefix body: <https://w3id.org/spacecoop/body/> .\n\n"
        "# a comment\nbody:copuos\n    a <x:y> .\n\n<https://w3id.org/spacecoop/body/icg>\n    a <x:y> .\n"
    )
    origins = scan_origins(text, "data/bodies.ttl")
    assert {iri: str(o) for iri, o in origins.items()} == {
        "https://w3id.org/spacecoop/body/copuos": "data/bodies.ttl:4",
        "https://w3id.org/spacecoop/body/icg": "data/bodies.ttl:7",
    }


def test_every_data_subject_has_an_origin(built):
    subjects = {q.subject.value for q in built.store.quads_for_pattern(None, None, None)
                if q.subject.value.startswith("https://w3id.org/spacecoop/") and "#" not in q.subject.value
                and not q.subject.value.startswith("https://w3id.org/spacecoop/standing/")}  # derived
    derived_only = {s for s in subjects if s not in built.origins}
    assert derived_only == set()


def test_data_files_are_found_in_name_order():
    names = [p.name for p in turtle_files(ROOT / "data")]
    assert names == sorted(names) and "countries.ttl" in names
