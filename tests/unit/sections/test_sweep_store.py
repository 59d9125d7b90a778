"""Sections' findings over the grid kept between builds: served back only under the same key, never damaged."""

from __future__ import annotations

from medical_coding_salaries.sections import robustness
from medical_coding_salaries.sections.sweep_store import MemoStore

from conftest import parameters_with


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
