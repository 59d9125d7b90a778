"""Charts of the national distribution: the fitted log-normal, and the article's figures placed on it.

Colours come from the report style's cycle (show.use_report_style); call that first.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MultipleLocator

from medical_coding_salaries.findings import COMPUTED_DOLLARS
from medical_coding_salaries.present.charts.common import DOLLARS, palette
from medical_coding_salaries.present.numbers import ordinal, signed_pct, signed_usd

STATISTIC_NAMES = {"mean": "average (as the article says)", "median": "median (as the article says)"}


def fit_chart(
    errors: pd.DataFrame, curve: pd.DataFrame, title: str = "Log-normal fitted to the published percentiles"
) -> Figure:
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
            f"{ordinal(row.percentile)}: fit {signed_usd(row.error_usd, COMPUTED_DOLLARS)} "
            f"({signed_pct(row.error_pct)})",
            (row.published, row.percentile),
            xytext=(8, -4),
            textcoords="offset points",
            fontsize=7.5,
            va="top",
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
        ax.hlines(
            chosen.index, chosen["low_percentile"], chosen["high_percentile"], color=colour, alpha=0.45, linewidth=3
        )
        ax.scatter(chosen["percentile"], chosen.index, color=colour, zorder=3, label=STATISTIC_NAMES[statistic])
    outside = rows[rows["outside_band"]]
    ax.scatter(
        outside["percentile"],
        outside.index,
        facecolor="none",
        edgecolor="black",
        s=90,
        zorder=4,
        label="outside 10th–90th",
    )
    ax.set_yticks(rows.index, [f"{row.record_id}  {row.label}" for row in rows.itertuples()])
    ax.set_xlim(0, 100)
    ax.xaxis.set_major_locator(MultipleLocator(10))
    ax.set_xlabel("Implied percentile of national pay (point value; line: low to high end of a range)")
    ax.set_title(title, loc="left")
    fig.legend(loc="outside lower center", ncol=2)
    return fig
