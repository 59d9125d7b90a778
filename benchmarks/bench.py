"""`make bench`: how long `make report` takes in each case that matters, as a ratio to the floor.

The floor, one Python process importing pandas and matplotlib.pyplot, is measured right before each timed run
(its median over the whole run is the reference, so that a busy machine slows both alike). Each case
is the median of several runs of `make report` (the cases of issue 14):

1. a full build from a clean state (`make clean` first, which also empties the cache);
2. nothing changed;
3. `paper_size: a4` after a build with the defaults (every notebook comes from the cache);
4. an edit to the PDF layout template (`report.typ` touched);
5. back to the default parameters after a build with other ones (`range_point` low or high);
6. `city_baseline` changed to a city not built before in this run (re-executes the notebooks that use it);
and, with --naive, the naive pipeline (one papermill command per notebook, one `jupyter nbconvert --to html
--no-input`, then the PDF from the executed notebooks, each a separate command).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
KERNEL = "medical-coding-salaries"
MAKE = ["make", "--no-print-directory", f"VENV={BIN.parent}"]
TEMPLATE = ROOT / "src/medical_coding_salaries/build/templates/report/report.typ"
CITIES = ("Chicago", "Houston", "Los Angeles", "New York City")


def run(command: list[str]) -> tuple[float, str]:
    """Seconds one command takes, and what it printed on stderr; a failure stops the benchmark."""
    started = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stderr}")
    return elapsed, result.stderr


FLOOR = [sys.executable, "-c", "import pandas, matplotlib.pyplot"]
# The floor is measured right before every timed build, so that both see the same load on the machine.
FLOORS: list[float] = []


def make(*arguments: str) -> tuple[float, str]:
    return run([*MAKE, *arguments])


def timed(*arguments: str) -> tuple[float, str]:
    """`make` after one run of the floor, both timed."""
    FLOORS.append(run(FLOOR)[0])
    return make(*arguments)


def naive_pipeline(workdir: Path) -> float:
    """papermill per notebook, nbconvert once, the PDF step once: the commands a user would type."""
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    notebooks = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    started = time.perf_counter()
    for notebook in notebooks:
        run([str(BIN / "papermill"), str(notebook), str(workdir / notebook.name), "-k", KERNEL, "--no-progress-bar"])
    run([str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", *sorted(map(str, workdir.glob("*.ipynb")))])
    executed = sorted(map(str, workdir.glob("*.ipynb")))
    run([sys.executable, "-m", "medical_coding_salaries.build.render_pdf", str(workdir / "report.pdf"), *executed])
    return time.perf_counter() - started


def executed_notebooks(stderr: str) -> int:
    return len(re.findall(r"^\s*[\d.]+s\s+ran ", stderr, flags=re.MULTILINE))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (median reported)")
    parser.add_argument("--naive", action="store_true", help="also time the naive pipeline (about 90 s a run)")
    arguments = parser.parse_args()
    runs = min(arguments.runs, len(CITIES))
    rows: list[tuple[str, float, float | None, str]] = []  # (case, seconds, target ratio, note)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)

        def parameters_file(name: str, text: str) -> str:
            (folder / name).write_text(text, encoding="utf-8")
            return f"PARAMS={folder / name}"

        full = []
        for _ in range(runs):
            run([*MAKE, "clean"])
            full.append(timed("report")[0])
        rows.append(("1. full build from clean (`make clean; make report`)", statistics.median(full), 6.0, ""))

        unchanged = statistics.median(timed("report")[0] for _ in range(max(runs, 5)))
        rows.append(("2. `make report`, nothing changed", unchanged, None, "target < 0.5 s"))

        a4 = parameters_file("a4.yml", "paper_size: a4\n")
        paper = []
        for _ in range(runs):
            make("report")
            paper.append(timed("report", a4)[0])
        rows.append(("3. `paper_size: a4` after a default build", statistics.median(paper), 2.5, ""))

        template = []
        for _ in range(runs):
            make("report")
            TEMPLATE.touch()
            template.append(timed("report")[0])
        rows.append(("4. PDF layout template (`report.typ`) edited", statistics.median(template), 2.5, ""))

        back = []
        for number in range(runs):
            make("report", parameters_file("other.yml", f"range_point: {('low', 'high')[number % 2]}\n"))
            back.append(timed("report")[0])
        rows.append(("5. back to the defaults after other parameters", statistics.median(back), 2.5, ""))

        city, executed = [], set()
        for name in CITIES[:runs]:
            make("report")
            seconds, stderr = timed("report", parameters_file("city.yml", f"city_baseline: {name}\n"))
            city.append(seconds)
            executed.add(executed_notebooks(stderr))
        notebooks = len(list((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")))
        note = f"notebooks executed: {', '.join(map(str, sorted(executed)))} of {notebooks}"
        rows.append(("6. `city_baseline` changed", statistics.median(city), 5.0, note))

        if arguments.naive:
            naive = statistics.median(naive_pipeline(folder / "naive") for _ in range(runs))
            rows.append(("7. the naive pipeline (papermill, nbconvert, PDF: separate commands)", naive, None, ""))
    make("report")  # leave the default report in place
    floor = statistics.median(FLOORS)

    load = os.getloadavg()[0]
    print(f"machine: {os.cpu_count()} cores; median of {runs} runs (5 for case 2); load average {load:.1f}")
    print(f"floor: `python -c 'import pandas, matplotlib.pyplot'` {floor:.2f} s (median of {len(FLOORS)}, one per run)")
    print("| case | seconds | x floor | target | met |")
    print("|---|---|---|---|---|")
    for case, seconds, target, note in rows:
        if target is not None:
            verdict, shown = ("yes" if seconds / floor <= target else "**no**"), f"<= {target:g}x"
        elif case.startswith("2."):
            verdict, shown = ("yes" if seconds < 0.5 else "**no**"), "< 0.5 s"
        else:
            verdict, shown = "", ""
        extra = f" ({note})" if note and not note.startswith("target") else ""
        print(f"| {case}{extra} | {seconds:.2f} | {seconds / floor:.2f} | {shown} | {verdict} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
