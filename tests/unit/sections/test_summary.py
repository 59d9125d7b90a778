"""The summary: answers per section, the percentile table named as the article's claim, the summary chart's data,
one finding per fact."""

from __future__ import annotations

import pytest

from medical_coding_salaries.findings import Finding
from medical_coding_salaries.sections import summary

from conftest import findings_by_id, parameters_with


def test_a_section_opens_with_its_headline_findings(salaries, params) -> None:
    answer = [finding.id for finding in summary.section_answer("city", salaries, params)]
    assert answer == ["city.top_vs_bottom.pct"]
    # The official section shows the inflation and regional sections' findings: their headlines open it.
    official = [finding.id for finding in summary.section_answer("official", salaries, params)]
    assert official == ["official.trend.real_change.pct", "city.top_vs_bottom.pct.price_adjusted"]


def test_a_section_without_a_headline_opens_with_its_first_two_findings(salaries, params) -> None:
    answer = summary.section_answer("consistency", salaries, params)
    assert [finding.id for finding in answer] == [
        "consistency.disagreements.share.pct",
        "consistency.largest_disagreement.usd",
    ]


def test_the_percentile_table_is_named_as_the_article_s_claim(salaries) -> None:
    # T5 against BLS May 2020: 10th $28,260 vs $28,800 (-540), 25th, 75th and 90th ($76,370 vs $73,370: +3,000) differ.
    text = summary.percentile_table_caveat(salaries).text
    assert "is not the BLS May 2020 table" in text and "by up to $3,000 at the 90th" in text
    assert "4 of its 5 percentiles differ" in text


def test_the_summary_chart_restates_the_figures_and_the_official_band(salaries, params) -> None:
    figures, official, latest = summary.answers_chart_data(salaries, params)
    assert latest == 2025 and official.to_dict() == {10: 37000, 25: 43490, 50: 51140, 75: 64820, 90: 81150}
    assert set(figures["group"]) == {
        "By experience (averages)",
        "By city (averages)",
        "By credential or title (medians)",
    }  # each group says what statistic its figures are, as the article gives them
    houston = figures.set_index("record_id").loc["T3.4"]
    # Houston's undated $45,000 in 2021 dollars (CPI-U 270.970) restated to 2025 (321.943):
    assert houston["restated"] == pytest.approx(45000 * 321.943 / 270.970)
    assert len(figures) == 17  # 7 experience rows, 4 cities, 3 + 3 credential or title rows


def test_a_baseline_comparison_that_restates_a_finding_is_left_out(salaries, params) -> None:
    found = findings_by_id(summary.all_findings(salaries, params))
    # At the default baseline (the national median) the furthest city is the highest against it: one fact.
    assert "city.vs_baseline.largest_gap.pct" not in found and "city.highest_vs_national_median.pct" in found
    chicago = findings_by_id(summary.all_findings(salaries, parameters_with(city_baseline="Chicago")))
    assert "city.vs_baseline.largest_gap.pct" in chicago


def test_one_per_fact_keeps_equal_values_that_are_different_facts() -> None:
    low = Finding("pay_band.low.usd", 100, "usd", "", ("T1.1",), "pay_band")
    point = Finding("pay_band.point.usd", 100, "usd", "", ("T1.1",), "pay_band")
    again = Finding("x.vs_baseline.largest_gap.pct", 100, "usd", "", ("T1.1",), "x")
    assert summary.one_per_fact([low, point, again]) == [low, point]


def test_the_summary_answers_in_dollars_of_the_chosen_year(salaries, params):
    text = summary.dollars_answer(salaries, params).text
    # T1.1's midpoint $38,000 (2021 dollars, assumed) x 321.943 / 270.970 = $45,148 -> $45,100; T2.4 $80,000 -> $95,049.
    assert "the article's figures run $45,100–$95,000 by experience (averages)" in text
    assert "by credential or title (medians)" in text and "an official median of $51,140 (May 2025)" in text
    assert "taken as 2021 dollars" in text and "the open top at its stated ceiling" in text
