"""`python -m medical_coding_salaries.build.lock LOCKFILE COMMAND ...`: run COMMAND while holding LOCKFILE.

One build at a time per folder: `make report` runs its inner make through this, so a second build waits for
the first (saying so) and then decides, from the first one's published outputs, what is left to do. The lock
is an flock on an open file handed to COMMAND by exec, so it is held by COMMAND and whatever it starts, and
the kernel releases it when the last of them exits, even after SIGKILL.
"""

from __future__ import annotations

import fcntl
import os
import sys

WAITING = "another build is running in this folder; waiting for it to finish (Ctrl-C to give up)"


def hold_and_exec(lock_file: str, command: list[str]) -> int:
    """Take the lock (waiting if it is held), then become `command`; returns only on an interrupt."""
    handle = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        print(WAITING, file=sys.stderr, flush=True)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX)
        except KeyboardInterrupt:
            print("interrupted while waiting; nothing was built", file=sys.stderr)
            return 130
    os.set_inheritable(handle, True)
    os.execvp(command[0], command)
    return 127  # not reached: exec replaces this process


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    if len(arguments) < 2:
        print("usage: python -m medical_coding_salaries.build.lock LOCKFILE COMMAND [ARGUMENT ...]", file=sys.stderr)
        return 2
    return hold_and_exec(arguments[0], arguments[1:])


if __name__ == "__main__":
    sys.exit(main())
