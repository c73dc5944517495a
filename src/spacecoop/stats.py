"""What is in a built graph, for the build summary and ``spacecoop stats``."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from .query import bind, get_query, run


def entity_counts(store: ox.Store, lang: str = "en") -> list[tuple[str, int]]:
    """(kind label, count) for each main kind, in a fixed order."""
    query = get_query("entity-counts")
    table = run(store, query, bind(query, {}, lang))
    return [(label or kind, int(count)) for kind, label, count in table.values()]


def summary_lines(built, counts: list[tuple[str, int]], written: list[Path]) -> list[str]:
    """The short report ``spacecoop build`` prints."""
    report = built.report
    lines = [f"triples: {len(built.store)} ({built.derived} derived)"]
    lines += [f"  {label}: {count}" for label, count in counts]
    verdict = "yes" if report.conforms else f"no ({len(report.rows)} result(s))"
    lines.append(f"conforms to the shapes: {verdict}")
    lines += [f"wrote {path}" for path in written]
    return lines
