"""Every path of the project, anchored to this package's location, never to the working directory."""

import os
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


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, then move it into place: readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)  # mkstemp creates 0600; published files follow the umask
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
