"""The city section's tables, formatted for the reader."""

from __future__ import annotations

import pandas as pd

from medical_coding_salaries.present.numbers import lead_over_lowest, money, percent
from medical_coding_salaries.present.reader_tables import gap_columns, reader_table
from medical_coding_salaries.sections.city import above_lowest, gaps, national_references, pairs, versus_national


def gaps_view(salaries: pd.DataFrame, city_baseline: str) -> pd.DataFrame:
    """Cities against the baseline, formatted."""
    frame = gaps(salaries, city_baseline)
    city = frame["city_name"] + ", " + frame["state"]
    columns = {"Rank": frame["rank"], "City": city, "Average salary": money(frame["salary"])}
    columns |= {"Above the lowest city": lead_over_lowest(above_lowest(frame["salary"]))}
    return reader_table(frame, {**columns, **gap_columns(frame, (f"Gap to {frame['baseline'].iloc[0]}", "Gap (%)"))})


def versus_national_view(salaries: pd.DataFrame) -> pd.DataFrame:
    """Cities against the national figures, formatted."""
    frame = versus_national(salaries)
    columns = {"City": frame["city_name"], "Average salary": money(frame["salary"])}
    for reference in ("national median", "range midpoint"):
        gap = "vs_" + reference.replace(" ", "_")
        columns |= gap_columns(frame, (f"vs {reference}", f"vs {reference} (%)"), gap=gap)
    columns["Position in national range"] = percent(frame["range_position_pct"], digits=0, signed=False)
    return reader_table(frame, columns)


def pairs_view(salaries: pd.DataFrame) -> pd.DataFrame:
    """Every pair of cities, formatted."""
    frame = pairs(salaries)
    columns = {"Higher": frame["higher"], "Lower": frame["lower"]}
    return reader_table(frame, {**columns, **gap_columns(frame, ("Gap", "Gap (% of lower)"))})


def references_view(salaries: pd.DataFrame) -> pd.DataFrame:
    """The national figures the cities are set against, formatted."""
    frame = national_references(salaries)
    columns = {"Reference": frame["label"], "Statistic (as the article says)": frame["statistic"]}
    return reader_table(frame, {**columns, "Value": money(frame["value"])}, raw_rows="Raw row")
