"""report/medical-coding-salaries.xlsx: every numbered table of the report on its own sheet ("Table 5"), caption
in the first row, numbers stored as numbers with number formats; and a "Findings" sheet with every finding.

Written with XlsxWriter (pure Python, writes only, no spreadsheet application): from the tables' structured
descriptions (present.description: each column's kind of number and each cell's number), never by parsing the
text. The document dates, and the dates of the zip entries, come from SOURCE_DATE_EPOCH, so two builds from the
same inputs and parameters give the same bytes.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import xlsxwriter

from medical_coding_salaries.present.description import MIMETYPE, NUMBER_FORMATS

if TYPE_CHECKING:
    # Not at run time: importing nbformat before the build has set aside rfc3987_syntax costs seconds.
    from nbformat import NotebookNode

# Findings' units as number formats (percent stored as a fraction, as in the tables).
UNIT_FORMATS = {
    "usd": "usd",
    "percent": "percent",
    "ratio": "ratio",
    "percentile": "percentile",
    "year": "percentile",
}
PERCENT_KINDS = ("percent", "signed_percent")
FINDINGS_COLUMNS = ("id", "value", "unit", "sentence", "sources", "sensitivity low", "sensitivity high", "runs")


def tables_of(merged: NotebookNode) -> list[dict[str, Any]]:
    """The descriptions of the report's tables, in the order the report numbers them (Table 1, Table 2, ...)."""
    return [
        output["data"][MIMETYPE]
        for cell in merged.cells
        for output in cell.get("outputs", [])
        if output.get("data", {}).get(MIMETYPE, {}).get("kind") == "table"
    ]


def stored(value: float, kind: str) -> float:
    """A shown number as the workbook stores it: a percent as a fraction (12.5 -> 0.125)."""
    return value / 100 if kind in PERCENT_KINDS else value


def workbook_bytes(tables: list[dict[str, Any]], document: dict[str, Any], epoch: int, title: str) -> bytes:
    """The workbook: one sheet per table, then "Findings"; dated by `epoch` (SOURCE_DATE_EPOCH)."""
    buffer = io.BytesIO()
    created = datetime.fromtimestamp(epoch, UTC).replace(tzinfo=None)
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    book.set_properties({"title": title, "created": created})
    bold = book.add_format({"bold": True})
    formats = {kind: book.add_format({"num_format": pattern}) for kind, pattern in NUMBER_FORMATS.items()}
    for number, table in enumerate(tables, start=1):
        sheet = book.add_worksheet(f"Table {number}")
        sheet.write_string(0, 0, f"Table {number}. {table['caption']}", bold)
        for column, name in enumerate(table["columns"]):
            sheet.write_string(1, column, name, bold)
        kinds = table.get("kinds") or [None] * len(table["columns"])
        values = table.get("values") or [[None] * len(table["columns"]) for _ in table["rows"]]
        for row, (texts, numbers) in enumerate(zip(table["rows"], values, strict=True), start=2):
            for column, (text, value, kind) in enumerate(zip(texts, numbers, kinds, strict=True)):
                if kind is not None and value is not None:
                    sheet.write_number(row, column, stored(value, kind), formats[kind])
                else:
                    sheet.write_string(row, column, text)
        sheet.set_column(0, len(table["columns"]) - 1, 18)
    sheet = book.add_worksheet("Findings")
    for column, name in enumerate(FINDINGS_COLUMNS):
        sheet.write_string(0, column, name, bold)
    for row, finding in enumerate(document["findings"], start=1):
        kind = UNIT_FORMATS[finding["unit"]]
        spread = finding.get("sensitivity", {})
        sheet.write_string(row, 0, finding["id"])
        sheet.write_number(row, 1, stored(finding["value"], kind), formats[kind])
        sheet.write_string(row, 2, finding["unit"])
        sheet.write_string(row, 3, finding["sentence"])
        sheet.write_string(row, 4, ", ".join(finding["sources"]))
        for column, end in ((5, "low"), (6, "high")):
            if end in spread:
                sheet.write_number(row, column, stored(spread[end], kind), formats[kind])
        if "runs" in spread:
            sheet.write_number(row, 7, spread["runs"])
    sheet.set_column(0, 0, 44)
    sheet.set_column(3, 3, 80)
    book.close()
    return buffer.getvalue()
