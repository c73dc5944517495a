"""Against real `oxigraph` servers started on loopback: canned queries over HTTP, updates
refused by the read-only endpoint, and a Graph Store upload that a query then sees."""

from __future__ import annotations

import json
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT

from spacecoop.endpoint import (
    oxigraph_command,
    prepare_store,
    push,
    query_page,
    remote_select,
    server_arguments,
)
from spacecoop.errors import EndpointError
from spacecoop.export import rdf_bytes, sorted_triples
from spacecoop.pipeline import build_graph
from spacecoop.query import bind, bound_text, canned_queries, get_query, run

pytestmark = pytest.mark.server


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(port: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        assert process.poll() is None, "the server exited"
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError("the server did not start")


def start(arguments: list[str], port: int):
    process = subprocess.Popen(arguments, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_until_up(port, process)
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
    process = start(server_arguments(location, "127.0.0.1", port, 10), port)
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


def test_spacecoop_serve_answers_then_stops_cleanly_on_ctrl_c(tmp_path):
    import signal
    import sys

    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "spacecoop.cli", "serve", "--root", str(ROOT), "--port", str(port), "--out", str(tmp_path)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        wait_until_up(port, process)
        rows = remote_select(f"http://127.0.0.1:{port}/query", "SELECT ?l WHERE { <https://w3id.org/spacecoop/country/JPN> <http://www.w3.org/2000/01/rdf-schema#label> ?l } ORDER BY ?l")
        assert rows.values() == [("Japan",), ("日本",)]
        assert (tmp_path / "query.html").is_file()
    finally:
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=20)
    assert process.returncode == 0, err
    assert f"http://127.0.0.1:{port}/query" in out
    assert "Traceback" not in err
