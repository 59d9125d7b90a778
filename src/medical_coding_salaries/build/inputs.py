"""The build's check of every input, run before any notebook and before any output is touched.

Its own module, so that a kernel running the check imports the cleaning and the reference loaders, never the
renderers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from medical_coding_salaries import parameters


def check_inputs(values: dict[str, Any], data: str, source: str) -> dict[str, Any]:
    """Every input checked before any notebook runs or any output is touched: the years the parameters
    name, each raw table and each reference file. Returns what the log and the title page say of them.

    The shared engine runs this in each kernel as it starts (the kernel needs these imports anyway,
    and the build's own process stays free of pandas); `--engine papermill` runs it here."""
    from medical_coding_salaries.clean import salaries
    from medical_coding_salaries.ingest import reference
    from medical_coding_salaries.ingest.cpi import check_parameter_years
    from medical_coding_salaries.sections.appendix import reference_periods

    chosen, folder = parameters.validate(values), Path(data)
    check_parameter_years(chosen, source)
    cleaned = salaries.clean_salaries(chosen.range_point, chosen.open_top_factor, raw_dir=folder / "raw")
    reference.load_all(folder / "reference")  # refuses a stray file, then validates each known one
    return {
        "figures": len(cleaned),
        "tables": int(cleaned["table_id"].nunique()),
        "reference_periods": reference_periods(folder),
        # The build publishes the cleaned table with the report, never a notebook: see `build.cli.build`.
        "processed_csv": salaries.processed_csv(cleaned).decode("utf-8"),
    }


def check_cell(values: dict[str, Any], data: Path, source: str) -> str:
    """`check_inputs` as a kernel cell that prints its result as JSON."""
    return (
        "import json as _json\nfrom medical_coding_salaries.build.inputs import check_inputs as _check_inputs\n"
        f"print(_json.dumps(_check_inputs({values!r}, {str(data)!r}, {source!r})))"
    )
