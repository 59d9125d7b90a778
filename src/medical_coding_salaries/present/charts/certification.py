"""The chart of pay by credential and job title, the baseline role marked."""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from medical_coding_salaries.present.charts.common import VALUE_LABEL, finish_bars_from_zero, grouped_bars
from medical_coding_salaries.present.numbers import drawn_usd, usd


def credential_chart(data: pd.DataFrame) -> Figure:
    """Bars per role grouped by table, the baseline role's figure in each table marked by a line in that table's colour.

    `data` is certification.chart_data(...)."""
    fig, axis, roles, tables, colours, height, ys = grouped_bars(data, "role")
    for row, y in zip(data.itertuples(), ys, strict=True):
        axis.barh(
            y,
            row.salary,
            height=height * 0.9,
            color=colours[row.table_id],
            hatch="..." if row.is_baseline else None,
            edgecolor="white",
            linewidth=0,
        )
        axis.text(row.salary, y, f" {drawn_usd(row.salary)}", **VALUE_LABEL)
    handles = [Patch(color=colours[table], label=table) for table in tables]
    handles.append(Patch(facecolor="grey", hatch="...", edgecolor="white", linewidth=0, label="Baseline role"))
    for row in data[data["is_baseline"]].itertuples():
        axis.axvline(row.salary, color=colours[row.table_id], linestyle="--", linewidth=1.1)
        handles.append(
            Line2D(
                [],
                [],
                color=colours[row.table_id],
                linestyle="--",
                label=f"{row.table_id} baseline: {row.role} ({drawn_usd(row.salary)})",
            )
        )
    axis.set_yticks(range(len(roles)), roles)
    finish_bars_from_zero(
        axis, data["salary"].max() * 1.18, data["statistic"], "Pay by credential and job title", handles
    )
    return fig


def describe_credential_chart(data: pd.DataFrame, credential_baseline: str) -> str:
    """Plain-text alternative to the credential chart."""
    return (
        f"Horizontal bars per role and table, {credential_baseline} marked as the baseline: "
        + "; ".join(f"{row.role} ({row.table_id}) {usd(row.salary)}" for row in data.itertuples())
        + "."
    )
