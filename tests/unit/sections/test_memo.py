"""The sections' helpers computed once per process per content of their arguments, never handing out a result that
a caller's change, another table or a changed input file would make wrong."""

from __future__ import annotations

import os

import pandas as pd
import pytest

import medical_coding_salaries.paths as paths
from medical_coding_salaries.sections import memo


@pytest.fixture
def counted(monkeypatch, data_copy):
    """A remembered helper that counts its calls, with an empty memo and a writable data folder."""
    monkeypatch.setattr(memo, "_RESULTS", {})
    monkeypatch.setattr(paths, "DATA", data_copy)
    calls = []

    @memo.remembered
    def total(frame: pd.DataFrame, column: str, scale: float = 1.0) -> pd.DataFrame:
        calls.append(column)
        return pd.DataFrame({"total": [frame[column].sum() * scale]})

    return total, calls, data_copy


def test_equal_content_is_computed_once(counted):
    total, calls, _ = counted
    frame = pd.DataFrame({"a": [1.0, 2.0]})
    assert total(frame, "a").loc[0, "total"] == 3.0
    assert total(frame.copy(), "a").loc[0, "total"] == 3.0  # another object, the same content
    assert total(frame, column="a").loc[0, "total"] == 3.0  # a keyword is another call: computed, then kept
    assert len(calls) == 2
    assert total(frame, "a", 2.0).loc[0, "total"] == 6.0
    assert len(calls) == 3


def test_other_content_or_a_changed_input_file_is_computed_again(counted):
    total, calls, data = counted
    frame = pd.DataFrame({"a": [1.0, 2.0]})
    total(frame, "a")
    assert total(pd.DataFrame({"a": [1.0, 5.0]}), "a").loc[0, "total"] == 6.0
    assert len(calls) == 2
    changed = sorted((data / "reference").glob("*.csv"))[0]
    stamp = changed.stat().st_mtime_ns + 1_000_000_000
    os.utime(changed, ns=(stamp, stamp))
    total(frame, "a")
    assert len(calls) == 3


def test_a_caller_changing_its_result_changes_nothing_kept(counted):
    total, _, _ = counted
    frame = pd.DataFrame({"a": [1.0, 2.0]})
    first = total(frame, "a")
    first.loc[0, "total"] = -1
    assert total(frame, "a").loc[0, "total"] == 3.0


def test_an_unhashable_argument_is_refused():
    @memo.remembered
    def size(values: list) -> int:
        return len(values)

    with pytest.raises(TypeError):
        size([1, 2])


def test_the_input_state_covers_every_input_file_and_no_other(data_copy):
    state = paths.input_state(data_copy)
    assert [entry[0] for entry in state] == [str(path) for path in paths.input_files(data_copy)]
    assert all(size == os.stat(name).st_size for name, size, _ in state)
    (data_copy / "raw" / ".gitkeep").write_text("")
    assert paths.input_state(data_copy) == state  # a dotfile is not an input
    (data_copy / "reference" / "extra.csv").write_text("a\n1\n")
    assert len(paths.input_state(data_copy)) == len(state) + 1
