"""The chart of official wage percentiles per year, in current and in constant dollars."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from medical_coding_salaries.present.charts.common import DOLLARS, palette


def _bands(ax: Axes, frame: pd.DataFrame, column: str, broader_years: list[int], colour: str) -> None:
    """One year per x position: a thin p10-p90 bar, a wide p25-p75 bar and a median tick."""
    wide = frame.pivot(index="year", columns="percentile", values=column)
    years = wide.index.to_numpy()
    alphas = np.where(np.isin(years, broader_years), 0.35, 1.0)
    for year, alpha in zip(years, alphas, strict=True):
        row = wide.loc[year]
        ax.vlines(year, row[10], row[90], color=colour, linewidth=4, alpha=0.35 * alpha)
        ax.vlines(year, row[25], row[75], color=colour, linewidth=14, alpha=0.8 * alpha)
        ax.hlines(row[50], year - 0.22, year + 0.22, color="black", linewidth=1.6)
    ax.set_xticks(years, [f"{year}*" if year in broader_years else str(year) for year in years])
    ax.yaxis.set_major_formatter(DOLLARS)
    ax.grid(axis="y")
    ax.grid(axis="x", visible=False)


def official_bands_chart(trend: pd.DataFrame, dollar_year: int, broader_years: list[int]) -> Figure:
    """Official percentile bands per year, nominal and in `dollar_year` dollars (two panels, shared scale).

    `trend` is inflation.official_trend(...); years in `broader_years` (the broader 29-2098 group) are drawn faded.
    """
    colours = palette()
    fig = Figure(figsize=(6.5, 3.4), layout="constrained")
    nominal, constant = fig.subplots(1, 2, sharey=True)
    _bands(nominal, trend, "nominal", broader_years, colours[0])
    _bands(constant, trend, "constant", broader_years, colours[2])
    nominal.set_title("Current dollars", loc="left")
    constant.set_title(f"Constant {dollar_year} dollars (CPI-U)", loc="left")
    nominal.set_ylabel("Annual wage (USD)")
    for ax in (nominal, constant):
        ax.set_xlabel("May of year (OEWS)")
    return fig  # what the bars and the starred years mean is said in the caption (official.trend_chart_caption)
