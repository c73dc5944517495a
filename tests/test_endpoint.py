"""Against real `oxigraph` servers started on loopback: canned queries over HTTP, updates
refused by the read-only endpoint, and a Graph Store upload that a query then sees."""

from __future__ import annotations

import json
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT

from spacecoop.endpoint import (
    free_port,
    oxigraph_command,
    prepare_store,
    push,
    query_page,
    remote_select,
    server_arguments,
    wait_for_port,
)
from spacecoop.errors import EndpointError
from spacecoop.export import rdf_bytes, sorted_triples
from spacecoop.pipeline import build_graph
from spacecoop.query import bind, bound_text, canned_queries, get_query, run

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
    terms = bind(query, params)
    local = run(world, query, terms)
    remote = remote_select(f"{read_only}/query", bound_text(query, terms))
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
    assert set(map(tuple, results)) == {(("249",),)}


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
