"""Through `make report`, as users run it: a build that fails, is interrupted or runs beside another leaves
every previous output (HTML, PDF, findings.json, the processed CSV and Make's build record) byte for byte as
it was, says why in one line, and leaves no kernel running and no temporary file behind.

Each case runs in its own copy of the project, made from one project whose report `make report` built.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from medical_coding_salaries.paths import ROOT

from conftest import EPOCH, PROJECT_OUTPUTS, VENV

# Every output, and Make's record of what they were built from.
OUTPUTS = (*PROJECT_OUTPUTS, "build/params.used")
OTHER_PARAMETERS = "range_point: high\nopen_top_factor: 1.5\n"  # a build that would change every output


def make_command(*arguments: str) -> list[str]:
    return ["make", "--no-print-directory", f"VENV={VENV}", *arguments]


def environment() -> dict[str, str]:
    return {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}


def make(folder: Path, *arguments: str, timeout: float = 240) -> subprocess.CompletedProcess[str]:
    """`make` in `folder`, whose build runs the folder's own package and notebooks, as in a clone with its own
    .venv (the shared .venv points at the working tree's): a damaged notebook in the copy is the one the build reads."""
    own_package = {"PYTHONPATH": str(folder / "src")}
    return subprocess.run(
        make_command(*arguments),
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**environment(), **own_package},
    )


def outputs(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in OUTPUTS}


def leftovers(folder: Path) -> list[str]:
    """Temporary files a build left beside its outputs."""
    return [
        str(path.relative_to(folder))
        for part in ("report", "data/processed", "build")
        for path in (folder / part).glob(".*.tmp")
    ]


def kernels_of(folder: Path) -> list[str]:
    """Kernel processes still running that a build in `folder` started (their command line names no folder,
    so they are found by their connection files' parent: the build's process, gone or not)."""
    found = subprocess.run(["pgrep", "-af", "ipykernel_launcher"], capture_output=True, text=True).stdout.splitlines()
    mine = []
    for line in found:
        pid = int(line.split()[0])
        try:
            environ = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
        except OSError:
            continue
        if f"MEDICAL_CODING_SALARIES_DATA={folder}".encode() in environ:
            mine.append(line)
    return mine


@pytest.fixture(scope="module")
def built_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the tracked project whose report `make report` built."""
    if shutil.which("make") is None or not (VENV / ".installed").is_file():
        pytest.skip("needs make and the project's .venv installed by make")
    folder = tmp_path_factory.mktemp("made") / "project"
    installed = (VENV / ".installed").stat().st_mtime
    files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    for name in files:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, folder / name)
        os.utime(folder / name, (installed - 300, installed - 300))  # older than .venv: make does not reinstall
    result = make(folder, "report")
    assert result.returncode == 0, result.stderr
    return folder


def copy_of(project: Path, folder: Path) -> Path:
    """A copy of the built project (modification times kept, so Make sees the same state)."""
    target = folder / "project"
    shutil.copytree(project, target, symlinks=True)
    return target


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not once in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


@dataclass(frozen=True)
class Case:
    id: str
    damage: Callable[[Path], None]
    expected: str  # a part of the one line that names the cause


CASES = [
    Case(
        "corrupted amount",
        lambda p: replace_in(p / "data/raw/06_job_titles_median.csv", "$63,061", "$63,O61"),
        "06_job_titles_median.csv, row 2: amount '$63,O61' is not a dollar figure",
    ),
    Case(
        "implausible amount",
        lambda p: replace_in(p / "data/raw/03_cities.csv", "$55,000", "$9,999,999"),
        "03_cities.csv, row 1: amount '$9,999,999' is outside the plausible range for a US annual salary ($10,000 to "
        "$500,000)",
    ),
    Case(
        "emoji in a label",
        lambda p: replace_in(p / "data/raw/03_cities.csv", "Chicago, IL", "Chicago, IL \U0001f600"),
        "has character U+1F600 (GRINNING FACE), which the report's fonts cannot draw",
    ),
    Case(
        "stray reference file",
        lambda p: (p / "data/reference/stray.csv").write_text("a,b\n1,2\n"),
        "data/reference/stray.csv: not a known reference file",
    ),
    Case(
        "damaged manifest",
        lambda p: replace_in(p / "data/raw/manifest.csv", "T3,03_cities.csv", "T3,03_cities.cvs"),
        "03_cities.cvs",
    ),
    Case(
        "deleted reference file",
        lambda p: (p / "data/reference/cpi_u_annual.csv").unlink(),
        "cpi_u_annual.csv: reference file is missing",
    ),
    Case(
        "deleted raw table", lambda p: (p / "data/raw/04_credentials_median.csv").unlink(), "04_credentials_median.csv"
    ),
    Case(
        "bad parameter",
        lambda p: (p / "params.yaml").write_text(
            (p / "params.yaml").read_text(encoding="utf-8").replace("range_point: midpoint", "range_point: middle"),
            encoding="utf-8",
        ),
        "parameter 'range_point' is 'middle'; allowed values are low, midpoint, high",
    ),
    Case(
        "parameter given twice",
        lambda p: (p / "params.yaml").write_text(
            (p / "params.yaml").read_text(encoding="utf-8") + "range_point: high\n", encoding="utf-8"
        ),
        "params.yaml: not valid YAML: 'range_point' is given twice",
    ),
    Case(
        "empty notebook",
        lambda p: (p / "notebooks/03_city.ipynb").write_text(""),
        "notebooks/03_city.ipynb: not a Jupyter notebook (not JSON: Expecting value: line 1 column 1 (char 0)); "
        "restore it",
    ),
]


@pytest.fixture(scope="module")
def failed_builds(
    built_project: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, tuple[Path, dict, subprocess.CompletedProcess[str]]]:
    """Every case's `make report`, run three at a time, each in its own damaged copy of the built project."""

    def attempt(case: Case) -> tuple[Path, dict, subprocess.CompletedProcess[str]]:
        project = copy_of(built_project, tmp_path_factory.mktemp("case"))
        before = outputs(project)
        case.damage(project)
        return project, before, make(project, "report")

    with ThreadPoolExecutor(max_workers=3) as pool:
        return dict(zip([case.id for case in CASES], pool.map(attempt, CASES), strict=True))


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_a_failed_make_report_keeps_every_previous_output(case: Case, failed_builds: dict) -> None:
    project, before, result = failed_builds[case.id]
    assert result.returncode != 0, result.stderr
    assert case.expected in result.stderr, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    assert outputs(project) == before, "a previous output changed"
    assert not leftovers(project)
    assert not kernels_of(project / "data"), "a kernel is still running"


def test_make_sees_a_deleted_input(built_project: Path, tmp_path: Path) -> None:
    project = copy_of(built_project, tmp_path)
    assert make(project, "-q", "report").returncode == 0
    (project / "data/reference/cpi_u_annual.csv").unlink()
    assert make(project, "-q", "report").returncode == 1, "make thinks the report is up to date"


def test_an_unwritable_report_folder_is_one_clear_line(built_project: Path, tmp_path: Path) -> None:
    """A read-only report/ (root writes anyway, so there a file named report/processed stands in the way)."""
    project = copy_of(built_project, tmp_path)
    (project / "params.yaml").touch()
    if os.geteuid() == 0:
        blocked = project / "data" / "processed"
        shutil.rmtree(blocked)
        blocked.write_text("not a folder")
    else:
        blocked = project / "report"
        blocked.chmod(0o555)
    try:
        result = make(project, "report")
    finally:
        if blocked.is_dir():
            blocked.chmod(0o755)
    assert result.returncode != 0
    assert f"{blocked.relative_to(project)}/: cannot write the report there" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr, result.stderr


def as_foreground_job() -> None:
    """SIGINT as a terminal's foreground job has it. A shell without job control (CI's, or `make test &`) starts
    background commands with SIGINT ignored, and an ignored signal stays ignored across exec."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def copy_with_other_parameters(built_project: Path, folder: Path) -> tuple[Path, Path]:
    """A copy of the built project, and a parameters file (OTHER_PARAMETERS) that a build there must redo."""
    project = copy_of(built_project, folder)
    other = folder / "other.yml"
    other.write_text(OTHER_PARAMETERS, encoding="utf-8")
    return project, other


def start_build(project: Path, parameters_file: Path) -> subprocess.Popen[str]:
    """`make report PARAMS=...` in a session of its own, as a terminal's foreground job is a process group."""
    return subprocess.Popen(
        make_command("report", f"PARAMS={parameters_file}"),
        cwd=project,
        env=environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
        preexec_fn=as_foreground_job,
    )


def wait_for(process: subprocess.Popen[str], marker: str, seen: list[str]) -> None:
    """Read the build's progress until a line holds `marker`."""
    assert process.stdout is not None
    for line in process.stdout:
        seen.append(line)
        if marker in line:
            return
    raise AssertionError(f"the build ended before {marker!r}:\n{''.join(seen)}")


# Moments of a build: as it starts its kernels, while they run the notebooks, while the PDF is typeset.
MOMENTS = {"starting": "[1/5]", "notebooks": "[2/5]", "typesetting": "[4/5]"}
SIGNALS = {"SIGINT to the terminal's process group": (signal.SIGINT, True), "SIGTERM to make": (signal.SIGTERM, False)}
# Ctrl-C at each moment; SIGTERM, which takes the same path once make has passed it on, while notebooks run.
INTERRUPTS = [
    (how, moment) for how in SIGNALS for moment in MOMENTS if how.startswith("SIGINT") or moment == "notebooks"
]


@pytest.mark.parametrize(("how", "moment"), INTERRUPTS)
def test_an_interrupted_make_report_keeps_every_previous_output(
    built_project: Path, tmp_path: Path, how: str, moment: str
) -> None:
    project, other = copy_with_other_parameters(built_project, tmp_path)
    before = outputs(project)
    process, seen = start_build(project, other), []
    wait_for(process, MOMENTS[moment], seen)
    signum, to_group = SIGNALS[how]
    (os.killpg if to_group else os.kill)(process.pid, signum)
    rest, _ = process.communicate(timeout=60)
    printed = "".join(seen) + rest
    assert process.returncode != 0, printed
    assert "interrupted; the previous report is unchanged" in printed and "Traceback" not in printed, printed
    assert outputs(project) == before
    assert not leftovers(project)
    time.sleep(0.5)
    assert not kernels_of(project / "data"), "a kernel is still running"


def test_after_sigkill_the_next_build_cleans_up_and_the_previous_report_survives(
    built_project: Path, tmp_path: Path
) -> None:
    project, other = copy_with_other_parameters(built_project, tmp_path)
    before = outputs(project)
    process, seen = start_build(project, other), []
    wait_for(process, MOMENTS["notebooks"], seen)
    (project / "report" / ".findings.json.killed.tmp").write_text("half")  # as if killed while publishing
    os.killpg(process.pid, signal.SIGKILL)
    process.communicate(timeout=30)
    assert outputs(project) == before
    deadline = time.monotonic() + 10  # a kernel sees its parent gone within a few seconds, and exits
    while kernels_of(project / "data") and time.monotonic() < deadline:
        time.sleep(0.5)
    assert not kernels_of(project / "data"), "a kernel outlived the killed build"
    # The next build sweeps the leftovers before it checks its inputs (here a bad amount stops it quickly).
    replace_in(project / "data/raw/06_job_titles_median.csv", "$63,061", "$63,O61")
    result = make(project, "report", f"PARAMS={other}")
    assert result.returncode == 2 or "Error 2" in result.stderr, result.stderr
    assert not leftovers(project)
    assert outputs(project) == before


def test_two_builds_at_once_publish_outputs_of_one_run(built_project: Path, tmp_path: Path) -> None:
    """The second `make report` waits for the first, then builds its own parameters: every output, and the
    record of the parameters Make compares, come from the second run, and Make then has nothing to do."""
    project, other = copy_with_other_parameters(built_project, tmp_path)
    first, seen = start_build(project, other), []
    wait_for(first, MOMENTS["starting"], seen)
    second = make(project, "report")
    first.communicate(timeout=120)
    assert first.returncode == 0 and second.returncode == 0, second.stderr
    assert "another build is running in this folder; waiting for it to finish" in second.stderr, second.stderr
    assert "range_point: midpoint" in (project / "build/params.used").read_text()
    assert '"range_point": "midpoint"' in (project / "report/findings.json").read_text()
    assert make(project, "-q", "report").returncode == 0
    assert make(project, "-q", "report", f"PARAMS={other}").returncode == 1


def wait_until_importing_numpy(group: int, process: subprocess.Popen[str]) -> None:
    """Until a process of `group` running the clean command has loaded numpy: past Python's own start-up (where a
    Ctrl-C is Python's to report, before any of the project's code runs) and into pandas' import."""
    deadline = time.monotonic() + 60
    while process.poll() is None and time.monotonic() < deadline:
        for folder in Path("/proc").glob("[0-9]*"):
            try:
                if os.getpgid(int(folder.name)) != group:
                    continue
                if (
                    b"medical_coding_salaries.clean" in (folder / "cmdline").read_bytes()
                    and "numpy" in (folder / "maps").read_text()
                ):
                    return
            except (OSError, ValueError):
                continue
        time.sleep(0.005)


@pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="finds the clean command's progress in /proc")
@pytest.mark.parametrize("delay", [0.0, 0.2, 0.5])
def test_an_interrupted_make_data_ends_in_one_line(built_project: Path, tmp_path: Path, delay: float) -> None:
    """Ctrl-C while `make data` imports pandas or cleans: no traceback, and the processed table is whole."""
    project = copy_of(built_project, tmp_path)
    (project / "low.yml").write_text("range_point: low\n")
    before = (project / "data/processed/salaries.csv").read_bytes()
    process = subprocess.Popen(
        make_command("data", "PARAMS=low.yml"),
        cwd=project,
        env={**environment(), "PYTHONPATH": str(project / "src")},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
        preexec_fn=as_foreground_job,
    )
    wait_until_importing_numpy(process.pid, process)
    time.sleep(delay)
    os.killpg(process.pid, signal.SIGINT)
    printed, _ = process.communicate(timeout=60)
    assert "Traceback" not in printed, printed
    from medical_coding_salaries import parameters
    from medical_coding_salaries.clean.salaries import clean_salaries, processed_csv

    low = parameters.load(project / "low.yml")
    new = processed_csv(clean_salaries(low.range_point, low.open_top_factor, raw_dir=project / "data/raw"))
    assert (project / "data/processed/salaries.csv").read_bytes() in (before, new), printed  # whole, old or new
    assert not leftovers(project)
