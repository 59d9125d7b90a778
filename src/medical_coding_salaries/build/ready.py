"""A kernel client that is ready as soon as its kernel has answered.

jupyter_client's `wait_for_ready` ends by listening to IOPub until it has been silent for 0.2 s, on every kernel
start: both cores sit idle that long before the first cell of a build. This client instead waits for the kernel's
'idle' status in reply to its own request, the last message the kernel sends for it. Messages are matched to their
request by id (nbclient does so for every cell), so nothing left unread on IOPub can be taken for a cell's output.
"""

from __future__ import annotations

import math
import time
from queue import Empty
from typing import Any

import zmq
from jupyter_client.asynchronous import AsyncKernelClient

# How long an answered kernel may take to say 'idle' on IOPub before the request is sent again: IOPub may not be
# connected yet when the kernel answers the first request (then its messages are lost), as jupyter_client assumes.
IOPUB_WAIT = 0.2
# A client whose kernel was forked a moment ago may connect before the kernel has bound its sockets: ZeroMQ then
# tries again after its reconnect interval, 100 ms by default, which the kernels started during a build waited.
RECONNECT_MS = 5
# What a kernel (ipykernel 7, JEP 65) sends on IOPub as a client's subscription arrives: the request is then sent
# again at once, not after IOPUB_WAIT (it was, for every kernel but the first, with both cores idle meanwhile).
IOPUB_WELCOME = "iopub_welcome"


class ReadyClient(AsyncKernelClient):
    """AsyncKernelClient whose `wait_for_ready` returns when the kernel has answered on both channels."""

    def start_channels(self, *args: Any, **kwargs: Any) -> None:
        """Connect the channels, retrying every RECONNECT_MS where the kernel has not bound its sockets yet."""
        self.context.setsockopt(zmq.RECONNECT_IVL, RECONNECT_MS)  # the default for sockets made from now on
        super().start_channels(*args, **kwargs)

    async def wait_for_ready(self, timeout: float | None = None) -> None:
        """Ask for the kernel's info until the reply and the end of the request on IOPub have both arrived;
        RuntimeError if the kernel dies or `timeout` seconds pass first."""
        deadline = time.monotonic() + (math.inf if timeout is None else timeout)
        while True:
            request = self.kernel_info()
            try:
                reply = await self.shell_channel.get_msg(timeout=1)
            except Empty:
                reply = None
            if reply is not None and reply["msg_type"] == "kernel_info_reply" and await self._ended(request):
                self._handle_kernel_info_reply(reply)
                return
            if not await self._async_is_alive():
                raise RuntimeError("Kernel died before replying to kernel_info")
            if time.monotonic() > deadline:
                raise RuntimeError(f"Kernel didn't respond in {timeout} seconds")

    async def _ended(self, request: str) -> bool:
        """Whether the kernel's 'idle' status for `request` arrives on IOPub within IOPUB_WAIT seconds."""
        deadline = time.monotonic() + IOPUB_WAIT
        while (left := deadline - time.monotonic()) > 0:
            try:
                message: dict[str, Any] = await self.iopub_channel.get_msg(timeout=left)
            except Empty:
                return False
            if message["msg_type"] == IOPUB_WELCOME:
                return False  # IOPub has only now connected: what the kernel sent for the request may be lost
            if (
                message["msg_type"] == "status"
                and message["content"].get("execution_state") == "idle"
                and message["parent_header"].get("msg_id") == request
            ):
                return True
        return False
