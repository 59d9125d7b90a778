"""Charts of pay by city: the cities against the national figures, and nominal against local purchasing power."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from medical_coding_salaries.parameters import NATIONAL_MEDIAN
from medical_coding_salaries.present.charts.common import DOLLARS, VALUE_LABEL, finish_bars_from_zero, palette
from medical_coding_salaries.present.numbers import derived_money, drawn_usd, usd


def city_chart(bars: pd.DataFrame, lines: pd.DataFrame, city_baseline: str) -> Figure:
    """Bars per city, with the national range shaded and the national median as a labelled line.

    `bars` is city.chart_data(...), `lines` city.reference_lines(...)."""
    lines = lines.set_index("reference")
    low, high, median = (lines.at[key, "value"] for key in ("range_low", "range_high", NATIONAL_MEDIAN))
    fig = Figure()
    axis = fig.add_subplot()
    axis.axvspan(low, high, color="0.88", zorder=0, label=f"National range ({drawn_usd(low)} – {drawn_usd(high)})")
    colours = ["C0" if not flag else "C5" for flag in bars["is_baseline"]]
    axis.barh(bars["city_name"], bars["salary"], color=colours, height=0.6, zorder=2)
    for y, value in enumerate(bars["salary"]):
        axis.text(value, y, f" {drawn_usd(value)}", **VALUE_LABEL)
    baseline_note = " – baseline" if lines.at[NATIONAL_MEDIAN, "is_baseline"] else ""
    axis.axvline(
        median,
        color="black",
        linestyle="--",
        linewidth=1.1,
        zorder=3,
        label=f"National median, BLS ({drawn_usd(median)}){baseline_note}",
    )
    handles, _ = axis.get_legend_handles_labels()
    if bars["is_baseline"].any():
        handles.append(Patch(color="C5", label=f"Baseline: {city_baseline}"))
    finish_bars_from_zero(
        axis,
        max(high, bars["salary"].max()) * 1.12,
        bars["statistic"],
        "Average salary by city, against national figures",
        handles,
    )
    return fig


def describe_city_chart(bars: pd.DataFrame, lines: pd.DataFrame) -> str:
    """Plain-text alternative to the city chart."""
    lines = lines.set_index("reference")
    return (
        "Horizontal bars of the average salary per city: "
        + "; ".join(f"{name} {usd(value)}" for name, value in zip(bars["city_name"], bars["salary"], strict=True))
        + f". A dashed line marks the national median ({usd(lines.at[NATIONAL_MEDIAN, 'value'])}); a shaded band the "
        f"national range ({usd(lines.at['range_low', 'value'])} to {usd(lines.at['range_high', 'value'])})."
    )


def cities_chart(table: pd.DataFrame) -> Figure:
    """Each city's figure, nominal, and price-adjusted when `table` has a price_adjusted column
    (regional.price_adjusted)."""
    colours = palette()
    rows = table.sort_values("nominal").reset_index(drop=True)
    adjusted = "price_adjusted" in rows
    height = 0.38 if adjusted else 0.6
    fig = Figure(figsize=(6.5, 2.8), layout="constrained")
    ax = fig.subplots()
    positions = np.arange(len(rows))
    offset = height / 2 if adjusted else 0
    bars = ax.barh(positions + offset, rows["nominal"], height=height, color=colours[0], label="nominal, as published")
    ax.bar_label(bars, labels=[usd(value) for value in rows["nominal"]], padding=3, fontsize=7.5)
    if adjusted:
        bars = ax.barh(
            positions - offset,
            rows["price_adjusted"],
            height=height,
            color=colours[1],
            label="adjusted for local prices (BEA RPP)",
        )
        ax.bar_label(
            bars,
            labels=derived_money(rows["price_adjusted"], rows["nominal"]).tolist(),
            padding=3,
            fontsize=7.5,
        )
    ax.set_yticks(positions, rows["label"])
    ax.set_axisbelow(True)
    ax.xaxis.set_major_formatter(DOLLARS)
    ax.set_xlim(0, rows[["nominal", "price_adjusted"] if adjusted else ["nominal"]].max().max() * 1.15)
    ax.set_xlabel("Average annual salary (USD)")
    ax.set_title(
        "Cities: nominal and in local purchasing power" if adjusted else "Cities: nominal salaries", loc="left"
    )
    if adjusted:
        fig.legend(loc="outside lower center", ncol=2)
    return fig
