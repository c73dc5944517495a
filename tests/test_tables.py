"""Tables for the terminal, spreadsheets and statistics packages."""

from __future__ import annotations

import csv
import io
import json

from conftest import required_examples
from openpyxl import load_workbook

from spacecoop.query import bind, canned_queries, run
from spacecoop.tables import HEADERS_JA, excel_csv, headers, render, xlsx

COLUMNS = ["iso3", "label", "count"]
ROWS = [("JPN", "日本", 3), ("USA", None, 12)]


def test_japanese_headers_for_every_format_but_json():
    assert headers(COLUMNS, "ja") == ["ISOコード", "名称", "件数"]
    assert render(COLUMNS, ROWS, "csv", "ja").splitlines()[0] == "ISOコード,名称,件数"
    assert render(COLUMNS, ROWS, "markdown", "ja").splitlines()[0] == "| ISOコード | 名称 | 件数 |"
    assert render(COLUMNS, ROWS, "table", "ja").splitlines()[0].split() == ["ISOコード", "名称", "件数"]
    assert list(json.loads(render(COLUMNS, ROWS, "json", "ja"))[0]) == COLUMNS  # keys stay names


def test_a_column_without_a_translation_keeps_its_name():
    assert headers(["label", "my_own_variable"], "ja") == ["名称", "my_own_variable"]
    assert headers(["label"], "en") == ["label"]


def test_every_column_of_every_canned_query_has_a_japanese_header(store):
    columns = set()
    for query in canned_queries().values():
        columns.update(run(store, query, bind(query, required_examples(query))).columns)
    assert sorted(columns - set(HEADERS_JA)) == []


def test_excel_csv_is_utf8_with_a_byte_order_mark_and_crlf():
    assert excel_csv(COLUMNS, ROWS) == "\ufeffiso3,label,count\r\nJPN,日本,3\r\nUSA,,12\r\n".encode()
    assert list(csv.reader(io.StringIO(excel_csv(COLUMNS, ROWS).decode("utf-8-sig")))) == [
        COLUMNS, ["JPN", "日本", "3"], ["USA", "", "12"]]


def test_xlsx_read_back_has_the_header_rows_numbers_and_empty_cells():
    sheet = load_workbook(io.BytesIO(xlsx(COLUMNS, ROWS))).active
    assert list(sheet.iter_rows(values_only=True)) == [("iso3", "label", "count"), ("JPN", "日本", 3), ("USA", None, 12)]
    assert sheet["A1"].font.bold and sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:C3"


def test_xlsx_never_turns_a_value_into_a_formula_or_chokes_on_control_characters():
    sheet = load_workbook(io.BytesIO(xlsx(["text"], [("=HYPERLINK(\"http://x\")",), ("a\x07b",)]))).active
    assert [(c.value, c.data_type) for (c,) in sheet.iter_rows(min_row=2)] == [('=HYPERLINK("http://x")', "s"), ("ab", "s")]
