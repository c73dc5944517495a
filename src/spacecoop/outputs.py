"""Write files atomically (a reader or a crash never sees half a file), and the outputs of
one build as a set (``output_set``: a killed build leaves the old set or the new one).

Every write refuses to replace a symbolic link or anything that is not a regular file (``-o
/dev/sda`` or a link to a file elsewhere), and an error while writing (a full disk) names the
file.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import tempfile
from contextlib import contextmanager
from pathlib import Path

from .errors import InputError

STAGING = ".next"
MANIFEST = ".complete"


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


def check_target(path: Path) -> None:
    """Refuse to replace a symbolic link, a device, a FIFO, a socket or a folder."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as error:
        raise OSError(error.errno, error.strerror, str(path)) from None
    if stat.S_ISLNK(mode):
        raise InputError(f"{path}: is a symbolic link; refusing to replace it (name another file)")
    if not stat.S_ISREG(mode):
        kind = "folder" if stat.S_ISDIR(mode) else "device, pipe or socket"
        raise InputError(f"{path}: is a {kind}, not a regular file; refusing to replace it")


@contextmanager
def _atomic(path: Path, mode: str):
    check_target(path)
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
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        if error.filename is None:  # a write: name the file the user asked for
            raise OSError(error.errno, error.strerror or str(error), str(path)) from None
        raise
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@contextmanager
def output_set(folder: Path):
    """A staging folder for the outputs of one build; when the block ends without error, its
    files replace those in ``folder`` together.

    The files are written (and flushed to disk) in ``folder/.next``; then a manifest marks the
    set complete, and only then is each file renamed into place. A build killed before the
    manifest leaves the old set (the next build deletes the staging folder); one killed after
    it leaves a set that the next build, or ``recover``, finishes moving in: the outputs are
    never a mix of two builds once a command has started."""
    recover(folder)
    staging = folder / STAGING
    staging.mkdir(parents=True, exist_ok=True)
    try:
        yield staging
        names = sorted(p.name for p in staging.iterdir() if not p.name.startswith("."))
        for name in names:
            check_target(folder / name)
        write_atomically(staging / MANIFEST, json.dumps(names))
        _fsync_folder(staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _move_in(folder)


def recover(folder: Path) -> None:
    """Finish a set that a killed build had completed, or delete one it had not."""
    staging = folder / STAGING
    if not staging.is_dir():
        return
    if (staging / MANIFEST).is_file():
        _move_in(folder)
    else:
        shutil.rmtree(staging, ignore_errors=True)


def _move_in(folder: Path) -> None:
    staging = folder / STAGING
    names = json.loads((staging / MANIFEST).read_text(encoding="utf-8"))
    for name in names:
        if (staging / name).exists():
            os.replace(staging / name, folder / name)
    _fsync_folder(folder)
    shutil.rmtree(staging, ignore_errors=True)


def _fsync_folder(folder: Path) -> None:
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


def remove_stale_parts(folder: Path) -> None:
    """Delete temporary files that a killed writer left behind (never a finished output)."""
    if folder.is_dir():
        for leftover in folder.glob(".*.part"):
            leftover.unlink(missing_ok=True)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
