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
}


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 2
    try:
        return args.run(args)
    except SpacecoopError as error:
        print(f"spacecoop {args.command}: error: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print(f"spacecoop {args.command}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


# --- commands -----------------------------------------------------------------------------


def _build(args) -> int:
    from .export import write_rdf
    from .pipeline import build_project
    from .stats import entity_counts, summary_lines

    project = _project(args)
    built = build_project(project)
    written = []
    if built.report.conforms:
        written = write_rdf(built.store, args.out)
    for line in summary_lines(built, entity_counts(built.store, args.lang), written):
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


def _sparql(args) -> int:
    from .query import NamedQuery, bind

    query = NamedQuery("sparql", "ad hoc query", "", (), args.text)
    return _print_table(args, query, bind(query, {}, args.lang))


# --- helpers ------------------------------------------------------------------------------


def _print_table(args, query, terms) -> int:
    from .pipeline import build_project
    from .query import run
    from .tables import format_rows

    built = build_project(_project(args), check=False)
    table = run(built.store, query, terms)
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
    output(sub)
    language(sub)

    sub = command("sparql", _sparql, "run your own SELECT query on the graph")
    sub.add_argument("text", help="the SPARQL SELECT query")
    output(sub)
    language(sub)
    return parser


if __name__ == "__main__":
    sys.exit(main())
