"""Load Turtle files into one in-memory Oxigraph store, remembering where each subject is defined.

The origin of a subject (file and line of its block) lets validation messages point at the
line a user has to edit. Oxigraph parses; the origins come from a light scan of the lines that
open a block, which is exact for our convention of one subject per block starting at column 0.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from .collector import collector_paused
from .errors import InputError
from .namespaces import BASE, PREFIXES

_PREFIX_LINE = re.compile(r"^\s*(?:@prefix|PREFIX)\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>", re.I)
_BLOCK_START = re.compile(r"^(<[^>\s]*>|[A-Za-z][\w.-]*:[^\s;,]*|:[^\s;,]*)")


@dataclass(frozen=True, order=True)
class Origin:
    """Where a subject's block starts: a path relative to the working folder, and a line."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass
class LoadedGraph:
    """The parsed triples and, for each subject IRI, where it is defined."""

    store: ox.Store
    origins: dict[str, Origin] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)


def turtle_files(*folders_or_files: Path) -> list[Path]:
    """Every Turtle file named or found directly in the given folders, sorted by name.

    ``.ttl`` is matched in any case (``.TTL``). Raises InputError for a folder that cannot be
    read or holds no Turtle file (a build of nothing would replace every output with an
    empty graph), and for anything that is not a regular file (a FIFO would hang the build,
    a device would be read without end)."""
    found: list[Path] = []
    for item in folders_or_files:
        if item.is_dir():
            try:
                names = sorted(entry.name for entry in os.scandir(item))
            except OSError as error:
                raise InputError(
                    f"{_shown(item)}: cannot read the folder ({error.strerror})"
                ) from None
            chosen = [item / name for name in names if name.lower().endswith(".ttl")]
            chosen = [path for path in chosen if not path.name.startswith(".")]
            if not chosen:
                raise InputError(
                    f"{_shown(item)}: no Turtle (.ttl) file in this folder; nothing to build"
                )
            found.extend(chosen)
        elif item.exists():
            found.append(item)
        else:
            raise InputError(f"{_shown(item)}: no such file or folder")
    for path in found:
        _check_regular(path)
    return found


def _check_regular(path: Path) -> None:
    try:
        mode = path.stat().st_mode
    except OSError as error:
        raise InputError(f"{_shown(path)}: cannot read it ({error.strerror})") from None
    if not stat.S_ISREG(mode):
        raise InputError(f"{_shown(path)}: not a regular file (a pipe, device or socket); refused")


@collector_paused()
def load(paths: Iterable[Path], store: ox.Store | None = None) -> LoadedGraph:
    """Parse each Turtle file into ``store`` (a new one by default).

    Raises InputError naming the file, line and column of the first syntax error, or a file
    that is not UTF-8.
    """
    loaded = LoadedGraph(store if store is not None else ox.Store())
    for path in paths:
        _check_regular(path)
        text = _read_text(path)
        try:
            loaded.store.load(text, format=ox.RdfFormat.TURTLE, base_iri=path.resolve().as_uri())
        except SyntaxError as error:
            raise InputError(f"{_shown(path)}:{_position(error)}: {_reason(error)}") from None
        except MemoryError as error:
            raise InputError(f"{_shown(path)}: a token is too large to parse ({error})") from None
        loaded.files.append(path)
        origins = scan_origins(text, _shown(path))
        if path.resolve().parent.name == "data":
            check_namespaces(origins)
        for iri, origin in origins.items():
            loaded.origins.setdefault(iri, origin)
    return loaded


KNOWN_NAMESPACES = tuple(sorted({BASE, *PREFIXES.values()}))


def check_namespaces(origins: dict[str, Origin]) -> None:
    """Every subject a file of ``data/`` defines must be under the project's base IRI or a
    known vocabulary (shapes and other files may use any IRI): a typo in a @prefix line (``<javascript://w3id.org/spacecoop/action/>``)
    would otherwise move every subject of the file out of the graph's namespace."""
    for iri, origin in sorted(origins.items(), key=lambda item: item[1]):
        if not iri.startswith(KNOWN_NAMESPACES):
            raise InputError(
                f"{origin}: the subject <{iri}> is outside {BASE} and every known vocabulary; "
                "check the @prefix lines"
            )


def scan_origins(text: str, shown_name: str) -> dict[str, Origin]:
    """Map each subject that opens a block (a line starting at column 0) to its line."""
    prefixes: dict[str, str] = {}
    origins: dict[str, Origin] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        declared = _PREFIX_LINE.match(line)
        if declared:
            prefixes[declared.group(1) or ""] = declared.group(2)
            continue
        opening = _BLOCK_START.match(line)
        if not opening:
            continue
        token = opening.group(1)
        if token.startswith("<"):
            iri = token[1:-1]
        else:
            prefix, _, local = token.partition(":")
            if prefix not in prefixes:
                continue
            iri = prefixes[prefix] + local
        origins.setdefault(iri, Origin(shown_name, number))
    return origins


def _read_text(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise InputError(f"{_shown(path)}: no such file") from None
    except UnicodeDecodeError as error:
        line = path.read_bytes()[: error.start].count(b"\n") + 1
        raise InputError(
            f"{_shown(path)}:{line}: the file is not UTF-8 (byte {error.object[error.start]:#x}); "
            "save it as UTF-8"
        ) from None


def _position(error: SyntaxError) -> str:
    if error.lineno:
        return f"{error.lineno}:{error.offset or 1}"
    return "1:1"


def _reason(error: SyntaxError) -> str:
    message = str(error.msg if hasattr(error, "msg") else error)
    return re.sub(r"^Parser error at line \d+ column \d+: ", "", message)


def _shown(path: Path) -> str:
    """A path as the user would type it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
