"""Official statistics: the shipped reference data, their validation and the article against them."""

import math
import shutil
from statistics import NormalDist

import pandas as pd
import pytest

from medical_coding_salaries import parameters
from medical_coding_salaries.errors import BuildInputError
from medical_coding_salaries.ingest import reference
from medical_coding_salaries.paths import REFERENCE
from medical_coding_salaries.sections import distribution, lognormal, official, official_tables
from medical_coding_salaries.sections.interpolation import INTERPOLATED

from conftest import findings_by_id

# BLS OEWS national estimates, typed from the publications:
# May year -> (code, employment, mean, p10, p25, median, p75, p90).
OEWS_EXPECTED = {
    2020: ("29-2098", 318010, 48270, 28800, 34810, 44090, 57840, 73370),
    2021: ("29-2072", 180570, 48310, 29430, 36930, 46660, 59120, 74200),
    2022: ("29-2072", 187720, 51090, 31710, 37510, 47180, 60170, 75460),
    2023: ("29-2072", 185690, 53690, 35080, 39620, 48780, 61960, 77810),
    2024: ("29-2072", 187910, 55970, 35780, 41600, 50250, 64070, 80950),
    2025: ("29-2072", 194720, 56790, 37000, 43490, 51140, 64820, 81150),
}
ALL_OCCUPATIONS_EXPECTED = {2020: 41950, 2021: 45760, 2022: 46310, 2023: 48060, 2024: 49500, 2025: 50980}


@pytest.fixture(scope="module")
def wages():
    return reference.oews()


def test_oews_values_are_the_published_ones(wages):
    columns = ["series_or_code", "employment", "annual_mean", *reference.PERCENTILE_COLUMNS.values()]
    assert {row.year: tuple(getattr(row, column) for column in columns) for row in wages.itertuples()} == OEWS_EXPECTED
    assert (
        wages.loc[wages["year"] == 2020, "occupation_title"]
        .iloc[0]
        .startswith("Medical Dosimetrists, Medical Records Specialists")
    )


def test_other_reference_values():
    assert (
        dict(zip(reference.all_occupations()["year"], reference.all_occupations()["annual_median"], strict=True))
        == ALL_OCCUPATIONS_EXPECTED
    )
    outlook = reference.projections().iloc[0]
    assert (outlook["series_or_code"], outlook["base_year"], outlook["projection_year"]) == ("29-2072", 2024, 2034)
    assert (outlook["employment_base_thousands"], outlook["employment_projected_thousands"]) == (194.8, 208.6)
    assert (outlook["employment_change_pct"], outlook["openings_per_year_thousands"]) == (7.1, 14.2)
    # The published percentage agrees with the published levels, to its rounding.
    assert pytest.approx(outlook["employment_change_pct"], abs=0.05) == (208.6 / 194.8 - 1) * 100
    parities = reference.price_parities().set_index("city")["rpp_all_items"].to_dict()
    assert parities == {"new_york": 112.563, "los_angeles": 113.566, "chicago": 103.595, "houston": 98.629}
    cpi = reference.cpi_reference().set_index("year")
    assert cpi.loc[2025, "months_averaged"] == 11 and "October 2025" in cpi.loc[2025, "note"]


@pytest.mark.parametrize("name", sorted(path.name for path in REFERENCE.glob("*.csv")))
def test_every_reference_file_carries_provenance(name):
    frame = pd.read_csv(REFERENCE / name, encoding="utf-8", dtype=str)
    assert list(frame.columns[: len(reference.PROVENANCE)]) == list(reference.PROVENANCE)
    assert frame[list(reference.PROVENANCE)].notna().all().all()
    assert not frame["published_at"].str.contains("http").any()


def reference_with(folder, file: str, old: str, new: str) -> None:
    """A copy of data/reference in `folder` with `old` replaced by `new` in one file."""
    shutil.copytree(REFERENCE, folder, dirs_exist_ok=True)
    path = folder / file
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_a_mistyped_reference_value_stops_the_build(tmp_path):
    reference_with(tmp_path, reference.OEWS_FILE, ",43490,", ",53490,")
    with pytest.raises(BuildInputError, match=rf"{reference.OEWS_FILE}.*\n  data row 6: fails percentiles rise"):
        reference.oews(tmp_path)


def test_a_missing_reference_file_is_named(tmp_path):
    with pytest.raises(BuildInputError, match=reference.PARITIES_FILE):
        reference.price_parities(tmp_path)


def test_period_year():
    assert reference.period_year("May 2020") == 2020
    assert reference.period_year(None) is None
    assert reference.period_year("") is None


def test_article_against_may_2020(salaries, wages):
    comparison = official.article_vs_official(salaries, wages).set_index("percentile")
    assert comparison.loc[90, "difference_usd"] == 76370 - 73370
    assert comparison.loc[10, "difference_usd"] == 28260 - 28800
    assert comparison.loc[10, "difference_pct"] == pytest.approx(-540 / 28800 * 100)
    assert comparison["matches"].to_dict() == {10: False, 25: False, 50: True, 75: False, 90: False}
    assert comparison["official_series"].str.startswith("29-2098").all()


def test_comparison_is_described_plainly(salaries, wages):
    text = official_tables.describe_comparison(official.article_vs_official(salaries, wages), wages, 2020)
    assert (
        "50th percentile matches" in text
        and "10th, 25th, 75th and 90th do not (differences from -$1,250 to +$3,000)" in text
    )
    assert "29-2098" in text and "29-2072" in text


def test_broader_group_and_latest_year(wages):
    assert official.broader_group_years(wages) == [2020]
    assert official.latest_year(wages) == 2025


def test_trend_is_long_and_complete(wages):
    trend = official.trend(wages)
    assert len(trend) == 6 * 5
    assert trend.query("year == 2025 and percentile == 50")["nominal"].item() == 51140


def test_median_against_all_occupations(wages):
    gaps = official.median_against_all(wages, reference.all_occupations()).set_index("year")
    assert gaps.loc[2025, "gap_pct"] == pytest.approx((51140 / 50980 - 1) * 100)


def test_latest_fit_reuses_the_distribution_fit(wages):
    fit = official.latest_fit(wages)
    assert fit == lognormal.fit_lognormal([10, 25, 50, 75, 90], [37000, 43490, 51140, 64820, 81150])
    assert official.latest_band(wages) == (37000, 81150)


def test_placement_on_latest_distribution(salaries, wages):
    placed = official.place_on_latest(distribution.point_figures(salaries), wages).set_index("record_id")
    # Houston's $45,000 lies between the May 2025 25th ($43,490) and 50th ($51,140) percentiles: log-salary
    # linear in the normal quantile between them.
    share = (math.log(45000) - math.log(43490)) / (math.log(51140) - math.log(43490))
    expected = 100 * NormalDist().cdf(NormalDist().inv_cdf(0.25) * (1 - share))
    assert placed.loc["T3.4", "percentile"] == pytest.approx(expected)
    assert (placed["method"] == INTERPOLATED).all() and (placed["position"] == distribution.WITHIN).all()


def test_findings(salaries):
    found = findings_by_id(official.findings(salaries, parameters.load()))
    assert found["official.median.latest.usd"].value == 51140
    assert found["official.median.latest.usd"].unit == "usd" and found["official.median.latest.usd"].sources
    assert found["official.median.latest.year"].value == 2025 and found["official.median.latest.year"].unit == "year"
    assert found["article_vs_official.p90.usd"].value == 3000
    assert found["article_vs_official.p10.usd"].value == -540
    assert found["article_vs_official.median.usd"].value == 0
    assert (
        "$3,000" in found["article_vs_official.p90.usd"].sentence
        and "29-2098" in found["article_vs_official.p90.usd"].sentence
    )
    assert found["official.projection.growth.pct"].value == 7.1
    assert all(finding.section == "official" for finding in found.values())


def test_a_bad_single_value_is_named_by_row_and_column(tmp_path):
    reference_with(tmp_path, reference.PARITIES_FILE, "98.629", "-98.629")
    with pytest.raises(BuildInputError, match=r"data row 4, column rpp_all_items: -98.629 fails in_range"):
        reference.price_parities(tmp_path)


def test_a_stray_reference_file_is_named_with_the_expected_ones(tmp_path):
    folder = tmp_path / "data" / "reference"
    reference_with(folder, reference.CPI_FILE, "", "")
    (folder / "stray.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(BuildInputError) as raised:
        reference.load_all(folder)
    assert str(raised.value) == (
        "data/reference/stray.csv: not a known reference file; expected: bea_regional_price_parities_2024.csv, "
        "bls_employment_projections.csv, cpi_u_annual.csv, oews_all_occupations_median.csv, "
        "oews_medical_records_specialists.csv"
    )


def test_dotfiles_in_the_reference_folder_are_ignored(tmp_path):
    reference_with(tmp_path, reference.CPI_FILE, "", "")
    (tmp_path / ".gitkeep").write_text("", encoding="utf-8")
    reference.check_reference_folder(tmp_path)


def test_load_all_validates_every_known_file(tmp_path):
    assert set(reference.load_all()) == {"oews", "all_occupations", "projections", "cpi_reference", "price_parities"}
    reference_with(tmp_path, reference.PARITIES_FILE, "98.629", "-98.629")
    with pytest.raises(BuildInputError, match=r"data row 4, column rpp_all_items: -98.629 fails in_range"):
        reference.load_all(tmp_path)


def test_the_known_reference_files_are_the_shipped_ones():
    shipped = sorted(path.name for path in REFERENCE.iterdir() if not path.name.startswith("."))
    assert sorted(reference.REFERENCE_FILES) == shipped
