"""Findings: a computed value, its unit, the sentence that reports it and the raw rows it came from."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Unit = Literal["usd", "percent", "ratio", "percentile", "year"]


@dataclass(frozen=True)
class Finding:
    """One reported number; `sentence` is formatted from `value`, never typed by hand."""

    id: str
    value: float
    unit: Unit
    sentence: str
    sources: tuple[str, ...]  # raw record ids (T2.4) and reference rows (file.csv:period)
    section: str
    extra: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        record = asdict(self)
        record["sources"] = list(self.sources)
        return record


def reference_row(file: str, period: object) -> str:
    """A source in data/reference/: the file and the reference period of its row, e.g. 'cpi_u_annual.csv:2020'."""
    return f"{file}:{period}"


def usd(value: float) -> str:
    """'$12,345' (rounded to the dollar; negative as '-$12,345')."""
    return f"-${abs(value):,.0f}" if value < 0 else f"${value:,.0f}"


def pct(value: float, digits: int = 1) -> str:
    """'12.3%'."""
    return f"{value:.{digits}f}%"


def above_or_below(gap_pct: float) -> str:
    """'2.1% above' / '3.0% below'."""
    return f"{pct(abs(gap_pct))} {'above' if gap_pct >= 0 else 'below'}"


def ratio(value: float) -> str:
    """'2.11×'."""
    return f"{value:.2f}×"


def ordinal(value: float) -> str:
    """'73rd' for a percentile rounded to a whole number."""
    number = round(value)
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"
