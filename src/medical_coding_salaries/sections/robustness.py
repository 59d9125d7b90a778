"""How robust each finding is to the report's assumptions: every finding computed under every combination of a
declared grid of them, in this process, from the same functions the sections use.

The grid is GRID (range_point x open_top_factor x undated_reference_year, 18 combinations); every other
parameter stays as the build chose it. A finding's sensitivity is the smallest and largest value it takes over
the combinations in which it exists, and its own value at the build's parameters (which may lie outside the grid,
say open_top_factor 1.2), so that low <= value <= high always; `runs` counts the combinations in which it exists
(18 for every finding today: a finding absent from some would show fewer).
"""

from __future__ import annotations

import itertools
import pickle
import time
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pandas as pd

from medical_coding_salaries.findings import Finding, rounded
from medical_coding_salaries.parameters import Parameters
from medical_coding_salaries.paths import DATA, input_state
from medical_coding_salaries.present.numbers import shown
from medical_coding_salaries.present.show import Prose
from medical_coding_salaries.sections import sweep_runs
from medical_coding_salaries.sections.sweep_store import MemoStore

GRID: dict[str, tuple[Any, ...]] = {
    "range_point": ("low", "midpoint", "high"),
    "open_top_factor": (1.0, 1.5),
    "undated_reference_year": (2020, 2021, 2022),
}
COMBINATIONS = int(np.prod([len(values) for values in GRID.values()]))


@dataclass(frozen=True)
class Sweep:
    """Every finding under every combination of GRID: `runs[i]` maps finding id to Finding for combination i."""

    combinations: tuple[dict[str, Any], ...]
    runs: tuple[dict[str, Finding], ...]
    seconds: float

    def values(self, finding_id: str) -> list[float]:
        return [run[finding_id].value for run in self.runs if finding_id in run]

    def sensitivity(self, finding: Finding) -> dict[str, Any]:
        """{"low", "high", "runs"}: over the grid and the finding's own value, rounded like the value."""
        values = [*self.values(finding.id), finding.value]
        return {
            "low": rounded(min(values), finding.unit),
            "high": rounded(max(values), finding.unit),
            "runs": len(values) - 1,
        }

    def describe(self) -> str:
        """'18 combinations of range_point (3) x open_top_factor (2) x undated_reference_year (3) in 4.1 s'."""
        axes = " x ".join(f"{name} ({len(values)})" for name, values in GRID.items())
        return f"{len(self.runs)} combinations of {axes} in {self.seconds:.1f} s"


def combinations(params: Parameters) -> list[Parameters]:
    """The build's parameters under each combination of GRID."""
    return [replace(params, **dict(zip(GRID, values, strict=True))) for values in itertools.product(*GRID.values())]


# Sweeps by sweep_key: the summary and the robustness notebooks, when one kernel runs both, ask for the same one.
_SWEEPS: dict[tuple, Sweep] = {}


def sweep_key(params: Parameters) -> tuple:
    """What a sweep is computed from: the parameters, and the input files with their sizes and modification times."""
    return (params, input_state(DATA))


def grid_of(chosen: list[Parameters], runs: tuple[dict[str, Finding], ...], seconds: float) -> Sweep:
    return Sweep(tuple({name: getattr(combination, name) for name in GRID} for combination in chosen), runs, seconds)


def sweep(params: Parameters) -> Sweep:
    """Every finding of summary.all_findings under every combination of GRID (computed once per process, or
    handed in by the build: `remember_parts`)."""
    key = sweep_key(params)
    if key not in _SWEEPS:
        started = time.perf_counter()
        chosen = combinations(params)
        runs = tuple(sweep_runs.grid_runs(chosen))
        _SWEEPS[key] = grid_of(chosen, runs, time.perf_counter() - started)
    return _SWEEPS[key]


def save_part(params: Parameters, part: int, parts: int, path: str, store: MemoStore | None = None) -> None:
    """The build's cell, outside any notebook: compute part `part` of `parts` of the grid in this process and
    pickle it to `path` (in the build's scratch folder), for the build's other kernels. With `store`, sections'
    findings computed by an earlier build from the same inputs are reused, and those computed now kept."""
    memo = store.load(part, parts) if store is not None else None
    computed = sweep_runs.compute_part(sweep_key(params), combinations(params), part, parts, memo)
    with open(path, "wb") as file:
        pickle.dump(computed, file)
    if store is not None and memo is not None:
        store.save(memo, part, parts)


def remember_parts(params: Parameters, paths: list[str]) -> bool:
    """The build's cell: join the parts the kernels pickled into this process's sweep for `params`; whether
    they made the whole grid for these parameters and inputs (if not, a notebook computes the sweep itself)."""
    key, chosen = sweep_key(params), combinations(params)
    parts = []
    for path in paths:
        with open(path, "rb") as file:
            parts.append(pickle.load(file))
    runs = sweep_runs.joined_runs(key, parts, len(chosen))
    if runs is not None:
        _SWEEPS[key] = grid_of(chosen, runs, sum(part.seconds for part in parts))
    return runs is not None


def direction(finding: Finding) -> int:
    """The sign of a finding's claim: above or below 1 for a ratio, the median for a percentile, 0 otherwise."""
    centre = {"ratio": 1.0, "percentile": 50.0}.get(finding.unit, 0.0)
    return int(np.sign(finding.value - centre)) if finding.unit != "year" else finding.value


def claim(finding: Finding) -> tuple:
    """What a finding asserts, beyond its size: its direction and the names it ranks (text in its `extra`)."""
    names = tuple(sorted((key, value) for key, value in finding.extra.items() if isinstance(value, str)))
    return (direction(finding), names)


def holds(finding: Finding, found: Sweep) -> bool:
    """Whether the finding's claim is the same in every combination (and the finding exists in each)."""
    return all(finding.id in run and claim(run[finding.id]) == claim(finding) for run in found.runs)


def headline_table(found_here: list[Finding], found: Sweep) -> pd.DataFrame:
    """For each headline finding: value at this build's parameters, low and high over the grid, whether it holds."""
    from medical_coding_salaries.sections import summary

    rows = []
    for finding in summary.headlines(found_here):
        spread = found.sensitivity(finding)
        rows.append(
            (
                summary.label_of(finding),
                shown(finding.value, finding.unit),
                shown(spread["low"], finding.unit),
                shown(spread["high"], finding.unit),
                "yes" if holds(finding, found) else "no",
            )
        )
    return pd.DataFrame(rows, columns=["Finding", "This build", "Lowest", "Highest", "Claim holds in every run"])


def describe_grid(found: Sweep) -> Prose:
    """What the grid is and what 'holds' means."""
    axes = "; ".join(f"`{name}` in {{{', '.join(map(str, values))}}}" for name, values in GRID.items())
    return Prose(
        f"Every finding of the report is computed again under each of the {len(found.runs)} combinations of {axes}, "
        "every other parameter as this build chose it. A finding's claim holds when, in every combination, it keeps "
        "its direction (a gap above or below zero, a ratio above or below 1, a percentile above or below the median) "
        "and names the same cities or levels."
    )


def summary_sentence(found_here: list[Finding], found: Sweep, link: bool = True) -> Prose:
    """Which headline findings hold under every choice of the grid and which do not."""
    from medical_coding_salaries.sections import summary

    chosen = summary.headlines(found_here)
    steady = [summary.label_of(finding) for finding in chosen if holds(finding, found)]
    moving = [summary.label_of(finding).lower() for finding in chosen if not holds(finding, found)]
    text = (
        f"Of the {len(chosen)} headline findings, {len(steady)} hold under every one of the {len(found.runs)} "
        f"combinations of range rule, open-top factor and year of the undated tables"
    )
    if moving:
        text += f"; the {' and the '.join(moving)} {'does' if len(moving) == 1 else 'do'} not"
    return Prose(text + (" ([section](#section-robustness))." if link else "."))


def spread_table(found_here: list[Finding], found: Sweep) -> pd.DataFrame:
    """Every finding with its value and its low and high over the grid, for the appendix or the workbook."""
    rows = []
    for finding in found_here:
        spread = found.sensitivity(finding)
        rows.append(
            (
                finding.id,
                shown(finding.value, finding.unit),
                shown(spread["low"], finding.unit),
                shown(spread["high"], finding.unit),
            )
        )
    return pd.DataFrame(rows, columns=["Finding", "This build", "Lowest", "Highest"])
