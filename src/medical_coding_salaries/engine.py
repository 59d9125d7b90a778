"""Execute the report's notebooks: in one shared kernel (fast), or one papermill run each (the reference).

What a build costs is start-up, not computation: a kernel, pandas, matplotlib and scipy take seconds
to load and the analysis milliseconds. The shared engine starts one kernel, warms its imports while
the build validates its inputs, and runs the notebooks one after another with the namespace reset
between them, so each still sees only its own parameters and cells. Outputs equal the reference's.
"""

from __future__ import annotations

import re
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .errors import BuildInputError

KERNEL = "medical-coding-salaries"
# Forget the previous notebook's names; cheaper than %reset -f, which also collects garbage and history.
RESET = (
    "for _name in [name for name in get_ipython().user_ns if not name.startswith('_') and name not in get_ipython().user_ns_hidden]:\n"
    "    del globals()[_name]"
)
WARM_UP = "import medical_coding_salaries.summary, medical_coding_salaries.present, medical_coding_salaries.provenance"


class NotebookError(BuildInputError):
    """A notebook cell failed; the message names the notebook and the cell."""


def skip_slow_optional_imports() -> None:
    """jsonschema (via nbformat) imports rfc3987_syntax if installed, which compiles a grammar for seconds;
    it only checks IRI formats that notebooks never use, so the build does without it."""
    sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]


def declared_values(path: Path, values: dict[str, Any]) -> dict[str, Any]:
    """The values of the parameters the notebook's `parameters` cell declares, as papermill reads it."""
    import papermill

    declared = set(papermill.inspect_notebook(str(path)))
    return {name: value for name, value in values.items() if name in declared}


def prepare(path: Path, values: dict[str, Any]) -> Any:
    """The notebook with papermill's `injected-parameters` cell for the parameters it declares."""
    import nbformat
    from papermill.parameterize import parameterize_notebook

    notebook = nbformat.read(path, as_version=4)
    notebook.metadata.setdefault("papermill", {})
    for cell in notebook.cells:
        cell.metadata.setdefault("tags", [])
    wanted = declared_values(path, values)
    return parameterize_notebook(notebook, wanted, report_mode=False, kernel_name=KERNEL, language="python") if wanted else notebook


def _failure(path: Path, error: Exception) -> NotebookError:
    text = re.sub(r"\x1b\[[0-9;]*m", "", str(error)).strip()  # tracebacks carry terminal colour codes
    last = text.splitlines()[-1] if text else type(error).__name__
    return NotebookError(f"{path.name}: a cell failed: {last}")


@contextmanager
def shared_kernel() -> Iterator[Any]:
    """A started kernel (IPC transport: no open TCP ports) already importing the heavy modules."""
    import nbformat
    from jupyter_client.manager import AsyncKernelManager
    from jupyter_core.utils import run_sync
    from nbclient import NotebookClient

    # IPC sockets are files named after `ip`: keep them in a scratch folder, not the working directory.
    with tempfile.TemporaryDirectory(prefix="mcs-kernel-") as sockets:
        manager = AsyncKernelManager(kernel_name=KERNEL, transport="ipc", ip=str(Path(sockets) / "kernel"))
        client = NotebookClient(nbformat.v4.new_notebook(), km=manager, timeout=300, allow_errors=False)
        try:
            with client.setup_kernel():
                client.kc.execute(WARM_UP, silent=True, store_history=False)
                yield client
        finally:
            # nbclient leaves a kernel manager it was given running: stop the kernel ourselves.
            if manager.has_kernel:
                run_sync(manager.shutdown_kernel)(now=True)


def run_in(client: Any, notebooks: dict[Path, Any]) -> list[Any]:
    """Run each notebook in the shared kernel, resetting the namespace before each."""
    import nbformat
    from nbclient.exceptions import CellExecutionError

    executed = []
    for path, notebook in notebooks.items():
        # nbclient stores an executed cell back into client.nb at its index: give the reset its own notebook.
        reset = nbformat.v4.new_code_cell(RESET)
        client.nb = nbformat.v4.new_notebook(cells=[reset])
        client.execute_cell(reset, 0, store_history=False)
        client.nb = notebook
        try:
            for index, cell in enumerate(notebook.cells):
                if cell.cell_type == "code":
                    client.execute_cell(cell, index)
        except CellExecutionError as error:
            raise _failure(path, error) from None
        executed.append(notebook)
    return executed


def run_with_papermill(path: Path, values: dict[str, Any]) -> Any:
    """The reference: one papermill run, in its own kernel, for one notebook."""
    import papermill

    wanted = declared_values(path, values)
    try:
        return papermill.execute_notebook(str(path), None, parameters=wanted, kernel_name=KERNEL, progress_bar=False)
    except papermill.PapermillExecutionError as error:
        raise _failure(path, error) from None
