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
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat

from . import clean, parameters, render
from .clean import write_atomically
from .errors import BuildInputError
from .paths import NOTEBOOKS, PROCESSED_SALARIES, REPORT, ROOT

KERNEL = "medical-coding-salaries"
REPORT_NAME = "medical-coding-salaries"
TITLE = "What medical coding specialists earn in the USA"
SUBTITLE = "One published article's salary tables, cleaned, cross-checked and set against official statistics"


def notebook_paths() -> list[Path]:
    """The report's notebooks, in the order their numbers give."""
    return sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


def notebook_parameters(path: Path) -> set[str]:
    """Names the notebook's `parameters` cell declares (papermill passes only these)."""
    import papermill

    return set(papermill.inspect_notebook(str(path)))


def execute(path: Path, values: dict[str, object]) -> nbformat.NotebookNode:
    """Run one notebook with papermill, passing it the parameters it declares."""
    import papermill

    wanted = {name: value for name, value in values.items() if name in notebook_parameters(path)}
    return papermill.execute_notebook(str(path), None, parameters=wanted, kernel_name=KERNEL, progress_bar=False, cwd=None)


def say(message: str) -> None:
    """Progress, on stderr so that stdout stays clean."""
    print(message, file=sys.stderr, flush=True)


def build(parameters_file: Path | None, out_dir: Path = REPORT, jobs: int = 2) -> dict[str, Path]:
    """Build the report; return the paths written."""
    started = time.perf_counter()
    chosen = parameters.load(parameters_file)
    say(f"[1/5] parameters valid ({parameters_file or 'defaults'})")
    salaries = clean.clean_salaries(chosen.range_point, chosen.open_top_factor)
    say(f"[2/5] raw data valid: {len(salaries)} figures from {salaries['table_id'].nunique()} tables")
    paths = notebook_paths()
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        executed = list(pool.map(lambda path: execute(path, chosen.as_dict()), paths))
    say(f"[3/5] executed {len(paths)} notebooks: {', '.join(path.stem for path in paths)}")
    defaults = parameters.load().as_dict()
    changed = [(name, str(value), str(defaults[name])) for name, value in parameters.non_default(chosen).items()]
    facts = report_facts(chosen)
    page = render.to_html(render.merge(executed), TITLE, SUBTITLE, facts, changed)
    say("[4/5] HTML rendered")
    pdf = render.to_pdf(page, chosen.paper_size)
    say("[5/5] PDF typeset")
    outputs = {
        out_dir / f"{REPORT_NAME}.html": page.encode("utf-8"),
        out_dir / f"{REPORT_NAME}.pdf": pdf,
        out_dir / "findings.json": findings_json(salaries, chosen),
        PROCESSED_SALARIES: clean.processed_csv(salaries),
    }
    publish(outputs)
    say(f"done in {time.perf_counter() - started:.1f} s: " + ", ".join(str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path) for path in outputs))
    return {path.name: path for path in outputs}


def report_facts(chosen: parameters.Parameters) -> list[tuple[str, str]]:
    """The title page's facts: source, reference periods, build date."""
    return [
        ("Source", "One published article on medical coding salaries (tables and figures only; see the appendix)"),
        ("Reference periods", f"Article: BLS figures of May 2020; other tables undated (assumed {chosen.undated_reference_year})"),
        ("Built", build_date()),
    ]


def build_date() -> str:
    """The build date: from SOURCE_DATE_EPOCH when set (reproducible builds), else today (UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = time.gmtime(int(epoch)) if epoch else time.gmtime()
    return time.strftime("%Y-%m-%d", moment)


def findings_json(salaries, chosen: parameters.Parameters) -> bytes:
    """report/findings.json: every finding with id, value, unit, sentence and raw sources."""
    from .summary import all_findings

    records = [finding.as_dict() for finding in all_findings(salaries, chosen)]
    document = {"parameters": chosen.as_dict(), "findings": records}
    return (json.dumps(document, indent=2, ensure_ascii=False, sort_keys=False) + "\n").encode("utf-8")


def publish(outputs: dict[Path, bytes]) -> None:
    """Move every output into place; each is written whole to a temporary name first."""
    for path, data in outputs.items():
        write_atomically(path, data)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m medical_coding_salaries.build", description=__doc__.splitlines()[0])
    parser.add_argument("--params", type=Path, default=None, help="YAML file of parameters (default: params.yaml's defaults)")
    parser.add_argument("--out", type=Path, default=REPORT, help="folder for the HTML, PDF and findings.json (default: report/)")
    parser.add_argument("--jobs", type=int, default=2, help="notebooks executed at once (default: 2)")
    arguments = parser.parse_args(argv)
    try:
        build(arguments.params, arguments.out, arguments.jobs)
    except BuildInputError as error:
        print(f"error: {error}\nThe previous report was left unchanged.", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
