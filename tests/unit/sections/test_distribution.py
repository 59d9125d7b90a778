"""The log-normal fit to the article's percentiles and the placement of its figures."""

import dataclasses
import math

import numpy as np
import pytest
from scipy import special, stats

from medical_coding_salaries.clean.salaries import clean_salaries
from medical_coding_salaries.findings import rounded
from medical_coding_salaries.sections import distribution, lognormal

from conftest import findings_by_id


def test_article_percentiles_are_the_printed_ones(salaries):
    published = distribution.published_percentiles(salaries)
    assert published["percentile"].tolist() == [10, 25, 50, 75, 90]
    assert published["value"].tolist() == [28260, 34610, 44090, 56590, 76370]
    assert published["record_id"].tolist() == ["T5.1", "T5.2", "T5.3", "T5.4", "T5.5"]


def test_fit_recovers_an_exact_lognormal():
    # Two points fix the line: the median at exp(mu) and the 84.13th percentile (z = 1) at exp(mu + sigma).
    fit = lognormal.fit_lognormal([50, stats.norm.cdf(1) * 100], [40000, 40000 * math.exp(0.5)])
    assert fit.mu == pytest.approx(math.log(40000))
    assert fit.sigma == pytest.approx(0.5)
    assert fit.median == pytest.approx(40000)
    assert fit.mean == pytest.approx(40000 * math.exp(0.125))


def test_fit_of_five_exact_quantiles_has_no_error():
    percentiles = [10, 25, 50, 75, 90]
    values = [math.exp(10.5 + 0.4 * stats.norm.ppf(p / 100)) for p in percentiles]
    fit = lognormal.fit_lognormal(percentiles, values)
    assert (fit.mu, fit.sigma) == pytest.approx((10.5, 0.4))
    assert distribution.fit_errors(fit)["error_usd"].abs().max() < 1e-6
    assert fit.r_squared == pytest.approx(1.0)


def test_fit_needs_two_pairs():
    with pytest.raises(ValueError, match="at least two"):
        lognormal.fit_lognormal([50], [44090])


def test_article_fit_median_is_close_to_the_published_median(salaries):
    fit = distribution.fit_article(salaries)
    assert fit.median == pytest.approx(44090, rel=0.03)
    assert 0.35 < fit.sigma < 0.42
    assert fit.r_squared > 0.99


def test_fit_errors_are_fitted_minus_published(salaries):
    fit = distribution.fit_article(salaries)
    errors = distribution.fit_errors(fit).set_index("percentile")
    assert errors.loc[90, "published"] == 76370
    assert errors.loc[90, "fitted"] == pytest.approx(math.exp(fit.mu + fit.sigma * stats.norm.ppf(0.9)))
    assert errors.loc[90, "error_usd"] == pytest.approx(errors.loc[90, "fitted"] - 76370)
    assert errors.loc[90, "error_pct"] == pytest.approx(errors.loc[90, "error_usd"] / 76370 * 100)
    # The right tail of the article's table is heavier than a log-normal's: the fit falls short at the 90th.
    assert errors.loc[90, "error_usd"] < 0


def test_percentile_of_inverts_quantile(salaries):
    fit = distribution.fit_article(salaries)
    assert fit.percentile_of(fit.quantile(np.array([10, 37, 50, 90]))) == pytest.approx([10, 37, 50, 90])
    assert fit.percentile_of(fit.median) == pytest.approx(50)


def test_fitted_curve_rises(salaries):
    curve = distribution.fitted_curve(distribution.fit_article(salaries), 20000, 90000, points=50)
    assert len(curve) == 50
    assert curve["salary"].iloc[0] == 20000 and curve["salary"].iloc[-1] == 90000
    assert curve["percentile"].is_monotonic_increasing


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (28259, distribution.BELOW),
        (28260, distribution.WITHIN),
        (76370, distribution.WITHIN),
        (76371, distribution.ABOVE),
    ],
)
def test_band_position(value, expected):
    assert distribution.band_position(value, (28260, 76370)) == expected


def test_every_point_figure_is_placed(salaries):
    placed = distribution.place_article(salaries)
    assert len(placed) == 19
    assert not placed["record_id"].str.startswith("T5").any()
    assert set(placed["table_id"]) == {"T1", "T2", "T3", "T4", "T6", "P1", "P2"}
    # Only the senior level ($80,000 midpoint) lies beyond the published 90th percentile ($76,370).
    assert placed.loc[placed["position"] != distribution.WITHIN, "record_id"].tolist() == ["T2.4"]
    single = placed[~placed["is_range"]]
    assert single["low_percentile"].isna().all()


def test_senior_percentile_is_the_fitted_cdf(salaries, params):
    fit = distribution.fit_article(salaries)
    expected = stats.norm.cdf((math.log(80000) - fit.mu) / fit.sigma) * 100
    found = findings_by_id(distribution.findings(salaries, params))
    senior = found["distribution.senior.percentile"]
    # Findings hold their value at the unit's declared precision (findings.PRECISION): a whole percentile.
    assert senior.value == rounded(expected, "percentile")
    assert 90 < senior.value < 96
    assert senior.unit == "percentile" and senior.section == "distribution"
    assert "T2.4" in senior.sources and "93rd" in senior.sentence


def test_the_bls_median_lands_on_the_article_s_50th_percentile(salaries, params):
    # The prose's $44,090 equals the table's 50th percentile: read between the published points it is exactly
    # the 50th (the fitted log-normal would say the 48th).
    found = findings_by_id(distribution.findings(salaries, params))["distribution.bls_median.percentile"]
    assert found.value == 50 and "50th percentile" in found.sentence and "48th" in found.sentence
    assert found.sources[0] == "P1.1"


def test_the_summary_range_is_read_as_a_range_of_averages(salaries, params):
    # $43,000 and $57,000 between the published 25th/50th and 50th/75th percentiles of the article's table.
    found = findings_by_id(distribution.findings(salaries, params))["distribution.summary_range.high.percentile"]
    share = (math.log(57000) - math.log(56590)) / (math.log(76370) - math.log(56590))
    z75, z90 = stats.norm.ppf(0.75), stats.norm.ppf(0.90)
    assert found.value == rounded(stats.norm.cdf(z75 + share * (z90 - z75)) * 100, "percentile")
    assert "range of averages, not of individual workers' pay" in found.sentence and "covers" not in found.sentence


def test_range_point_moves_the_senior_level(params):
    high = dataclasses.replace(params, range_point="high")
    found = {finding.id: finding.value for finding in distribution.findings(clean_salaries("high"), high)}
    default = {finding.id: finding.value for finding in distribution.findings(clean_salaries(), params)}
    assert found["distribution.senior.percentile"] > default["distribution.senior.percentile"]


def test_findings_are_formatted_from_their_values(salaries, params):
    found = findings_by_id(distribution.findings(salaries, params))
    assert set(found) == {
        "distribution.fit.median.usd",
        "distribution.fit.max_error.pct",
        "distribution.senior.percentile",
        "distribution.outside_band.share.pct",
        "distribution.summary_range.high.percentile",
        "distribution.bls_median.percentile",
    }
    assert f"${found['distribution.fit.median.usd'].value:,.0f}" in found["distribution.fit.median.usd"].sentence
    assert found["distribution.outside_band.share.pct"].value == rounded(1 / 19 * 100, "percent")
    assert found["distribution.fit.max_error.pct"].extra["percentile"] == 90
    for finding in found.values():
        assert finding.sources and all(
            source[:2] in {"T1", "T2", "T3", "T4", "T5", "T6", "P1", "P2"} for source in finding.sources
        )


def test_density_quantile_and_percentile_equal_scipy_s_lognormal(salaries):
    fit = distribution.fit_article(salaries)
    reference = stats.lognorm(s=fit.sigma, scale=np.exp(fit.mu))
    grid = [20000.0, 44090.0, 90000.0]
    assert fit.density(grid) == pytest.approx(reference.pdf(grid), rel=1e-12)
    assert fit.percentile_of(grid) == pytest.approx(reference.cdf(grid) * 100, rel=1e-12)
    assert fit.quantile([1, 10, 50, 90, 99]) == pytest.approx(reference.ppf([0.01, 0.1, 0.5, 0.9, 0.99]), rel=1e-12)


def test_the_normal_quantile_and_cdf_equal_scipy_s_to_the_last_bits():
    probabilities = np.array([1e-6, 0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 0.999, 1 - 1e-6])
    assert lognormal.ndtri(probabilities) == pytest.approx(special.ndtri(probabilities), rel=1e-14)
    values = np.linspace(-6, 6, 241)
    assert lognormal.ndtr(values) == pytest.approx(special.ndtr(values), rel=1e-14)
    # The ends and a missing value, as scipy gives them; a scalar in, a scalar out.
    assert lognormal.ndtri(0.0) == -np.inf and lognormal.ndtri(1.0) == np.inf and np.isnan(lognormal.ndtri(np.nan))
    assert np.ndim(lognormal.ndtri(0.5)) == 0 and lognormal.ndtri(0.5) == 0.0


def test_the_drawn_curve_spans_the_1st_to_the_98th_percentile(salaries):
    curve = distribution.article_curve(distribution.fit_article(salaries))
    assert curve["percentile"].iloc[0] == pytest.approx(1) and curve["percentile"].iloc[-1] == pytest.approx(98)
