"""Every number as a reader sees it, in one place: dollars, percents, percentiles, ratios, and columns of them."""

from __future__ import annotations

import pandas as pd

from medical_coding_salaries.findings import COMPUTED_DOLLARS, PRECISION, computed_dollars, to_nearest

# The kinds of number a shown value can be; present.description gives each a spreadsheet number format.
KINDS = ("usd", "signed_usd", "percent", "signed_percent", "ratio", "percentile")


class Shown(str):
    """A number as the reader sees it ('$45,000'), which still carries the number (`value`, as shown: rounded
    like the text) and its kind (KINDS): a table's description then holds typed cells without parsing text.
    It is a str everywhere else (formatting, HTML, charts, JSON)."""

    value: float
    kind: str

    def __new__(cls, text: str, value: float, kind: str) -> Shown:
        shown_text = super().__new__(cls, text)
        shown_text.value, shown_text.kind = value, kind
        return shown_text


def usd(value: float, step: int = 1) -> str:
    """'$12,345' (rounded to the dollar, or to a multiple of `step`; negative as '-$12,345')."""
    value = to_nearest(value, step)
    return Shown(f"-${abs(value):,.0f}" if value < 0 else f"${value:,.0f}", round(float(value)) + 0.0, "usd")


def computed_usd(value: float) -> str:
    """'$51,700': a dollar figure the report computed (restated, price-adjusted, fitted), to the nearest $100."""
    return usd(value, COMPUTED_DOLLARS)


def derived_usd(value: float, printed: float) -> str:
    """'$54,800' for a figure derived from the printed '$44,090' (restated, adjusted); '$44,090' if unchanged."""
    return usd(computed_dollars(value, printed))


def pct(value: float, digits: int = 1) -> str:
    """'12.3%'."""
    return Shown(f"{value:.{digits}f}%", round(float(value), digits) + 0.0, "percent")


def above_or_below(gap_pct: float) -> str:
    """'2.1% above' / '3.0% below'."""
    return f"{pct(abs(gap_pct))} {'above' if gap_pct >= 0 else 'below'}"


def ratio(value: float) -> str:
    """'2.11×'."""
    return Shown(f"{value:.2f}×", round(float(value), 2) + 0.0, "ratio")


def shown(value: float, unit: str) -> str:
    """A finding's value as a reader sees it: '$45,089', '12.3%', '2.00×', '93rd', '2025'."""
    if unit == "usd":
        return usd(value)
    if unit == "percent":
        return pct(value, PRECISION["percent"])
    if unit == "ratio":
        return ratio(value)
    if unit == "percentile":
        return ordinal(value)
    return str(int(value))


def ordinal(value: float) -> str:
    """'73rd' for a percentile rounded to a whole number; '99th+' above the 99th and '<1st' below the 1st (there is
    no 100th or 0th percentile)."""
    number = round(value)
    if number >= 100:
        return Shown("99th+", 100.0, "percentile")
    if number <= 0:
        return Shown("<1st", 0.0, "percentile")
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return Shown(f"{number}{suffix}", float(number), "percentile")


def signed_usd(value: float, step: int = 1) -> str:
    """'+$5,000' / '-$2,000' (to a multiple of `step` dollars)."""
    value = to_nearest(value, step)
    return Shown(f"{'+' if value >= 0 else '-'}{usd(abs(value))}", round(float(value)) + 0.0, "signed_usd")


def signed_pct(value: float, digits: int = 1) -> str:
    """'+12.5%' / '-3.0%'."""
    return Shown(f"{value:+.{digits}f}%", round(float(value), digits) + 0.0, "signed_percent")


def difference_words(difference_usd: float, difference_pct: float) -> str:
    """'+$3,000 (+7.1%)', or 'same figure' when the two figures are the same."""
    return "same figure" if difference_usd == 0 else f"{signed_usd(difference_usd)} ({signed_pct(difference_pct)})"


def usd_range(low: float, high: float, step: int = 1) -> str:
    """'$40,000–$52,000' (each end to a multiple of `step` dollars)."""
    return f"{usd(low, step)}–{usd(high, step)}"


def drawn_usd(value: float, step: int = 1) -> str:
    """'$45,000' for text drawn on a chart: the dollar sign escaped, or two of them would start matplotlib math mode."""
    return usd(value, step).replace("$", r"\$")


def money(values: pd.Series, step: int = 1) -> pd.Series:
    """'$45,000' strings (to a multiple of `step` dollars); missing values stay empty."""
    return values.map(lambda value: "" if pd.isna(value) else usd(value, step))


def signed_money(values: pd.Series, step: int = 1) -> pd.Series:
    """'+$5,000' / '-$2,000' strings (to a multiple of `step` dollars)."""
    return values.map(lambda value: "" if pd.isna(value) else signed_usd(value, step))


def derived_money(values: pd.Series, printed: pd.Series) -> pd.Series:
    """derived_usd for a column: each value against the printed figure it was derived from."""
    return pd.Series([derived_usd(value, source) for value, source in zip(values, printed, strict=True)], values.index)


def lead_over_lowest(values: pd.Series) -> pd.Series:
    """'+22.2%' for each value's lead over the lowest (in %), and 'lowest' for the lowest itself, which is not
    compared with itself."""
    return pd.Series(["lowest" if value == 0 else signed_pct(value) for value in values], index=values.index)


def percent(values: pd.Series, digits: int = 1, signed: bool = True) -> pd.Series:
    """'+12.5%' strings ('12.5%' unsigned)."""
    shown_as = signed_pct if signed else pct
    return values.map(lambda value: "" if pd.isna(value) else shown_as(value, digits))


def precision_note() -> str:
    """How precisely the report shows each kind of number, for the reader (from the declared precisions)."""
    decimals = PRECISION["percent"]
    return (
        "Dollars the article or the BLS print are shown as printed, and differences between two printed figures "
        "to the dollar (they are exact); dollars this report computes (restated with "
        f"the CPI, adjusted for local prices, read off a fitted curve, a pay band) are rounded to the nearest "
        f"{usd(COMPUTED_DOLLARS)}. Percentages have {decimals} decimal{'s' if decimals != 1 else ''}, percentiles are "
        f"whole numbers and ratios have {PRECISION['ratio']} decimals: the precision the data support."
    )
