"""Kernels forked from one process that has already imported what the notebooks need.

Each kernel would otherwise import ipykernel, pandas, pandera and matplotlib itself, and load the reference
data: about two seconds of CPU each, side by side on a machine of two cores. The fork server (`python -m
medical_coding_salaries.build.forkserver`) does it once, while the build's own process imports its renderers on the
other core, then forks one child per kernel the build asks for; the child becomes an ordinary Jupyter kernel
(`IPKernelApp`, the kernel spec's own program) on the connection file that jupyter_client wrote, in the environment
jupyter_client would have started it with. The notebooks still run in Jupyter kernels, which hold the modules the
build's warm-up cell would have made them import; only the order of the imports differs.

The server reads one JSON request a line on stdin ({"argv": ..., "env": ..., "cwd": ...}) and answers with the
child's pid. It stops at the end of its input, so it ends with the build even after a SIGKILL, and a kernel
whose build has ended stops too (ipykernel's parent poller).
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

# Kernels are forked from the server where the system can fork; MEDICAL_CODING_SALARIES_FORK=0 starts each kernel as a
# program of its own instead (build.engine).
FORKING = hasattr(os, "fork") and os.environ.get("MEDICAL_CODING_SALARIES_FORK", "1") != "0"
# What a kernel imports first: ipykernel's application and shell, and the modules that check the inputs and
# compute the findings (the robustness grid's parts), none of which imports matplotlib. The first kernel is forked
# once these are imported: it checks the inputs while the server goes on.
PRELOADED = (
    "ipykernel.kernelapp",
    "ipykernel.ipkernel",
    "ipykernel.debugger",  # ipykernel imports it (and debugpy) as each kernel starts
    "IPython.core.debugger",
    "medical_coding_salaries.build.inputs",
    "medical_coding_salaries.clean.salaries",
    "pandera.backends.pandas.builtin_checks",  # what pandera imports as it first validates (the input check)
    "medical_coding_salaries.ingest.reference",
    "medical_coding_salaries.sections.summary",
    "medical_coding_salaries.present.show",
    "medical_coding_salaries.sections.appendix",
)
# What the notebooks' charts import, for the kernels forked after the first (which imports it as its first
# notebook needs it).
CHARTS = (
    "matplotlib.figure",
    "matplotlib.style",
    "medical_coding_salaries.present.charts.certification",
    "medical_coding_salaries.present.charts.city",
    "medical_coding_salaries.present.charts.consistency",
    "medical_coding_salaries.present.charts.distribution",
    "medical_coding_salaries.present.charts.experience",
    "medical_coding_salaries.present.charts.official",
    "medical_coding_salaries.present.charts.summary",
)
# Linux's prctl option: the signal a process receives when its parent ends.
PR_SET_PDEATHSIG = 1
# ipykernel sets this before matplotlib is imported in a kernel (IPKernelApp.init_gui_pylab); so must we.
INLINE_BACKEND = "module://matplotlib_inline.backend_inline"


def kernel_arguments(argv: list[str]) -> list[str]:
    """The arguments for IPKernelApp from a kernel spec's command: what follows `-m ipykernel_launcher`."""
    if "ipykernel_launcher" not in argv:
        raise ValueError(f"not an ipykernel command: {argv}")
    return argv[argv.index("ipykernel_launcher") + 1 :]


def serve(requests: Any = sys.stdin) -> None:
    """Import once, then fork a kernel for each request line; end with the input.

    matplotlib and the charts are imported, and the data loaded, after the first kernel is forked: that kernel
    runs the build's input check, which loads the same, on the other core meanwhile; the kernels forked after it
    find them imported and loaded."""
    import importlib

    # Python's recipe for a process that forks without exec (gc.freeze): no collection while importing, everything
    # made so far moved out of the collector's sight before each fork, collections back on in the child. The kernels
    # then never scan (nor copy, by touching them) the hundreds of thousands of objects they inherit: a tenth of a
    # second of collections per kernel and build.
    gc.disable()
    started_with = dict(os.environ)
    os.environ.setdefault("MPLBACKEND", INLINE_BACKEND)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the build's to handle, not this process's
    without_test_only_imports()
    for name in PRELOADED:
        importlib.import_module(name)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # the kernels are reaped as they end
    children = []
    for number, line in enumerate(requests):
        if number == 1:
            for name in CHARTS:
                importlib.import_module(name)
            warm_up()
        request = json.loads(line)
        gc.freeze()
        server = os.getpid()
        pid = os.fork()
        if pid == 0:
            gc.enable()
            # What the imports set (pandera sets PYARROW_IGNORE_TIMEZONE, say) a kernel has set too by then.
            added = {name: value for name, value in os.environ.items() if name not in started_with}
            become_kernel({**request, "env": {**request["env"], **added}, "server": server})
        children.append(pid)
        print(pid, flush=True)
    # The input ended without the build closing this server (it was killed, say): end its kernels too, whichever
    # process they would be handed to now (a container's init or a subreaper need not be process 1).
    for pid in children:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


def without_test_only_imports() -> None:
    """pandera imports Hypothesis with its checks, when it is installed, for its data-synthesis strategies. Here it
    is installed for the tests only; the notebooks never synthesize data. Marked absent, it is not imported (0.15 to
    0.3 s before the first kernel can start) and pandera takes its own path without it, as where it is not installed."""
    sys.modules.setdefault("hypothesis", None)  # type: ignore[arg-type]


def warm_up() -> None:
    """Load once what every kernel loads first: the CPI table, the reference files and the cleaned table at the
    defaults, each validated (its schema's backends loaded). Bad input is left for the build's check, which
    reports it; here it only means nothing is loaded ahead."""
    from medical_coding_salaries.clean.salaries import clean_salaries
    from medical_coding_salaries.ingest import reference
    from medical_coding_salaries.ingest.cpi import cpi_table

    for load in (cpi_table, reference.load_all, clean_salaries):
        # Any failure, bad input above all, is the check's to report, in its kernel: here it only means that
        # nothing is loaded ahead, never that a kernel is not started.
        with contextlib.suppress(Exception):
            load()


def connection_file(arguments: list[str]) -> str | None:
    """The connection file a kernel's arguments name (`-f FILE` or `--f=FILE`, as kernel specs write it)."""
    for index, argument in enumerate(arguments):
        if argument == "-f" and index + 1 < len(arguments):
            return arguments[index + 1]
        if argument.startswith(("--f=", "-f=")):
            return argument.split("=", 1)[1]
    return None


def end_with_parent(server: int) -> None:
    """Where the system allows (Linux's prctl), have this process killed when the server that forked it (process
    `server`) ends: the build ends the server last, so no kernel outlives it, even one forked as an interrupted
    build was stopping. A server already gone ends it now."""
    import ctypes

    prctl = getattr(ctypes.CDLL(None, use_errno=True), "prctl", None)
    if prctl is not None:
        prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != server:
        os._exit(0)


def become_kernel(request: dict[str, Any]) -> None:
    """In the forked child: a new session (as jupyter_client starts kernels), no stdin, stdout to stderr (stdout
    is the server's answers), the kernel's environment and folder, then the kernel until it shuts down. A kernel
    whose connection file is gone was given up by its build (stopped before the server could fork it): it ends at
    once, instead of writing a connection file of its own (ipykernel would, on TCP) and waiting for its parent."""
    end_with_parent(request["server"])
    given = kernel_arguments(request["argv"])
    file = connection_file(given)
    if file is not None and not os.path.exists(os.path.join(request["cwd"], file)):
        os._exit(0)
    os.setsid()
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.dup2(2, 1)
    for signum in (signal.SIGINT, signal.SIGCHLD):
        signal.signal(signum, signal.SIG_DFL if signum == signal.SIGCHLD else signal.default_int_handler)
    if os.environ.get("MEDICAL_CODING_SALARIES_FORK_DEBUG"):
        changed = sorted(set(os.environ.items()) ^ set(request["env"].items()))
        print(f"fork server: kernel environment differs in {changed}", file=sys.stderr, flush=True)
    os.environ.clear()
    os.environ.update(request["env"])
    os.chdir(request["cwd"])
    # IPKernelApp read JPY_PARENT_PID as the server imported it (unset then): hand it the build's, so that the
    # kernel watches its parent as a kernel started by jupyter_client does (and prints no console banner).
    arguments = [*given, f"--IPKernelApp.parent_handle={request['env']['JPY_PARENT_PID']}"]
    sys.argv = [str(Path(sys.modules["ipykernel"].__file__).parent.parent / "ipykernel_launcher.py"), *arguments]
    code = 0
    try:
        from ipykernel.kernelapp import IPKernelApp

        IPKernelApp.launch_instance(argv=arguments)
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else 1
    except BaseException:  # noqa: BLE001 - a kernel child must never return into the server's loop
        code = 1
    finally:
        sys.stdout.flush()
        os._exit(code)


class ForkServer:
    """The server process, started with the build's environment; `fork` asks it for one kernel."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            # As the kernel spec starts a kernel (ipykernel's default): without frozen modules, which debugpy,
            # imported above, would otherwise warn about.
            [sys.executable, "-Xfrozen_modules=off", "-m", "medical_coding_salaries.build.forkserver"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            # A session of its own: Ctrl-C in the terminal is the build's to handle (the server could not ignore it
            # before its first line runs); the build ends the server, and the server ends with its input.
            start_new_session=True,
        )
        self.lock = threading.Lock()  # one request and its answer at a time

    def fork(self, argv: list[str], env: dict[str, str], cwd: str) -> int:
        """Start a kernel (waits while the server is still importing); its pid."""
        with self.lock:
            assert self.process.stdin is not None and self.process.stdout is not None
            try:
                self.process.stdin.write(json.dumps({"argv": argv, "env": env, "cwd": cwd}) + "\n")
                self.process.stdin.flush()
            except BrokenPipeError:
                raise RuntimeError("the kernels' fork server has stopped") from None
            answer = self.process.stdout.readline()
        if not answer.strip().isdigit():
            raise RuntimeError("the kernels' fork server stopped before starting a kernel")
        return int(answer)

    def close(self) -> None:
        """End the server at once (it holds nothing to save; its kernels have been shut down): waiting for it to
        finish, it would tear down its imported modules, a few tenths of a second for nothing."""
        self.process.kill()
        self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                with contextlib.suppress(OSError):  # a request still buffered for a server already gone
                    stream.close()


if __name__ == "__main__":
    serve()
