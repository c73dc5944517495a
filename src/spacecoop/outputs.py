"""Write files atomically: a reader or a crash never sees half a file."""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path


def write_atomically(path: Path, content: bytes | str) -> Path:
    """Write to a temporary file beside ``path``, flush it to disk, then rename it over."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    with _atomic(path, "wb") as stream:
        stream.write(data)
    return path


def atomic_text(path: Path):
    """A text stream whose content replaces ``path`` only when the block ends without error;
    for outputs too large to hold in memory."""
    return _atomic(path, "w")


def atomic_binary(path: Path):
    """Like ``atomic_text``, for a binary stream."""
    return _atomic(path, "wb")


@contextmanager
def _atomic(path: Path, mode: str):
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    text = {"encoding": "utf-8", "newline": ""} if "b" not in mode else {}
    try:
        os.chmod(temporary, 0o666 & ~_umask())
        with os.fdopen(handle, mode, **text) as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def remove_stale_parts(folder: Path) -> None:
    """Delete temporary files that a killed writer left behind (never a finished output)."""
    if folder.is_dir():
        for leftover in folder.glob(".*.part"):
            leftover.unlink(missing_ok=True)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
