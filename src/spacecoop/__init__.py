"""spacecoop: an open knowledge graph of international space cooperation.

Importing the package does no work; each stage lives in its own module:
``load`` -> ``infer`` -> ``validate`` -> ``query`` / ``analyse`` -> ``render`` / ``serialise``
/ ``export``, composed by ``pipeline``.
The functions below are the short path for notebooks and scripts::

    import spacecoop
    graph = spacecoop.build()                       # load, derive, validate
    spacecoop.run_query(graph, "members", body="copuos", as_of="2022-04-01").to_dataframe()
    spacecoop.run_sparql(graph, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").to_dataframe()
    spacecoop.write_outputs(graph, "build")         # the files ``spacecoop build`` writes

(The names are not ``query``/``sparql``: those are modules of the package.)
"""

from __future__ import annotations

__all__ = ["__version__", "build", "coverage_rows", "run_query", "run_sparql", "write_outputs"]


def build(root=None, *, check: bool = True):
    """Build the graph of the checkout at ``root`` (default: the one around the working
    folder, else the graph installed with the package): a ``BuiltGraph`` with ``store``,
    ``origins`` and the validation ``report``."""
    from .pipeline import build_project, find_project

    return build_project(find_project(root=root), check=check)


def write_outputs(graph, out="build", *, lang: str = "en"):
    """Write what ``spacecoop build`` writes (Turtle, JSON-LD, the maps) for a built graph
    into the folder ``out``; the list of files written."""
    from pathlib import Path

    from .pipeline import write_outputs as write

    return write(graph, Path(out), lang)


def coverage_rows(graph, *, lang: str = "en") -> list[dict]:
    """How complete each counted list is: recorded against expected, as of the status
    source's day (``pandas.DataFrame(spacecoop.coverage_rows(graph))`` for a table)."""
    from .coverage import coverage_rows as rows

    return rows(_store(graph), lang)


def run_query(graph, name: str, *, lang: str = "en", **params):
    """Run the canned query ``name`` with its parameters given as keywords; a ``Table``
    (``.to_dataframe()`` for pandas)."""
    from .query import bind, get_query, run

    named = get_query(name)
    return run(_store(graph), named, bind(named, {k: str(v) for k, v in params.items()}, lang))


def run_sparql(graph, text: str, *, lang: str = "en"):
    """Run your own query (``?lang`` is bound to ``lang``; the project's and the common
    prefixes are predeclared): a ``Table`` for SELECT, a bool for ASK, a list of triples for
    CONSTRUCT and DESCRIBE."""
    from .query import adhoc, answer, bind

    named = adhoc(text)
    result = answer(_store(graph), named, bind(named, {}, lang))
    if result.table is not None:
        return result.table
    return result.boolean if result.boolean is not None else result.triples


def __getattr__(name: str):
    """``__version__``, read from the installed metadata when first asked for (importing
    ``importlib.metadata`` costs a command's start-up more than all the rest of the package)."""
    if name != "__version__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        found = version("spacecoop")
    except PackageNotFoundError:  # running from a source tree that is not installed
        found = "0.0.0"
    globals()["__version__"] = found
    return found


def _store(graph):
    return getattr(graph, "store", graph)
