"""Raw rows become numbers and categories, each linked to its raw file and row."""

import pandas as pd
import pytest

from medical_coding_salaries.clean.salaries import clean_salaries, parse_rows, processed_csv
from medical_coding_salaries.clean.schema import COLUMNS, data_dictionary

# Hand-read from the article: (record, dimension, category, low, high, open top, statistic).
EXPECTED = [
    ("T1.1", "experience", "entry", 34000, 42000, False, "mean"),
    ("T1.2", "experience", "mid", 42000, 55000, False, "mean"),
    ("T1.3", "experience", "experienced", 55000, 70000, False, "mean"),
    ("T2.1", "experience", "entry", 35000, 45000, False, "mean"),
    ("T2.2", "experience", "mid", 45000, 55000, False, "mean"),
    ("T2.3", "experience", "experienced", 55000, 70000, False, "mean"),
    ("T2.4", "experience", "senior", 70000, 90000, True, "mean"),
    ("T3.1", "city", "new_york", 55000, 55000, False, "mean"),
    ("T3.2", "city", "los_angeles", 50000, 50000, False, "mean"),
    ("T3.3", "city", "chicago", 48000, 48000, False, "mean"),
    ("T3.4", "city", "houston", 45000, 45000, False, "mean"),
    ("T4.1", "credential", "CPC", 50000, 50000, False, "median"),
    ("T4.2", "credential", "CCS", 60000, 60000, False, "median"),
    ("T4.3", "job_title", "coding_auditor", 70000, 70000, False, "median"),
    ("P1.1", "national", "bls_median", 44090, 44090, False, "median"),
    ("T5.1", "percentile", "p10", 28260, 28260, False, "percentile"),
    ("T5.2", "percentile", "p25", 34610, 34610, False, "percentile"),
    ("T5.3", "percentile", "p50", 44090, 44090, False, "percentile"),
    ("T5.4", "percentile", "p75", 56590, 56590, False, "percentile"),
    ("T5.5", "percentile", "p90", 76370, 76370, False, "percentile"),
    ("T6.1", "credential", "CPC", 51426, 51426, False, "median"),
    ("T6.2", "credential", "CCS", 63061, 63061, False, "median"),
    ("T6.3", "job_title", "medical_records_coder", 45858, 45858, False, "median"),
    ("P2.2", "national", "summary_range", 43000, 57000, False, "mean"),
]


def test_every_raw_figure_is_parsed_as_the_article_prints_it() -> None:
    salaries = clean_salaries()
    actual = list(
        salaries[["record_id", "dimension", "category", "low", "high", "open_top", "statistic"]].itertuples(
            index=False, name=None
        )
    )
    assert actual == EXPECTED


def test_rows_link_back_to_their_raw_file_and_row() -> None:
    salaries = clean_salaries().set_index("record_id")
    assert salaries.loc["T2.4", ["source_file", "source_row", "raw_label", "raw_amount"]].tolist() == [
        "02_experience_levels_b.csv",
        4,
        "Senior-Level",
        "$70,000 \u2013 $90,000+",
    ]
    assert salaries.loc["P2.2", "source_file"] == "07_prose_figures.csv"


def test_reference_periods_only_where_the_article_gives_one() -> None:
    salaries = clean_salaries()
    dated = salaries.dropna(subset=["reference_period"])
    assert set(dated["record_id"]) == {"T5.1", "T5.2", "T5.3", "T5.4", "T5.5", "P1.1"}
    assert set(dated["reference_period"]) == {"May 2020"}


@pytest.mark.parametrize(
    ("rule", "factor", "entry_point", "senior_point"),
    [
        ("low", 1.0, 35000, 70000),
        ("midpoint", 1.0, 40000, 80000),
        ("high", 1.0, 45000, 90000),
        ("midpoint", 1.5, 40000, 102500),
    ],
)
def test_point_value_follows_the_parameters(rule: str, factor: float, entry_point: float, senior_point: float) -> None:
    salaries = clean_salaries(rule, factor).set_index("record_id")
    assert salaries.loc["T2.1", "point"] == entry_point
    assert salaries.loc["T2.4", "point"] == senior_point
    assert salaries.loc["T3.1", "point"] == 55000  # a single figure is its own point whatever the rule


def test_processed_csv_has_the_documented_columns_and_stable_bytes() -> None:
    salaries = clean_salaries()
    first, second = processed_csv(salaries), processed_csv(clean_salaries())
    assert first == second
    assert first.decode().splitlines()[0].split(",") == COLUMNS
    assert data_dictionary()["column"].tolist() == COLUMNS
    assert data_dictionary()["meaning"].str.len().min() > 5


def test_parse_rows_counts() -> None:
    frame = parse_rows()
    assert isinstance(frame, pd.DataFrame)
    assert frame.groupby("table_id").size().to_dict() == {
        "P1": 1,
        "P2": 1,
        "T1": 3,
        "T2": 4,
        "T3": 4,
        "T4": 3,
        "T5": 5,
        "T6": 3,
    }
