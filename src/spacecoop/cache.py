"""What earlier commands computed from the same inputs, kept between commands: the built
store (load + infer) and the validation report of a build.

Commands that only read the graph (``query``, ``sparql``, ``coverage``, ``stats``) need the
store that load and infer make; building it takes most of their time, so ``spacecoop build``
or the first such command on a set of files writes the built store as N-Quads (after a line
saying how many triples were derived) and later ones load that file into memory
(Oxigraph parses it in a third of the time that loading Turtle and deriving take; an on-disk
Oxigraph store opened read-only starts sooner, but its queries ran three to ten times slower).
``spacecoop build`` on inputs an earlier build validated reuses that report, and the store with
it (validation was 3 s of a 3.8-s build on the real graph, 44 s of 48 s at a million triples,
before the SHACL Core engine).

Each entry is named by a digest of everything it depends on, so there is nothing to
invalidate and a stale entry is never read: for a store, the name and bytes of each graph file,
the code that loads and derives, and pyoxigraph's version; for a report, also every shape file
(a shape changed, added or removed is a new key), the working folder (a report names files
relative to it), the code that validates and the versions of pySHACL and rdflib. Only reports
of conforming data are kept. Entries are written atomically; the least recently used beyond
``KEEP`` of a kind are removed; an entry that cannot be read is computed again, and a folder
that cannot be written only means no cache.

The folder is ``$SPACECOOP_CACHE_DIR`` (empty or ``off``: no cache), else
``$XDG_CACHE_HOME/spacecoop``, else ``~/.cache/spacecoop``.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Callable, Iterable
from pathlib import Path

import pyoxigraph as ox

SETTING = "SPACECOOP_CACHE_DIR"
#: How many entries of each kind are kept (a store of the real graph is 6 MB of N-Quads).
KEEP = {".nq": 4, ".json": 8}
#: The modules whose code decides the built store, and those that decide the report too.
STORE_CODE = ("cache.py", "infer.py", "load.py", "namespaces.py")
REPORT_CODE = (*STORE_CODE, "collector.py", "rdflib_bridge.py", "shacl_core.py", "validate.py")
_FORMAT = "spacecoop-cache-2"
_DERIVED = b"# derived triples: "


def cache_folder() -> Path | None:
    """Where entries are kept, or None when the cache is turned off."""
    chosen = os.environ.get(SETTING)
    if chosen is not None:
        return None if chosen.strip() in ("", "off") else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "spacecoop"


def store_key(graph_files: list[Path]) -> str:
    """The digest of the inputs of the built store (see the module doc)."""
    return _digest([("pyoxigraph", ox.__version__.encode()), *_code(STORE_CODE),
                    *((f"graph {p.name}", p.read_bytes()) for p in graph_files)])


def report_key(graph_files: list[Path], shape_files: list[Path]) -> str:
    """The digest of everything a build's report depends on (see the module doc)."""
    libraries = [(name, installed_version(name).encode())
                 for name in ("pyoxigraph", "pyshacl", "rdflib")]
    files = [(f"{role} {Path(p).resolve()}", Path(p).read_bytes())
             for role, paths in (("graph", graph_files), ("shapes", shape_files)) for p in paths]
    return _digest([("cwd", str(Path.cwd()).encode()), *libraries, *_code(REPORT_CODE), *files])


def installed_version(distribution: str) -> str:
    """The version in the name of the distribution's ``name-version.dist-info`` folder on
    ``sys.path``, or "absent": what ``importlib.metadata.version`` reads, without the 50 ms
    its import adds to every build."""
    import sys

    for entry in sys.path:
        with contextlib.suppress(OSError):
            for info in sorted(Path(entry or ".").glob(f"{distribution}-*.dist-info")):
                return info.name.removesuffix(".dist-info").split("-", 1)[1]
    return "absent"


def cached_store(
    graph_files: list[Path], build: Callable[[list[Path]], tuple[ox.Store, int]]
) -> tuple[ox.Store, int]:
    """The store ``build(graph_files)`` makes and how many of its triples were derived: read
    from the cache when an entry for these exact inputs is there, else built, kept and
    returned. A file that cannot be read makes ``build`` raise its usual error."""
    location = _store_location(graph_files)
    if location is not None and location.is_file():
        kept = _read_store(location)
        if kept is not None:
            with contextlib.suppress(OSError):  # the most recently used entries are kept
                os.utime(location)
            return kept
    store, derived = build(graph_files)
    if location is not None:
        _write_store(location, store, derived)
    return store, derived


def keep_store(graph_files: list[Path], store: ox.Store, derived: int) -> None:
    """Keep a store built (and derived) from ``graph_files`` for the commands that read it, as
    ``spacecoop build`` does after building."""
    location = _store_location(graph_files)
    if location is not None and not location.is_file():
        _write_store(location, store, derived)


def _store_location(graph_files: list[Path]) -> Path | None:
    folder = cache_folder()
    try:
        return folder / f"{store_key(graph_files)}.nq" if folder else None
    except OSError:
        return None


def _read_store(location: Path) -> tuple[ox.Store, int] | None:
    """An entry: a comment line with the number of derived triples, then the N-Quads."""
    try:
        with location.open("rb") as entry:
            first = entry.readline()
        if not first.startswith(_DERIVED):
            return None
        derived = int(first.removeprefix(_DERIVED))
        store = ox.Store()
        # written from a store that parsed: lenient skips checking each IRI again
        store.load(path=str(location), format=ox.RdfFormat.N_QUADS, lenient=True)
    except (OSError, SyntaxError, ValueError):
        return None
    return store, derived


def _write_store(location: Path, store: ox.Store, derived: int) -> None:
    def write(path: Path) -> None:
        with path.open("wb") as entry:
            entry.write(_DERIVED + f"{derived}\n".encode())
            store.dump(entry, format=ox.RdfFormat.N_QUADS)

    with contextlib.suppress(OSError):
        _keep(location, write)


def cached_report(key: str):
    """The validation report kept under ``key``, or None (no cache, a miss, an unreadable
    entry)."""
    from .validate import ValidationReport, Violation

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


def keep_report(key: str, report) -> None:
    """Keep a conforming ``report`` under ``key``."""
    from dataclasses import asdict

    folder = cache_folder()
    if folder is None or not report.conforms:
        return
    record = {"key": key, "rows": [asdict(row) for row in report.rows]}
    text = json.dumps(record, ensure_ascii=False)
    with contextlib.suppress(OSError):
        _keep(folder / f"{key}.json", lambda path: path.write_text(text, encoding="utf-8"))


def _digest(parts: Iterable[tuple[str, bytes]]) -> str:
    digest = hashlib.sha256(_FORMAT.encode() + b"\0")
    for label, data in parts:
        digest.update(f"{label}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()[:32]


def _code(modules: Iterable[str]) -> list[tuple[str, bytes]]:
    here = Path(__file__).parent
    return [(f"module {name}", (here / name).read_bytes()) for name in modules]


def _keep(location: Path, write: Callable[[Path], object]) -> None:
    """Write an entry through a temporary file renamed into place, then prune its kind."""
    import tempfile

    location.parent.mkdir(parents=True, exist_ok=True)
    suffix = location.suffix
    handle, staging = tempfile.mkstemp(prefix=".writing-", suffix=suffix, dir=location.parent)
    os.close(handle)
    try:
        write(Path(staging))
        os.replace(staging, location)
    finally:
        if os.path.exists(staging):
            os.unlink(staging)
    entries = sorted(location.parent.glob(f"*{location.suffix}"),
                     key=lambda p: p.stat().st_mtime, reverse=True)
    for old in [p for p in entries if p != location][KEEP[location.suffix] - 1 :]:
        old.unlink(missing_ok=True)
