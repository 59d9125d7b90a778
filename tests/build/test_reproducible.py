"""Reproducible builds: the same inputs, parameters and SOURCE_DATE_EPOCH give the same bytes, and nothing
in the report depends on when, where or in which process it was built."""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from medical_coding_salaries import parameters
from medical_coding_salaries.build import cli as build
from medical_coding_salaries.paths import DATA, PROCESSED_SALARIES, ROOT

from conftest import EPOCH, OUTPUTS, copy_data, run_build

HTML = "medical-coding-salaries.html"
OTHER_EPOCH = str(int(EPOCH) + 40 * 86400)


def day(epoch: str) -> str:
    return dt.datetime.fromtimestamp(int(epoch), dt.UTC).strftime("%Y-%m-%d")


@pytest.fixture(scope="module")
def rebuilt(two_builds: tuple[Path, Path]) -> Path:
    """A second build, by another process into another folder, from the same inputs, parameters and epoch."""
    return two_builds[1]


def first_difference(first: bytes, second: bytes) -> str:
    """Where two byte strings first differ, with some context."""
    at = next(
        (index for index, (a, b) in enumerate(zip(first, second, strict=False)) if a != b), min(len(first), len(second))
    )
    context = f"{first[at - 60 : at + 60]!r} vs {second[at - 60 : at + 60]!r}"
    return f"sizes {len(first)} and {len(second)}; first difference at byte {at}: {context}"


@pytest.mark.parametrize("name", OUTPUTS)
def test_a_second_build_gives_the_same_bytes(built: Path, rebuilt: Path, name: str) -> None:
    first, second = (built / name).read_bytes(), (rebuilt / name).read_bytes()
    assert first == second, first_difference(first, second)


def test_a_second_build_writes_the_same_processed_csv(built_processed: Path, rebuilt: Path) -> None:
    first, second = (
        built_processed.read_bytes(),
        (rebuilt.parent / "data" / "processed" / PROCESSED_SALARIES.name).read_bytes(),
    )
    assert first == second, first_difference(first, second)


def without_embedded_files(page: str) -> str:
    """The page without its base64 images and fonts, whose bytes can spell anything."""
    return re.sub(r"data:[\w/+.-]+;base64,[A-Za-z0-9+/=\s]+", "data:", page)


def leaks() -> dict[str, str]:
    """Patterns of what a build's time, place or process would leave in its output."""
    today = dt.date.today()
    dates = {today.isoformat(), f"{today:%B} {today.day}, {today.year}", f"{today.day} {today:%B} {today.year}"} - {
        day(EPOCH)
    }
    return {
        "memory address": r"\b0x[0-9a-fA-F]{6,}\b",
        "object repr": r"<[\w.]+ object at |<Figure size|<Axes\b|<matplotlib\.|<Figure\b",
        "uuid": r"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b",
        "random pandas Styler id": r"\bT_[0-9a-f]{5}(?:_|\b)",
        "timestamp": r"\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}",
        "today's date": "|".join(map(re.escape, dates)) or r"(?!)",
        "absolute path": "|".join(
            re.escape(f"{folder}{os.sep}") for folder in (ROOT, tempfile.gettempdir(), Path.home())
        ),
        "traceback or terminal colour": r"Traceback \(most recent call last\)|\x1b\[",
    }


@pytest.mark.parametrize("name", [HTML, "findings.json"])
def test_no_timestamps_addresses_random_ids_or_paths_leak(built: Path, name: str) -> None:
    text = without_embedded_files((built / name).read_text(encoding="utf-8"))
    found = {what: sorted(set(re.findall(f"(?:{pattern})", text)))[:5] for what, pattern in leaks().items()}
    assert not {what: hits for what, hits in found.items() if hits}


def test_pdf_metadata_carries_no_time_of_building(built: Path) -> None:
    metadata = PdfReader(built / "medical-coding-salaries.pdf").metadata or {}
    for key in ("/CreationDate", "/ModDate"):
        if key in metadata:
            assert str(metadata[key]).startswith(f"D:{day(EPOCH).replace('-', '')}000000"), (key, metadata[key])


def test_the_build_date_appears_once_as_the_build_date(built: Path) -> None:
    page = (built / HTML).read_text(encoding="utf-8")
    assert page.count(day(EPOCH)) == 1
    assert f"<dt>Built</dt><dd>{day(EPOCH)}</dd>" in page


def test_another_epoch_changes_only_the_build_date_fact(monkeypatch: pytest.MonkeyPatch) -> None:
    chosen = parameters.load()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    first = build.report_facts(chosen, DATA)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", OTHER_EPOCH)
    second = build.report_facts(chosen, DATA)
    assert [fact for fact in first if fact[0] != "Built"] == [fact for fact in second if fact[0] != "Built"]
    assert (
        (dict(first)["Built"], dict(second)["Built"]) == (day(EPOCH), day(OTHER_EPOCH)) == ("2026-01-01", "2026-02-10")
    )


@pytest.mark.skipif(
    not os.environ.get("MEDICAL_CODING_SALARIES_SLOW_TESTS"),
    reason="a third full build (25 s): set MEDICAL_CODING_SALARIES_SLOW_TESTS=1",
)
def test_another_epoch_changes_only_the_date_in_a_full_build(
    built: Path, built_processed: Path, tmp_path: Path
) -> None:
    out = tmp_path / "report"
    result = run_build("--out", str(out), data=copy_data(tmp_path), epoch=OTHER_EPOCH)
    assert result.returncode == 0, result.stderr
    first, second = (built / HTML).read_text(encoding="utf-8"), (out / HTML).read_text(encoding="utf-8")
    assert second == first.replace(day(EPOCH), day(OTHER_EPOCH)), first_difference(first.encode(), second.encode())
    assert (out / "findings.json").read_bytes() == (built / "findings.json").read_bytes()
    assert (tmp_path / "data" / "processed" / PROCESSED_SALARIES.name).read_bytes() == built_processed.read_bytes()


@pytest.mark.skipif(
    not os.environ.get("MEDICAL_CODING_SALARIES_SLOW_TESTS"),
    reason="a papermill build (50 s): set MEDICAL_CODING_SALARIES_SLOW_TESTS=1",
)
def test_the_shared_kernel_gives_the_same_report_as_one_papermill_run_per_notebook(built: Path, tmp_path: Path) -> None:
    out = tmp_path / "report"
    result = run_build("--out", str(out), "--engine", "papermill", data=copy_data(tmp_path))
    assert result.returncode == 0, result.stderr
    for name in OUTPUTS:
        assert (out / name).read_bytes() == (built / name).read_bytes(), name
