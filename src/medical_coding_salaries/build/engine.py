"""Execute the report's notebooks: in shared kernels (fast), or one papermill run each (the reference).

What a build costs is start-up, not computation: a kernel, pandas, pandera and matplotlib take seconds
to load and the analysis milliseconds. The shared engine starts one kernel per core (at most four),
checks the inputs in the first as the others warm up, and gives each kernel the next notebook when it is free,
with the namespace reset before each, so a notebook still sees only its own parameters and cells.
Outputs equal the reference's.
"""

from __future__ import annotations

import asyncio
import gc
import os
import re
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

from medical_coding_salaries.build.aio import all_or_none, run_interruptibly, settle
from medical_coding_salaries.build.forkserver import FORKING, ForkServer
from medical_coding_salaries.build.sweep_cells import GridShare, Store, uses_sweep
from medical_coding_salaries.errors import BuildInputError
from medical_coding_salaries.paths import shown_path

KERNEL = "medical-coding-salaries"
# Kernels forked from a process that has imported what they need (build.forkserver), where the system can fork;
# MEDICAL_CODING_SALARIES_FORK=0 starts each kernel as a program of its own instead.
FORK = FORKING
# Ready when the kernel has answered, not after 0.2 s of silence (build.ready).
READY_CLIENT = "medical_coding_salaries.build.ready.ReadyClient"
# The notebooks are independent: one kernel per core (at most four) runs them side by side.
KERNELS = max(1, min(4, os.cpu_count() or 1))
# IPython's history of the build's cells stays in memory: the build neither writes thousands of cells into the
# user's history database (~/.ipython) nor starts a thread per kernel to do so. Each cell is answered without
# ipykernel's pause of half a millisecond before the reply (for clients that stop reading IOPub at the reply;
# nbclient reads it until the kernel says idle), and is not compiled once more to look for a top-level `await`
# (no notebook has one): about a millisecond of each of the kernels' 300 cells.
KERNEL_ARGUMENTS = [
    "--HistoryManager.enabled=False",
    "--IPythonKernel._execute_sleep=0",
    "--InteractiveShell.autoawait=False",
]
# Forget the previous notebook's names; cheaper than %reset -f, which also collects garbage and history.
RESET = (
    "for _name in [name for name in get_ipython().user_ns if not name.startswith('_') and name not in "
    "get_ipython().user_ns_hidden]:\n    del globals()[_name]"
)
WARM_UP = (
    "import medical_coding_salaries.sections.summary, medical_coding_salaries.present.show, "
    "medical_coding_salaries.sections.appendix"
)


# A fork server started before the build knew whether any notebook must run (`prestart`): its imports are the longest
# part of a build's start, so they begin as the build's command starts (build.__main__), or as soon as the
# parameters are valid.
_PRESTARTED: list[Any] = []


def prestart(server: ForkServer | None = None) -> None:
    """Start the fork server now (or take `server`, started earlier), for `run_shared` to use (where kernels are
    forked)."""
    if FORK and not _PRESTARTED:
        _PRESTARTED.append(server or ForkServer())
    elif server is not None:
        server.close()


def discard_prestarted() -> None:
    """End a fork server started ahead and not used: every notebook came from the cache, or the build stopped."""
    while _PRESTARTED:
        _PRESTARTED.pop().close()


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

    try:
        notebook = nbformat.read(path, as_version=4)
        notebook.metadata.setdefault("papermill", {})
        for cell in notebook.cells:
            cell.metadata.setdefault("tags", [])
        wanted = declared_values(path, values)
    except Exception as error:  # noqa: BLE001 - any failure to read a notebook's structure is bad input
        # What execute.check_notebooks' shape check lets through and nbformat's schema or papermill's reading does
        # not (a code cell without its execution_count, a kernelspec that is not a mapping): one line, as for any bad
        # input, not a traceback.
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise BuildInputError(
            f"{shown_path(path)}: not a valid notebook ({reason}); restore it from git, or remove it"
        ) from None
    return (
        parameterize_notebook(notebook, wanted, report_mode=False, kernel_name=KERNEL, language="python")
        if wanted
        else notebook
    )


def _failure(path: Path, error: Exception) -> NotebookError:
    text = re.sub(r"\x1b\[[0-9;]*m", "", str(error)).strip()  # tracebacks carry terminal colour codes
    last = text.splitlines()[-1] if text else type(error).__name__
    return NotebookError(f"{path.name}: a cell failed: {last}")


def run_shared(
    paths: list[Path],
    values: dict[str, Any],
    check: str | None,
    kernels: int = KERNELS,
    while_running: Callable[[], None] = lambda: None,
    progress: Callable[[str], None] = lambda _message: None,
    grid_values: dict[str, Any] | None = None,
    grid_store: Store | None = None,
    timings: dict[str, float] | None = None,
) -> tuple[str, list[Any]]:
    """Run the notebooks, parameterized with `values`, on `kernels` kernels (IPC transport: no open TCP
    port), each taking the next notebook when it is free, the longest first (by `timings`, the seconds each took
    when last run, where it knows them all; it then receives this run's). The first kernel runs the cell
    `check` while the others import what the notebooks need; no notebook starts before the check passes (None:
    no check, its result is known).
    With `grid_values` (the parameters the notebooks that need the robustness grid declare), the kernels
    first compute the grid's parts, each taking the next when free (sweep_cells; `grid_store`: where sections'
    findings are kept between builds), and a notebook that needs the grid waits until it is complete, the
    others going first. `while_running` runs in a thread of this process meanwhile; `progress` hears what the
    check printed once all checks pass, then each notebook's name as it finishes. Returns what the check
    printed and the executed notebooks, in the order of `paths`."""
    measured = {} if timings is None else timings
    return run_interruptibly(
        lambda: _run_shared(paths, values, check, kernels, while_running, progress, grid_values, grid_store, measured)
    )


async def _run_shared(
    paths: list[Path],
    values: dict[str, Any],
    check: str | None,
    kernels: int,
    while_running: Callable[[], None],
    progress: Callable[[str], None],
    grid_values: dict[str, Any] | None,
    grid_store: Store | None,
    timings: dict[str, float],
) -> tuple[str, list[Any]]:
    from jupyter_client.manager import AsyncKernelManager

    from medical_coding_salaries.build.forked import forked_provisioner

    # IPC sockets are files named after `ip`: keep them in a scratch folder, not the working directory.
    with tempfile.TemporaryDirectory(prefix="mcs-kernel-") as sockets:
        server = (_PRESTARTED.pop() if _PRESTARTED else ForkServer()) if FORK else None
        managers = [
            AsyncKernelManager(
                kernel_name=KERNEL, transport="ipc", ip=str(Path(sockets) / f"kernel-{n}"), client_class=READY_CLIENT
            )
            for n in range(kernels)
        ]

        def read_all() -> dict[Path, Any]:
            return {path: prepare(path, values) for path in paths}

        if server is not None:
            for manager in managers:
                manager.provisioner = forked_provisioner(manager, server)
            # While the server imports the notebooks' modules on one core, this process imports its own on the
            # other (here, before any thread starts: two threads importing one module at once can see it
            # half-initialized); the kernels' start then waits for the server.
            import_client_side()
            while_running()
            # The notebooks are read (and given papermill's parameters cell) now too, while the first kernel is not
            # yet forked and this process would wait, not later beside two busy kernels.
            read_early = read_all()
            # What the imports made lives as long as the build: out of the collector's sight, which otherwise scans
            # it again and again while the notebooks' messages are handled (a tenth of a second a build).
            gc.freeze()
        try:
            async with AsyncExitStack() as stack:

                async def boot(manager: Any) -> Any:
                    # Each kernel starts working as soon as it answers, not once all of them do: the fork server
                    # loads the data between the first kernel and the second, while the first checks the inputs.
                    await manager.start_kernel(extra_arguments=KERNEL_ARGUMENTS)
                    # Imported while the other kernels boot (if not above), before any thread of this process starts.
                    import_client_side()
                    import nbformat
                    from nbclient import NotebookClient

                    client = NotebookClient(nbformat.v4.new_notebook(), km=manager, timeout=300, allow_errors=False)
                    await stack.enter_async_context(client.async_setup_kernel())
                    return client

                booting = [asyncio.ensure_future(boot(manager)) for manager in managers]

                async def warmed(kernel: int) -> Any:
                    # One kernel checks (the check gives the same answer in each); the others only import what the
                    # notebooks need (their first notebook waits in their queue behind it), which leaves the check
                    # and this process more of the cores. Without a check (its result came from the cache), the
                    # first kernel only imports too.
                    client = await booting[kernel]
                    if kernel > 0 or check is None:
                        client.kc.execute(WARM_UP, silent=True, store_history=False)
                    return client

                async def checking() -> list[str]:
                    return [] if check is None else [await _run_check(await booting[0], check)]

                checks = asyncio.ensure_future(checking())
                grid = GridShare(grid_values, sockets, _run_build_cell, grid_store) if grid_values else None

                async def import_meanwhile() -> None:
                    # Without the fork server, `while_running` waits until this thread's imports are done (boot).
                    if server is None:
                        await asyncio.gather(*booting)
                        await asyncio.to_thread(while_running)

                meanwhile = asyncio.ensure_future(import_meanwhile())

                async def read_notebooks() -> dict[Path, Any]:
                    # Without the fork server, while the first kernel checks the inputs, this process reads and
                    # parameterizes the notebooks (not earlier: holding the GIL then slows the kernel's start-up
                    # handshake).
                    if server is not None:
                        return read_early
                    await booting[0]
                    return await asyncio.to_thread(read_all)

                prepared = asyncio.ensure_future(read_notebooks())

                waiting: list[tuple[Path, Any]] = []  # the notebooks not yet taken, longest first

                async def checked() -> tuple[str, dict[Path, Any]]:
                    printed = await checks or [""]
                    if check is not None:
                        progress(printed[0])
                    notebooks = await prepared
                    waiting.extend(longest_first(notebooks, timings))
                    return printed[0], notebooks

                gate = asyncio.ensure_future(checked())

                async def work(kernel: int) -> None:
                    # Parts of the grid first (they are build cells, not notebooks: they need not wait for the
                    # check, except in the kernel running it); then the notebooks, longest first, those that
                    # need the grid once it is complete, so that no kernel waits while another can work.
                    client = await warmed(kernel)
                    if kernel == 0:
                        await checks
                    try:
                        while grid is not None and await grid.compute_next(client):
                            pass
                    except Exception:
                        await checks  # bad input fails a part too: the check's line is the one to report
                        raise
                    await gate
                    while waiting:
                        needs = [grid is not None and uses_sweep(code_of(item[1])) for item in waiting]
                        index = next_notebook(needs, grid, kernel)
                        path, notebook = waiting.pop(index)
                        if needs[index]:
                            grid.claim(kernel)
                            await grid.ready(kernel, client)
                        started = time.perf_counter()
                        await _run_one(client, path, notebook)
                        timings[path.name] = round(time.perf_counter() - started, 3)
                        progress(path.name)

                try:
                    await all_or_none(*(work(kernel) for kernel in range(len(managers))))
                    printed, notebooks = gate.result()
                finally:
                    # On a failure or an interrupt: stop the boots and checks, let the importing thread finish.
                    for task in (*booting, checks, gate, prepared):
                        task.cancel()
                    await settle({*booting, checks, gate, prepared, meanwhile})
                return printed, list(notebooks.values())
        finally:
            # nbclient leaves a kernel manager it was given running: stop the kernels ourselves.
            await stop_kernels(managers)
            if server is not None:
                await asyncio.to_thread(server.close)


async def stop_kernels(managers: list[Any]) -> None:
    """Stop the kernels of `managers` (AsyncKernelManagers): their work is done or abandoned. Each running kernel is
    killed at once and waited for in steps of 5 ms, then shut down by jupyter_client, which finds it gone (left to
    itself, it would wait in steps of a tenth of a second). A kernel whose start was cut short (bad input, an
    interrupt) has its connection file, with the key that signs its messages, written already: it is removed here,
    not left to a destructor (the build ends without collecting what it froze, and without unloading its modules)."""
    running = [manager for manager in managers if manager.has_kernel]
    for manager in running:
        await manager.provisioner.kill()
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and any([await manager.is_alive() for manager in running]):
        await asyncio.sleep(0.005)
    await asyncio.gather(*(manager.shutdown_kernel(now=True) for manager in running))
    for manager in managers:
        if manager not in running:
            manager.cleanup_connection_file()


def import_client_side() -> None:
    """What this process needs to run notebooks in kernels: nbformat, papermill's parameterizer, nbclient."""
    import nbclient  # noqa: F401
    import nbformat  # noqa: F401
    import papermill.parameterize  # noqa: F401


def next_notebook(needs: list[bool], grid: GridShare | None, kernel: int) -> int:
    """Which of the waiting notebooks (longest first; `needs`: whether each needs the robustness grid) `kernel`
    takes: the first it can run now (needing no grid, or the grid complete) that needs no grid or needs it where it
    is gathered (GridShare.gathered_in); failing that, the first it can run now, so that no kernel waits while
    another can work; failing that, the first (it then waits for the grid)."""
    if grid is None:
        return 0
    runnable = [n for n, need in enumerate(needs) if not need or grid.complete()]
    preferred = [n for n in runnable if not needs[n] or grid.gathered_in(kernel)]
    return (preferred or runnable or [0])[0]


def code_of(notebook: Any) -> str:
    return "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "code")


# Relative cost of what a notebook does, from timing them: a chart (laid out and drawn at 200 dpi) against a
# table, and the robustness grid (the notebook gathers the grid's parts in its kernel and computes the report's
# findings besides): as much as a chart, so that in a clean build the short notebooks, not these, come last.
CHART_COST, TABLE_COST, GRID_COST = 4, 1, 4


def longest_first(notebooks: dict[Path, Any], timings: dict[str, float]) -> list[tuple[Path, Any]]:
    """The notebooks, longest first: by the seconds each took when last run if `timings` has them all (what a
    notebook costs depends on the parameters and the data, which a count of its calls cannot see), else by
    `estimated_cost`."""
    measured = all(path.name in timings for path in notebooks)
    return sorted(
        notebooks.items(),
        key=lambda item: -(timings[item[0].name] if measured else estimated_cost(item[1])),
    )


def estimated_cost(notebook: Any) -> int:
    """A notebook's expected running time, in units of a table: the kernels take the longest first, so that
    none is left running a long notebook alone at the end."""
    code = code_of(notebook)
    return (
        CHART_COST * code.count("show.figure(")
        + TABLE_COST * code.count("show.table(")
        + (GRID_COST if uses_sweep(code) else 0)
    )


def input_error_names() -> set[str]:
    """Names of the exceptions that mean bad input, as a kernel reports them."""
    found, pending = set(), [BuildInputError]
    while pending:
        error = pending.pop()
        found.add(error.__name__)
        pending.extend(error.__subclasses__())
    return found


async def _run_check(client: Any, code: str) -> str:
    """Run the input check in a fresh kernel and return what it printed; bad input raises BuildInputError
    with the kernel's message, which names the file, row or parameter. Then warm the remaining imports."""
    from nbclient.exceptions import CellExecutionError

    try:
        cell = await _run_alone(client, code)
    except CellExecutionError as error:
        if error.ename in input_error_names():
            raise BuildInputError(error.evalue) from None
        raise
    client.kc.execute(WARM_UP, silent=True, store_history=False)
    return "".join(output.get("text", "") for output in cell.outputs if output.output_type == "stream")


async def _run_alone(client: Any, code: str) -> Any:
    """Run `code` as a cell outside any report notebook and return the executed cell."""
    import nbformat
    from nbclient.exceptions import DeadKernelError

    # nbclient stores an executed cell back into client.nb at its index: give the cell its own notebook.
    cell = nbformat.v4.new_code_cell(code)
    client.nb = nbformat.v4.new_notebook(cells=[cell])
    try:
        await client.async_execute_cell(cell, 0, store_history=False)
    except DeadKernelError:
        raise NotebookError("a kernel stopped while the build was using it (killed, or out of memory)") from None
    return cell


async def _run_build_cell(client: Any, code: str) -> None:
    """A cell of the build's own (the robustness grid's parts) in a kernel; a failure stops the build."""
    from nbclient.exceptions import CellExecutionError

    try:
        await _run_alone(client, code)
    except CellExecutionError as error:
        raise _failure(Path("robustness grid"), error) from None


async def _run_one(client: Any, path: Path, notebook: Any) -> None:
    """One notebook in a kernel that may have run others: its namespace is reset first."""
    from nbclient.exceptions import CellExecutionError, DeadKernelError

    await _run_alone(client, RESET)
    client.nb = notebook
    try:
        for index, cell in enumerate(notebook.cells):
            if cell.cell_type == "code":
                await client.async_execute_cell(cell, index)
    except CellExecutionError as error:
        raise _failure(path, error) from None
    except DeadKernelError:
        raise NotebookError(f"{path.name}: its kernel stopped while running it (killed, or out of memory)") from None


def run_with_papermill(path: Path, values: dict[str, Any]) -> Any:
    """The reference: one papermill run, in its own kernel, for one notebook."""
    import papermill

    wanted = declared_values(path, values)
    try:
        return papermill.execute_notebook(str(path), None, parameters=wanted, kernel_name=KERNEL, progress_bar=False)
    except papermill.PapermillExecutionError as error:
        raise _failure(path, error) from None
