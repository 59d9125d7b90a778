"""CPI-U annual averages (series CUUR0000SA0) from the `cpi` package, and the checks of the year parameters.

The values come from the `cpi` package's bundled database, offline: it is never updated at run time, so its
StaleDataWarning (raised on import when the bundle is months old) is expected and caught by its class.
data/reference/cpi_u_annual.csv records the same values with their provenance; a test keeps the two equal.
"""

from __future__ import annotations

import functools
import importlib.util
import warnings
from pathlib import Path
from types import ModuleType

from medical_coding_salaries.errors import BuildInputError, ParameterError
from medical_coding_salaries.parameters import Parameters

CPI_SERIES = "CUUR0000SA0"


@functools.cache
def cpi_module() -> ModuleType:
    """The `cpi` package, imported without network access and with only its stale-data warning silenced."""
    spec = importlib.util.find_spec("cpi")
    if spec is None or spec.origin is None or not (Path(spec.origin).parent / "cpi.db").is_file():
        # Without its database the package downloads one on import; the report never touches the network.
        raise BuildInputError("the cpi package or its bundled cpi.db is missing; reinstall it from requirements.lock")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        import cpi
    for warning in caught:
        if not issubclass(warning.category, cpi.StaleDataWarning):
            warnings.warn_explicit(warning.message, warning.category, warning.filename, warning.lineno)
    return cpi


@functools.cache
def cpi_table() -> dict[int, float]:
    """Annual average CPI-U by year, from the cpi package."""
    series = cpi_module().series.get_by_id(CPI_SERIES)
    return {
        index.year: index.value
        for index in sorted(series.indexes, key=lambda index: index.year)
        if index.period.type == "annual"
    }


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
