"""The finding city and certification share: of the figures set against a chosen baseline, the one furthest from it."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from medical_coding_salaries.findings import Finding
from medical_coding_salaries.present.numbers import above_or_below


def furthest_row(gaps: pd.DataFrame, name_column: str, baseline: str) -> pd.Series:
    """The row of a frame of gaps to a baseline (`gap_pct`) furthest from it either way, the baseline's own left out."""
    others = gaps[gaps[name_column] != baseline]
    return others.loc[others["gap_pct"].abs().idxmax()]


def furthest_from_baseline(
    section: str, gaps: pd.DataFrame, name_column: str, baseline: str, against: str, label: Callable[[pd.Series], str]
) -> Finding:
    """`{section}.vs_baseline.largest_gap.pct`: the size of the largest gap to the baseline, in a sentence such as
    'Against {against}, the {name_column's noun} furthest away is {label(row)}, 24.7% above it.'; its sign and the
    baseline go in `extra`."""
    furthest = furthest_row(gaps, name_column, baseline)
    noun = {"city_name": "city", "role": "role"}.get(name_column, name_column)
    return Finding(
        f"{section}.vs_baseline.largest_gap.pct",
        float(abs(furthest["gap_pct"])),
        "percent",
        f"Against {against}, the {noun} furthest away is {label(furthest)}, {above_or_below(furthest['gap_pct'])} it.",
        furthest["sources"],
        section,
        extra={"baseline": baseline, "signed_pct": float(furthest["gap_pct"])},
    )
