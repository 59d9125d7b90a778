"""The kernel client that is ready when its kernel has answered: no fixed wait, a lost IOPub message retried."""

from __future__ import annotations

import asyncio
from queue import Empty

import pytest

from medical_coding_salaries.build.ready import ReadyClient


class Channel:
    """A channel whose messages are queued by the fake kernel; Empty once none is left."""

    def __init__(self) -> None:
        self.messages: list[dict] = []
        self.waited: list[float] = []

    async def get_msg(self, timeout: float | None = None) -> dict:
        if not self.messages:
            self.waited.append(timeout or 0.0)
            raise Empty
        return self.messages.pop(0)


class FakeKernelClient(ReadyClient):
    """A ReadyClient talking to a fake kernel that answers each kernel_info request; its IOPub messages for the
    first `lost` requests never arrive (IOPub not connected yet)."""

    shell_channel = property(lambda self: self.shell)
    iopub_channel = property(lambda self: self.iopub)

    def __init__(self, lost: int = 0, alive: bool = True) -> None:
        super().__init__()
        self.shell, self.iopub, self.lost, self.alive, self.requests = Channel(), Channel(), lost, alive, []

    def kernel_info(self) -> str:
        request = f"request-{len(self.requests)}"
        self.requests.append(request)
        if not self.alive:
            return request
        self.shell.messages.append({"msg_type": "kernel_info_reply", "content": {"protocol_version": "5.3"}})
        if len(self.requests) > self.lost:
            for state in ("busy", "idle"):
                self.iopub.messages.append(
                    {"msg_type": "status", "content": {"execution_state": state}, "parent_header": {"msg_id": request}}
                )
        return request

    async def _async_is_alive(self) -> bool:
        return self.alive


def test_ready_as_soon_as_the_kernel_says_idle_for_the_request():
    client = FakeKernelClient()
    asyncio.run(client.wait_for_ready(timeout=5))
    assert client.requests == ["request-0"]
    assert client.iopub.waited == []  # never waited for silence


def test_a_request_whose_iopub_messages_were_lost_is_sent_again():
    client = FakeKernelClient(lost=2)
    asyncio.run(client.wait_for_ready(timeout=5))
    assert client.requests == ["request-0", "request-1", "request-2"]


def test_a_dead_kernel_is_reported():
    with pytest.raises(RuntimeError, match="died"):
        asyncio.run(FakeKernelClient(alive=False).wait_for_ready(timeout=5))


def test_the_fork_server_passes_a_kernel_its_own_arguments():
    from medical_coding_salaries.build.forkserver import kernel_arguments

    argv = ["/venv/bin/python", "-Xfrozen_modules=off", "-m", "ipykernel_launcher", "-f", "/tmp/kernel-1.json"]
    assert kernel_arguments(argv) == ["-f", "/tmp/kernel-1.json"]
    with pytest.raises(ValueError, match="not an ipykernel command"):
        kernel_arguments(["/usr/bin/R", "--slave", "-f", "/tmp/kernel-1.json"])
