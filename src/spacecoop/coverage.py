"""How complete the graph's lists are, and what an answer built on them must say.

A list (the parties of a treaty, the members of a body) is compared with what an authoritative
status source counts on a day (``sc:ReferenceCount``, in ``data/coverage*.ttl``): the
``coverage`` query counts the standings certainly holding on that day. An answer whose query
names the lists it stands on (its ``# coverage:`` header: parameter names, short names such as
``body/copuos``, or ``all``) gets a note for each list that is short of its count, or that no
source counts at all.
"""

from __future__ import annotations

import pyoxigraph as ox

from .namespaces import RDFS_LABEL, compact, expand
from .query import NamedQuery, bind, get_query, run

#: What a reference count counts, by its kind's concept, in the words a list is named by.
LISTS = {
    "member": "members",
    "associate-member": "associate members",
    "observer": "observers",
    "party": "parties",
    "signatory": "signatories",
}
COLUMNS = (
    "framework",
    "label",
    "kind",
    "recorded",
    "expected",
    "share",
    "dated",
    "dated_share",
    "as_of",
    "source",
)


def coverage_rows(store: ox.Store, lang: str = "en") -> list[dict]:
    """One row per counted list: the framework and its labels, ``kind`` (the count kind's label
    in ``lang``) and ``list`` ("members", "parties"…), recorded and expected counts, shares,
    the day and the source."""
    rows = []
    records = _run(store, lang).records()
    labels = _labels(store, {record["framework"] for record in records})
    for record in records:
        recorded, expected, dated = (int(record[k] or 0) for k in ("recorded", "expected", "dated"))
        framework = record["framework"]
        rows.append(
            {
                "framework": framework,
                "label": record["label"] or framework.rsplit("/", 1)[-1],
                "label_en": labels[framework].get("en", framework.rsplit("/", 1)[-1]),
                "label_ja": labels[framework].get("ja", framework.rsplit("/", 1)[-1]),
                "kind": record["kind"],
                "list": LISTS.get(record["list"], record["list"]),
                "recorded": recorded,
                "expected": expected,
                "share": round(recorded / expected, 4) if expected else None,
                "dated": dated,
                "dated_share": round(dated / recorded, 4) if recorded else None,
                "as_of": record["as_of"],
                "source": record["source"],
            }
        )
    return rows


def table(rows: list[dict]) -> tuple[list[str], list[tuple]]:
    """The rows as the columns ``spacecoop coverage`` prints, shares as percentages."""

    def percent(value):
        return None if value is None else f"{value * 100:.0f}%"

    def cell(row, column):
        if column in ("share", "dated_share"):
            return percent(row[column])
        return compact(row[column]) if column == "framework" else row[column]

    return list(COLUMNS), [tuple(cell(row, c) for c in COLUMNS) for row in rows]


def frameworks_of(query: NamedQuery, terms: dict) -> list[str] | None:
    """The IRIs of the lists an answer stands on (None: every list), from the query's header."""
    found: list[str] = []
    for name in query.coverage:
        if name == "all":
            return None
        term = terms.get(name)
        found.append(term.value if term is not None else expand(name))
    return found


def notes(query: NamedQuery, terms: dict, rows: list[dict]) -> list[str]:
    """One line per list the answer stands on that is known to be short, or that no status
    source counts; nothing for a complete list."""
    if not query.coverage:
        return []
    wanted = frameworks_of(query, terms)
    if wanted is None:
        short = [r for r in rows if r["share"] is not None and r["share"] < 1]
        if not short:
            return []
        names = ", ".join(sorted({f"{r['label']} ({r['kind']})" for r in short}))
        return [
            f"note: this answer covers every list; {len(short)} of {len(rows)} counted lists are "
            f"incomplete ({names}); run 'spacecoop coverage' for the figures"
        ]
    lines = []
    for framework in wanted:
        counted = [r for r in rows if r["framework"] == framework]
        if not counted:
            lines.append(
                f"note: no status source counts the list of {framework.rsplit('/', 1)[-1]}: "
                "how complete it is is unknown"
            )
        for row in counted:
            if row["share"] is not None and row["share"] < 1:
                lines.append(
                    f"note: the list of {row['label']} ({row['kind']}) is incomplete: "
                    f"{row['recorded']} of {row['expected']} recorded "
                    f"({row['share'] * 100:.0f}%), as counted on {row['as_of']} by {row['source']}"
                )
    return lines


def bilateral_note(codes: list[str]) -> str:
    """The caveat beside every centrality table: which states have bilateral ties recorded."""
    return (
        f"note: bilateral ties (dialogues, agreements, capacity building) are recorded for "
        f"{len(codes)} states only ({' '.join(codes)}); centrality ranks what is recorded, not "
        "the world"
    )


def _labels(store: ox.Store, frameworks: set[str]) -> dict[str, dict[str, str]]:
    """Each framework's labels by language (the query gives them in one language only)."""
    label = ox.NamedNode(RDFS_LABEL)
    found: dict[str, dict[str, str]] = {}
    for framework in frameworks:
        texts = found.setdefault(framework, {})
        for quad in store.quads_for_pattern(ox.NamedNode(framework), label, None):
            if quad.object.language and quad.object.language not in texts:
                texts[quad.object.language] = quad.object.value
    return found


def _run(store: ox.Store, lang: str):
    query = get_query("coverage")
    return run(store, query, bind(query, {}, lang))
