"""ingest.cpi reads the cpi package's bundled database itself: it must read exactly what the package's API gives."""

import subprocess
import sys
import warnings

from medical_coding_salaries.ingest import cpi


def package_api():
    """The cpi package, imported as its users do (its stale-data warning is expected offline)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import cpi as package
    return package


def test_annual_averages_equal_the_packages_own():
    series = package_api().series.get_by_id(cpi.CPI_SERIES)
    annual = {index.year: index.value for index in series.indexes if index.period.type == "annual"}
    assert cpi.cpi_table() == annual
    assert list(cpi.cpi_table()) == sorted(annual)


def test_latest_month_equals_the_packages_own():
    assert cpi.latest_month() == package_api().LATEST_MONTH


def test_reading_the_table_does_not_import_the_package():
    code = (
        "import sys; from medical_coding_salaries.ingest import cpi; cpi.cpi_table(); cpi.latest_month(); "
        "print('cpi' in sys.modules, 'requests' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False", "False"]


def test_the_annual_table_and_the_latest_month_take_one_read_of_the_database(monkeypatch):
    """The table has no index: each query scans all of it, so both answers come from one read."""
    queries = []
    query = cpi._query
    monkeypatch.setattr(cpi, "_query", lambda sql, parameters: queries.append(sql) or query(sql, parameters))
    for cached in (cpi.series_rows, cpi.cpi_table, cpi.latest_month):
        cached.cache_clear()
    try:
        cpi.cpi_table()
        cpi.latest_month()
    finally:
        for cached in (cpi.series_rows, cpi.cpi_table, cpi.latest_month):
            cached.cache_clear()  # later tests read the database unpatched
    assert len(queries) == 1
