"""Compose the stages: files -> load -> infer -> validate -> outputs. The one place a build is
put together; the CLI and the notebooks call it, so both make the same ``build/``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from .load import Origin, turtle_files
from .namespaces import BASE
from .resources import graph_root

if TYPE_CHECKING:
    from .validate import ValidationReport


@dataclass(frozen=True)
class Project:
    """Where a graph's ontology, shapes and data are: a checkout, or the packaged copy."""

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


@dataclass(frozen=True)
class MapSpec:
    """A map the build draws: the whole two-mode network (actors and frameworks), or the view
    of ``focus`` (its bilateral partners and its frameworks, ``depth`` 1 or 2)."""

    file_name: str
    focus: str | None = None
    depth: int = 1
    titles: dict[str, str] | None = None
    hidden_kinds: tuple[str, ...] = ()


#: The pairwise "shared" links of the projection: drawn only when asked for, ticked off.
DENSE_KINDS = ("shared-membership", "shared-party", "shared-signature")
BUILD_MAPS = (
    MapSpec(
        "network.html",
        titles={"en": "Space cooperation: states and frameworks", "ja": "宇宙協力：国家と枠組み"},
    ),
    MapSpec(
        "japan.html",
        focus=f"{BASE}country/JPN",
        titles={"en": "Japan's space cooperation", "ja": "日本の宇宙協力"},
    ),
)


@dataclass
class BuildResult:
    """A build: the graph and the files written (none when the data does not conform)."""

    graph: BuiltGraph
    written: list[Path]


def find_project(start: Path | None = None, root: Path | str | None = None) -> Project:
    """The graph to work on: the checkout ``root`` when given, else the checkout containing
    ``start`` (default: the working folder), else the graph installed with the package (see
    ``resources``)."""
    return Project(graph_root(root, start))


def build_graph(
    graph_files: list[Path],
    shape_files: list[Path] | None = None,
    *,
    check: bool = True,
    cached: bool = False,
) -> BuiltGraph:
    """Load, derive and (when ``check``) validate; the report is None without checking. With
    ``cached``, inputs an earlier build validated give the store and the report it kept (see
    ``spacecoop.cache``; ``origins`` is then empty: only conforming reports are kept, and they
    name no subject), and a new build keeps both for the next command."""
    if check and cached:
        from .cache import cached_report, cached_store, report_key

        key = report_key(graph_files, shape_files or [])
        report = cached_report(key)
        if report is not None:
            store, derived = cached_store(graph_files, _derived_store)
            return BuiltGraph(store, {}, report, derived)
    from .infer import infer
    from .load import load

    loaded = load(graph_files)
    derived = infer(loaded.store)
    report = None
    if check:
        from .validate import load_shapes, validate

        report = validate(loaded.store, load_shapes(shape_files or []), loaded.origins)
        if cached:
            from .cache import keep_report, keep_store

            keep_report(key, report)
            if report.conforms:
                keep_store(graph_files, loaded.store, derived)
    return BuiltGraph(loaded.store, loaded.origins, report, derived)


def build_project(project: Project, *, check: bool = True, cached: bool = False) -> BuiltGraph:
    """Build the graph of a checkout from its own ontology, data and shapes."""
    return build_graph(project.graph_files, project.shape_files, check=check, cached=cached)


def read_store(project: Project) -> ox.Store:
    """The store of the project's built graph, unvalidated, for commands that only read it:
    loaded from the cache when an entry was built from these exact files and code, else built
    (and kept there); see ``spacecoop.cache``."""
    from .cache import cached_store

    return cached_store(project.graph_files, _derived_store)[0]


def _derived_store(graph_files: list[Path]) -> tuple[ox.Store, int]:
    built = build_graph(graph_files, check=False)
    return built.store, built.derived


def _is_shapes(path: Path) -> bool:
    return path.name.startswith("shapes")


def build(project: Project, out: Path, lang: str = "en") -> BuildResult:
    """Build, validate and, when the data conforms, write the RDF outputs and the maps to
    ``out``; when it does not, the previous outputs are left as they were. Inputs validated by
    an earlier build are not validated again (``spacecoop.cache``)."""
    built = build_project(project, cached=True)
    if not built.report.conforms:
        return BuildResult(built, [])
    return BuildResult(built, write_outputs(built, out, lang))


def write_outputs(built: BuiltGraph, out: Path, lang: str = "en") -> list[Path]:
    """The Turtle and JSON-LD of the graph and the maps of ``BUILD_MAPS`` (each naming the
    incomplete lists it shows), in ``out``. The RDF files and the maps are written side by
    side, in two forked processes where the machine has two cores (together they were most of a
    build of the real graph; the maps are the longer part)."""
    from functools import partial

    from . import __version__
    from .children import run_in_parallel
    from .coverage import coverage_rows
    from .outputs import output_set, remove_stale_parts
    from .serialise import write_rdf

    remove_stale_parts(out)
    coverage = coverage_rows(built.store)
    with output_set(out) as staging:
        parts = run_in_parallel([
            partial(write_rdf, built.store, staging, __version__),
            partial(write_maps, built.store, staging, lang, coverage=coverage),
        ])
    return [out / path.name for part in parts for path in part]


def write_maps(
    store: ox.Store,
    out: Path,
    lang: str = "en",
    maps=BUILD_MAPS,
    coverage: list[dict] | None = None,
) -> list[Path]:
    """Draw each map of ``maps`` into ``out``, opening in ``lang``; ``coverage`` (rows of
    ``spacecoop.coverage.coverage_rows``) names in each map the incomplete lists it shows."""
    from .analyse import map_graph, read_views
    from .render import write_html

    views = read_views(store)
    written = []
    for spec in maps:
        graph = map_graph(views, focus=spec.focus, depth=spec.depth)
        written.append(
            write_html(
                graph,
                out / spec.file_name,
                lang=lang,
                title=spec.titles,
                hidden_kinds=spec.hidden_kinds,
                coverage=coverage,
            )
        )
    return written
