"""Compose the stages: files -> load -> infer -> validate. The CLI and the notebooks call this."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from .errors import InputError
from .infer import infer
from .load import Origin, load, turtle_files
from .validate import ValidationReport, load_shapes, validate


@dataclass(frozen=True)
class Project:
    """Where a checkout keeps its ontology, shapes and data."""

    root: Path

    @property
    def graph_files(self) -> list[Path]:
        ontology = [p for p in turtle_files(self.root / "ontology") if not _is_shapes(p)]
        return ontology + turtle_files(self.root / "data")

    @property
    def shape_files(self) -> list[Path]:
        return [p for p in turtle_files(self.root / "ontology") if _is_shapes(p)]


@dataclass
class BuiltGraph:
    """The graph with its derived triples, where each subject is defined, and its report."""

    store: ox.Store
    origins: dict[str, Origin]
    report: ValidationReport | None
    derived: int


def find_project(start: Path | None = None) -> Project:
    """The checkout containing ``start`` (default: the working folder)."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "ontology" / "spacecoop.ttl").is_file() and (folder / "data").is_dir():
            return Project(folder)
    raise InputError(
        f"{here}: not inside a spacecoop checkout (no ontology/spacecoop.ttl and data/ above it); "
        "run the command from the repository or pass --root"
    )


def build_graph(
    graph_files: list[Path], shape_files: list[Path] | None = None, *, check: bool = True
) -> BuiltGraph:
    """Load, derive and (when ``check``) validate; the report is None without checking."""
    loaded = load(graph_files)
    derived = infer(loaded.store)
    report = None
    if check:
        report = validate(loaded.store, load_shapes(shape_files or []), loaded.origins)
    return BuiltGraph(loaded.store, loaded.origins, report, derived)


def build_project(project: Project, *, check: bool = True) -> BuiltGraph:
    """Build the graph of a checkout from its own ontology, data and shapes."""
    return build_graph(project.graph_files, project.shape_files, check=check)


def _is_shapes(path: Path) -> bool:
    return path.name.startswith("shapes")
