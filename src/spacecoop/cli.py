"""The ``spacecoop`` command: argument parsing, messages and exit codes; the work is elsewhere.

Exit codes: 0 success, 1 the data does not conform (or a check found rows), 2 usage or input error.
Heavy libraries are imported inside the commands, so ``spacecoop --help`` starts fast.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import SpacecoopError, UsageError

EXAMPLES = {
    "build": "spacecoop build",
    "validate": "spacecoop validate data/my-facts.ttl",
    "stats": "spacecoop stats --lang ja",
    "queries": "spacecoop queries",
    "query": "spacecoop query members --param body=copuos --as-of 2022-04-01 --format csv",
    "sparql": 'spacecoop sparql "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"',
    "serve": "spacecoop serve --port 7878",
    "push": "spacecoop push --endpoint http://localhost:3030/spacecoop/data",
    "docs": "spacecoop docs --out build",
    "analyze": "spacecoop analyze --focus JPN --as-of 2022-04-01 --format csv",
    "export": "spacecoop export --format gexf -o build/network.gexf",
    "indicators": "spacecoop indicators --format csv",
    "viz": "spacecoop viz --focus JPN --lang ja -o japan.html",
}


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 2
    try:
        _apply_limits(args)
        return args.run(args)
    except SpacecoopError as error:
        print(f"spacecoop {args.command}: error: {_one_line(error)}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print(f"spacecoop {args.command}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        message = _one_line(f"{where}{error.strerror or error}")
        print(f"spacecoop {args.command}: error: {message}", file=sys.stderr)
        return 2
    except MemoryError:
        print(f"spacecoop {args.command}: error: out of memory", file=sys.stderr)
        return 2
    finally:
        from . import guard

        guard.disarm()


def _one_line(message) -> str:
    """A message fit for a terminal: control characters removed, on one line."""
    from .tables import printable

    return " ".join(printable(str(message)).split())


def _apply_limits(args) -> None:
    """The guards of the command's options: SPARQL SERVICE, the local query's time and
    memory limits (query and sparql only), spreadsheet-safe CSV."""
    from . import guard, tables

    tables.SPREADSHEET_SAFE = not getattr(args, "raw_csv", False)
    if args.command in ("query", "sparql"):
        guard.POLICY.allow_service = bool(getattr(args, "allow_service", False))
        guard.LIMITS["timeout_s"] = getattr(args, "timeout", None)
        memory = getattr(args, "max_memory", None)
        guard.LIMITS["max_memory_bytes"] = (
            memory * 2**30 if memory else guard.default_memory_limit()
        )


# --- commands -----------------------------------------------------------------------------


def _build(args) -> int:
    from .pipeline import build
    from .stats import entity_counts, summary_lines

    result = build(_project(args), args.out, args.lang)
    built = result.graph
    for line in summary_lines(built, entity_counts(built.store, args.lang), result.written):
        print(line)
    if not built.report.conforms:
        _print_violations(built.report, limit=20)
        print("build: the data does not conform; the previous outputs were left as they were.")
        return 1
    return 0


def _validate(args) -> int:
    from .pipeline import build_graph

    project = _project(args)
    extra = [Path(f) for f in args.files]
    files = project.graph_files + [f for f in extra if f.resolve() not in _resolved(project)]
    built = build_graph(files, project.shape_files)
    if built.report.conforms:
        print(f"conforms: {len(built.store)} triples, no violations")
        return 0
    _print_violations(built.report, fmt=args.format)
    return 1


def _stats(args) -> int:
    from .pipeline import build_project
    from .stats import entity_counts
    from .tables import format_rows

    built = build_project(_project(args), check=False)
    counts = entity_counts(built.store, args.lang)
    print(format_rows(["kind", "count"], counts, args.format), end="")
    return 0


def _queries(args) -> int:
    from .query import canned_queries
    from .tables import format_rows

    rows = [
        (q.name, q.title, ", ".join(p.describe() for p in q.params))
        for q in canned_queries().values()
    ]
    print(format_rows(["name", "title", "parameters"], rows, args.format), end="")
    return 0


def _query(args) -> int:
    from .query import bind, get_query, query_from_file

    if bool(args.name) == bool(args.file):
        raise UsageError("name one canned query, or give --file my.rq (not both)")
    query = query_from_file(Path(args.file)) if args.file else get_query(args.name)
    given = _params(args.param)
    if args.as_of:
        given["as_of"] = args.as_of
    terms = bind(query, given, args.lang)
    return _print_table(args, query, terms)


def _serve(args) -> int:
    from . import __version__
    from .export import write_rdf
    from .outputs import write_atomically
    from .server import Settings, prepare_store, query_page, serve

    built = _conforming_build(args)
    if built is None:
        return 1
    write_rdf(built.store, args.out, __version__)
    location = prepare_store(args.out / "spacecoop.ttl", args.out / "oxigraph")
    endpoint = f"http://{args.host}:{args.port}/query"
    write_atomically(args.out / "query.html", query_page(endpoint))
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print(
            f"warning: listening on {args.host}: anyone who can reach it can query; see SECURITY.md"
        )
    print(f"SPARQL endpoint (read-only): {endpoint}")
    print(f"query page:                  http://{args.host}:{args.port}/")
    print(f"canned queries as JSON:      http://{args.host}:{args.port}/queries")
    print("press Ctrl-C to stop", flush=True)
    settings = Settings(
        location,
        host=args.host,
        port=args.port,
        timeout_s=args.timeout,
        max_rows=args.max_rows,
        allowed_hosts=tuple(args.allow_host),
        cors_origins=tuple(args.cors),
        service_hosts=tuple(args.allow_service_host),
        read_timeout_s=args.read_timeout,
    )
    return serve(settings)


def _push(args) -> int:
    from pyoxigraph import RdfFormat

    from .export import rdf_bytes, sorted_triples
    from .remote import graph_size, push, target

    where = target(args.endpoint)
    built = _conforming_build(args)
    if built is None:
        return 1
    graph = f"graph <{args.graph}>" if args.graph else "the default graph"
    held = graph_size(args.endpoint, args.graph)
    if held is None and not args.replace:
        raise UsageError(
            f"cannot tell what {graph} of {where.shown} holds, and push replaces it whole: "
            "add --replace to go ahead, or push to a graph of its own with --graph IRI"
        )
    if held and not args.replace:
        raise UsageError(
            f"{graph} of {where.shown} holds {held} triples; push would replace them all: "
            "add --replace to go ahead, or push to a graph of its own with --graph IRI"
        )
    if held:
        print(f"replacing the {held} triples of {graph} of {where.shown}")
    turtle = rdf_bytes(sorted_triples(built.store), RdfFormat.TURTLE)
    status = push(turtle, args.endpoint, args.graph)
    print(f"pushed {len(built.store)} triples to {graph} of {where.shown} (HTTP {status})")
    return 0


def _docs(args) -> int:
    from .outputs import write_atomically

    try:
        from pylode import OntPub
    except ImportError:
        raise UsageError(
            "pyLODE is not installed; install it with: pip install 'spacecoop[docs]'"
        ) from None
    project = _project(args)
    html = OntPub(ontology=str(project.root / "ontology" / "spacecoop.ttl")).make_html()
    path = write_atomically(args.out / "ontology.html", html)
    print(f"wrote {path}")
    return 0


def _analyze(args) -> int:
    from . import analyse
    from .tables import format_rows

    built = _built_for_analysis(args)
    views = analyse.read_views(built.store)
    graph = analyse.weighted_network(views, args.as_of, _kinds(args))
    if args.focus:
        focus = _actor_iri(args.focus, views)
        if args.depth:
            graph = analyse.ego(graph, focus, args.depth)
        rows = analyse.partners(graph, focus)[: args.top]
        label = "label_ja" if args.lang == "ja" else "label"
        table = [(r["iso3"], r[label], r["weight"], r["links"], r["kinds"]) for r in rows]
        print(
            format_rows(["iso3", "label", "weight", "links", "kinds"], table, args.format), end=""
        )
        return 0
    metrics = analyse.centrality(graph)
    names = [
        "degree",
        "weighted_degree",
        "betweenness",
        "eigenvector",
        "closeness",
        "community",
        "k_core",
    ]
    ranked = sorted(metrics.items(), key=lambda item: (-item[1]["weighted_degree"], item[0]))
    label = f"label_{args.lang}"
    table = [
        (graph.nodes[n].get("iso3") or "", graph.nodes[n].get(label, n), *(m[k] for k in names))
        for n, m in ranked[: args.top]
    ]
    print(format_rows(["iso3", "label", *names], table, args.format), end="")
    return 0


def _export(args) -> int:
    from . import analyse
    from .export import write_network
    from .namespaces import PANEL_FORMATS

    views = analyse.read_views(_built_for_analysis(args).store)
    last_year = int(args.as_of[:4]) if args.as_of else None
    if args.format in PANEL_FORMATS:
        if args.focus or args.kind:
            raise UsageError("--focus and --kind do not apply to panels: they cover every actor")
        path = write_network(args.output, None, args.format, views, last_year)
        print(f"wrote {path}")
        return 0
    graph = analyse.network(views, args.as_of, _kinds(args))
    if args.focus:
        focus = _actor_iri(args.focus, views)
        graph = graph.subgraph(analyse.ego(analyse.weighted(graph), focus, args.depth)).copy()
    path = write_network(args.output, graph, args.format, views, last_year)
    print(f"wrote {path} ({graph.number_of_nodes()} nodes, {graph.number_of_edges()} links)")
    return 0


def _viz(args) -> int:
    from . import analyse
    from .pipeline import DENSE_KINDS
    from .render import write_html

    built = _built_for_analysis(args)
    views = analyse.read_views(built.store)
    focus = _actor_iri(args.focus, views) if args.focus else None
    graph = analyse.map_graph(views, args.as_of, _kinds(args), focus, args.depth)
    hidden = () if (args.kind or focus) else DENSE_KINDS
    path = write_html(graph, args.output, lang=args.lang, as_of=args.as_of, hidden_kinds=hidden)
    print(f"wrote {path} ({graph.number_of_nodes()} nodes, {graph.number_of_edges()} links)")
    return 0


def _indicators(args) -> int:
    from .analyse import indicators
    from .tables import format_rows

    rows = indicators(_built_for_analysis(args).store)
    table = [
        (r["indicator"], r["fiscal_year"], r["reported"], r["computed"], "; ".join(r["events"]))
        for r in rows
    ]
    columns = ["indicator", "fiscal_year", "reported", "computed", "events"]
    print(format_rows(columns, table, args.format), end="")
    return 0


def _sparql(args) -> int:
    from .query import NamedQuery, bind

    query = NamedQuery("sparql", "ad hoc query", "", (), args.text)
    return _print_table(args, query, bind(query, {}, args.lang))


# --- helpers ------------------------------------------------------------------------------


def _conforming_build(args):
    """The built graph, or None after printing its violations: nothing is served or pushed
    from data that does not conform."""
    from .pipeline import build_project

    built = build_project(_project(args))
    if built.report.conforms:
        return built
    _print_violations(built.report, limit=20)
    return None


def _print_table(args, query, terms) -> int:
    from .tables import format_rows

    if getattr(args, "endpoint", None):
        from .endpoint import remote_select
        from .query import bound_text

        table = remote_select(args.endpoint, bound_text(query, terms))
    else:
        from .pipeline import build_project
        from .query import run

        table = run(build_project(_project(args), check=False).store, query, terms)
    print(format_rows(table.columns, table.values(), args.format), end="")
    return 0


def _print_violations(report, fmt: str = "table", limit: int | None = None) -> None:
    from .tables import format_rows

    columns = ["where", "focus", "path", "message", "fix"]
    rows = [(v.where, v.focus, v.path, v.message, v.fix) for v in report.rows]
    shown = rows[:limit] if limit else rows
    print(format_rows(columns, shown, fmt), end="", file=sys.stdout)
    if limit and len(rows) > limit:
        print(f"… and {len(rows) - limit} more: run 'spacecoop validate' for all of them")
    violations = sum(1 for v in report.rows if v.severity == "Violation")
    print(f"{violations} violation(s), {len(report.rows) - violations} other result(s)")


def _built_for_analysis(args):
    from .pipeline import build_project

    if getattr(args, "as_of", None):
        from .query import Param, to_term

        args.as_of = to_term(Param("as_of", "date", None, ""), args.as_of).value
    return build_project(_project(args), check=False)


def _kinds(args):
    """The link kinds asked for with --kind (argparse has checked them), or None for all."""
    return tuple(args.kind) if args.kind else None


def _actor_iri(code: str, views) -> str:
    from .query import Param, to_term

    iri = to_term(Param("focus", "country", None, ""), code).value
    if iri not in views.actors:
        raise UsageError(f"--focus {code}: no such state or organisation in the graph")
    return iri


def _params(pairs: list[str]) -> dict[str, str]:
    given = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise UsageError(f"--param takes name=value, not {pair!r}")
        given[name.strip()] = value
    return given


def _project(args):
    from .pipeline import Project, find_project

    return Project(Path(args.root).resolve()) if args.root else find_project()


def _resolved(project) -> set[Path]:
    return {p.resolve() for p in project.graph_files}


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is not a port number (1-65535)")
    return port


def _positive(kind):
    def convert(text: str):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
        if not value > 0 or value != value or value == float("inf"):
            raise argparse.ArgumentTypeError(f"{text} must be a positive number")
        return value

    convert.__name__ = kind.__name__
    return convert


def _parser() -> argparse.ArgumentParser:
    examples = "\n".join(f"  {example}" for example in EXAMPLES.values())
    parser = argparse.ArgumentParser(
        prog="spacecoop",
        description="An open knowledge graph of international space cooperation.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=f"examples:\n{examples}\n\nexit codes: 0 success, 1 data does not conform, "
        "2 usage or input error.\nRun 'spacecoop COMMAND --help' for a command's options.",
    )
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    def command(name: str, run, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(
            name,
            help=help_text,
            description=help_text,
            epilog=f"example: {EXAMPLES[name]}",
        )
        sub.set_defaults(run=run, command=name)
        sub.add_argument("--root", help="the spacecoop checkout (default: found from here)")
        return sub

    def output(sub, default: str = "table") -> None:
        from_formats = ("table", "csv", "json", "markdown")
        sub.add_argument("--format", choices=from_formats, default=default)
        sub.add_argument(
            "--raw-csv",
            action="store_true",
            help="CSV cells as they are, for pipelines (by default a cell that a spreadsheet "
            "would run as a formula, starting with = + - @, gets a leading ')",
        )

    def query_limits(sub) -> None:
        sub.add_argument(
            "--timeout", type=_positive(float), default=30, help="seconds a query may run (30)"
        )
        sub.add_argument(
            "--max-memory",
            type=_positive(float),
            help="GiB the process may grow to (half the RAM, at most 8)",
        )
        sub.add_argument(
            "--allow-service", action="store_true", help="let the query fetch SERVICE URLs"
        )

    def language(sub) -> None:
        sub.add_argument("--lang", choices=("en", "ja"), default="en", help="label language")

    sub = command("build", _build, "build, derive and validate the graph; write build/")
    sub.add_argument("--out", type=Path, default=Path("build"), help="output folder")
    language(sub)

    sub = command("validate", _validate, "check the data (and extra FILES) against the shapes")
    sub.add_argument("files", nargs="*", help="extra Turtle files to check with the data")
    output(sub)

    sub = command("stats", _stats, "count the entities of each kind")
    output(sub)
    language(sub)

    sub = command("queries", _queries, "list the canned queries and their parameters")
    output(sub)

    sub = command("query", _query, "run a canned query (or --file my.rq)")
    sub.add_argument("name", nargs="?", help="a name from 'spacecoop queries'")
    sub.add_argument("--file", help="run the query in this .rq file instead")
    sub.add_argument("--param", action="append", default=[], metavar="NAME=VALUE")
    sub.add_argument("--as-of", help="shorthand for --param as_of=DATE")
    sub.add_argument("--endpoint", help="run on this remote SPARQL endpoint instead")
    output(sub)
    language(sub)
    query_limits(sub)

    sub = command("sparql", _sparql, "run your own SELECT query on the graph")
    sub.add_argument("text", help="the SPARQL SELECT query")
    sub.add_argument("--endpoint", help="run on this remote SPARQL endpoint instead")
    output(sub)
    language(sub)
    query_limits(sub)

    sub = command("serve", _serve, "serve the graph read-only over SPARQL on this machine")
    sub.add_argument("--port", type=_port, default=7878, help="port to listen on, 1-65535")
    sub.add_argument("--host", default="127.0.0.1", help="address to listen on (default loopback)")
    sub.add_argument("--timeout", type=_positive(float), default=30, help="query timeout, seconds")
    sub.add_argument("--max-rows", type=_positive(int), default=10_000, help="rows per answer")
    sub.add_argument("--out", type=Path, default=Path("build"), help="output folder")
    sub.add_argument(
        "--allow-host",
        action="append",
        default=[],
        metavar="NAME",
        help="also accept this Host header (the name a proxy forwards); default: the address",
    )
    sub.add_argument(
        "--cors",
        action="append",
        default=[],
        metavar="ORIGIN",
        help="let pages of this origin query the endpoint (e.g. https://example.org, or *)",
    )
    sub.add_argument(
        "--allow-service-host",
        action="append",
        default=[],
        metavar="HOST",
        help="let queries use SERVICE to this host (refused by default)",
    )
    sub.add_argument(
        "--read-timeout",
        type=_positive(float),
        default=10,
        help="seconds a client may take to send its request (10)",
    )

    sub = command("push", _push, "upload the graph to a SPARQL Graph Store endpoint")
    sub.add_argument(
        "--endpoint",
        required=True,
        help="Graph Store URL, e.g. …/store or …/data (http://user:password@host/… for basic auth)",
    )
    sub.add_argument("--graph", help="named graph IRI (default: the default graph)")
    sub.add_argument(
        "--replace", action="store_true", help="replace the target graph when it is not empty"
    )

    def network_options(sub) -> None:
        from .namespaces import LINK_KINDS

        sub.add_argument("--as-of", help="the network as it was on this ISO date")
        sub.add_argument("--focus", help="a state (ISO alpha-3) or organisation short name")
        sub.add_argument("--depth", type=int, default=1, help="ego-network depth with --focus")
        sub.add_argument("--kind", action="append", choices=LINK_KINDS, help="only these links")

    sub = command("analyze", _analyze, "centrality and communities, or a state's partners")
    network_options(sub)
    sub.add_argument("--top", type=int, default=30, help="how many rows")
    output(sub)
    language(sub)

    from .namespaces import NETWORK_FORMATS

    sub = command("export", _export, "write the network for Gephi, Cytoscape or a panel study")
    network_options(sub)
    sub.add_argument(
        "--format",
        required=True,
        choices=NETWORK_FORMATS,
        help="a network file, or a panel: wide (one column per body or instrument) or -long",
    )
    sub.add_argument("-o", "--output", type=Path, required=True, help="the file to write")

    sub = command("viz", _viz, "draw the network as one interactive HTML file that works offline")
    network_options(sub)
    sub.add_argument("-o", "--output", type=Path, required=True, help="the .html file to write")
    language(sub)

    sub = command("indicators", _indicators, "the sheet's indicators, reported beside computed")
    output(sub)

    sub = command("docs", _docs, "write the ontology documentation as HTML (pyLODE)")
    sub.add_argument("--out", type=Path, default=Path("build"), help="output folder")
    return parser


if __name__ == "__main__":
    sys.exit(main())
