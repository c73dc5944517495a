"""Checks on SPARQL query text before any engine sees it, and limits on running it.

Oxigraph's parser and evaluator recurse: 3,000 nested groups or 10,000 chained ``+`` (about
20 KB of text) overflow the stack of a server thread or of this process, which then dies
(segfault). So a query is refused, with a clear message, when it is larger than
``MAX_QUERY_CHARS``, nests brackets deeper than ``MAX_DEPTH`` or chains more than
``MAX_OPERATORS`` operators; every canned query is far below these limits. A query that names
``SERVICE`` would make the engine fetch a URL of the query's choosing (a request from this
machine, possibly into a private network): it is refused unless the caller allows SERVICE,
everywhere or for named hosts.

The text is checked as the engine reads it: ``\\uXXXX`` escapes are decoded first (SPARQL
decodes them anywhere in a query, so ``\\u0053ERVICE`` is ``SERVICE``), then strings, IRIs and
comments are skipped by a tokenizer that follows SPARQL's grammar for them.

``arm`` bounds a local query's time and memory in the command line: the engine releases the
GIL while it works, so a watchdog thread can see the clock and the process's size, and it ends
the process with a one-line message (the engine cannot be interrupted from Python).
"""

from __future__ import annotations

import os
import re
import sys
import threading
import time
from dataclasses import dataclass, field

from .errors import QueryError

MAX_QUERY_CHARS = 64_000
MAX_DEPTH = 64
MAX_OPERATORS = 1_000

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_TOKEN = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n\r]|\\.)*"'
    r"|'(?:[^'\\\n\r]|\\.)*'"
    r'|<[^<>"{}|^`\\\x00-\x20]*>'
    r"|#[^\n\r]*"
    r"|[?$][\w\u00b7\u0300-\u036f\u203f-\u2040]+"
    r"|(?:[\w\u00b7.:%-]|\\.)+"
    r"|\S",
    re.S,
)
_OPENERS = {"(": ")", "{": "}", "[": "]"}
_OPERATOR_CHARACTERS = "+-*/|^!&"
_OPERATOR_WORDS = {"UNION", "OPTIONAL", "MINUS"}


@dataclass
class Policy:
    """What a query may do: SERVICE everywhere (``allow_service``) or only to ``service_hosts``."""

    allow_service: bool = False
    service_hosts: set[str] = field(default_factory=set)


# The command line sets these from its options (--allow-service, --timeout, --max-memory).
POLICY = Policy()
LIMITS: dict[str, float | None] = {"timeout_s": None, "max_memory_bytes": None}


def check_query(text: str, policy: Policy | None = None) -> None:
    """Raise QueryError when the query is too large, too deep, too long a chain, or names a
    SERVICE the policy does not allow."""
    policy = policy or POLICY
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"the query is {len(text):,} characters; the limit is {MAX_QUERY_CHARS:,}")
    decoded = _ESCAPE.sub(_unescape, text)
    depth = deepest = operators = 0
    previous = ""
    for match in _TOKEN.finditer(decoded):
        token = match.group(0)
        first = token[0]
        if first in "\"'<#?$" and len(token) > 1:
            if previous == "SERVICE" and first in "<?$":
                _check_service_iri(token[1:-1] if first == "<" else None, policy)
            previous = "IRI" if first == "<" else previous
            continue
        if token in _OPENERS:
            depth += 1
            deepest = max(deepest, depth)
        elif token in (")", "}", "]"):
            depth = max(depth - 1, 0)
        word = token.upper()
        operators += sum(token.count(c) for c in _OPERATOR_CHARACTERS)
        operators += word in _OPERATOR_WORDS
        if previous == "SERVICE" and word != "SILENT":
            _check_service_iri(None, policy)
        if word == "SERVICE" and not (policy.allow_service or policy.service_hosts):
            raise QueryError(
                "the query uses SERVICE, which makes this machine fetch a URL the query names; "
                "it is refused (allow it with query --allow-service, or with "
                "serve --allow-service-host HOST)"
            )
        if word != "SILENT" or previous != "SERVICE":
            previous = word
    if deepest > MAX_DEPTH:
        raise QueryError(
            f"the query nests brackets {deepest} deep; the limit is {MAX_DEPTH}: flatten it"
        )
    if operators > MAX_OPERATORS:
        raise QueryError(
            f"the query chains {operators} operators; the limit is {MAX_OPERATORS}: "
            "use VALUES or IN (…) for long lists"
        )


def _check_service_iri(iri: str | None, policy: Policy) -> None:
    if policy.allow_service:
        return
    if iri is None:
        raise QueryError("SERVICE is refused unless it names a full <IRI> of an allowed host")
    import urllib.parse  # only for a query with a SERVICE clause

    host = (urllib.parse.urlsplit(iri).hostname or "").lower()
    if host not in policy.service_hosts:
        raise QueryError(f"SERVICE <{iri}> is refused: {host or 'that host'} is not allowed")


def _unescape(match: re.Match) -> str:
    code = int(match.group(1) or match.group(2), 16)
    return chr(code) if code <= 0x10FFFF else "\ufffd"


# --- time and memory of a local query ----------------------------------------------------


_WATCH: dict[str, object] = {"deadline": None, "name": "", "thread": None}


def arm(name: str) -> None:
    """Start (or restart) the watchdog for a query about to run: from now, past
    ``LIMITS["timeout_s"]`` seconds, or when the process grows beyond
    ``LIMITS["max_memory_bytes"]``, it prints one line and ends the process with exit code 2
    (the engine runs in native code and cannot be interrupted from Python). Each query
    restarts the clock, so the last one, the user's, gets the whole budget. Without limits
    (the library default) nothing is watched."""
    timeout_s, max_memory = LIMITS["timeout_s"], LIMITS["max_memory_bytes"]
    if not timeout_s and not max_memory:
        return
    _WATCH["deadline"] = time.monotonic() + timeout_s if timeout_s else None
    _WATCH["name"] = name
    if _WATCH["thread"] is None:
        watchdog = threading.Thread(target=_watch, name="spacecoop-query-watchdog", daemon=True)
        _WATCH["thread"] = watchdog
        watchdog.start()


def disarm() -> None:
    """Back to the library default: no limits, nothing watched (the command has ended)."""
    LIMITS["timeout_s"] = LIMITS["max_memory_bytes"] = None
    _WATCH["deadline"] = None
    POLICY.allow_service = False


def _watch() -> None:
    while True:
        time.sleep(0.1)
        deadline, max_memory = _WATCH["deadline"], LIMITS["max_memory_bytes"]
        if deadline is None and not max_memory:
            continue
        reason = None
        if deadline is not None and time.monotonic() > deadline:
            reason = (
                f"the query took longer than {LIMITS['timeout_s']:g} s; "
                "refine it or raise --timeout"
            )
        elif max_memory and _resident_bytes() > max_memory:
            reason = (
                f"the query used more than {max_memory / 2**30:.1f} GiB of memory; refine it "
                "(a missing join makes a cartesian product) or raise --max-memory"
            )
        if reason:
            print(f"spacecoop: error: {_WATCH['name']}: {reason}", file=sys.stderr, flush=True)
            os._exit(2)


def _resident_bytes() -> int:
    try:
        with open("/proc/self/statm", encoding="ascii") as stream:
            return int(stream.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def default_memory_limit() -> int:
    """Half the machine's memory, at most 8 GiB."""
    try:
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (OSError, ValueError):
        total = 8 * 2**30
    return min(total // 2, 8 * 2**30)
