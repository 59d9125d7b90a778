"""Publishing the outputs together: an interrupt during the moves waits until all are in place, whichever thread of
a process with threads the system hands the signal to."""

from __future__ import annotations

import os
import signal
import threading
from pathlib import Path

import pytest

from medical_coding_salaries import paths


def test_an_interrupt_during_the_moves_is_held_until_every_output_is_in_place(tmp_path: Path, monkeypatch) -> None:
    outputs = {tmp_path / f"out-{n}.txt": f"new {n}".encode() for n in range(3)}
    for path in outputs:
        path.write_text("old")
    stop = threading.Event()
    other = threading.Thread(target=stop.wait, daemon=True)  # the build has threads: the signal may go to this one
    other.start()
    moves = []
    replace = os.replace

    def replace_then_interrupt(source, target):
        replace(source, target)
        moves.append(target)
        if len(moves) == 1:
            os.kill(os.getpid(), signal.SIGINT)
            os.kill(os.getpid(), signal.SIGTERM)
            [None for _ in range(100_000)]  # let Python run its handlers, were any left in place

    monkeypatch.setattr(paths.os, "replace", replace_then_interrupt)
    try:
        held = paths.publish_together(outputs)
    finally:
        stop.set()
    assert sorted(held) == sorted([signal.SIGINT, signal.SIGTERM])
    assert [path.read_bytes() for path in outputs] == list(outputs.values())
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # handlers restored
    assert list(tmp_path.glob(".*.tmp")) == []


def test_writing_one_file_delivers_the_held_interrupt_once_it_is_in_place(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "salaries.csv"
    replace = os.replace

    def replace_then_interrupt(source, destination):
        replace(source, destination)
        os.kill(os.getpid(), signal.SIGINT)

    monkeypatch.setattr(paths.os, "replace", replace_then_interrupt)
    with pytest.raises(KeyboardInterrupt):
        paths.write_atomically(target, b"a,b\n")
    assert target.read_bytes() == b"a,b\n"


def test_an_interrupt_during_the_writes_changes_nothing_and_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch
) -> None:
    outputs = {tmp_path / f"out-{n}.txt": f"new {n}".encode() for n in range(3)}
    for path in outputs:
        path.write_text("old")
    written = []
    write_temporary = paths.write_temporary

    def write_then_interrupt(path: Path, data: bytes) -> Path:
        written.append(write_temporary(path, data))
        os.kill(os.getpid(), signal.SIGINT)
        [None for _ in range(100_000)]  # let Python run its handler, were the usual one in place
        return written[-1]

    monkeypatch.setattr(paths, "write_temporary", write_then_interrupt)
    with pytest.raises(KeyboardInterrupt):
        paths.publish_together(outputs)
    assert len(written) == 1  # the writes stopped at the interrupt
    assert [path.read_text() for path in outputs] == ["old"] * 3
    assert list(tmp_path.glob(".*.tmp")) == []
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_interrupts_held_delivers_the_first_signal_after_the_block(monkeypatch) -> None:
    steps = []
    with pytest.raises(KeyboardInterrupt), paths.interrupts_held() as held:
        os.kill(os.getpid(), signal.SIGINT)
        [None for _ in range(100_000)]
        steps.append(list(held))  # the block went on to its end
    assert steps == [[signal.SIGINT]]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_interrupts_held_in_another_thread_sets_no_handler() -> None:
    seen = []

    def block() -> None:
        with paths.interrupts_held() as held:
            seen.append((held, signal.getsignal(signal.SIGINT)))

    worker = threading.Thread(target=block)
    worker.start()
    worker.join()
    assert seen == [([], signal.default_int_handler)]
