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


def test_the_seal_exists_only_when_every_output_is_in_place(tmp_path: Path, monkeypatch) -> None:
    """The build's record is the seal: removed before the first move, moved last. A move that fails half-way (as a
    SIGKILL would stop it) leaves no record, so the next build rebuilds whatever it is asked for."""
    outputs = {tmp_path / "report.html": b"new html", tmp_path / "report.pdf": b"new pdf", tmp_path / "record": b"new"}
    for path in outputs:
        path.write_text("old")
    replace = os.replace

    def fail_on_the_second_move(source, target):
        if Path(target).name == "report.pdf":
            raise OSError(28, "No space left on device", str(target))
        replace(source, target)

    monkeypatch.setattr(paths.os, "replace", fail_on_the_second_move)
    with pytest.raises(OSError):
        paths.publish_together(outputs, seal=tmp_path / "record")
    assert (tmp_path / "report.html").read_bytes() == b"new html"  # a mixed set...
    assert not (tmp_path / "record").exists()  # ...that no record vouches for
    assert list(tmp_path.glob(".*.tmp")) == []
    monkeypatch.setattr(paths.os, "replace", replace)
    paths.publish_together(outputs, seal=tmp_path / "record")
    assert [path.read_bytes() for path in outputs] == list(outputs.values())


def test_a_signal_held_in_a_block_that_fails_is_still_delivered() -> None:
    with pytest.raises(KeyboardInterrupt), paths.interrupts_held():
        os.kill(os.getpid(), signal.SIGINT)
        [None for _ in range(100_000)]
        raise OSError(28, "No space left on device")


def test_sighup_is_held_during_the_moves_too(tmp_path: Path, monkeypatch) -> None:
    outputs = {tmp_path / f"out-{n}.txt": f"new {n}".encode() for n in range(3)}
    replace = os.replace

    def replace_then_hang_up(source, target):
        replace(source, target)
        if Path(target).name == "out-0.txt":
            os.kill(os.getpid(), signal.SIGHUP)
            [None for _ in range(100_000)]

    monkeypatch.setattr(paths.os, "replace", replace_then_hang_up)
    previous = signal.signal(signal.SIGHUP, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt))
    try:
        held = paths.publish_together(outputs)
    finally:
        signal.signal(signal.SIGHUP, previous)
    assert held == [signal.SIGHUP]
    assert [path.read_bytes() for path in outputs] == list(outputs.values())
