"""Where the article contradicts itself or sets unlike things side by side, one row per place.

Differences are always record_b minus record_a, in dollars and as a percentage of record_a.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd

from medical_coding_salaries.clean.labels import EXPERIENCE_ORDER
from medical_coding_salaries.ingest.raw import read_manifest
from medical_coding_salaries.paths import MANIFEST
from medical_coding_salaries.present.numbers import usd

DIFFERENT = "same quantity, different numbers"


AGREE = "same quantity, numbers agree"


SUMMARY = "summary range against detailed figures"


AVERAGE_VS_MEDIAN = "average set beside a median"


MISLABELLED = "percentiles headed as averages"


UNDATED = "no reference period"


IMPLIED = "reference period only implied"


PAIRED_KINDS = (DIFFERENT, AGREE)


COLUMNS = [
    "kind",
    "quantity",
    "record_a",
    "label_a",
    "record_b",
    "label_b",
    "value_a",
    "value_b",
    "difference_usd",
    "difference_pct",
    "note",
]


@dataclass(frozen=True)
class Issue:
    """One place where two figures (or a figure and a missing fact) do not fit together."""

    kind: str
    quantity: str
    record_a: str
    label_a: str
    record_b: str = ""
    label_b: str = ""
    value_a: float | None = None
    value_b: float | None = None
    note: str = ""


def _row(salaries: pd.DataFrame, table_id: str, category: str) -> pd.Series:
    """The first row of `table_id` for `category` (IndexError if there is none). Compared as arrays, not as pandas
    masks: the robustness grid asks for a hundred rows a combination, and a filtered frame costs ten times more."""
    tables, categories = salaries["table_id"].to_numpy(), salaries["category"].to_numpy()
    found = np.flatnonzero((tables == table_id) & (categories == category))
    return salaries.iloc[found[0]]


def _paired(a: pd.Series, b: pd.Series, quantity: str, value_a: float, value_b: float, note: str) -> Issue:
    kind = AGREE if value_a == value_b else DIFFERENT
    return Issue(kind, quantity, a["record_id"], a["raw_label"], b["record_id"], b["raw_label"], value_a, value_b, note)


def experience_tables(salaries: pd.DataFrame, first: str = "T1", second: str = "T2") -> list[Issue]:
    """Both experience tables, level by level and bound by bound, where both give the level."""
    issues = []
    shared = [
        level
        for level in EXPERIENCE_ORDER
        if {first, second} <= set(salaries.loc[salaries["category"] == level, "table_id"])
    ]
    for level in shared:
        a, b = _row(salaries, first, level), _row(salaries, second, level)
        for bound, column in (("low end", "low"), ("high end", "high")):
            note = (
                f"{first} prints '{a['raw_amount']}', {second} '{b['raw_amount']}', "
                f"both as the average salary for the {a['label'].lower()} band."
            )
            issues.append(_paired(a, b, f"{a['label']}: {bound}", a[column], b[column], note))
    return issues


def credential_tables(salaries: pd.DataFrame, first: str = "T4", second: str = "T6") -> list[Issue]:
    """Both median tables, credential by credential, where both give the credential."""
    credentials = salaries[salaries["dimension"] == "credential"]
    tables_of = credentials.groupby("category", sort=False)["table_id"].agg(set)
    shared = [code for code, tables in tables_of.items() if {first, second} <= tables]
    issues = []
    for code in shared:
        a, b = _row(salaries, first, code), _row(salaries, second, code)
        note = f"Both tables call the figure a median salary of {code} holders, with no date or source."
        issues.append(_paired(a, b, f"{code}: median salary", a["point"], b["point"], note))
    return issues


def national_median(salaries: pd.DataFrame) -> list[Issue]:
    """The BLS median quoted in the prose against the percentile table's 50th percentile."""
    a, b = _row(salaries, "P1", "bls_median"), _row(salaries, "T5", "p50")
    verdict = "are the same figure" if a["point"] == b["point"] else "should be one figure but differ"
    note = f"The prose median and the table's 50th percentile {verdict}."
    return [_paired(a, b, "National median", a["point"], b["point"], note)]


def summary_range(salaries: pd.DataFrame) -> list[Issue]:
    """The prose's national 'average salary range' against the percentile table and each experience table's span."""
    summary = _row(salaries, "P2", "summary_range")
    issues = []
    for bound, column, category in (("low end", "low", "p25"), ("high end", "high", "p75")):
        quartile = _row(salaries, "T5", category)
        note = (
            "A range called an average, read against the middle half of the percentile table "
            f"({quartile['raw_label']})."
        )
        issues.append(
            Issue(
                SUMMARY,
                f"National range {bound} vs {quartile['label']}",
                quartile["record_id"],
                quartile["raw_label"],
                summary["record_id"],
                summary["raw_label"],
                quartile["point"],
                summary[column],
                note,
            )
        )
    for table_id in ("T1", "T2"):
        levels = salaries[(salaries["table_id"] == table_id) & (salaries["dimension"] == "experience")]
        bottom, top = levels.loc[levels["low"].idxmin()], levels.loc[levels["high"].idxmax()]
        span = f"{table_id} runs from {usd(bottom['low'])} to {usd(top['high'])}{'+' if top['open_top'] else ''}"
        inside = bottom["low"] <= summary["low"] and summary["high"] <= top["high"]
        for bound, column, row in (("low end", "low", bottom), ("high end", "high", top)):
            note = f"The national range {'sits inside' if inside else 'reaches outside'} the experience bands: {span}."
            issues.append(
                Issue(
                    SUMMARY,
                    f"National range {bound} vs {table_id} {bound}",
                    row["record_id"],
                    row["raw_label"],
                    summary["record_id"],
                    summary["raw_label"],
                    row[column],
                    summary[column],
                    note,
                )
            )
    return issues


def averages_beside_medians(salaries: pd.DataFrame) -> list[Issue]:
    """City averages and the 'average' national range (record_b) set against the BLS median (record_a)."""
    median = _row(salaries, "P1", "bls_median")
    averages = salaries[(salaries["statistic"] == "mean") & salaries["dimension"].isin(["city", "national"])]
    note = (
        "An average beside a median: pay is skewed to the right, so an average tops the median even for the same "
        "workers."
    )
    return [
        Issue(
            AVERAGE_VS_MEDIAN,
            f"{row['label']} ({row['statistic']}) vs national median",
            median["record_id"],
            median["raw_label"],
            row["record_id"],
            row["raw_label"],
            median["point"],
            row["point"],
            note,
        )
        for _, row in averages.iterrows()
    ]


def period_gaps(salaries: pd.DataFrame, manifest: list[dict[str, str]]) -> list[Issue]:
    """Tables with no reference period, tables dated only by implication, and percentiles headed as averages."""
    issues = []
    for entry in manifest:
        rows = salaries[salaries["table_id"] == entry["table_id"]]
        records, printed = ", ".join(rows["record_id"]), entry["caption"] or entry["statistic_wording"]
        if not entry["reference_period"]:
            count = f"{len(rows)} undated {'figure' if len(rows) == 1 else 'figures'}"
            issues.append(
                Issue(
                    UNDATED,
                    f"{entry['table_id']}: {entry['statistic_wording']}",
                    records,
                    printed,
                    note=f"{count}, printed beside figures dated {dated_periods(salaries)}.",
                )
            )
        elif entry["period_basis"].startswith("implied"):
            issues.append(
                Issue(
                    IMPLIED,
                    f"{entry['table_id']}: {entry['statistic_wording']}",
                    records,
                    printed,
                    note=f"{entry['reference_period']}, {entry['period_basis']}.",
                )
            )
        if (rows["statistic"] == "percentile").all() and "average" in entry["section_heading"].lower():
            issues.append(
                Issue(
                    MISLABELLED,
                    f"{entry['table_id']}: percentiles",
                    records,
                    entry["section_heading"],
                    note="Percentiles of the wage distribution printed under a heading about averages; the 50th is a "
                    "median.",
                )
            )
    return issues


def dated_periods(salaries: pd.DataFrame) -> str:
    """The reference periods the article does give, e.g. 'May 2020'."""
    return ", ".join(sorted(salaries["reference_period"].dropna().unique())) or "nothing"


def contradictions(salaries: pd.DataFrame, manifest: list[dict[str, str]] | None = None) -> pd.DataFrame:
    """Every inconsistency, with difference (b minus a) in dollars and as % of a where both values exist."""
    manifest = read_manifest(MANIFEST) if manifest is None else manifest
    issues = [
        *experience_tables(salaries),
        *credential_tables(salaries),
        *national_median(salaries),
        *summary_range(salaries),
        *averages_beside_medians(salaries),
        *period_gaps(salaries, manifest),
    ]
    frame = pd.DataFrame([asdict(issue) for issue in issues])
    frame[["value_a", "value_b"]] = frame[["value_a", "value_b"]].astype(float)
    frame["difference_usd"] = frame["value_b"] - frame["value_a"]
    frame["difference_pct"] = frame["difference_usd"] / frame["value_a"] * 100
    return frame[COLUMNS]


def of_kind(table: pd.DataFrame, *kinds: str) -> pd.DataFrame:
    """The rows of the given kinds."""
    return table[table["kind"].isin(kinds)]


def paired(table: pd.DataFrame) -> pd.DataFrame:
    """Rows that compare one quantity the article states twice."""
    return of_kind(table, *PAIRED_KINDS)
