"""The chart of pay by experience level: each table's range per level, its point value, open tops fading out."""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from medical_coding_salaries.clean.amounts import POINT_WORDS
from medical_coding_salaries.present.charts.common import dollar_axis, grouped_bars
from medical_coding_salaries.present.numbers import usd

OPEN_TOP_STEPS = 8  # slices of the fade


ARROW_SHARE = 0.25  # the arrow past an open top runs on by this share of the faded extension


def experience_chart(data: pd.DataFrame, range_point: str) -> Figure:
    """Each level's range as a horizontal bar per table, the point value marked, an open top drawn fading out.

    `data` is experience.chart_data(...)."""
    # Entry level on top; each table's bar sits at its own offset within the level's row.
    fig, axis, levels, tables, colours, height, ys = grouped_bars(data, "level_label")
    for row, y in zip(data.itertuples(), ys, strict=True):
        axis.barh(y, row.high - row.low, left=row.low, height=height * 0.85, color=colours[row.table_id])
        if row.open_top:
            step = (row.drawn_to - row.high) / OPEN_TOP_STEPS
            for index in range(OPEN_TOP_STEPS):
                axis.barh(
                    y,
                    step,
                    left=row.high + index * step,
                    height=height * 0.85,
                    color=colours[row.table_id],
                    alpha=0.8 * (1 - (index + 1) / (OPEN_TOP_STEPS + 1)),
                    hatch="///",
                    edgecolor="white",
                    linewidth=0,
                )
            axis.annotate(
                "",
                xy=(row.drawn_to + ARROW_SHARE * (row.drawn_to - row.high), y),
                xytext=(row.high, y),
                zorder=4,
                arrowprops={
                    "arrowstyle": "-|>",
                    "color": colours[row.table_id],
                    "linewidth": 1.2,
                    "mutation_scale": 12,
                },
            )
        axis.plot(
            row.point, y, marker="D", markersize=5, color="white", markeredgecolor="black", linestyle="none", zorder=3
        )
    axis.set_yticks(range(len(levels)), levels)
    axis.invert_yaxis()
    arrow_tips = data["drawn_to"] + ARROW_SHARE * (data["drawn_to"] - data["high"])
    axis.set_xlim(data["low"].min() * 0.9, arrow_tips.max() * 1.03)
    dollar_axis(axis)
    axis.set_title("Pay by experience level: the article's two tables")
    handles = [Patch(color=colours[table], label=table) for table in tables] + [
        Line2D(
            [],
            [],
            marker="D",
            markersize=5,
            color="white",
            markeredgecolor="black",
            linestyle="none",
            label=f"Point value ({POINT_WORDS[range_point]})",
        ),
        Patch(facecolor="lightgrey", hatch="///", edgecolor="white", label="Open top (no stated ceiling)"),
    ]
    axis.legend(handles=handles, loc="upper right")
    return fig


def describe_experience_chart(data: pd.DataFrame) -> str:
    """Plain-text alternative to the experience chart."""
    parts = [
        f"{row.table_id} {row.level_label.lower()}: {usd(row.low)} to "
        f"{usd(row.high)}{'+ (open top)' if row.open_top else ''}, point {usd(row.point)}"
        for row in data.itertuples()
    ]
    return "Horizontal salary ranges by experience level. " + "; ".join(parts) + "."
