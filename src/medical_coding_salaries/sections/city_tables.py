"""The city section's tables, formatted for the reader."""

from __future__ import annotations

import pandas as pd

from medical_coding_salaries.present.numbers import money, percent, signed_money
from medical_coding_salaries.present.show import sources_text
from medical_coding_salaries.sections.city import gaps, national_references, pairs, versus_national


def gaps_view(salaries: pd.DataFrame, city_baseline: str) -> pd.DataFrame:
    """Cities against the baseline, formatted."""
    frame = gaps(salaries, city_baseline)
    return pd.DataFrame(
        {
            "Rank": frame["rank"],
            "City": frame["city_name"] + ", " + frame["state"],
            "Average salary": money(frame["salary"]),
            f"Gap to {frame['baseline'].iloc[0]}": signed_money(frame["gap_usd"]),
            "Gap (%)": percent(frame["gap_pct"]),
            "Raw rows": frame["sources"].map(sources_text),
        }
    )


def versus_national_view(salaries: pd.DataFrame) -> pd.DataFrame:
    """Cities against the national figures, formatted."""
    frame = versus_national(salaries)
    return pd.DataFrame(
        {
            "City": frame["city_name"],
            "Average salary": money(frame["salary"]),
            "vs national median": signed_money(frame["vs_national_median_usd"]),
            "vs national median (%)": percent(frame["vs_national_median_pct"]),
            "vs range midpoint": signed_money(frame["vs_range_midpoint_usd"]),
            "vs range midpoint (%)": percent(frame["vs_range_midpoint_pct"]),
            "Position in national range": percent(frame["range_position_pct"], digits=0, signed=False),
            "Raw rows": frame["sources"].map(sources_text),
        }
    )


def pairs_view(salaries: pd.DataFrame) -> pd.DataFrame:
    """Every pair of cities, formatted."""
    frame = pairs(salaries)
    return pd.DataFrame(
        {
            "Higher": frame["higher"],
            "Lower": frame["lower"],
            "Gap": signed_money(frame["gap_usd"]),
            "Gap (% of lower)": percent(frame["gap_pct"]),
            "Raw rows": frame["sources"].map(sources_text),
        }
    )


def references_view(salaries: pd.DataFrame) -> pd.DataFrame:
    """The national figures the cities are set against, formatted."""
    frame = national_references(salaries)
    return pd.DataFrame(
        {
            "Reference": frame["label"],
            "Statistic (as the article says)": frame["statistic"],
            "Value": money(frame["value"]),
            "Raw row": frame["sources"].map(sources_text),
        }
    )
