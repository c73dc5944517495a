"""Format rows of plain values as a text table, CSV, JSON or Markdown for the command line."""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata

FORMATS = ("table", "csv", "json", "markdown")
# CSV cells that a spreadsheet would read as a formula get a leading ' (the command line's
# --raw-csv turns this off for pipelines that read the cells as data).
SPREADSHEET_SAFE = True


def format_rows(columns: list[str], rows: list[tuple], fmt: str = "table") -> str:
    """Render rows; ``None`` is shown as an empty cell (``null`` in JSON)."""
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([_csv_cell(v) for v in row] for row in rows)
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
    text = "" if value is None else printable(str(value))
    return " ".join(text.split())


# --- cells that are safe where they end up ------------------------------------------------

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_CONTROL = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|[\x00-\x08\x0b-\x1f\x7f-\x9f]"
)


def _csv_cell(value):
    """A CSV cell: empty for None; with SPREADSHEET_SAFE, text that a spreadsheet would run
    as a formula (starting with = + - @, a tab or a carriage return) gets a leading ', as
    OWASP advises; numbers, and text that is only a number such as -5, are left alone."""
    if value is None:
        return ""
    if not SPREADSHEET_SAFE or isinstance(value, int | float):
        return value
    text = str(value)
    if text.startswith(_FORMULA_START) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def printable(text: str) -> str:
    """Text without terminal control characters (ESC sequences could move the cursor,
    rewrite the screen or set the window title); tabs and newlines are kept."""
    return _CONTROL.sub("", text)


def _width(text: str) -> int:
    """Display width: East Asian wide characters take two columns in a terminal."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _line(cells: list[str], widths: list[int]) -> str:
    return "  ".join(c + " " * (w - _width(c)) for c, w in zip(cells, widths, strict=True))
