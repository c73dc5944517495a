"""Against real `oxigraph` servers started on loopback: canned queries over HTTP, updates
refused by the read-only endpoint, and a Graph Store upload that a query then sees."""

from __future__ import annotations

import base64
import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from http.client import HTTPConnection
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import FIXTURES, ROOT, required_examples

from spacecoop import server as front_module
from spacecoop.errors import EndpointError
from spacecoop.pipeline import Project, build_graph, build_project
from spacecoop.query import (
    bind,
    bound_text,
    canned_queries,
    get_query,
    portable_text,
    run,
    sorted_lists,
)
from spacecoop.remote import parse_answer, push, remote_select
from spacecoop.serialise import rdf_bytes, sorted_triples
from spacecoop.server import (
    free_port,
    oxigraph_command,
    prepare_store,
    query_page,
    server_arguments,
    wait_for_port,
)

pytestmark = pytest.mark.server


def start(arguments: list[str], port: int):
    process = subprocess.Popen(arguments, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for_port(port, process)
    return process


@pytest.fixture(scope="module")
def world():
    files = [ROOT / "ontology" / "spacecoop.ttl", ROOT / "ontology" / "concepts.ttl", FIXTURES / "world.ttl"]
    return build_graph(files, check=False).store


@pytest.fixture(scope="module")
def read_only(world, tmp_path_factory):
    folder = tmp_path_factory.mktemp("served")
    turtle = folder / "world.ttl"
    turtle.write_bytes(rdf_bytes(sorted_triples(world), __import__("pyoxigraph").RdfFormat.TURTLE))
    location = prepare_store(turtle, folder / "store")
    port = free_port()
    process = start(server_arguments(location, "127.0.0.1", port), port)
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=10)


@pytest.mark.parametrize("name", sorted(canned_queries()))
def test_every_canned_query_gives_the_same_rows_over_http(world, read_only, name):
    query = get_query(name)
    params = {"as_of": "2023-12-31"} if any(p.name == "as_of" for p in query.params) else {}
    terms = bind(query, {**params, **required_examples(query)})
    local = run(world, query, terms)
    remote = sorted_lists(query, remote_select(f"{read_only}/query", portable_text(query, terms)))
    assert remote.columns == local.columns
    assert Counter(remote.values()) == Counter(local.values())


def test_an_update_is_refused_by_the_read_only_endpoint(read_only):
    request = urllib.request.Request(
        f"{read_only}/update", data=b"INSERT DATA { <http://x/a> <http://x/b> <http://x/c> }",
        method="POST", headers={"Content-Type": "application/sparql-update"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code in (403, 404, 405)
    count = remote_select(f"{read_only}/query", "SELECT (COUNT(*) AS ?n) WHERE { <http://x/a> ?p ?o }")
    assert count.values() == [("0",)]


def test_a_graph_store_write_is_refused_by_the_read_only_endpoint(read_only):
    with pytest.raises(EndpointError, match="HTTP 40"):
        push(b"<http://x/a> <http://x/b> <http://x/c> .", f"{read_only}/store")


def test_push_then_query_sees_the_data(world, tmp_path):
    port = free_port()
    process = start([oxigraph_command(), "serve", "--location", str(tmp_path / "rw"), "--bind", f"127.0.0.1:{port}"], port)
    try:
        turtle = rdf_bytes(sorted_triples(world), __import__("pyoxigraph").RdfFormat.TURTLE)
        assert push(turtle, f"http://127.0.0.1:{port}/store", "https://w3id.org/spacecoop/graph") in (200, 201, 204)
        query = get_query("signatories")
        text = bound_text(query, bind(query, {"as_of": "2020-10-13"}))
        text = text.replace("WHERE {", "WHERE { GRAPH <https://w3id.org/spacecoop/graph> {", 1).replace("\nORDER BY", "}\nORDER BY", 1)
        rows = remote_select(f"http://127.0.0.1:{port}/query", text).values()
        assert [r[0] for r in rows] == ["JPN", "USA"]
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_an_unreachable_endpoint_is_a_clear_error():
    with pytest.raises(EndpointError, match="cannot reach the endpoint"):
        remote_select(f"http://127.0.0.1:{free_port()}/query", "SELECT * WHERE { ?s ?p ?o }", timeout=2)


def test_a_non_http_endpoint_is_refused():
    with pytest.raises(EndpointError, match="http:// or https://"):
        push(b"", "file:///etc/passwd")


def test_the_query_page_lists_every_canned_query_as_json_data():
    page = query_page("http://127.0.0.1:7878/query")
    data = page.split('id="spacecoop-queries">', 1)[1].split("</script>", 1)[0]
    listed = json.loads(data)
    assert [q["name"] for q in listed] == sorted(canned_queries())
    assert "</" not in data
    links = next(q for q in listed if q["name"] == "partner-links")
    assert [(p["name"], p["default"], p["required"]) for p in links["params"]] == [("country", "JPN", False), ("partner", None, True)]
    assert "VALUES ?country {" in links["text"] and "VALUES ?partner" not in links["text"]


def test_prepare_store_refuses_a_missing_build(tmp_path: Path):
    with pytest.raises(EndpointError, match="run 'spacecoop build' first"):
        prepare_store(tmp_path / "absent.ttl", tmp_path / "store")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """`spacecoop serve` on the real graph, as a user runs it, with a small row cap."""
    import sys

    port = free_port()
    out = tmp_path_factory.mktemp("serve")
    process = subprocess.Popen(
        [sys.executable, "-m", "spacecoop.cli", "serve", "--root", str(ROOT), "--port", str(port),
         "--out", str(out), "--max-rows", "5"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wait_for_port(port, process)
    yield f"http://127.0.0.1:{port}", process, out
    if process.poll() is None:
        process.send_signal(__import__("signal").SIGINT)
        process.communicate(timeout=20)


def http(method: str, url: str, body: bytes | None = None, content_type: str = "application/sparql-query"):
    request = urllib.request.Request(url, data=body, method=method, headers={"Content-Type": content_type})
    try:
        with urllib.request.urlopen(request, timeout=20) as answer:
            return answer.status, {k.lower(): v for k, v in answer.headers.items()}, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def test_served_endpoint_answers_queries(served):
    base, *_ = served
    rows = remote_select(f"{base}/query", "SELECT ?l WHERE { <https://w3id.org/spacecoop/country/JPN> <http://www.w3.org/2000/01/rdf-schema#label> ?l } ORDER BY ?l")
    assert rows.values() == [("Japan",), ("日本",)]
    status, _, _ = http("GET", f"{base}/query?query=" + urllib.parse.quote("ASK { ?s ?p ?o }"))
    assert status == 200


def test_served_endpoint_caps_rows_and_says_so(served):
    base, *_ = served
    status, headers, data = http("POST", f"{base}/query", b"SELECT ?s WHERE { ?s a <https://w3id.org/spacecoop/ontology#State> }")
    assert status == 200 and headers.get("x-spacecoop-truncated") == "true"
    assert len(json.loads(data)["results"]["bindings"]) == 5


@pytest.mark.parametrize(("method", "path"), [("POST", "/update"), ("PUT", "/store"), ("POST", "/store"), ("DELETE", "/store?default")])
def test_served_endpoint_refuses_every_write(served, method, path):
    base, *_ = served
    status, _, data = http(method, base + path, b"INSERT DATA { <http://x/a> <http://x/b> <http://x/c> }", "application/sparql-update")
    assert status == 403 and b"read-only" in data
    count = remote_select(f"{base}/query", "SELECT (COUNT(*) AS ?n) WHERE { <http://x/a> ?p ?o }")
    assert count.values() == [("0",)]


def test_served_endpoint_refuses_an_update_sent_as_a_query(served):
    base, *_ = served
    status, _, _ = http("POST", f"{base}/query", b"INSERT DATA { <http://x/a> <http://x/b> <http://x/c> }")
    assert status == 400


def test_served_page_and_query_list(served):
    base, *_ = served
    status, headers, page = http("GET", base + "/")
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert b'id="spacecoop-queries"' in page
    status, _, listed = http("GET", base + "/queries")
    assert [q["name"] for q in json.loads(listed)] == sorted(canned_queries())


def test_served_endpoint_answers_50_concurrent_clients_correctly(served):
    """A bounded load test on loopback: 50 clients, 3 seconds, every answer checked."""
    from concurrent.futures import ThreadPoolExecutor

    base, *_ = served
    text = "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/spacecoop/ontology#State> }"
    deadline = time.monotonic() + 3

    def client(_):
        answers = []
        while time.monotonic() < deadline:
            answers.append(remote_select(f"{base}/query", text, timeout=20).values())
        return answers

    with ThreadPoolExecutor(max_workers=50) as pool:
        results = [a for answers in pool.map(client, range(50)) for a in answers]
    assert len(results) >= 50
    assert set(map(tuple, results)) == {(("198",),)}


def test_a_killed_server_restarts_on_the_same_store_without_loss(tmp_path, world):
    import pyoxigraph

    turtle = tmp_path / "world.ttl"
    turtle.write_bytes(rdf_bytes(sorted_triples(world), pyoxigraph.RdfFormat.TURTLE))
    location = prepare_store(turtle, tmp_path / "store")
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    port = free_port()
    first = start(server_arguments(location, "127.0.0.1", port), port)
    before = remote_select(f"http://127.0.0.1:{port}/query", count).values()
    first.kill()
    first.wait(timeout=10)
    port = free_port()
    second = start(server_arguments(location, "127.0.0.1", port), port)
    try:
        assert remote_select(f"http://127.0.0.1:{port}/query", count).values() == before == [(str(len(world)),)]
    finally:
        second.terminate()
        second.wait(timeout=10)


def test_spacecoop_serve_stops_cleanly_on_ctrl_c(served):
    import signal

    base, process, out = served
    assert (out / "query.html").is_file()
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=20)
    assert process.returncode == 0, stderr
    assert f"{base}/query" in stdout
    assert "Traceback" not in stderr


def test_a_runaway_query_times_out_with_a_clear_answer(tmp_path):
    import signal
    import sys

    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "spacecoop.cli", "serve", "--root", str(ROOT), "--port", str(port),
         "--out", str(tmp_path), "--timeout", "1"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        wait_for_port(port, process)
        began = time.monotonic()
        status, _, data = http("POST", f"http://127.0.0.1:{port}/query",
                               b"SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
        assert status == 503 and b"longer than 1 s" in data
        assert time.monotonic() - began < 10
        answer = remote_select(f"http://127.0.0.1:{port}/query", "SELECT ?l WHERE { <https://w3id.org/spacecoop/country/JPN> <http://www.w3.org/2000/01/rdf-schema#label> ?l } ORDER BY ?l")
        assert answer.values() == [("Japan",), ("日本",)], "the endpoint still answers after a timeout"
    finally:
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=30)
    assert "Traceback" not in stderr


# --- issue 21: the front under attack, on loopback ----------------------------------------


JPN_LABELS = "SELECT ?l WHERE { <https://w3id.org/spacecoop/country/JPN> <http://www.w3.org/2000/01/rdf-schema#label> ?l } ORDER BY ?l"
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
ALLOWED_ORIGIN = "https://allowed.example"


def serve_command(port: int, out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "spacecoop.cli", "serve", "--root", str(ROOT), "--port", str(port),
            "--out", str(out), *extra]


def children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def cpu_ticks(pids: list[int]) -> int:
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except OSError:
            pass
    return total


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.fixture(scope="module")
def front(tmp_path_factory):
    """`spacecoop serve` with short limits: 3 s per query, 2 s to send a request."""
    port = free_port()
    out = tmp_path_factory.mktemp("front")
    process = subprocess.Popen(serve_command(port, out, "--timeout", "3", "--read-timeout", "2",
                                             "--cors", ALLOWED_ORIGIN),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wait_for_port(port, process, seconds=120)
    yield f"http://127.0.0.1:{port}", process, port
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=30)
    assert "Traceback" not in stderr


def post(base: str, text: str, headers: dict | None = None, timeout: float = 30):
    request = urllib.request.Request(f"{base}/query", data=text.encode(), method="POST",
                                     headers={"Content-Type": "application/sparql-query", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            return answer.status, {k.lower(): v for k, v in answer.headers.items()}, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def labels_answer(base: str) -> list:
    return remote_select(f"{base}/query", JPN_LABELS, timeout=30).values()


def test_deep_nesting_is_refused_and_the_endpoint_still_answers(front):
    base, process, _ = front
    deep = "SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * 5000 + "true" + ")" * 5000 + ") }"
    status, _, data = post(base, deep)
    assert status == 400 and b"nests brackets 5002 deep; the limit is 64" in data
    groups = "SELECT * WHERE " + "{" * 3000 + "?s ?p ?o" + "}" * 3000
    assert post(base, groups)[0] == 400
    chain = "SELECT (1" + "+1" * 10_000 + " AS ?x) WHERE {}"
    status, _, data = post(base, chain)
    assert status == 400 and b"chains 10000 operators" in data
    assert labels_answer(base) == [("Japan",), ("日本",)]
    assert process.poll() is None


class Listener:
    """A TCP listener on loopback that counts the connections it receives."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self) -> None:
        while not self.stop.is_set():
            try:
                connection, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            connection.close()

    def close(self) -> None:
        self.stop.set()
        self.thread.join(timeout=5)
        self.sock.close()


@pytest.fixture
def listener():
    opened = Listener()
    yield opened
    opened.close()


@pytest.mark.parametrize("spelling", [
    "SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }}",
    "service silent <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }}",
    "\\u0053ERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }}",
    "?s <http://x/a\\#b> ?o . SERVICE <http://127.0.0.1:{port}/> {{ ?s ?p ?o }}",
])
def test_service_is_refused_and_the_listener_receives_nothing(front, listener, spelling):
    base, *_ = front
    text = "SELECT * WHERE { " + spelling.format(port=listener.port) + " }"
    status, _, data = post(base, text)
    assert status == 400 and b"SERVICE" in data
    time.sleep(0.3)
    assert listener.connections == 0


def test_the_cli_refuses_service_unless_allowed(listener):
    text = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{listener.port}/sparql> {{ ?s ?p ?o }} }}"
    done = subprocess.run([sys.executable, "-m", "spacecoop.cli", "sparql", "--root", str(ROOT), text],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "SERVICE" in done.stderr and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert listener.connections == 0


def test_a_foreign_host_header_is_refused(front):
    _, _, port = front
    connection = HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", "/queries", headers={"Host": "rebind.evil.example"})
    answer = connection.getresponse()
    assert answer.status == 400
    connection.close()


def test_cors_only_for_the_origin_asked_for(front):
    base, *_ = front
    for origin, expected in (("https://evil.example", None), (ALLOWED_ORIGIN, ALLOWED_ORIGIN)):
        status, headers, _ = post(base, "ASK {}", {"Origin": origin})
        assert status == 200
        assert headers.get("access-control-allow-origin") == expected


def test_relative_iris_do_not_reveal_the_upstream_port(front):
    base, _, port = front
    rows = remote_select(f"{base}/query", 'SELECT (IRI("x") AS ?i) WHERE {}').values()
    assert rows == [(f"http://127.0.0.1:{port}/x",)]


def raw_request(port: int, head: bytes, chunks: list[bytes] = (), timeout: float = 10) -> bytes:
    """Send a request head, then body chunks until the server answers; the answer's bytes."""
    import select

    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(head)
        for chunk in chunks:
            if select.select([sock], [], [], 0.05)[0]:
                break
            try:
                sock.sendall(chunk)
            except OSError:
                break
        answer = b""
        with contextlib.suppress(OSError):
            while not answer.endswith(b"\n") or b"\r\n\r\n" not in answer:
                chunk = sock.recv(65536)
                if not chunk:
                    break
                answer += chunk
        return answer


def test_bodies_are_capped_whatever_the_headers_say(front):
    base, _, port = front
    head = f"POST /query HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/sparql-query\r\nConnection: close\r\n"
    answer = raw_request(port, (head + "Content-Length: -1\r\n\r\nASK {}").encode())
    assert answer.startswith(b"HTTP/1.1 400")
    answer = raw_request(port, (head + "Content-Length: 1100000\r\n\r\nASK {} #").encode())
    assert answer.startswith(b"HTTP/1.1 413")
    chunks = [b"%x\r\n" % 100_000 + b"#" * 100_000 + b"\r\n" for _ in range(12)] + [b"0\r\n\r\n"]
    answer = raw_request(port, (head + "Transfer-Encoding: chunked\r\n\r\n").encode(), chunks)
    assert answer.startswith(b"HTTP/1.1 413")
    assert labels_answer(base) == [("Japan",), ("日本",)]


def test_half_sent_requests_are_dropped_after_the_read_timeout(front):
    base, _, port = front
    sockets = []
    for _ in range(200):
        sock = socket.create_connection(("127.0.0.1", port), timeout=10)
        sock.sendall(f"POST /query HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n".encode())
        sockets.append(sock)
    body = socket.create_connection(("127.0.0.1", port), timeout=10)
    body.sendall(f"POST /query HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/sparql-query\r\nContent-Length: 100\r\n\r\nASK".encode())
    began = time.monotonic()
    assert labels_answer(base) == [("Japan",), ("日本",)], "the endpoint answers meanwhile"
    assert time.monotonic() - began < 2
    time.sleep(3)
    for sock in sockets:
        assert sock.recv(100) == b"", "closed by the server"
        sock.close()
    assert body.recv(100).startswith(b"HTTP/1.1 408")
    body.close()


def test_a_timed_out_query_really_stops_and_the_cap_holds(front):
    base, process, _ = front
    from concurrent.futures import ThreadPoolExecutor

    workers = children(process.pid)
    assert len(workers) == front_module.FAST_WORKERS + front_module.SLOW_WORKERS
    began = time.monotonic()
    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(lambda _: post(base, HEAVY + f" # {_}"), range(8)))
    assert {status for status, _, _ in answers} == {503}
    assert all(b"longer than 3 s" in data or b"busy" in data for _, _, data in answers)
    assert time.monotonic() - began < 30
    time.sleep(0.5)
    workers = children(process.pid)
    assert len(workers) == front_module.FAST_WORKERS + front_module.SLOW_WORKERS
    before = cpu_ticks(workers)
    time.sleep(1.5)
    assert cpu_ticks(workers) - before < 30, "no worker is still computing a stopped query"
    began = time.monotonic()
    assert labels_answer(base) == [("Japan",), ("日本",)]
    assert time.monotonic() - began < 2


def test_a_killed_worker_is_restarted(front):
    base, process, _ = front
    for pid in children(process.pid):
        os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        status, _, _ = post(base, JPN_LABELS)
        if status == 200 and len(children(process.pid)) == front_module.FAST_WORKERS + front_module.SLOW_WORKERS:
            break
        time.sleep(0.2)
    assert labels_answer(base) == [("Japan",), ("日本",)]
    assert process.poll() is None


SELECT_ROWS = "SELECT ?l WHERE { <https://w3id.org/spacecoop/country/JPN> <http://www.w3.org/2000/01/rdf-schema#label> ?l } ORDER BY ?l"


@pytest.mark.parametrize(("fmt", "media", "parser"), [
    ("json", "application/sparql-results+json", ox.QueryResultsFormat.JSON),
    ("xml", "application/sparql-results+xml", ox.QueryResultsFormat.XML),
    ("csv", "text/csv", ox.QueryResultsFormat.CSV),
    ("tsv", "text/tab-separated-values", ox.QueryResultsFormat.TSV),
])
@pytest.mark.parametrize("by", ["accept", "parameter"])
def test_select_answers_in_each_format(front, fmt, media, parser, by):
    base, *_ = front
    if by == "accept":
        status, headers, data = post(base, SELECT_ROWS, {"Accept": media})
    else:
        status, headers, data = http("GET", f"{base}/query?format={fmt}&query=" + urllib.parse.quote(SELECT_ROWS))
    assert status == 200 and headers["content-type"].startswith(media)
    if parser == ox.QueryResultsFormat.CSV:  # lossy: pyoxigraph does not read it back
        rows = parse_answer(data, "text/csv").values()
    else:
        rows = [tuple(term.value for term in solution) for solution in ox.parse_query_results(data, format=parser)]
    assert rows == [("Japan",), ("日本",)]


@pytest.mark.parametrize(("fmt", "media", "parser"), [
    ("turtle", "text/turtle", ox.RdfFormat.TURTLE),
    ("ntriples", "application/n-triples", ox.RdfFormat.N_TRIPLES),
    ("jsonld", "application/ld+json", ox.RdfFormat.JSON_LD),
])
@pytest.mark.parametrize("by", ["accept", "parameter"])
def test_construct_answers_in_each_format(front, fmt, media, parser, by):
    base, *_ = front
    text = "CONSTRUCT { <https://w3id.org/spacecoop/country/JPN> <http://www.w3.org/2000/01/rdf-schema#label> ?l } WHERE { <https://w3id.org/spacecoop/country/JPN> <http://www.w3.org/2000/01/rdf-schema#label> ?l }"
    if by == "accept":
        status, headers, data = post(base, text, {"Accept": media})
    else:
        status, headers, data = http("GET", f"{base}/query?format={fmt}&query=" + urllib.parse.quote(text))
    assert status == 200 and headers["content-type"].startswith(media)
    labels = sorted(triple.object.value for triple in ox.parse(data, format=parser))
    assert labels == ["Japan", "日本"]


def test_canned_queries_run_by_name_with_typed_parameters(front, world):
    base, *_ = front
    status, headers, data = http("GET", f"{base}/run/members?body=copuos&as_of=2022-04-01&format=csv&download=1")
    assert status == 200 and headers["content-disposition"] == 'attachment; filename="members.csv"'
    query = get_query("members")
    local = run(build_project(Project(ROOT), check=False).store, query, bind(query, {"body": "copuos", "as_of": "2022-04-01"}))
    served = parse_answer(data, "text/csv").values()
    assert [row[0] for row in served] == [row[0] for row in local.values()]
    assert len(served) == len(local.rows) > 0
    status, _, data = http("GET", f"{base}/run/members?as_of=not-a-date")
    assert status == 400 and b"as_of" in data
    status, _, data = http("GET", f"{base}/run/no-such-query")
    assert status == 400 and b"no query named" in data


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGHUP, signal.SIGKILL])
def test_serve_leaves_no_child_on_any_signal(tmp_path, stop):
    port = free_port()
    process = subprocess.Popen(serve_command(port, tmp_path), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wait_for_port(port, process, seconds=120)
    workers = children(process.pid)
    assert len(workers) == front_module.FAST_WORKERS + front_module.SLOW_WORKERS
    process.send_signal(stop)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == (-signal.SIGKILL if stop == signal.SIGKILL else 0), stderr
    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in workers if alive(pid)]
    assert "Traceback" not in stderr


@pytest.mark.parametrize("port", ["80000", "-1", "http"])
def test_a_bad_port_is_a_usage_error(port):
    done = subprocess.run([sys.executable, "-m", "spacecoop.cli", "serve", "--root", str(ROOT), "--port", port],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "--port" in done.stderr and "Traceback" not in done.stderr


# --- the remote client against broken servers -----------------------------------------------


class Canned(threading.Thread):
    """A loopback TCP server that answers every connection with the same bytes, and keeps
    the request heads it received."""

    def __init__(self, reply: bytes) -> None:
        super().__init__(daemon=True)
        self.reply = reply
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.heads: list[bytes] = []
        self.done = threading.Event()
        self.start()

    def run(self) -> None:
        while not self.done.is_set():
            try:
                connection, _ = self.sock.accept()
            except OSError:
                continue
            with connection:
                connection.settimeout(2)
                data = b""
                try:
                    while b"\r\n\r\n" not in data:
                        chunk = connection.recv(65536)
                        if not chunk:
                            break
                        data += chunk
                except OSError:
                    pass
                self.heads.append(data)
                with contextlib.suppress(OSError):
                    connection.sendall(self.reply)

    def close(self) -> None:
        self.done.set()
        self.join(timeout=5)
        self.sock.close()


def http_reply(body: bytes, kind: str = "application/sparql-results+json", status: str = "200 OK") -> bytes:
    return (f"HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n").encode() + body


BROKEN_REPLIES = {
    "not-http": b"SSH-2.0-OpenSSH_9.2\r\n",
    "nothing": b"",
    "html": http_reply(b"<html><body>login</body></html>", "text/html"),
    "truncated-json": http_reply(b'{"head":{"vars":["x"]},"results":{"bindings":[{"x":'),
    "json-not-results": http_reply(b'{"hello": "world"}'),
    "json-list": http_reply(b"[1, 2, 3]"),
    "bad-term": http_reply(b'{"head":{"vars":["x"]},"results":{"bindings":[{"x":{"type":"uri","value":"not an iri"}}]}}'),
    "xml-garbage": http_reply(b"<sparql><results><result>", "application/sparql-results+xml"),
    "tsv-garbage": http_reply(b"?x\n<unclosed\n", "text/tab-separated-values"),
    "cut-body": b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\nContent-Length: 1000\r\n\r\n{\"head\"",
    "bad-status": b"HTTP/1.1 abc\r\n\r\n",
    "server-error": http_reply(b"it broke", "text/plain", "500 Internal Server Error"),
}


@pytest.mark.parametrize("name", sorted(BROKEN_REPLIES))
def test_a_broken_endpoint_answer_is_one_line_and_exit_2(name):
    server = Canned(BROKEN_REPLIES[name])
    try:
        done = subprocess.run([sys.executable, "-m", "spacecoop.cli", "sparql", "--root", str(ROOT),
                               "--endpoint", f"http://127.0.0.1:{server.port}/sparql", "SELECT ?x WHERE { ?x ?p ?o }"],
                              capture_output=True, text=True, timeout=60)
    finally:
        server.close()
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and done.stderr.startswith("spacecoop sparql: error: ")


def test_every_results_format_of_a_remote_answer_is_read():
    document = b'{"head":{"vars":["x","y"]},"results":{"bindings":[{"x":{"type":"uri","value":"http://x/a"},"y":{"type":"literal","value":"1","datatype":"http://www.w3.org/2001/XMLSchema#integer"}}]}}'
    parsed = ox.parse_query_results(document, format=ox.QueryResultsFormat.JSON)
    for media, fmt in (("application/sparql-results+xml", ox.QueryResultsFormat.XML),
                       ("text/tab-separated-values", ox.QueryResultsFormat.TSV),
                       ("application/sparql-results+json", ox.QueryResultsFormat.JSON)):
        data = ox.parse_query_results(document, format=ox.QueryResultsFormat.JSON).serialize(format=fmt)
        table = parse_answer(data, media)
        assert table.columns == ["x", "y"]
        assert table.rows == [(ox.NamedNode("http://x/a"), ox.Literal("1", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")))]
    assert parsed is not None
    assert parse_answer(b"x\r\nhttp://x/a\r\n", "text/csv").values() == [("http://x/a",)]


def test_credentials_in_the_url_are_sent_as_basic_auth_and_never_shown():
    server = Canned(http_reply(b'{"head":{"vars":["x"]},"results":{"bindings":[]}}'))
    try:
        table = remote_select(f"http://analyst:s%40cret@127.0.0.1:{server.port}/sparql", "SELECT ?x WHERE {}")
    finally:
        server.close()
    assert table.columns == ["x"] and table.rows == []
    head = server.heads[0].decode()
    assert f"Authorization: Basic {base64.b64encode(b'analyst:s@cret').decode()}" in head
    assert head.startswith("POST /sparql HTTP/1.1") and f"Host: 127.0.0.1:{server.port}" in head
    server = Canned(http_reply(b"no", "text/plain", "401 Unauthorized"))
    try:
        with pytest.raises(EndpointError) as refused:
            remote_select(f"http://analyst:s%40cret@127.0.0.1:{server.port}/sparql", "SELECT ?x WHERE {}")
    finally:
        server.close()
    assert "cret" not in str(refused.value) and "analyst" not in str(refused.value)


def test_push_needs_replace_for_a_graph_that_holds_triples(tmp_path):
    port = free_port()
    store = start([oxigraph_command(), "serve", "--location", str(tmp_path / "rw"), "--bind", f"127.0.0.1:{port}"], port)
    url = f"http://127.0.0.1:{port}/store"
    try:
        assert push(b"<http://other.example/a> <http://other.example/b> <http://other.example/c> .", url) in (200, 201, 204)
        command = [sys.executable, "-m", "spacecoop.cli", "push", "--root", str(ROOT), "--endpoint", url]
        done = subprocess.run(command, capture_output=True, text=True, timeout=120)
        assert done.returncode == 2 and "holds 1 triples" in done.stderr and "--replace" in done.stderr
        kept = remote_select(f"http://127.0.0.1:{port}/query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").values()
        assert kept == [("1",)], "another user's triples are still there"
        done = subprocess.run(command + ["--replace"], capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        assert "replacing the 1 triples of the default graph" in done.stdout
        gone = remote_select(f"http://127.0.0.1:{port}/query", "ASK { <http://other.example/a> ?p ?o }").values()
        assert gone == [("false",)]
    finally:
        store.terminate()
        store.wait(timeout=10)


def test_heavy_clients_do_not_starve_the_cheap_ones(front):
    """benchmarks/load_endpoint.py for 8 s: 12 clients send a runaway query again and again
    (each stopped at the timeout), 10 send cheap ones, which are all answered, right."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from load_endpoint import run_load
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    base, process, _ = front
    cheap, heavy = run_load(f"{base}/query", 10, 8, heavy=12)
    outcomes = Counter(outcome for _, outcome in cheap)
    assert set(outcomes) == {"ok"}, outcomes.most_common(3)
    assert len(cheap) >= 50
    assert heavy and {outcome for _, outcome in heavy} == {"HTTP 503"}
    assert len(children(process.pid)) == front_module.FAST_WORKERS + front_module.SLOW_WORKERS


# --- the query page in Chromium ------------------------------------------------------------

CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="module")
def chromium():
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing")
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium (bash scripts/setup.sh --test)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                             args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
        yield browser
        browser.close()


@pytest.fixture
def page(chromium):
    context = chromium.new_context(accept_downloads=True)
    opened = context.new_page()
    opened.errors = []
    opened.on("pageerror", lambda error: opened.errors.append(str(error)))
    opened.on("console", lambda message: opened.errors.append(message.text) if message.type == "error" else None)
    yield opened
    context.close()


@pytest.mark.browser
def test_the_query_page_runs_a_canned_query_from_its_form(front, page):
    base, *_ = front
    page.goto(base + "/")
    page.select_option("#canned", "members")
    assert page.input_value("#param-body") == "copuos"
    page.fill("#param-as_of", "2022-04-01")
    page.click("#run")
    page.wait_for_selector("#results table tbody tr")
    expected = parse_answer(http("GET", f"{base}/run/members?body=copuos&as_of=2022-04-01&format=csv")[2], "text/csv").values()
    cells = page.eval_on_selector_all("#results tbody tr", "rows => rows.map(r => r.cells[0].textContent)")
    assert cells == [row[0] for row in expected] and len(cells) > 10
    assert page.text_content("#status") == f"{len(expected)} row(s)"
    shared = page.url
    assert "run=members" in shared and "p.as_of=2022-04-01" in shared
    csv_link = page.get_attribute("#download-csv", "href")
    json_link = page.get_attribute("#download-json", "href")
    assert "format=csv" in csv_link and "download=1" in csv_link and "format=json" in json_link
    with page.expect_download() as download:
        page.click("#download-csv")
    saved = Path(download.value.path()).read_bytes()
    assert download.value.suggested_filename == "members.csv"
    assert parse_answer(saved, "text/csv").values() == expected
    # the shared URL runs the same query again when opened
    page.goto(shared)
    page.wait_for_selector("#results table tbody tr")
    assert page.input_value("#param-as_of") == "2022-04-01"
    again = page.eval_on_selector_all("#results tbody tr", "rows => rows.map(r => r.cells[0].textContent)")
    assert again == cells
    assert page.errors == []


@pytest.mark.browser
def test_the_query_page_shows_errors_in_the_page(front, page):
    from playwright.sync_api import expect

    base, *_ = front
    page.goto(base + "/")
    page.fill("#text", "SELECT * WHERE { ?s ?p }")
    page.click("#run")
    # Playwright's expect polls without eval, which the page's CSP forbids
    expect(page.locator("#error")).to_contain_text("error 400: ")
    assert page.text_content("#error").startswith("error 400: ")
    assert page.query_selector("#results table") is None
    page.select_option("#canned", "members")
    page.fill("#param-as_of", "not-a-date")
    page.click("#run")
    expect(page.locator("#error")).to_contain_text("as_of")
    page.goto(base + "/?query=" + urllib.parse.quote("SELECT ?l WHERE { <https://w3id.org/spacecoop/country/JPN> <http://www.w3.org/2000/01/rdf-schema#label> ?l } ORDER BY ?l"))
    page.wait_for_selector("#results table tbody tr")
    labels = page.eval_on_selector_all("#results tbody tr", "rows => rows.map(r => r.cells[0].textContent)")
    assert labels == ["Japan", "日本"]
    assert [e for e in page.errors if "400" not in e] == []


@pytest.mark.browser
def test_the_query_page_asks_for_a_required_parameter_before_it_runs(front, page):
    from playwright.sync_api import expect

    base, *_ = front
    status, _, body = http("GET", f"{base}/run/partner-links?country=JPN")
    assert (status, body.decode().strip()) == (400, "partner-links needs a value for partner (country): the partner "
                                       "(ISO alpha-3 such as USA, a short name such as actor/eu, or an IRI), as partners lists them")
    page.goto(base + "/")
    page.select_option("#canned", "partner-links")
    assert page.text_content("label[for=param-partner]").startswith("partner (country, required) ")
    page.click("#run")
    expect(page.locator("#error")).to_have_text("partner-links needs a value for partner")
    assert page.query_selector("#results table") is None
    page.fill("#param-partner", "USA")
    page.click("#run")
    page.wait_for_selector("#results table tbody tr")
    expected = parse_answer(http("GET", f"{base}/run/partner-links?country=JPN&partner=USA&format=csv")[2], "text/csv").values()
    cells = page.eval_on_selector_all("#results tbody tr", "rows => rows.map(r => r.cells[2].textContent)")
    assert cells == [row[2] for row in expected] and len(cells) >= 5
    assert page.errors == []
