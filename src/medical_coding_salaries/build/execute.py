"""Run the report's notebooks for a build: check the inputs, take what the cache holds, execute the rest, and
say what happens as it happens (on stderr)."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

from medical_coding_salaries import parameters
from medical_coding_salaries.build.cache import Cache, check_key, declared_names, notebook_key, sections_key
from medical_coding_salaries.build.cache import Inputs as CacheInputs
from medical_coding_salaries.build.engine import discard_prestarted, run_shared, run_with_papermill
from medical_coding_salaries.build.inputs import check_cell, check_inputs
from medical_coding_salaries.build.sweep_cells import uses_sweep
from medical_coding_salaries.errors import BuildInputError
from medical_coding_salaries.paths import notebook_paths, shown_path

CELL_TYPES = ("code", "markdown", "raw")


def notebook_problem(path: Path) -> str | None:
    """Why `path` is not a notebook the build can run (an empty or half-saved file, say), in a few words; None when
    it is one. Its shape is checked here, the parts the build reads (nbformat's full schema takes a tenth of a second
    to load, and engine.prepare still validates it): a JSON object of format 4 with metadata and cells, each cell of a
    known type with metadata and a source of text, a code cell's outputs each of a type."""
    try:
        content = json.loads(path.read_bytes())
    except OSError as error:
        return f"cannot be read ({error.strerror})"
    except ValueError as error:  # invalid JSON or UTF-8
        return f"not a Jupyter notebook (not JSON: {error})"
    except RecursionError:
        return "not a Jupyter notebook (JSON nested too deeply)"
    if not (
        isinstance(content, dict)
        and content.get("nbformat") == 4
        and isinstance(content.get("nbformat_minor"), int)
        and isinstance(content.get("metadata"), dict)
        and isinstance(content.get("cells"), list)
    ):
        return (
            'not a Jupyter notebook (expected a JSON object with "nbformat": 4, an "nbformat_minor", "metadata" and a '
            'list of "cells")'
        )
    for number, cell in enumerate(content["cells"], start=1):
        problem = cell_problem(cell)
        if problem is not None:
            return f"cell {number} is not a notebook cell ({problem})"
    try:
        declared_names(content)
    except SyntaxError as error:
        return f"its parameters cell is not valid Python ({error.msg}, line {error.lineno})"
    return None


def cell_problem(cell: Any) -> str | None:
    """What is wrong with one cell of a notebook's JSON, or None."""
    if not isinstance(cell, dict) or cell.get("cell_type") not in CELL_TYPES:
        return f"expected a cell_type, one of {', '.join(CELL_TYPES)}"
    source = cell.get("source")
    if not (isinstance(source, str) or (isinstance(source, list) and all(isinstance(line, str) for line in source))):
        return "expected a source of text"
    metadata = cell.get("metadata")
    if not isinstance(metadata, dict):
        return "expected its metadata"
    tags = metadata.get("tags", [])
    if not (isinstance(tags, list) and all(isinstance(tag, str) for tag in tags)):
        return "expected its tags as a list of text"
    outputs = cell.get("outputs", [])
    if cell["cell_type"] == "code" and not (
        isinstance(outputs, list) and all(isinstance(output, dict) and "output_type" in output for output in outputs)
    ):
        return "expected a list of outputs, each with an output_type"
    return None


def check_notebooks(paths: list[Path]) -> None:
    """BuildInputError, naming the first notebook that is not one, before any is run."""
    for path in paths:
        problem = notebook_problem(path)
        if problem is not None:
            raise BuildInputError(f"{shown_path(path)}: {problem}; restore it from git, or remove it")


STARTED = time.perf_counter()


def say(message: str) -> None:
    """Progress with elapsed seconds, on stderr so that stdout stays clean."""
    print(f"{time.perf_counter() - STARTED:5.1f}s {message}", file=sys.stderr, flush=True)


def checked(result: dict[str, Any], how: str = "") -> dict[str, Any]:
    """Log what `check_inputs` found, and pass it on."""
    say(
        f"[2/5] raw and reference data valid: {result['figures']} figures from {result['tables']} tables and prose"
        + how
    )
    return result


CHECK = "inputs-check"
TIMINGS = "notebook-seconds"


def execute_notebooks(
    chosen: parameters.Parameters, engine: str, data: Path, source: str, cache: Cache | None = None, reuse: bool = True
) -> tuple[dict[str, Any], list]:
    """Check the inputs, then execute every notebook whose cache entry is missing (all of them without `cache`,
    or when not `reuse`); returns what the check found and the notebooks, executed or taken from the cache. What
    ran is stored in `cache` on its `flush()`."""
    paths, values = notebook_paths(), chosen.as_dict()
    check_notebooks(paths)
    if engine == "papermill":
        inputs = checked(check_inputs(values, str(data), source))
        executed = []
        for path in paths:
            executed.append(run_with_papermill(path, values))
            say(f"      ran {path.name}")
        return inputs, executed

    # Notebooks found in the cache stay plain dicts until the kernels have been started: nbformat takes a tenth
    # of a second to import, and every build that runs a notebook waits for its kernels first.
    found: dict[Path, Any] = {}
    keys: dict[Path, str] = {}
    if cache is not None:
        common = CacheInputs.of(data)
        keys = {path: notebook_key(path, values, common) for path in paths}
        check = check_key(values, common)
        # When no kernel starts, the renderers are imported as the report is written (build.cli): the PDF,
        # the longest, starts first and does not wait for nbconvert.
        if reuse:
            for path in paths:
                content = cache.get(path.name, keys[path])
                if content is not None:
                    found[path] = content
                    cache.touch(path.name, keys[path])
    to_run = [path for path in paths if path not in found]

    def reused() -> None:
        for path in paths:
            if path in found:
                say(f"      reused {path.name} (cache)")

    if not to_run:
        # No kernel starts: the check's result comes from the cache, or the check runs in this process.
        discard_prestarted()
        result = cache.get(CHECK, check) if cache is not None and reuse else None
        if result is None:
            result = checked(check_inputs(values, str(data), source))
            if cache is not None:
                cache.put(CHECK, check, result)
        else:
            checked(result, " (cache)")
        reused()
        return result, [as_notebook(found[path]) for path in paths]

    def progress(message: str) -> None:
        # First what the input check printed (a JSON line), then each notebook's name as it finishes.
        if message.endswith(".ipynb"):
            say(f"      ran {message}")
        else:
            checked(json.loads(message))
            reused()

    # The check's result for these inputs and the parameters it reads may be in the cache: then no kernel checks.
    known = cache.get(CHECK, check) if cache is not None and reuse else None
    # How long each notebook took when last run: the kernels take the longest first.
    timings = last_timings(cache)
    if known is not None:
        checked(known, " (cache)")
        reused()
    output, executed = run_shared(
        to_run,
        values,
        check_cell(values, data, source) if known is None else None,
        while_running=import_renderers,
        progress=progress,
        grid_values=grid_values(to_run, values),
        grid_store=(str(cache.folder), sections_key(common), reuse) if cache is not None else None,
        timings=timings,
    )
    result = json.loads(output) if known is None else known
    ran = dict(zip(to_run, executed, strict=True))
    if cache is not None:  # written by the caller's cache.flush(), once the PDF is being typeset
        cache.put_later(CHECK, check, result)
        cache.put_later(TIMINGS, TIMINGS, timings)
        for path, notebook in ran.items():
            cache.put_later(path.name, keys[path], notebook)
    return result, [as_notebook(found[path]) if path in found else ran[path] for path in paths]


def as_notebook(content: dict[str, Any]) -> Any:
    """A cached notebook (a plain dict) as nbformat's notebook node."""
    import nbformat

    return nbformat.from_dict(content)


def last_timings(cache: Cache | None) -> dict[str, float]:
    """The seconds each notebook took when last run, as the cache holds them (none without a cache)."""
    stored = cache.get(TIMINGS, TIMINGS) if cache is not None else None
    if not isinstance(stored, dict):
        return {}
    return {name: float(seconds) for name, seconds in stored.items() if isinstance(seconds, int | float)}


def grid_values(paths: list[Path], values: dict[str, Any]) -> dict[str, Any] | None:
    """The parameters the robustness grid is computed for, if a notebook to run needs the grid: what those
    notebooks declare, every parameter but the renderers' (a notebook that declares fewer computes its own)."""
    if not any(uses_sweep(path.read_text(encoding="utf-8")) for path in paths):
        return None
    return {name: value for name, value in values.items() if name not in parameters.LAYOUT_ONLY}


def import_renderers() -> None:
    """Import the renderers (nbconvert, the markdown parser, xlsxwriter), read the PDF tables' font widths and compile
    the HTML templates while the kernels start, when this process is otherwise idle (Typst runs in a process of its
    own: render_pdf.typeset)."""
    import fontTools.ttLib  # noqa: F401
    import mistune  # noqa: F401
    import nbconvert.exporters.html  # noqa: F401

    from medical_coding_salaries.build import render_html, render_pdf, workbook  # noqa: F401
    from medical_coding_salaries.build.typst_tables import load_font_metrics

    load_font_metrics()
    render_html.html_exporter()
