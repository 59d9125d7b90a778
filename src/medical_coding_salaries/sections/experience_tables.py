"""The experience section's tables, formatted for the reader."""

from __future__ import annotations

import pandas as pd

from medical_coding_salaries.present.numbers import money, ratio
from medical_coding_salaries.present.reader_tables import band_columns, gap_columns, reader_table, two_tables_columns
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
    years = [years_band(a, b) for a, b in zip(frame["years_min"], frame["years_max"], strict=True)]
    columns = {"Level": frame["level_label"], "Table": frame["table_id"], "Years": years}
    return reader_table(frame, {**columns, **band_columns(frame)}, raw_rows="Raw row")


def step_ups_view(salaries: pd.DataFrame) -> pd.DataFrame:
    """Step-ups between adjacent levels, formatted."""
    frame = step_ups(salaries)
    columns = {"Table": frame["table_id"], "From": frame["from_level"], "To": frame["to_level"]}
    points = {"From (point)": money(frame["from_point"]), "To (point)": money(frame["to_point"])}
    return reader_table(frame, {**columns, **points, **gap_columns(frame, ("Step-up", "Step-up (%)"), gap="step")})


def multiples_view(salaries: pd.DataFrame) -> pd.DataFrame:
    """Multiples of the entry level, formatted."""
    frame = multiples(salaries)
    columns = {"Table": frame["table_id"], "Level": frame["to_level"], "Point value": money(frame["to_point"])}
    columns |= {"Entry level (point)": money(frame["from_point"]), "Multiple of entry": frame["multiple"].map(ratio)}
    return reader_table(frame, columns)


def disagreement_view(salaries: pd.DataFrame) -> pd.DataFrame:
    """Where T1 and T2 disagree, formatted."""
    frame = disagreement(salaries)
    columns = {"Level": frame["level_label"], "Bound": frame["bound"]}
    return reader_table(frame, {**columns, **two_tables_columns(frame, FIRST, SECOND)})


def consensus_view(salaries: pd.DataFrame) -> pd.DataFrame:
    """The consensus band per level, formatted, with how each was formed."""
    frame = consensus(salaries)
    columns = {"Level": frame["level_label"], **band_columns(frame), "How formed": frame["method"]}
    return reader_table(frame, columns)
