"""The built graph of a set of files, kept between commands, under a key that digests its inputs.

Commands that only read the graph (``query``, ``sparql``, ``coverage``, ``stats``) need the
store that load and infer make, not the validation or where each subject was defined.
Building it takes most of such a command's time, so the first command on a given set of
files writes the built store as N-Quads to the cache folder and later ones load that file
into memory: Oxigraph parses it in a third of the time that loading, parsing Turtle and
deriving take. (An on-disk Oxigraph store opened read-only starts sooner, but on the real graph
its queries ran three to ten times slower than in memory: ``members`` with its coverage
note 0.16 s against 0.02 s, the links of ``partners`` 0.7 s against 0.27 s.)

The file's name is a digest of everything the store is made from: the name and the bytes
of each graph file, the code that builds it (``load.py``, ``infer.py``, ``namespaces.py``
and this module) and pyoxigraph's version. Any change to any of them gives another name,
so an edit to ``data/`` is seen by the next command and a stale copy is never read; there
is nothing to invalidate. A copy is written to a temporary file and renamed into place, so
a command never reads a half-written one; the least recently used beyond ``KEEP`` are
removed.

The cache folder is ``$SPACECOOP_CACHE_DIR``, else ``$XDG_CACHE_HOME/spacecoop``, else
``~/.cache/spacecoop``; ``SPACECOOP_CACHE_DIR`` set to the empty string turns the cache off.
When the folder cannot be written, the store is built in memory as without a cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from pathlib import Path

import pyoxigraph as ox

#: The modules whose code decides the triples of the built store.
CODE = ("load.py", "infer.py", "namespaces.py", "store_cache.py")
#: How many built stores (of different inputs) are kept.
KEEP = 4
_FORMAT = "spacecoop-store-1"


def cache_folder() -> Path | None:
    """Where built stores are kept, or None when the cache is turned off."""
    chosen = os.environ.get("SPACECOOP_CACHE_DIR")
    if chosen is not None:
        return Path(chosen) if chosen else None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "spacecoop"


def store_key(graph_files: list[Path]) -> str:
    """The digest of the inputs of the built store: each graph file's name and bytes (in the
    given order), the code of ``CODE`` and pyoxigraph's version."""
    digest = hashlib.sha256(f"{_FORMAT}\0{ox.__version__}\0".encode())
    here = Path(__file__).parent
    for path in [*(here / name for name in CODE), *graph_files]:
        digest.update(f"{path.name}\0{path.stat().st_size}\0".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:32]


def cached_store(graph_files: list[Path], build) -> ox.Store:
    """The store ``build(graph_files)`` makes: read from the cache when a copy for these exact
    inputs is there, else built, written there and returned. A file that cannot be read makes
    ``build`` raise its usual error."""
    folder = cache_folder()
    if folder is None:
        return build(graph_files)
    try:
        location = folder / f"{store_key(graph_files)}.nq"
    except OSError:
        return build(graph_files)
    if location.is_file():
        store = ox.Store()
        try:
            # written by _write from a store that parsed: lenient skips checking each IRI again
            store.load(path=str(location), format=ox.RdfFormat.N_QUADS, lenient=True)
        except (OSError, SyntaxError):
            store = None
        if store is not None:
            with contextlib.suppress(OSError):  # the most recently used copies are kept
                os.utime(location)
            return store
    store = build(graph_files)
    with contextlib.suppress(OSError):  # a cache that cannot be written is no cache
        _write(store, folder, location)
    return store


def _write(store: ox.Store, folder: Path, location: Path) -> None:
    import tempfile

    folder.mkdir(parents=True, exist_ok=True)
    handle, staging = tempfile.mkstemp(prefix=".building-", suffix=".nq", dir=folder)
    os.close(handle)
    try:
        store.dump(staging, format=ox.RdfFormat.N_QUADS)
        os.replace(staging, location)
    finally:
        if os.path.exists(staging):
            os.unlink(staging)
    _prune(folder, keep=location)


def _prune(folder: Path, keep: Path) -> None:
    """Remove the least recently used copies beyond ``KEEP`` (never ``keep``)."""
    copies = sorted(folder.glob("*.nq"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in [p for p in copies if p != keep][KEEP - 1 :]:
        old.unlink(missing_ok=True)
