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
from medical_coding_salaries.present.numbers import (
    above_or_below,
    ordinal,
    pct,
    usd,
)
from medical_coding_salaries.sections import distribution
from medical_coding_salaries.sections.interpolation import EXTRAPOLATED
from medical_coding_salaries.sections.lognormal import LogNormalFit, fit_lognormal
from medical_coding_salaries.sections.memo import remembered

# The report section whose findings these are.
SECTION = "official"


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


@remembered
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


@remembered
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


def trend_chart_caption(wages: pd.DataFrame, dollar_year: int) -> str:
    """The caption of the official trend chart: what its bars are, and which starred years are a broader group."""
    starred = "; ".join(
        f"*May {year}: the broader group {code_of(wages, year)}, drawn faded" for year in broader_group_years(wages)
    )
    return (
        f"Official wage percentiles per year, in current and in {dollar_year} dollars: 10th–90th (thin bar), "
        f"25th–75th (wide bar), median (black tick)" + (f" ({starred})" if starred else "")
    )


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
        SECTION,
    )


def _latest_median(wages: pd.DataFrame, latest: int) -> list[Finding]:
    """The latest official median, and which May it is."""
    median = float(percentiles_of(wages, latest).loc[50])
    source = (reference_row(OEWS_FILE, f"May {latest}"),)
    return [
        Finding(
            "official.median.latest.usd",
            median,
            "usd",
            f"The latest official median annual wage of medical records specialists "
            f"(BLS OEWS, May {latest}, {occupation_of(wages, latest)}) is {usd(median)}.",
            source,
            SECTION,
            extra=provenance_of(wages, latest, OEWS_FILE),
        ),
        Finding(
            "official.median.latest.year",
            float(latest),
            "year",
            f"The latest official wage estimates used are for May {latest}.",
            source,
            SECTION,
        ),
    ]


def _against_all_occupations(wages: pd.DataFrame, latest: int) -> Finding:
    """The occupation's median against the median of all occupations, the same May."""
    against_all = median_against_all(wages, all_occupations()).set_index("year").loc[latest]
    return Finding(
        "official.median.vs_all_occupations.pct",
        float(against_all["gap_pct"]),
        "percent",
        f"In May {latest} the occupation's median is {above_or_below(against_all['gap_pct'])} "
        f"the median of all occupations ({usd(against_all['annual_median_all'])}).",
        (reference_row(OEWS_FILE, f"May {latest}"), reference_row(ALL_OCCUPATIONS_FILE, f"May {latest}")),
        SECTION,
    )


def _projection() -> Finding:
    """The BLS employment projection for the occupation."""
    outlook = projections().iloc[0]
    return Finding(
        "official.projection.growth.pct",
        float(outlook["employment_change_pct"]),
        "percent",
        f"BLS projects employment to grow {pct(outlook['employment_change_pct'])} from {outlook['base_year']} to "
        f"{outlook['projection_year']} ({outlook['employment_base_thousands']:,.1f} to "
        f"{outlook['employment_projected_thousands']:,.1f} thousand jobs), with about "
        f"{outlook['openings_per_year_thousands']:,.1f} thousand openings a year.",
        (reference_row(PROJECTIONS_FILE, outlook["reference_period"]),),
        SECTION,
        extra={"reference": PROJECTIONS_FILE, "published_at": outlook["published_at"]},
    )


def _senior_on_latest(salaries: pd.DataFrame, wages: pd.DataFrame, latest: int) -> Finding:
    """Where the article's senior level, as published, sits on the latest official distribution."""
    placed = place_on_latest(distribution.point_figures(salaries), wages)
    senior = placed[placed["category"] == "senior"].iloc[0]
    how = (
        "beyond the published percentiles, so read off a log-normal fitted to them"
        if senior["method"] == EXTRAPOLATED
        else "read between the published percentiles"
    )
    sentence = (
        f"The article's senior level ({usd(senior['point'])}, as published) sits at the "
        f"{ordinal(senior['percentile'])} percentile of the official May {latest} distribution ({how})."
    )
    sources = (str(senior["record_id"]),)
    return Finding(
        "official.latest.senior.percentile", float(senior["percentile"]), "percentile", sentence, sources, SECTION
    )


def findings(salaries: pd.DataFrame, params: Parameters) -> list[Finding]:
    """Findings of the official-statistics section."""
    wages = oews()
    latest, year = latest_year(wages), article_year(salaries)
    comparison = article_vs_official(salaries, wages).set_index("percentile")
    broader = broader_note(wages, year)
    return [
        *_latest_median(wages, latest),
        *(_difference(comparison.loc[p], year, broader) for p in (10, 50, 90)),
        _against_all_occupations(wages, latest),
        _projection(),
        _senior_on_latest(salaries, wages, latest),
    ]
