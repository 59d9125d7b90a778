"""Shared fixtures: the cleaned salaries and default parameters, a scratch copy of data/ to corrupt, and helpers to
run the build as a user would. Plain helpers (`parameters_with`, `findings_by_id`) import with
`from conftest import ...`."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

from medical_coding_salaries import parameters
from medical_coding_salaries.build.engine import skip_slow_optional_imports
from medical_coding_salaries.clean.salaries import clean_salaries
from medical_coding_salaries.findings import Finding
from medical_coding_salaries.parameters import Parameters
from medical_coding_salaries.paths import DATA, PROCESSED_SALARIES, ROOT

# Before any test imports nbformat: as in the build, jsonschema goes without the IRI grammar it would compile for
# seconds (under `make test` nbval has imported nbformat already; `make test-fast` runs without nbval).
skip_slow_optional_imports()

# Property tests: fixed examples (derandomize) and no saved failures (database=None), so a run is the same on every
# machine, in CI too. `make test` tries 150 examples a property; `make test-fast` passes --hypothesis-profile=fast.
settings.register_profile("thorough", max_examples=150, deadline=None, derandomize=True, database=None)
settings.register_profile("fast", settings.get_profile("thorough"), max_examples=30)
settings.load_profile("thorough")

SEED = ROOT.parent / "shared" / "seed" / "000_165b6c3f8709f9cb.txt"
# The SOURCE_DATE_EPOCH of the tests' builds: 2026-01-01T00:00:00Z.
EPOCH = "1767225600"
OUTPUTS = (
    "medical-coding-salaries.html",
    "medical-coding-salaries.pdf",
    "findings.json",
    "medical-coding-salaries.xlsx",
)
# The same report files and the processed table, as paths in a project that `make report` builds.
PROJECT_OUTPUTS = (*(f"report/{name}" for name in OUTPUTS), "data/processed/salaries.csv")
# The virtual environment running the tests: Make-level tests hand it to make as VENV=.
VENV = Path(sys.executable).parent.parent


def pytest_sessionstart(session: pytest.Session) -> None:
    """Fail at once, with the cause, where kernels cannot talk: nbval's kernels listen on 127.0.0.1, and
    without a loopback interface every notebook would wait minutes for a kernel that never answers."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            probe.bind(("127.0.0.1", 0))
            probe.listen(1)
            with socket.create_connection(probe.getsockname(), timeout=5):
                pass
    except OSError as error:
        pytest.exit(
            f"no working loopback interface (127.0.0.1: {error.strerror}); Jupyter kernels need one: "
            "bring up 'lo' (ip link set lo up) and run the tests again",
            returncode=3,
        )


@pytest.fixture(scope="module")
def salaries():
    """The cleaned salaries of data/raw, each range at its midpoint and an open top at its stated ceiling.

    The hand-computed values of the tests assume exactly this rule. One frame per test module, as before the
    fixture moved here (no test changes it; clean_salaries hands out a fresh copy on every call).
    """
    return clean_salaries("midpoint", 1.0)


@pytest.fixture(scope="module")
def params() -> Parameters:
    """The defaults of params.yaml."""
    return parameters.load()


def parameters_with(**overrides) -> Parameters:
    """The defaults of params.yaml with `overrides`, validated as a reader's parameters file would be."""
    return parameters.validate({**parameters.load().as_dict(), **overrides})


def findings_by_id(found: list[Finding]) -> dict[str, Finding]:
    """Findings keyed by their id."""
    return {finding.id: finding for finding in found}


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


# The caches of the builds the tests run, in one folder removed as the test session ends.
BUILD_CACHES = tempfile.TemporaryDirectory(prefix="mcs-test-caches-")


def build_command(*arguments: str, data: Path | None = None, epoch: str = EPOCH) -> tuple[list[str], dict[str, str]]:
    """The command and environment of `python -m medical_coding_salaries.build`, as `make report` runs it."""
    # Each build gets an empty cache of its own (tests/build/test_cache.py passes --cache where it wants one).
    environment = {
        **os.environ,
        "SOURCE_DATE_EPOCH": epoch,
        "MEDICAL_CODING_SALARIES_CACHE": tempfile.mkdtemp(prefix="cache-", dir=BUILD_CACHES.name),
    }
    if data is not None:
        environment["MEDICAL_CODING_SALARIES_DATA"] = str(data)
    return [sys.executable, "-m", "medical_coding_salaries.build", *arguments], environment


def run_build(*arguments: str, data: Path | None = None, epoch: str = EPOCH) -> subprocess.CompletedProcess[str]:
    """Run the build in a subprocess and wait for it."""
    command, environment = build_command(*arguments, data=data, epoch=epoch)
    return subprocess.run(command, capture_output=True, text=True, env=environment, cwd=ROOT, timeout=300)


@pytest.fixture(scope="session")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Two reports built at once, each by its own process from its own copy of data/, with the defaults and
    SOURCE_DATE_EPOCH=EPOCH: the session's report, and the rebuild the reproducibility tests compare it with.
    (Run side by side, two single-threaded builds cost the time of one on this 2-core machine.)"""
    folders = [tmp_path_factory.mktemp(name) for name in ("session", "rebuilt")]
    running = []
    for folder in folders:
        command, environment = build_command("--out", str(folder / "report"), data=copy_data(folder))
        running.append(
            subprocess.Popen(
                command, env=environment, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
            )
        )
    for process, folder in zip(running, folders, strict=True):
        _, stderr = process.communicate(timeout=300)
        assert process.returncode == 0, stderr
        (folder / "build.log").write_text(stderr, encoding="utf-8")  # the progress output, for the tests to read
    first, second = (folder / "report" for folder in folders)
    return first, second


@pytest.fixture(scope="session")
def built(two_builds: tuple[Path, Path]) -> Path:
    """The session's report (its processed salaries.csv is in ../data/processed), shared by every test."""
    return two_builds[0]


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
