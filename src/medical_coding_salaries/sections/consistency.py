"""The consistency section: its findings and its table of the inconsistencies consistency_checks finds."""

from __future__ import annotations

import pandas as pd

from medical_coding_salaries.findings import Finding, share_pct, table_of
from medical_coding_salaries.parameters import Parameters
from medical_coding_salaries.present.numbers import difference_words, money, pct, percent, signed_money, usd
from medical_coding_salaries.sections.consistency_checks import DIFFERENT, contradictions, dated_periods, paired

# The report section whose findings these are.
SECTION = "consistency"


def _unique(records: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(records))


def _largest_disagreement(differing: pd.DataFrame, measure: str) -> Finding:
    """The quantity whose two figures differ most, in dollars (`measure` "usd") or in per cent ("pct"); quantities
    tied at the largest gap (at the precision shown) are all named."""
    gaps = differing[f"difference_{measure}"].abs()
    unit = "usd" if measure == "usd" else "percent"
    shown = usd if measure == "usd" else pct
    largest = float(gaps.max())
    tied = differing[gaps.map(shown) == shown(largest)]
    words = "dollars" if measure == "usd" else "per cent"

    def pair(row: pd.Series) -> str:
        return (
            f"{row['quantity']}: {usd(row['value_a'])} ({row['record_a']}) against {usd(row['value_b'])} "
            f"({row['record_b']})"
        )

    described = "; ".join(pair(row) for _, row in tied.iterrows())
    sentence = f"The largest disagreement in {words} is {shown(largest)}, " + (
        f"for {described}." if len(tied) == 1 else f"a tie between {len(tied)} quantities: {described}."
    )
    return Finding(
        f"consistency.largest_disagreement.{measure}",
        largest,
        unit,
        sentence,
        _unique([record for _, row in tied.iterrows() for record in (row["record_a"], row["record_b"])]),
        SECTION,
        extra={"tied": len(tied)},
    )


def _disagreement_share(pairs: pd.DataFrame, differing: pd.DataFrame) -> Finding:
    """How many of the quantities the article states twice come with two different numbers."""
    share = share_pct(differing, pairs)
    return Finding(
        "consistency.disagreements.share.pct",
        share,
        "percent",
        f"Of the {len(pairs)} quantities the article states twice (range ends counted apart), {len(differing)} "
        f"({pct(share)}) come with two different numbers.",
        _unique([*pairs["record_a"], *pairs["record_b"]]),
        SECTION,
        extra={"pairs": len(pairs), "disagreements": len(differing)},
    )


def _bls_median(table: pd.DataFrame) -> Finding:
    """The prose's BLS median against the percentile table's 50th percentile."""
    median = table[table["quantity"] == "National median"].iloc[0]
    sentence = (
        f"The prose's BLS median ({usd(median['value_a'])}, {median['record_a']}) and the percentile table's 50th "
        f"percentile ({usd(median['value_b'])}, {median['record_b']}) "
        + ("agree." if median["difference_usd"] == 0 else f"differ by {usd(abs(median['difference_usd']))}.")
    )
    sources = (median["record_a"], median["record_b"])
    return Finding(
        "consistency.bls_median.difference.usd", float(median["difference_usd"]), "usd", sentence, sources, SECTION
    )


def _undated_share(salaries: pd.DataFrame) -> Finding:
    """How many of the article's figures carry no reference period."""
    undated = salaries[salaries["reference_period"].isna()]
    return Finding(
        "consistency.undated.share.pct",
        share_pct(undated, salaries),
        "percent",
        f"{len(undated)} of the article's {len(salaries)} figures ({pct(share_pct(undated, salaries))}) "
        f"have no reference period; the only dated ones are from {dated_periods(salaries)}.",
        tuple(undated["record_id"]),
        SECTION,
    )


def findings(salaries: pd.DataFrame, params: Parameters) -> list[Finding]:
    """Findings of the consistency section (the shared signature; only range points depend on `params`)."""
    table = contradictions(salaries)
    pairs = paired(table)
    differing = pairs[pairs["kind"] == DIFFERENT]
    return [
        _disagreement_share(pairs, differing),
        *(_largest_disagreement(differing, measure) for measure in ("usd", "pct")),
        _bls_median(table),
        _undated_share(salaries),
    ]


def view(table: pd.DataFrame) -> pd.DataFrame:
    """contradictions for the reader: records with their printed labels, money and percent formatted."""

    def side(records: pd.Series, labels: pd.Series) -> pd.Series:
        return pd.Series(
            [f"{record} ({label})" if record else "" for record, label in zip(records, labels, strict=True)],
            index=records.index,
        )

    return pd.DataFrame(
        {
            "Kind": table["kind"],
            "Quantity": table["quantity"],
            "Figure A": side(table["record_a"], table["label_a"]),
            "Figure B": side(table["record_b"], table["label_b"]),
            "A": money(table["value_a"]),
            "B": money(table["value_b"]),
            "B minus A": signed_money(table["difference_usd"]),
            "B minus A (%)": percent(table["difference_pct"]),
            "Note": table["note"],
        }
    )


def paired_view(paired: pd.DataFrame) -> pd.DataFrame:
    """consistency_checks.paired for the reader, beside its chart: which figures, as printed, and their difference."""
    return (
        view(paired)
        .drop(columns=["Kind", "B minus A", "B minus A (%)"])
        .assign(
            **{"B minus A": [difference_words(row.difference_usd, row.difference_pct) for row in paired.itertuples()]}
        )[["Quantity", "Figure A", "Figure B", "B minus A", "Note"]]
    )


def pairs_chart_data(paired: pd.DataFrame) -> pd.DataFrame:
    """consistency_checks.paired for the chart: each quantity labelled with the two tables it comes from."""
    labels = [f"{row.quantity} ({table_of(row.record_a)} vs {table_of(row.record_b)})" for row in paired.itertuples()]
    columns = ["record_a", "record_b", "value_a", "value_b", "difference_usd", "difference_pct"]
    return paired[columns].assign(row_label=labels).reset_index(drop=True)


def kind_counts(table: pd.DataFrame) -> pd.DataFrame:
    """How many rows of each kind, in the order they first appear."""
    counts = table["kind"].value_counts(sort=False)
    return pd.DataFrame({"Kind": counts.index, "Rows": counts.to_numpy()})
