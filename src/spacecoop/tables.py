"""Format rows of plain values as a text table, CSV, JSON or Markdown for the command line."""

from __future__ import annotations

import csv
import io
import json
import unicodedata

FORMATS = ("table", "csv", "json", "markdown")


def format_rows(columns: list[str], rows: list[tuple], fmt: str = "table") -> str:
    """Render rows; ``None`` is shown as an empty cell (``null`` in JSON)."""
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(["" if v is None else v for v in row] for row in rows)
        return buffer.getvalue()
    if fmt == "json":
        records = [dict(zip(columns, row, strict=True)) for row in rows]
        return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    cells = [[_cell(v) for v in row] for row in rows]
    if fmt == "markdown":
        lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
        lines += ["| " + " | ".join(c.replace("|", "\\|") for c in row) + " |" for row in cells]
        return "\n".join(lines) + "\n"
    widths = [
        max([_width(name)] + [_width(row[i]) for row in cells]) for i, name in enumerate(columns)
    ]
    lines = [_line(columns, widths), _line(["-" * w for w in widths], widths)]
    lines += [_line(row, widths) for row in cells]
    return "\n".join(line.rstrip() for line in lines) + "\n"


def _cell(value) -> str:
    text = "" if value is None else str(value)
    return " ".join(text.split())


def _width(text: str) -> int:
    """Display width: East Asian wide characters take two columns in a terminal."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _line(cells: list[str], widths: list[int]) -> str:
    return "  ".join(c + " " * (w - _width(c)) for c, w in zip(cells, widths, strict=True))
