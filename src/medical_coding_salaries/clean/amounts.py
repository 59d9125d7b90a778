"""Parse the article's salary amounts ("$34,000 – $42,000", "$90,000+", "between $43,000 and $57,000")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from medical_coding_salaries.clean.labels import check_drawable
from medical_coding_salaries.errors import InputParseError

RangePoint = Literal["low", "midpoint", "high"]
# Each range point rule in words, for labels and sentences.
POINT_WORDS = {"low": "low end", "midpoint": "midpoint", "high": "high end"}

# ASCII digits only: \d would also take Arabic-Indic and other digits, which float() reads without complaint
# (the character check refuses them first, but the pattern should not depend on it).
_DOLLARS = r"\$\s?([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)"
_SINGLE = re.compile(rf"^{_DOLLARS}(\+)?$")
# Hyphen, en dash, em dash and "to" all appear in salary tables as range separators.
_RANGE = re.compile(rf"^{_DOLLARS}\s*(?:-|–|—|to)\s*{_DOLLARS}(\+)?$")
_BETWEEN = re.compile(rf"^between\s+{_DOLLARS}\s+and\s+{_DOLLARS}(?:\s+per year)?$", re.IGNORECASE)

# The lowest and highest US annual salary, in dollars a year, that the report believes a table could state.
# A full-time year at the federal minimum wage ($7.25 x 2,080 hours) is about $15,000, and the 90th percentile
# of medical records specialists is about $81,000 (BLS OEWS, May 2025); the bounds leave a wide margin either
# side, so they catch only a lost or extra digit, an hourly or monthly figure, or a figure in cents.
PLAUSIBLE_SALARY = (10_000, 500_000)


@dataclass(frozen=True)
class Amount:
    """A parsed amount: a single figure has low == high; an open top ("+") has no stated ceiling."""

    low: float
    high: float
    open_top: bool

    @property
    def is_range(self) -> bool:
        return self.low != self.high


def _dollars(text: str) -> float:
    return float(text.replace(",", ""))


def parse_amount(text: str) -> Amount:
    """Parse one amount as printed; raise InputParseError saying why it does not parse or is not plausible."""
    cleaned = " ".join(check_drawable(text, "amount").split())
    if match := _SINGLE.match(cleaned):
        value = _dollars(match.group(1))
        return checked_amount(Amount(value, value, bool(match.group(2))), text)
    if match := (_RANGE.match(cleaned) or _BETWEEN.match(cleaned)):
        low, high = _dollars(match.group(1)), _dollars(match.group(2))
        open_top = match.re is _RANGE and bool(match.group(3))
        return checked_amount(Amount(low, high, open_top), text)
    raise InputParseError(f"amount {text!r} is not a dollar figure or range such as '$45,000' or '$34,000 – $42,000'")


def checked_amount(amount: Amount, text: str) -> Amount:
    """`amount` if both ends are positive, plausible and in order; else InputParseError quoting `text`."""
    floor, ceiling = PLAUSIBLE_SALARY
    if amount.low <= 0 or amount.high <= 0:
        raise InputParseError(f"amount {text!r} must be positive")
    if not all(floor <= value <= ceiling for value in (amount.low, amount.high)):
        raise InputParseError(
            f"amount {text!r} is outside the plausible range for a US annual salary (${floor:,} to ${ceiling:,})"
        )
    if amount.low > amount.high:
        raise InputParseError(f"low {amount.low:,.0f} is above high {amount.high:,.0f} in {text!r}")
    return amount


def point_value(low: float, high: float, open_top: bool, rule: RangePoint, open_top_factor: float = 1.0) -> float:
    """One number for a range: its low end, midpoint or high end; an open top is first raised by the factor."""
    top = high * open_top_factor if open_top else high
    if rule == "low":
        return low
    if rule == "high":
        return top
    if rule == "midpoint":
        return (low + top) / 2
    raise ValueError(f"unknown range point rule {rule!r}: use low, midpoint or high")
