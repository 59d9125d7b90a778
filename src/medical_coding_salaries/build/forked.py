"""jupyter_client's side of the forked kernels (build.forkserver): a provisioner that asks the fork server for the
kernel instead of starting a program, and the part of Popen's interface its process needs.

Its own module, apart from the server's: the build starts the server before it imports jupyter_client.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
from pathlib import Path
from typing import Any

from jupyter_client.provisioning import LocalProvisioner

from medical_coding_salaries.build.forkserver import ForkServer


class ForkedKernel:
    """A kernel process that is not this process's child, with the part of Popen's interface that
    jupyter_client's LocalProvisioner uses."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int) -> None:
        self.pid = pid

    def poll(self) -> int | None:
        """None while the process exists (its server reaps it as it ends, so no zombie stays)."""
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return 0
        except PermissionError:
            return None
        return None

    def wait(self, timeout: float | None = None) -> int:
        return 0 if self.poll() is not None else -1

    def send_signal(self, signum: int) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signum)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)


class ForkedProvisioner(LocalProvisioner):
    """jupyter_client's local provisioner, except that the kernel comes from the fork server."""

    server: ForkServer | None = None

    async def launch_kernel(self, cmd: list[str], **kwargs: Any) -> Any:
        assert self.server is not None
        # As jupyter_client's launcher: the environment pre_launch prepared, and this process as the parent.
        env = {**(kwargs.get("env") or os.environ), "JPY_PARENT_PID": str(os.getpid())}
        cwd = str(kwargs.get("cwd") or Path.cwd())
        try:
            pid = await asyncio.to_thread(self.server.fork, cmd, env, cwd)
        except (OSError, RuntimeError):
            # The server is gone (killed, or it failed to import): the kernel starts as a program of its own.
            return await super().launch_kernel(cmd, **kwargs)
        self.process = ForkedKernel(pid)  # type: ignore[assignment]
        self.pid = self.pgid = pid  # the child started a session of its own
        self.cwd = cwd
        return self.connection_info


def forked_provisioner(manager: Any, server: ForkServer) -> ForkedProvisioner:
    """A provisioner for `manager` (an AsyncKernelManager, before start_kernel) drawing on `server`."""
    import uuid

    manager.kernel_id = manager.kernel_id or str(uuid.uuid4())
    provisioner = ForkedProvisioner(kernel_id=manager.kernel_id, kernel_spec=manager.kernel_spec, parent=manager)
    provisioner.server = server
    return provisioner
