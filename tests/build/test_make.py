"""Make's dependency graph: an unchanged report is not rebuilt; touching any kind of input rebuilds it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from medical_coding_salaries.paths import ROOT

from conftest import PROJECT_OUTPUTS, VENV

OUTPUTS = PROJECT_OUTPUTS


def make(folder: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    """`make` in `folder`, with the folder's own package and notebooks (as in a clone with its own .venv)."""
    return subprocess.run(
        ["make", "--no-print-directory", f"VENV={VENV}", *arguments],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(folder / "src")},
    )


def up_to_date(folder: Path, *arguments: str) -> bool:
    """`make -q report`: exit 0 when nothing would be rebuilt, 1 when something would."""
    result = make(folder, "-q", "report", *arguments)
    assert result.returncode in (0, 1), result.stderr
    return result.returncode == 0


def age(path: Path, seconds: float, reference: float | None = None) -> None:
    then = (time.time() if reference is None else reference) - seconds
    os.utime(path, (then, then))


def touch(path: Path) -> None:
    age(path, -5)  # strictly newer than the report


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the tracked project with a report that is newer than every input."""
    if not (VENV / ".installed").is_file():
        pytest.skip("the project's .venv is not installed by make")
    installed = (VENV / ".installed").stat().st_mtime
    files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    for name in files:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, tmp_path / name)
        age(tmp_path / name, 300, installed)  # older than the environment, so make does not reinstall it
    for name in OUTPUTS:
        (tmp_path / name).write_text("built")
    # What a successful build records beside its outputs: the effective parameters and the input files.
    record = subprocess.run(
        [sys.executable, "-m", "medical_coding_salaries.parameters", "--record", "data", "params.yaml"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    (tmp_path / "build").mkdir()
    (tmp_path / "build" / "params.used").write_text(record)
    age(tmp_path / "build" / "params.used", 200, installed)
    for name in OUTPUTS:
        age(tmp_path / name, 0)  # newer than every input, the installed environment included
    return tmp_path


def test_nothing_changed_means_nothing_to_do(project: Path) -> None:
    assert up_to_date(project)
    assert up_to_date(project, "PARAMS=params.yaml")


@pytest.mark.parametrize(
    "input_file",
    [
        "data/raw/03_cities.csv",
        "data/raw/manifest.csv",
        "data/reference/cpi_u_annual.csv",
        "notebooks/03_city.ipynb",
        "src/medical_coding_salaries/sections/city.py",
        "src/medical_coding_salaries/build/templates/report/index.html.j2",
        "src/medical_coding_salaries/build/templates/report/report.typ",
        "src/medical_coding_salaries/present/styles/report.css",
        "params.yaml",
    ],
)
def test_touching_an_input_rebuilds(project: Path, input_file: str) -> None:
    touch(project / input_file)
    assert not up_to_date(project)


def test_other_parameter_values_rebuild_and_equal_ones_do_not(project: Path) -> None:
    same = project / "same.yml"
    same.write_text("range_point: midpoint\n")
    assert up_to_date(project, f"PARAMS={same}")
    other = project / "other.yml"
    other.write_text("range_point: high\n")
    age(other, 300, (VENV / ".installed").stat().st_mtime)
    assert not up_to_date(project, f"PARAMS={other}")


def test_a_deleted_or_added_input_file_rebuilds(project: Path) -> None:
    original = (project / "data/raw/04_credentials_median.csv").read_bytes()
    (project / "data/raw/04_credentials_median.csv").unlink()
    assert not up_to_date(project)
    (project / "data/raw/04_credentials_median.csv").write_bytes(original)
    age(project / "data/raw/04_credentials_median.csv", 300, (VENV / ".installed").stat().st_mtime)
    assert up_to_date(project)
    (project / "data/reference/extra.csv").write_text("a,b\n")
    age(project / "data/reference/extra.csv", 300, (VENV / ".installed").stat().st_mtime)
    assert not up_to_date(project)


def test_an_input_changed_under_an_old_modification_time_rebuilds(project: Path) -> None:
    """`cp -p backup 03_cities.csv` restores an older file with an older time than the report: the record's digests
    see it."""
    cities = project / "data/raw/03_cities.csv"
    stamp = cities.stat().st_mtime
    cities.write_text(cities.read_text(encoding="utf-8").replace("$55,000", "$45,500"), encoding="utf-8")
    os.utime(cities, (stamp, stamp))
    assert not up_to_date(project)


def test_a_package_file_restored_under_an_old_modification_time_rebuilds(project: Path) -> None:
    stylesheet = project / "src/medical_coding_salaries/present/styles/report.css"
    stamp = stylesheet.stat().st_mtime
    stylesheet.write_text(stylesheet.read_text(encoding="utf-8") + "\nbody { color: red; }\n", encoding="utf-8")
    os.utime(stylesheet, (stamp, stamp))
    assert not up_to_date(project)


def test_make_data_takes_back_the_reports_record(project: Path) -> None:
    """`make data` rewrites the processed table the report published with the others: the report is then out of
    date, not silently mixed."""
    result = make(project, "data")
    assert result.returncode == 0, result.stderr
    assert not (project / "build/params.used").exists()
    assert not up_to_date(project)


@pytest.mark.parametrize("change", ["deleted", "renamed", "added"])
def test_a_deleted_renamed_or_added_notebook_rebuilds(project: Path, change: str) -> None:
    notebook = project / "notebooks/08_pay_band.ipynb"
    if change == "deleted":
        notebook.unlink()
    elif change == "renamed":
        notebook.rename(project / "notebooks/12_pay_band.ipynb")
    else:
        (project / "notebooks/10_extra.ipynb").write_bytes(notebook.read_bytes())
        age(project / "notebooks/10_extra.ipynb", 300, (VENV / ".installed").stat().st_mtime)
    assert not up_to_date(project)


@pytest.mark.parametrize("folder_name", ["my dir", "it's mine"])
def test_a_parameters_file_in_a_folder_with_a_space_or_a_quote(project: Path, folder_name: str) -> None:
    folder = project / folder_name
    folder.mkdir()
    (folder / "same.yml").write_text("range_point: midpoint\n")
    assert up_to_date(project, f"PARAMS={folder / 'same.yml'}")
    (folder / "bad.yml").write_text("range_point: middle\n")
    result = make(project, "report", f"PARAMS={folder / 'bad.yml'}")
    assert result.returncode != 0
    assert "bad.yml: parameter 'range_point' is 'middle'; allowed values are low, midpoint, high" in result.stderr, (
        result.stderr
    )
    assert "not found" not in result.stderr, result.stderr


def test_a_parameter_given_twice_stops_make_with_both_places(project: Path) -> None:
    """YAML's plain loader keeps the last of two equal keys silently: the parameter's first line would be ignored."""
    (project / "twice.yml").write_text("range_point: low\nopen_top_factor: 1.2\nrange_point: high\n")
    before = {name: (project / name).read_bytes() for name in OUTPUTS}
    result = make(project, "report", "PARAMS=twice.yml")
    assert result.returncode != 0
    assert "twice.yml: not valid YAML: 'range_point' is given twice (line 1, column 1): again here (line 3" in (
        result.stderr
    ), result.stderr
    assert {name: (project / name).read_bytes() for name in OUTPUTS} == before


def test_an_unknown_profile_city_stops_make_and_lists_the_cities(project: Path) -> None:
    boston = project / "boston.yml"
    boston.write_text("profile_city: Boston\n")
    result = make(project, "report", f"PARAMS={boston}")
    assert result.returncode != 0
    assert "boston.yml: parameter 'profile_city' is 'Boston'" in result.stderr, result.stderr
    assert "national, New York City, Los Angeles, Chicago, Houston" in result.stderr, result.stderr


def test_without_a_record_make_builds_and_make_q_still_checks_the_parameters(project: Path) -> None:
    """After `make clean` there is no record to compare with: make runs the build without the record process
    (the build checks the parameters first), and `make -q report` still stops at bad parameters."""
    (project / "build" / "params.used").unlink()
    assert not up_to_date(project)
    bad = project / "bad.yml"
    bad.write_text("range_point: middle\n")
    result = make(project, "-q", "report", f"PARAMS={bad}")
    assert result.returncode == 2, result.stderr
    assert "bad.yml: parameter 'range_point' is 'middle'" in result.stderr, result.stderr
    dry = make(project, "-n", "report")  # what `make report` would run: the build, with no record made first
    assert "medical_coding_salaries.build" in dry.stdout, dry.stdout
    assert not (project / "build" / "params.wanted").exists()
