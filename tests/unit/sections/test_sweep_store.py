"""Sections' findings over the grid kept between builds: served back only under the same key, never damaged."""

from __future__ import annotations

from medical_coding_salaries.build.cache import Cache
from medical_coding_salaries.sections import robustness, sweep_runs
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


def test_parts_keep_the_memo_and_a_second_build_reuses_it(tmp_path, monkeypatch):
    monkeypatch.setattr(robustness, "_SWEEPS", {})
    store = MemoStore(str(tmp_path), "key")
    params = parameters_with(city_baseline="Los Angeles")
    robustness.save_part(params, 0, 2, str(tmp_path / "part-0.pickle"), store)
    kept = store.load(0, 2)
    assert kept.entries and all(table[0] == "low" or table == ("midpoint", 1.0) for _, table in kept.entries)
    # With every section already known, the part computes nothing again: the memo is unchanged.
    robustness.save_part(params, 0, 2, str(tmp_path / "again.pickle"), store)
    assert store.load(0, 2).entries == kept.entries
