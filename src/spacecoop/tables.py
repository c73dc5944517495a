"""Format rows of plain values for the command line, spreadsheets and statistics packages:
a text table, CSV, CSV for Excel, JSON, Markdown or an Excel workbook (.xlsx).

With ``lang="ja"`` the column headers are translated (``HEADERS_JA``) in every format but
JSON, whose keys stay the variable names programs read.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata

TEXT_FORMATS = ("table", "csv", "json", "markdown")
BINARY_FORMATS = ("csv-excel", "xlsx")
FORMATS = (*TEXT_FORMATS, *BINARY_FORMATS)
# Control characters an .xlsx cell cannot hold (openpyxl refuses them).
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
FORMAT_HELP = (
    "table (default), csv, json, markdown; csv-excel (UTF-8 with a byte-order mark and CRLF "
    "line ends, which Excel opens without garbling Japanese) or xlsx (an Excel workbook)"
)

# The column headers of the canned queries and the commands, in Japanese.
HEADERS_JA: dict[str, str] = {
    "action": "行為",
    "activity": "活動",
    "agreement": "協定",
    "as_of": "基準日",
    "attested": "確認日",
    "betweenness": "媒介中心性",
    "body": "機関",
    "boolean": "真偽",
    "capacity_building": "能力構築",
    "certain": "確実",
    "closeness": "近接中心性",
    "community": "コミュニティ",
    "computed": "算出値",
    "count": "件数",
    "counts": "数えるもの",
    "date": "日付",
    "dated": "日付の分かる件数",
    "dated_share": "日付の分かる割合",
    "definition": "定義",
    "degree": "次数",
    "dialogue": "対話",
    "difference": "差",
    "effort": "取組",
    "eigenvector": "固有ベクトル中心性",
    "end": "終了日",
    "event": "出来事",
    "events": "数えた出来事",
    "expected": "基準件数",
    "first": "初回",
    "fiscal_year": "年度",
    "fix": "直し方",
    "focus": "対象",
    "framework": "枠組み",
    "frameworks": "枠組み",
    "funder": "資金提供者",
    "fy": "年度",
    "goal": "目標",
    "id": "ID",
    "indicator": "指標",
    "instrument": "条約・取決め",
    "iri": "IRI",
    "iso3": "ISOコード",
    "iso3_1": "ISOコード1",
    "iso3_2": "ISOコード2",
    "joined": "参加",
    "k_core": "kコア",
    "kind": "種類",
    "kinds": "種類",
    "label": "名称",
    "latest": "最新",
    "leaves_out": "数えないもの",
    "link": "関係",
    "links": "関係の数",
    "list": "一覧",
    "meeting": "会合",
    "meetings": "会合数",
    "message": "内容",
    "name": "名前",
    "node": "ノード",
    "object": "目的語",
    "operator": "運用者",
    "organiser": "主催者",
    "parameters": "パラメータ",
    "parties": "参加者",
    "partner": "相手（IRI）",
    "partners": "相手",
    "path": "プロパティ",
    "place": "開催地",
    "predicate": "述語",
    "project": "事業",
    "publisher": "発行者",
    "recorded": "記録件数",
    "reference": "参照",
    "reported": "報告値",
    "role": "役割",
    "round": "回",
    "rule": "算定規則",
    "series": "シリーズ",
    "session": "会期",
    "share": "網羅率",
    "shared": "共有数",
    "shared_membership": "共通の加盟",
    "shared_party": "共通の締約",
    "shared_signature": "共通の署名",
    "signatories": "署名国数",
    "signed": "署名",
    "since": "開始日",
    "source": "出典",
    "start": "開始日",
    "subject": "主語",
    "system": "システム",
    "term": "用語",
    "text": "本文",
    "title": "題名",
    "total": "累計",
    "until": "終了日",
    "url": "URL",
    "via": "経由",
    "weight": "重み",
    "weighted_degree": "重み付き次数",
    "when": "時期",
    "where": "場所",
    "year": "年",
}


def headers(columns: list[str], lang: str = "en") -> list[str]:
    """The column headers shown for ``lang``: the names themselves in English, the Japanese
    of ``HEADERS_JA`` in Japanese (a name it does not know is shown as it is)."""
    if lang != "ja":
        return list(columns)
    return [HEADERS_JA.get(name, name) for name in columns]


def render(columns: list[str], rows: list[tuple], fmt: str = "table", lang: str = "en"):
    """Rows in ``fmt``: text (str) for the text formats, bytes for csv-excel and xlsx."""
    shown = columns if fmt == "json" else headers(columns, lang)
    if fmt == "csv-excel":
        return excel_csv(shown, rows)
    if fmt == "xlsx":
        return xlsx(shown, rows)
    return format_rows(shown, rows, fmt)


# CSV cells that a spreadsheet would read as a formula get a leading ' (the command line's
# --raw-csv turns this off for pipelines that read the cells as data).
SPREADSHEET_SAFE = True


def format_rows(columns: list[str], rows: list[tuple], fmt: str = "table") -> str:
    """Render rows; ``None`` is shown as an empty cell (``null`` in JSON)."""
    if fmt == "csv":
        return _csv_text(columns, rows, "\n")
    if fmt == "json":
        records = [dict(zip(columns, row, strict=True)) for row in rows]
        return json.dumps(records, ensure_ascii=False, indent=2, default=str) + "\n"
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


def excel_csv(columns: list[str], rows: list[tuple]) -> bytes:
    """CSV as Excel reads it without asking: UTF-8 with a byte-order mark, CRLF line ends.
    (Excel opens a CSV without the mark in the locale's code page: Shift_JIS in Japan.)"""
    return _csv_text(columns, rows, "\r\n").encode("utf-8-sig")


def xlsx(columns: list[str], rows: list[tuple]) -> bytes:
    """An Excel workbook of one sheet: a bold, frozen header row with filters, then the rows.
    Numbers stay numbers (``int``, ``float``), dates dates; text cells are never formulas."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import TYPE_STRING
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "spacecoop"
    sheet.append(list(columns))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_spreadsheet_value(value) for value in row])
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = TYPE_STRING  # a value, never a formula Excel would run
    sheet.freeze_panes = "A2"
    if rows:
        sheet.auto_filter.ref = sheet.dimensions
    for index, name in enumerate(columns, start=1):
        longest = max([_width(str(name))] + [_width(_cell(row[index - 1])) for row in rows])
        sheet.column_dimensions[sheet.cell(1, index).column_letter].width = min(longest + 2, 60)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _spreadsheet_value(value):
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    text = str(value)
    return _ILLEGAL.sub("", text)


def _csv_text(columns: list[str], rows: list[tuple], line_end: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=line_end)
    writer.writerow(columns)
    writer.writerows([_csv_cell(v) for v in row] for row in rows)
    return buffer.getvalue()


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
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _line(cells: list[str], widths: list[int]) -> str:
    return "  ".join(c + " " * (w - _width(c)) for c, w in zip(cells, widths, strict=True))
