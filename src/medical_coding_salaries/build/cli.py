"""The build's command, `python -m medical_coding_salaries.build` (build.__main__ starts the kernels' fork server, then
runs `main`): validate inputs, execute the notebooks, write the report.

Inputs are checked before any notebook runs, and outputs (HTML, PDF, findings.json, the processed CSV and
the record of what they were built from) are moved into place only once all of them are complete, so bad
input, a failure or an interrupt stops the build with one line and leaves the previous outputs as they were.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import time
from pathlib import Path

from medical_coding_salaries import parameters
from medical_coding_salaries.build.cache import CACHE, Cache
from medical_coding_salaries.build.engine import discard_prestarted, prestart, skip_slow_optional_imports
from medical_coding_salaries.build.execute import execute_notebooks, notebook_paths, say
from medical_coding_salaries.build.title_page import TitlePage
from medical_coding_salaries.errors import INTERRUPTED_MESSAGE, BuildInputError
from medical_coding_salaries.paths import (
    DATA,
    DEFAULT_PARAMETERS,
    PROCESSED_SALARIES,
    REPORT,
    STOP_SIGNALS,
    interrupts_held,
    publish_together,
    shown_path,
)

# Not taken from the docstring: `python -O -O` drops docstrings.
DESCRIPTION = "Validate inputs, execute the notebooks, write the report."
REPORT_NAME = "medical-coding-salaries"
TITLE = "What medical coding specialists earn in the USA"
SUBTITLE = "One published article's salary tables, cleaned, cross-checked and set against official statistics"
ENGINES = ("shared", "papermill")


def build(
    parameters_file: Path | None,
    out_dir: Path = REPORT,
    engine: str = "shared",
    data: Path = DATA,
    record: Path | None = None,
    cache: Path | None = CACHE,
    reuse: bool = True,
) -> dict[str, Path]:
    """Build the report from the inputs under `data`; return the paths written. `record`, if given, receives
    the effective parameters and the input files, published with the outputs (Make compares it next time).
    `cache`: the folder of executed notebooks (None: no cache); `reuse`: take notebooks from it (else run all,
    and store what ran)."""
    started = time.perf_counter()
    skip_slow_optional_imports()
    pin_build_epoch()
    os.environ["MEDICAL_CODING_SALARIES_DATA"] = str(data)  # the kernels read the same inputs
    # The kernels' arrays are a few dozen numbers: OpenBLAS's extra threads would only spin, taking CPU from the
    # other kernel (a user's own setting is kept).
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    chosen = parameters.load(parameters_file)
    say(f"[1/5] parameters valid ({parameters_file or 'defaults'})")
    processed = data / "processed" / PROCESSED_SALARIES.name
    targets = [
        out_dir / f"{REPORT_NAME}.html",
        out_dir / f"{REPORT_NAME}.pdf",
        out_dir / "findings.json",
        out_dir / f"{REPORT_NAME}.xlsx",
        processed,
    ]
    if record is not None:
        targets.append(record)
    # Taken before any input or notebook is read: one edited during the build then differs from the record.
    record_text = parameters.build_record(chosen, data) if record is not None else ""
    prepare_targets(targets)
    source = Path(parameters_file or DEFAULT_PARAMETERS).name
    store = Cache(cache) if cache is not None else None
    if engine == "shared":
        prestart()  # the kernels' fork server: its imports begin while the cache is looked up
    try:
        inputs, executed = execute_notebooks(chosen, engine, data, source, store, reuse)
    finally:
        discard_prestarted()  # not used: every notebook came from the cache, or the build stopped
    say(f"[3/5] {len(executed)} notebooks ready ({engine} engine)")
    # Imported here, not with this module: a build that starts kernels starts them first (the renderers are
    # imported while the kernels work: execute.import_renderers).
    from medical_coding_salaries.build import render_html, render_pdf, workbook

    defaults = parameters.load().as_dict()
    changed = [(name, str(value), str(defaults[name])) for name, value in parameters.non_default(chosen).items()]
    keys = [render_html.section_key(path) for path in notebook_paths()]
    merged = render_html.merge(executed)
    title_page = TitlePage(TITLE, SUBTITLE, report_facts(chosen, inputs["reference_periods"]), changed)
    # The PDF takes longest: its markup is written first, then Typst lays it out in a process of its own while this
    # thread imports nbconvert if it has to, writes the HTML and the workbook.
    markup = render_pdf.document(merged, keys)
    with render_pdf.Typesetting(markup, title_page, chosen.paper_size) as typesetting:
        page = render_html.to_html(merged, title_page, keys)
        say("[4/5] HTML rendered")
        findings = findings_json(executed, chosen)
        tables = workbook.tables_of(merged)
        sheets = workbook.workbook_bytes(tables, json.loads(findings), int(os.environ["SOURCE_DATE_EPOCH"]), TITLE)
        if store is not None:
            store.flush()  # the notebooks just executed, stored while Typst works (kept if Typst then fails)
        pdf = typesetting.pdf()
    say("[5/5] PDF typeset")
    contents = [page.encode("utf-8"), pdf, findings, sheets, inputs["processed_csv"].encode("utf-8")]
    if record is not None:
        contents.append(record_text.encode("utf-8"))
    outputs = dict(zip(targets, contents, strict=True))
    if INTERRUPTED:
        # An interrupt whose KeyboardInterrupt Python had to swallow (raised inside a weakref callback or a
        # destructor, say) still stops the build before it publishes.
        raise KeyboardInterrupt
    # Held from here to the end: once the moves have started, an interrupt can no longer mean "unchanged".
    with interrupts_held(deliver=False) as after_publishing:
        try:
            late = publish_together(outputs, seal=record)
        except OSError as error:
            raise BuildInputError(
                f"{shown_path(Path(error.filename or out_dir))}: cannot write the report there ({error.strerror})"
            ) from None
        PUBLISHED.append(True)  # from now on an interrupt is only noted (as_interrupt)
        say(f"done in {time.perf_counter() - started:.1f} s: " + ", ".join(shown_path(path) for path in outputs))
    if late or after_publishing:
        raise PublishedThenInterrupted
    return {path.name: path for path in outputs}


class PublishedThenInterrupted(KeyboardInterrupt):
    """An interrupt that came while the outputs were being moved into place: it waited until all of them were."""


def prepare_targets(targets: list[Path]) -> None:
    """Before any work: every output folder exists and is writable, and what an earlier build killed mid-way
    (SIGKILL, power loss) left behind, temporary files beside the outputs, is removed."""
    for folder in dict.fromkeys(path.parent for path in targets):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            for leftover in folder.glob(".*.tmp"):
                leftover.unlink(missing_ok=True)
            probe = folder / f".write-check-{os.getpid()}.tmp"
            with interrupts_held():  # an interrupt between the two would leave the probe behind
                try:
                    probe.write_bytes(b"")
                finally:
                    probe.unlink(missing_ok=True)
        except OSError as error:
            raise BuildInputError(
                f"{shown_path(folder)}/: cannot write the report there ({error.strerror}); fix its permissions or "
                f"choose --out"
            ) from None


def report_facts(chosen: parameters.Parameters, reference_periods: str) -> list[tuple[str, str]]:
    """The title page's facts: source, reference periods, build date."""
    return [
        ("Source", "One published article on medical coding salaries (its tables and figures only; see the appendix)"),
        (
            "Article's periods",
            f"BLS figures as of May 2020; other tables undated (assumed {chosen.undated_reference_year})",
        ),
        ("Official data", reference_periods),
        ("Dollars", f"restated in {chosen.dollar_year} dollars where the report says so (CPI-U)"),
        ("Built", build_date()),
    ]


def build_date() -> str:
    """The build date, from SOURCE_DATE_EPOCH; `pin_build_epoch` sets it when the caller did not."""
    return time.strftime("%Y-%m-%d", time.gmtime(int(os.environ["SOURCE_DATE_EPOCH"])))


def pin_build_epoch() -> None:
    """Default SOURCE_DATE_EPOCH to the start of today (UTC): the report's date, and the PDF's creation
    date, are then the same for every build of the day."""
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(int(time.time()) // 86400 * 86400))


def findings_json(executed: list, chosen: parameters.Parameters) -> bytes:
    """report/findings.json: the findings the summary notebook computed, with the build's parameters."""
    for notebook in executed:
        for cell in notebook.cells:
            for output in cell.get("outputs", []):
                if "application/json" in output.get("data", {}):
                    # The grid every finding was recomputed under, and its cost (summary.FindingsDocument).
                    grid = output.get("metadata", {}).get("application/json", {}).get("robustness")
                    if grid:
                        say(f"      robustness: {grid}")
                    # The notebook knows only the parameters it declares; the build knows them all.
                    document = {**output["data"]["application/json"], "parameters": chosen.as_dict()}
                    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    raise ValueError("no notebook produced the findings (summary.findings_document)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m medical_coding_salaries.build", description=DESCRIPTION)
    parser.add_argument(
        "--params", type=Path, default=None, help="YAML file of parameters (default: params.yaml's defaults)"
    )
    parser.add_argument(
        "--out", type=Path, default=REPORT, help="folder for the HTML, PDF and findings.json (default: report/)"
    )
    parser.add_argument("--data", type=Path, default=DATA, help="folder holding raw/ and reference/ (default: data/)")
    parser.add_argument(
        "--record",
        type=Path,
        default=None,
        help="file to record the parameters and inputs in, with the outputs (make: build/params.used)",
    )
    parser.add_argument(
        "--engine",
        choices=ENGINES,
        default="shared",
        help="shared: all notebooks in one kernel (default); papermill: one papermill run per notebook",
    )
    parser.add_argument(
        "--cache",
        type=Path,
        default=Path(os.environ.get("MEDICAL_CODING_SALARIES_CACHE", CACHE)),
        help="folder of executed notebooks to reuse (default: build/cache/, or $MEDICAL_CODING_SALARIES_CACHE)",
    )
    parser.add_argument(
        "--no-cache", action="store_true", help="execute every notebook (the cache is not read, but refreshed)"
    )
    arguments = parser.parse_args(argv)
    # Ctrl-C, `kill` (or make passing on its own SIGTERM), the terminal closing: each interrupts the build, and is
    # noted.
    PUBLISHED.clear()
    AFTER_PUBLISHING.clear()
    previous = {signum: signal.signal(signum, as_interrupt) for signum in STOP_SIGNALS}
    try:
        build(
            arguments.params,
            arguments.out,
            arguments.engine,
            arguments.data.resolve(),
            arguments.record,
            arguments.cache,
            not arguments.no_cache,
        )
    except BuildInputError as error:
        print(f"error: {error}\nThe previous report was left unchanged.", file=sys.stderr)
        return 2
    except PublishedThenInterrupted:
        print(PUBLISHED_WHOLE_MESSAGE, file=sys.stderr)
        return 130
    except KeyboardInterrupt:
        print(PUBLISHED_WHOLE_MESSAGE if PUBLISHED else INTERRUPTED_MESSAGE, file=sys.stderr)
        return 130
    finally:
        discard_prestarted()  # a fork server started for kernels that were never needed (bad parameters, say)
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    if AFTER_PUBLISHING:
        print(PUBLISHED_WHOLE_MESSAGE, file=sys.stderr)
        return 130
    return 0


# Set by the first stop signal (see `as_interrupt`).
INTERRUPTED: list[int] = []
# Set once the report is published: an interrupt then changes nothing, and is only noted.
PUBLISHED: list[bool] = []
AFTER_PUBLISHING: list[int] = []
PUBLISHED_WHOLE_MESSAGE = "interrupted as the report was being published: it was published whole"


def as_interrupt(signum: int, frame: object) -> None:
    """SIGINT, SIGTERM and SIGHUP stop the build: kernels shut down, temporary files removed, outputs untouched. The
    signal is noted too, since a KeyboardInterrupt raised where Python cannot propagate it is lost. Once the report
    is published, it is only noted: raised then (in a destructor, as the build's objects go) it would print a
    traceback, and say the report is unchanged when it is not."""
    if PUBLISHED:
        AFTER_PUBLISHING.append(signum)
        return
    INTERRUPTED.append(signum)
    raise KeyboardInterrupt


def exit_now(status: int) -> None:
    """After a build that published its report, end the process without tearing the interpreter down: the kernels,
    the fork server and Typst have ended and every scratch folder is removed; unloading the hundreds of modules a
    build imports would add a sixth of a second to every `make report`. Any other ending (bad input, an interrupt)
    exits as usual, so that what a second Ctrl-C cut short is still cleaned up as Python ends."""
    if status != 0:
        sys.exit(status)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


if __name__ == "__main__":
    exit_now(main())
