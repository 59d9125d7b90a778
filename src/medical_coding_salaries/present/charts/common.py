"""What every chart shares: dollar axes, the style's colours, bar layouts and value labels."""

from __future__ import annotations

import matplotlib as mpl
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from medical_coding_salaries.present.numbers import drawn_usd, usd

DOLLARS = FuncFormatter(lambda value, _: usd(value))


def palette() -> list[str]:
    """The report style's colour cycle."""
    return mpl.rcParams["axes.prop_cycle"].by_key()["color"]


def dollar_axis(axis: Axes, label: str = "Annual salary (USD)") -> None:
    """Label the x axis in dollars with thousands separators ('$45,000')."""
    axis.xaxis.set_major_formatter(FuncFormatter(lambda value, _: drawn_usd(value)))
    axis.set_xlabel(label)


def salary_label(statistics: pd.Series) -> str:
    """'Median annual salary (USD)' when every bar is the same statistic, else plain 'Annual salary (USD)'."""
    kinds = set(statistics)
    word = {"mean": "Average", "median": "Median"}.get(kinds.pop()) if len(kinds) == 1 else None
    return f"{word} annual salary (USD)" if word else "Annual salary (USD)"


def table_colours(tables: list[str]) -> dict[str, str]:
    """The style's first colours, one per table, in order."""
    return {table: f"C{index}" for index, table in enumerate(tables)}


# Value labels sit on a white box above reference lines, so a line never crosses the digits.
VALUE_LABEL = {
    "va": "center",
    "ha": "left",
    "fontsize": 7.5,
    "zorder": 5,
    "bbox": {"facecolor": "white", "edgecolor": "none", "pad": 0.5},
}


def grouped_bars(
    data: pd.DataFrame, group: str
) -> tuple[Figure, Axes, list[str], list[str], dict[str, str], float, list[float]]:
    """A new chart of horizontal bars, one row per value of `group`, one bar per table within each row.

    Returns the figure, its axes, the groups (in order of first appearance, the first on top once the y axis is
    inverted), the tables (sorted), their colours, the height of one table's slot and each row of `data`'s y position:
    its group's row, offset by its table's slot.
    """
    groups = list(dict.fromkeys(data[group]))
    tables = sorted(data["table_id"].unique())
    colours = table_colours(tables)
    height = 0.8 / len(tables)
    fig = Figure()
    axis = fig.add_subplot()
    ys = [
        groups.index(name) + (tables.index(table) - (len(tables) - 1) / 2) * height
        for name, table in zip(data[group], data["table_id"], strict=True)
    ]
    return fig, axis, groups, tables, colours, height, ys


def finish_bars_from_zero(axis: Axes, right: float, statistics: pd.Series, title: str, handles: list) -> None:
    """The first row on top, x from $0 to `right`, dollar ticks named by the bars' statistic, the title, the legend
    below."""
    axis.invert_yaxis()
    axis.set_xlim(0, right)
    dollar_axis(axis, salary_label(statistics))
    axis.set_title(title)
    axis.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2)
