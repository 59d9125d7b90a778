"""Columns that recur in the sections' tables for readers: a band, a gap, two tables side by side, the raw rows."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from medical_coding_salaries.present.numbers import money, percent, signed_money
from medical_coding_salaries.present.show import sources_text


def reader_table(frame: pd.DataFrame, columns: Mapping[str, object], raw_rows: str = "Raw rows") -> pd.DataFrame:
    """`columns` in order, then the raw rows behind each line (`frame`'s sources) under `raw_rows`."""
    return pd.DataFrame({**columns, raw_rows: frame["sources"].map(sources_text)})


def gap_columns(frame: pd.DataFrame, labels: tuple[str, str], gap: str = "gap") -> dict[str, pd.Series]:
    """A gap in signed dollars and in percent (`frame`'s `{gap}_usd` and `{gap}_pct`), under the two labels."""
    return {labels[0]: signed_money(frame[f"{gap}_usd"]), labels[1]: percent(frame[f"{gap}_pct"])}


def band_columns(frame: pd.DataFrame) -> dict[str, pd.Series]:
    """Low, high (with '+' on an open top) and the point value of each band."""
    return {
        "Low": money(frame["low"]),
        "High": money(frame["high"]) + frame["open_top"].map({True: "+", False: ""}),
        "Point value": money(frame["point"]),
    }


def two_tables_columns(frame: pd.DataFrame, first: str, second: str) -> dict[str, pd.Series]:
    """One figure as two tables give it (columns named by the tables' ids in lower case), and the difference."""
    return {
        first: money(frame[first.lower()]),
        second: money(frame[second.lower()]),
        **gap_columns(frame, (f"{second} − {first}", f"% of {first}"), gap="difference"),
    }
