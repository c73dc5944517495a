"""The ``spacecoop`` command: argument parsing, messages and exit codes; the work is elsewhere.

Exit codes: 0 success, 1 the data does not conform (or a check found rows), 2 usage or input error.
Heavy libraries are imported inside the commands, so ``spacecoop --help`` starts fast.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
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
    "coverage": "spacecoop coverage --format csv",
    "viz": "spacecoop viz --focus JPN --lang ja -o japan.html",
}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    # numpy's OpenBLAS starts a thread per core on import (60 ms of a build); nothing the
    # commands compute with numpy is large enough to gain from them. A user's setting wins.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    parser = _parser(argv[0] if argv and not argv[0].startswith("-") else "")
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
    """A message fit for a terminal: control characters removed, on one line; a syntax error
    keeps the two lines that show where it is (the query's line, and a caret under it)."""
    from .tables import printable

    lines = printable(str(message)).split("\n")
    first = " ".join(lines[0].split())
    if len(lines) == 3 and lines[2].strip() == "^":
        return "\n".join([first, lines[1].rstrip(), lines[2].rstrip()])
    return " ".join(" ".join(lines).split())


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


GRAPH_FORMATS = ("turtle", "ntriples")


def _sparql_epilog() -> str:
    from .namespaces import PREFIXES

    width = max(len(p) for p in PREFIXES) + 1
    names = "\n".join(f"  {p + ':':<{width}} <{PREFIXES[p]}>" for p in sorted(PREFIXES))
    return (
        "Answers: SELECT a table; ASK true or false; CONSTRUCT and DESCRIBE Turtle (or\n"
        "--format ntriples, or one row per triple in a table format).\n\n"
        f"Predeclared prefixes (a query may use them without PREFIX lines):\n{names}"
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
    from .pipeline import read_store
    from .stats import entity_counts

    counts = entity_counts(read_store(_project(args)), args.lang)
    return _emit(args, ["kind", "count"], counts)


def _queries(args) -> int:
    from .query import canned_queries

    rows = [
        (q.name, q.title, ", ".join(p.describe() for p in q.params))
        for q in canned_queries().values()
    ]
    return _emit(args, ["name", "title", "parameters"], rows)


def _query(args) -> int:
    from .query import bind, get_query, query_from_file

    if bool(args.name) == bool(args.file):
        raise UsageError("name one canned query, or give --file my.rq (not both)")
    if args.file:
        from dataclasses import replace

        query = replace(query_from_file(Path(args.file)), name=args.file)
    else:
        query = get_query(args.name)
    given = _params(args.param)
    if args.as_of:
        given["as_of"] = args.as_of
    if args.include_uncertain:
        given["include_uncertain"] = "true"
    terms = bind(query, given, args.lang)
    if args.file:
        return _print_answer(args, query, terms)
    return _print_table(args, query, terms)


def _serve(args) -> int:
    from . import __version__
    from .outputs import write_atomically
    from .serialise import write_rdf
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

    from .remote import graph_size, push, target
    from .serialise import rdf_bytes, sorted_triples

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
    from .docs import ontology_page
    from .outputs import write_atomically

    project = _project(args)
    html = ontology_page(project.root / "ontology" / "spacecoop.ttl")
    path = write_atomically(args.out / "ontology.html", html)
    print(f"wrote {path}")
    return 0


def _analyze(args) -> int:
    from . import analyse
    from .coverage import bilateral_note

    built = _built_for_analysis(args)
    views = analyse.read_views(built.store)
    graph = analyse.weighted_network(
        views, args.as_of, _kinds(args), include_uncertain=args.include_uncertain
    )
    print(_one_line(bilateral_note(analyse.bilateral_states(views))), file=sys.stderr)
    if args.focus:
        focus = _actor_iri(args.focus, views)
        if args.depth:
            graph = analyse.ego(graph, focus, args.depth)
        rows = analyse.partners(graph, focus)[: args.top]
        label = "label_ja" if args.lang == "ja" else "label"
        table = [(r["iso3"], r[label], r["weight"], r["links"], r["kinds"]) for r in rows]
        return _emit(args, ["iso3", "label", "weight", "links", "kinds"], table)
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
    return _emit(args, ["iso3", "label", *names], table)


def _export(args) -> int:
    from . import analyse
    from .export import write_network
    from .namespaces import PANEL_FORMATS

    views = analyse.read_views(_built_for_analysis(args).store)
    last_year = date.fromisoformat(args.as_of).year if args.as_of else None
    if args.format in PANEL_FORMATS:
        if args.focus or args.kind:
            raise UsageError("--focus and --kind do not apply to panels: they cover every actor")
        path = write_network(args.output, None, args.format, views, last_year)
        print(f"wrote {path}")
        return 0
    focus = _actor_iri(args.focus, views) if args.focus else None
    uncertain = getattr(args, "include_uncertain", False)
    graph = analyse.map_graph(
        views, args.as_of, _kinds(args), focus, args.depth, uncertain, pairwise=args.pairwise
    )
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
    uncertain = getattr(args, "include_uncertain", False)
    graph = analyse.map_graph(
        views, args.as_of, _kinds(args), focus, args.depth, uncertain, pairwise=args.pairwise
    )
    hidden = DENSE_KINDS if (args.pairwise and not (args.kind or focus)) else ()
    path = write_html(graph, args.output, lang=args.lang, as_of=args.as_of, hidden_kinds=hidden)
    print(f"wrote {path} ({graph.number_of_nodes()} nodes, {graph.number_of_edges()} links)")
    return 0


def _indicators(args) -> int:
    from .analyse import indicators
    from .query import get_query

    rows = indicators(_built_for_analysis(args).store)
    rules = {}
    for r in rows:
        fields = get_query(r["rule"]).fields
        rules.setdefault(
            r["indicator"], (r["rule"], fields.get("counts"), fields.get("leaves out"))
        )
    columns = ["indicator", "fiscal_year", "reported", "computed", "events"]
    table = [
        (r["indicator"], r["fiscal_year"], r["reported"], r["computed"], "; ".join(r["events"]))
        for r in rows
    ]
    if (args.format or "table") not in ("table", "markdown"):
        # one record per indicator and year, each with its rule, for spreadsheets and programs
        columns += ["counts", "leaves_out"]
        table = [(*row, *rules[row[0]][1:]) for row in table]
        return _emit(args, columns, table)
    lines = ["", "Counting rules (from the header of each indicator's query):"]
    for indicator, (name, counts, leaves_out) in rules.items():
        lines.append(f"{indicator}: spacecoop query {name}")
        lines.append(f"  counts:     {counts or '(not stated)'}")
        lines.append(f"  leaves out: {leaves_out or '(not stated)'}")
    from .tables import render

    text = render(columns, table, args.format or "table") + "\n".join(lines) + "\n"
    return _write(args, text, f"{len(table)} rows")


def _coverage(args) -> int:
    from .coverage import coverage_rows, table
    from .pipeline import read_store

    rows = coverage_rows(read_store(_project(args)), args.lang)
    columns, shown = table(rows)
    return _emit(args, columns, shown)


def _sparql(args) -> int:
    from .query import adhoc, bind

    query = adhoc(args.text)
    return _print_answer(args, query, bind(query, {}, args.lang))


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
    """A canned query's table, its headers in the language of --lang."""
    if args.format in GRAPH_FORMATS:
        raise UsageError(
            f"--format {args.format} is for CONSTRUCT and DESCRIBE; {query.name} is SELECT"
        )
    from .pipeline import read_store

    remote = getattr(args, "endpoint", None)
    store = read_store(_project(args)) if query.coverage or not remote else None
    if remote:
        from .query import portable_text, sorted_lists
        from .remote import remote_select

        table = sorted_lists(query, remote_select(remote, portable_text(query, terms)))
    else:
        from .query import run

        table = run(store, query, terms)
    if not query.coverage:
        return _emit_table(args, table, translate=True)
    return _emit_with_coverage(args, query, terms, table, store)


def _emit_with_coverage(args, query, terms, table, store) -> int:
    """An answer built on lists whose completeness is known: a note on standard error for
    each list short of its count (a ``coverage`` member beside ``rows`` in JSON output)."""
    import json

    from .coverage import coverage_rows, frameworks_of, notes

    rows = coverage_rows(store, args.lang)
    if args.format == "json":
        from .tables import render

        wanted = frameworks_of(query, terms)
        relevant = [r for r in rows if wanted is None or r["framework"] in wanted]
        body = {
            "rows": json.loads(render(table.columns, table.values(), "json")),
            "coverage": relevant,
        }
        text = json.dumps(body, ensure_ascii=False, indent=2) + "\n"
        return _write(args, text, f"{len(table.rows)} rows")
    for line in notes(query, terms, rows):
        print(_one_line(line), file=sys.stderr)
    return _emit_table(args, table, translate=True)


def _print_answer(args, query, terms) -> int:
    """The answer to a user's query of any form (SELECT, ASK, CONSTRUCT, DESCRIBE), with the
    project's and the common prefixes predeclared; its column headers as the user named them."""
    from .query import Answer, answer, bound_text, check_syntax, query_form, with_prefixes

    if getattr(args, "endpoint", None):
        from .remote import remote_select

        check_syntax(query)
        form = query_form(query.text)
        if form != "SELECT":
            raise UsageError(f"--endpoint runs SELECT queries; this is {form} (run it here)")
        text = with_prefixes(bound_text(query, terms))
        result = Answer("SELECT", table=remote_select(args.endpoint, text))
    else:
        from .pipeline import read_store

        result = answer(read_store(_project(args)), query, terms)
    if result.triples is not None:
        return _emit_triples(args, result.triples)
    if args.format in GRAPH_FORMATS:
        raise UsageError(
            f"--format {args.format} is for CONSTRUCT and DESCRIBE; this is {result.form}"
        )
    if result.boolean is not None:
        if (args.format or "table") == "table" and not getattr(args, "output", None):
            print("true" if result.boolean else "false")
            return 0
        return _emit(args, ["boolean"], [(result.boolean,)], translate=False)
    return _emit_table(args, result.table, translate=False)


def _emit_table(args, table, *, translate: bool) -> int:
    rows = table.typed_values() if args.format == "xlsx" else table.values()
    return _emit(args, table.columns, rows, translate=translate)


def _emit_triples(args, triples) -> int:
    """CONSTRUCT and DESCRIBE answers: Turtle (the default) or N-Triples, sorted; or, in a
    tabular format, one row per triple (subject, predicate, object)."""
    import pyoxigraph as ox

    from .serialise import rdf_bytes

    ordered = sorted(triples, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    fmt = args.format or "turtle"
    if fmt in GRAPH_FORMATS:
        kind = ox.RdfFormat.TURTLE if fmt == "turtle" else ox.RdfFormat.N_TRIPLES
        text = rdf_bytes(ordered, kind).decode("utf-8")
        return _write(args, text if text.endswith("\n") else text + "\n", f"{len(ordered)} triples")
    rows = [(t.subject.value, t.predicate.value, t.object.value) for t in ordered]
    return _emit(args, ["subject", "predicate", "object"], rows, translate=False)


def _emit(args, columns: list[str], rows: list[tuple], *, translate: bool = True) -> int:
    """Rows in the format of --format, to --output or the terminal; headers translated into
    the language of --lang when ``translate``."""
    from .tables import render

    lang = getattr(args, "lang", "en") if translate else "en"
    data = render(columns, rows, args.format or "table", lang)
    return _write(args, data, f"{len(rows)} rows")


def _write(args, data, what: str) -> int:
    output = getattr(args, "output", None)
    if output:
        from .outputs import write_atomically

        path = write_atomically(output, data)
        print(f"wrote {path} ({what})")
        return 0
    if isinstance(data, str):
        print(data, end="")
        return 0
    if args.format == "xlsx" and sys.stdout.isatty():
        raise UsageError("--format xlsx writes a workbook: give -o FILE.xlsx (or redirect > FILE)")
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
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
        from .query import parse_day

        args.as_of = parse_day(args.as_of).isoformat()
    return build_project(_project(args), check=False)


def _kinds(args):
    """The link kinds asked for with --kind (argparse has checked them), or None for all."""
    return tuple(args.kind) if args.kind else None


def _actor_iri(code: str, views) -> str:
    from .query import actor_iri

    iri = actor_iri(code)
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
    from .pipeline import find_project

    return find_project(root=args.root)


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


class _Unused:
    """Stands for the parser of a command not being run: its options are not added."""

    def add_argument(self, *args, **kwargs) -> None:
        pass


def _parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser. With ``only``, the options of that command alone are added
    (every command is listed all the same): ``spacecoop --help`` (``only=""``) and a command
    start without building and formatting fourteen parsers' options they do not use."""
    examples = "\n".join(f"  {example}" for example in EXAMPLES.values())
    parser = argparse.ArgumentParser(
        prog="spacecoop",
        description="An open knowledge graph of international space cooperation.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=f"examples:\n{examples}\n\nexit codes: 0 success, 1 data does not conform, "
        "2 usage or input error.\nRun 'spacecoop COMMAND --help' for a command's options.",
    )
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    def command(name: str, run, help_text: str, epilog=None) -> argparse.ArgumentParser:
        if only is not None and name != only:
            commands.add_parser(name, help=help_text, add_help=False)
            return _Unused()
        epilog = epilog() if epilog else ""
        sub = commands.add_parser(
            name,
            help=help_text,
            description=help_text,
            epilog=f"example: {EXAMPLES[name]}" + (f"\n\n{epilog}" if epilog else ""),
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        sub.set_defaults(run=run, command=name)
        sub.add_argument(
            "--root",
            help="the spacecoop checkout (default: the one around the working folder, else the "
            "graph installed with spacecoop)",
        )
        return sub

    def output(sub, *, graphs: bool = False, files: bool = True) -> None:
        if isinstance(sub, _Unused):
            return
        from .tables import FORMAT_HELP, FORMATS, TEXT_FORMATS

        if not files:
            sub.add_argument("--format", choices=TEXT_FORMATS, default="table")
            return
        choices = (*FORMATS, *GRAPH_FORMATS) if graphs else FORMATS
        extra = "; turtle (the default for CONSTRUCT and DESCRIBE) or ntriples" if graphs else ""
        sub.add_argument("--format", choices=choices, default=None, help=FORMAT_HELP + extra)
        sub.add_argument("-o", "--output", type=Path, help="write to this file (else the terminal)")
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
    output(sub, files=False)

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
    sub.add_argument(
        "--include-uncertain",
        action="store_true",
        help="shorthand for --param include_uncertain=true: also what only possibly held on the "
        "day (a year-only date, say), flagged certain=false",
    )
    sub.add_argument("--endpoint", help="run on this remote SPARQL endpoint instead")
    output(sub, graphs=True)
    language(sub)
    query_limits(sub)

    sub = command(
        "sparql",
        _sparql,
        "run your own SPARQL query (SELECT, ASK, CONSTRUCT or DESCRIBE) on the graph",
        epilog=_sparql_epilog,
    )
    sub.add_argument("text", help="the SPARQL query; PREFIX lines may be left out (see below)")
    sub.add_argument("--endpoint", help="run on this remote SPARQL endpoint instead (SELECT)")
    output(sub, graphs=True)
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
        sub.add_argument(
            "--depth",
            type=int,
            default=1,
            help="with --focus: 1 = its partners and frameworks, 2 = the partners' too",
        )
        sub.add_argument("--kind", action="append", choices=LINK_KINDS, help="only these links")
        sub.add_argument(
            "--include-uncertain",
            action="store_true",
            help="with --as-of: also links that only possibly held on the day (certain=false)",
        )

    def pairwise(sub) -> None:
        sub.add_argument(
            "--pairwise",
            action="store_true",
            help="actor-to-actor links (a 'shared' link per pair of members of a framework) "
            "instead of frameworks as nodes linked to their members",
        )

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
    pairwise(sub)

    sub = command("viz", _viz, "draw the network as one interactive HTML file that works offline")
    network_options(sub)
    sub.add_argument("-o", "--output", type=Path, required=True, help="the .html file to write")
    pairwise(sub)
    language(sub)

    sub = command("indicators", _indicators, "the sheet's indicators, reported beside computed")
    output(sub)

    sub = command("coverage", _coverage, "how complete each list is, against its status source")
    output(sub)
    language(sub)

    sub = command("docs", _docs, "write the ontology documentation as HTML (pyLODE)")
    sub.add_argument("--out", type=Path, default=Path("build"), help="output folder")
    return parser


if __name__ == "__main__":
    sys.exit(main())
