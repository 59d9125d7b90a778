"""Bad input stops the build: exit code 2, a message naming the file and row (or the parameter), and the
previous report left byte for byte as it was, with no half-made file beside it.

Each case corrupts a scratch copy of data/ (or writes a bad parameters file) and runs the build in-process
against a copy of the session's report. In-process, a failing build takes 0.1 s with the papermill engine,
which checks the inputs before starting any kernel, and about 3 s with the shared engine (the default),
which checks them in its kernels as they start. Both engines run the same check_inputs and publish, so
every case runs with papermill and one raw, one reference and one CPI-year case also run with the
default engine, where the message crosses from the kernel.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from medical_coding_salaries import parameters
from medical_coding_salaries.build.cache import Cache
from medical_coding_salaries.build.cli import main
from medical_coding_salaries.paths import ROOT

from conftest import EPOCH, OUTPUTS, build_command, snapshot


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not once in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def replacing(file: str, old: str, new: str) -> Callable[[Path], None]:
    return lambda data: replace_in(data / file, old, new)


def emptying(file: str) -> Callable[[Path], None]:
    def empty(data: Path) -> None:
        path = data / file
        path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")

    return empty


def removing(file: str) -> Callable[[Path], None]:
    return lambda data: (data / file).unlink()


def saving_as_cp1252(file: str) -> Callable[[Path], None]:
    def save(data: Path) -> None:
        path = data / file
        text = path.read_text(encoding="utf-8")
        assert "–" in text, "the file needs an en dash, which cp1252 encodes as a byte that is not UTF-8"
        path.write_bytes(text.encode("cp1252"))

    return save


def writing_parameters(text: str) -> Callable[[Path], None]:
    return lambda data: (data.parent / "my.yml").write_text(text, encoding="utf-8")


@dataclass(frozen=True)
class Case:
    id: str
    corrupt: Callable[[Path], None]  # changes the data copy, or writes data.parent/my.yml
    expected: tuple[str, ...]  # exact parts of the message on stderr
    params: bool = False  # pass data.parent/my.yml with --params


CITIES = "raw/03_cities.csv"
LEVELS_A = "raw/01_experience_levels_a.csv"
CREDENTIALS = "raw/04_credentials_median.csv"
OEWS = "reference/oews_medical_records_specialists.csv"
CPI = "reference/cpi_u_annual.csv"

CASES = [
    # data/raw/
    Case(
        "amount does not parse",
        replacing(CITIES, '"$48,000"', '"48 thousand"'),
        ("03_cities.csv, row 3: amount '48 thousand' is not a dollar figure",),
    ),
    Case(
        "low above high",
        replacing(LEVELS_A, "$42,000 – $55,000", "$62,000 – $55,000"),
        ("01_experience_levels_a.csv, row 2: low 62,000 is above high 55,000",),
    ),
    Case(
        "negative amount",
        replacing(CITIES, '"$45,000"', '"-$45,000"'),
        ("03_cities.csv, row 4: amount '-$45,000' is not a dollar figure",),
    ),
    Case(
        "zero amount",
        replacing(CREDENTIALS, '"$60,000"', '"$0"'),
        ("04_credentials_median.csv, row 2: amount '$0' must be positive",),
    ),
    Case(
        "unknown level label",
        replacing("raw/02_experience_levels_b.csv", "Senior-Level", "Principal-Level"),
        ("02_experience_levels_b.csv, row 4: unknown experience level 'Principal-Level'",),
    ),
    Case(
        "duplicated row",
        replacing(CITIES, '"Chicago, IL","$48,000"\n', '"Chicago, IL","$48,000"\n"Chicago, IL","$48,000"\n'),
        ("03_cities.csv, row 4: duplicates row 3 (label 'Chicago, IL')",),
    ),
    Case("empty table", emptying(CITIES), ("03_cities.csv: the table is empty",)),
    Case(
        "missing table file",
        removing(CREDENTIALS),
        ("manifest.csv, row 4: file 04_credentials_median.csv is missing from data/raw",),
    ),
    # The row of the first bad byte is not named yet: see test_wrong_encoding_names_the_row.
    Case(
        "wrong encoding", saving_as_cp1252(LEVELS_A), ("01_experience_levels_a.csv, row 1: not UTF-8 text (byte 60 ",)
    ),
    # data/reference/
    Case(
        "negative wage",
        replacing(OEWS, ",48310,", ",-48310,"),
        (
            "oews_medical_records_specialists.csv: reference data fail their schema",
            "data row 2, column annual_mean: -48310.0 fails greater_than(0)",
        ),
    ),
    Case(
        "non-numeric CPI",
        replacing(CPI, "258.811", "258.8l1"),
        ("cpi_u_annual.csv: reference data fail their schema", "data row 2, column index_1982_84_100: 258.8l1 fails"),
    ),
    # parameters
    Case(
        "unknown parameter",
        writing_parameters("range_point: midpoint\nbaseline_city: Chicago\n"),
        (f"my.yml: unknown parameter(s) baseline_city; valid names are {', '.join(parameters.NAMES)}",),
        params=True,
    ),
    Case(
        "parameter of the wrong type",
        writing_parameters("open_top_factor: high\n"),
        ("my.yml: parameter 'open_top_factor' must be float, got 'high' (str)",),
        params=True,
    ),
    Case(
        "parameter out of range",
        writing_parameters("open_top_factor: 5\n"),
        ("my.yml: parameter 'open_top_factor' is 5.0; it must lie between 1 and 2",),
        params=True,
    ),
    Case(
        "year without CPI data",
        writing_parameters("dollar_year: 2031\n"),
        ("parameter 'dollar_year' is 2031: there is no CPI-U annual average for it; valid years are 1913–",),
        params=True,
    ),
    Case(
        "malformed YAML",
        writing_parameters("range_point: [midpoint\nopen_top_factor: 1.0\n"),
        ("my.yml: not valid YAML", "line 1, column 14"),
        params=True,
    ),
]


def build_in_process(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], data: Path, *arguments: str
) -> tuple[int, str]:
    """`python -m medical_coding_salaries.build ... --data DATA` in this process: exit code and stderr."""
    # build() sets these two variables and one sys.modules entry; monkeypatch puts all three back afterwards.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.setenv("MEDICAL_CODING_SALARIES_DATA", str(data))
    monkeypatch.setitem(sys.modules, "rfc3987_syntax", None)
    capsys.readouterr()
    code = main([*arguments, "--data", str(data)])
    return code, capsys.readouterr().err


def fail_with(
    case: Case,
    data: Path,
    out: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    engine: str = "papermill",
) -> str:
    """Corrupt, build, and check that the build stopped cleanly; return the message."""
    case.corrupt(data)
    before, listing = snapshot(out), sorted(os.listdir(out))
    arguments = ["--out", str(out), "--engine", engine] + (
        ["--params", str(data.parent / "my.yml")] if case.params else []
    )
    code, stderr = build_in_process(monkeypatch, capsys, data, *arguments)
    assert code == 2, stderr
    assert "error: " in stderr and "The previous report was left unchanged." in stderr, stderr
    assert "Traceback" not in stderr, stderr
    assert snapshot(out) == before, "the previous report changed"
    assert sorted(os.listdir(out)) == listing, (
        f"files appeared in the report folder: {sorted(set(os.listdir(out)) - set(listing))}"
    )
    assert not list(out.glob(".*.tmp"))
    assert not list((data / "processed").iterdir()), "a processed file was written"
    return stderr


ON_DEFAULT_ENGINE = ("amount does not parse", "negative wage", "year without CPI data")
RUNS = [pytest.param(case, "papermill", id=case.id) for case in CASES] + [
    pytest.param(case, "shared", id=f"{case.id} (shared engine)") for case in CASES if case.id in ON_DEFAULT_ENGINE
]


@pytest.mark.parametrize(("case", "engine"), RUNS)
def test_bad_input_stops_the_build_and_keeps_the_previous_report(
    case: Case,
    engine: str,
    data_copy: Path,
    previous_report: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    stderr = fail_with(case, data_copy, previous_report, monkeypatch, capsys, engine)
    for part in case.expected:
        assert part in stderr, f"{part!r} is not in the message:\n{stderr}"


# Two message requirements beyond the parametrized cases: the row of an undecodable byte, and one plain
# line for a non-numeric reference value.
def test_wrong_encoding_names_the_row(
    data_copy: Path,
    previous_report: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    case = Case("wrong encoding", saving_as_cp1252(LEVELS_A), ())
    stderr = fail_with(case, data_copy, previous_report, monkeypatch, capsys)
    # Byte 60 is the en dash of the first data row, 'Entry Level,"$34,000 – $42,000"'.
    assert "01_experience_levels_a.csv, row 1" in stderr, stderr


def test_non_numeric_reference_value_gets_one_plain_line(
    data_copy: Path,
    previous_report: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    case = Case("non-numeric CPI", replacing(CPI, "258.811", "258.8l1"), ())
    stderr = fail_with(case, data_copy, previous_report, monkeypatch, capsys)
    problems = [line for line in stderr.splitlines() if line.startswith("  ")]
    assert len(problems) == 1 and "TypeError" not in stderr, stderr
    assert "data row 2, column index_1982_84_100: 258.8l1" in problems[0], stderr


def test_make_report_with_bad_parameters_fails_and_keeps_the_report(built: Path, tmp_path: Path) -> None:
    """`make report PARAMS=bad.yml` on a scratch view of the project: its report/ and build/ are scratch folders,
    its data/ the real one.

    There is no record of a previous build here, so make runs the build, which checks the parameters before
    anything else and writes nothing (with a record, make's own check stops it: test_make_safety's cases).
    """
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    # An out-of-date .venv/.installed would make `make report` reinstall the real virtual environment first.
    if subprocess.run(["make", "-q", ".venv/.installed"], cwd=ROOT, capture_output=True).returncode != 0:
        pytest.skip(".venv/.installed is out of date: run `make install` first")
    project = tmp_path / "project"
    project.mkdir()
    # Symbolic links keep the sources' modification times, which make compares.
    for name in ("Makefile", ".venv", "requirements.lock", "pyproject.toml", "params.yaml", "src", "data", "notebooks"):
        (project / name).symlink_to(ROOT / name)
    report = project / "report"
    report.mkdir()
    for name in OUTPUTS:
        shutil.copyfile(built / name, report / name)
    before, real_before = snapshot(report), real_report()
    processed = ROOT / "data" / "processed"
    processed_before = {path.name: path.stat().st_mtime_ns for path in processed.iterdir()}
    bad = tmp_path / "bad.yml"
    bad.write_text("open_top_factor: 5\n", encoding="utf-8")
    result = subprocess.run(
        ["make", "--no-print-directory", "report", f"PARAMS={bad}"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH},
    )
    assert result.returncode != 0, result.stdout + result.stderr
    assert "bad.yml: parameter 'open_top_factor' is 5.0; it must lie between 1 and 2" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    assert snapshot(report) == before
    assert {path.name: path.stat().st_mtime_ns for path in processed.iterdir()} == processed_before
    assert sorted(os.listdir(report)) == sorted(OUTPUTS)
    assert not list((project / "build").glob("params.used*")), "make left a parameters record behind"
    assert real_report() == real_before


def real_report() -> dict[str, tuple[int, int]]:
    """Size and modification time of each file in the real report/ folder."""
    folder = ROOT / "report"
    return (
        {path.name: (path.stat().st_size, path.stat().st_mtime_ns) for path in folder.iterdir()}
        if folder.is_dir()
        else {}
    )


def committed_notebooks(*_arguments, **_keywords):
    """What execute_notebooks returns, from the committed notebooks (executed at the defaults): the publishing
    tests below need a report to render, not kernels."""
    import nbformat

    from medical_coding_salaries.build.execute import notebook_paths
    from medical_coding_salaries.build.inputs import check_inputs

    inputs = check_inputs(parameters.load().as_dict(), str(ROOT / "data"), "params.yaml")
    return inputs, [nbformat.read(path, as_version=4) for path in notebook_paths()]


def test_an_interrupt_python_had_to_swallow_still_stops_the_build_before_it_publishes(
    data_copy: Path, previous_report: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import signal

    from medical_coding_salaries.build import cli

    monkeypatch.setattr(cli, "execute_notebooks", committed_notebooks)
    monkeypatch.setattr(cli, "INTERRUPTED", [signal.SIGTERM])  # as_interrupt ran; its KeyboardInterrupt was lost
    before = snapshot(previous_report)
    code, stderr = build_in_process(monkeypatch, capsys, data_copy, "--out", str(previous_report))
    assert code == 130 and "interrupted; the previous report is unchanged" in stderr, stderr
    assert snapshot(previous_report) == before and not list(previous_report.glob(".*.tmp"))


def test_an_interrupt_during_publishing_is_reported_after_the_whole_report_is_published(
    data_copy: Path, previous_report: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import signal

    from medical_coding_salaries import paths
    from medical_coding_salaries.build import cli

    monkeypatch.setattr(cli, "execute_notebooks", committed_notebooks)
    publish = paths.publish_together
    monkeypatch.setattr(
        cli, "publish_together", lambda outputs, **keywords: [*publish(outputs, **keywords), signal.SIGINT]
    )
    (data_copy.parent / "my.yml").write_text("paper_size: a4\n", encoding="utf-8")
    before = snapshot(previous_report)
    arguments = ["--out", str(previous_report), "--params", str(data_copy.parent / "my.yml")]
    code, stderr = build_in_process(monkeypatch, capsys, data_copy, *arguments)
    assert code == 130 and "it was published whole" in stderr, stderr
    after = snapshot(previous_report)
    assert all(after[name] != before[name] for name in ("medical-coding-salaries.pdf",))  # the A4 report, all of it


@pytest.mark.parametrize("signal_name", ["SIGINT", "SIGTERM", "SIGHUP"])
def test_an_interrupt_just_after_publishing_says_published_whole(
    data_copy: Path,
    previous_report: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    signal_name: str,
) -> None:
    """The moves are over, the build says "done": an interrupt now must not claim the report is unchanged."""
    import signal

    from medical_coding_salaries.build import cli

    monkeypatch.setattr(cli, "execute_notebooks", committed_notebooks)
    say = cli.say

    def say_then_interrupt(message: str) -> None:
        say(message)
        if message.startswith("done"):
            os.kill(os.getpid(), getattr(signal, signal_name))
            [None for _ in range(100_000)]  # let Python run its handler

    monkeypatch.setattr(cli, "say", say_then_interrupt)
    (data_copy.parent / "my.yml").write_text("paper_size: a4\n", encoding="utf-8")
    before = snapshot(previous_report)
    arguments = ["--out", str(previous_report), "--params", str(data_copy.parent / "my.yml")]
    code, stderr = build_in_process(monkeypatch, capsys, data_copy, *arguments)
    assert code == 130 and "it was published whole" in stderr and "unchanged" not in stderr, stderr
    assert "Traceback" not in stderr, stderr
    assert snapshot(previous_report)["medical-coding-salaries.pdf"] != before["medical-coding-salaries.pdf"]


def test_notebooks_executed_before_the_pdf_failed_stay_in_the_cache(
    data_copy: Path,
    previous_report: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The executed notebooks are stored while Typst works (Cache.put_later, then flush): a PDF that cannot be
    typeset stops the build, and the notebooks are reused once the template is fixed."""
    from medical_coding_salaries.build import cli, render_pdf

    def executed_and_stored_later(*arguments, **keywords):
        cache = arguments[4]
        cache.put_later("00_summary.ipynb", "0" * 64, {"cells": []})
        return committed_notebooks()

    def template_error(_typesetting: object) -> bytes:
        raise render_pdf.TypesetError("report.typ, line 16: unclosed delimiter")

    monkeypatch.setattr(cli, "execute_notebooks", executed_and_stored_later)
    monkeypatch.setattr(render_pdf.Typesetting, "pdf", template_error)
    before = snapshot(previous_report)
    arguments = ["--out", str(previous_report), "--cache", str(tmp_path / "cache")]
    code, stderr = build_in_process(monkeypatch, capsys, data_copy, *arguments)
    assert code == 2 and "the PDF could not be typeset: report.typ, line 16" in stderr, stderr
    assert snapshot(previous_report) == before
    assert Cache(tmp_path / "cache").get("00_summary.ipynb", "0" * 64) == {"cells": []}


def processes_with(variable: str) -> list[str]:
    """Command lines of the running processes whose environment holds `variable` (NAME=value)."""
    found = []
    for environ in Path("/proc").glob("[0-9]*/environ"):
        try:
            if variable.encode() in environ.read_bytes().split(b"\0"):
                found.append((environ.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode())
        except OSError:  # gone meanwhile, or not ours to read
            continue
    return found


def test_bad_parameters_end_the_fork_server_the_command_started_first(data_copy: Path, tmp_path: Path) -> None:
    """`python -m medical_coding_salaries.build` starts its kernels' fork server before it reads the parameters:
    a build they stop ends the server too, not a second later when it would find its input closed."""
    bad = tmp_path / "bad.yml"
    bad.write_text("range_point: middle\n", encoding="utf-8")
    command, environment = build_command("--params", str(bad), "--out", str(tmp_path / "report"), data=data_copy)
    # Its output goes to a file: a server left running would hold a pipe open, and the build would seem to last
    # until the server ended.
    with (tmp_path / "stderr.txt").open("w+", encoding="utf-8") as stderr:
        code = subprocess.run(command, env=environment, cwd=ROOT, stderr=stderr, timeout=120).returncode
        left = processes_with(f"MEDICAL_CODING_SALARIES_DATA={data_copy}")
        stderr.seek(0)
        message = stderr.read()
    assert code == 2, message
    assert "parameter 'range_point' is 'middle'" in message and "Traceback" not in message
    assert left == []


def test_an_interrupt_while_the_output_folder_is_checked_leaves_no_probe_behind(tmp_path: Path, monkeypatch) -> None:
    """The check writes a probe file and removes it: an interrupt between the two waits until it is removed."""
    import signal

    from medical_coding_salaries.build import cli

    write_bytes = Path.write_bytes

    def write_then_interrupt(self: Path, data: bytes) -> int:
        count = write_bytes(self, data)
        os.kill(os.getpid(), signal.SIGINT)
        [None for _ in range(100_000)]  # let Python run its handler, were the usual one in place
        return count

    monkeypatch.setattr(Path, "write_bytes", write_then_interrupt)
    with pytest.raises(KeyboardInterrupt):
        cli.prepare_targets([tmp_path / "report" / "out.pdf"])
    assert list((tmp_path / "report").iterdir()) == []


def test_the_record_is_taken_before_the_inputs_are_read(
    data_copy: Path,
    previous_report: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A data file edited while the build runs: the record keeps the digest of what was there before, so the next
    `make report` sees the edit and builds again (a record taken at the end would vouch for bytes never read)."""
    from medical_coding_salaries.build import cli

    def edit_then_run(*arguments, **keywords):
        cities = data_copy / "raw" / "03_cities.csv"
        cities.write_text(cities.read_text(encoding="utf-8").replace("$55,000", "$55,500"), encoding="utf-8")
        return committed_notebooks(*arguments, **keywords)

    before = parameters.build_record(parameters.load(), data_copy)
    monkeypatch.setattr(cli, "execute_notebooks", edit_then_run)
    record = tmp_path / "params.used"
    code, stderr = build_in_process(
        monkeypatch, capsys, data_copy, "--out", str(previous_report), "--record", str(record)
    )
    assert code == 0, stderr
    assert record.read_text(encoding="utf-8") == before
    assert parameters.build_record(parameters.load(), data_copy) != before
