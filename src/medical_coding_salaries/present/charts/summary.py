"""The summary's one chart: the article's figures in today's dollars against the official national distribution."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from medical_coding_salaries.findings import COMPUTED_DOLLARS
from medical_coding_salaries.present.charts.common import dollar_axis
from medical_coding_salaries.present.numbers import computed_usd, drawn_usd, usd


def answers_chart(figures: pd.DataFrame, official: pd.Series, dollar_year: int, latest_year: int) -> Figure:
    """One dot per figure (summary.answers_chart_data), grouped by what it describes, over the official May
    `latest_year` middle half and 10th-90th band, with the official median as a line."""
    rows = figures.iloc[::-1].reset_index(drop=True)  # first figure at the top
    fig = Figure(figsize=(6.5, 0.16 * len(rows) + 1.3), layout="constrained")
    axis = fig.subplots()
    axis.axvspan(official[10], official[90], color="0.92", zorder=0, label="Official 10th–90th percentile")
    axis.axvspan(official[25], official[75], color="0.80", zorder=0, label="Official 25th–75th percentile")
    axis.axvline(
        official[50],
        color="black",
        linestyle="--",
        linewidth=1,
        zorder=1,
        label=f"Official median ({drawn_usd(official[50])})",
    )
    groups = list(dict.fromkeys(figures["group"]))
    for index, group in enumerate(groups):
        mine = rows[rows["group"] == group]
        axis.scatter(mine["restated"], mine.index, color=f"C{index}", zorder=3, s=22, label=group)
        for y, value in zip(mine.index, mine["restated"], strict=True):
            axis.text(value, y, f"  {drawn_usd(value, COMPUTED_DOLLARS)}", va="center", fontsize=7)  # restated
    axis.set_yticks(
        np.arange(len(rows)),
        [f"{label} ({table})" for label, table in zip(rows["label"], rows["table_id"], strict=True)],
    )
    axis.tick_params(axis="y", labelsize=7.5)
    dollar_axis(axis, f"Annual salary, {dollar_year} dollars")
    axis.set_xlim(min(official[10], rows["restated"].min()) * 0.9, max(official[90], rows["restated"].max()) * 1.1)
    axis.set_title(
        f"Article's figures in {dollar_year} dollars vs official May {latest_year} pay", loc="left", fontsize=9
    )
    fig.legend(loc="outside lower center", ncol=3, fontsize=7)
    return fig


def describe_answers_chart(figures: pd.DataFrame, official: pd.Series, dollar_year: int) -> str:
    """Plain-text alternative to the summary chart."""
    return (
        f"Dots of the article's figures in {dollar_year} dollars: "
        + "; ".join(
            f"{label} ({table}) {computed_usd(value)}"
            for label, table, value in zip(figures["label"], figures["table_id"], figures["restated"], strict=True)
        )
        + f". Shaded: the official 10th to 90th percentile ({usd(official[10])} to {usd(official[90])}) and 25th to "
        f"75th ({usd(official[25])} to {usd(official[75])}); a dashed line at the official median "
        f"({usd(official[50])})."
    )
