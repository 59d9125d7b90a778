"""Restate dollars of one year in another year's dollars with CPI-U annual averages (ingest.cpi), and the
official trend in constant dollars. OEWS estimates refer to May; they are restated with the annual average of
their year, an approximation.
"""

from __future__ import annotations

import pandas as pd

from medical_coding_salaries.findings import Finding, computed_dollars, reference_row
from medical_coding_salaries.ingest import reference
from medical_coding_salaries.ingest.cpi import (
    CPI_SERIES,
    check_year,
    cpi_table,
    cpi_years,
    describe_years,
    latest_month,
    restate,
)
from medical_coding_salaries.parameters import Parameters
from medical_coding_salaries.present.numbers import derived_usd, pct, usd
from medical_coding_salaries.sections import distribution, official
from medical_coding_salaries.sections.memo import remembered

STATED, ASSUMED = "stated", "assumed"
# The report section whose findings these are.
SECTION = "inflation"


def cpi_frame() -> pd.DataFrame:
    """The cpi package's annual averages for the years the shipped reference file lists, beside the file's values."""
    shipped = reference.cpi_reference()[["year", "index_1982_84_100", "months_averaged", "note"]]
    shipped = shipped.rename(columns={"index_1982_84_100": "shipped"})
    shipped["cpi_package"] = shipped["year"].map(cpi_table())
    return shipped


def cpi_caveats(years: list[int]) -> list[str]:
    """Notes of the shipped CPI file for the given years (e.g. an 11-month average)."""
    frame = reference.cpi_reference()
    notes = frame[frame["year"].isin(years) & frame["note"].notna()]
    return [f"CPI-U {row.year}: {row.note}." for row in notes.itertuples()]


def reference_year(reference_period: str | None, undated_year: int) -> tuple[int, str]:
    """The year a figure's dollars belong to and whether the article states it or the report assumes it."""
    year = reference.period_year(reference_period)
    return (year, STATED) if year is not None else (undated_year, ASSUMED)


def restated_figures(salaries: pd.DataFrame, dollar_year: int, undated_year: int) -> pd.DataFrame:
    """Every figure as published and restated in `dollar_year` dollars; undated figures get `undated_year`."""
    check_year(dollar_year, "dollar_year")
    check_year(undated_year, "undated_reference_year")
    frame = salaries[["record_id", "table_id", "label", "statistic", "reference_period", "point"]].rename(
        columns={"point": "published"}
    )
    years = [reference_year(period if pd.notna(period) else None, undated_year) for period in frame["reference_period"]]
    frame["year"] = [year for year, _ in years]
    frame["year_basis"] = [basis for _, basis in years]
    frame["factor"] = [restate(1.0, year, dollar_year) for year in frame["year"]]
    frame["restated"] = frame["published"] * frame["factor"]
    return frame


@remembered
def official_trend(wages: pd.DataFrame, dollar_year: int) -> pd.DataFrame:
    """official.trend with a `constant` column: each year's percentiles in `dollar_year` dollars."""
    check_year(dollar_year, "dollar_year")
    frame = official.trend(wages)
    frame["constant"] = [
        restate(value, year, dollar_year) for value, year in zip(frame["nominal"], frame["year"], strict=True)
    ]
    return frame


def restated_points(salaries: pd.DataFrame, to_year: int, undated_year: int) -> pd.DataFrame:
    """distribution.point_figures with low, high and point restated in `to_year` dollars."""
    figures = distribution.point_figures(salaries)
    factors = restated_figures(salaries, to_year, undated_year).set_index("record_id")["factor"]
    factor = figures["record_id"].map(factors)
    for column in ("low", "high", "point"):
        figures[column] = figures[column] * factor
    return figures


def placed_on_latest(salaries: pd.DataFrame, wages: pd.DataFrame, undated_year: int) -> pd.DataFrame:
    """The article's figures on the latest official distribution: as published, and restated to the latest year's
    dollars."""
    latest = official.latest_year(wages)
    published = official.place_on_latest(distribution.point_figures(salaries), wages)
    restated = official.place_on_latest(restated_points(salaries, latest, undated_year), wages)
    published["restated"] = restated["point"]
    published["restated_percentile"] = restated["percentile"]
    published["restated_position"] = restated["position"]
    return published


@remembered
def same_code_first_year(wages: pd.DataFrame) -> int:
    """The first May published for the latest year's occupation code (29-2072 from May 2021): a trend compares
    one occupation with itself, not with the broader group published before."""
    latest_code = official.code_of(wages, official.latest_year(wages))
    return int(wages.loc[wages["series_or_code"] == latest_code, "year"].min())


@remembered
def median_change(wages: pd.DataFrame, dollar_year: int, first_year: int | None = None) -> pd.Series:
    """The official median, `first_year` (default: the first year on file) to latest: nominal and real
    (dollar_year dollars) change in %."""
    medians = official_trend(wages, dollar_year).query("percentile == 50").set_index("year")
    first, last = (medians.index.min() if first_year is None else first_year), medians.index.max()
    return pd.Series(
        {
            "first_year": first,
            "last_year": last,
            "first_nominal": medians.loc[first, "nominal"],
            "last_nominal": medians.loc[last, "nominal"],
            "first_constant": medians.loc[first, "constant"],
            "last_constant": medians.loc[last, "constant"],
            "nominal_change_pct": (medians.loc[last, "nominal"] / medians.loc[first, "nominal"] - 1) * 100,
            "real_change_pct": (medians.loc[last, "constant"] / medians.loc[first, "constant"] - 1) * 100,
        }
    )


def trend_sources(first: int, last: int, dollar_year: int) -> tuple[str, ...]:
    """The reference rows a median trend from May `first` to May `last`, in `dollar_year` dollars, rests on."""
    rows = (
        (reference.OEWS_FILE, f"May {first}"),
        (reference.OEWS_FILE, f"May {last}"),
        (reference.CPI_FILE, f"{first} annual average"),
        (reference.CPI_FILE, f"{last} annual average"),
        (reference.CPI_FILE, f"{dollar_year} annual average"),
    )
    return tuple(dict.fromkeys(reference_row(file, period) for file, period in rows))


def _moved(change_pct: float) -> str:
    return f"{'rose' if change_pct >= 0 else 'fell'} {pct(abs(change_pct))}"


def _restated_span(change: pd.Series) -> str:
    """'$47,900 to $51,140': a median change's ends in dollar_year dollars (restated ones to the nearest $100)."""
    first = derived_usd(change["first_constant"], change["first_nominal"])
    return f"{first} to {derived_usd(change['last_constant'], change['last_nominal'])}"


def _same_code_trend(wages: pd.DataFrame, params: Parameters) -> list[Finding]:
    """The official median's change, nominal and real, from the first May of the latest code to the latest May."""
    same = median_change(wages, params.dollar_year, same_code_first_year(wages))
    first, last = int(same["first_year"]), int(same["last_year"])
    code = official.code_of(wages, last)
    sources = trend_sources(first, last, params.dollar_year)
    prices_outran_pay = same["real_change_pct"] < 0 <= same["nominal_change_pct"]
    return [
        Finding(
            "official.trend.nominal_change.pct",
            float(same["nominal_change_pct"]),
            "percent",
            f"From May {first} to May {last} the official median of medical records specialists ({code}, the "
            f"same occupation code in both years) {_moved(same['nominal_change_pct'])} in current dollars, "
            f"from {usd(same['first_nominal'])} to {usd(same['last_nominal'])}.",
            sources[:2],
            SECTION,
        ),
        Finding(
            "official.trend.real_change.pct",
            float(same["real_change_pct"]),
            "percent",
            f"After inflation the official median {_moved(same['real_change_pct'])} from May {first} to May "
            f"{last} ({code}; {_restated_span(same)} in {params.dollar_year} dollars, CPI-U)"
            + (f": pay rose {pct(same['nominal_change_pct'])} but prices rose faster." if prices_outran_pay else "."),
            sources,
            SECTION,
            extra={"nominal_change_pct": float(same["nominal_change_pct"]), "first_year": first},
        ),
    ]


def _article_median(salaries: pd.DataFrame, params: Parameters) -> Finding:
    """The article's BLS median restated in dollar_year dollars."""
    restated = restated_figures(salaries, params.dollar_year, params.undated_reference_year).set_index("record_id")
    record = salaries.loc[salaries["category"] == "bls_median", "record_id"].iloc[0]
    median = restated.loc[record]
    return Finding(
        "inflation.article_bls_median.in_dollar_year.usd",
        computed_dollars(median["restated"], median["published"]),
        "usd",
        f"The article's BLS median of {usd(median['published'])} ({median['reference_period']}) is worth "
        f"{derived_usd(median['restated'], median['published'])} in {params.dollar_year} dollars "
        f"(CPI-U, {CPI_SERIES}).",
        (record,),
        SECTION,
        extra={"factor": float(median["factor"]), "dollar_year": params.dollar_year},
    )


def _first_published_trend(wages: pd.DataFrame, params: Parameters) -> Finding:
    """The official median's change from the first published May, whatever its code (labelled when broader)."""
    change = median_change(wages, params.dollar_year)
    first, last = int(change["first_year"]), int(change["last_year"])
    broader = first in official.broader_group_years(wages)
    caveat = f"; the May {first} figure covers the broader group {official.code_of(wages, first)}" if broader else ""
    return Finding(
        "inflation.official_median.real_change.pct",
        float(change["real_change_pct"]),
        "percent",
        f"From May {first} to May {last} the official median {_moved(change['nominal_change_pct'])} in current "
        f"dollars ({usd(change['first_nominal'])} to {usd(change['last_nominal'])}) and "
        f"{_moved(change['real_change_pct'])} after inflation ({_restated_span(change)} "
        f"in {params.dollar_year} dollars{caveat}).",
        trend_sources(first, last, params.dollar_year),
        SECTION,
        extra={"nominal_change_pct": float(change["nominal_change_pct"])},
    )


def findings(salaries: pd.DataFrame, params: Parameters) -> list[Finding]:
    """Findings of the inflation section, in params.dollar_year dollars."""
    wages = reference.oews()
    return [
        *_same_code_trend(wages, params),
        _article_median(salaries, params),
        _first_published_trend(wages, params),
    ]


def cpi_vintage() -> str:
    """Which CPI data the report uses: series, years and the latest month in the cpi package's bundle."""
    return (
        f"CPI-U annual averages, series {CPI_SERIES}, from the cpi package's bundled database "
        f"({describe_years(cpi_years())}; "
        f"latest month {latest_month():%B %Y}); the package is never updated while the report runs."
    )


def describe_restatement(params: Parameters) -> str:
    """Which years' dollars go in and come out, which of them is an assumption, and the CPI caveats that apply."""
    caveats = " ".join(cpi_caveats([params.dollar_year, params.undated_reference_year]))
    return (
        f"Figures are restated in {params.dollar_year} dollars. Figures the article dates keep their year; the "
        f"undated ones are assumed to be {params.undated_reference_year} dollars (parameter undated_reference_year), "
        f"an assumption, not a fact from the article. {cpi_vintage()} {caveats}"
    ).strip()
