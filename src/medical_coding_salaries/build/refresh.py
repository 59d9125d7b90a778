"""`python -m medical_coding_salaries.build.refresh [NOTEBOOK ...]`: re-execute notebooks in place with the defaults.

The committed notebooks carry their outputs (nbval's reference); this strips what papermill and nbclient
add that changes from run to run (timestamps, durations, paths), so re-running unchanged code changes nothing.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat

from medical_coding_salaries.build.engine import run_with_papermill
from medical_coding_salaries.build.execute import notebook_paths, say

VOLATILE_NOTEBOOK_KEYS = ("papermill",)
VOLATILE_CELL_KEYS = ("papermill", "execution", "collapsed", "scrolled")


def normalize(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop run-specific metadata; keep outputs, execution counts and cell ids."""
    for key in VOLATILE_NOTEBOOK_KEYS:
        notebook.metadata.pop(key, None)
    notebook.metadata.get("language_info", {}).pop("version", None)
    for cell in notebook.cells:
        for key in VOLATILE_CELL_KEYS:
            cell.metadata.pop(key, None)
        for output in cell.get("outputs", []):
            # The robustness grid's cost in seconds (summary.FindingsDocument), which the build logs.
            output.get("metadata", {}).pop("application/json", None)
    return notebook


def refresh(path: Path) -> None:
    """Execute one notebook with its own defaults and write it back, normalized."""
    executed = normalize(run_with_papermill(path, {}))
    nbformat.write(executed, path)


def main(argv: list[str] | None = None) -> int:
    paths = [Path(argument).resolve() for argument in (argv if argv is not None else sys.argv[1:])] or notebook_paths()
    for path in paths:
        refresh(path)
        say(f"refreshed {path.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
