"""The experience section's tables, formatted for the reader."""

from __future__ import annotations

import pandas as pd

from medical_coding_salaries.present.numbers import money, percent, ratio, signed_money
from medical_coding_salaries.present.show import sources_text
from medical_coding_salaries.sections.experience import (
    FIRST,
    SECOND,
    consensus,
    disagreement,
    levels,
    multiples,
    step_ups,
)


def years_band(years_min: float, years_max: float) -> str:
    """'0–2 years', '5+ years' or '' where the table gives no band."""
    if pd.isna(years_min):
        return ""
    return f"{years_min:g}+ years" if pd.isna(years_max) else f"{years_min:g}–{years_max:g} years"


def levels_view(salaries: pd.DataFrame) -> pd.DataFrame:
    """The two tables side by side, formatted."""
    frame = levels(salaries)
    return pd.DataFrame(
        {
            "Level": frame["level_label"],
            "Table": frame["table_id"],
            "Years": [years_band(a, b) for a, b in zip(frame["years_min"], frame["years_max"], strict=True)],
            "Low": money(frame["low"]),
            "High": money(frame["high"]) + frame["open_top"].map({True: "+", False: ""}),
            "Point value": money(frame["point"]),
            "Raw row": frame["sources"].map(sources_text),
        }
    )


def step_ups_view(salaries: pd.DataFrame) -> pd.DataFrame:
    """Step-ups between adjacent levels, formatted."""
    frame = step_ups(salaries)
    return pd.DataFrame(
        {
            "Table": frame["table_id"],
            "From": frame["from_level"],
            "To": frame["to_level"],
            "From (point)": money(frame["from_point"]),
            "To (point)": money(frame["to_point"]),
            "Step-up": signed_money(frame["step_usd"]),
            "Step-up (%)": percent(frame["step_pct"]),
            "Raw rows": frame["sources"].map(sources_text),
        }
    )


def multiples_view(salaries: pd.DataFrame) -> pd.DataFrame:
    """Multiples of the entry level, formatted."""
    frame = multiples(salaries)
    return pd.DataFrame(
        {
            "Table": frame["table_id"],
            "Level": frame["to_level"],
            "Point value": money(frame["to_point"]),
            "Entry level (point)": money(frame["from_point"]),
            "Multiple of entry": frame["multiple"].map(ratio),
            "Raw rows": frame["sources"].map(sources_text),
        }
    )


def disagreement_view(salaries: pd.DataFrame) -> pd.DataFrame:
    """Where T1 and T2 disagree, formatted."""
    frame = disagreement(salaries)
    return pd.DataFrame(
        {
            "Level": frame["level_label"],
            "Bound": frame["bound"],
            FIRST: money(frame["t1"]),
            SECOND: money(frame["t2"]),
            f"{SECOND} − {FIRST}": signed_money(frame["difference_usd"]),
            f"% of {FIRST}": percent(frame["difference_pct"]),
            "Raw rows": frame["sources"].map(sources_text),
        }
    )


def consensus_view(salaries: pd.DataFrame) -> pd.DataFrame:
    """The consensus band per level, formatted, with how each was formed."""
    frame = consensus(salaries)
    return pd.DataFrame(
        {
            "Level": frame["level_label"],
            "Low": money(frame["low"]),
            "High": money(frame["high"]) + frame["open_top"].map({True: "+", False: ""}),
            "Point value": money(frame["point"]),
            "How formed": frame["method"],
            "Raw rows": frame["sources"].map(sources_text),
        }
    )
