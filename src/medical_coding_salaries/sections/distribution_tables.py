"""The distribution section's reader tables and text: the fitted log-normal and its errors, and every figure placed
on the article's percentile table."""

from __future__ import annotations

import pandas as pd

from medical_coding_salaries.findings import COMPUTED_DOLLARS
from medical_coding_salaries.present.numbers import computed_usd, money, ordinal, pct, percent, signed_money, usd
from medical_coding_salaries.sections.distribution import FORMULA, fit_errors
from medical_coding_salaries.sections.interpolation import EXTRAPOLATED
from medical_coding_salaries.sections.lognormal import LogNormalFit


def describe_fit(fit: LogNormalFit) -> str:
    """The method and how well the fit reproduces the published percentiles, for the reader."""
    errors = fit_errors(fit).set_index("percentile")
    worst = errors.loc[errors["error_pct"].abs().idxmax()]
    median = f" against {usd(errors.loc[50, 'published'])} published" if 50 in errors.index else ""
    return (
        f"Method: least squares on log-quantiles, `{FORMULA}`, with `Phi^-1` the standard normal quantile; an "
        f"ordinary least-squares line (numpy's polyfit) through the {len(errors)} published points gives "
        f"mu = {fit.mu:.2f} and sigma = {fit.sigma:.2f} (R² = {fit.r_squared:.2f}). The fitted median is "
        f"{computed_usd(fit.median)}{median}; the largest miss is {pct(abs(worst['error_pct']))}, at the "
        f"{ordinal(worst.name)} percentile."
    )


def fit_errors_view(errors: pd.DataFrame) -> pd.DataFrame:
    """fit_errors for the reader."""
    return pd.DataFrame(
        {
            "Percentile": errors["percentile"].map(ordinal),
            "Published": money(errors["published"]),
            "Fitted": money(errors["fitted"], COMPUTED_DOLLARS),
            "Fit error": signed_money(errors["error_usd"], COMPUTED_DOLLARS),
            "Fit error (%)": percent(errors["error_pct"]),
        }
    )


def placement_view(placed: pd.DataFrame) -> pd.DataFrame:
    """place_figures for the reader: each figure and its implied national percentile (its value is in its section)."""

    def ends(row: pd.Series) -> str:
        return f"{ordinal(row['low_percentile'])}–{ordinal(row['high_percentile'])}" if row["is_range"] else ""

    return pd.DataFrame(
        {
            "Record": placed["record_id"],
            "Figure": placed["label"],
            "Article says": placed["statistic"].replace({"mean": "average"}),
            "Percentile": placed["percentile"].map(ordinal),
            "Range ends at": placed.apply(ends, axis=1),
            "Read": placed["method"]
            .map({EXTRAPOLATED: "fitted log-normal (outside the table)"})
            .fillna("between points"),
        }
    )
