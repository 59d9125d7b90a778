"""Credentials and job titles: hand-computed checks against the article's T4 and T6 (data/raw, cleaned)."""

from __future__ import annotations

import pytest

from medical_coding_salaries.clean.salaries import clean_salaries
from medical_coding_salaries.findings import rounded
from medical_coding_salaries.present.numbers import pct
from medical_coding_salaries.sections import certification
from medical_coding_salaries.sections.summary import HEADLINES

from conftest import findings_by_id, parameters_with


def test_roles(salaries):
    frame = certification.roles(salaries)
    assert list(zip(frame["table_id"], frame["role"], frame["salary"], strict=True)) == [
        ("T4", "CPC", 50000),
        ("T4", "CCS", 60000),
        ("T4", "Coding Auditor", 70000),
        ("T6", "CPC", 51426),
        ("T6", "CCS", 63061),
        ("T6", "Medical Records Coder", 45858),
    ]
    assert frame["credentialed"].tolist() == [True, True, False, True, True, False]


def test_ccs_premium_over_cpc_in_each_table(salaries):
    frame = certification.ccs_over_cpc(salaries).set_index("table_id")
    assert frame.at["T4", "gap_usd"] == 10000
    assert frame.at["T4", "gap_pct"] == pytest.approx(20.0)
    assert frame.at["T6", "gap_usd"] == 11635  # 63,061 - 51,426
    assert frame.at["T6", "gap_pct"] == pytest.approx(11635 / 51426 * 100)  # 22.62%
    assert frame.at["T6", "sources"] == ("T6.2", "T6.1")


def test_same_credential_in_the_two_tables(salaries):
    frame = certification.between_tables(salaries).set_index("role")
    assert frame.at["CPC", "difference_usd"] == 1426
    assert frame.at["CCS", "difference_pct"] == pytest.approx(3061 / 60000 * 100)
    assert frame.at["CCS", "sources"] == ("T4.2", "T6.2")


def test_credentials_over_the_title_without_a_named_credential(salaries):
    frame = certification.over_title_without_credential(salaries).set_index("role")
    assert frame["table_id"].unique().tolist() == ["T6"]
    assert frame.at["CPC", "gap_usd"] == 5568  # 51,426 - 45,858
    assert frame.at["CPC", "gap_pct"] == pytest.approx(5568 / 45858 * 100)
    assert frame.at["CCS", "gap_pct"] == pytest.approx(17203 / 45858 * 100)


def test_auditor_step(salaries):
    frame = certification.auditor_step(salaries).set_index("reference")
    assert frame.at["CPC", "gap_pct"] == pytest.approx(40.0)
    assert frame.at["CCS", "gap_usd"] == 10000
    assert frame.at["CCS", "gap_pct"] == pytest.approx(10000 / 60000 * 100)


def test_against_a_baseline_missing_from_a_table(salaries):
    frame = certification.against_baseline(salaries, "Medical Records Coder")
    assert frame["table_id"].unique().tolist() == ["T6"]
    assert certification.tables_without(salaries, "Medical Records Coder") == ["T4"]
    text = certification.describe_baseline(salaries, parameters_with(credential_baseline="Medical Records Coder")).text
    assert "T4 does not report Medical Records Coder" in text


def test_against_ccs(salaries):
    frame = certification.against_baseline(salaries, "CCS").set_index(["table_id", "role"])
    assert frame.loc[("T6", "CPC"), "gap_usd"] == -11635
    assert "CCS" not in frame.index.get_level_values("role")  # never a row comparing CCS with itself
    assert len(frame) == 4  # T4: CPC, Coding Auditor; T6: CPC, Medical Records Coder


def test_required_findings(salaries):
    found = findings_by_id(certification.findings(salaries, parameters_with()))
    low, high = found["certification.ccs_over_cpc.pct.min"], found["certification.ccs_over_cpc.pct.max"]
    # Findings hold their value at the unit's declared precision (findings.PRECISION): one decimal for a percent.
    assert (
        low.value == rounded(10000 / 50000 * 100, "percent")
        and "20.0%" in low.sentence
        and low.sources == ("T4.2", "T4.1")
    )
    assert (
        high.value == rounded((63061 - 51426) / 51426 * 100, "percent")
        and "22.6%" in high.sentence
        and "T6" in high.sentence
    )  # 22.6247
    over_coder = found["certification.cpc_over_medical_records_coder.pct"]
    assert (
        over_coder.value == rounded((51426 - 45858) / 45858 * 100, "percent") and "12.1%" in over_coder.sentence
    )  # 12.1418
    assert over_coder.sources == ("T6.1", "T6.3")
    assert found["certification.auditor_over_ccs.pct"].value == rounded(
        (70000 - 60000) / 60000 * 100, "percent"
    )  # 16.6667
    assert found["certification.tables_max_difference.pct"].value == rounded(
        (63061 - 60000) / 60000 * 100, "percent"
    )  # 5.1017
    for finding in found.values():
        assert type(finding.value) is float and finding.section == "certification"
        assert finding.sources and set(finding.sources) <= set(salaries["record_id"])
        assert pct(finding.value) in finding.sentence
    assert 1 <= sum(name in HEADLINES for name in found) <= 2


@pytest.mark.parametrize(
    ("baseline", "value", "words"),
    [
        ("CPC", 40.0, "Coding Auditor in T4, 40.0% above"),
        ("CCS", 17203 / 63061 * 100, "Medical Records Coder in T6, 27.3% below"),
        ("Medical Records Coder", 17203 / 45858 * 100, "CCS in T6, 37.5% above"),
    ],
)
def test_baseline_changes_the_baseline_finding(salaries, baseline, value, words):
    finding = findings_by_id(certification.findings(salaries, parameters_with(credential_baseline=baseline)))[
        "certification.vs_baseline.largest_gap.pct"
    ]
    assert finding.value == rounded(value, "percent")
    assert words in finding.sentence and baseline in finding.sentence


def test_single_figures_ignore_the_range_point(salaries):
    low = certification.ccs_over_cpc(clean_salaries("low"))
    assert low["gap_pct"].tolist() == certification.ccs_over_cpc(salaries)["gap_pct"].tolist()


def test_views_are_formatted(salaries):
    view = certification.comparison_view(certification.ccs_over_cpc(salaries))
    assert view["Gap"].tolist() == ["+$10,000", "+$11,635"] and view["Gap (%)"].tolist() == ["+20.0%", "+22.6%"]
    assert certification.between_tables_view(salaries)["T6 − T4"].tolist() == ["+$1,426", "+$3,061"]
    assert certification.roles_view(salaries)["Salary"].iloc[-1] == "$45,858"
    assert "**medians**" in certification.describe_statistics(salaries).text
