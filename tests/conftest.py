"""Shared fixtures: a scratch copy of data/ to corrupt, and helpers to run the build as a user would."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from medical_coding_salaries.paths import DATA, PROCESSED_SALARIES, ROOT

SEED = ROOT.parent / "shared" / "seed" / "000_165b6c3f8709f9cb.txt"
# The SOURCE_DATE_EPOCH of the tests' builds: 2026-01-01T00:00:00Z.
EPOCH = "1767225600"
OUTPUTS = ("medical-coding-salaries.html", "medical-coding-salaries.pdf", "findings.json")


def copy_data(folder: Path) -> Path:
    """A writable copy of data/raw and data/reference, with an empty processed/, at folder/data."""
    target = folder / "data"
    for part in ("raw", "reference"):
        shutil.copytree(DATA / part, target / part)
    (target / "processed").mkdir()
    return target


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of data/ under tmp_path/data."""
    return copy_data(tmp_path)


def run_build(*arguments: str, data: Path | None = None, epoch: str = EPOCH) -> subprocess.CompletedProcess[str]:
    """Run `python -m medical_coding_salaries.build` in a subprocess, as `make report` does."""
    environment = {**os.environ, "SOURCE_DATE_EPOCH": epoch}
    if data is not None:
        environment["MEDICAL_CODING_SALARIES_DATA"] = str(data)
    return subprocess.run(
        [sys.executable, "-m", "medical_coding_salaries.build", *arguments],
        capture_output=True, text=True, env=environment, cwd=ROOT, timeout=300,
    )


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One report built with the defaults (SOURCE_DATE_EPOCH=EPOCH) into a scratch folder, shared by every test.

    It reads a copy of data/, so its processed salaries.csv lands in session/data/processed (see `built_processed`).
    """
    session = tmp_path_factory.mktemp("session")
    data = copy_data(session)
    out = session / "report"
    result = run_build("--out", str(out), data=data)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def built_processed(built: Path) -> Path:
    """The processed salaries.csv the session's build wrote."""
    return built.parent / "data" / "processed" / PROCESSED_SALARIES.name


def snapshot(folder: Path) -> dict[str, bytes]:
    """The bytes of the report's files in `folder`."""
    return {name: (folder / name).read_bytes() for name in OUTPUTS}


@pytest.fixture
def previous_report(built: Path, tmp_path: Path) -> Path:
    """A copy of the session's report in a scratch folder: the 'previous report' a failing build must leave alone."""
    out = tmp_path / "report"
    out.mkdir()
    for name in OUTPUTS:
        (out / name).write_bytes((built / name).read_bytes())
    return out
