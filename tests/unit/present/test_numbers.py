"""The one formatter: printed dollars keep every digit, dollars the report computes are shown to the nearest $100."""

import pandas as pd
import pytest

from medical_coding_salaries.findings import COMPUTED_DOLLARS, Finding, computed_dollars, rounded, to_nearest
from medical_coding_salaries.present.numbers import (
    computed_usd,
    derived_money,
    derived_usd,
    ordinal,
    pct,
    ratio,
    signed_money,
    signed_usd,
    usd,
    usd_range,
)


@pytest.mark.parametrize(
    ("value", "step", "expected"),
    [(51_683, 100, 51_700), (51_649.99, 100, 51_600), (48_862, 10, 48_860), (-2_728, 100, -2_700), (44_090, 1, 44_090)],
)
def test_to_nearest_rounds_to_a_multiple_of_the_step(value, step, expected):
    assert to_nearest(value, step) == expected


def test_a_derived_figure_is_rounded_unless_its_derivation_left_it_as_printed():
    assert COMPUTED_DOLLARS == 100
    assert computed_dollars(44090 * 321.943 / 258.811, 44090) == 54_800  # 54,844.91 restated with CPI-U
    assert computed_dollars(44090.0, 44090) == 44_090  # a factor of 1: the printed figure, every digit
    assert derived_usd(54_844.91, 44_090) == "$54,800" and derived_usd(44_090, 44_090) == "$44,090"
    assert derived_money(pd.Series([48_862.4, 45_000.0]), pd.Series([50_000, 45_000])).tolist() == [
        "$48,900",
        "$45,000",
    ]


def test_printed_dollars_keep_every_digit_and_computed_ones_do_not():
    assert usd(63_061) == "$63,061" and usd(-540) == "-$540"
    assert computed_usd(45_089.48) == "$45,100" and computed_usd(45_089.48).value == 45_100
    assert usd_range(51_683, 65_346, 100) == "$51,700–$65,300"
    assert signed_usd(-2_728.4, 100) == "-$2,700" and signed_usd(3_000) == "+$3,000"
    assert signed_money(pd.Series([-2_728.4, None]), 100).tolist() == ["-$2,700", ""]


def test_percent_ratio_and_percentile_precision():
    assert pct(12.345) == "12.3%" and pct(12.345).value == 12.3
    assert ratio(2.004) == "2.00×" and ordinal(92.6) == "93rd" and ordinal(11) == "11th" and ordinal(22) == "22nd"
    assert ordinal(99.6) == "99th+" and ordinal(99.4) == "99th" and ordinal(0.3) == "<1st"  # no 100th percentile


def test_a_finding_stores_its_value_at_the_unit_precision():
    finding = Finding("x.usd", 45_089.48, "usd", "s", ("T5.3",), "distribution", extra={"mu": 10.716493})
    assert finding.value == 45_089 and isinstance(finding.value, int) and finding.extra == {"mu": 10.72}
    assert rounded(-0.04, "percent") == 0.0 and str(rounded(-0.04, "percent")) == "0.0"
