"""Reports of earlier builds, so that `spacecoop build` on unchanged inputs does not validate
again (issue 23: validation was 3 s of a 3.8-s build on the real graph, 44 s of 48 s at a
million triples).

A report is kept under a key that digests everything it depends on: the bytes and paths of
every graph file and every shape file (a shape changed, added or removed is a new key), the
working folder (a report names files relative to it), the source of the modules that load,
derive and validate, and the versions of pySHACL, rdflib and pyoxigraph. Any change is a
miss and a full validation; nothing is validated in part. Only reports of data that conforms
are kept (a build of data that does not conform writes nothing).

The folder is ``$SPACECOOP_CACHE`` when set (empty or ``off`` turns the cache off), else
``$XDG_CACHE_HOME/spacecoop`` or ``~/.cache/spacecoop``; it holds at most ``KEEP`` reports.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from .outputs import write_atomically
from .validate import ValidationReport, Violation

KEEP = 8
_MODULES = (
    "collector.py",
    "infer.py",
    "load.py",
    "namespaces.py",
    "rdflib_bridge.py",
    "shacl_core.py",
    "validate.py",
)
_LIBRARIES = ("pyshacl", "rdflib", "pyoxigraph")


def cache_folder() -> Path | None:
    """Where reports are kept, or None when the cache is turned off."""
    chosen = os.environ.get("SPACECOOP_CACHE")
    if chosen is not None:
        return None if chosen.strip() in ("", "off") else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "spacecoop"


def inputs_key(graph_files: list[Path], shape_files: list[Path]) -> str:
    """A digest of everything a build's report depends on (see the module doc)."""
    digest = hashlib.sha256()

    def add(label: str, data: bytes) -> None:
        digest.update(f"{label}\0{len(data)}\0".encode())
        digest.update(data)

    here = Path(__file__).parent
    add("cwd", str(Path.cwd()).encode())
    for name in _MODULES:
        add(f"module {name}", (here / name).read_bytes())
    for library in _LIBRARIES:
        try:
            add(f"library {library}", version(library).encode())
        except PackageNotFoundError:
            add(f"library {library}", b"absent")
    for role, files in (("graph", graph_files), ("shapes", shape_files)):
        for path in files:
            add(f"{role} {Path(path).resolve()}", Path(path).read_bytes())
    return digest.hexdigest()


def cached_report(key: str) -> ValidationReport | None:
    """The report kept under ``key``, or None (no cache, a miss, or an unreadable entry)."""
    folder = cache_folder()
    if folder is None:
        return None
    try:
        record = json.loads((folder / f"{key}.json").read_text(encoding="utf-8"))
        if record.get("key") != key:
            return None
        return ValidationReport(tuple(Violation(**row) for row in record["rows"]))
    except (OSError, ValueError, TypeError, KeyError):
        return None


def keep_report(key: str, report: ValidationReport) -> None:
    """Keep a conforming ``report`` under ``key``; the oldest entries beyond ``KEEP`` go. A
    cache that cannot be written (a read-only home) is skipped silently: it only saves time."""
    folder = cache_folder()
    if folder is None or not report.conforms:
        return
    record = {"key": key, "rows": [asdict(row) for row in report.rows]}
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_atomically(folder / f"{key}.json", json.dumps(record, ensure_ascii=False))
        entries = sorted(folder.glob("*.json"), key=lambda p: (p.stat().st_mtime, p.name))
        for old in entries[:-KEEP]:
            old.unlink(missing_ok=True)
    except OSError:
        return
