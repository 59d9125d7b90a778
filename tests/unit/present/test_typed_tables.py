"""Formatted numbers keep their value and kind, so a table's description carries typed columns for the workbook."""

from __future__ import annotations

import pandas as pd

from medical_coding_salaries.present import show
from medical_coding_salaries.present.numbers import money, ordinal, percent, ratio, usd


def test_formatted_numbers_are_strings_that_carry_value_and_kind():
    shown = usd(45089.4)
    assert shown == "$45,089" and (shown.value, shown.kind) == (45089.0, "usd")
    assert (ratio(2.004).value, ratio(2.004).kind) == (2.0, "ratio")
    assert (ordinal(92.6).value, ordinal(92.6).kind) == (93.0, "percentile")
    assert f"{usd(5)} a year" == "$5 a year"  # a plain str once combined into other text


def test_table_description_has_column_kinds_and_values():
    frame = pd.DataFrame(
        {
            "Rank": [1, 2],
            "City": ["A", "B"],
            "Salary": money(pd.Series([55000.0, None])),
            "Gap": percent(pd.Series([24.68, -3.0])),
            "Mixed": [usd(1), "text"],
        }
    )
    description = show.table(frame, "key", "Caption").description
    assert description["rows"] == [["1", "A", "$55,000", "+24.7%", "$1"], ["2", "B", "", "-3.0%", "text"]]
    assert description["kinds"] == ["integer", None, "usd", "signed_percent", None]
    assert description["values"] == [[1, None, 55000.0, 24.7, None], [2, None, None, -3.0, None]]
