"""spacecoop: an open knowledge graph of international space cooperation.

Importing the package does no work; each stage lives in its own module:
``load`` -> ``infer`` -> ``validate`` -> ``query`` / ``analyse`` -> ``render`` / ``export``.
The functions below are the short path for notebooks and scripts::

    import spacecoop
    graph = spacecoop.build()                       # load, derive, validate
    spacecoop.run_query(graph, "members", body="copuos", as_of="2022-04-01").to_dataframe()
    spacecoop.run_sparql(graph, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").to_dataframe()
    spacecoop.write_outputs(graph, "build")         # the files ``spacecoop build`` writes

(The names are not ``query``/``sparql``: those are modules of the package.)
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("spacecoop")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"

__all__ = ["__version__", "build", "run_query", "run_sparql", "write_outputs"]


def build(root=None, *, check: bool = True):
    """Build the graph of the checkout at ``root`` (default: the one around the working
    folder): a ``BuiltGraph`` with ``store``, ``origins`` and the validation ``report``."""
    from pathlib import Path

    from .pipeline import Project, build_project, find_project

    project = Project(Path(root).resolve()) if root else find_project()
    return build_project(project, check=check)


def write_outputs(graph, out="build", *, lang: str = "en"):
    """Write what ``spacecoop build`` writes (Turtle, JSON-LD, the maps) for a built graph
    into the folder ``out``; the list of files written."""
    from pathlib import Path

    from .pipeline import write_outputs as write

    return write(graph, Path(out), lang)


def run_query(graph, name: str, *, lang: str = "en", **params):
    """Run the canned query ``name`` with its parameters given as keywords; a ``Table``
    (``.to_dataframe()`` for pandas)."""
    from .query import bind, get_query, run

    named = get_query(name)
    return run(_store(graph), named, bind(named, {k: str(v) for k, v in params.items()}, lang))


def run_sparql(graph, text: str, *, lang: str = "en"):
    """Run your own SELECT query (``?lang`` is bound to ``lang``); a ``Table``."""
    from .query import NamedQuery, bind, run

    named = NamedQuery("sparql", "ad hoc query", "", (), text)
    return run(_store(graph), named, bind(named, {}, lang))


def _store(graph):
    return getattr(graph, "store", graph)
