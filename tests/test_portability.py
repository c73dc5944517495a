"""The same rows on any SPARQL 1.1 store: every canned query, sent as ``--endpoint`` sends it,
gives the embedded engine's exact rows, in order, on two servers started on loopback over the
built Turtle of the real graph: rdflib-endpoint (rdflib's engine, which follows the
specification's scoping of VALUES and OPTIONAL) and the ``oxigraph`` server."""

from __future__ import annotations

import subprocess
import sys

import pyoxigraph as ox
import pytest

from spacecoop.query import bind, canned_queries, get_query, portable_text, run, sorted_lists
from spacecoop.remote import remote_select
from spacecoop.serialise import rdf_bytes, sorted_triples
from spacecoop.server import free_port, prepare_store, server_arguments, wait_for_port

pytestmark = pytest.mark.server

RDFLIB_SERVER = """
import sys, rdflib, uvicorn
from rdflib_endpoint import SparqlEndpoint
graph = rdflib.Graph().parse(sys.argv[1])
uvicorn.run(SparqlEndpoint(graph=graph, cors_enabled=False), host="127.0.0.1", port=int(sys.argv[2]),
            log_level="warning")
"""


# Required parameters, given in cases of their own: an organisation as the country, whose few
# links keep rdflib's engine to seconds (Japan's links with one partner take it 45 s)
MORE_CASES = {"partner-links": [{"country": "actor/esa", "partner": "JPN"}]}


def cases():
    """Each query with its defaults (unless it has a required parameter), on a fixed day, with
    uncertain answers where it has them and with the parameters of MORE_CASES."""
    found = []
    for name, query in sorted(canned_queries().items()):
        names = {p.name for p in query.params}
        params = {"as_of": "2023-12-31"} if "as_of" in names else {}
        if not any(p.required for p in query.params):
            found.append((name, params))
        if "include_uncertain" in names:
            found.append((name, {**params, "include_uncertain": "true"}))
        found += [(name, {**params, **more}) for more in MORE_CASES.get(name, [])]
    return found


@pytest.fixture(scope="module")
def turtle(built, tmp_path_factory):
    path = tmp_path_factory.mktemp("portable") / "spacecoop.ttl"
    path.write_bytes(rdf_bytes(sorted_triples(built.store), ox.RdfFormat.TURTLE))
    return path


def _serve(arguments, port):
    process = subprocess.Popen(arguments, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for_port(port, process, seconds=120)
    return process


@pytest.fixture(scope="module", params=["rdflib-endpoint", "oxigraph"])
def server(request, turtle):
    port = free_port()
    if request.param == "rdflib-endpoint":
        process = _serve([sys.executable, "-c", RDFLIB_SERVER, str(turtle), str(port)], port)
        url = f"http://127.0.0.1:{port}/"
    else:
        location = prepare_store(turtle, turtle.parent / "store")
        process = _serve(server_arguments(location, "127.0.0.1", port), port)
        url = f"http://127.0.0.1:{port}/query"
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.mark.parametrize(("name", "params"), cases(), ids=lambda value: str(value))
def test_a_canned_query_gives_the_embedded_rows_in_order_on_another_store(built, server, name, params):
    query = get_query(name)
    terms = bind(query, params)
    local = run(built.store, query, terms)
    remote = sorted_lists(query, remote_select(server, portable_text(query, terms), timeout=600))
    assert remote.columns == local.columns
    assert remote.values() == local.values()
    assert local.values(), f"{name} answers nothing on the real graph: the comparison would prove nothing"
