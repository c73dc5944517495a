"""Load test of `spacecoop serve` on loopback: N clients for S seconds, every answer checked.

Run on demand (not part of the test suite):
    .venv/bin/python benchmarks/load_endpoint.py --clients 50 --seconds 30
    .venv/bin/python benchmarks/load_endpoint.py --clients 10 --heavy 12 --seconds 30
Prints the number of requests, errors, wrong answers and latency percentiles; with --heavy,
that many more clients send a query that runs past the timeout again and again (each answered
503), and the numbers are those of the cheap clients, who must keep being answered.
"""

from __future__ import annotations

import argparse
import http.client
import json
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from spacecoop.server import free_port, wait_for_port

ROOT = Path(__file__).resolve().parent.parent
QUERIES = {
    "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/spacecoop/ontology#State> }": [("198",)],
    "SELECT ?l WHERE { <https://w3id.org/spacecoop/country/JPN> "
    "<http://www.w3.org/2000/01/rdf-schema#label> ?l } ORDER BY ?l": [("Japan",), ("日本",)],
}
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--heavy", type=int, default=0, help="clients sending a runaway query")
    parser.add_argument("--timeout", type=float, default=5, help="serve --timeout (with --heavy)")
    args = parser.parse_args()
    port = free_port()
    with tempfile.TemporaryDirectory() as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "spacecoop.cli", "serve", "--root", str(ROOT),
             "--port", str(port), "--out", out, "--timeout", str(args.timeout)],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        try:
            wait_for_port(port, server, seconds=60)
            results, heavy = run_load(f"http://127.0.0.1:{port}/query", args.clients, args.seconds,
                                      args.heavy)
        finally:
            server.send_signal(signal.SIGINT)
            _, errors = server.communicate(timeout=30)
            print(errors[-2000:])
    report(results, args)
    if args.heavy:
        kinds = Counter(outcome for _, outcome in heavy)
        print(f"heavy clients {args.heavy}: {len(heavy)} requests, " + ", ".join(
            f"{count} × {kind}" for kind, count in kinds.most_common(3)))


def run_load(endpoint: str, clients: int, seconds: float, heavy: int = 0):
    """Each client keeps one HTTP/1.1 connection open, as a browser or a SPARQL library does
    (a new connection per request runs out of loopback ports within a minute at this rate)."""
    stop = time.monotonic() + seconds
    address = urllib.parse.urlsplit(endpoint)

    def client(number: int) -> list[tuple[float, str]]:
        connection = http.client.HTTPConnection(address.hostname, address.port, timeout=30)
        outcomes = []
        texts = list(QUERIES)
        i = number
        while time.monotonic() < stop:
            text = texts[i % len(texts)]
            i += 1
            began = time.perf_counter()
            try:
                rows = ask(connection, text)
                outcome = "ok" if rows == QUERIES[text] else "wrong"
            except (OSError, http.client.HTTPException, ValueError) as error:
                outcome = f"error: {type(error).__name__}: {str(error)[:60]}"
                connection.close()
            outcomes.append((time.perf_counter() - began, outcome))
        return outcomes

    def heavy_client(number: int) -> list[tuple[float, str]]:
        connection = http.client.HTTPConnection(address.hostname, address.port, timeout=60)
        outcomes = []
        while time.monotonic() < stop:
            began = time.perf_counter()
            try:
                connection.request("POST", "/query", body=f"{HEAVY} # {number}".encode(),
                                   headers={"Content-Type": "application/sparql-query"})
                answer = connection.getresponse()
                answer.read()
                outcome = f"HTTP {answer.status}"
            except (OSError, http.client.HTTPException) as error:
                outcome = f"error: {type(error).__name__}"
                connection.close()
            outcomes.append((time.perf_counter() - began, outcome))
        return outcomes

    with ThreadPoolExecutor(max_workers=clients + heavy) as pool:
        heavy_runs = [pool.submit(heavy_client, n) for n in range(heavy)]
        cheap = [o for outcomes in pool.map(client, range(clients)) for o in outcomes]
        return cheap, [o for run in heavy_runs for o in run.result()]


def ask(connection: http.client.HTTPConnection, text: str) -> list[tuple]:
    connection.request("POST", "/query", body=text.encode("utf-8"), headers={
        "Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"})
    answer = connection.getresponse()
    data = answer.read()
    if answer.status != 200:
        raise ValueError(f"HTTP {answer.status}: {data[:80]!r}")
    document = json.loads(data)
    names = document["head"]["vars"]
    return [tuple(b[n]["value"] for n in names) for b in document["results"]["bindings"]]


def report(results, args) -> None:
    latencies = sorted(seconds for seconds, _ in results)
    counts = {kind: sum(1 for _, o in results if o.startswith(kind)) for kind in ("ok", "wrong", "error")}
    errors = Counter(o for _, o in results if o.startswith("error"))
    cut = statistics.quantiles(latencies, n=100)
    for message, count in errors.most_common(3):
        print(f"  {count} × {message}")
    print(f"clients {args.clients}, {args.seconds:g} s: {len(results)} requests "
          f"({len(results) / args.seconds:.0f}/s), ok {counts['ok']}, wrong {counts['wrong']}, "
          f"errors {counts['error']}")
    print(f"latency ms: p50 {cut[49] * 1000:.1f}, p95 {cut[94] * 1000:.1f}, "
          f"p99 {cut[98] * 1000:.1f}, max {latencies[-1] * 1000:.1f}")


if __name__ == "__main__":
    main()
