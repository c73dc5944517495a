"""The local read-only SPARQL endpoint, ``spacecoop serve``.

- ``prepare_store`` writes the built graph into an on-disk Oxigraph store, atomically.
- ``serve`` runs a pool of ``oxigraph serve-read-only`` processes on private loopback ports
  over that store, and a front on the public port: a Starlette application under uvicorn
  (read timeouts, body limits, Host checks, CORS only when asked for).

How a query runs (``Pool.ask``): the text is checked first (size, nesting depth, SERVICE:
guard.py), then sent to an idle worker of the *fast lane* with a budget of ``FAST_BUDGET_S``;
one that runs past it is stopped (its worker is killed and restarted: an Oxigraph query
cannot be cancelled any other way) and run again in the *slow lane*, whose few workers have
the whole ``--timeout``. A query text seen to be slow goes straight to the slow lane. Each
worker runs one query at a time, so at most ``FAST_WORKERS + SLOW_WORKERS`` queries run at
once, and a query past its time is really stopped: a few heavy clients cannot starve the
cheap ones. A worker that dies is restarted; when workers cannot be started, the front stops
with a message. Workers die with the front on any signal, ``kill -9`` included (Linux
``PR_SET_PDEATHSIG``).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from .children import die_with_parent
from .errors import EndpointError, QueryError, UsageError
from .inline import json_for_script, source_hashes

DEFAULT_PORT = 7878
DEFAULT_MAX_ROWS = 10_000
DEFAULT_TIMEOUT_S = 30
MAX_BODY_BYTES = 1_000_000
MAX_ANSWER_BYTES = 64_000_000
FAST_WORKERS = 4
SLOW_WORKERS = 2
FAST_BUDGET_S = 1.0
READ_TIMEOUT_S = 10.0
MAX_CONNECTIONS = 1_000

# format name: (media type sent, pyoxigraph format) for SELECT/ASK answers
RESULT_FORMATS = {
    "json": ("application/sparql-results+json", ox.QueryResultsFormat.JSON),
    "xml": ("application/sparql-results+xml", ox.QueryResultsFormat.XML),
    "csv": ("text/csv; charset=utf-8", ox.QueryResultsFormat.CSV),
    "tsv": ("text/tab-separated-values; charset=utf-8", ox.QueryResultsFormat.TSV),
}
# format name: media type, for CONSTRUCT/DESCRIBE answers (Oxigraph writes them)
GRAPH_FORMATS = {
    "turtle": "text/turtle",
    "ntriples": "application/n-triples",
    "jsonld": "application/ld+json",
}
EXTENSIONS = {
    "json": "json",
    "xml": "xml",
    "csv": "csv",
    "tsv": "tsv",
    "turtle": "ttl",
    "ntriples": "nt",
    "jsonld": "jsonld",
}
_MEDIA = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/n-triples": "ntriples",
    "application/ld+json": "jsonld",
}
READ_ONLY = "this endpoint is read-only: updates and Graph Store writes are refused"


# --- the store ----------------------------------------------------------------------------


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


# --- the query page -----------------------------------------------------------------------


def listed_queries() -> list[dict]:
    """The canned queries for the page and ``/queries``: name, title, question, parameters
    (name, kind, default, whether required, help) and the text with its defaults bound (a
    required parameter stays a variable there)."""
    from .query import bind, canned_queries, portable_text

    return [
        {
            "name": q.name,
            "title": q.title,
            "question": q.question,
            "params": [
                {
                    "name": p.name,
                    "kind": p.kind,
                    "default": p.default,
                    "required": p.required,
                    "help": p.help,
                }
                for p in q.params
            ],
            "text": portable_text(q, bind(q, complete=False)),
        }
        for q in canned_queries().values()
    ]


def query_page(endpoint: str) -> str:
    """A self-contained HTML page: a typed form for each canned query (defaults filled), a
    box for one's own query, a table of results, CSV and JSON downloads and a shareable URL;
    all data reaches the page as JSON text."""
    from importlib.resources import files

    template = (files("spacecoop") / "templates" / "query-page.html").read_text(encoding="utf-8")
    return template.replace("__QUERIES__", json_for_script(listed_queries())).replace(
        "__ENDPOINT__", json_for_script(endpoint)
    )


def page_policy(page: str) -> str:
    """A Content-Security-Policy that allows the page's own inline code (by hash), requests
    to its own origin only, and no framing."""
    scripts = re.findall(r"<script>(.*?)</script>", page, flags=re.S)
    styles = re.findall(r"<style>(.*?)</style>", page, flags=re.S)

    return (
        f"default-src 'none'; script-src {source_hashes(scripts)}; "
        f"style-src {source_hashes(styles)}; "
        "connect-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; "
        "frame-ancestors 'none'"
    )


# --- the workers --------------------------------------------------------------------------


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
    keeps a watchdog thread per query for the whole timeout; the front stops slow queries by
    restarting their worker instead."""
    return [
        oxigraph_command(),
        "serve-read-only",
        "--location",
        str(location),
        "--bind",
        f"{host}:{port}",
    ]


def _die_with_parent() -> None:
    """In the child, before exec: be killed when the parent dies, whatever kills it."""
    die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the front, which stops us


def free_port() -> int:
    """A TCP port on loopback that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise EndpointError("the server stopped at start-up (is the port or store in use?)")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise EndpointError(f"the server did not start within {seconds:g} s")


class Worker:
    """One `oxigraph serve-read-only` process on a private loopback port, with one kept-alive
    HTTP connection to it."""

    def __init__(self, location: Path, lane: str) -> None:
        self.location = location
        self.lane = lane
        self.process: subprocess.Popen | None = None
        self.client = None
        self.port = 0
        self.stopping = False
        self.lock = asyncio.Lock()

    async def start(self) -> None:
        import httpx

        self.port = free_port()
        # started from the event loop's thread: PR_SET_PDEATHSIG follows the creating thread
        self.process = subprocess.Popen(
            server_arguments(self.location, "127.0.0.1", self.port),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=_die_with_parent,  # noqa: PLW1509 (no threads touch the child)
        )
        deadline = time.monotonic() + 30
        while True:
            if self.process.poll() is not None:
                raise EndpointError(
                    f"the oxigraph server stopped at start-up (exit {self.process.returncode})"
                )
            try:
                _, writer = await asyncio.open_connection("127.0.0.1", self.port)
                writer.close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise EndpointError("the oxigraph server did not start within 30 s") from None
                await asyncio.sleep(0.02)
        self.client = httpx.AsyncClient(
            base_url=f"http://127.0.0.1:{self.port}",
            timeout=None,
            limits=httpx.Limits(max_connections=1, max_keepalive_connections=1),
        )

    async def stop(self) -> None:
        if self.client is not None:
            with contextlib.suppress(Exception):
                await self.client.aclose()
            self.client = None
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=5)

    async def restart(self) -> None:
        await self.stop()
        await self.start()

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None


@dataclass
class Answer:
    status: int
    media_type: str
    body: bytes
    headers: dict = field(default_factory=dict)


class Busy(Exception):
    pass


class Pool:
    """The workers of both lanes; see the module's docstring."""

    def __init__(self, location: Path, public_host: str, fast: int, slow: int, on_fatal) -> None:
        self.public_host = public_host
        self.on_fatal = on_fatal
        self.workers = [Worker(location, "fast") for _ in range(fast)]
        self.workers += [Worker(location, "slow") for _ in range(slow)]
        self.idle: dict[str, asyncio.Queue] = {}
        self.slow_texts: OrderedDict[str, None] = OrderedDict()
        self.restarts = 0
        self._supervisor = None

    async def start(self) -> None:
        self.idle = {"fast": asyncio.Queue(), "slow": asyncio.Queue()}
        for worker in self.workers:
            await worker.start()
            self.idle[worker.lane].put_nowait(worker)
        self._supervisor = asyncio.create_task(self._supervise())

    async def stop(self) -> None:
        if self._supervisor is not None:
            self._supervisor.cancel()
        for worker in self.workers:
            worker.stopping = True
            await worker.stop()

    async def _supervise(self) -> None:
        """Restart a worker that died on its own (not one that is running a query: that
        query's request sees the failure and restarts it)."""
        while True:
            await asyncio.sleep(0.25)
            for worker in self.workers:
                if worker.alive() or worker.stopping or worker.lock.locked():
                    continue
                async with worker.lock:
                    if not worker.alive() and not worker.stopping:
                        await self._revive(worker)

    async def _revive(self, worker: Worker) -> bool:
        for attempt in range(3):
            try:
                await worker.restart()
                self.restarts += 1
                return True
            except (EndpointError, OSError) as error:
                reason = error
                await asyncio.sleep(0.5 * (attempt + 1))
        self.on_fatal(f"the oxigraph server cannot be restarted ({reason}); stopping")
        return False

    async def ask(self, text: str, params: list, graph_media: str, timeout_s: float) -> Answer:
        """The upstream answer to a checked query: JSON for SELECT/ASK, ``graph_media`` for
        CONSTRUCT/DESCRIBE. Raises Busy or TimeoutError with a message for the client."""
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        lanes = (
            ["slow"]
            if digest in self.slow_texts or timeout_s <= FAST_BUDGET_S
            else ["fast", "slow"]
        )
        for lane in lanes:
            budget = FAST_BUDGET_S if lane == "fast" else timeout_s
            try:
                # a cheap query may queue behind unknown heavy ones for a moment
                wait = max(timeout_s, 10.0) if lane == "fast" else timeout_s
                worker = await asyncio.wait_for(self.idle[lane].get(), wait)
            except TimeoutError:
                raise Busy(
                    f"busy: every worker is running a query; try again in {timeout_s:g} s"
                ) from None
            give_back = True
            try:
                async with worker.lock:
                    began = time.monotonic()
                    got = await self._run_on(worker, text, params, graph_media, budget)
                if lane == "slow" and time.monotonic() - began < FAST_BUDGET_S:
                    self.slow_texts.pop(digest, None)  # it was slow only once (a busy machine)
                return got
            except TimeoutError:
                if lane == "fast":
                    self._remember_slow(digest)
                    continue
                raise TimeoutError(
                    f"the query took longer than {timeout_s:g} s; refine it"
                ) from None
            except asyncio.CancelledError:
                # the client went away: stop its query too, then give the worker back
                give_back = False
                asyncio.ensure_future(self._revive_then_return(worker))
                raise
            finally:
                if give_back:
                    self.idle[lane].put_nowait(worker)
        raise AssertionError("unreachable")

    async def _run_on(self, worker: Worker, text: str, params: list, graph_media: str, budget):
        """Send the query to ``worker`` (restarted first if it died); a worker that dies under
        the query is restarted and the query sent once more (it only reads)."""
        for attempt in (1, 2):
            if not worker.alive():
                await self._revive(worker)
            try:
                return await asyncio.wait_for(self._send(worker, text, params, graph_media), budget)
            except TimeoutError:
                await self._revive(worker)  # the only way to stop an Oxigraph query
                raise
            except Exception:  # noqa: BLE001 (the worker died under the query: any transport error)
                await self._revive(worker)
                if attempt == 2:
                    return Answer(
                        502,
                        "text/plain; charset=utf-8",
                        b"the SPARQL server stopped under the query and was restarted; try again\n",
                    )
        raise AssertionError("unreachable")

    async def _revive_then_return(self, worker: Worker) -> None:
        async with worker.lock:
            await self._revive(worker)
        self.idle[worker.lane].put_nowait(worker)

    def _remember_slow(self, digest: str) -> None:
        self.slow_texts[digest] = None
        while len(self.slow_texts) > 10_000:
            self.slow_texts.popitem(last=False)

    async def _send(self, worker: Worker, text: str, params: list, graph_media: str) -> Answer:
        headers = {
            "Content-Type": "application/sparql-query; charset=utf-8",
            "Accept": f"application/sparql-results+json, {graph_media};q=0.9",
            "Host": self.public_host,  # relative IRIs resolve against the public address
        }
        request = worker.client.build_request(
            "POST", "/query", params=params, content=text.encode("utf-8"), headers=headers
        )
        response = await worker.client.send(request, stream=True)
        try:
            data = bytearray()
            async for chunk in response.aiter_bytes():
                data += chunk
                if len(data) > MAX_ANSWER_BYTES:
                    return Answer(
                        413,
                        "text/plain; charset=utf-8",
                        b"the answer is too large: add LIMIT to the query\n",
                    )
        finally:
            await response.aclose()
        kind = response.headers.get("content-type", "text/plain; charset=utf-8")
        return Answer(response.status_code, kind, bytes(data))


# --- the front ----------------------------------------------------------------------------


@dataclass
class Settings:
    location: Path
    host: str = "127.0.0.1"
    port: int = DEFAULT_PORT
    timeout_s: float = DEFAULT_TIMEOUT_S
    max_rows: int = DEFAULT_MAX_ROWS
    allowed_hosts: tuple[str, ...] = ()
    cors_origins: tuple[str, ...] = ()
    service_hosts: tuple[str, ...] = ()
    read_timeout_s: float = READ_TIMEOUT_S
    fast_workers: int = FAST_WORKERS
    slow_workers: int = SLOW_WORKERS


def trusted_hosts(settings: Settings) -> list[str]:
    """Host header values accepted (DNS rebinding: a page of evil.example resolving to
    127.0.0.1 sends Host: evil.example). Loopback names when bound to loopback, the bound
    address, and the names given with --allow-host; any name when bound to every address
    and none is given."""
    hosts = {settings.host.strip("[]")}
    if settings.host in ("127.0.0.1", "localhost", "::1", "[::1]"):
        hosts |= {"127.0.0.1", "localhost", "[::1]"}
    hosts |= set(settings.allowed_hosts)
    if settings.host in ("0.0.0.0", "::") and not settings.allowed_hosts:
        return ["*"]
    return sorted(hosts)


def create_app(settings: Settings, on_fatal=None):
    """The Starlette application of the front (see ``serve``)."""
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.middleware.cors import CORSMiddleware
    from starlette.middleware.trustedhost import TrustedHostMiddleware
    from starlette.responses import Response
    from starlette.routing import Route

    from . import guard

    public = f"{settings.host}:{settings.port}"
    pool = Pool(
        settings.location,
        public,
        settings.fast_workers,
        settings.slow_workers,
        on_fatal or (lambda message: None),
    )
    policy = guard.Policy(service_hosts={h.lower() for h in settings.service_hosts})
    page = query_page("/query")
    page_bytes = page.encode("utf-8")
    csp = page_policy(page)
    listed = json.dumps(
        [{k: q[k] for k in ("name", "title", "question", "params")} for q in listed_queries()],
        ensure_ascii=False,
    ).encode("utf-8")

    def text(status: int, message: str) -> Response:
        return Response(
            (message + "\n").encode("utf-8"), status, media_type="text/plain; charset=utf-8"
        )

    async def read_body(request) -> bytes:
        declared = request.headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > MAX_BODY_BYTES:
            raise _Refused(413, f"the request body is over {MAX_BODY_BYTES:,} bytes")
        data = bytearray()

        async def pull():
            async for chunk in request.stream():
                data.extend(chunk)
                if len(data) > MAX_BODY_BYTES:
                    raise _Refused(413, f"the request body is over {MAX_BODY_BYTES:,} bytes")

        try:
            await asyncio.wait_for(pull(), settings.read_timeout_s)
        except TimeoutError:
            raise _Refused(
                408, f"the request body did not arrive within {settings.read_timeout_s:g} s"
            ) from None
        return bytes(data)

    async def protocol_query(request) -> tuple[str, list, dict]:
        """(query text, dataset parameters, other parameters) of a SPARQL Protocol request."""
        fields = urllib.parse.parse_qsl(request.url.query, keep_blank_values=True)
        if request.method == "POST":
            body = await read_body(request)
            kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
            if kind == "application/x-www-form-urlencoded":
                try:
                    fields += urllib.parse.parse_qsl(body.decode("utf-8"), keep_blank_values=True)
                except UnicodeDecodeError:
                    raise _Refused(400, "the form is not UTF-8") from None
            elif kind == "application/sparql-query":
                try:
                    fields.append(("query", body.decode("utf-8")))
                except UnicodeDecodeError:
                    raise _Refused(400, "the query is not UTF-8") from None
            elif kind == "application/sparql-update":
                raise _Refused(403, READ_ONLY)
            else:
                raise _Refused(
                    415, "send the query as application/sparql-query or a form (query=…)"
                )
        if any(name == "update" for name, _ in fields):
            raise _Refused(403, READ_ONLY)
        queries = [value for name, value in fields if name == "query"]
        if len(queries) != 1:
            raise _Refused(
                400, "give exactly one query (the parameter 'query' or the request body)"
            )
        dataset = [(n, v) for n, v in fields if n in ("default-graph-uri", "named-graph-uri")]
        others = {
            n: v for n, v in fields if n not in ("query", "default-graph-uri", "named-graph-uri")
        }
        return queries[0], dataset, others

    async def answer(request, text: str, dataset: list, others: dict, name: str) -> Response:
        result_format, graph_format = negotiate(
            others.get("format"), request.headers.get("accept", "")
        )
        try:
            guard.check_query(text, policy)
        except QueryError as error:
            return text_response(400, str(error))
        try:
            got = await pool.ask(text, dataset, GRAPH_FORMATS[graph_format], settings.timeout_s)
        except Busy as error:
            return text_response(503, str(error))
        except TimeoutError as error:
            return text_response(503, str(error))
        headers = {}
        body, media = got.body, got.media_type
        if got.status == 200 and media.startswith("application/sparql-results+json"):
            body, truncated = _cap_rows(body, settings.max_rows)
            if truncated:
                headers["X-Spacecoop-Truncated"] = "true"
            media, serialiser = RESULT_FORMATS[result_format]
            if result_format != "json":
                body = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON).serialize(
                    format=serialiser
                )
            extension = EXTENSIONS[result_format]
        elif got.status == 200:
            extension = EXTENSIONS[graph_format]
        else:
            return text_response(got.status, body.decode("utf-8", "replace").strip()[:2000])
        if others.get("download"):
            safe = re.sub(r"[^A-Za-z0-9_-]", "-", name) or "results"
            headers["Content-Disposition"] = f'attachment; filename="{safe}.{extension}"'
        return Response(body, 200, headers=headers, media_type=media)

    def text_response(status: int, message: str) -> Response:
        return text(status, message)

    async def dispatch(request) -> Response:
        path, method = request.url.path, request.method
        try:
            if path == "/query" and method in ("GET", "POST"):
                text_, dataset, others = await protocol_query(request)
                return await answer(request, text_, dataset, others, "query")
            if path.startswith("/run/") and method == "GET":
                return await run_canned(request, path.removeprefix("/run/"))
            if path == "/" and method == "GET":
                return Response(
                    page_bytes,
                    200,
                    media_type="text/html; charset=utf-8",
                    headers={"Content-Security-Policy": csp},
                )
            if path == "/favicon.ico" and method == "GET":
                return Response(b"", 204)
            if path == "/queries" and method == "GET":
                return Response(listed, 200, media_type="application/json")
            if method in ("GET", "HEAD"):
                return text(404, "not found: the SPARQL endpoint is /query, the query page is /")
            if method == "OPTIONS":
                return text(405, "cross-origin requests are not enabled (serve --cors ORIGIN)")
            return text(403, READ_ONLY)
        except _Refused as refused:
            return text(refused.status, refused.message)

    async def run_canned(request, name: str) -> Response:
        from .query import bind, get_query, portable_text

        fields = dict(urllib.parse.parse_qsl(request.url.query, keep_blank_values=True))
        others = {k: fields.pop(k) for k in ("format", "download") if k in fields}
        lang = fields.pop("lang", "en")
        try:
            query = get_query(name)
            given = {k: v for k, v in fields.items() if v != ""}
            terms = bind(query, given, lang)
        except UsageError as error:
            return text(400, str(error))
        return await answer(request, portable_text(query, terms), [], others, name)

    middleware = [Middleware(TrustedHostMiddleware, allowed_hosts=trusted_hosts(settings))]
    if settings.cors_origins:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=list(settings.cors_origins),
                allow_methods=["GET", "POST"],
                allow_headers=["Content-Type", "Accept"],
            )
        )
    methods = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"]
    app = Starlette(
        routes=[Route("/{path:path}", dispatch, methods=methods)], middleware=middleware
    )
    app.state.pool = pool
    return app


class _Refused(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


def negotiate(fmt: str | None, accept: str) -> tuple[str, str]:
    """(result format, graph format) from a ``format`` parameter or the Accept header;
    JSON and Turtle by default."""
    result, graph = None, None
    if fmt:
        fmt = fmt.lower().replace("-", "")
        fmt = {"nt": "ntriples", "ttl": "turtle", "json-ld": "jsonld"}.get(fmt, fmt)
        if fmt in RESULT_FORMATS:
            result = fmt
        elif fmt in GRAPH_FORMATS:
            graph = fmt
        else:
            known = ", ".join([*RESULT_FORMATS, *GRAPH_FORMATS])
            raise _Refused(400, f"unknown format {fmt!r}; known formats: {known}")
    ranked = []
    for position, item in enumerate(accept.split(",")):
        media, *options = (part.strip() for part in item.split(";"))
        quality = 1.0
        for option in options:
            if option.startswith("q="):
                try:
                    quality = float(option[2:])
                except ValueError:
                    quality = 0.0
        ranked.append((-quality, position, media.lower()))
    for negative_quality, _, media in sorted(ranked):
        named = _MEDIA.get(media)
        if named is None or negative_quality == 0:
            continue
        if named in RESULT_FORMATS and result is None:
            result = named
        elif named in GRAPH_FORMATS and graph is None:
            graph = named
    return result or "json", graph or "turtle"


def _cap_rows(body: bytes, max_rows: int) -> tuple[bytes, bool]:
    document = json.loads(body)
    bindings = document.get("results", {}).get("bindings")
    if bindings is None or len(bindings) <= max_rows:
        return body, False
    document["results"]["bindings"] = bindings[:max_rows]
    return json.dumps(document, ensure_ascii=False).encode("utf-8"), True


# --- running it ---------------------------------------------------------------------------


def _guarded_protocol():
    """uvicorn's HTTP/1.1 protocol with a read timeout on request heads: a connection that
    has not sent a whole request head within the read timeout is closed (uvicorn itself
    times out only idle kept-alive connections)."""
    import h11
    from uvicorn.protocols.http.h11_impl import H11Protocol

    class GuardedH11Protocol(H11Protocol):
        read_timeout_s = READ_TIMEOUT_S

        def connection_made(self, transport) -> None:
            super().connection_made(transport)
            self._arm_head_timer()

        def on_response_complete(self) -> None:
            super().on_response_complete()
            self._arm_head_timer()

        def connection_lost(self, exc) -> None:
            timer = getattr(self, "_head_timer", None)
            if timer is not None:
                timer.cancel()
            super().connection_lost(exc)

        def _arm_head_timer(self) -> None:
            timer = getattr(self, "_head_timer", None)
            if timer is not None:
                timer.cancel()
            self._head_timer = self.loop.call_later(self.read_timeout_s, self._head_timeout)

        def _head_timeout(self) -> None:
            waiting = self.cycle is None or self.cycle.response_complete
            if waiting and self.conn.their_state is h11.IDLE and not self.transport.is_closing():
                self.transport.close()

    return GuardedH11Protocol


def serve(settings: Settings) -> int:
    """Serve until SIGINT, SIGTERM or SIGHUP (0), or until the workers cannot be kept running
    (EndpointError)."""
    import uvicorn

    protocol = _guarded_protocol()
    protocol.read_timeout_s = settings.read_timeout_s
    fatal: list[str] = []

    class Server(uvicorn.Server):
        @contextlib.contextmanager
        def capture_signals(self):
            def stop(signum, frame):
                self.should_exit = True

            signals = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
            previous = {s: signal.signal(s, stop) for s in signals}
            try:
                yield
            finally:
                for s, handler in previous.items():
                    signal.signal(s, handler)

    app = create_app(settings, lambda message: on_fatal(message))
    server = Server(
        uvicorn.Config(
            app,
            http=protocol,
            lifespan="off",
            log_level="error",
            access_log=False,
            server_header=False,
            timeout_keep_alive=5,
            limit_concurrency=MAX_CONNECTIONS,
            timeout_graceful_shutdown=2,
        )
    )

    def on_fatal(message: str) -> None:
        fatal.append(message)
        server.should_exit = True

    family = socket.AF_INET6 if ":" in settings.host else socket.AF_INET
    listener = socket.socket(family, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listener.bind((settings.host, settings.port))
    except OSError as error:
        listener.close()
        raise EndpointError(
            f"cannot listen on {settings.host}:{settings.port}: {error.strerror or error}"
        ) from None
    # not listening yet: asyncio listens once the workers are up, so a client that can
    # connect finds the endpoint ready

    async def main() -> None:
        pool = app.state.pool
        try:
            await pool.start()
            await server.serve(sockets=[listener])
        finally:
            await pool.stop()

    try:
        asyncio.run(main())
    finally:
        listener.close()
    if fatal:
        raise EndpointError(fatal[0])
    return 0
