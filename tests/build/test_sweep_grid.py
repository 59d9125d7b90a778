"""The whole robustness grid, memoised, in parts and kept between builds: equal to the grid computed directly.

These compute the grid several times over (seconds each), so they run with the build-level tests, not in
`make test-fast`."""

from __future__ import annotations

import os

from medical_coding_salaries.build.cache import Cache
from medical_coding_salaries.clean.salaries import clean_salaries
from medical_coding_salaries.sections import robustness, summary, sweep_runs
from medical_coding_salaries.sections.sweep_store import MemoStore

from conftest import parameters_with


def grid_memo(**overrides) -> tuple[list, sweep_runs.SectionMemo]:
    memo = sweep_runs.SectionMemo()
    return sweep_runs.grid_runs(robustness.combinations(parameters_with(**overrides)), memo), memo


def test_a_kept_memo_gives_another_build_the_grid_it_would_compute(tmp_path):
    _, memo = grid_memo()
    store = MemoStore(str(tmp_path), "key")
    store.save(memo, 0, 1)
    loaded = store.load(0, 1)
    assert loaded.entries == memo.entries
    # Another city: the city section is computed again, the others come from the memo, the grid is the same.
    chicago = robustness.combinations(parameters_with(city_baseline="Chicago"))
    assert sweep_runs.grid_runs(chicago, loaded) == sweep_runs.grid_runs(chicago)
    assert len(loaded.entries[("medical_coding_salaries.sections.city", ("midpoint", 1.0))]) == 2
    assert len(loaded.entries[("medical_coding_salaries.sections.experience", ("midpoint", 1.0))]) == 1


def test_another_key_another_part_a_damaged_entry_or_no_reading_give_an_empty_memo(tmp_path):
    _, memo = grid_memo(profile_city="Houston")
    MemoStore(str(tmp_path), "key").save(memo, 1, 2)
    assert MemoStore(str(tmp_path), "key").load(1, 2).entries  # kept
    assert MemoStore(str(tmp_path), "other inputs").load(1, 2).entries == {}
    assert MemoStore(str(tmp_path), "key").load(0, 2).entries == {}
    assert MemoStore(str(tmp_path), "key", read=False).load(1, 2).entries == {}
    entry = Cache(tmp_path).path(MemoStore.name(1, 2), "key")
    entry.write_bytes(entry.read_bytes()[:-40])  # truncated
    assert MemoStore(str(tmp_path), "key").load(1, 2).entries == {}


def test_memoised_grid_equals_the_grid_computed_section_by_section():
    params = parameters_with(city_baseline="Houston", profile_level="senior", regional_prices=False)
    chosen = robustness.combinations(params)
    direct = [
        {
            finding.id: finding
            for finding in summary.all_findings(
                clean_salaries(c.range_point, c.open_top_factor),
                c,
                lambda module, frame, chosen: module.findings(frame, chosen),
            )
        }
        for c in chosen
    ]
    assert sweep_runs.grid_runs(chosen) == direct


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
