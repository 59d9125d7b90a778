"""Charts of pay by experience level, city and credential: a tested data function, then the figure drawn from it."""

from __future__ import annotations

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter

from . import certification, city, experience
from .findings import usd

# An open top is drawn this far (as a share of its ceiling) past the ceiling, fading out: long enough to read as "and up".
OPEN_TOP_REACH = 0.12
OPEN_TOP_STEPS = 8  # slices of the fade
ARROW_SHARE = 0.25  # the arrow past an open top runs on by this share of the faded extension
POINT_WORDS = {"low": "low end", "midpoint": "midpoint", "high": "high end"}


def drawn_usd(value: float) -> str:
    """'$45,000' for text drawn on a chart: the dollar sign escaped, or two of them would start matplotlib math mode."""
    return usd(value).replace("$", r"\$")


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
VALUE_LABEL = {"va": "center", "ha": "left", "fontsize": 7.5, "zorder": 5, "bbox": {"facecolor": "white", "edgecolor": "none", "pad": 0.5}}


def grouped_bars(data: pd.DataFrame, group: str) -> tuple[Figure, Axes, list[str], list[str], dict[str, str], float, list[float]]:
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
    """The first row on top, x from $0 to `right`, dollar ticks named by the bars' statistic, the title, the legend below."""
    axis.invert_yaxis()
    axis.set_xlim(0, right)
    dollar_axis(axis, salary_label(statistics))
    axis.set_title(title)
    axis.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2)


# --- Experience ---------------------------------------------------------------------------------------------


def experience_chart_data(salaries: pd.DataFrame) -> pd.DataFrame:
    """Each table's band per level, with `drawn_to`: where the bar ends (past the ceiling, for an open top)."""
    frame = experience.levels(salaries)
    reach = frame[["high", "point"]].max(axis=1) * (1 + OPEN_TOP_REACH)
    frame["drawn_to"] = reach.where(frame["open_top"], frame["high"])
    return frame


def experience_chart(salaries: pd.DataFrame, range_point: str) -> Figure:
    """Each level's range as a horizontal bar per table, the point value marked, an open top drawn fading out."""
    data = experience_chart_data(salaries)
    # Entry level on top; each table's bar sits at its own offset within the level's row.
    fig, axis, levels, tables, colours, height, ys = grouped_bars(data, "level_label")
    for row, y in zip(data.itertuples(), ys, strict=True):
        axis.barh(y, row.high - row.low, left=row.low, height=height * 0.85, color=colours[row.table_id])
        if row.open_top:
            step = (row.drawn_to - row.high) / OPEN_TOP_STEPS
            for index in range(OPEN_TOP_STEPS):
                axis.barh(y, step, left=row.high + index * step, height=height * 0.85, color=colours[row.table_id],
                          alpha=0.8 * (1 - (index + 1) / (OPEN_TOP_STEPS + 1)), hatch="///", edgecolor="white", linewidth=0)
            axis.annotate("", xy=(row.drawn_to + ARROW_SHARE * (row.drawn_to - row.high), y), xytext=(row.high, y), zorder=4,
                          arrowprops={"arrowstyle": "-|>", "color": colours[row.table_id], "linewidth": 1.2, "mutation_scale": 12})
        axis.plot(row.point, y, marker="D", markersize=5, color="white", markeredgecolor="black", linestyle="none", zorder=3)
    axis.set_yticks(range(len(levels)), levels)
    axis.invert_yaxis()
    arrow_tips = data["drawn_to"] + ARROW_SHARE * (data["drawn_to"] - data["high"])
    axis.set_xlim(data["low"].min() * 0.9, arrow_tips.max() * 1.03)
    dollar_axis(axis)
    axis.set_title("Pay by experience level: the article's two tables")
    handles = [Patch(color=colours[table], label=table) for table in tables] + [
        Line2D([], [], marker="D", markersize=5, color="white", markeredgecolor="black", linestyle="none",
               label=f"Point value ({POINT_WORDS[range_point]})"),
        Patch(facecolor="lightgrey", hatch="///", edgecolor="white", label="Open top (no stated ceiling)"),
    ]
    axis.legend(handles=handles, loc="upper right")
    return fig


def describe_experience_chart(salaries: pd.DataFrame) -> str:
    """Plain-text alternative to the experience chart."""
    data = experience_chart_data(salaries)
    parts = [
        f"{row.table_id} {row.level_label.lower()}: {usd(row.low)} to {usd(row.high)}{'+ (open top)' if row.open_top else ''}, "
        f"point {usd(row.point)}"
        for row in data.itertuples()
    ]
    return "Horizontal salary ranges by experience level. " + "; ".join(parts) + "."


# --- City ---------------------------------------------------------------------------------------------------


def city_chart_data(salaries: pd.DataFrame, city_baseline: str) -> pd.DataFrame:
    """One bar per city, highest first, flagged where the city is the baseline."""
    frame = city.cities(salaries)
    frame["is_baseline"] = frame["city_name"] == city_baseline
    return frame


def city_reference_lines(salaries: pd.DataFrame, city_baseline: str) -> pd.DataFrame:
    """The national median and the national range's ends, where the chart draws them, flagged if the baseline."""
    frame = city.national_references(salaries)
    frame = frame[frame["reference"].isin([city.NATIONAL_MEDIAN, "range_low", "range_high"])].reset_index(drop=True)
    frame["is_baseline"] = frame["reference"] == city_baseline
    return frame


def city_chart(salaries: pd.DataFrame, city_baseline: str) -> Figure:
    """Bars per city, with the national range shaded and the national median as a labelled line."""
    bars = city_chart_data(salaries, city_baseline)
    lines = city_reference_lines(salaries, city_baseline).set_index("reference")
    low, high, median = (lines.at[key, "value"] for key in ("range_low", "range_high", city.NATIONAL_MEDIAN))
    fig = Figure()
    axis = fig.add_subplot()
    axis.axvspan(low, high, color="0.88", zorder=0, label=f"National range ({drawn_usd(low)} – {drawn_usd(high)})")
    colours = ["C0" if not flag else "C5" for flag in bars["is_baseline"]]
    axis.barh(bars["city_name"], bars["salary"], color=colours, height=0.6, zorder=2)
    for y, value in enumerate(bars["salary"]):
        axis.text(value, y, f" {drawn_usd(value)}", **VALUE_LABEL)
    baseline_note = " – baseline" if lines.at[city.NATIONAL_MEDIAN, "is_baseline"] else ""
    axis.axvline(median, color="black", linestyle="--", linewidth=1.1, zorder=3,
                 label=f"National median, BLS ({drawn_usd(median)}){baseline_note}")
    handles, _ = axis.get_legend_handles_labels()
    if bars["is_baseline"].any():
        handles.append(Patch(color="C5", label=f"Baseline: {city_baseline}"))
    finish_bars_from_zero(axis, max(high, bars["salary"].max()) * 1.12, bars["statistic"],
                          "Average salary by city, against national figures", handles)
    return fig


def describe_city_chart(salaries: pd.DataFrame, city_baseline: str) -> str:
    """Plain-text alternative to the city chart."""
    bars = city_chart_data(salaries, city_baseline)
    lines = city_reference_lines(salaries, city_baseline).set_index("reference")
    return (
        "Horizontal bars of the average salary per city: "
        + "; ".join(f"{name} {usd(value)}" for name, value in zip(bars["city_name"], bars["salary"], strict=True))
        + f". A dashed line marks the national median ({usd(lines.at[city.NATIONAL_MEDIAN, 'value'])}); a shaded band the "
        f"national range ({usd(lines.at['range_low', 'value'])} to {usd(lines.at['range_high', 'value'])})."
    )


# --- Credential ---------------------------------------------------------------------------------------------


def credential_chart_data(salaries: pd.DataFrame, credential_baseline: str) -> pd.DataFrame:
    """One bar per table and role, roles ordered by their mean figure (highest first), the baseline role flagged."""
    frame = certification.roles(salaries)
    order = frame.groupby("role")["salary"].mean().sort_values(ascending=False, kind="stable").index.tolist()
    frame["role_order"] = frame["role"].map(order.index)
    frame["is_baseline"] = frame["role"] == credential_baseline
    return frame.sort_values(["role_order", "table_id"], kind="stable").reset_index(drop=True)


def credential_chart(salaries: pd.DataFrame, credential_baseline: str) -> Figure:
    """Bars per role grouped by table, the baseline role's figure in each table marked by a line in that table's colour."""
    data = credential_chart_data(salaries, credential_baseline)
    fig, axis, roles, tables, colours, height, ys = grouped_bars(data, "role")
    for row, y in zip(data.itertuples(), ys, strict=True):
        axis.barh(y, row.salary, height=height * 0.9, color=colours[row.table_id],
                  hatch="..." if row.is_baseline else None, edgecolor="white", linewidth=0)
        axis.text(row.salary, y, f" {drawn_usd(row.salary)}", **VALUE_LABEL)
    handles = [Patch(color=colours[table], label=table) for table in tables]
    handles.append(Patch(facecolor="grey", hatch="...", edgecolor="white", linewidth=0, label="Baseline role"))
    for row in data[data["is_baseline"]].itertuples():
        axis.axvline(row.salary, color=colours[row.table_id], linestyle="--", linewidth=1.1)
        handles.append(Line2D([], [], color=colours[row.table_id], linestyle="--",
                              label=f"{row.table_id} baseline: {row.role} ({drawn_usd(row.salary)})"))
    axis.set_yticks(range(len(roles)), roles)
    finish_bars_from_zero(axis, data["salary"].max() * 1.18, data["statistic"], "Pay by credential and job title", handles)
    return fig


def describe_credential_chart(salaries: pd.DataFrame, credential_baseline: str) -> str:
    """Plain-text alternative to the credential chart."""
    data = credential_chart_data(salaries, credential_baseline)
    return (
        f"Horizontal bars per role and table, {credential_baseline} marked as the baseline: "
        + "; ".join(f"{row.role} ({row.table_id}) {usd(row.salary)}" for row in data.itertuples()) + "."
    )
