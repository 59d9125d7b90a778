"""asyncio for the build: the notebooks' event loop in a worker thread that Ctrl-C can stop, and waiting on tasks
so that none is left to fail against a kernel being shut down."""

from __future__ import annotations

import asyncio
import concurrent.futures
import threading
from collections.abc import Callable
from typing import Any


def run_interruptibly(make_work: Callable[[], Any]) -> Any:
    """Run the coroutine `make_work()` on an event loop in a worker thread while this (main) thread waits.

    Ctrl-C or SIGTERM (which the build turns into KeyboardInterrupt) reaches the main thread alone: it cancels
    the work, whose `finally` blocks shut the kernels down, waits for that, and raises KeyboardInterrupt. The
    loop never handles a signal itself: nbclient reports a cancelled cell as a dead kernel and its polling
    tasks fail as clients close, which after an interrupt are expected, so the loop is told to stay quiet."""
    loop = asyncio.new_event_loop()
    task: asyncio.Future[Any] = loop.create_task(make_work())
    outcome: concurrent.futures.Future[Any] = concurrent.futures.Future()

    def drive() -> None:
        try:
            outcome.set_result(loop.run_until_complete(task))
        except BaseException as error:  # noqa: BLE001 - handed to the main thread as it is
            outcome.set_exception(error)
        finally:
            # nbclient leaves polling tasks behind when a cell fails: end them here, quietly, rather than let
            # asyncio report them as destroyed while pending once the loop is closed.
            leftover = asyncio.all_tasks(loop)
            for pending in leftover:
                pending.cancel()
            loop.set_exception_handler(lambda _loop, _context: None)
            loop.run_until_complete(settle(leftover))
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()

    worker = threading.Thread(target=drive, name="notebooks", daemon=True)
    worker.start()
    try:
        return outcome.result()
    except KeyboardInterrupt:
        loop.call_soon_threadsafe(loop.set_exception_handler, lambda _loop, _context: None)
        loop.call_soon_threadsafe(task.cancel)
        worker.join()
        raise


async def settle(tasks: set[asyncio.Future[Any]]) -> None:
    """Wait for `tasks` to finish, whatever they end with."""
    await asyncio.gather(*tasks, return_exceptions=True)


async def all_or_none(*work: Any) -> list[Any]:
    """Run `work` side by side and return the results in order; on the first failure (or a cancellation),
    cancel the rest and wait for them before raising it, so no task is left to fail against a kernel that
    is being shut down (which asyncio reports as an 'unhandled exception during shutdown')."""
    tasks = [asyncio.ensure_future(item) for item in work]
    try:
        return list(await asyncio.gather(*tasks))
    except BaseException:
        for task in tasks:
            task.cancel()
        await settle(set(tasks))
        raise
