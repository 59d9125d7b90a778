"""The declared schema of the cleaned salary table (pandera), checked strictly and lazily."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from medical_coding_salaries.clean.labels import PERCENTILES
from medical_coding_salaries.errors import RawDataError

STATISTICS = ("mean", "median", "percentile", "unstated")
DIMENSIONS = ("experience", "city", "credential", "job_title", "percentile", "national")

SALARIES = pa.DataFrameSchema(
    {
        "record_id": pa.Column(str, unique=True, description="Table id and data row, e.g. T2.4"),
        "table_id": pa.Column(
            str, pa.Check.str_matches(r"^[TP]\d$"), description="Raw table (T1-T6) or prose figure (P1-P2)"
        ),
        "source_file": pa.Column(str, pa.Check.str_endswith(".csv"), description="File under data/raw/"),
        "source_row": pa.Column(
            int, pa.Check.ge(1), description="Data row in that file, counted from 1 below the header"
        ),
        "raw_label": pa.Column(str, description="Row label exactly as printed"),
        "raw_amount": pa.Column(str, description="Amount exactly as printed"),
        "dimension": pa.Column(str, pa.Check.isin(DIMENSIONS), description="What the row describes"),
        "category": pa.Column(str, description="Normalized key within the dimension (entry, new_york, CPC, p50, ...)"),
        "label": pa.Column(str, description="Display label"),
        "years_min": pa.Column(
            float, pa.Check.ge(0), nullable=True, description="Lower end of the experience band, years"
        ),
        "years_max": pa.Column(
            float, pa.Check.ge(0), nullable=True, description="Upper end of the experience band, years (empty: open)"
        ),
        "state": pa.Column(str, pa.Check.str_matches(r"^[A-Z]{2}$"), nullable=True, description="US state of a city"),
        "credential": pa.Column(str, pa.Check.isin(["CPC", "CCS"]), nullable=True, description="Credential code"),
        "percentile": pa.Column(
            "Int64",
            pa.Check.isin(list(PERCENTILES)),
            nullable=True,
            description="Percentile of the national distribution",
        ),
        "statistic": pa.Column(str, pa.Check.isin(STATISTICS), description="What the figure is, as the article states"),
        "reference_period": pa.Column(str, nullable=True, description="Reference period, where the article gives one"),
        "low": pa.Column(float, pa.Check.gt(0), description="Low end of the amount, USD a year"),
        "high": pa.Column(float, pa.Check.gt(0), description="High end (equals low for a single figure), USD a year"),
        "open_top": pa.Column(bool, description="True where the range has no stated ceiling ('$90,000+')"),
        "is_range": pa.Column(bool, description="True where the article gives a range rather than one figure"),
        "point": pa.Column(float, pa.Check.gt(0), description="One number for the row, by the range_point parameter"),
    },
    checks=[pa.Check(lambda frame: frame["low"] <= frame["high"], element_wise=False, error="low <= high")],
    strict=True,
    ordered=True,
    coerce=False,
)

COLUMNS = list(SALARIES.columns)


def validate_salaries(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame, checked against SALARIES; every failure is reported at once with its record id."""
    try:
        return SALARIES.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        cases = errors.failure_cases
        lines = []
        for case in cases.itertuples():
            index = case.index
            record = frame["record_id"].iloc[index] if isinstance(index, int) and index < len(frame) else "table"
            where = (
                frame.loc[frame["record_id"] == record, ["source_file", "source_row"]].values.tolist()
                if record != "table"
                else []
            )
            place = f"{where[0][0]}, row {where[0][1]}" if where else "cleaned table"
            lines.append(f"{place} ({record}): {case.column or ''} fails {case.check}: {case.failure_case!r}")
        raise RawDataError("cleaned salaries fail the schema:\n  " + "\n  ".join(lines)) from errors


def data_dictionary() -> pd.DataFrame:
    """Column, type, nullable and meaning of every column of data/processed/salaries.csv."""
    return pd.DataFrame(
        [(name, str(column.dtype), column.nullable, column.description) for name, column in SALARIES.columns.items()],
        columns=["column", "type", "nullable", "meaning"],
    )
