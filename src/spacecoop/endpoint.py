"""A local read-only SPARQL endpoint (the `oxigraph` server) and the way to remote stores.

- ``prepare_store`` writes the built graph into an on-disk Oxigraph store, atomically.
- ``serve`` runs ``oxigraph serve-read-only`` on a private loopback port over that store, and a
  small front on the public port: the query page, SPARQL queries with a row cap, a timeout and
  at most MAX_PARALLEL_QUERIES at once; updates and Graph Store writes are refused by both.
- ``push`` uploads Turtle to any SPARQL 1.1 Graph Store Protocol endpoint; ``remote_select``
  runs a SELECT query on any SPARQL 1.1 endpoint. Both use only the standard library.
"""

from __future__ import annotations

import http.client
import json
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox

from .errors import EndpointError
from .query import Table

DEFAULT_PORT = 7878
DEFAULT_MAX_ROWS = 10_000
MAX_QUERY_BYTES = 1_000_000
MAX_ANSWER_BYTES = 64_000_000
MAX_PARALLEL_QUERIES = 8


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

    from .query import bind, canned_queries, portable_text

    listed = [
        {
            "name": q.name,
            "title": q.title,
            "question": q.question,
            "text": portable_text(q, bind(q)),
        }
        for q in canned_queries().values()
    ]
    template = (files("spacecoop") / "templates" / "query-page.html").read_text(encoding="utf-8")
    return template.replace("__QUERIES__", script_json(listed)).replace(
        "__ENDPOINT__", script_json(endpoint)
    )


def script_json(value) -> str:
    """JSON that is safe inside a <script> element: no "</script>", "<!--" or line separators."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    for raw, escaped in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
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


def server_arguments(location: Path, host: str, port: int) -> list[str]:
    """The read-only `oxigraph` server over ``location``. No ``--timeout-s``: the server then
    keeps a watchdog thread per query for the whole timeout, which exhausts threads under a
    burst of small queries; the front enforces the timeout instead."""
    return [
        oxigraph_command(),
        "serve-read-only",
        "--location",
        str(location),
        "--bind",
        f"{host}:{port}",
        "--cors",
    ]


def serve(
    location: Path,
    host: str = "127.0.0.1",
    port: int = DEFAULT_PORT,
    timeout_s: int = 30,
    max_rows: int = DEFAULT_MAX_ROWS,
) -> int:
    """Serve the store read-only until Ctrl-C: the `oxigraph` server on a private loopback
    port, behind a small front that answers on ``host:port`` (see ``FrontHandler``)."""
    upstream_port = free_port()
    process = subprocess.Popen(server_arguments(location, "127.0.0.1", upstream_port))
    try:
        wait_for_port(upstream_port, process)
        front = FrontServer((host, port), FrontHandler)
        front.upstream = f"http://127.0.0.1:{upstream_port}"
        front.max_rows = max_rows
        front.timeout_s = timeout_s
        front.slots = threading.BoundedSemaphore(MAX_PARALLEL_QUERIES)
        front.page = query_page("/query").encode("utf-8")
        try:
            front.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            front.server_close()
        return 0
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


class FrontServer(ThreadingHTTPServer):
    """One thread per connection, a listen queue deep enough for bursts of clients, and one
    kept-alive connection to the upstream server per thread (no port churn under load)."""

    daemon_threads = True
    request_queue_size = 256
    upstream = ""
    max_rows = DEFAULT_MAX_ROWS
    timeout_s = 30
    page = b""
    slots = threading.BoundedSemaphore(MAX_PARALLEL_QUERIES)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._connections = threading.local()

    def upstream_request(self, method: str, path: str, body: bytes | None, headers: dict):
        """(status, content type, body) of one request to the upstream server, retried once
        on a fresh connection if the kept-alive one was closed; TimeoutError past the timeout
        (the connection is dropped, so a late answer cannot reach the next request)."""
        try:
            return self._request_once(method, path, body, headers)
        except TimeoutError:
            self._drop_connection()
            raise
        except (http.client.HTTPException, OSError):
            self._drop_connection()
            return self._request_once(method, path, body, headers)

    def _request_once(self, method: str, path: str, body: bytes | None, headers: dict):
        connection = getattr(self._connections, "http", None)
        if connection is None:
            address = urllib.parse.urlsplit(self.upstream)
            connection = http.client.HTTPConnection(
                address.hostname, address.port, timeout=self.timeout_s
            )
            self._connections.http = connection
        connection.request(method, path, body=body, headers=headers)
        answer = connection.getresponse()
        data = answer.read(MAX_ANSWER_BYTES + 1)
        if len(data) > MAX_ANSWER_BYTES:
            self._drop_connection()
        return answer.status, answer.getheader("Content-Type", ""), data

    def handle_error(self, request, client_address) -> None:
        """One line on standard error instead of a traceback; the client sees the connection
        close."""
        kind, error, _ = sys.exc_info()
        print(
            f"spacecoop serve: request from {client_address[0]} failed: {error!r}", file=sys.stderr
        )

    def _drop_connection(self) -> None:
        connection = getattr(self._connections, "http", None)
        if connection is not None:
            connection.close()
        self._connections.http = None


class FrontHandler(BaseHTTPRequestHandler):
    """The public face of the endpoint.

    - ``GET /``: the query page, with the canned queries; ``GET /queries``: them as JSON;
    - ``GET|POST /query``: SPARQL 1.1 Protocol queries, passed to the server; SELECT results
      are capped at ``max_rows`` rows (header ``X-Spacecoop-Truncated: true`` when cut);
    - everything else (updates, Graph Store writes, other paths): refused, 403 or 404.
    """

    server_version = "spacecoop"
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        path, _, query = self.path.partition("?")
        if path == "/":
            self._reply(200, self.server.page, "text/html; charset=utf-8")
        elif path == "/queries":
            from .query import canned_queries

            listed = [
                {
                    "name": q.name,
                    "title": q.title,
                    "question": q.question,
                    "params": [p.describe() for p in q.params],
                }
                for q in canned_queries().values()
            ]
            self._reply(200, json.dumps(listed, ensure_ascii=False).encode(), "application/json")
        elif path == "/query" and query:
            self._forward("GET", f"/query?{query}", None)
        else:
            self._refuse(404, "not found: the SPARQL endpoint is /query, the query page is /")

    def do_POST(self) -> None:  # noqa: N802
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_QUERY_BYTES:
            self._refuse(413, f"the query is over {MAX_QUERY_BYTES} bytes")
            return
        body = self.rfile.read(length)
        if self.path.partition("?")[0] == "/query":
            self._forward("POST", self.path, body)
        else:
            self._refuse(
                403, "this endpoint is read-only: updates and Graph Store writes are refused"
            )

    def do_PUT(self) -> None:  # noqa: N802
        self._refuse(403, "this endpoint is read-only: updates and Graph Store writes are refused")

    do_DELETE = do_PATCH = do_PUT  # noqa: N815

    def do_OPTIONS(self) -> None:  # noqa: N802
        self.send_response(204)
        self._cors()
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _forward(self, method: str, path: str, body: bytes | None) -> None:
        headers = {"Accept": "application/sparql-results+json, application/n-triples;q=0.9"}
        if body is not None:
            headers["Content-Type"] = self.headers.get("Content-Type", "application/sparql-query")
        if not self.server.slots.acquire(timeout=self.server.timeout_s):
            self._refuse(503, f"busy: {MAX_PARALLEL_QUERIES} queries are running; try again")
            return
        try:
            status, kind, data = self.server.upstream_request(method, path, body, headers)
        except TimeoutError:
            self._refuse(503, f"the query took longer than {self.server.timeout_s} s; refine it")
            return
        except OSError as error:
            self._refuse(502, f"the SPARQL server did not answer ({error})")
            return
        finally:
            self.server.slots.release()
        if len(data) > MAX_ANSWER_BYTES:
            self._refuse(413, "the answer is too large: add LIMIT to the query")
            return
        truncated = False
        if status == 200 and kind.startswith("application/sparql-results+json"):
            document = json.loads(data)
            bindings = document.get("results", {}).get("bindings")
            if bindings is not None and len(bindings) > self.server.max_rows:
                document["results"]["bindings"] = bindings[: self.server.max_rows]
                truncated = True
                data = json.dumps(document, ensure_ascii=False).encode("utf-8")
        self._reply(status, data, kind, {"X-Spacecoop-Truncated": "true"} if truncated else {})

    def _refuse(self, status: int, message: str) -> None:
        self._reply(status, (message + "\n").encode("utf-8"), "text/plain; charset=utf-8")

    def _reply(self, status: int, data: bytes, kind: str, extra: dict | None = None) -> None:
        self.send_response(status)
        self._cors()
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("X-Content-Type-Options", "nosniff")
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def _cors(self) -> None:
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (http.server's signature)
        """Quiet: one line per request would flood the terminal under load."""


def free_port() -> int:
    """A TCP port on loopback that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise EndpointError("the oxigraph server stopped at start-up (is the store in use?)")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise EndpointError("the oxigraph server did not start within 30 s")


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
