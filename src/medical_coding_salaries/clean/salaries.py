"""Raw tables in, one validated table of salaries out, every row linked to its raw table and row."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from medical_coding_salaries.clean.amounts import parse_amount, point_value
from medical_coding_salaries.clean.labels import PARSERS
from medical_coding_salaries.clean.schema import COLUMNS, validate_salaries
from medical_coding_salaries.errors import InputParseError, RawDataError
from medical_coding_salaries.ingest.raw import check_raw_folder, read_manifest, read_table
from medical_coding_salaries.paths import PROCESSED_SALARIES, RAW, write_atomically

STATISTIC_OF = {"average": "mean", "median": "median", "percentile": "percentile", "unstated": "unstated"}


def parse_rows(raw_dir: Path = RAW) -> pd.DataFrame:
    """Every raw row parsed into numbers and categories (before points and schema); all problems at once."""
    check_raw_folder(raw_dir)
    records, problems = [], []
    for entry in read_manifest(raw_dir / "manifest.csv"):
        _, rows = read_table(entry, raw_dir)
        for raw in rows:
            where = f"{raw.file}, row {raw.row}"
            # Amount and label are parsed apart, so that a row wrong in both says so in one build.
            try:
                amount = parse_amount(raw.amount)
            except InputParseError as error:
                amount = None
                problems.append(f"{where}: {error}")
            try:
                label = PARSERS[entry["dimension"]](raw.label)
            except InputParseError as error:
                label = None
                problems.append(f"{where}: {error}")
            if amount is None or label is None:
                continue
            records.append(
                {
                    "record_id": f"{raw.table_id}.{raw.row}",
                    "table_id": raw.table_id,
                    "source_file": raw.file,
                    "source_row": raw.row,
                    "raw_label": raw.label,
                    "raw_amount": raw.amount,
                    "dimension": label.dimension,
                    "category": label.category,
                    "label": label.label,
                    "years_min": label.years_min,
                    "years_max": label.years_max,
                    "state": label.state,
                    "credential": label.credential,
                    "percentile": label.percentile,
                    "statistic": STATISTIC_OF[entry["statistic_stated"]],
                    "reference_period": entry["reference_period"] or None,
                    "low": amount.low,
                    "high": amount.high,
                    "open_top": amount.open_top,
                    "is_range": amount.is_range,
                }
            )
    if problems:  # one line for one problem (the usual case), else one line each
        listed = f" {problems[0]}" if len(problems) == 1 else "".join(f"\n  {problem}" for problem in problems)
        raise RawDataError(f"raw data cannot be cleaned:{listed}")
    return pd.DataFrame.from_records(records)


# Cleaned tables by (rule, factor, folder, files' modification times): every section asks for the same one.
_CLEANED: dict[tuple, pd.DataFrame] = {}


def clean_salaries(range_point: str = "midpoint", open_top_factor: float = 1.0, raw_dir: Path = RAW) -> pd.DataFrame:
    """The cleaned, validated salary table; `point` is each row's one number by the given rule."""
    stamps = tuple((path.name, path.stat().st_mtime_ns) for path in sorted(raw_dir.glob("*")))
    key = (range_point, open_top_factor, raw_dir, stamps)
    if key not in _CLEANED:
        _CLEANED[key] = _clean(range_point, open_top_factor, raw_dir)
    return _CLEANED[key].copy()


def _clean(range_point: str, open_top_factor: float, raw_dir: Path) -> pd.DataFrame:
    frame = parse_rows(raw_dir)
    frame["point"] = [
        point_value(low, high, open_top, range_point, open_top_factor)
        for low, high, open_top in zip(frame["low"], frame["high"], frame["open_top"], strict=True)
    ]
    frame["percentile"] = frame["percentile"].astype("Int64")
    for column in ("years_min", "years_max"):
        frame[column] = frame[column].astype(float)
    for column in ("state", "credential", "reference_period"):
        frame[column] = frame[column].astype(object)
    return validate_salaries(frame[COLUMNS])


def processed_csv(frame: pd.DataFrame) -> bytes:
    """The cleaned table as CSV bytes: LF line ends and a fixed float format, so equal data give equal bytes."""
    return frame.to_csv(index=False, lineterminator="\n", float_format="%.2f").encode("utf-8")


def write_processed(frame: pd.DataFrame, path: Path = PROCESSED_SALARIES) -> Path:
    """Write the cleaned table to data/processed/, atomically (`make data`; `make report` publishes it with the
    report). No notebook calls this: running a notebook writes nothing into data/."""
    write_atomically(path, processed_csv(frame))
    return path


def main(argv: list[str] | None = None) -> int:
    """`python -m medical_coding_salaries.clean.salaries [--params FILE] [--data DIR]`:
    write DIR/processed/salaries.csv."""
    import argparse
    import sys

    from medical_coding_salaries.errors import BuildInputError
    from medical_coding_salaries.parameters import load

    parser = argparse.ArgumentParser(prog="python -m medical_coding_salaries.clean.salaries", description=main.__doc__)
    parser.add_argument(
        "--params", type=Path, default=None, help="YAML file of parameters (range_point, open_top_factor)"
    )
    parser.add_argument(
        "--data", type=Path, default=PROCESSED_SALARIES.parents[1], help="folder holding raw/ and processed/"
    )
    parser.add_argument(
        "--invalidates",
        type=Path,
        action="append",
        default=[],
        help="a file that vouches for the table now in place, removed before it is rewritten (make: the report's "
        "record, build/params.used, so that the next `make report` builds again)",
    )
    arguments = parser.parse_args(argv)
    try:
        chosen = load(arguments.params)
        frame = clean_salaries(chosen.range_point, chosen.open_top_factor, raw_dir=arguments.data / "raw")
        for record in arguments.invalidates:
            record.unlink(missing_ok=True)
        path = write_processed(frame, arguments.data / "processed" / PROCESSED_SALARIES.name)
    except BuildInputError as error:
        print(f"error: {error}\nThe previous processed table was left unchanged.", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"error: {error.filename}: cannot write there ({error.strerror})", file=sys.stderr)
        return 2
    print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
