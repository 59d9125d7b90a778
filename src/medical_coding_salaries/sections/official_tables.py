"""The official-statistics section's reader tables and text: the OEWS rows, the article's percentiles against the
official ones, the occupation against all occupations, and the employment outlook."""

from __future__ import annotations

import pandas as pd

from medical_coding_salaries.ingest.reference import PERCENTILE_COLUMNS
from medical_coding_salaries.present.numbers import money, ordinal, percent, signed_money, signed_pct, signed_usd
from medical_coding_salaries.sections.official import broader_group_years, code_of, latest_year, occupation_of


def describe_comparison(comparison: pd.DataFrame, wages: pd.DataFrame, year: int) -> str:
    """Which percentiles match, which do not, and which official group they are compared with."""
    matching = comparison[comparison["matches"]]
    differing = comparison[~comparison["matches"]]
    broader = ""
    if year in broader_group_years(wages):
        broader = (
            f" For May {year} the BLS publishes no {code_of(wages, latest_year(wages))} row: "
            f"the official figures are for the broader group {occupation_of(wages, year)}."
        )
    agree = "none of the article's percentiles matches"
    if len(matching):
        agree = f"the article's {_ordinals(matching)} percentile{'s match' if len(matching) > 1 else ' matches'}"
    disagree = (
        (
            f"; the {_ordinals(differing)} do{'es' if len(differing) == 1 else ''} not "
            f"(differences from {signed_usd(differing['difference_usd'].min())} to "
            f"{signed_usd(differing['difference_usd'].max())})"
        )
        if len(differing)
        else ""
    )
    return f"Against the official May {year} estimates, {agree}{disagree}.{broader}"


def _ordinals(rows: pd.DataFrame) -> str:
    """'10th, 25th, 75th and 90th'."""
    named = [ordinal(percentile) for percentile in rows["percentile"]]
    return named[0] if len(named) == 1 else f"{', '.join(named[:-1])} and {named[-1]}"


def oews_view(wages: pd.DataFrame) -> pd.DataFrame:
    """The OEWS reference rows for the reader, with their provenance."""
    view = pd.DataFrame(
        {
            "May": wages["year"],
            "Code": wages["series_or_code"],
            "Occupation": wages["occupation_title"],
            "Employment": wages["employment"].map("{:,}".format),
            "Mean": money(wages["annual_mean"]),
        }
    )
    for percentile, column in PERCENTILE_COLUMNS.items():
        view[ordinal(percentile)] = money(wages[column])
    view["Published in"] = wages["published_at"]
    return view


def comparison_view(comparison: pd.DataFrame) -> pd.DataFrame:
    """article_vs_official for the reader."""
    return pd.DataFrame(
        {
            "Percentile": comparison["percentile"].map(ordinal),
            "Record": comparison["record_id"],
            "Article": money(comparison["article"]),
            "Official": money(comparison["official"]),
            "Article minus official": signed_money(comparison["difference_usd"]),
            "Difference (%)": percent(comparison["difference_pct"]),
            "Same figure": comparison["matches"].map({True: "yes", False: "no"}),
        }
    )


def median_against_all_view(gaps: pd.DataFrame) -> pd.DataFrame:
    """median_against_all for the reader."""
    return pd.DataFrame(
        {
            "May": gaps["year"],
            "Code": gaps["series_or_code"],
            "Median, this occupation": money(gaps["annual_median"]),
            "Median, all occupations": money(gaps["annual_median_all"]),
            "Gap (%)": percent(gaps["gap_pct"]),
        }
    )


def describe_outlook(outlook: pd.DataFrame) -> str:
    """The employment projection in one sentence, with its source."""
    row = outlook.iloc[0]
    return (
        f"{row['publisher']}, {row['dataset']} {row['reference_period']} ({row['series_or_code']} "
        f"{row['occupation_title']}): {row['employment_base_thousands']:,.1f} thousand jobs in {row['base_year']}, "
        f"{row['employment_projected_thousands']:,.1f} thousand projected for {row['projection_year']} "
        f"({signed_pct(row['employment_change_pct'])}), about {row['openings_per_year_thousands']:,.1f} thousand "
        f"openings a year."
    )
