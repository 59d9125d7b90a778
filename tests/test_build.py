"""The report builds end to end; bad input stops it and leaves the previous report untouched."""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest
from pypdf import PdfReader

from conftest import run_build
from medical_coding_salaries.build import notebook_paths
from medical_coding_salaries.clean import clean_salaries

OUTPUTS = ("medical-coding-salaries.html", "medical-coding-salaries.pdf", "findings.json")


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One report built with the defaults into a scratch folder."""
    out = tmp_path_factory.mktemp("report")
    result = run_build("--out", str(out))
    assert result.returncode == 0, result.stderr
    return out


def section_headings() -> list[str]:
    headings = []
    for path in notebook_paths():
        first = nbformat.read(path, as_version=4).cells[0].source
        headings.append(re.match(r"# (.+)", first).group(1).strip())
    return headings


def flat(text: str) -> str:
    return " ".join(text.split())


def pdf_text(path: Path) -> str:
    return flat(" ".join(page.extract_text() for page in PdfReader(path).pages))


def test_report_files_exist(built: Path) -> None:
    for name in OUTPUTS:
        assert (built / name).stat().st_size > 1000, name


def test_pdf_has_every_section_and_the_article_s_figures(built: Path) -> None:
    reader = PdfReader(built / "medical-coding-salaries.pdf")
    assert len(reader.pages) >= 5
    text = pdf_text(built / "medical-coding-salaries.pdf")
    for heading in section_headings():
        assert flat(heading) in text, heading
    for amount in clean_salaries()["raw_amount"]:
        if "between" not in amount:
            assert amount.replace(" ", "") in text.replace(" ", ""), amount
    assert "Contents" in text and "Page 2 of" in text


def test_html_is_self_contained_and_shows_no_code(built: Path) -> None:
    page = (built / "medical-coding-salaries.html").read_text(encoding="utf-8")
    assert "<script" not in page
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page), "a resource is fetched from a host"
    assert "@import" not in page and "url(http" not in page
    assert "notebook.start(" not in page and "clean_salaries(" not in page
    charts = sum(cell.source.count("present.figure(") for path in notebook_paths() for cell in nbformat.read(path, as_version=4).cells)
    assert page.count('<figure class="captioned figure"') == charts > 0
    for heading in section_headings():
        assert heading.replace("'", "&#39;") in page or heading in page


def test_findings_json_is_well_formed(built: Path) -> None:
    document = json.loads((built / "findings.json").read_text(encoding="utf-8"))
    assert set(document) == {"parameters", "findings"}
    for finding in document["findings"]:
        assert {"id", "value", "unit", "sentence", "sources"} <= set(finding)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in OUTPUTS}


@pytest.fixture
def previous_report(built: Path, tmp_path: Path) -> Path:
    out = tmp_path / "report"
    out.mkdir()
    for name in OUTPUTS:
        (out / name).write_bytes((built / name).read_bytes())
    return out


def test_unknown_parameter_stops_the_build_and_keeps_the_previous_report(previous_report: Path, tmp_path: Path) -> None:
    before = snapshot(previous_report)
    params = tmp_path / "my.yml"
    params.write_text("range_point: midpoint\nbaseline_city: Chicago\n", encoding="utf-8")
    result = run_build("--params", str(params), "--out", str(previous_report))
    assert result.returncode == 2
    assert "my.yml: unknown parameter(s) baseline_city; valid names are range_point" in result.stderr
    assert snapshot(previous_report) == before


def test_malformed_raw_row_stops_the_build_and_keeps_the_previous_report(previous_report: Path, data_copy: Path) -> None:
    before = snapshot(previous_report)
    path = data_copy / "raw" / "03_cities.csv"
    path.write_text(path.read_text(encoding="utf-8").replace('"$50,000"', '"$50,OOO"'), encoding="utf-8")
    result = run_build("--out", str(previous_report), data=data_copy)
    assert result.returncode == 2
    assert "03_cities.csv, row 2: amount '$50,OOO' is not a dollar figure" in result.stderr
    assert snapshot(previous_report) == before
    assert not any(data_copy.joinpath("processed").iterdir()), "a half-made processed file was left behind"
