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

    def __init__(self, lost: int = 0, alive: bool = True, welcome: bool = False) -> None:
        super().__init__()
        self.shell, self.iopub, self.lost, self.alive, self.requests = Channel(), Channel(), lost, alive, []
        self.welcome = welcome  # IOPub connects, with ipykernel's welcome, just after the first request's messages

    def kernel_info(self) -> str:
        request = f"request-{len(self.requests)}"
        self.requests.append(request)
        if not self.alive:
            return request
        self.shell.messages.append({"msg_type": "kernel_info_reply", "content": {"protocol_version": "5.3"}})
        if self.welcome and len(self.requests) == 1:
            self.iopub.messages.append({"msg_type": "iopub_welcome", "content": {}, "parent_header": {}})
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


def test_iopub_connecting_after_the_request_sends_it_again_without_waiting():
    """ipykernel's welcome on IOPub says that the subscription has only now arrived: the request's own messages went
    before it, lost; it is sent again at once rather than after IOPUB_WAIT seconds of silence."""
    client = FakeKernelClient(lost=1, welcome=True)
    asyncio.run(client.wait_for_ready(timeout=5))
    assert client.requests == ["request-0", "request-1"]
    assert client.iopub.waited == []


def test_the_channels_retry_a_kernel_not_listening_yet_within_milliseconds(tmp_path):
    """A kernel forked a moment ago may not have bound its sockets when the client connects: ZeroMQ's reconnect
    interval (100 ms by default) is how long the build would wait."""
    import zmq
    import zmq.asyncio

    from medical_coding_salaries.build.ready import RECONNECT_MS

    client = ReadyClient(context=zmq.asyncio.Context(), transport="ipc", ip=str(tmp_path / "kernel"))
    client.start_channels(hb=False)  # the heartbeat's thread would only find the context ended
    try:
        for channel in (client.shell_channel, client.iopub_channel, client.control_channel):
            assert channel.socket.getsockopt(zmq.RECONNECT_IVL) == RECONNECT_MS
    finally:
        client.stop_channels()
        client.context.term()


def test_a_dead_kernel_is_reported():
    with pytest.raises(RuntimeError, match="died"):
        asyncio.run(FakeKernelClient(alive=False).wait_for_ready(timeout=5))


def test_the_fork_server_passes_a_kernel_its_own_arguments():
    from medical_coding_salaries.build.forkserver import kernel_arguments

    argv = ["/venv/bin/python", "-Xfrozen_modules=off", "-m", "ipykernel_launcher", "-f", "/tmp/kernel-1.json"]
    assert kernel_arguments(argv) == ["-f", "/tmp/kernel-1.json"]
    with pytest.raises(ValueError, match="not an ipykernel command"):
        kernel_arguments(["/usr/bin/R", "--slave", "-f", "/tmp/kernel-1.json"])


def test_the_fork_server_reads_the_connection_file_from_a_kernels_arguments():
    from medical_coding_salaries.build.forkserver import connection_file

    assert connection_file(["-f", "/run/kernel-1.json"]) == "/run/kernel-1.json"
    assert connection_file(["--f=/run/kernel-2.json", "--HistoryManager.enabled=False"]) == "/run/kernel-2.json"
    assert connection_file(["--HistoryManager.enabled=False"]) is None
