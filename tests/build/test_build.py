"""The report builds end to end; bad input stops it and leaves the previous report untouched."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import nbformat
import pandas as pd
from pypdf import PdfReader

from medical_coding_salaries.build.execute import notebook_paths
from medical_coding_salaries.clean.salaries import clean_salaries
from medical_coding_salaries.parameters import load
from medical_coding_salaries.paths import DATA

from conftest import OUTPUTS


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
    charts = sum(
        cell.source.count("show.figure(")
        for path in notebook_paths()
        for cell in nbformat.read(path, as_version=4).cells
    )
    assert page.count('<figure class="captioned figure"') == charts > 0
    for heading in section_headings():
        assert heading.replace("'", "&#39;") in page or heading in page


def test_every_table_and_figure_is_numbered_and_referred_to_from_the_text(built: Path) -> None:
    page = (built / "medical-coding-salaries.html").read_text(encoding="utf-8")
    captioned = re.findall(r'<figure class="captioned (table|figure)" id="([^"]+)">', page)
    assert len(captioned) > 20
    for kind, anchor in captioned:
        assert f'<a class="ref" href="#{anchor}">{kind.title()} ' in page, f"{anchor} is not referred to"
    numbers = re.findall(r'<span class="caption-label">(Table|Figure) (\d+)\.</span>', page)
    for kind in ("Table", "Figure"):
        assert [int(n) for k, n in numbers if k == kind] == list(range(1, sum(k == kind for k, _ in numbers) + 1))
    assert "[[" not in page and '">section</a>' not in page and '">table</a>' not in page


def test_summary_sentences_state_the_json_values_as_rounded(built: Path) -> None:
    from medical_coding_salaries.present.numbers import ordinal, pct, ratio, usd
    from medical_coding_salaries.sections.summary import HEADLINES

    findings = {
        finding["id"]: finding
        for finding in json.loads((built / "findings.json").read_text(encoding="utf-8"))["findings"]
    }
    page = (built / "medical-coding-salaries.html").read_text(encoding="utf-8")
    summary = page[page.index('id="sec-1"') : page.index('id="sec-2"')]
    assert 5 <= len(HEADLINES) <= 9  # eight questions, and the pay band for the chosen profile
    for name in HEADLINES:
        finding = findings[name]
        value = finding["value"]
        shown = {
            "usd": usd(abs(value)),
            "percent": pct(abs(value)),
            "ratio": ratio(value),
            "percentile": ordinal(value),
        }[finding["unit"]]
        assert shown in finding["sentence"], (name, shown, finding["sentence"])
        assert html.escape(finding["sentence"], quote=False) in summary, name
        assert finding["sources"], f"{name} names no source"


def test_findings_json_is_well_formed(built: Path) -> None:
    document = json.loads((built / "findings.json").read_text(encoding="utf-8"))
    assert set(document) == {"parameters", "robustness", "findings"}
    assert document["parameters"] == load().as_dict()
    for finding in document["findings"]:
        assert {"id", "value", "unit", "sentence", "sources"} <= set(finding)


def test_findings_carry_the_pay_band_and_their_sensitivity_over_the_grid(built: Path) -> None:
    document = json.loads((built / "findings.json").read_text(encoding="utf-8"))
    found = {finding["id"]: finding for finding in document["findings"]}
    low, point, high = (found[f"pay_band.{end}.usd"]["value"] for end in ("low", "point", "high"))
    assert low <= point <= high
    assert found["pay_band.point.usd"]["extra"]["profile"] == {"level": "mid", "city": "national", "credential": "any"}
    for name, finding in found.items():
        spread = finding["sensitivity"]
        assert spread["runs"] == 18, name
        assert spread["low"] <= finding["value"] <= spread["high"], name
    assert document["robustness"]["grid"]["undated_reference_year"] == [2020, 2021, 2022]


def test_the_build_logs_the_robustness_grid_and_its_cost(built: Path) -> None:
    log = (built.parent / "build.log").read_text(encoding="utf-8")
    assert re.search(
        r"robustness: 18 combinations of range_point \(3\) x open_top_factor \(2\) x undated_reference_year \(3\) "
        r"in \d+\.\d s",
        log,
    ), log


def body_pages(pdf: Path) -> tuple[list[str], int]:
    """The text of each page before the first appendix section, and the page (from 1) the appendix starts on."""
    pages = [page.extract_text() for page in PdfReader(pdf).pages]
    # A section's heading line, not its line in the contents (which ends with dot leaders and a page number).
    start = next(number for number, text in enumerate(pages, 1) if re.search(r"^\d+ Appendix: .*[^.\d\s]$", text, re.M))
    return pages[: start - 1], start  # the body starts on page 1, under the title


def empty_share_at_the_bottom(page: Any) -> float:
    """How much of the page's text area is left empty below its lowest line (the footer aside), from 0 to 1.

    A chart is an image whose caption sits below it, so the lowest line of text is the bottom of the content."""
    bottom_margin, top_margin = 2.2 / 2.54 * 72, 1.8 / 2.54 * 72  # report.typ's page margins, in points
    lines: list[float] = []

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        baseline = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        if text.strip() and baseline > bottom_margin - 4:  # the footer sits in the bottom margin
            lines.append(baseline)

    page.extract_text(visitor_text=visit)
    height = float(page.mediabox.height) - bottom_margin - top_margin
    return (min(lines) - bottom_margin) / height if lines else 1.0


def test_the_body_is_short_and_the_appendix_starts_by_page_15(built: Path) -> None:
    pages, appendix = body_pages(built / "medical-coding-salaries.pdf")
    assert appendix <= 15, f"the appendix starts on page {appendix}"
    tables = {number for text in pages for number in re.findall(r"Table (\d+)\.", text)}
    assert len(tables) <= 15, f"{len(tables)} tables in the body"


def test_the_answers_come_first_and_no_body_page_is_left_a_third_empty(built: Path) -> None:
    from medical_coding_salaries.sections.summary import HEADLINES

    reader = PdfReader(built / "medical-coding-salaries.pdf")

    # A line may break after a hyphen ("entry-" / "level"): both sides joined again before comparing.
    def joined(text: str) -> str:
        return re.sub(r"(?<=\w)- (?=\w)", "-", flat(text))

    first_two = joined(" ".join(page.extract_text() for page in reader.pages[:2]))
    findings = {finding["id"]: finding for finding in json.loads((built / "findings.json").read_text())["findings"]}
    assert "1 Executive summary" in flat(reader.pages[0].extract_text())
    for name in HEADLINES:  # every headline answer, and the summary chart, on the first two pages
        assert joined(findings[name]["sentence"]) in first_two, name
    assert "Figure 1." in first_two
    _, appendix = body_pages(built / "medical-coding-salaries.pdf")
    # The last body page may end early: the appendix starts a page of its own.
    empty = {number: empty_share_at_the_bottom(reader.pages[number - 1]) for number in range(1, appendix - 1)}
    assert all(share <= 1 / 3 for share in empty.values()), {n: round(share, 2) for n, share in empty.items()}


def test_the_body_shows_no_finding_id_and_no_number_beyond_two_decimals(built: Path) -> None:
    pages, _ = body_pages(built / "medical-coding-salaries.pdf")
    body = flat(" ".join(pages))
    ids = [finding["id"] for finding in json.loads((built / "findings.json").read_text())["findings"]]
    assert not [name for name in ids if name in body]
    # Index values (CPI-U, BEA price parities) keep the decimals their publishers print: they are allowed.
    indexes = set()
    for file, column in (
        ("cpi_u_annual.csv", "index_1982_84_100"),
        ("bea_regional_price_parities_2024.csv", "rpp_all_items"),
    ):
        indexes |= set(pd.read_csv(DATA / "reference" / file, dtype=str)[column])
    long_numbers = [number for number in re.findall(r"\d+\.\d{3,}", body) if number not in indexes]
    assert not long_numbers, long_numbers


def test_findings_json_values_have_at_most_two_decimals(built: Path) -> None:
    for finding in json.loads((built / "findings.json").read_text())["findings"]:
        for value in (finding["value"], finding["sensitivity"]["low"], finding["sensitivity"]["high"]):
            assert round(value, 2) == value, (finding["id"], value)
    ids = {finding["id"] for finding in json.loads((built / "findings.json").read_text())["findings"]}
    assert {
        "distribution.bls_median.percentile",
        "official.trend.nominal_change.pct",
        "official.trend.real_change.pct",
    } <= ids
    sentences = " ".join(
        finding["sentence"] for finding in json.loads((built / "findings.json").read_text())["findings"]
    )
    assert "with no credential" not in sentences and "no credential" not in sentences.replace("names no credential", "")
