"""Malformed raw data stops cleaning with a message that names the file and the row."""

from pathlib import Path

import pytest

from medical_coding_salaries.clean.salaries import clean_salaries, processed_csv
from medical_coding_salaries.errors import RawDataError
from medical_coding_salaries.ingest.raw import check_raw_folder


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


CORRUPTIONS = [
    (
        "amount that does not parse",
        "03_cities.csv",
        '"$48,000"',
        '"48 thousand"',
        r"03_cities\.csv, row 3: amount '48 thousand' is not a dollar figure",
    ),
    (
        "low above high",
        "01_experience_levels_a.csv",
        "$42,000 – $55,000",
        "$62,000 – $55,000",
        r"01_experience_levels_a\.csv, row 2: low 62,000 is above high 55,000",
    ),
    (
        "zero amount",
        "04_credentials_median.csv",
        '"$60,000"',
        '"$0"',
        r"04_credentials_median\.csv, row 2: amount '\$0' must be positive",
    ),
    (
        "unknown level",
        "02_experience_levels_b.csv",
        "Senior-Level",
        "Principal-Level",
        r"02_experience_levels_b\.csv, row 4: unknown experience level 'Principal-Level'",
    ),
    ("unknown city", "03_cities.csv", "Chicago, IL", "Boston, MA", r"03_cities\.csv, row 3: unknown city 'Boston, MA'"),
    ("duplicated row", "03_cities.csv", '"Houston, TX"', '"Chicago, IL"', r"03_cities\.csv, row 4: duplicates row 3"),
    (
        "missing amount",
        "06_job_titles_median.csv",
        'Medical Records Coder,"$45,858"',
        "Medical Records Coder,",
        r"06_job_titles_median\.csv, row 3: expected a label and an amount",
    ),
    (
        "implausible amount",
        "03_cities.csv",
        '"$48,000"',
        '"$9,999,999"',
        r"03_cities\.csv, row 3: amount '\$9,999,999' is outside the plausible range for a US annual salary "
        r"\(\$10,000 to \$500,000\)",
    ),
    (
        "hourly amount",
        "05_bls_percentiles.csv",
        '"$28,260"',
        '"$28"',
        r"05_bls_percentiles\.csv, row 1: amount '\$28' is outside the plausible range for a US annual salary",
    ),
    (
        "text after the years band",
        "02_experience_levels_b.csv",
        "Entry-Level (0-2 years)",
        "Entry-Level (0-2 years) xxxx",
        r"02_experience_levels_b\.csv, row 1: unknown experience level 'Entry-Level \(0-2 years\) xxxx'",
    ),
    (
        "emoji in a label",
        "03_cities.csv",
        '"Chicago, IL"',
        '"Chicago, IL \U0001f600"',
        r"03_cities\.csv, row 3: label 'Chicago, IL \U0001F600' has character U\+1F600 \(GRINNING FACE\), "
        r"which the report's fonts cannot draw",
    ),
    (
        "emoji in an amount",
        "03_cities.csv",
        '"$48,000"',
        '"$48,000 \U0001f4b0"',
        r"03_cities\.csv, row 3: amount '\$48,000 \U0001F4B0' has character U\+1F4B0 \(MONEY BAG\)",
    ),
    (
        "label too long",
        "06_job_titles_median.csv",
        "Medical Records Coder",
        "Medical Records Coder" + " and" * 20,
        r"06_job_titles_median\.csv, row 3: label 'Medical Records Coder and and…' is 101 characters long; "
        r"the limit is 80",
    ),
    (
        "blank line inside a table",
        "03_cities.csv",
        '"Chicago, IL"',
        '\n"Chicago, IL"',
        r"03_cities\.csv, row 3: blank line inside the table; remove it \(only blank lines at the end are ignored\)",
    ),
]


@pytest.mark.parametrize(("case", "file", "old", "new", "message"), CORRUPTIONS, ids=[case[0] for case in CORRUPTIONS])
def test_corrupted_row_is_named(data_copy: Path, case: str, file: str, old: str, new: str, message: str) -> None:
    replace_in(data_copy / "raw" / file, old, new)
    with pytest.raises(RawDataError, match=message):
        clean_salaries(raw_dir=data_copy / "raw")


def test_negative_amount_does_not_parse(data_copy: Path) -> None:
    replace_in(data_copy / "raw" / "03_cities.csv", '"$45,000"', '"-$45,000"')
    with pytest.raises(RawDataError, match=r"03_cities\.csv, row 4: amount '-\$45,000'"):
        clean_salaries(raw_dir=data_copy / "raw")


def test_all_problems_are_reported_at_once(data_copy: Path) -> None:
    replace_in(data_copy / "raw" / "03_cities.csv", '"$48,000"', '"n/a"')
    replace_in(data_copy / "raw" / "05_bls_percentiles.csv", "90th Percentile", "95th Percentile")
    with pytest.raises(RawDataError) as raised:
        clean_salaries(raw_dir=data_copy / "raw")
    lines = str(raised.value).splitlines()
    assert lines[0] == "raw data cannot be cleaned:"
    assert lines[1].startswith("  03_cities.csv, row 3") and lines[2].startswith("  05_bls_percentiles.csv, row 5")


def test_one_problem_is_one_line(data_copy: Path) -> None:
    replace_in(data_copy / "raw" / "03_cities.csv", '"$48,000"', '"n/a"')
    with pytest.raises(RawDataError) as raised:
        clean_salaries(raw_dir=data_copy / "raw")
    message = str(raised.value)
    assert "\n" not in message and message.startswith("raw data cannot be cleaned: 03_cities.csv, row 3")


def test_missing_table_file(data_copy: Path) -> None:
    (data_copy / "raw" / "04_credentials_median.csv").unlink()
    with pytest.raises(RawDataError) as raised:
        clean_salaries(raw_dir=data_copy / "raw")
    assert str(raised.value) == "manifest.csv, row 4: file 04_credentials_median.csv is missing from data/raw"


def test_a_file_the_manifest_does_not_list_is_refused(data_copy: Path) -> None:
    (data_copy / "raw" / "extra.csv").write_text("City,Average Salary\n", encoding="utf-8")
    with pytest.raises(RawDataError) as raised:
        clean_salaries(raw_dir=data_copy / "raw")
    assert str(raised.value) == "data/raw/extra.csv: not listed in manifest.csv; add it to the manifest or remove it"


def test_dotfiles_beside_the_tables_are_ignored(data_copy: Path) -> None:
    for name in (".gitkeep", ".DS_Store", ".~lock.03_cities.csv#"):
        (data_copy / "raw" / name).write_text("", encoding="utf-8")
    check_raw_folder(data_copy / "raw")


def test_every_mismatch_between_folder_and_manifest_is_listed_at_once(data_copy: Path) -> None:
    (data_copy / "raw" / "07_prose_figures.csv").unlink()  # listed on manifest rows 5 and 8: named once
    (data_copy / "raw" / "notes.txt").write_text("to do\n", encoding="utf-8")
    with pytest.raises(RawDataError) as raised:
        check_raw_folder(data_copy / "raw")
    assert str(raised.value).splitlines() == [
        "data/raw does not match manifest.csv:",
        "  manifest.csv, row 5: file 07_prose_figures.csv is missing from data/raw",
        "  data/raw/notes.txt: not listed in manifest.csv; add it to the manifest or remove it",
    ]


MANIFEST_CORRUPTIONS = [
    (
        "non-numeric line",
        ",2,43,",
        ",2,abc,",
        "manifest.csv, row 2, column article_line: 'abc' is not a positive whole number",
    ),
    ("zero order", ",2,43,", ",0,43,", "manifest.csv, row 2, column article_order: '0' is not a positive whole number"),
    (
        "decimal line",
        ",2,43,",
        ",2,43.0,",
        "manifest.csv, row 2, column article_line: '43.0' is not a positive whole number",
    ),
    (
        "non-numeric row",
        "T3,03_cities.csv,,",
        "T3,03_cities.csv,x,",
        "manifest.csv, row 3, column row: 'x' is neither empty (the whole table) nor a positive whole number",
    ),
    (
        "bad table id",
        "T1,01_",
        "Table1,01_",
        "manifest.csv, row 1, column table_id: 'Table1' is not T or P and one digit, such as T1 or P2",
    ),
    ("duplicate table id", "T6,06_", "T5,06_", "manifest.csv, row 7, column table_id: 'T5' is already the id of row 6"),
    (
        "not a csv file",
        "T3,03_cities.csv,",
        "T3,03_cities.xlsx,",
        "manifest.csv, row 3, column file: '03_cities.xlsx' is not the name of a .csv file in the raw folder",
    ),
    (
        "file outside the folder",
        "T3,03_cities.csv,",
        "T3,../03_cities.csv,",
        "manifest.csv, row 3, column file: '../03_cities.csv' is not the name of a .csv file in the raw folder",
    ),
    (
        "blank manifest row",
        "T3,03_cities.csv,",
        "\nT3,03_cities.csv,",
        "manifest.csv, row 3: blank line inside the table; remove it (only blank lines at the end are ignored)",
    ),
]


@pytest.mark.parametrize(
    ("case", "old", "new", "message"), MANIFEST_CORRUPTIONS, ids=[case[0] for case in MANIFEST_CORRUPTIONS]
)
def test_a_bad_manifest_field_is_named_by_row_and_column(
    data_copy: Path,
    case: str,
    old: str,
    new: str,
    message: str,
) -> None:
    replace_in(data_copy / "raw" / "manifest.csv", old, new)
    with pytest.raises(RawDataError) as raised:
        clean_salaries(raw_dir=data_copy / "raw")
    assert str(raised.value) == message


def test_trailing_blank_lines_are_accepted(data_copy: Path) -> None:
    for name in ("03_cities.csv", "manifest.csv"):
        path = data_copy / "raw" / name
        path.write_text(path.read_text(encoding="utf-8") + "\n\n  \n,\n", encoding="utf-8")
    assert processed_csv(clean_salaries(raw_dir=data_copy / "raw")) == processed_csv(clean_salaries())


def test_a_row_wrong_in_label_and_amount_names_both(data_copy: Path) -> None:
    replace_in(data_copy / "raw" / "03_cities.csv", '"Chicago, IL","$48,000"', '"Chicago, IL!","$48"')
    with pytest.raises(RawDataError) as raised:
        clean_salaries(raw_dir=data_copy / "raw")
    assert str(raised.value).splitlines()[1:] == [
        "  03_cities.csv, row 3: amount '$48' is outside the plausible range for a US annual salary "
        "($10,000 to $500,000)",
        "  03_cities.csv, row 3: unknown city 'Chicago, IL!': expected one of New York City, NY; Los Angeles, CA; "
        "Chicago, IL; Houston, TX",
    ]


def test_empty_table(data_copy: Path) -> None:
    (data_copy / "raw" / "03_cities.csv").write_text("City,Average Salary\n", encoding="utf-8")
    with pytest.raises(RawDataError, match=r"03_cities\.csv: the table is empty"):
        clean_salaries(raw_dir=data_copy / "raw")


def test_wrong_encoding(data_copy: Path) -> None:
    path = data_copy / "raw" / "01_experience_levels_a.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp1252"))
    with pytest.raises(RawDataError, match=r"01_experience_levels_a\.csv, row 1: not UTF-8 text"):
        clean_salaries(raw_dir=data_copy / "raw")


def test_unknown_statistic_in_manifest(data_copy: Path) -> None:
    replace_in(data_copy / "raw" / "manifest.csv", ",median,Median Annual Salaries,", ",modal,Median Annual Salaries,")
    with pytest.raises(RawDataError, match=r"manifest\.csv, row 4: statistic_stated 'modal'"):
        clean_salaries(raw_dir=data_copy / "raw")
