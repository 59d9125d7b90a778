"""A log-normal fitted to published percentiles, and every point figure of the article placed on it.

Method: ordinary least squares of log(q_p) on z_p = Phi^-1(p), i.e. log(q_p) = mu + sigma * z_p, so mu is the
log of the fitted median and sigma the spread of log pay. Five percentiles, two parameters: the residuals
show how far pay is from log-normal, and the fitted curve gives a percentile for any salary.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from collections.abc import Mapping

from medical_coding_salaries.findings import COMPUTED_DOLLARS, Finding, share_pct, to_nearest
from medical_coding_salaries.parameters import Parameters
from medical_coding_salaries.present.numbers import computed_usd, ordinal, pct, usd
from medical_coding_salaries.sections.interpolation import EXTRAPOLATED, placed_percentile
from medical_coding_salaries.sections.lognormal import LogNormalFit, fit_lognormal
from medical_coding_salaries.sections.memo import remembered

FORMULA = "log(q_p) = mu + sigma * Phi^-1(p)"
METHOD = f"least squares on log-quantiles: {FORMULA}"
PERCENTILE_TABLE = "T5"
# The dimensions whose figures are salaries of a group (not points of the national distribution itself).
POINT_DIMENSIONS = ("experience", "city", "credential", "job_title", "national")
# A point figure: which record it is and what it measures, then its amount (a range's ends and the point chosen).
FIGURE_COLUMNS = ["record_id", "table_id", "dimension", "category", "label", "raw_amount", "statistic"]
AMOUNT_COLUMNS = ["low", "high", "is_range", "open_top", "point"]
SECTION = "distribution"
BELOW, WITHIN, ABOVE = "below the 10th", "within", "above the 90th"


@remembered
def published_percentiles(salaries: pd.DataFrame) -> pd.DataFrame:
    """The article's percentile table (T5): record_id, percentile, value, in percentile order."""
    rows = salaries[salaries["table_id"] == PERCENTILE_TABLE].sort_values("percentile")
    return pd.DataFrame(
        {
            "record_id": rows["record_id"].to_numpy(),
            "percentile": rows["percentile"].astype(int).to_numpy(),
            "value": rows["point"].to_numpy(),
        }
    )


@remembered
def fit_article(salaries: pd.DataFrame) -> LogNormalFit:
    """The log-normal fitted to the article's five percentiles."""
    published = published_percentiles(salaries)
    return fit_lognormal(published["percentile"].tolist(), published["value"].tolist())


def fit_errors(fit: LogNormalFit) -> pd.DataFrame:
    """Per fitted percentile: published value, fitted value, error (fitted minus published) in $ and %."""
    frame = pd.DataFrame({"percentile": fit.percentiles, "published": fit.values})
    frame["fitted"] = fit.quantile(frame["percentile"].to_numpy())
    frame["error_usd"] = frame["fitted"] - frame["published"]
    frame["error_pct"] = frame["error_usd"] / frame["published"] * 100
    return frame


def fitted_curve(fit: LogNormalFit, low: float, high: float, points: int = 200) -> pd.DataFrame:
    """Salary grid from `low` to `high` with its fitted percentile and density, for charting."""
    salary = np.linspace(low, high, points)
    return pd.DataFrame({"salary": salary, "percentile": fit.percentile_of(salary), "density": fit.density(salary)})


def article_curve(fit: LogNormalFit) -> pd.DataFrame:
    """The fitted curve the section draws: from the 1st to the 98th percentile of the fit."""
    return fitted_curve(fit, *fit.quantile([1, 98]))


def point_figures(salaries: pd.DataFrame) -> pd.DataFrame:
    """The article's figures for a group of workers (levels, cities, credentials, titles, national figures)."""
    rows = salaries[salaries["dimension"].isin(POINT_DIMENSIONS)]
    return rows[[*FIGURE_COLUMNS, *AMOUNT_COLUMNS]].reset_index(drop=True)


def band_position(value: float, band: tuple[float, float]) -> str:
    """Where a salary falls against a (10th, 90th) percentile band."""
    low, high = band
    return BELOW if value < low else ABOVE if value > high else WITHIN


def describe_position(position: str, band: tuple[float, float]) -> str:
    """'above the published 90th percentile ($76,370)' and the like, for sentences."""
    if position == WITHIN:
        return f"within the published 10th–90th percentile range ({usd(band[0])}–{usd(band[1])})"
    return f"{position.replace('the ', 'the published ')} percentile ({usd(band[0] if position == BELOW else band[1])})"


def place_figures(figures: pd.DataFrame, fit: LogNormalFit, published: Mapping[int, float]) -> pd.DataFrame:
    """Each figure's percentile (point, and low/high ends of ranges), interpolated between the `published`
    percentiles ({percentile: salary}); beyond them read off `fit` and labelled so (`method`); flagged against
    the lowest-to-highest published band."""

    def placed(values: np.ndarray) -> list[tuple[float, str]]:
        return [placed_percentile(float(value), published, float(fit.percentile_of(value))) for value in values]

    band = (min(published.values()), max(published.values()))
    placed_points = placed(figures["point"].to_numpy())
    result = figures.copy()
    result["percentile"] = [percentile for percentile, _ in placed_points]
    result["method"] = [method for _, method in placed_points]
    for end in ("low", "high"):  # the ends of ranges only
        ends = placed(result[end].to_numpy())
        result[f"{end}_percentile"] = [
            p if ranged else np.nan for (p, _), ranged in zip(ends, result["is_range"], strict=True)
        ]
    result["position"] = [band_position(value, band) for value in result["point"]]
    result["outside_band"] = result["position"] != WITHIN
    return result


@remembered
def published_mapping(salaries: pd.DataFrame) -> dict[int, float]:
    """The article's percentile table as {percentile: salary}."""
    published = published_percentiles(salaries)
    return dict(zip(published["percentile"].astype(int), published["value"].astype(float), strict=True))


def published_band(salaries: pd.DataFrame) -> tuple[float, float]:
    """The article's published 10th and 90th percentile values."""
    published = published_percentiles(salaries).set_index("percentile")["value"]
    return float(published.loc[10]), float(published.loc[90])


@remembered
def place_article(salaries: pd.DataFrame) -> pd.DataFrame:
    """Every point figure of the article on its own percentile table: read between the published points, and off
    the log-normal fitted to them beyond."""
    return place_figures(point_figures(salaries), fit_article(salaries), published_mapping(salaries))


def _bls_median(bls: pd.Series, fit: LogNormalFit, t5: tuple[str, ...]) -> Finding:
    """Where the BLS median the article quotes sits in the article's own percentile table."""
    return Finding(
        "distribution.bls_median.percentile",
        float(bls["percentile"]),
        "percentile",
        f"The BLS median the article quotes in its prose ({usd(bls['point'])}) sits at the "
        f"{ordinal(bls['percentile'])} percentile of the article's own percentile table (read between its "
        f"published points); the log-normal fitted through the same table would put it at the "
        f"{ordinal(fit.percentile_of(bls['point']))}.",
        (str(bls["record_id"]), *t5),
        SECTION,
    )


def _fit_findings(salaries: pd.DataFrame, fit: LogNormalFit, worst: pd.Series, t5: tuple[str, ...]) -> list[Finding]:
    """The fitted median against the published one, and the fit's largest miss."""
    published = published_percentiles(salaries)
    median_row = published[published["percentile"] == 50].iloc[0]
    median_gap = (fit.median - median_row["value"]) / median_row["value"] * 100
    return [
        Finding(
            "distribution.fit.median.usd",
            to_nearest(fit.median, COMPUTED_DOLLARS),
            "usd",
            f"A log-normal fitted to the article's five percentiles ({METHOD}) has a median of "
            f"{computed_usd(fit.median)}, "
            f"{pct(abs(median_gap))} {'above' if median_gap >= 0 else 'below'} the published "
            f"{usd(median_row['value'])}.",
            t5,
            SECTION,
            extra={"mu": fit.mu, "sigma": fit.sigma, "r_squared": fit.r_squared},
        ),
        Finding(
            "distribution.fit.max_error.pct",
            float(worst["error_pct"]),
            "percent",
            f"The fit misses the published percentiles by at most {pct(abs(worst['error_pct']))}, at the "
            f"{ordinal(worst['percentile'])} "
            f"({computed_usd(worst['fitted'])} fitted against {usd(worst['published'])} published).",
            t5,
            SECTION,
            extra={"percentile": float(worst["percentile"]), "error_usd": float(worst["error_usd"])},
        ),
    ]


def open_top_clause(params: Parameters) -> str:
    """', its open top taken at its stated ceiling' (or at the ceiling times open_top_factor)."""
    factor = params.open_top_factor
    return f", its open top taken at its stated ceiling{'' if factor == 1 else f' × {factor:g}'}"


def _senior(
    salaries: pd.DataFrame, params: Parameters, placed: pd.DataFrame, worst: pd.Series, t5: tuple[str, ...]
) -> Finding:
    """Where the senior level's point value sits, and how it was read."""
    senior = placed[placed["category"] == "senior"].iloc[0]
    how = (
        "read between the published percentiles"
        if senior["method"] != EXTRAPOLATED
        else f"beyond the published range, so read off the fitted log-normal (whose largest miss is "
        f"{pct(abs(worst['error_pct']))})"
    )
    return Finding(
        "distribution.senior.percentile",
        float(senior["percentile"]),
        "percentile",
        f"The senior level's {usd(senior['point'])} (the {params.range_point} of {senior['raw_amount']}"
        f"{open_top_clause(params) if senior['open_top'] else ''}) "
        f"sits at about the {ordinal(senior['percentile'])} percentile of the article's own percentile table, "
        f"{describe_position(senior['position'], published_band(salaries))}: {how}.",
        (str(senior["record_id"]), *t5),
        SECTION,
        extra={"position": senior["position"], "method": senior["method"]},
    )


def _outside_band(placed: pd.DataFrame, t5: tuple[str, ...]) -> Finding:
    """How many of the article's group figures lie outside its own 10th–90th percentile range."""
    outside = placed[placed["position"] != WITHIN]
    share = share_pct(outside, placed)
    return Finding(
        "distribution.outside_band.share.pct",
        share,
        "percent",
        f"{len(outside)} of the article's {len(placed)} figures for groups of workers ({pct(share)}) "
        f"{'lies' if len(outside) == 1 else 'lie'} outside its own 10th–90th percentile range"
        + (f": {', '.join(outside['record_id'])}." if len(outside) else "."),
        tuple(outside["record_id"]) + t5,
        SECTION,
        extra={"outside": list(outside["record_id"])},
    )


def _summary_range(placed: pd.DataFrame, t5: tuple[str, ...]) -> Finding:
    """Where the ends of the article's national "average salary range" sit in individual pay."""
    summary = placed[placed["category"] == "summary_range"].iloc[0]
    return Finding(
        "distribution.summary_range.high.percentile",
        float(summary["high_percentile"]),
        "percentile",
        f'The article\'s national "average salary range" of {usd(summary["low"])}–{usd(summary["high"])} is a '
        f"range of averages, not of individual workers' pay: its ends sit at the "
        f"{ordinal(summary['low_percentile'])} and the {ordinal(summary['high_percentile'])} percentile of "
        f"individual pay in the article's own percentile table.",
        (str(summary["record_id"]), *t5),
        SECTION,
        extra={"low_percentile": float(summary["low_percentile"])},
    )


def findings(salaries: pd.DataFrame, params: Parameters) -> list[Finding]:
    """Findings of the distribution section; point values follow params.range_point (already in `salaries`)."""
    fit = fit_article(salaries)
    errors = fit_errors(fit)
    worst = errors.loc[errors["error_pct"].abs().idxmax()]
    placed = place_article(salaries)
    t5 = tuple(published_percentiles(salaries)["record_id"])
    return [
        _bls_median(placed[placed["category"] == "bls_median"].iloc[0], fit, t5),
        *_fit_findings(salaries, fit, worst, t5),
        _senior(salaries, params, placed, worst, t5),
        _outside_band(placed, t5),
        _summary_range(placed, t5),
    ]
