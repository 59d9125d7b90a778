"""Cities: hand-computed checks against the article's T3, P1 and P2 (data/raw, cleaned)."""

from __future__ import annotations

import pytest

from medical_coding_salaries.clean.salaries import clean_salaries
from medical_coding_salaries.findings import PRECISION, rounded
from medical_coding_salaries.present.numbers import pct, usd
from medical_coding_salaries.sections import city, city_tables
from medical_coding_salaries.sections.summary import HEADLINES

from conftest import findings_by_id, parameters_with


def test_cities_are_ranked_highest_first(salaries):
    frame = city.cities(salaries)
    assert frame["city_name"].tolist() == ["New York City", "Los Angeles", "Chicago", "Houston"]
    assert frame["salary"].tolist() == [55000, 50000, 48000, 45000]
    assert frame["rank"].tolist() == [1, 2, 3, 4]
    assert frame["sources"].tolist() == [("T3.1",), ("T3.2",), ("T3.3",), ("T3.4",)]


def test_national_references_are_p1_and_the_ends_and_middle_of_p2(salaries):
    frame = city.national_references(salaries).set_index("reference")
    assert frame.at["national_median", "value"] == 44090 and frame.at["national_median", "sources"] == ("P1.1",)
    assert [frame.at[key, "value"] for key in ("range_low", "range_midpoint", "range_high")] == [43000, 50000, 57000]
    assert frame.at["range_midpoint", "sources"] == ("P2.2",)


def test_range_midpoint_reference_does_not_follow_range_point():
    frame = city.national_references(clean_salaries("low")).set_index("reference")
    assert frame.at["range_midpoint", "value"] == 50000


def test_top_vs_bottom(salaries):
    top = city.top_vs_bottom(salaries)
    assert (top["top"], top["bottom"]) == ("New York City", "Houston")
    assert top["gap_usd"] == 10000
    assert top["gap_pct"] == pytest.approx(10000 / 45000 * 100)  # 22.2%
    assert top["sources"] == ("T3.1", "T3.4")


def test_gaps_against_the_national_median(salaries):
    frame = city.gaps(salaries, "national_median").set_index("city_name")
    assert frame.at["New York City", "gap_usd"] == 10910  # 55,000 - 44,090
    assert frame.at["Houston", "gap_pct"] == pytest.approx(910 / 44090 * 100)
    assert frame.at["Chicago", "sources"] == ("T3.3", "P1.1")


def test_gaps_against_a_city_baseline(salaries):
    frame = city.gaps(salaries, "Houston").set_index("city_name")
    assert frame.at["New York City", "gap_usd"] == 10000
    assert frame.at["New York City", "gap_pct"] == pytest.approx(22.222, abs=1e-3)
    assert frame.at["Houston", "gap_usd"] == 0 and frame.at["Houston", "sources"] == ("T3.4",)


def test_versus_national(salaries):
    frame = city.versus_national(salaries).set_index("city_name")
    assert frame.at["Chicago", "vs_range_midpoint_usd"] == -2000
    assert frame.at["Houston", "range_position_pct"] == pytest.approx((45000 - 43000) / (57000 - 43000) * 100)
    assert frame["within_range"].all()
    assert frame.at["New York City", "sources"] == ("T3.1", "P1.1", "P2.2")


def test_pairs(salaries):
    frame = city.pairs(salaries).set_index(["higher", "lower"])
    assert len(frame) == 6
    assert frame.loc[("Los Angeles", "Chicago"), "gap_usd"] == 2000
    assert frame.loc[("Los Angeles", "Chicago"), "gap_pct"] == pytest.approx(2000 / 48000 * 100)


def test_required_findings(salaries):
    found = findings_by_id(city.findings(salaries, parameters_with()))
    usd_gap, pct_gap = found["city.top_vs_bottom.usd"], found["city.top_vs_bottom.pct"]
    assert usd_gap.value == 10000.0 and usd(usd_gap.value) in usd_gap.sentence and "$10,000" in usd_gap.sentence
    # Findings hold their value at the unit's declared precision (findings.PRECISION): one decimal for a percent.
    assert pct_gap.value == rounded((55000 - 45000) / 45000 * 100, "percent") and "22.2%" in pct_gap.sentence  # 22.222
    lowest = found["city.lowest_vs_national_median.pct"]
    assert (
        lowest.value == rounded((45000 - 44090) / 44090 * 100, "percent") and "2.1% above" in lowest.sentence
    )  # 2.064
    assert lowest.sources == ("T3.4", "P1.1")
    for finding in found.values():
        # Whole units (dollars) are stored as int, the others as float.
        assert type(finding.value) is (int if PRECISION[finding.unit] == 0 else float)
        assert finding.section == "city" and finding.sources
        assert set(finding.sources) <= set(salaries["record_id"])
    assert 1 <= sum(name in HEADLINES for name in found) <= 2


@pytest.mark.parametrize(
    ("baseline", "furthest", "value", "words"),
    [
        ("national_median", "New York City", 10910 / 44090 * 100, "24.7% above"),
        ("Houston", "New York City", 10000 / 45000 * 100, "22.2% above"),
        ("New York City", "Houston", 10000 / 55000 * 100, "18.2% below"),
    ],
)
def test_baseline_changes_the_baseline_finding(salaries, baseline, furthest, value, words):
    finding = findings_by_id(city.findings(salaries, parameters_with(city_baseline=baseline)))[
        "city.vs_baseline.largest_gap.pct"
    ]
    assert finding.value == rounded(value, "percent")
    assert furthest in finding.sentence and words in finding.sentence
    assert pct(finding.value) in finding.sentence


def test_baseline_prose_and_view(salaries):
    text = city.describe_baseline(salaries, parameters_with(city_baseline="Chicago")).text
    assert "Chicago" in text and "$48,000" in text and "T3.3" in text
    assert "$44,090" in city.describe_baseline(salaries, parameters_with()).text
    view = city_tables.gaps_view(salaries, "Chicago")
    assert "Gap to Chicago" in view.columns
    assert view["Gap to Chicago"].tolist() == ["+$7,000", "+$2,000", "+$0", "-$3,000"]
    assert city_tables.versus_national_view(salaries)["vs national median"].iloc[0] == "+$10,910"


def test_comparability_prose_reads_the_statistics_from_the_data(salaries):
    text = city.describe_comparability(salaries).text
    assert "**averages**" in text and "**median**" in text


def test_the_gaps_table_shows_the_headline_lead_over_the_lowest_city_and_never_a_city_against_itself(salaries):
    view = city_tables.gaps_view(salaries, "national_median").set_index("City")
    # New York City $55,000 over Houston $45,000: +22.2%, the section's answer; Houston is the lowest.
    assert view.loc["New York City, NY", "Above the lowest city"] == "+22.2%"
    assert view.loc["Chicago, IL", "Above the lowest city"] == "+6.7%"  # $48,000 / $45,000
    assert view.loc["Houston, TX", "Above the lowest city"] == "lowest"
