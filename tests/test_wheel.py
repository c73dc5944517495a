"""The installable product: a wheel built from the checkout, installed into a fresh virtual
environment outside it, runs every command on the graph it carries.

Offline by construction: the wheel is built with the setuptools already installed here (no
build isolation, no index), installed with ``--no-deps --no-index``, and the new environment
reads its dependencies (rdflib, pyoxigraph, …) from this interpreter's site-packages through a
``.pth`` line. Such a line adds only that folder to ``sys.path``; the editable install of the
checkout that may live there (a ``.pth`` of its own) is not processed, so ``import spacecoop``
in the new environment finds the wheel's copy, which the first test checks.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
import time
import urllib.parse
import urllib.request
import zipfile
from importlib.metadata import version
from pathlib import Path

import pytest
from conftest import ROOT

pytestmark = pytest.mark.wheel

IGNORED = shutil.ignore_patterns("__pycache__", "*.egg-info", "*.pyc")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel, built from a copy of the files the build reads (so that setuptools' build/
    and egg-info folders never land in the checkout, whose build/ holds spacecoop's outputs)."""
    major = int(version("setuptools").split(".")[0])
    assert major >= 77, (
        f"setuptools {version('setuptools')} cannot build this project (it needs >= 77, for the "
        "SPDX licence field); install the test extra: pip install -e '.[test]'"
    )
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    for folder in ("src", "data", "ontology"):
        shutil.copytree(ROOT / folder, source / folder, ignore=IGNORED)
    wheels = tmp_path_factory.mktemp("wheels")
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
          "--quiet", "--wheel-dir", str(wheels), str(source)], cwd=source, timeout=180)
    (built,) = wheels.glob("spacecoop-*.whl")
    return built


@pytest.fixture(scope="module")
def venv(wheel, tmp_path_factory) -> Path:
    """A fresh virtual environment with the wheel installed and nothing else of spacecoop's."""
    folder = tmp_path_factory.mktemp("venv")
    _run([sys.executable, "-m", "venv", "--without-pip", str(folder)])
    python = folder / "bin" / "python"
    site = Path(_run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).stdout.strip())
    here = sysconfig.get_paths()
    (site / "_spacecoop_test_dependencies.pth").write_text(
        "\n".join(dict.fromkeys([here["purelib"], here["platlib"]])) + "\n", encoding="utf-8"
    )
    _run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index",
          "--quiet", str(wheel)], timeout=180)
    return folder


@pytest.fixture
def elsewhere(tmp_path) -> Path:
    """A working folder with no checkout above it."""
    folder = tmp_path / "work"
    folder.mkdir()
    assert not any((p / "ontology" / "spacecoop.ttl").exists() for p in (folder, *folder.parents))
    return folder


def spacecoop(venv: Path, *args: str, cwd: Path, check: bool = True) -> subprocess.CompletedProcess:
    return _run([str(venv / "bin" / "spacecoop"), *args], cwd=cwd, env=_env(venv), check=check)


def test_the_wheel_holds_the_graph_every_query_rule_and_template(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    package = ROOT / "src" / "spacecoop"
    expected = {f"spacecoop/{p.relative_to(package)}" for p in package.rglob("*")
                if p.is_file() and p.suffix in (".py", ".rq", ".html", ".css", ".js")}
    expected |= {f"spacecoop/data/{p.name}" for p in (ROOT / "data").glob("*.ttl")}
    expected |= {f"spacecoop/ontology/{p.name}" for p in (ROOT / "ontology").glob("*.ttl")}
    expected.add("spacecoop/data/README.md")  # the sources and licences of the data
    assert expected - names == set()
    shipped = {n for n in names if n.startswith("spacecoop/") and not n.endswith("/")}
    assert shipped == expected


def test_the_environment_imports_the_wheel_not_the_checkout(venv, elsewhere):
    result = _run([str(venv / "bin" / "python"), "-c",
                   "import spacecoop, spacecoop.resources as r; print(spacecoop.__file__); print(r.packaged_root())"],
                  cwd=elsewhere, env=_env(venv))
    module, root = result.stdout.splitlines()
    assert Path(module).is_relative_to(venv) and Path(root) == Path(module).parent


def test_query_outside_a_checkout_answers_from_the_packaged_graph(venv, elsewhere):
    packaged = spacecoop(venv, "query", "members", "--param", "body=quad", "--as-of", "2024-01-01",
                         "--format", "csv", cwd=elsewhere).stdout
    from_checkout = spacecoop(venv, "query", "members", "--param", "body=quad", "--as-of", "2024-01-01",
                              "--format", "csv", "--root", str(ROOT), cwd=elsewhere).stdout
    rows = list(csv.reader(io.StringIO(packaged)))
    assert rows[0] == ["iso3", "label", "role", "since", "until", "certain", "source"]
    assert sorted(r[0] for r in rows[1:]) == ["AUS", "IND", "JPN", "USA"]
    assert packaged == from_checkout


def test_build_viz_analyze_export_and_validate_outside_a_checkout(venv, elsewhere):
    result = spacecoop(venv, "build", "--out", "site", cwd=elsewhere)
    assert "conforms to the shapes: yes" in result.stdout
    assert sorted(p.name for p in (elsewhere / "site").iterdir()) == [
        "context.jsonld", "japan.html", "network.html", "spacecoop.jsonld", "spacecoop.ttl", "void.ttl"]
    assert spacecoop(venv, "validate", cwd=elsewhere).stdout.startswith("conforms: ")

    spacecoop(venv, "viz", "--focus", "JPN", "-o", "japan.html", cwd=elsewhere)
    assert "<html" in (elsewhere / "japan.html").read_text(encoding="utf-8")[:500].lower()

    ranked = list(csv.reader(io.StringIO(spacecoop(venv, "analyze", "--focus", "JPN", "--as-of", "2022-04-01",
                                                    "--format", "csv", cwd=elsewhere).stdout)))
    assert ranked[0][:2] == ["iso3", "label"] and ranked[1][0] == "USA"

    exported = spacecoop(venv, "export", "--format", "graphml", "-o", "net.graphml", cwd=elsewhere).stdout
    assert exported.startswith("wrote net.graphml (") and (elsewhere / "net.graphml").stat().st_size > 10_000


def test_the_checkout_s_files_win_inside_a_checkout(venv, tmp_path, elsewhere):
    """A clone whose data lacks the Artemis Accords: inside it (found from a subfolder, or
    named with --root) the accords have no signatories; elsewhere the packaged graph has them."""
    clone = tmp_path / "clone"
    for folder in ("ontology", "data"):
        shutil.copytree(ROOT / folder, clone / folder)
    (clone / "data" / "artemis-accords.ttl").unlink()
    args = ("query", "signatories", "--param", "instrument=artemis-accords", "--as-of", "2023-01-01",
            "--format", "csv")
    assert len(spacecoop(venv, *args, cwd=elsewhere).stdout.splitlines()) == 1 + 23
    assert spacecoop(venv, *args, cwd=clone / "data").stdout.splitlines()[1:] == []
    assert spacecoop(venv, *args, "--root", str(clone), cwd=elsewhere).stdout.splitlines()[1:] == []


def test_serve_outside_a_checkout_answers_sparql(venv, elsewhere):
    port = _free_port()
    server = subprocess.Popen([str(venv / "bin" / "spacecoop"), "serve", "--port", str(port), "--out", "srv"],
                              cwd=elsewhere, env=_env(venv), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, start_new_session=True)
    try:
        query = urllib.parse.urlencode({"query": "ASK { ?s a <https://w3id.org/spacecoop/ontology#State> }"})
        request = urllib.request.Request(f"http://127.0.0.1:{port}/query?{query}",
                                         headers={"Accept": "application/sparql-results+json"})
        answer, deadline = None, time.monotonic() + 60
        while answer is None and time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(request, timeout=5) as response:
                    answer = response.read().decode("utf-8")
            except OSError:
                time.sleep(0.3)
        assert answer is not None, server.stderr.read() if server.poll() is not None else "no answer in 60 s"
        assert '"boolean":true' in answer.replace(" ", "")
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGINT)
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()
        server.stdout.close()
        server.stderr.close()


def _env(venv: Path) -> dict[str, str]:
    """The environment without PYTHONPATH (which may point at the checkout's src), with the new
    environment's bin first and this interpreter's after it (for the `oxigraph` server)."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PATH"] = os.pathsep.join([str(venv / "bin"), str(Path(sys.executable).parent), env.get("PATH", "")])
    return env


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _run(command: list[str], *, cwd: Path | None = None, env: dict | None = None, timeout: float = 120,
         check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    if check:
        assert result.returncode == 0, f"{command[:3]} exited {result.returncode}:\n{result.stderr[-3000:]}"
    return result
