"""Read the article's raw tables and their manifest, strictly, naming the file and row of any problem."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from medical_coding_salaries.errors import RawDataError
from medical_coding_salaries.paths import MANIFEST, RAW

if TYPE_CHECKING:
    import pandas as pd

MANIFEST_COLUMNS = [
    "table_id",
    "file",
    "row",
    "dimension",
    "article_order",
    "article_line",
    "section_heading",
    "caption",
    "statistic_stated",
    "statistic_wording",
    "reference_period",
    "period_basis",
    "source_credited",
]
STATEMENTS = {"average", "median", "percentile", "unstated"}
DIMENSIONS = {"experience", "city", "role", "percentile", "national"}
TABLE_ID = re.compile(r"[TP][0-9]")  # T1..T9 for tables, P1..P9 for figures quoted in the prose
WHOLE_NUMBER = re.compile(r"[1-9][0-9]*")  # ASCII digits only; int() would also take ' 3', '+3' and '٣'


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
        raise RawDataError(
            f"{path.name}, {where}: not UTF-8 text (byte {error.start} cannot be decoded); save the file as UTF-8"
        ) from error
    lines = [line for line in csv.reader(io.StringIO(text.removeprefix("\ufeff")))]
    while lines and is_blank(lines[-1]):
        lines.pop()  # editors and spreadsheets leave blank lines at the end; they hold nothing
    if len(lines) < 2:
        raise RawDataError(f"{path.name}: the table is empty (a header and at least one row are needed)")
    return lines


def is_blank(values: list[str]) -> bool:
    """A CSV line with nothing in it: an empty line, or only spaces and commas."""
    return not "".join(values).strip()


def blank_line(where: str) -> RawDataError:
    return RawDataError(f"{where}: blank line inside the table; remove it (only blank lines at the end are ignored)")


def read_manifest(path: Path = MANIFEST) -> list[dict[str, str]]:
    """The manifest's entries, one per table (or per prose figure), checked for shape and allowed values."""
    header, *lines = read_csv_strict(path)
    if header != MANIFEST_COLUMNS:
        raise RawDataError(f"{path.name}: columns are {header}, expected {MANIFEST_COLUMNS}")
    entries: list[dict[str, str]] = []
    for number, values in enumerate(lines, start=1):
        if is_blank(values):
            raise blank_line(f"{path.name}, row {number}")
        entry = dict(zip(MANIFEST_COLUMNS, values, strict=False))
        if len(values) != len(MANIFEST_COLUMNS):
            raise RawDataError(f"{path.name}, row {number}: {len(values)} fields, expected {len(MANIFEST_COLUMNS)}")
        check_manifest_fields(entry, f"{path.name}, row {number}", entries)
        if entry["statistic_stated"] not in STATEMENTS:
            raise RawDataError(
                f"{path.name}, row {number}: statistic_stated {entry['statistic_stated']!r} is not one of "
                f"{sorted(STATEMENTS)}"
            )
        if entry["dimension"] not in DIMENSIONS:
            raise RawDataError(
                f"{path.name}, row {number}: dimension {entry['dimension']!r} is not one of {sorted(DIMENSIONS)}"
            )
        entries.append(entry)
    return entries


def check_manifest_fields(entry: dict[str, str], where: str, earlier: list[dict[str, str]]) -> None:
    """The typed fields of one manifest row; RawDataError naming the row and column of the first wrong one."""

    def refuse(column: str, problem: str) -> RawDataError:
        return RawDataError(f"{where}, column {column}: {entry[column]!r} {problem}")

    if not TABLE_ID.fullmatch(entry["table_id"]):
        raise refuse("table_id", "is not T or P and one digit, such as T1 or P2")
    for number, other in enumerate(earlier, start=1):
        if other["table_id"] == entry["table_id"]:
            raise refuse("table_id", f"is already the id of row {number}")
    # A bare name: the file must sit in data/raw itself, where the folder check looks for it.
    if not entry["file"].endswith(".csv") or "/" in entry["file"] or "\\" in entry["file"]:
        raise refuse("file", "is not the name of a .csv file in the raw folder")
    if entry["row"] and not WHOLE_NUMBER.fullmatch(entry["row"]):
        raise refuse("row", "is neither empty (the whole table) nor a positive whole number")
    for column in ("article_order", "article_line"):
        if not WHOLE_NUMBER.fullmatch(entry[column]):
            raise refuse(column, "is not a positive whole number")


def check_raw_folder(raw_dir: Path = RAW) -> None:
    """The raw folder holds exactly the files the manifest names: none missing, none unlisted (dotfiles aside).

    A stray file would be hashed into the report's appendix as an input although nothing reads it; a missing
    one is named here by the manifest row that needs it."""
    manifest = raw_dir / MANIFEST.name
    entries = read_manifest(manifest)
    folder = f"{raw_dir.parent.name}/{raw_dir.name}"
    problems, named = [], set()
    for number, entry in enumerate(entries, start=1):
        if entry["file"] not in named and not (raw_dir / entry["file"]).is_file():
            problems.append(f"{manifest.name}, row {number}: file {entry['file']} is missing from {folder}")
        named.add(entry["file"])
    for path in sorted(raw_dir.iterdir()):
        if path.is_file() and not path.name.startswith(".") and path.name not in named | {manifest.name}:
            problems.append(f"{folder}/{path.name}: not listed in {manifest.name}; add it to the manifest or remove it")
    if len(problems) == 1:
        raise RawDataError(problems[0])
    if problems:
        raise RawDataError(f"{folder} does not match {manifest.name}:\n  " + "\n  ".join(problems))


def read_table(entry: dict[str, str], raw_dir: Path = RAW) -> tuple[list[str], list[RawRow]]:
    """The column headers and the data rows a manifest entry points to."""
    path = raw_dir / entry["file"]
    header, *lines = read_csv_strict(path)
    rows, seen = [], {}
    for number, values in enumerate(lines, start=1):
        if entry["row"] and number != int(entry["row"]):
            continue
        where = f"{path.name}, row {number}"
        if is_blank(values):
            raise blank_line(where)
        if len(values) != 2 or not all(value.strip() for value in values):
            raise RawDataError(f"{where}: expected a label and an amount, got {values}")
        if values[0] in seen:
            raise RawDataError(f"{where}: duplicates row {seen[values[0]]} (label {values[0]!r})")
        seen[values[0]] = number
        rows.append(RawRow(entry["table_id"], entry["file"], number, values[0], values[1]))
    if not rows:
        raise RawDataError(f"{path.name}: no data row {entry['row']} for {entry['table_id']}")
    return header, rows


def manifest_overview(path: Path = MANIFEST) -> pd.DataFrame:
    """The manifest as a reader-facing table: what each table is, where it sits and what it says it measures."""
    import pandas as pd

    columns = {
        "table_id": "Id",
        "file": "File",
        "article_order": "Order",
        "article_line": "Line",
        "caption": "Caption",
        "statistic_stated": "Article says",
        "reference_period": "Period",
    }
    frame = pd.DataFrame(read_manifest(path))[list(columns)].rename(columns=columns)
    return frame.replace({"": "–"})
