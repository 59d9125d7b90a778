"""Every path of the project, anchored to this package's location, never to the working directory."""

import os
import signal
import tempfile
from pathlib import Path

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


def input_files(data: Path = DATA) -> list[Path]:
    """Every raw and reference file the report reads, in a stable order (dotfiles such as .gitkeep aside)."""
    return sorted(
        path
        for folder in ("raw", "reference")
        for path in (data / folder).glob("*")
        if path.is_file() and not path.name.startswith(".")
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


def publish_together(outputs: dict[Path, bytes]) -> None:
    """Write every output to a temporary file, then move them all into place with SIGINT and SIGTERM held
    back: an interrupt comes before the first move (nothing changed) or after the last (all changed)."""
    temporaries: list[Path] = []
    try:
        for path, data in outputs.items():
            temporaries.append(write_temporary(path, data))
        held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
        try:
            for temporary, path in zip(temporaries, outputs, strict=True):
                os.replace(temporary, path)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)
    finally:
        for temporary in temporaries:
            temporary.unlink(missing_ok=True)


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, then move it into place: readers never see half a file."""
    publish_together({path: data})
