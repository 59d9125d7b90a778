"""Read the article's raw tables and their manifest, strictly, naming the file and row of any problem."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from .errors import RawDataError
from .paths import MANIFEST, RAW

MANIFEST_COLUMNS = [
    "table_id", "file", "row", "dimension", "article_order", "article_line", "section_heading", "caption",
    "statistic_stated", "statistic_wording", "reference_period", "period_basis", "source_credited",
]
STATEMENTS = {"average", "median", "percentile", "unstated"}
DIMENSIONS = {"experience", "city", "role", "percentile", "national"}


@dataclass(frozen=True)
class RawRow:
    """One data row of a raw table; `row` counts data rows from 1 (the header is line 1 of the file)."""

    table_id: str
    file: str
    row: int
    label: str
    amount: str


def read_csv_strict(path: Path) -> list[list[str]]:
    """All lines of a UTF-8 CSV file; a missing, undecodable or empty file raises RawDataError."""
    if not path.is_file():
        raise RawDataError(f"{path.name}: raw table file is missing (looked for {path})")
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        line = error.object[: error.start].count(b"\n")  # 0 is the header, 1 the first data row
        where = "header" if line == 0 else f"row {line}"
        raise RawDataError(f"{path.name}, {where}: not UTF-8 text (byte {error.start} cannot be decoded); save the file as UTF-8") from error
    lines = [line for line in csv.reader(io.StringIO(text.removeprefix("\ufeff")))]
    if len(lines) < 2:
        raise RawDataError(f"{path.name}: the table is empty (a header and at least one row are needed)")
    return lines


def read_manifest(path: Path = MANIFEST) -> list[dict[str, str]]:
    """The manifest's entries, one per table (or per prose figure), checked for shape and allowed values."""
    header, *lines = read_csv_strict(path)
    if header != MANIFEST_COLUMNS:
        raise RawDataError(f"{path.name}: columns are {header}, expected {MANIFEST_COLUMNS}")
    entries = []
    for number, values in enumerate(lines, start=1):
        entry = dict(zip(MANIFEST_COLUMNS, values, strict=False))
        if len(values) != len(MANIFEST_COLUMNS):
            raise RawDataError(f"{path.name}, row {number}: {len(values)} fields, expected {len(MANIFEST_COLUMNS)}")
        if entry["statistic_stated"] not in STATEMENTS:
            raise RawDataError(f"{path.name}, row {number}: statistic_stated {entry['statistic_stated']!r} is not one of {sorted(STATEMENTS)}")
        if entry["dimension"] not in DIMENSIONS:
            raise RawDataError(f"{path.name}, row {number}: dimension {entry['dimension']!r} is not one of {sorted(DIMENSIONS)}")
        entries.append(entry)
    return entries


def read_table(entry: dict[str, str], raw_dir: Path = RAW) -> tuple[list[str], list[RawRow]]:
    """The column headers and the data rows a manifest entry points to."""
    path = raw_dir / entry["file"]
    header, *lines = read_csv_strict(path)
    rows, seen = [], {}
    for number, values in enumerate(lines, start=1):
        if entry["row"] and number != int(entry["row"]):
            continue
        where = f"{path.name}, row {number}"
        if len(values) != 2 or not all(value.strip() for value in values):
            raise RawDataError(f"{where}: expected a label and an amount, got {values}")
        if values[0] in seen:
            raise RawDataError(f"{where}: duplicates row {seen[values[0]]} (label {values[0]!r})")
        seen[values[0]] = number
        rows.append(RawRow(entry["table_id"], entry["file"], number, values[0], values[1]))
    if not rows:
        raise RawDataError(f"{path.name}: no data row {entry['row']} for {entry['table_id']}")
    return header, rows


def manifest_overview(path: Path = MANIFEST) -> "pd.DataFrame":
    """The manifest as a reader-facing table: what each table is, where it sits and what it says it measures."""
    import pandas as pd

    columns = {
        "table_id": "Id", "file": "File", "article_order": "Order", "article_line": "Line",
        "caption": "Caption", "statistic_stated": "Article says", "reference_period": "Period",
    }
    frame = pd.DataFrame(read_manifest(path))[list(columns)].rename(columns=columns)
    return frame.replace({"": "–"})
