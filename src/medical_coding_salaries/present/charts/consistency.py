"""The article's self-contradictions at a glance: one row per quantity it states twice, a dot for each figure."""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from medical_coding_salaries.findings import table_of
from medical_coding_salaries.present.charts.common import VALUE_LABEL, dollar_axis
from medical_coding_salaries.present.numbers import difference_words, usd

FIRST, SECOND, BOTH = "C0", "C1", "0.35"


def tables_of(records: pd.Series) -> str:
    """'T1, T4, P1': the tables (or prose) the records belong to, in order of first appearance."""
    return ", ".join(dict.fromkeys(table_of(record) for record in records))


def pairs_chart(data: pd.DataFrame) -> Figure:
    """A dumbbell per quantity: the first figure's dot, the second's, a line between them and the difference.

    `data` is consistency.pairs_chart_data(...): one row per quantity, in the table's order (first on top)."""
    fig = Figure(figsize=(6.5, 0.32 * len(data) + 1.3))
    axis = fig.add_subplot()
    for y, row in enumerate(data.itertuples()):
        if row.value_a == row.value_b:  # one marker: the two figures coincide
            axis.scatter([row.value_a], [y], color=BOTH, marker="D", s=26, zorder=3)
        else:
            axis.plot([row.value_a, row.value_b], [y, y], color="0.6", linewidth=2, zorder=1)
            axis.scatter([row.value_a], [y], color=FIRST, s=28, zorder=3)
            axis.scatter([row.value_b], [y], color=SECOND, s=28, zorder=3)
        words = difference_words(row.difference_usd, row.difference_pct)
        axis.text(max(row.value_a, row.value_b) + 800, y, words.replace("$", r"\$"), **VALUE_LABEL)
    axis.set_yticks(range(len(data)), data["row_label"])
    axis.invert_yaxis()
    low, high = data[["value_a", "value_b"]].min().min(), data[["value_a", "value_b"]].max().max()
    axis.set_xlim(low - 3000, high + 13000)
    dollar_axis(axis, "Annual salary as printed (USD)")
    axis.set_title("Every quantity the article states twice")
    handles = [
        Line2D([], [], color=colour, marker="o", linestyle="", label=f"{which} figure ({tables_of(data[column])})")
        for colour, which, column in ((FIRST, "First", "record_a"), (SECOND, "Second", "record_b"))
    ]
    handles.append(Line2D([], [], color=BOTH, marker="D", linestyle="", label="Same in both"))
    axis.legend(
        handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=3, columnspacing=1.0, handletextpad=0.2
    )
    return fig


def describe_pairs_chart(data: pd.DataFrame) -> str:
    """Plain-text alternative to the pairs chart."""
    return (
        "For each quantity the article states twice, its two figures: "
        + "; ".join(
            f"{row.row_label}: {usd(row.value_a)} against {usd(row.value_b)}, "
            f"{difference_words(row.difference_usd, row.difference_pct)}"
            for row in data.itertuples()
        )
        + "."
    )
