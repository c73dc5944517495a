"""A local read-only SPARQL endpoint (the `oxigraph` server) and the way to remote stores.

- ``prepare_store`` writes the built graph into an on-disk Oxigraph store, atomically.
- ``serve`` runs ``oxigraph serve-read-only`` on loopback over that store: updates and Graph
  Store writes are refused by the server itself, queries time out.
- ``push`` uploads Turtle to any SPARQL 1.1 Graph Store Protocol endpoint; ``remote_select``
  runs a SELECT query on any SPARQL 1.1 endpoint. Both use only the standard library.
"""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox

from .errors import EndpointError
from .query import Table

DEFAULT_PORT = 7878


def prepare_store(turtle: Path, location: Path) -> Path:
    """Load the built Turtle into a fresh on-disk store at ``location``, replacing the old one
    only once the new one is complete."""
    if not turtle.is_file():
        raise EndpointError(f"{turtle}: no built graph; run 'spacecoop build' first")
    location.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{location.name}.", dir=location.parent))
    try:
        store = ox.Store(str(staging))
        store.bulk_load(path=str(turtle), format=ox.RdfFormat.TURTLE)
        store.flush()
        del store
        previous = location.with_name(f".{location.name}.old")
        if location.exists():
            shutil.rmtree(previous, ignore_errors=True)
            location.rename(previous)
        staging.rename(location)
        shutil.rmtree(previous, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return location


def query_page(endpoint: str) -> str:
    """A self-contained HTML page that lists the canned queries (with their default parameters
    bound) and runs any query against the endpoint; all data reaches the page as JSON text."""
    from importlib.resources import files

    from .query import bind, bound_text, canned_queries

    listed = [
        {"name": q.name, "title": q.title, "question": q.question, "text": bound_text(q, bind(q))}
        for q in canned_queries().values()
    ]
    template = (files("spacecoop") / "templates" / "query-page.html").read_text(encoding="utf-8")
    return template.replace("__QUERIES__", script_json(listed)).replace(
        "__ENDPOINT__", script_json(endpoint)
    )


def script_json(value) -> str:
    """JSON that is safe inside a <script> element: no "</script>", "<!--" or line separators."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, escaped)
    return text


def oxigraph_command() -> str:
    """The `oxigraph` executable installed beside this Python, or on PATH."""
    beside = Path(sys.executable).with_name("oxigraph")
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    if not found:
        raise EndpointError(
            "the oxigraph server is not installed; install it with: pip install 'spacecoop[server]'"
        )
    return found


def server_arguments(location: Path, host: str, port: int, timeout_s: int) -> list[str]:
    return [
        oxigraph_command(),
        "serve-read-only",
        "--location",
        str(location),
        "--bind",
        f"{host}:{port}",
        "--cors",
        "--timeout-s",
        str(timeout_s),
    ]


def serve(location: Path, host: str = "127.0.0.1", port: int = DEFAULT_PORT, timeout_s: int = 30):
    """Run the read-only server in the foreground until Ctrl-C; return its exit code."""
    process = subprocess.Popen(server_arguments(location, host, port, timeout_s))
    try:
        return process.wait()
    except KeyboardInterrupt:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        return 0


def push(turtle: bytes, store_url: str, graph: str | None = None, timeout: float = 60) -> int:
    """PUT the Turtle into the default graph (or ``graph``) of a Graph Store Protocol endpoint.

    ``store_url`` is the store's Graph Store endpoint, e.g. http://localhost:7878/store for
    Oxigraph or http://localhost:3030/ds/data for Fuseki. Returns the HTTP status.
    """
    target = _with_query(store_url, {"graph": graph} if graph else {"default": ""})
    request = urllib.request.Request(
        target, data=turtle, method="PUT", headers={"Content-Type": "text/turtle; charset=utf-8"}
    )
    return _send(request, timeout).status


def remote_select(endpoint: str, sparql: str, timeout: float = 60) -> Table:
    """Run a SELECT query on a SPARQL 1.1 endpoint and read its JSON results."""
    request = urllib.request.Request(
        endpoint,
        data=sparql.encode("utf-8"),
        method="POST",
        headers={
            "Content-Type": "application/sparql-query; charset=utf-8",
            "Accept": "application/sparql-results+json",
        },
    )
    with _send(request, timeout) as response:
        try:
            document = json.load(response)
        except ValueError as error:
            raise EndpointError(
                f"{endpoint}: the answer is not SPARQL JSON results ({error})"
            ) from None
    columns = document.get("head", {}).get("vars", [])
    rows = [
        tuple(_term(binding.get(column)) for column in columns)
        for binding in document.get("results", {}).get("bindings", [])
    ]
    return Table(columns, rows)


def _send(request: urllib.request.Request, timeout: float):
    try:
        return urllib.request.urlopen(request, timeout=timeout)  # noqa: S310 (http(s) only)
    except urllib.error.HTTPError as error:
        detail = error.read(500).decode("utf-8", "replace").strip()
        message = f"{request.full_url}: HTTP {error.code} {error.reason}: {detail}"
        raise EndpointError(message) from None
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise EndpointError(f"{request.full_url}: cannot reach the endpoint ({reason})") from None


def _with_query(url: str, params: dict[str, str]) -> str:
    scheme = urllib.parse.urlsplit(url).scheme
    if scheme not in ("http", "https"):
        raise EndpointError(f"{url}: the endpoint must be an http:// or https:// URL")
    separator = "&" if "?" in url else "?"
    return url + separator + urllib.parse.urlencode(params)


def _term(binding: dict | None):
    if binding is None:
        return None
    kind, value = binding.get("type"), binding.get("value", "")
    if kind == "uri":
        return ox.NamedNode(value)
    if kind == "bnode":
        return ox.BlankNode(value)
    if "xml:lang" in binding:
        return ox.Literal(value, language=binding["xml:lang"])
    if "datatype" in binding:
        return ox.Literal(value, datatype=ox.NamedNode(binding["datatype"]))
    return ox.Literal(value)
