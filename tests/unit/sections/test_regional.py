"""City figures in local purchasing power (BEA regional price parities)."""

import dataclasses

import pytest

from medical_coding_salaries.findings import rounded
from medical_coding_salaries.ingest import reference
from medical_coding_salaries.sections import city, regional, summary
from medical_coding_salaries.sections.summary import HEADLINES

from conftest import findings_by_id


@pytest.fixture(scope="module")
def table(salaries, params):
    return regional.city_table(salaries, params).set_index("city")


def test_price_adjusted_by_hand(table):
    assert table.loc["new_york", "price_adjusted"] == pytest.approx(55000 / 1.12563)
    assert table.loc["new_york", "price_adjusted"] == pytest.approx(48861.5, abs=0.1)
    assert table.loc["houston", "price_adjusted"] == pytest.approx(45625.5, abs=0.1)
    assert table.loc["los_angeles", "price_adjusted"] == pytest.approx(50000 / 1.13566)
    assert table.loc["chicago", "rpp_all_items"] == 103.595


def test_ranking_changes(table):
    assert table["nominal_rank"].to_dict() == {"new_york": 1, "los_angeles": 2, "chicago": 3, "houston": 4}
    assert table["price_adjusted_rank"].to_dict() == {"new_york": 1, "los_angeles": 4, "chicago": 2, "houston": 3}
    assert table.loc["los_angeles", "rank_change"] == -2


def test_gaps(table):
    gaps = regional.gaps(table.reset_index()).set_index("basis")
    assert gaps.loc["nominal", "gap_pct"] == pytest.approx((55000 / 45000 - 1) * 100)
    assert gaps.loc["price_adjusted", "gap_pct"] == pytest.approx((55000 / 1.12563) / (50000 / 1.13566) * 100 - 100)
    assert gaps.loc["price_adjusted", "bottom"] == "Los Angeles, CA"


def test_release_is_named():
    note = regional.release_note(reference.price_parities())
    assert "February 19, 2026" in note and "2024" in note and "not comparable across years" in note


def test_switched_off(salaries, params):
    off = dataclasses.replace(params, regional_prices=False)
    assert regional.city_table(salaries, off) is None
    assert regional.findings(salaries, off) == []
    assert "regional_prices: false" in regional.SWITCHED_OFF


def test_missing_parity_is_an_error(salaries):
    with pytest.raises(ValueError, match="houston"):
        regional.price_adjusted(salaries, reference.price_parities().query("city != 'houston'"))


def test_findings(salaries, params):
    found = findings_by_id(regional.findings(salaries, params))
    adjusted = found["city.top_vs_bottom.pct.price_adjusted"]
    # New York City ($55,000, RPP 112.563) over Los Angeles ($50,000, RPP 113.566), in local purchasing power:
    assert (
        adjusted.value == rounded(((55000 / 112.563) / (50000 / 113.566) - 1) * 100, "percent")
        and adjusted.id in HEADLINES
    )
    assert "11.0%" in adjusted.sentence and "22.2%" in adjusted.sentence
    assert found["city.rank_changes.share.pct"].value == 75
    assert "Los Angeles, CA from 2nd to 4th" in found["city.rank_changes.share.pct"].sentence
    assert all(
        finding.section == "regional" and finding.sources == ("T3.1", "T3.2", "T3.3", "T3.4")
        for finding in found.values()
    )


def test_views_and_description_with_prices_on_and_off(salaries, params):
    adjusted = regional.city_table(salaries, params)
    assert regional.city_view(adjusted)["Price-adjusted"].tolist() == ["$48,900", "$44,000", "$46,300", "$45,600"]
    nominal = regional.city_view(regional.city_figures(salaries))
    assert "Price-adjusted" not in nominal and nominal["Above lowest, nominal"].iloc[0] == "+22.2%"
    assert regional.describe(None, reference.price_parities()) == regional.SWITCHED_OFF
    assert "Los Angeles, CA from 2nd to 4th" in regional.describe(adjusted, reference.price_parities())


def test_the_shown_cities_and_captions_follow_regional_prices(salaries, params):
    assert "price_adjusted" in regional.shown_cities(salaries, params)
    assert "local" in regional.cities_table_caption(params) and "local" in regional.cities_chart_caption(params)
    off = dataclasses.replace(params, regional_prices=False)
    assert "price_adjusted" not in regional.shown_cities(salaries, off)
    assert regional.cities_table_caption(off) == "The article's cities, nominal"
    assert regional.cities_chart_caption(off) == "The article's city averages, nominal"


def test_the_official_section_states_its_own_findings_and_those_shown_in_it(salaries, params):
    found = summary.findings_shown_in("official", salaries, params)
    assert [finding.section for finding in found] == sorted(
        (finding.section for finding in found), key=["official", "inflation", "regional"].index
    )
    assert {finding.section for finding in found} == {"official", "inflation", "regional"}
    assert [finding.id for finding in summary.findings_shown_in("city", salaries, params)] == [
        finding.id for finding in city.findings(salaries, params)
    ]
