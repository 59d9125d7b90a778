"""Findings: a computed value, its unit, the sentence that reports it and the raw rows it came from."""

from __future__ import annotations

from collections.abc import Sized
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Unit = Literal["usd", "percent", "ratio", "percentile", "year"]
# Decimals each unit is stored and shown with: what the data support, and few enough that the last bits of a
# floating-point result (which differ between CPUs and BLAS kernels) never reach an output.
PRECISION: dict[str, int] = {"usd": 0, "percent": 1, "ratio": 2, "percentile": 0, "year": 0}
# Dollars the report computes (restated with the CPI, adjusted by price parities, read off a fitted curve, a pay
# band) rest on inputs with three or four significant figures: they are stored and shown to the nearest $100.
COMPUTED_DOLLARS = 100
# Numbers inside a finding's `extra` (fit parameters, signed gaps, factors) are kept to two decimals.
EXTRA_DECIMALS = 2


def table_of(record: str) -> str:
    """'T2' for the record 'T2.4': the table (or prose, 'P1') a raw row belongs to."""
    return record.split(".")[0]


def rounded(value: float, unit: str) -> float | int:
    """`value` at its unit's declared precision; whole units become int, so JSON shows 45089, not 45089.0."""
    decimals = PRECISION[unit]
    return int(round(value)) if decimals == 0 else round(float(value), decimals) + 0.0  # + 0.0: no "-0.0"


def to_nearest(value: float, step: int) -> float:
    """`value` rounded to a multiple of `step` (halves to even, as Python rounds): to_nearest(51_683, 100) = 51_700."""
    return float(round(value / step) * step) if step != 1 else float(value)


def computed_dollars(value: float, printed: float) -> float:
    """A dollar figure the report derived from a printed one (restated, adjusted, scaled) at its precision: to the
    nearest COMPUTED_DOLLARS, unless the derivation left it as printed (a factor of 1), which keeps every digit."""
    return float(printed) if value == printed else to_nearest(value, COMPUTED_DOLLARS)


def rounded_extra(value: Any) -> Any:
    """Every float inside `value` (nested lists and dicts too) rounded to EXTRA_DECIMALS."""
    if isinstance(value, float):
        return round(value, EXTRA_DECIMALS) + 0.0
    if isinstance(value, dict):
        return {key: rounded_extra(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [rounded_extra(item) for item in value]
    return value


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

    def __post_init__(self) -> None:
        # Rounded at the source: every output (notebook, JSON, report) then holds the same bytes on any machine.
        object.__setattr__(self, "value", rounded(self.value, self.unit))
        object.__setattr__(self, "extra", rounded_extra(dict(self.extra)))

    def as_dict(self) -> dict[str, Any]:
        record = asdict(self)
        record["sources"] = list(self.sources)
        return record


def reference_row(file: str, period: object) -> str:
    """A source in data/reference/: the file and the reference period of its row, e.g. 'cpi_u_annual.csv:2020'."""
    return f"{file}:{period}"


def share_pct(part: Sized, whole: Sized) -> float:
    """How many of `whole` are in `part`, in percent: 3 of 12 is 25.0."""
    return len(part) / len(whole) * 100
