"""`python -m medical_coding_salaries.build`: validate inputs, execute the notebooks, write the report.

Inputs are checked before any notebook runs, and outputs are moved into place only once all of them
are complete, so bad input stops the build with a clear message and leaves the previous report as it was.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from . import clean, parameters, render
from .clean import write_atomically
from .engine import prepare, run_in, run_with_papermill, shared_kernel, skip_slow_optional_imports
from .errors import BuildInputError
from .paths import DATA, DEFAULT_PARAMETERS, NOTEBOOKS, PROCESSED_SALARIES, REPORT, ROOT

if TYPE_CHECKING:
    import pandas as pd

REPORT_NAME = "medical-coding-salaries"
TITLE = "What medical coding specialists earn in the USA"
SUBTITLE = "One published article's salary tables, cleaned, cross-checked and set against official statistics"
ENGINES = ("shared", "papermill")


def notebook_paths() -> list[Path]:
    """The report's notebooks, in the order their numbers give."""
    return sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


STARTED = time.perf_counter()


def say(message: str) -> None:
    """Progress with elapsed seconds, on stderr so that stdout stays clean."""
    print(f"{time.perf_counter() - STARTED:5.1f}s {message}", file=sys.stderr, flush=True)


def validate_inputs(chosen: parameters.Parameters, data: Path, source: str) -> pd.DataFrame:
    """Every input checked before any output is touched; returns the cleaned salaries."""
    from . import official
    from .inflation import check_parameter_years

    check_parameter_years(chosen, source)
    salaries = clean.clean_salaries(chosen.range_point, chosen.open_top_factor, raw_dir=data / "raw")
    for load in (official.oews, official.all_occupations, official.projections, official.cpi_reference, official.price_parities):
        load(data / "reference")
    say(f"[2/5] raw and reference data valid: {len(salaries)} figures from {salaries['table_id'].nunique()} tables and prose")
    return salaries


def execute_notebooks(chosen: parameters.Parameters, engine: str, validate: Callable[[], pd.DataFrame]) -> tuple[pd.DataFrame, list]:
    """Validate the inputs (while the shared kernel warms up) and execute every notebook."""
    paths, values = notebook_paths(), chosen.as_dict()
    if engine == "papermill":
        salaries = validate()
        return salaries, [run_with_papermill(path, values) for path in paths]
    with shared_kernel() as client:
        salaries = validate()
        notebooks = {path: prepare(path, values) for path in paths}
        return salaries, run_in(client, notebooks)


def build(parameters_file: Path | None, out_dir: Path = REPORT, engine: str = "shared", data: Path = DATA) -> dict[str, Path]:
    """Build the report from the inputs under `data`; return the paths written."""
    started = time.perf_counter()
    skip_slow_optional_imports()
    pin_build_epoch()
    os.environ["MEDICAL_CODING_SALARIES_DATA"] = str(data)  # the kernels read the same inputs
    chosen = parameters.load(parameters_file)
    say(f"[1/5] parameters valid ({parameters_file or 'defaults'})")
    salaries, executed = execute_notebooks(chosen, engine, lambda: validate_inputs(chosen, data, Path(parameters_file or DEFAULT_PARAMETERS).name))
    say(f"[3/5] executed {len(executed)} notebooks ({engine} engine)")
    defaults = parameters.load().as_dict()
    changed = [(name, str(value), str(defaults[name])) for name, value in parameters.non_default(chosen).items()]
    keys = [path.stem.split("_", 1)[1] for path in notebook_paths()]
    page = render.to_html(render.merge(executed), TITLE, SUBTITLE, report_facts(chosen, data), changed, keys)
    say("[4/5] HTML rendered")
    pdf = render.to_pdf(page, chosen.paper_size)
    say("[5/5] PDF typeset")
    outputs = {
        out_dir / f"{REPORT_NAME}.html": page.encode("utf-8"),
        out_dir / f"{REPORT_NAME}.pdf": pdf,
        out_dir / "findings.json": findings_json(executed, chosen),
        data / "processed" / PROCESSED_SALARIES.name: clean.processed_csv(salaries),
    }
    publish(outputs)
    say(f"done in {time.perf_counter() - started:.1f} s: " + ", ".join(shown(path) for path in outputs))
    return {path.name: path for path in outputs}


def shown(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def report_facts(chosen: parameters.Parameters, data: Path) -> list[tuple[str, str]]:
    """The title page's facts: source, reference periods, build date."""
    from .provenance import reference_periods

    return [
        ("Source", "One published article on medical coding salaries (its tables and figures only; see the appendix)"),
        ("Article's periods", f"BLS figures as of May 2020; other tables undated (assumed {chosen.undated_reference_year})"),
        ("Official data", reference_periods(data)),
        ("Dollars", f"restated in {chosen.dollar_year} dollars where the report says so (CPI-U)"),
        ("Built", build_date()),
    ]


def build_date() -> str:
    """The build date, from SOURCE_DATE_EPOCH; `pin_build_epoch` sets it when the caller did not."""
    return time.strftime("%Y-%m-%d", time.gmtime(int(os.environ["SOURCE_DATE_EPOCH"])))


def pin_build_epoch() -> None:
    """Default SOURCE_DATE_EPOCH to the start of today (UTC): the report's date, and the timestamp
    WeasyPrint's font subsetter writes, are then the same for every build of the day."""
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(int(time.time()) // 86400 * 86400))


def findings_json(executed: list, chosen: parameters.Parameters) -> bytes:
    """report/findings.json: the findings the summary notebook computed, with the build's parameters."""
    for notebook in executed:
        for cell in notebook.cells:
            for output in cell.get("outputs", []):
                if "application/json" in output.get("data", {}):
                    # The notebook knows only the parameters it declares; the build knows them all.
                    document = {**output["data"]["application/json"], "parameters": chosen.as_dict()}
                    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    raise ValueError("no notebook produced the findings (summary.findings_document)")


def publish(outputs: dict[Path, bytes]) -> None:
    """Move every output into place; each is written whole to a temporary name first."""
    for path, data in outputs.items():
        write_atomically(path, data)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m medical_coding_salaries.build", description=__doc__.splitlines()[0])
    parser.add_argument("--params", type=Path, default=None, help="YAML file of parameters (default: params.yaml's defaults)")
    parser.add_argument("--out", type=Path, default=REPORT, help="folder for the HTML, PDF and findings.json (default: report/)")
    parser.add_argument("--data", type=Path, default=DATA, help="folder holding raw/ and reference/ (default: data/)")
    parser.add_argument("--engine", choices=ENGINES, default="shared", help="shared: all notebooks in one kernel (default); papermill: one papermill run per notebook")
    arguments = parser.parse_args(argv)
    try:
        build(arguments.params, arguments.out, arguments.engine, arguments.data.resolve())
    except BuildInputError as error:
        print(f"error: {error}\nThe previous report was left unchanged.", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
