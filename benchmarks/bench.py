"""`make bench`: how long the report takes to build, against the naive pipeline and the floor.

Prints the median of several runs of: a full build from a clean state, `make report` with nothing
changed, `make report` after changing one parameter, the naive pipeline (one papermill command per
notebook, one `jupyter nbconvert --to html --no-input`, then the PDF from the executed notebooks with
`python -m medical_coding_salaries.build.render_pdf`, each a separate command), and
the floor (one Python process importing pandas and matplotlib); then the two ratios.
"""

from __future__ import annotations

import argparse
import os
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


def run(command: list[str], **kwargs) -> float:
    """Seconds one command takes; a failure stops the benchmark."""
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kwargs)
    return time.perf_counter() - started


def median_of(runs: int, prepare, command: list[str]) -> float:
    times = []
    for _ in range(runs):
        prepare()
        times.append(run(command))
    return statistics.median(times)


def naive_pipeline(workdir: Path) -> float:
    """papermill per notebook, nbconvert once, the PDF step once: the commands a user would type."""
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    notebooks = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    started = time.perf_counter()
    for notebook in notebooks:
        subprocess.run(
            [str(BIN / "papermill"), str(notebook), str(workdir / notebook.name), "-k", KERNEL, "--no-progress-bar"],
            cwd=ROOT,
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    subprocess.run(
        [str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", *sorted(map(str, workdir.glob("*.ipynb")))],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    executed = sorted(map(str, workdir.glob("*.ipynb")))
    subprocess.run(
        [sys.executable, "-m", "medical_coding_salaries.build.render_pdf", str(workdir / "report.pdf"), *executed],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (median reported)")
    runs = parser.parse_args().runs
    make = ["make", "--no-print-directory", "report"]
    with tempfile.TemporaryDirectory() as scratch:
        scratch_dir = Path(scratch)
        low, high = scratch_dir / "low.yml", scratch_dir / "high.yml"
        low.write_text("range_point: low\n")
        high.write_text("range_point: high\n")

        def clean() -> None:
            subprocess.run(["make", "--no-print-directory", "clean"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)

        full = median_of(runs, clean, make)
        unchanged = median_of(max(runs, 5), lambda: None, make)
        flips = iter([low, high] * runs)
        changed_times = []
        for _ in range(runs):
            changed_times.append(run([*make, f"PARAMS={next(flips)}"]))
        changed = statistics.median(changed_times)
        naive = statistics.median(naive_pipeline(scratch_dir / "naive") for _ in range(runs))
        floor = median_of(max(runs, 5), lambda: None, [sys.executable, "-c", "import pandas, matplotlib"])
    run(make)  # leave the default report in place
    print(f"machine: {os.cpu_count()} cores; median of {runs} runs (5 for the short ones)")
    print(f"1. full build from clean        {full:7.2f} s")
    print(f"2. make report, nothing changed {unchanged:7.2f} s")
    print(f"3. make report, one parameter   {changed:7.2f} s")
    print(f"4. naive pipeline               {naive:7.2f} s")
    print(f"5. floor (import pandas+mpl)    {floor:7.2f} s")
    print(f"full / naive = {full / naive:.2f}   (target <= 0.40)")
    print(f"full / floor = {full / floor:.2f}   (target <= 6)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
