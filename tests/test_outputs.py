"""Atomic files and output sets: a reader or a killed writer never sees half a file or a mix
of two builds (the CLI-level kill tests are in test_hardening.py)."""

from __future__ import annotations

import json
import os

import pytest

from spacecoop.errors import InputError
from spacecoop.outputs import (
    MANIFEST,
    STAGING,
    atomic_text,
    output_set,
    recover,
    remove_stale_parts,
    write_atomically,
)


def listing(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_failed_write_keeps_the_old_file_and_leaves_no_part(tmp_path):
    target = tmp_path / "a.csv"
    write_atomically(target, "old\n")
    with pytest.raises(RuntimeError), atomic_text(target) as stream:
        stream.write("new, half")
        raise RuntimeError("the writer failed half way")
    assert target.read_text() == "old\n"
    assert listing(tmp_path) == ["a.csv"]


def test_a_written_file_has_the_umask_mode_not_the_temporary_files(tmp_path):
    previous = os.umask(0o022)
    try:
        path = write_atomically(tmp_path / "x.ttl", b"<a> <b> <c> .\n")
    finally:
        os.umask(previous)
    assert (path.stat().st_mode & 0o777, path.read_bytes()) == (0o644, b"<a> <b> <c> .\n")


@pytest.mark.parametrize("kind", ["symlink", "folder"])
def test_a_link_or_a_folder_is_never_replaced(tmp_path, kind):
    target = tmp_path / "out.html"
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("keep")
    if kind == "symlink":
        target.symlink_to(elsewhere)
    else:
        target.mkdir()
    with pytest.raises(InputError, match="out.html: is a (symbolic link|folder)"):
        write_atomically(target, "x")
    assert elsewhere.read_text() == "keep"


def test_an_output_set_replaces_its_files_together_and_keeps_others(tmp_path):
    (tmp_path / "a.ttl").write_text("old a")
    (tmp_path / "notes.txt").write_text("mine")
    with output_set(tmp_path) as staging:
        write_atomically(staging / "a.ttl", "new a")
        write_atomically(staging / "b.html", "new b")
        assert (tmp_path / "a.ttl").read_text() == "old a"  # nothing moves in before the end
    assert listing(tmp_path) == ["a.ttl", "b.html", "notes.txt"]
    assert [(tmp_path / n).read_text() for n in ("a.ttl", "b.html", "notes.txt")] == ["new a", "new b", "mine"]


def test_an_output_set_that_fails_leaves_the_old_set_and_no_staging(tmp_path):
    (tmp_path / "a.ttl").write_text("old a")
    with pytest.raises(RuntimeError), output_set(tmp_path) as staging:
        write_atomically(staging / "a.ttl", "new a")
        raise RuntimeError("the build failed")
    assert listing(tmp_path) == ["a.ttl"] and (tmp_path / "a.ttl").read_text() == "old a"


def test_recover_finishes_a_completed_set_and_drops_an_incomplete_one(tmp_path):
    staging = tmp_path / STAGING
    staging.mkdir()
    (staging / "a.ttl").write_text("new a")
    (tmp_path / "a.ttl").write_text("old a")
    recover(tmp_path)  # no manifest: killed before the set was complete
    assert listing(tmp_path) == ["a.ttl"] and (tmp_path / "a.ttl").read_text() == "old a"
    staging.mkdir()
    (staging / "a.ttl").write_text("new a")
    (staging / MANIFEST).write_text(json.dumps(["a.ttl"]))
    recover(tmp_path)  # complete: killed while moving in
    assert listing(tmp_path) == ["a.ttl"] and (tmp_path / "a.ttl").read_text() == "new a"


def test_stale_parts_are_removed_but_finished_outputs_stay(tmp_path):
    (tmp_path / ".network.html.abc123.part").write_text("half")
    (tmp_path / "network.html").write_text("whole")
    remove_stale_parts(tmp_path)
    assert listing(tmp_path) == ["network.html"]
