"""The evaluation sheet's indicators per fiscal year, reported beside computed from events."""

from __future__ import annotations

from collections import defaultdict

import pyoxigraph as ox

from .views import view_rows


def indicators(store: ox.Store) -> list[dict]:
    """The sheet's reference indicators per fiscal year: reported beside computed, with the
    events each computed number counts (by the counting rule the indicator names)."""
    reported = view_rows(store, "indicators-reported")
    counted: dict[tuple[str, int], list[tuple[str, str]]] = defaultdict(list)
    rules = {rule for _, _, _, rule, _ in reported}
    for rule in sorted(rules):
        for fiscal_year, meeting, label, day in view_rows(store, rule):
            counted[(rule, int(fiscal_year))].append((day, label or meeting))
    rows = []
    for indicator, fiscal_year, value, rule, label in reported:
        events = sorted(counted.get((rule, int(fiscal_year)), []))
        rows.append(
            {
                "indicator": indicator,
                "fiscal_year": int(fiscal_year),
                "reported": int(value),
                "computed": len(events),
                "difference": len(events) - int(value),
                "rule": rule,
                "label": label,
                "events": [f"{day} {name}" for day, name in events],
            }
        )
    return rows
