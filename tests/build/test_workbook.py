"""The workbook: a sheet per numbered table and a Findings sheet; numbers stored as numbers with formats.

Read back with zipfile and the standard library's XML parser (an .xlsx is a zip of XML parts)."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
RELS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
WORKBOOK = "medical-coding-salaries.xlsx"


def sheets(path: Path) -> dict[str, ElementTree.Element]:
    """Each sheet's XML by sheet name."""
    with zipfile.ZipFile(path) as book:
        names = ElementTree.fromstring(book.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(book.read("xl/_rels/workbook.xml.rels"))
        targets = {rel.get("Id"): rel.get("Target") for rel in rels}
        return {
            sheet.get("name"): ElementTree.fromstring(book.read("xl/" + targets[sheet.get(RELS)]))
            for sheet in names.find("m:sheets", NS)
        }


def shared_strings(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as book:
        root = ElementTree.fromstring(book.read("xl/sharedStrings.xml"))
    return ["".join(text.text or "" for text in item.iter(f"{{{NS['m']}}}t")) for item in root.findall("m:si", NS)]


def cell(sheet: ElementTree.Element, reference: str) -> ElementTree.Element:
    return next(c for c in sheet.iter(f"{{{NS['m']}}}c") if c.get("r") == reference)


def number_format(path: Path, style: int) -> str:
    """The number format code of a cell style index."""
    with zipfile.ZipFile(path) as book:
        root = ElementTree.fromstring(book.read("xl/styles.xml"))
    format_id = root.find("m:cellXfs", NS)[style].get("numFmtId")
    codes = {item.get("numFmtId"): item.get("formatCode") for item in root.find("m:numFmts", NS)}
    return codes[format_id]


def test_one_sheet_per_numbered_table_then_findings(built: Path) -> None:
    page = (built / "medical-coding-salaries.html").read_text(encoding="utf-8")
    tables = len(re.findall(r'<figure class="captioned table"', page))
    names = list(sheets(built / WORKBOOK))
    assert names == [f"Table {number}" for number in range(1, tables + 1)] + ["Findings"]


def test_caption_first_then_a_dollar_cell_stored_as_a_number(built: Path) -> None:
    path = built / WORKBOOK
    strings = shared_strings(path)
    book = sheets(path)
    # The pay band's grid: its caption in A1, its headings in row 2, the national mid-level point in B4.
    number = next(
        name
        for name, sheet in book.items()
        if name != "Findings" and strings[int(cell(sheet, "A1").find("m:v", NS).text)].startswith(f"{name}. Point of")
    )
    point = cell(book[number], "B4")
    assert point.get("t") is None  # a number, not a string
    document = json.loads((built / "findings.json").read_text(encoding="utf-8"))
    found = {finding["id"]: finding for finding in document["findings"]}
    assert float(point.find("m:v", NS).text) == found["pay_band.point.usd"]["value"]
    assert number_format(path, int(point.get("s"))) == "$#,##0"


def test_findings_sheet_has_every_finding_with_percent_as_a_fraction(built: Path) -> None:
    path = built / WORKBOOK
    strings = shared_strings(path)
    sheet = sheets(path)["Findings"]
    document = json.loads((built / "findings.json").read_text(encoding="utf-8"))
    ids = [strings[int(cell(sheet, f"A{row}").find("m:v", NS).text)] for row in range(2, len(document["findings"]) + 2)]
    assert ids == [finding["id"] for finding in document["findings"]]
    row = ids.index("city.top_vs_bottom.pct") + 2
    value = cell(sheet, f"B{row}")
    assert float(value.find("m:v", NS).text) == 0.222
    assert number_format(path, int(value.get("s"))) == "0.0%"
    assert float(cell(sheet, f"H{row}").find("m:v", NS).text) == 18


def test_document_and_zip_dates_are_fixed(built: Path) -> None:
    with zipfile.ZipFile(built / WORKBOOK) as book:
        core = book.read("docProps/core.xml").decode("utf-8")
        assert {info.date_time for info in book.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert '<dcterms:created xsi:type="dcterms:W3CDTF">2026-01-01T00:00:00Z</dcterms:created>' in core
