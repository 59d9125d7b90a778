"""Malformed raw data stops cleaning with a message that names the file and the row."""

from pathlib import Path

import pytest

from medical_coding_salaries.clean import clean_salaries
from medical_coding_salaries.errors import RawDataError


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


CORRUPTIONS = [
    ("amount that does not parse", "03_cities.csv", '"$48,000"', '"48 thousand"', r"03_cities\.csv, row 3: amount '48 thousand' is not a dollar figure"),
    ("low above high", "01_experience_levels_a.csv", "$42,000 – $55,000", "$62,000 – $55,000", r"01_experience_levels_a\.csv, row 2: low 62,000 is above high 55,000"),
    ("zero amount", "04_credentials_median.csv", '"$60,000"', '"$0"', r"04_credentials_median\.csv, row 2: amount '\$0' must be positive"),
    ("unknown level", "02_experience_levels_b.csv", "Senior-Level", "Principal-Level", r"02_experience_levels_b\.csv, row 4: unknown experience level 'Principal-Level'"),
    ("unknown city", "03_cities.csv", "Chicago, IL", "Boston, MA", r"03_cities\.csv, row 3: unknown city 'Boston, MA'"),
    ("duplicated row", "03_cities.csv", '"Houston, TX"', '"Chicago, IL"', r"03_cities\.csv, row 4: duplicates row 3"),
    ("missing amount", "06_job_titles_median.csv", 'Medical Records Coder,"$45,858"', "Medical Records Coder,", r"06_job_titles_median\.csv, row 3: expected a label and an amount"),
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
    assert "03_cities.csv, row 3" in str(raised.value)
    assert "05_bls_percentiles.csv, row 5" in str(raised.value)


def test_missing_table_file(data_copy: Path) -> None:
    (data_copy / "raw" / "04_credentials_median.csv").unlink()
    with pytest.raises(RawDataError, match=r"04_credentials_median\.csv: raw table file is missing"):
        clean_salaries(raw_dir=data_copy / "raw")


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
