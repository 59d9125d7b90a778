"""What the appendix records so a reader can check a report: inputs' hashes, parameters, package versions."""

from __future__ import annotations

import hashlib
import re
from importlib import metadata
from pathlib import Path

import pandas as pd

from medical_coding_salaries.packages import KEY_PACKAGES
from medical_coding_salaries.parameters import LAYOUT_ONLY, Parameters, load
from medical_coding_salaries.paths import DATA, DEFAULT_PARAMETERS, input_files


def sha256(path: Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def file_hashes(data: Path = DATA) -> pd.DataFrame:
    """One row per input file: its path under data/, size and SHA-256."""
    rows = [(path.relative_to(data).as_posix(), path.stat().st_size, sha256(path)) for path in input_files(data)]
    return pd.DataFrame(rows, columns=["file", "bytes", "sha256"])


def parameter_meanings(path: Path = DEFAULT_PARAMETERS) -> dict[str, str]:
    """Each parameter's meaning: the comment line above it in params.yaml."""
    meanings, comment = {}, ""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            comment = line[2:].strip()
        elif match := re.match(r"^(\w+):", line):
            meanings[match.group(1)] = comment
            comment = ""
    return meanings


def parameter_table(parameters: Parameters) -> pd.DataFrame:
    """Every parameter that shapes the content (not the layout-only ones, such as the paper size, which the
    notebooks never receive: the title page lists them when they differ from their defaults) with the value
    used, its default and what it means."""
    defaults, meanings = load().as_dict(), parameter_meanings()
    rows = [
        (name, str(value), str(defaults[name]), meanings.get(name, ""))
        for name, value in parameters.as_dict().items()
        if name not in LAYOUT_ONLY
    ]
    return pd.DataFrame(rows, columns=["parameter", "value", "default", "meaning"])


def package_versions(names: tuple[str, ...] = KEY_PACKAGES) -> pd.DataFrame:
    """Installed versions of the packages that shape the numbers and the document."""
    return pd.DataFrame([(name, metadata.version(name)) for name in names], columns=["package", "version"])


def reference_sources(data: Path = DATA) -> pd.DataFrame:
    """One row per reference file: publisher, dataset, series, reference periods, release and where published."""
    rows = []
    for path in sorted((data / "reference").glob("*.csv")):
        frame = pd.read_csv(path, dtype=str)
        periods = frame["reference_period"].tolist()
        rows.append(
            {
                "file": f"reference/{path.name}",
                "publisher": frame["publisher"].iloc[0],
                "dataset": frame["dataset"].iloc[0],
                "series or code": ", ".join(dict.fromkeys(frame["series_or_code"])),
                "reference periods": periods[0] if len(set(periods)) == 1 else f"{periods[0]} to {periods[-1]}",
                "release": ", ".join(dict.fromkeys(frame["release"])),
            }
        )
    return pd.DataFrame(rows)


def reference_periods(data: Path = DATA) -> str:
    """The official data's reference periods in one line, for the title page."""
    sources = reference_sources(data).drop_duplicates("dataset")
    return "; ".join(f"{row['dataset'].split(',')[0]}: {row['reference periods']}" for _, row in sources.iterrows())
