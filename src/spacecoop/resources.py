"""Where spacecoop's files come from: the checkout a user works in, or the copy in the package.

Two kinds of file, two rules:

- The graph (``ontology/*.ttl``, the shapes, ``data/*.ttl``) is the user's to edit. Inside a
  checkout (found from the working folder, or named with ``--root``) the checkout's files are
  used; anywhere else, the copy installed with the package (the wheel carries ``ontology/``
  and ``data/`` as ``spacecoop/ontology`` and ``spacecoop/data``). So ``pip install
  spacecoop`` gives a tool with its graph, and editing ``data/`` in a clone works as before.
- The queries and templates (``queries/**/*.rq``, ``templates/*``) go with the code that reads
  their columns, so they always come from the imported package. In an editable install that
  package is the checkout's ``src/spacecoop``.

Every read of a packaged file goes through ``package_text`` and ``package_entries``. The package
is always files on disk (a wheel is unpacked; nothing here runs from a zip), so they are found
from this module's own folder: ``importlib.resources`` would add 20 ms to every command's start.
"""

from __future__ import annotations

from pathlib import Path

from .errors import InputError

PACKAGE_FOLDER = Path(__file__).resolve().parent
ONTOLOGY_MARKER = Path("ontology") / "spacecoop.ttl"


def package_file(*parts: str) -> Path:
    """A file or folder inside the installed package, e.g. ``package_file("queries", "x.rq")``."""
    return PACKAGE_FOLDER.joinpath(*parts)


def package_text(*parts: str) -> str:
    """The text of a packaged file; FileNotFoundError when it is not there."""
    return package_file(*parts).read_text(encoding="utf-8")


def package_entries(*parts: str, suffix: str = ".rq") -> dict[str, str]:
    """The files ending in ``suffix`` directly in a packaged folder: text by name (the file
    name less the suffix), in name order. A missing folder has none."""
    folder = package_file(*parts)
    if not folder.is_dir():
        return {}
    entries = sorted(
        (item for item in folder.iterdir() if item.name.endswith(suffix) and item.is_file()),
        key=lambda item: item.name,
    )
    return {item.name.removesuffix(suffix): item.read_text(encoding="utf-8") for item in entries}


def is_checkout(folder: Path) -> bool:
    """A folder with the graph's layout: ``ontology/spacecoop.ttl`` and ``data/``."""
    return (folder / ONTOLOGY_MARKER).is_file() and (folder / "data").is_dir()


def find_checkout(start: Path | None = None) -> Path | None:
    """The checkout containing ``start`` (default: the working folder), or None."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if is_checkout(folder):
            return folder
    return None


def packaged_root() -> Path:
    """The folder holding the graph that came with the package.

    An installed wheel has it inside the package (``site-packages/spacecoop/ontology`` …); a
    package imported from a source tree (an editable install, or ``PYTHONPATH=src``) has it in
    that tree, two levels up from ``src/spacecoop``."""
    package = PACKAGE_FOLDER
    for candidate in (package, package.parent.parent):
        if is_checkout(candidate):
            return candidate
    raise InputError(
        f"{package}: this installation of spacecoop carries no graph (no {ONTOLOGY_MARKER}); "
        "reinstall it from a wheel, or run the command inside a checkout or with --root"
    )


def graph_root(root: Path | str | None = None, start: Path | None = None) -> Path:
    """Where the graph is read from: ``root`` when given (it must be a checkout), else the
    checkout around ``start`` (default: the working folder), else the packaged graph."""
    if root is not None:
        folder = Path(root).resolve()
        if not is_checkout(folder):
            raise InputError(
                f"--root {root}: not a spacecoop checkout (no {ONTOLOGY_MARKER} and data/ in it)"
            )
        return folder
    return find_checkout(start) or packaged_root()
