"""Every path of the project, anchored to this package's location, never to the working directory."""

import os
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
