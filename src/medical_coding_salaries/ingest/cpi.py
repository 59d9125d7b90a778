"""CPI-U annual averages (series CUUR0000SA0) from the `cpi` package's data, and the checks of the year parameters.

The values are read from the database the `cpi` package bundles (cpi.db, SQLite), offline: it is never updated at
run time. The package itself is not imported: its import loads a web client and every index of its default series,
a tenth of a second in each kernel of each build, for a table of forty-odd numbers. The query reads the rows the
package's own `Series.indexes` reads, at the periods its `Period.type` calls annual; a test keeps the two equal.
data/reference/cpi_u_annual.csv records the same values with their provenance; another test keeps those equal too.
"""

from __future__ import annotations

import datetime
import functools
import importlib.util
import re
import sqlite3
from contextlib import closing
from pathlib import Path

from medical_coding_salaries.errors import BuildInputError, ParameterError
from medical_coding_salaries.parameters import Parameters

CPI_SERIES = "CUUR0000SA0"
# The package's periods: M01-M12 are months, M13 (and S03, of half-yearly series) the annual average.
ANNUAL_PERIODS = ("M13", "S03")
MONTHLY_PERIOD = re.compile(r"M(0[1-9]|1[0-2])")


@functools.cache
def cpi_database() -> Path:
    """The `cpi` package's bundled database, found without importing the package."""
    spec = importlib.util.find_spec("cpi")
    database = Path(spec.origin).parent / "cpi.db" if spec is not None and spec.origin is not None else None
    if database is None or not database.is_file():
        # Without its database the package downloads one on import; the report never touches the network.
        raise BuildInputError("the cpi package or its bundled cpi.db is missing; reinstall it from requirements.lock")
    return database


def _query(sql: str, parameters: tuple[str, ...]) -> list[tuple]:
    """Rows of a query on the cpi package's database, opened read-only."""
    with closing(sqlite3.connect(f"{cpi_database().as_uri()}?mode=ro", uri=True)) as connection:
        return connection.execute(sql, parameters).fetchall()


@functools.cache
def series_rows() -> tuple[tuple[int, str, float], ...]:
    """(year, period, value) of every CPI-U row in the package's database. One read serves every question asked of
    the series: the table has no index, so each query scans all of its 1.7 million rows (a seventh of a second)."""
    rows = _query("SELECT year, period, value FROM indexes WHERE series = ?", (CPI_SERIES,))
    return tuple((int(year), str(period), float(value)) for year, period, value in rows)


@functools.cache
def cpi_table() -> dict[int, float]:
    """Annual average CPI-U by year, from the cpi package's database."""
    return dict(sorted((year, value) for year, period, value in series_rows() if period in ANNUAL_PERIODS))


@functools.cache
def latest_month() -> datetime.date:
    """The first day of the latest month with a CPI-U index in the package's database."""
    year, period = max((year, period) for year, period, _ in series_rows() if MONTHLY_PERIOD.fullmatch(period))
    return datetime.date(year, int(period[1:]), 1)


def cpi_years() -> tuple[int, ...]:
    """Years with an annual average CPI-U: the valid values of dollar_year and undated_reference_year."""
    return tuple(cpi_table())


def describe_years(years: tuple[int, ...]) -> str:
    """'1913–2025' for consecutive years, else the list."""
    consecutive = list(years) == list(range(years[0], years[-1] + 1))
    return f"{years[0]}–{years[-1]}" if consecutive else ", ".join(map(str, years))


def check_year(year: int, parameter: str) -> int:
    """The year, if it has CPI data; otherwise ParameterError naming the parameter and the valid years."""
    if year not in cpi_table():
        valid = describe_years(cpi_years())
        raise ParameterError(
            f"parameter {parameter!r} is {year}: there is no CPI-U annual average for it; valid years are {valid}"
        )
    return year


def check_parameter_years(parameters: Parameters, source: str) -> None:
    """Both year parameters have CPI data; otherwise ParameterError naming `source` and the parameter."""
    for name in ("dollar_year", "undated_reference_year"):
        try:
            check_year(getattr(parameters, name), name)
        except ParameterError as error:
            raise ParameterError(f"{source}: {error}") from None


def cpi_index(year: int) -> float:
    """The CPI-U annual average of a year of data (not a parameter: a missing year is a data problem)."""
    if year not in cpi_table():
        raise BuildInputError(
            f"no CPI-U annual average for {year}; the cpi package covers {describe_years(cpi_years())}"
        )
    return cpi_table()[year]


def restate(value: float, from_year: int, to_year: int) -> float:
    """`value` dollars of `from_year` in dollars of `to_year`."""
    return value * cpi_index(to_year) / cpi_index(from_year)
