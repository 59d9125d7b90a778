"""data/raw holds the article's tables and prose figures verbatim, and nothing of its prose."""

import csv

import pytest

from medical_coding_salaries.clean.labels import DRAWABLE_CHARACTERS, MAX_LABEL_LENGTH
from medical_coding_salaries.ingest.raw import check_raw_folder, read_manifest
from medical_coding_salaries.paths import RAW

from conftest import SEED

needs_seed = pytest.mark.skipif(not SEED.is_file(), reason="the source article is not beside this checkout")


def table_lines(name: str) -> list[list[str]]:
    with open(RAW / name, encoding="utf-8", newline="") as file:
        return list(csv.reader(file))


def test_manifest_lists_six_tables_and_two_prose_figures_in_the_article_s_order() -> None:
    entries = read_manifest()
    assert [entry["table_id"] for entry in entries] == ["T1", "T2", "T3", "T4", "P1", "T5", "T6", "P2"]
    assert [int(entry["article_order"]) for entry in entries] == list(range(1, 9))
    lines = [int(entry["article_line"]) for entry in entries]
    assert lines == sorted(lines)
    stated = {entry["table_id"]: entry["statistic_stated"] for entry in entries}
    assert stated == {
        "T1": "average",
        "T2": "average",
        "T3": "average",
        "T4": "median",
        "T5": "percentile",
        "T6": "median",
        "P1": "median",
        "P2": "average",
    }


@needs_seed
def test_every_table_row_and_header_is_a_line_of_the_article_verbatim() -> None:
    article = SEED.read_text(encoding="utf-8").splitlines()
    for entry in read_manifest():
        if entry["table_id"].startswith("P"):
            continue
        header, *rows = table_lines(entry["file"])
        start = int(entry["article_line"])
        assert " ".join(header) == article[start - 1], entry["file"]
        for offset, row in enumerate(rows, start=1):
            assert " ".join(row) == article[start - 1 + offset], f"{entry['file']} row {offset}"
        if entry["caption"]:
            assert entry["caption"] in article[: start - 1], entry["caption"]


@needs_seed
def test_prose_figures_are_quoted_verbatim_on_their_line() -> None:
    article = SEED.read_text(encoding="utf-8").splitlines()
    _, *rows = table_lines("07_prose_figures.csv")
    entries = [entry for entry in read_manifest() if entry["table_id"].startswith("P")]
    for entry, (_, amount) in zip(entries, rows, strict=True):
        assert amount in article[int(entry["article_line"]) - 1]
    assert "May 2020" in article[int(entries[0]["article_line"]) - 1]


def test_dashes_are_kept_as_printed() -> None:
    assert table_lines("01_experience_levels_a.csv")[1] == ["Entry Level", "$34,000 \u2013 $42,000"]
    assert table_lines("02_experience_levels_b.csv")[3] == ["Experienced (5+ years)", "$55,000 - $70,000"]
    assert table_lines("02_experience_levels_b.csv")[4] == ["Senior-Level", "$70,000 \u2013 $90,000+"]


def test_no_prose_is_copied() -> None:
    for path in RAW.glob("*.csv"):
        for row in table_lines(path.name):
            assert all(len(cell) < 120 for cell in row), f"{path.name}: a cell reads like prose"


def test_the_raw_folder_holds_exactly_the_manifest_s_files() -> None:
    check_raw_folder(RAW)
    assert {entry["file"] for entry in read_manifest()} | {"manifest.csv"} == {
        path.name for path in RAW.iterdir() if not path.name.startswith(".")
    }


def test_every_label_and_amount_is_short_and_drawable() -> None:
    for entry in read_manifest():
        for row in table_lines(entry["file"])[1:]:
            assert all(len(cell) <= MAX_LABEL_LENGTH and set(cell) <= DRAWABLE_CHARACTERS for cell in row), row
