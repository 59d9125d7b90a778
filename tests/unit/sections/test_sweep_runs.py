"""The robustness grid computed cheaply: a section's findings reused only where every parameter it read is the
same, parts that join into the whole grid, and parts of stale inputs refused."""

from __future__ import annotations

import dataclasses
import os
from types import SimpleNamespace

import pytest

from medical_coding_salaries.clean.salaries import clean_salaries
from medical_coding_salaries.findings import Finding
from medical_coding_salaries.parameters import Parameters
from medical_coding_salaries.sections import robustness, summary, sweep_runs

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


def test_memoised_grid_equals_the_grid_computed_section_by_section():
    params = parameters_with(city_baseline="Houston", profile_level="senior", regional_prices=False)
    chosen = robustness.combinations(params)
    direct = [
        {finding.id: finding for finding in summary.all_findings(clean_salaries(c.range_point, c.open_top_factor), c)}
        for c in chosen
    ]
    assert sweep_runs.grid_runs(chosen) == direct


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


def test_parts_join_into_the_sweep_and_parts_of_changed_inputs_are_refused(tmp_path, monkeypatch, data_copy):
    monkeypatch.setattr(robustness, "DATA", data_copy)
    monkeypatch.setattr(robustness, "_SWEEPS", {})
    params = parameters_with(credential_baseline="CCS")
    paths = [str(tmp_path / f"part-{part}.pickle") for part in range(2)]
    for part, path in enumerate(paths):
        robustness.save_part(params, part, 2, path)
    assert robustness.remember_parts(params, paths)
    assert robustness.sweep(params).runs == tuple(sweep_runs.grid_runs(robustness.combinations(params)))
    # An input file changed after the parts were computed: they are refused, and the sweep is computed afresh.
    monkeypatch.setattr(robustness, "_SWEEPS", {})
    changed = sorted((data_copy / "raw").glob("*.csv"))[0]
    stamp = changed.stat().st_mtime_ns + 1_000_000_000
    os.utime(changed, ns=(stamp, stamp))
    assert not robustness.remember_parts(params, paths)
    assert robustness._SWEEPS == {}
    # Parts for other parameters are refused too.
    assert not robustness.remember_parts(parameters_with(credential_baseline="CPC"), paths)
