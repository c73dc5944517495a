"""Remote SPARQL stores: run a SELECT (``remote_select``) or upload the graph (``push``).

Answers are read by pyoxigraph's SPARQL results parsers (JSON, XML, CSV, TSV), the one place
where a remote answer becomes RDF terms; anything else (HTML, garbage, a truncated document)
is an EndpointError naming the endpoint. Credentials in the URL (``http://user:pass@host/…``)
are sent as HTTP basic authentication and never shown in messages.
"""

from __future__ import annotations

import base64
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

import pyoxigraph as ox

from .errors import EndpointError
from .query import Table

MAX_ANSWER_BYTES = 256_000_000
_ANSWER_FORMATS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
ACCEPT = (
    "application/sparql-results+json, application/sparql-results+xml;q=0.9, "
    "text/tab-separated-values;q=0.8, text/csv;q=0.7"
)


@dataclass(frozen=True)
class Target:
    """An endpoint URL without its credentials, and the Authorization header they make."""

    url: str
    shown: str
    authorization: str | None = None


def target(url: str) -> Target:
    """Split credentials out of ``url``; refuse anything but http(s) with a host."""
    try:
        parts = urllib.parse.urlsplit(url.strip())
        port = parts.port
    except ValueError as error:
        raise EndpointError(f"{_redact(url)}: not a valid URL ({error})") from None
    if parts.scheme not in ("http", "https"):
        raise EndpointError(f"{_redact(url)}: the endpoint must be an http:// or https:// URL")
    if not parts.hostname:
        raise EndpointError(f"{_redact(url)}: the URL names no host")
    host = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
    netloc = host + (f":{port}" if port else "")
    clean = urllib.parse.urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, ""))
    authorization = None
    if parts.username is not None or parts.password is not None:
        user = urllib.parse.unquote(parts.username or "")
        password = urllib.parse.unquote(parts.password or "")
        token = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
        authorization = f"Basic {token}"
    return Target(clean, clean, authorization)


def remote_select(endpoint: str, sparql: str, timeout: float = 60) -> Table:
    """Run a SELECT (or ASK) query on a SPARQL 1.1 endpoint and read its answer."""
    where = target(endpoint)
    request = _request(
        where,
        "POST",
        sparql.encode("utf-8"),
        {"Content-Type": "application/sparql-query; charset=utf-8", "Accept": ACCEPT},
    )
    response = _send(request, where, timeout)
    try:
        with response:
            media = (response.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            data = response.read(MAX_ANSWER_BYTES + 1)
    except Exception as error:  # noqa: BLE001 (a broken reply: http.client raises many kinds)
        raise EndpointError(
            f"{where.shown}: the answer was cut off or is not HTTP ({error})"
        ) from None
    if len(data) > MAX_ANSWER_BYTES:
        raise EndpointError(f"{where.shown}: the answer is over {MAX_ANSWER_BYTES:,} bytes")
    return parse_answer(data, media, where.shown)


def parse_answer(data: bytes, media: str, shown: str = "the endpoint") -> Table:
    """A Table from a SPARQL results document (JSON, XML, CSV or TSV, by media type; JSON
    when the type is missing or unknown). ASK gives one column ``boolean``."""
    fmt = _ANSWER_FORMATS.get(media, ox.QueryResultsFormat.JSON)
    if fmt == ox.QueryResultsFormat.CSV:
        return _parse_csv(data, shown)
    try:
        parsed = ox.parse_query_results(data, format=fmt)
        if isinstance(parsed, ox.QueryBoolean):
            value = "true" if bool(parsed) else "false"
            boolean = ox.Literal(
                value, datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean")
            )
            return Table(["boolean"], [(boolean,)])
        columns = [variable.value for variable in parsed.variables]
        rows = [tuple(solution[c] for c in columns) for solution in parsed]
    except Exception as error:  # noqa: BLE001 (garbage may fail in any way; MemoryError too)
        kind = media or "no content type"
        detail = " ".join(str(error).split())[:200]
        raise EndpointError(
            f"{shown}: the answer ({kind}) is not SPARQL results: {detail}"
        ) from None
    return Table(columns, rows)


def _parse_csv(data: bytes, shown: str) -> Table:
    """SPARQL CSV results keep no term types: every value comes back as a plain literal."""
    import csv
    import io

    try:
        rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    except (UnicodeDecodeError, csv.Error) as error:
        raise EndpointError(
            f"{shown}: the answer (text/csv) is not SPARQL results: {error}"
        ) from None
    if not rows:
        raise EndpointError(f"{shown}: the answer (text/csv) is empty: no header line")
    columns = rows[0]
    if any(len(row) != len(columns) for row in rows[1:]):
        raise EndpointError(f"{shown}: the answer (text/csv) has rows of different lengths")
    return Table(columns, [tuple(ox.Literal(v) if v else None for v in row) for row in rows[1:]])


def graph_size(store_url: str, graph: str | None, timeout: float = 60) -> int | None:
    """How many triples the target graph holds now (0 when it does not exist), read with a
    Graph Store GET; None when the store does not say (no GET, or an unreadable answer)."""
    where = target(store_url)
    url = _with_query(where.url, {"graph": graph} if graph else {"default": ""})
    request = _request(
        Target(url, where.shown, where.authorization),
        "GET",
        None,
        {"Accept": "application/n-triples"},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            data = response.read(MAX_ANSWER_BYTES + 1)
    except urllib.error.HTTPError as error:
        if error.code == 404:
            return 0
        if error.code in (401, 403):
            raise EndpointError(
                f"{where.shown}: HTTP {error.code} {error.reason}: check the credentials"
            ) from None
        return None
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise EndpointError(f"{where.shown}: cannot reach the endpoint ({reason})") from None
    try:
        return sum(1 for _ in ox.parse(data, format=ox.RdfFormat.N_TRIPLES))
    except (SyntaxError, ValueError):
        return None


def push(turtle: bytes, store_url: str, graph: str | None = None, timeout: float = 60) -> int:
    """PUT the Turtle into the default graph (or ``graph``) of a Graph Store Protocol endpoint:
    what the graph held is replaced. Returns the HTTP status."""
    where = target(store_url)
    url = _with_query(where.url, {"graph": graph} if graph else {"default": ""})
    request = _request(
        Target(url, where.shown, where.authorization),
        "PUT",
        turtle,
        {"Content-Type": "text/turtle; charset=utf-8"},
    )
    with _send(request, where, timeout) as response:
        return response.status


def _request(
    where: Target, method: str, data: bytes | None, headers: dict
) -> urllib.request.Request:
    headers = dict(headers)
    if where.authorization:
        headers["Authorization"] = where.authorization
    return urllib.request.Request(where.url, data=data, method=method, headers=headers)


def _send(request: urllib.request.Request, where: Target, timeout: float):
    try:
        return urllib.request.urlopen(request, timeout=timeout)  # noqa: S310 (http(s) only)
    except urllib.error.HTTPError as error:
        detail = " ".join(error.read(500).decode("utf-8", "replace").split())
        raise EndpointError(f"{where.shown}: HTTP {error.code} {error.reason}: {detail}") from None
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        raise EndpointError(f"{where.shown}: cannot reach the endpoint ({reason})") from None
    except Exception as error:  # noqa: BLE001 (http.client raises many kinds on a non-HTTP reply)
        raise EndpointError(
            f"{where.shown}: the answer is not HTTP ({type(error).__name__}: {error})"
        ) from None


def _with_query(url: str, params: dict[str, str]) -> str:
    separator = "&" if "?" in url else "?"
    return url + separator + urllib.parse.urlencode(params)


def _redact(url: str) -> str:
    """The URL with any credentials replaced by ***, printable."""
    try:
        parts = urllib.parse.urlsplit(url)
        netloc = "***@" + parts.netloc.rsplit("@", 1)[1] if "@" in parts.netloc else parts.netloc
        return parts._replace(netloc=netloc).geturl()[:200]
    except ValueError:
        return repr(url[:200])
