"""Pay band: hand-computed factors from T1, T2, T3, P2 and T6, and profiles that behave as the method implies."""

from __future__ import annotations

import pytest

from medical_coding_salaries.ingest.cpi import restate
from medical_coding_salaries.sections import pay_band, pay_band_tables
from medical_coding_salaries.sections.summary import HEADLINES

from conftest import findings_by_id, parameters_with


def test_national_band_averages_t1_and_t2_and_senior_is_t2_alone(salaries):
    mid = pay_band.national_band(salaries, "mid", 1.0)
    # T1.2 $42,000–$55,000 (point 48,500) and T2.2 $45,000–$55,000 (point 50,000)
    assert (mid["low"], mid["point"], mid["high"]) == (43500, 49250, 55000)
    assert mid["sources"] == ("T1.2", "T2.2")
    senior = pay_band.national_band(salaries, "senior", 1.5)
    # T2.4 $70,000–$90,000+: the open top raised by the factor for the high end; the point (midpoint, factor 1.0
    # in the fixture's cleaning) is left to the cleaned table.
    assert (senior["low"], senior["high"], senior["tables"]) == (70000, 135000, ("T2",))


def test_city_factor_is_the_city_average_over_p2_midpoint(salaries):
    assert pay_band.city_factor(salaries, "New York City")["value"] == pytest.approx(55000 / 50000)
    assert pay_band.city_factor(salaries, "Houston")["value"] == pytest.approx(45000 / 50000)
    assert pay_band.city_factor(salaries, "Houston")["sources"] == ("T3.4", "P2.2")
    assert pay_band.city_factor(salaries, "national")["value"] == 1.0


def test_credential_factor_is_t6_credential_over_the_title_without_a_named_credential(salaries):
    assert pay_band.credential_factor(salaries, "CPC")["value"] == pytest.approx(51426 / 45858)
    assert pay_band.credential_factor(salaries, "CCS")["value"] == pytest.approx(63061 / 45858)
    assert pay_band.credential_factor(salaries, "CCS")["sources"] == ("T6.2", "T6.3")
    assert pay_band.credential_factor(salaries, "any")["value"] == 1.0


def test_band_is_the_product_of_its_factors(salaries):
    params = parameters_with(profile_level="entry", profile_city="Chicago", profile_credential="CPC")
    found = pay_band.band(salaries, params)
    cpi = restate(1.0, 2021, 2025)
    # entry: T1.1 $34,000–$42,000 and T2.1 $35,000–$45,000 -> low 34,500, point 39,000, high 43,500
    factor = 48000 / 50000 * 51426 / 45858 * cpi
    # Each end is a computed dollar figure: to the nearest $100.
    assert (found["low"], found["point"], found["high"]) == tuple(
        round(value * factor, -2) for value in (34500, 39000, 43500)
    )
    assert found["cpi"]["year"] == 2021 and found["cpi"]["basis"] == "assumed"


def test_findings_at_the_defaults(salaries, params):
    found = findings_by_id(pay_band.findings(salaries, params))
    low, point, high = (found[f"pay_band.{end}.usd"] for end in ("low", "point", "high"))
    assert low.value <= point.value <= high.value
    assert point.value == 58500  # 49,250 x 321.943 / 270.970 = 58,515 -> to the nearest $100
    assert "$51,700–$65,300, point $58,500 (each range's midpoint), in 2025 dollars" in point.sentence
    # The restatement rests on an assumption, which the sentence names: the undated tables' year.
    assert point.sentence.endswith("(the undated tables taken as 2021 dollars).")
    assert point.extra["profile"] == {"level": "mid", "city": "national", "credential": "any"}
    assert point.extra["factors"]["city"] == 1.0 and point.extra["factors"]["credential"] == 1.0
    assert point.sources[:2] == ("T1.2", "T2.2")
    assert "pay_band.point.usd" in HEADLINES


def point(salaries, **profile):
    return pay_band.band(salaries, parameters_with(**profile))["point"]


def test_new_york_above_houston_by_the_ratio_of_their_averages(salaries):
    new_york, houston = point(salaries, profile_city="New York City"), point(salaries, profile_city="Houston")
    assert new_york > houston
    assert new_york / houston == pytest.approx(55000 / 45000, rel=1e-3)  # each rounded to $100


def test_ccs_above_cpc_and_senior_above_entry(salaries):
    assert point(salaries, profile_credential="CCS") > point(salaries, profile_credential="CPC")
    assert point(salaries, profile_level="senior") > point(salaries, profile_level="entry")


def test_grid_covers_every_level_and_city(salaries, params):
    frame = pay_band.grid(salaries, params)
    assert frame["level"].tolist() == ["entry", "mid", "experienced", "senior"]
    assert list(frame.columns[1:]) == ["national", "New York City", "Los Angeles", "Chicago", "Houston"]
    assert frame.set_index("level").at["mid", "national"] == pytest.approx(pay_band.band(salaries, params)["point"])


def test_purchasing_power_divides_by_the_citys_parity(salaries):
    params = parameters_with(profile_city="Houston")
    view = pay_band_tables.purchasing_view(salaries, params).set_index("Where")
    found = pay_band.band(salaries, params)
    assert list(view.index) == ["National", "New York City", "Los Angeles", "Chicago", "Houston (this profile)"]
    houston = view.loc["Houston (this profile)"]
    assert houston["Regional price parity (US = 100)"] == "98.629"
    assert houston["Point at national prices"] == f"${round(found['point'] / 0.98629, -2):,.0f}"
    # Nationally the parity is 100: the point buys what it says.
    assert (
        view.loc["National", "Point at national prices"]
        == f"${pay_band.band(salaries, params, city_name='national')['point']:,.0f}"
    )


def test_the_official_view_reads_between_published_percentiles_and_drops_what_repeats(salaries, params):
    from medical_coding_salaries.ingest import reference
    from medical_coding_salaries.sections import official
    from medical_coding_salaries.sections.interpolation import interpolated_percentile

    view = pay_band_tables.official_view(salaries, params)
    # dollar_year is the latest May (2025): one dollar column; every end within the 10th-90th: said once in prose.
    assert list(view.columns) == ["End", "In 2025 dollars", "Percentile, May 2025"]
    published = official.percentiles_of(reference.oews(), 2025).to_dict()
    point = pay_band.band(salaries, params)["point"]  # $58,500, between the 50th ($51,140) and 75th ($64,820)
    assert view.iloc[1]["Percentile, May 2025"] == f"{round(interpolated_percentile(point, published).percentile)}th"
    assert "All three ends lie within the published 10th–90th percentile range" in (
        pay_band_tables.describe_official(salaries, params).text
    )
    # Experienced, nationally: $65,300-$83,200, whose high end lies above the official 90th ($81,150).
    experienced = pay_band_tables.official_view(salaries, parameters_with(profile_level="experienced"))
    assert experienced["Against the official 10th–90th"].tolist() == ["within", "within", "above the 90th"]
    assert experienced["Read"].iloc[-1] == "fitted log-normal (outside the table)"
