"""`python -m medical_coding_salaries.clean` (what `make data` runs): clean.salaries' command, with an interrupt
answered in one line at any moment, while pandas is still being imported too."""

from __future__ import annotations

import sys

MESSAGE = "interrupted: data/processed/salaries.csv is whole (the previous table, or the new one if it was written)"


def main(argv: list[str]) -> int:
    try:
        from medical_coding_salaries.clean.salaries import main as clean_main

        return clean_main(argv)
    except KeyboardInterrupt:
        print(MESSAGE, file=sys.stderr)
        return 130


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
