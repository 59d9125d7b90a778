"""Every path of the project, anchored to this package's location, never to the working directory."""

import contextlib
import os
import signal
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

PACKAGE_DIR = Path(__file__).resolve().parent
ROOT = PACKAGE_DIR.parents[1]
# Tests point this at a corrupted copy of data/; notebooks' kernels inherit it from the build.
DATA = Path(os.environ.get("MEDICAL_CODING_SALARIES_DATA", ROOT / "data"))
RAW = DATA / "raw"
PROCESSED = DATA / "processed"
REFERENCE = DATA / "reference"
NOTEBOOKS = ROOT / "notebooks"
REPORT = ROOT / "report"
DEFAULT_PARAMETERS = ROOT / "params.yaml"
MANIFEST = RAW / "manifest.csv"
PROCESSED_SALARIES = PROCESSED / "salaries.csv"


def notebook_paths() -> list[Path]:
    """The report's notebooks, in the order their numbers give."""
    return sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


def shown_path(path: Path) -> str:
    """`path` as messages show it: relative to the project's folder where it lies inside it."""
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def input_entries(data: Path = DATA) -> list[os.DirEntry[str]]:
    """Every raw and reference file the report reads, by path (dotfiles such as .gitkeep aside; a missing folder
    holds none). One walk with os.scandir, a third of pathlib's time: the sections' memo asks for the files' state
    hundreds of times a build."""
    found: list[os.DirEntry[str]] = []
    for folder in ("raw", "reference"):
        with contextlib.suppress(FileNotFoundError), os.scandir(data / folder) as entries:
            found.extend(entry for entry in entries if not entry.name.startswith(".") and entry.is_file())
    return sorted(found, key=lambda entry: entry.path)


def input_files(data: Path = DATA) -> list[Path]:
    """Every raw and reference file the report reads, in a stable order (see `input_entries`)."""
    return [Path(entry.path) for entry in input_entries(data)]


def input_state(data: Path = DATA) -> tuple[tuple[str, int, int], ...]:
    """Every input file with its size and modification time: what in-process results computed from the inputs are
    kept by (a change to any file makes them stale)."""
    return tuple(
        (entry.path, stat.st_size, stat.st_mtime_ns) for entry in input_entries(data) for stat in [entry.stat()]
    )


def write_temporary(path: Path, data: bytes) -> Path:
    """`data` in a temporary file beside `path` (`.NAME.XXXX.tmp`, so a later build can sweep leftovers)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)  # mkstemp creates 0600; published files follow the umask
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return Path(temporary)


# What stops a build: Ctrl-C, `kill` (or make passing on its own SIGTERM), the terminal closing.
STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))


@contextlib.contextmanager
def interrupts_held(deliver: bool = True) -> Iterator[list[int]]:
    """The stop signals (SIGINT, SIGTERM, SIGHUP) only noted while the block runs, in the list it yields. With
    `deliver`, the first one noted is raised once the block is over and the usual handlers are back, even when the
    block failed: an interrupt is never lost. Files the block creates are then complete or cleaned up, never left
    behind by an interrupt between two statements.

    The signals are held by Python handlers: a process with threads may have the system deliver a signal to any of
    them, but Python runs its handlers, and raises KeyboardInterrupt, only in the main thread. Elsewhere nothing
    needs holding (and no handler can be set)."""
    held: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield held
        return
    previous: dict[int, Any] = {}
    try:
        for signum in STOP_SIGNALS:
            previous[signum] = signal.signal(signum, lambda number, _frame: held.append(number))
        yield held
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        if deliver and held:
            signal.raise_signal(held[0])


def publish_together(outputs: dict[Path, bytes], seal: Path | None = None) -> list[int]:
    """Write every output to a temporary file, then move them all into place, with the stop signals held back
    throughout: an interrupt during the writes stops before the first move (nothing changed, the temporary files
    removed, KeyboardInterrupt raised); one during the moves waits for the last (all changed). Returns the signals held
    back during the moves, for the caller to act on (they no longer mean the outputs are the old ones).

    `seal`, the last of the outputs if given (the build's record of what the report was built from), is removed
    before the first move and moved last: it exists only when every output it vouches for is in place, even after a
    SIGKILL between two moves."""
    if seal is not None and list(outputs)[-1] != seal:
        raise ValueError(f"the seal {seal} must be the last output")
    temporaries: list[Path] = []
    moved = False
    with interrupts_held(deliver=False) as held:
        try:
            for path, data in outputs.items():
                if held:
                    break
                temporaries.append(write_temporary(path, data))
            if not held:
                if seal is not None:
                    seal.unlink(missing_ok=True)
                for temporary, path in zip(temporaries, outputs, strict=True):
                    os.replace(temporary, path)
                moved = True
        finally:
            for temporary in temporaries:
                temporary.unlink(missing_ok=True)
    if held and not moved:
        raise KeyboardInterrupt  # nothing was changed: the interrupt takes its usual course
    return held


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, then move it into place: readers never see half a file. An interrupt
    held back meanwhile is delivered once the file is in place."""
    for signum in publish_together({path: data})[:1]:
        signal.raise_signal(signum)
