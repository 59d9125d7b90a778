"""The article against the official statistics: its percentiles beside the BLS figures of the same year, the
official trend and outlook, and its figures on the latest official distribution."""

from __future__ import annotations

import pandas as pd

from medical_coding_salaries.errors import BuildInputError
from medical_coding_salaries.findings import Finding, reference_row
from medical_coding_salaries.ingest.reference import (
    ALL_OCCUPATIONS_FILE,
    OEWS_FILE,
    PERCENTILE_COLUMNS,
    PROJECTIONS_FILE,
    PROVENANCE,
    all_occupations,
    oews,
    period_year,
    projections,
)
from medical_coding_salaries.parameters import Parameters
from medical_coding_salaries.present.numbers import money, ordinal, pct, percent, signed_money, signed_pct, usd
from medical_coding_salaries.sections import distribution
from medical_coding_salaries.sections.lognormal import LogNormalFit, fit_lognormal


def percentiles_of(wages: pd.DataFrame, year: int) -> pd.Series:
    """Official annual wage at each percentile (10..90) for one year."""
    row = wages[wages["year"] == year]
    if row.empty:
        raise BuildInputError(
            f"{OEWS_FILE}: no OEWS row for {year}; years present are {', '.join(map(str, wages['year']))}"
        )
    return pd.Series({percentile: float(row.iloc[0][column]) for percentile, column in PERCENTILE_COLUMNS.items()})


def latest_year(wages: pd.DataFrame) -> int:
    return int(wages["year"].max())


def occupation_of(wages: pd.DataFrame, year: int) -> str:
    """'29-2072 Medical Records Specialists' for the year's row."""
    row = wages[wages["year"] == year].iloc[0]
    return f"{row['series_or_code']} {row['occupation_title']}"


def code_of(wages: pd.DataFrame, year: int) -> str:
    """The occupation code of the year's row."""
    return str(wages.loc[wages["year"] == year, "series_or_code"].iloc[0])


def broader_group_years(wages: pd.DataFrame) -> list[int]:
    """Years whose code differs from the latest year's (May 2020: the broader 29-2098 group)."""
    return wages.loc[wages["series_or_code"] != code_of(wages, latest_year(wages)), "year"].tolist()


def broader_note(wages: pd.DataFrame, year: int) -> str:
    """', which covers the broader group 29-2098' for a year published only for a broader group, else ''."""
    return f", which covers the broader group {code_of(wages, year)}" if year in broader_group_years(wages) else ""


def article_year(salaries: pd.DataFrame) -> int:
    """Year of the article's percentile table (its reference period, May 2020 -> 2020)."""
    periods = salaries.loc[salaries["table_id"] == distribution.PERCENTILE_TABLE, "reference_period"].dropna().unique()
    years = {period_year(period) for period in periods} - {None}
    if len(years) != 1:
        raise BuildInputError(f"the percentile table needs exactly one reference year, found {sorted(periods)}")
    return years.pop()


def article_vs_official(salaries: pd.DataFrame, wages: pd.DataFrame) -> pd.DataFrame:
    """The article's percentiles beside the official ones of the same year; difference = article minus official."""
    published = distribution.published_percentiles(salaries)
    year = article_year(salaries)
    official = percentiles_of(wages, year)
    frame = published.rename(columns={"value": "article"})
    frame["official"] = frame["percentile"].map(official)
    frame["difference_usd"] = frame["article"] - frame["official"]
    frame["difference_pct"] = frame["difference_usd"] / frame["official"] * 100
    frame["matches"] = frame["difference_usd"].abs() < 0.5
    frame["official_series"] = occupation_of(wages, year)
    return frame


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
            f"(differences from {usd(differing['difference_usd'].min())} to {usd(differing['difference_usd'].max())})"
        )
        if len(differing)
        else ""
    )
    return f"Against the official May {year} estimates, {agree}{disagree}.{broader}"


def _ordinals(rows: pd.DataFrame) -> str:
    return ", ".join(ordinal(percentile) for percentile in rows["percentile"])


def trend(wages: pd.DataFrame) -> pd.DataFrame:
    """Official percentiles per year, long: year, series_or_code, percentile, nominal (USD of that year)."""
    long = wages.melt(
        id_vars=["year", "series_or_code"],
        value_vars=list(PERCENTILE_COLUMNS.values()),
        var_name="column",
        value_name="nominal",
    )
    long["percentile"] = long["column"].map({column: percentile for percentile, column in PERCENTILE_COLUMNS.items()})
    return long.drop(columns="column").sort_values(["year", "percentile"], ignore_index=True)[
        ["year", "series_or_code", "percentile", "nominal"]
    ]


def median_against_all(wages: pd.DataFrame, everyone: pd.DataFrame) -> pd.DataFrame:
    """Per year: the occupation's median, the all-occupations median and the gap in %."""
    frame = wages[["year", "series_or_code", "annual_median"]].merge(
        everyone[["year", "annual_median"]], on="year", suffixes=("", "_all")
    )
    frame["gap_pct"] = (frame["annual_median"] / frame["annual_median_all"] - 1) * 100
    return frame


def latest_fit(wages: pd.DataFrame) -> LogNormalFit:
    """The log-normal fitted (by lognormal.fit_lognormal) to the latest official percentiles."""
    values = percentiles_of(wages, latest_year(wages))
    return fit_lognormal(values.index.tolist(), values.tolist())


def latest_band(wages: pd.DataFrame) -> tuple[float, float]:
    """The latest official 10th and 90th percentiles."""
    values = percentiles_of(wages, latest_year(wages))
    return values.loc[10], values.loc[90]


def place_on_latest(figures: pd.DataFrame, wages: pd.DataFrame) -> pd.DataFrame:
    """Figures (point_figures shape) placed on the latest official distribution, flagged against its 10th-90th."""
    return distribution.place_figures(figures, latest_fit(wages), percentiles_of(wages, latest_year(wages)).to_dict())


def provenance_of(frame: pd.DataFrame, year: int, file: str) -> dict[str, str]:
    """The reference file and provenance columns of one year's row, for a finding's `extra`."""
    row = frame[frame["year"] == year].iloc[0]
    return {"reference": file, **{column: str(row[column]) for column in PROVENANCE}}


def _difference(row: pd.Series, year: int, broader: str) -> Finding:
    """Article minus official at one percentile (`row` from article_vs_official, indexed by percentile)."""
    gap = float(row["difference_usd"])
    relation = (
        "equals"
        if row["matches"]
        else f"is {usd(abs(gap))} ({pct(abs(row['difference_pct']))}) {'above' if gap > 0 else 'below'}"
    )
    return Finding(
        f"article_vs_official.{'median' if row.name == 50 else f'p{row.name}'}.usd",
        gap,
        "usd",
        f"The article's {ordinal(row.name)} percentile ({usd(row['article'])}) {relation} "
        f"the official May {year} figure, {usd(row['official'])}{broader}.",
        (str(row["record_id"]),),
        "official",
    )


def findings(salaries: pd.DataFrame, params: Parameters) -> list[Finding]:
    """Findings of the official-statistics section."""
    wages, everyone, outlook = oews(), all_occupations(), projections().iloc[0]
    latest = latest_year(wages)
    median = float(percentiles_of(wages, latest).loc[50])
    comparison = article_vs_official(salaries, wages).set_index("percentile")
    year = article_year(salaries)
    broader = broader_note(wages, year)
    against_all = median_against_all(wages, everyone).set_index("year").loc[latest]
    placed = place_on_latest(distribution.point_figures(salaries), wages)
    senior = placed[placed["category"] == "senior"].iloc[0]
    return [
        Finding(
            "official.median.latest.usd",
            median,
            "usd",
            f"The latest official median annual wage of medical records specialists "
            f"(BLS OEWS, May {latest}, {occupation_of(wages, latest)}) is {usd(median)}.",
            (reference_row(OEWS_FILE, f"May {latest}"),),
            "official",
            extra=provenance_of(wages, latest, OEWS_FILE),
        ),
        Finding(
            "official.median.latest.year",
            float(latest),
            "year",
            f"The latest official wage estimates used are for May {latest}.",
            (reference_row(OEWS_FILE, f"May {latest}"),),
            "official",
        ),
        *(_difference(comparison.loc[p], year, broader) for p in (10, 50, 90)),
        Finding(
            "official.median.vs_all_occupations.pct",
            float(against_all["gap_pct"]),
            "percent",
            f"In May {latest} the occupation's median is {pct(abs(against_all['gap_pct']))} "
            f"{'above' if against_all['gap_pct'] >= 0 else 'below'} "
            f"the median of all occupations ({usd(against_all['annual_median_all'])}).",
            (reference_row(OEWS_FILE, f"May {latest}"), reference_row(ALL_OCCUPATIONS_FILE, f"May {latest}")),
            "official",
        ),
        Finding(
            "official.projection.growth.pct",
            float(outlook["employment_change_pct"]),
            "percent",
            f"BLS projects employment to grow {pct(outlook['employment_change_pct'])} from {outlook['base_year']} to "
            f"{outlook['projection_year']} ({outlook['employment_base_thousands']:,.1f} to "
            f"{outlook['employment_projected_thousands']:,.1f} thousand jobs), with about "
            f"{outlook['openings_per_year_thousands']:,.1f} thousand openings a year.",
            (reference_row(PROJECTIONS_FILE, outlook["reference_period"]),),
            "official",
            extra={"reference": PROJECTIONS_FILE, "published_at": outlook["published_at"]},
        ),
        Finding(
            "official.latest.senior.percentile",
            float(senior["percentile"]),
            "percentile",
            f"The article's senior level ({usd(senior['point'])}, as published) sits at the "
            f"{ordinal(senior['percentile'])} percentile "
            f"of a log-normal fitted to the official May {latest} percentiles.",
            (str(senior["record_id"]),),
            "official",
        ),
    ]


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
