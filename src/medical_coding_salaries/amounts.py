"""Parse the article's salary amounts ("$34,000 – $42,000", "$90,000+", "between $43,000 and $57,000")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

RangePoint = Literal["low", "midpoint", "high"]

_DOLLARS = r"\$\s?(\d{1,3}(?:,\d{3})+|\d+)"
_SINGLE = re.compile(rf"^{_DOLLARS}(\+)?$")
# Hyphen, en dash, em dash and "to" all appear in salary tables as range separators.
_RANGE = re.compile(rf"^{_DOLLARS}\s*(?:-|–|—|to)\s*{_DOLLARS}(\+)?$")
_BETWEEN = re.compile(rf"^between\s+{_DOLLARS}\s+and\s+{_DOLLARS}(?:\s+per year)?$", re.IGNORECASE)


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
    """Parse one amount as printed; raise ValueError saying why it does not parse."""
    cleaned = " ".join(text.split())
    if match := _SINGLE.match(cleaned):
        value = _dollars(match.group(1))
        return Amount(value, value, bool(match.group(2)))
    if match := (_RANGE.match(cleaned) or _BETWEEN.match(cleaned)):
        low, high = _dollars(match.group(1)), _dollars(match.group(2))
        open_top = match.re is _RANGE and bool(match.group(3))
        return Amount(low, high, open_top)
    raise ValueError(f"amount {text!r} is not a dollar figure or range such as '$45,000' or '$34,000 – $42,000'")


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
