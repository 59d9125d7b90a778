"""The official statistics the report sets the article against (BLS OEWS, BLS Employment Projections, CPI-U, BEA
price parities): one schema and one loader per file under data/reference/.

The reference files are typed by hand from the publications named in their provenance columns; each is
validated on reading, so a mistyped or reordered figure stops the build.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from medical_coding_salaries.errors import BuildInputError
from medical_coding_salaries.paths import REFERENCE

PROVENANCE = ("publisher", "dataset", "series_or_code", "reference_period", "release", "published_at")
PERCENTILE_COLUMNS = {10: "annual_p10", 25: "annual_p25", 50: "annual_median", 75: "annual_p75", 90: "annual_p90"}
OEWS_FILE = "oews_medical_records_specialists.csv"
ALL_OCCUPATIONS_FILE = "oews_all_occupations_median.csv"
PROJECTIONS_FILE = "bls_employment_projections.csv"
CPI_FILE = "cpi_u_annual.csv"
PARITIES_FILE = "bea_regional_price_parities_2024.csv"


def _text(description: str) -> pa.Column:
    return pa.Column(str, pa.Check.str_length(min_value=1), description=description)


def _provenance() -> dict[str, pa.Column]:
    return {name: _text(f"Provenance: {name.replace('_', ' ')}") for name in PROVENANCE}


def _dollars(description: str) -> pa.Column:
    return pa.Column(float, pa.Check.gt(0), coerce=True, description=description)


def _ascending(frame: pd.DataFrame) -> pd.Series:
    """Each row's percentiles rise from the 10th to the 90th."""
    values = frame[list(PERCENTILE_COLUMNS.values())]
    return (values.diff(axis=1).iloc[:, 1:] > 0).all(axis=1)


YEAR = pa.Column(int, pa.Check.in_range(1990, 2100), unique=True, description="Calendar year of the reference period")
OEWS = pa.DataFrameSchema(
    {
        **_provenance(),
        "occupation_title": _text("SOC occupation title"),
        "year": YEAR,
        "employment": pa.Column(int, pa.Check.gt(0), description="Estimated employment"),
        "annual_mean": _dollars("Mean annual wage, USD"),
        **{
            column: _dollars(f"{percentile}th percentile annual wage, USD")
            for percentile, column in PERCENTILE_COLUMNS.items()
        },
    },
    checks=[pa.Check(_ascending, error="percentiles rise from the 10th to the 90th")],
    strict=True,
    ordered=True,
)
ALL_OCCUPATIONS = pa.DataFrameSchema(
    {
        **_provenance(),
        "occupation_title": _text("SOC occupation title"),
        "year": YEAR,
        "annual_median": _dollars("Median annual wage, USD"),
    },
    strict=True,
    ordered=True,
)
PROJECTIONS = pa.DataFrameSchema(
    {
        **_provenance(),
        "occupation_title": _text("SOC occupation title"),
        "base_year": pa.Column(int),
        "projection_year": pa.Column(int),
        "employment_base_thousands": _dollars("Employment in the base year, thousands"),
        "employment_projected_thousands": _dollars("Projected employment, thousands"),
        "employment_change_pct": pa.Column(float, coerce=True, description="Percent change, as published"),
        "openings_per_year_thousands": _dollars("Average annual openings, thousands"),
    },
    checks=[pa.Check(lambda frame: frame["projection_year"] > frame["base_year"], error="projection after base year")],
    strict=True,
    ordered=True,
)
CPI = pa.DataFrameSchema(
    {
        **_provenance(),
        "year": YEAR,
        "index_1982_84_100": _dollars("Annual average index, 1982-84 = 100"),
        "months_averaged": pa.Column(
            int, pa.Check.in_range(1, 12), description="Monthly indexes in the annual average"
        ),
        "note": pa.Column(str, nullable=True, description="Caveat on the annual average"),
    },
    strict=True,
    ordered=True,
)
PARITIES = pa.DataFrameSchema(
    {
        **_provenance(),
        "city": pa.Column(str, unique=True, description="City key of the article (labels.CITIES)"),
        "metro_area": _text("Metropolitan statistical area"),
        "rpp_all_items": pa.Column(
            float, pa.Check.in_range(50, 200), coerce=True, description="Regional price parity, all items, US = 100"
        ),
        "note": _text("Caveat from the publisher"),
    },
    strict=True,
    ordered=True,
)


# Validated reference tables by (path, modification time, schema): every section reads the same files.
_VALIDATED: dict[tuple[Path, int, int], pd.DataFrame] = {}


def read_reference(name: str, schema: pa.DataFrameSchema, directory: Path = REFERENCE) -> pd.DataFrame:
    """A reference CSV, validated; a missing file or any failing value raises BuildInputError naming the file."""
    path = directory / name
    if not path.is_file():
        raise BuildInputError(f"{name}: reference file is missing (looked for {path})")
    key = (path, path.stat().st_mtime_ns, id(schema))
    if key not in _VALIDATED:
        frame = pd.read_csv(
            path, encoding="utf-8", dtype={"note": object, "series_or_code": str, "reference_period": str}
        )
        try:
            _VALIDATED[key] = schema.validate(frame, lazy=True)
        except pa.errors.SchemaErrors as errors:
            raise BuildInputError(
                f"{name}: reference data fail their schema:\n  " + "\n  ".join(describe_failures(errors.failure_cases))
            ) from errors
    return _VALIDATED[key].copy()


def describe_failures(cases: pd.DataFrame) -> list[str]:
    """One line per failing check and data row (counted from 1 below the header); a row-wide check is named once."""
    lines = []
    # A value of the wrong type fails its coercion; the checks that then trip on the column say nothing more.
    uncoerced = set(cases.loc[cases["check"].astype(str).str.startswith("coerce_dtype"), "column"])
    cases = cases[~cases["column"].isin(uncoerced) | cases["check"].astype(str).str.startswith("coerce_dtype")]
    for (check, index), group in cases.groupby(["check", "index"], dropna=False, sort=False):
        where = "the table" if pd.isna(index) else f"data row {int(index) + 1}"
        if len(group) > 1:
            lines.append(f"{where}: fails {check}")
        else:
            case = group.iloc[0]
            lines.append(f"{where}, column {case['column']}: {case['failure_case']} fails {check}")
    return lines


def oews(directory: Path = REFERENCE) -> pd.DataFrame:
    """OEWS national wages of medical records specialists, one row per May reference period."""
    return read_reference(OEWS_FILE, OEWS, directory).sort_values("year", ignore_index=True)


def all_occupations(directory: Path = REFERENCE) -> pd.DataFrame:
    """OEWS national median annual wage of all occupations, one row per year."""
    return read_reference(ALL_OCCUPATIONS_FILE, ALL_OCCUPATIONS, directory).sort_values("year", ignore_index=True)


def projections(directory: Path = REFERENCE) -> pd.DataFrame:
    """BLS employment projections for medical records specialists."""
    return read_reference(PROJECTIONS_FILE, PROJECTIONS, directory)


def cpi_reference(directory: Path = REFERENCE) -> pd.DataFrame:
    """CPI-U annual averages as shipped with the project (the provenance record of the `cpi` package's values)."""
    return read_reference(CPI_FILE, CPI, directory).sort_values("year", ignore_index=True)


def price_parities(directory: Path = REFERENCE) -> pd.DataFrame:
    """BEA regional price parities of the article's four cities' metropolitan areas."""
    return read_reference(PARITIES_FILE, PARITIES, directory)


REFERENCE_FILES = (OEWS_FILE, ALL_OCCUPATIONS_FILE, PROJECTIONS_FILE, CPI_FILE, PARITIES_FILE)


def check_reference_folder(directory: Path = REFERENCE) -> None:
    """Only the known reference files (and dotfiles) in the folder: a stray file would be hashed and listed in
    the appendix as a source although no figure comes from it (and provenance expects its columns)."""
    if not directory.is_dir():
        raise BuildInputError(f"{directory}: the reference folder is missing")
    for path in sorted(directory.iterdir()):
        if path.is_file() and not path.name.startswith(".") and path.name not in REFERENCE_FILES:
            raise BuildInputError(
                f"{directory.parent.name}/{directory.name}/{path.name}: not a known reference file; "
                f"expected: {', '.join(sorted(REFERENCE_FILES))}"
            )


def load_all(directory: Path = REFERENCE) -> dict[str, pd.DataFrame]:
    """Every reference table, validated, after the folder check: the build's whole check of data/reference."""
    check_reference_folder(directory)
    loaders = (oews, all_occupations, projections, cpi_reference, price_parities)
    return {loader.__name__: loader(directory) for loader in loaders}


def period_year(reference_period: str | None) -> int | None:
    """The calendar year of a reference period such as 'May 2020'; None when there is none."""
    match = re.search(r"\b(\d{4})\b", reference_period or "")
    return int(match.group(1)) if match else None
