"""Restating dollars with CPI-U: the cpi package against the shipped file, hand-computed cases and parameters."""

import dataclasses

import pytest

from medical_coding_salaries.errors import ParameterError
from medical_coding_salaries.findings import rounded
from medical_coding_salaries.ingest import cpi, reference
from medical_coding_salaries.sections import inflation
from medical_coding_salaries.sections.summary import HEADLINES

from conftest import findings_by_id

CPI_EXPECTED = {2019: 255.657, 2020: 258.811, 2021: 270.970, 2022: 292.655, 2023: 304.702, 2024: 313.689, 2025: 321.943}


def test_shipped_cpi_file_holds_the_published_values():
    shipped = reference.cpi_reference()
    assert dict(zip(shipped["year"], shipped["index_1982_84_100"], strict=True)) == CPI_EXPECTED
    assert shipped["series_or_code"].unique().tolist() == [cpi.CPI_SERIES]


def test_cpi_package_equals_shipped_file():
    frame = inflation.cpi_frame()
    assert frame["cpi_package"].tolist() == pytest.approx(frame["shipped"].tolist(), abs=5e-4)


def test_cpi_years():
    years = cpi.cpi_years()
    assert set(CPI_EXPECTED) <= set(years)
    assert 2026 not in years
    assert list(years) == sorted(years)


def test_restate_by_hand():
    assert cpi.restate(44090, 2020, 2025) == pytest.approx(44090 * 321.943 / 258.811)
    assert cpi.restate(44090, 2020, 2025) == pytest.approx(54844.91, abs=0.01)
    assert cpi.restate(1000, 2025, 2025) == 1000


def test_year_without_cpi_names_the_parameter():
    with pytest.raises(ParameterError, match=r"'dollar_year' is 2099.*valid years are \d{4}–2025"):
        cpi.check_year(2099, "dollar_year")


def test_restated_figures_flag_assumed_years(salaries):
    frame = inflation.restated_figures(salaries, 2025, 2021).set_index("record_id")
    assert (frame.loc["P1.1", "year"], frame.loc["P1.1", "year_basis"]) == (2020, inflation.STATED)
    assert (frame.loc["T3.1", "year"], frame.loc["T3.1", "year_basis"]) == (2021, inflation.ASSUMED)
    assert frame.loc["T3.1", "restated"] == pytest.approx(55000 * 321.943 / 270.970)
    assert frame.loc["T5.5", "restated"] == pytest.approx(76370 * 321.943 / 258.811)


def test_undated_reference_year_changes_undated_figures_only(salaries):
    early = inflation.restated_figures(salaries, 2025, 2020).set_index("record_id")
    late = inflation.restated_figures(salaries, 2025, 2024).set_index("record_id")
    assert early.loc["T3.1", "restated"] > late.loc["T3.1", "restated"]
    assert early.loc["P1.1", "restated"] == late.loc["P1.1", "restated"]


def test_parameters_without_cpi_data_raise(salaries):
    with pytest.raises(ParameterError, match="dollar_year"):
        inflation.restated_figures(salaries, 2031, 2021)
    with pytest.raises(ParameterError, match="undated_reference_year"):
        inflation.restated_figures(salaries, 2025, 2031)


def test_dollar_year_changes_the_restated_median(salaries, params):
    def median(year):
        found = findings_by_id(inflation.findings(salaries, dataclasses.replace(params, dollar_year=year)))
        return found["inflation.article_bls_median.in_dollar_year.usd"]

    # A restated dollar figure is computed: stored and shown to the nearest $100 (findings.COMPUTED_DOLLARS).
    assert median(2025).value == 54800  # 44,090 x 321.943 / 258.811 = 54,844.91
    assert median(2022).value == 49900  # 44,090 x 292.655 / 258.811 = 49,855.06
    assert "$54,800 in 2025 dollars" in median(2025).sentence
    assert median(2020).value == 44090
    assert "2022 dollars" in median(2022).sentence


def test_official_trend_in_constant_dollars():
    trend = inflation.official_trend(reference.oews(), 2025).set_index(["year", "percentile"])
    assert trend.loc[(2025, 50), "constant"] == trend.loc[(2025, 50), "nominal"] == 51140
    assert trend.loc[(2020, 90), "constant"] == pytest.approx(73370 * 321.943 / 258.811)


def test_median_real_change():
    change = inflation.median_change(reference.oews(), 2025)
    assert change["nominal_change_pct"] == pytest.approx((51140 / 44090 - 1) * 100)
    assert change["real_change_pct"] == pytest.approx((51140 / (44090 * 321.943 / 258.811) - 1) * 100)
    # The real change does not depend on the year whose dollars it is measured in.
    assert inflation.median_change(reference.oews(), 2021)["real_change_pct"] == pytest.approx(
        change["real_change_pct"]
    )


def test_placed_on_latest_restates_to_the_latest_year(salaries):
    placed = inflation.placed_on_latest(salaries, reference.oews(), 2021).set_index("record_id")
    assert placed.loc["T3.1", "restated"] == pytest.approx(55000 * 321.943 / 270.970)
    assert placed.loc["T3.1", "restated_percentile"] > placed.loc["T3.1", "percentile"]


def test_cpi_caveat_for_2025():
    assert inflation.cpi_caveats([2020]) == []
    assert "11 months" in inflation.cpi_caveats([2020, 2025])[0]


def test_findings(salaries, params):
    found = findings_by_id(inflation.findings(salaries, params))
    real = found["inflation.official_median.real_change.pct"]
    # Findings hold their value at the unit's declared precision (findings.PRECISION): one decimal for a percent.
    assert real.value == rounded((51140 / (44090 * 321.943 / 258.811) - 1) * 100, "percent")  # -6.755
    # May 2020 belongs to the broader group 29-2098: labelled, and no longer the headline's base.
    assert real.id not in HEADLINES and "29-2098" in real.sentence and "fell 6.8%" in real.sentence
    assert all(finding.section == "inflation" for finding in found.values())


def test_the_headline_trend_compares_one_occupation_code(salaries, params):
    # 29-2072 from May 2021 ($46,660) to May 2025 ($51,140); CPI-U 2021 annual average 270.970, 2025 321.943.
    found = findings_by_id(inflation.findings(salaries, params))
    nominal, real = found["official.trend.nominal_change.pct"], found["official.trend.real_change.pct"]
    assert nominal.value == rounded((51140 / 46660 - 1) * 100, "percent")  # 9.6
    assert real.value == rounded((51140 / (46660 * 321.943 / 270.970) - 1) * 100, "percent")  # -7.8
    assert real.id in HEADLINES and "May 2021 to May 2025" in real.sentence and "29-2072" in real.sentence
    assert "oews_medical_records_specialists.csv:May 2021" in nominal.sources
