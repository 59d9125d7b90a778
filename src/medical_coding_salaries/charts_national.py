"""Charts of the national picture, built on Figure objects from tables the analysis modules compute and test.

Colours come from the report style's cycle (present.use_report_style); call that first.
"""

from __future__ import annotations

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MultipleLocator

from .distribution import WITHIN
from .findings import ordinal

DOLLARS = FuncFormatter(lambda value, _: f"${value:,.0f}")
STATISTIC_NAMES = {"mean": "average (as the article says)", "median": "median (as the article says)"}


def palette() -> list[str]:
    """The report style's colour cycle."""
    return mpl.rcParams["axes.prop_cycle"].by_key()["color"]


def _signed(value: float, unit: str = "$") -> str:
    sign = "+" if value >= 0 else "-"
    return f"{sign}${abs(value):,.0f}" if unit == "$" else f"{sign}{abs(value):.1f}%"


def fit_chart(errors: pd.DataFrame, curve: pd.DataFrame, title: str = "Log-normal fitted to the published percentiles") -> Figure:
    """Fitted cumulative curve (salary against percentile) with the published points and each fit error annotated.

    `errors` is distribution.fit_errors(...), `curve` distribution.fitted_curve(...).
    """
    colours = palette()
    fig = Figure(figsize=(6.5, 3.6), layout="constrained")
    ax = fig.subplots()
    ax.plot(curve["salary"], curve["percentile"], color=colours[0], label="fitted log-normal")
    ax.scatter(errors["published"], errors["percentile"], color=colours[1], zorder=3, label="published percentile")
    for row in errors.itertuples():
        ax.annotate(
            f"{ordinal(row.percentile)}: fit {_signed(row.error_usd)} ({_signed(row.error_pct, '%')})",
            (row.published, row.percentile), xytext=(8, -4), textcoords="offset points", fontsize=7.5, va="top",
        )
    ax.xaxis.set_major_formatter(DOLLARS)
    ax.set_xlabel("Annual salary (USD)")
    ax.set_ylabel("Percentile of national pay")
    ax.set_ylim(0, 100)
    ax.yaxis.set_major_locator(MultipleLocator(10))
    ax.grid(axis="both")
    ax.set_title(title, loc="left")
    ax.legend(loc="lower right")
    return fig


def placement_chart(placed: pd.DataFrame, title: str = "The article's figures on the national distribution") -> Figure:
    """Dot plot of each figure's implied percentile, ranges as lines from low to high end, 10th-90th band shaded.

    `placed` is distribution.place_figures(...) (or official.place_on_latest(...)).
    """
    colours = palette()
    rows = placed.iloc[::-1].reset_index(drop=True)
    fig = Figure(figsize=(6.5, 0.24 * len(rows) + 1.6), layout="constrained")
    ax = fig.subplots()
    ax.axvspan(10, 90, color="#eeeeee", zorder=0, label="10th–90th percentile")
    ax.axvline(50, color="#999999", linewidth=0.8, zorder=1)
    for position, statistic in enumerate(STATISTIC_NAMES):
        chosen = rows[rows["statistic"] == statistic]
        colour = colours[position]
        ax.hlines(chosen.index, chosen["low_percentile"], chosen["high_percentile"], color=colour, alpha=0.45, linewidth=3)
        ax.scatter(chosen["percentile"], chosen.index, color=colour, zorder=3, label=STATISTIC_NAMES[statistic])
    outside = rows[rows["position"] != WITHIN]
    ax.scatter(outside["percentile"], outside.index, facecolor="none", edgecolor="black", s=90, zorder=4, label="outside 10th–90th")
    ax.set_yticks(rows.index, [f"{row.record_id}  {row.label}" for row in rows.itertuples()])
    ax.set_xlim(0, 100)
    ax.xaxis.set_major_locator(MultipleLocator(10))
    ax.set_xlabel("Implied percentile of national pay (point value; line: low to high end of a range)")
    ax.set_title(title, loc="left")
    fig.legend(loc="outside lower center", ncol=2)
    return fig


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
    note = "Bars: 10th–90th (thin) and 25th–75th (wide) percentiles; black tick: median."
    if broader_years:
        note += f" * faded: broader occupation group ({', '.join(map(str, broader_years))})."
    fig.text(0.0, -0.02, note, fontsize=7.5, ha="left", va="top")
    return fig


def cities_chart(table: pd.DataFrame) -> Figure:
    """Each city's figure, nominal, and price-adjusted when `table` has a price_adjusted column (regional.price_adjusted)."""
    colours = palette()
    rows = table.sort_values("nominal").reset_index(drop=True)
    adjusted = "price_adjusted" in rows
    height = 0.38 if adjusted else 0.6
    fig = Figure(figsize=(6.5, 2.8), layout="constrained")
    ax = fig.subplots()
    positions = np.arange(len(rows))
    offset = height / 2 if adjusted else 0
    bars = ax.barh(positions + offset, rows["nominal"], height=height, color=colours[0], label="nominal, as published")
    ax.bar_label(bars, labels=[f"${value:,.0f}" for value in rows["nominal"]], padding=3, fontsize=7.5)
    if adjusted:
        bars = ax.barh(positions - offset, rows["price_adjusted"], height=height, color=colours[1], label="adjusted for local prices (BEA RPP)")
        ax.bar_label(bars, labels=[f"${value:,.0f}" for value in rows["price_adjusted"]], padding=3, fontsize=7.5)
    ax.set_yticks(positions, rows["label"])
    ax.set_axisbelow(True)
    ax.xaxis.set_major_formatter(DOLLARS)
    ax.set_xlim(0, rows[["nominal", "price_adjusted"] if adjusted else ["nominal"]].max().max() * 1.15)
    ax.set_xlabel("Average annual salary (USD)")
    ax.set_title("Cities: nominal and in local purchasing power" if adjusted else "Cities: nominal salaries", loc="left")
    if adjusted:
        fig.legend(loc="outside lower center", ncol=2)
    return fig
