"""The build composed in one place: from a notebook (``spacecoop.build`` and
``spacecoop.write_outputs``) it writes the same bytes as ``spacecoop build``; data that does not
conform writes nothing."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys

from conftest import FIXTURES, ROOT

import spacecoop
from spacecoop.pipeline import BUILD_MAPS, Project, build, build_graph


def digests(folder) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_a_notebook_build_writes_the_bytes_the_command_writes(built, tmp_path):
    from_python = spacecoop.write_outputs(built, tmp_path / "notebook")
    subprocess.run([sys.executable, "-m", "spacecoop.cli", "build", "--root", str(ROOT),
                    "--out", str(tmp_path / "command")], check=True, capture_output=True)
    expected = ["context.jsonld", "japan.html", "network.html", "spacecoop.jsonld", "spacecoop.ttl", "void.ttl"]
    assert sorted(p.name for p in from_python) == expected
    assert [spec.file_name for spec in BUILD_MAPS] == ["network.html", "japan.html"]
    assert digests(tmp_path / "notebook") == digests(tmp_path / "command")


def test_data_that_does_not_conform_writes_nothing_and_keeps_the_old_outputs(tmp_path):
    root = tmp_path / "checkout"
    shutil.copytree(ROOT / "ontology", root / "ontology")
    (root / "data").mkdir()
    shutil.copy(FIXTURES / "world.ttl", root / "data" / "world.ttl")  # text publishers: 4 results
    out = tmp_path / "out"
    out.mkdir()
    (out / "spacecoop.ttl").write_text("the previous build")
    result = build(Project(root), out)
    assert (result.graph.report.conforms, len(result.graph.report.rows)) == (False, 4)
    assert result.written == []
    assert [p.name for p in out.iterdir()] == ["spacecoop.ttl"]
    assert (out / "spacecoop.ttl").read_text() == "the previous build"


def test_a_graph_built_without_checking_has_no_report_and_counts_what_it_derived():
    import rdflib

    files = [ROOT / "ontology" / "spacecoop.ttl", ROOT / "ontology" / "concepts.ttl", FIXTURES / "world.ttl"]
    unchecked = build_graph(files, check=False)
    parsed = rdflib.Graph()
    for path in files:
        parsed.parse(path, format="turtle")
    assert unchecked.report is None
    assert unchecked.derived == 406
    assert len(unchecked.store) == len(parsed) + unchecked.derived
