"""The kernels' fork server (build.forkserver) and the build's command that starts it first (build.__main__): no
kernel outlives the server, a kernel its build gave up never starts, an early interrupt ends the server."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest

from medical_coding_salaries.build.forkserver import PR_SET_PDEATHSIG, ForkServer

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="kernels are forked only where the system can fork")

KERNEL_COMMAND = [sys.executable, "-Xfrozen_modules=off", "-m", "ipykernel_launcher", "-f"]


def alive(pid: int) -> bool:
    """Whether process `pid` runs (a zombie, ended but not yet reaped by its parent, does not)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] != "Z"
    except (OSError, IndexError):
        return False


def gone_within(pid: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while alive(pid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True


def kernel_environment() -> dict[str, str]:
    return {**os.environ, "JPY_PARENT_PID": str(os.getpid())}  # this process: alive all along


@pytest.fixture
def server():
    started = ForkServer()
    yield started
    started.close()


def test_a_kernel_whose_connection_file_is_gone_ends_at_once(server: ForkServer, tmp_path: Path) -> None:
    """The build removed the connection file (it was interrupted before the server could fork the kernel): the
    kernel ends instead of writing a TCP connection file of its own and waiting for its parent."""
    missing = tmp_path / "kernel-gone.json"
    pid = server.fork([*KERNEL_COMMAND, str(missing)], kernel_environment(), str(tmp_path))
    assert gone_within(pid, 5)
    assert list(tmp_path.iterdir()) == []


# Run in a process of its own that holds the orphans (PR_SET_CHILD_SUBREAPER), as a container's init or a desktop's
# session manager does: ipykernel's own watch (is my parent now process 1?) then never sees the server gone.
ORPHAN_KEEPER = """
import ctypes, os, sys, time
ctypes.CDLL(None).prctl(36, 1)  # PR_SET_CHILD_SUBREAPER
from jupyter_client.connect import write_connection_file
from medical_coding_salaries.build.forkserver import ForkServer
folder, command = sys.argv[1], sys.argv[2:]
connection, _ = write_connection_file(folder + "/kernel.json", transport="ipc", ip=folder + "/k")
server = ForkServer()
pid = server.fork([*command, connection], {**os.environ, "JPY_PARENT_PID": str(os.getpid())}, folder)
time.sleep(0.5)
server.close()
deadline = time.monotonic() + 3
while time.monotonic() < deadline:
    try:
        if os.waitpid(pid, os.WNOHANG)[0]:
            print("ended")
            break
    except ChildProcessError:  # not yet handed to this process
        pass
    time.sleep(0.01)
else:
    os.kill(pid, 9)
    print("still running")
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prctl(PR_SET_PDEATHSIG) is Linux's")
def test_no_kernel_outlives_the_server(tmp_path: Path) -> None:
    """A kernel forked as an interrupted build was stopping (its parent, the build, alive) ends with the server,
    which the build ends last, wherever its orphans would go."""
    import subprocess

    assert PR_SET_PDEATHSIG == 1
    result = subprocess.run(
        [sys.executable, "-c", ORPHAN_KEEPER, str(tmp_path), *KERNEL_COMMAND],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip() == "ended", result.stdout + result.stderr


def test_an_interrupt_before_the_build_takes_over_ends_the_server(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Ctrl-C or SIGTERM while the command imports build.cli: the server it started first is ended, one line."""
    from medical_coding_salaries.build import __main__ as command
    from medical_coding_salaries.build import cli, engine

    started: list[ForkServer] = []

    def server() -> ForkServer:
        started.append(ForkServer())
        return started[-1]

    def interrupted(argv: list[str]) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(command, "ForkServer", server)
    monkeypatch.setattr(cli, "main", interrupted)
    with pytest.raises(SystemExit) as stopped:
        command.main([])
    assert stopped.value.code == 130
    assert capsys.readouterr().err == "interrupted; the previous report is unchanged\n"
    assert len(started) == 1 and started[0].process.poll() is not None
    assert engine._PRESTARTED == []


def test_the_server_imports_what_kernels_need_without_the_test_only_hypothesis() -> None:
    """pandera imports Hypothesis with its checks when it is installed (here: for the tests). The server marks it
    absent before its imports, so no kernel pays for it, and pandera still validates the inputs without it."""
    import subprocess

    code = (
        "import io, sys; from medical_coding_salaries.build import forkserver; forkserver.serve(io.StringIO(''));"
        "from medical_coding_salaries.ingest import reference; reference.load_all();"
        "print(sys.modules['hypothesis'] is None, 'pandera.backends.pandas.builtin_checks' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.stdout.split() == ["True", "True"], result.stdout + result.stderr
