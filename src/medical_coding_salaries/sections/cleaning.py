"""The cleaning section: what cleaning found, and the raw and cleaned rows as the reader sees them."""

from __future__ import annotations

import pandas as pd

from medical_coding_salaries.parameters import Parameters
from medical_coding_salaries.present.numbers import money
from medical_coding_salaries.present.show import Prose


def describe_cleaning(salaries: pd.DataFrame, parameters: Parameters) -> Prose:
    """A paragraph, from the data, on what cleaning found."""
    ranges = salaries[salaries["is_range"]]
    open_tops = salaries[salaries["open_top"]]
    counts = salaries["statistic"].value_counts()
    tables = salaries["table_id"].nunique()
    return Prose(
        f"The {tables} tables and prose figures hold {len(salaries)} figures; {len(ranges)} are ranges, "
        f"{len(open_tops)} of them open-topped ({', '.join(open_tops['raw_amount'])}). "
        f"Each range becomes one number by its **{parameters.range_point}**"
        + (
            f", with an open top raised by a factor of {parameters.open_top_factor:g}"
            if parameters.open_top_factor != 1
            else ", an open top taken at its stated ceiling"
        )
        + ". By the article's own wording, "
        + ", ".join(
            f"{count} are {statistic}s" if statistic != "unstated" else f"{count} are not said"
            for statistic, count in counts.items()
        )
        + "."
    )


def parsed_view(salaries: pd.DataFrame) -> pd.DataFrame:
    """Raw label and amount beside their parsed values, for the reader."""
    view = salaries[["record_id", "raw_label", "raw_amount", "dimension", "category", "statistic"]].copy()
    for column in ("low", "high", "point"):
        view[column] = money(salaries[column])
    view["open top"] = salaries["open_top"].map({True: "yes", False: ""})
    return view.rename(
        columns={"record_id": "record", "raw_label": "label as printed", "raw_amount": "amount as printed"}
    )


def appendix_view(salaries: pd.DataFrame) -> pd.DataFrame:
    """The cleaned table's reader-facing columns, for the appendix."""
    view = salaries[["record_id", "dimension", "label", "statistic"]].copy()
    view["period"] = salaries["reference_period"].fillna("–")
    for column in ("low", "high", "point"):
        view[column] = money(salaries[column])
    view["open top"] = salaries["open_top"].map({True: "yes", False: ""})
    return view.rename(columns={"record_id": "record"})
