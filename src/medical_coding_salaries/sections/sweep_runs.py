"""The robustness grid computed cheaply: each section's findings once per set of values it reads, and the grid in
parts that separate processes (the build's kernels) compute side by side and then join.

Most sections never read `undated_reference_year`, so of the grid's 18 combinations they need only the 6 distinct
cleaned tables. Rather than declare by hand which parameters each section reads (and be wrong once someone edits a
section), a section runs on a copy of the parameters that notes each field read from it; its findings are reused for
a later combination with the same cleaned table and the same values of every field noted. A section is a pure
function of the cleaned table, the parameters and the unchanging reference data, so it then computes exactly the same
findings: it would take the same path, reading the same fields and getting the same values.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from types import ModuleType
from typing import Any

import pandas as pd

from medical_coding_salaries.findings import Finding
from medical_coding_salaries.parameters import Parameters

FIELDS = frozenset(item.name for item in fields(Parameters))


class _Recording(Parameters):
    """Parameters that note in `_reads` each field read from them. A copy made from one (`dataclasses.replace`)
    notes nothing: its values came from fields of this one, which were noted as it was made."""

    def __getattribute__(self, name: str) -> Any:
        value = object.__getattribute__(self, name)
        if name in FIELDS:
            reads = object.__getattribute__(self, "__dict__").get("_reads")
            if reads is not None:
                reads[name] = value
        return value


def recording(params: Parameters) -> tuple[Parameters, dict[str, Any]]:
    """A copy of `params` and the dict in which it notes the fields read from it (name: value)."""
    reads: dict[str, Any] = {}
    copy = _Recording(**params.as_dict())
    object.__setattr__(copy, "_reads", reads)  # frozen dataclass: set past its __setattr__
    return copy, reads


SectionFindings = Callable[[ModuleType, pd.DataFrame, Parameters], list[Finding]]


@dataclass
class SectionMemo:
    """Sections' findings by (section, cleaned table's key), each with the parameter values it was computed from."""

    entries: dict[tuple[str, Any], list[tuple[dict[str, Any], list[Finding]]]] = field(default_factory=dict)

    def findings(self, module: ModuleType, salaries: pd.DataFrame, params: Parameters, table: Any) -> list[Finding]:
        """`module.findings(salaries, params)`, reused when `table` (what `salaries` was cleaned by) and every
        parameter the section read last time are the same."""
        known = self.entries.setdefault((module.__name__, table), [])
        for reads, found in known:
            if all(getattr(params, name) == value for name, value in reads.items()):
                return found
        tracked, reads = recording(params)
        found = module.findings(salaries, tracked)
        known.append((reads, found))
        return found

    def for_table(self, table: Any) -> SectionFindings:
        """The memo as `summary.all_findings` calls a section, for salaries cleaned by `table`."""
        return lambda module, salaries, params: self.findings(module, salaries, params, table)

    def records(self) -> list[dict[str, Any]]:
        """The entries as JSON-ready records (a finding as `Finding.as_dict` gives it)."""
        return [
            {"section": name, "table": list(table), "reads": reads, "findings": [item.as_dict() for item in found]}
            for (name, table), known in self.entries.items()
            for reads, found in known
        ]

    @classmethod
    def from_records(cls, records: list[dict[str, Any]]) -> SectionMemo:
        """The memo `records` describe (see `records`)."""
        memo = cls()
        for record in records:
            found = [finding_of(item) for item in record["findings"]]
            memo.entries.setdefault((record["section"], tuple(record["table"])), []).append((record["reads"], found))
        return memo


# Sections' findings computed in this process: a kernel runs several notebooks that state the same findings (the
# summary, the appendix, each section's answer), and each would otherwise compute them again.
_IN_PROCESS: dict[tuple, SectionMemo] = {}


def in_process(salaries: pd.DataFrame) -> SectionFindings:
    """Sections' findings for `salaries`, each computed once in this process per set of values of the parameters it
    reads (SectionMemo), as long as the input files (the reference data the sections read) are unchanged."""
    from medical_coding_salaries.sections.memo import content_key, inputs_state

    key = (content_key(salaries), inputs_state())
    return _IN_PROCESS.setdefault(key, SectionMemo()).for_table(key)


def finding_of(record: dict[str, Any]) -> Finding:
    """A Finding from its `as_dict` record."""
    return Finding(**{**record, "sources": tuple(record["sources"])})


def grid_runs(chosen: list[Parameters], memo: SectionMemo | None = None) -> list[dict[str, Finding]]:
    """Every finding (by id) under each of the `chosen` parameters, sections' findings shared where they can be
    (with those `memo` holds already, which it then holds too)."""
    from medical_coding_salaries.clean.salaries import clean_salaries
    from medical_coding_salaries.sections import summary

    memo, runs = memo if memo is not None else SectionMemo(), []
    for combination in chosen:
        table = (combination.range_point, combination.open_top_factor)
        salaries = clean_salaries(*table)
        found = summary.all_findings(salaries, combination, memo.for_table(table))
        runs.append({finding.id: finding for finding in found})
    return runs


def part_range(part: int, parts: int, total: int) -> range:
    """The combinations of part `part` of `parts`: consecutive ones, so that a part holds whole groups of
    combinations sharing one cleaned table (the grid's last axis varies fastest)."""
    if not 0 <= part < parts:
        raise ValueError(f"part {part} of {parts}")
    return range(part * total // parts, (part + 1) * total // parts)


@dataclass(frozen=True)
class SweepPart:
    """Runs `first`, `first + 1`, ... of the grid, computed for the inputs that `key` names."""

    key: tuple
    first: int
    runs: tuple[dict[str, Finding], ...]
    seconds: float


def compute_part(
    key: tuple, chosen: list[Parameters], part: int, parts: int, memo: SectionMemo | None = None
) -> SweepPart:
    """Part `part` of `parts` of the grid `chosen` (every combination, in order)."""
    started = time.perf_counter()
    span = part_range(part, parts, len(chosen))
    runs = grid_runs([chosen[index] for index in span], memo)
    return SweepPart(key, span.start, tuple(runs), time.perf_counter() - started)


def joined_runs(key: tuple, parts: list[SweepPart], total: int) -> tuple[dict[str, Finding], ...] | None:
    """The runs of the whole grid from its parts, or None unless the parts were computed for `key` and cover
    the grid exactly once, in order."""
    ordered = sorted(parts, key=lambda part: part.first)
    if any(part.key != key for part in ordered):
        return None
    runs: list[dict[str, Finding]] = []
    for part in ordered:
        if part.first != len(runs):
            return None
        runs.extend(part.runs)
    return tuple(runs) if len(runs) == total else None
