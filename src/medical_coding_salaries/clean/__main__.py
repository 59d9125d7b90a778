"""`python -m medical_coding_salaries.clean` (what `make data` runs): clean.salaries' command, with an interrupt
answered in one line at any moment, while pandas is still being imported too."""

from __future__ import annotations

import signal
import sys

MESSAGE = "interrupted: data/processed/salaries.csv is whole (the previous table, or the new one if it was written)"
# Set by Ctrl-C: an interrupt during a C extension's import can surface as an ImportError, or be swallowed by
# importlib ("Exception ignored"); either way the command still ends as interrupted.
INTERRUPTED: list[int] = []


def note_then_interrupt(signum: int, frame: object) -> None:
    INTERRUPTED.append(signum)
    raise KeyboardInterrupt


def main(argv: list[str]) -> int:
    signal.signal(signal.SIGINT, note_then_interrupt)
    try:
        from medical_coding_salaries.clean.salaries import main as clean_main

        status = clean_main(argv)
    except KeyboardInterrupt:
        status = 130
    except Exception:
        if not INTERRUPTED:
            raise
        status = 130
    if INTERRUPTED:
        print(MESSAGE, file=sys.stderr)
        return 130
    return status


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
