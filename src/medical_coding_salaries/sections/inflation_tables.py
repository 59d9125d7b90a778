"""The inflation section's reader tables: the article's figures restated, the official percentiles per year in
current and constant dollars, the figures on the latest official distribution, and the CPI-U used."""

from __future__ import annotations

import pandas as pd

from medical_coding_salaries.findings import computed_dollars
from medical_coding_salaries.present.numbers import derived_money, money, ordinal, usd, usd_range
from medical_coding_salaries.sections.inflation import cpi_frame


def restated_view(restated: pd.DataFrame, dollar_year: int) -> pd.DataFrame:
    """restated_figures for the reader."""
    return pd.DataFrame(
        {
            "Record": restated["record_id"],
            "Figure": restated["label"],
            "As published": money(restated["published"]),
            "Dollars of": [
                f"{year} ({basis})" for year, basis in zip(restated["year"], restated["year_basis"], strict=True)
            ],
            "CPI factor": restated["factor"].map("{:.4f}".format),
            f"In {dollar_year} dollars": derived_money(restated["restated"], restated["published"]),
        }
    )


def trend_view(trend: pd.DataFrame, dollar_year: int) -> pd.DataFrame:
    """official_trend, one row per year: median and percentile bands in current and in dollar_year dollars."""
    wide = trend.pivot(index=["year", "series_or_code"], columns="percentile", values=["nominal", "constant"])
    view = pd.DataFrame(
        {"May": wide.index.get_level_values("year"), "Code": wide.index.get_level_values("series_or_code")}
    )
    # Current dollars as the BLS publishes them; restated ones are computed (to the nearest $100 unless unchanged).
    restated = wide["constant"].combine(
        wide["nominal"], lambda constant, nominal: constant.combine(nominal, computed_dollars)
    )
    for name, values in (("current $", wide["nominal"]), (f"{dollar_year} $", restated)):
        view[f"Median, {name}"] = [usd(value) for value in values[50]]
        for low, high in ((25, 75), (10, 90)):
            view[f"{low}th–{high}th, {name}"] = [
                usd_range(bottom, top) for bottom, top in zip(values[low], values[high], strict=True)
            ]
    return view


def placed_view(placed: pd.DataFrame, latest: int) -> pd.DataFrame:
    """placed_on_latest for the reader."""
    return pd.DataFrame(
        {
            "Record": placed["record_id"],
            "Figure": placed["label"],
            "As published": money(placed["point"]),
            "Percentile, as published": placed["percentile"].map(ordinal),
            f"In {latest} dollars": derived_money(placed["restated"], placed["point"]),
            f"Percentile, in {latest} dollars": placed["restated_percentile"].map(ordinal),
            f"In {latest} dollars, against the 10th–90th": placed["restated_position"],
        }
    )


def cpi_view() -> pd.DataFrame:
    """The cpi package's values beside the shipped reference file."""
    frame = cpi_frame()
    return pd.DataFrame(
        {
            "Year": frame["year"],
            "Shipped file": frame["shipped"].map("{:.3f}".format),
            "cpi package": frame["cpi_package"].map("{:.3f}".format),
            "Months averaged": frame["months_averaged"],
            "Note": frame["note"].fillna(""),
        }
    )
