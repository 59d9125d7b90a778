"""The robustness grid computed cheaply: a section's findings reused only where every parameter it read is the
same, parts that join into the whole grid, and parts of stale inputs refused."""

from __future__ import annotations

import dataclasses
import os
from types import SimpleNamespace

import pytest

import medical_coding_salaries.paths as paths
from medical_coding_salaries.findings import Finding
from medical_coding_salaries.parameters import Parameters
from medical_coding_salaries.sections import sweep_runs

from conftest import parameters_with


def test_a_recording_copy_notes_only_the_fields_read_from_it():
    tracked, reads = sweep_runs.recording(parameters_with(city_baseline="Chicago"))
    assert isinstance(tracked, Parameters)
    assert tracked.city_baseline == "Chicago" and tracked.dollar_year == 2025
    assert reads == {"city_baseline": "Chicago", "dollar_year": 2025}
    # A copy made with replace notes nothing of its own: the fields it took from the original were noted.
    derived = dataclasses.replace(tracked, dollar_year=2020)
    assert derived.dollar_year == 2020 and derived.profile_city == tracked.profile_city
    assert reads["dollar_year"] == 2025 and "profile_city" in reads


def section(name: str, compute) -> SimpleNamespace:
    """A stand-in section module whose findings count their calls."""
    calls = []

    def findings(salaries, params):
        calls.append(params)
        return [Finding(f"{name}.x", compute(params), "usd", "s", (), name)]

    return SimpleNamespace(__name__=name, findings=findings, calls=calls)


def test_the_memo_reuses_findings_only_where_every_field_read_is_the_same():
    # Reads regional_prices, and dollar_year only when regional_prices is true: the path decides what is read.
    module = section("fake", lambda p: p.dollar_year if p.regional_prices else 0)
    memo = sweep_runs.SectionMemo()
    base = parameters_with(regional_prices=False)

    def value(params, table=("midpoint", 1.0)):
        return memo.findings(module, None, params, table)[0].value

    assert value(base) == 0
    assert value(dataclasses.replace(base, dollar_year=2022, undated_reference_year=2020)) == 0
    assert len(module.calls) == 1  # neither field was read: reused
    assert value(dataclasses.replace(base, regional_prices=True)) == 2025
    assert value(dataclasses.replace(base, regional_prices=True, dollar_year=2022)) == 2022
    assert len(module.calls) == 3  # dollar_year was read under regional_prices: recomputed
    assert value(base, table=("low", 1.0)) == 0
    assert len(module.calls) == 4  # another cleaned table: recomputed


@pytest.mark.parametrize("parts", [1, 2, 3, 4, 7])
def test_parts_cover_the_grid_once_in_order(parts):
    spans = [sweep_runs.part_range(part, parts, 18) for part in range(parts)]
    assert [index for span in spans for index in span] == list(range(18))
    with pytest.raises(ValueError):
        sweep_runs.part_range(parts, parts, 18)


def test_joined_runs_refuse_a_wrong_key_a_gap_or_an_overlap():
    runs = tuple({"a": Finding("a", float(n), "usd", "s", (), "x")} for n in range(4))
    first, second = sweep_runs.SweepPart("k", 0, runs[:2], 1.0), sweep_runs.SweepPart("k", 2, runs[2:], 1.0)
    assert sweep_runs.joined_runs("k", [second, first], 4) == runs
    assert sweep_runs.joined_runs("other", [first, second], 4) is None
    assert sweep_runs.joined_runs("k", [first], 4) is None
    assert sweep_runs.joined_runs("k", [first, first, second], 4) is None
    stale = sweep_runs.SweepPart("old", 2, runs[2:], 1.0)
    assert sweep_runs.joined_runs("k", [first, stale], 4) is None


def test_findings_are_computed_once_in_a_process_while_table_and_inputs_are_unchanged(salaries, monkeypatch, data_copy):
    monkeypatch.setattr(sweep_runs, "_IN_PROCESS", {})
    monkeypatch.setattr(paths, "DATA", data_copy)
    module = section("fake", lambda p: p.dollar_year)
    params = parameters_with()

    def value(frame):
        return sweep_runs.in_process(frame)(module, frame, params)[0].value

    assert value(salaries) == value(salaries.copy()) == 2025
    assert len(module.calls) == 1  # the same content: computed once
    changed = salaries.copy()
    changed.loc[0, "point"] += 1
    value(changed)
    assert len(module.calls) == 2  # another cleaned table: computed again
    reference_file = sorted((data_copy / "reference").glob("*.csv"))[0]
    stamp = reference_file.stat().st_mtime_ns + 1_000_000_000
    os.utime(reference_file, ns=(stamp, stamp))
    value(salaries)
    assert len(module.calls) == 3  # an input file changed: computed again
