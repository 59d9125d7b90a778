"""Shared fixtures: a scratch copy of data/ to corrupt, and helpers to run the build as a user would."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from medical_coding_salaries.paths import DATA, ROOT

SEED = ROOT.parent / "shared" / "seed" / "000_165b6c3f8709f9cb.txt"


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of data/raw and data/reference under tmp_path/data."""
    target = tmp_path / "data"
    for part in ("raw", "reference"):
        if (DATA / part).is_dir():
            shutil.copytree(DATA / part, target / part)
    (target / "processed").mkdir()
    return target


def run_build(*arguments: str, data: Path | None = None, epoch: str = "1767225600") -> subprocess.CompletedProcess[str]:
    """Run `python -m medical_coding_salaries.build` in a subprocess, as `make report` does."""
    environment = {**os.environ, "SOURCE_DATE_EPOCH": epoch}
    if data is not None:
        environment["MEDICAL_CODING_SALARIES_DATA"] = str(data)
    return subprocess.run(
        [sys.executable, "-m", "medical_coding_salaries.build", *arguments],
        capture_output=True, text=True, env=environment, cwd=ROOT, timeout=300,
    )
