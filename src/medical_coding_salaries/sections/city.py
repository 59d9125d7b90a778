"""Pay by city: the four cities against each other, against a chosen baseline and against the national figures."""

from __future__ import annotations

from itertools import combinations

import pandas as pd

from medical_coding_salaries.clean.labels import CITIES
from medical_coding_salaries.findings import Finding
from medical_coding_salaries.parameters import NATIONAL_MEDIAN, Parameters
from medical_coding_salaries.present.numbers import above_or_below, pct, usd
from medical_coding_salaries.present.show import Prose, sources_text
from medical_coding_salaries.sections.baseline_gaps import furthest_from_baseline
from medical_coding_salaries.sections.memo import remembered

SECTION = "city"
# How to name each kind of statistic in a sentence.
STATISTIC_WORDS = {
    "mean": "averages",
    "median": "medians",
    "percentile": "percentiles",
    "unstated": "figures of an unstated kind",
}


def city_rows(salaries: pd.DataFrame) -> pd.DataFrame:
    """The article's city figures, in the article's order."""
    return salaries[salaries["dimension"] == "city"]


@remembered
def cities(salaries: pd.DataFrame) -> pd.DataFrame:
    """One row per city, highest first: display name, state, salary, rank (1 = highest) and the raw record."""
    rows = city_rows(salaries).sort_values("point", ascending=False, kind="stable")
    return pd.DataFrame(
        {
            "city": rows["category"],
            "city_name": rows["category"].map(lambda key: CITIES[key][0]),
            "state": rows["state"],
            "statistic": rows["statistic"],
            "salary": rows["point"],
            "rank": range(1, len(rows) + 1),
            "sources": [(record,) for record in rows["record_id"]],
        }
    ).reset_index(drop=True)


@remembered
def national_references(salaries: pd.DataFrame) -> pd.DataFrame:
    """The article's national figures: the BLS median (P1) and the low end, midpoint and high end of its range (P2)."""
    median = salaries[salaries["category"] == "bls_median"].iloc[0]
    spread = salaries[salaries["category"] == "summary_range"].iloc[0]
    # The range's midpoint is fixed here, not taken from `point`: it is a reference line, whatever range_point says.
    return pd.DataFrame(
        [
            (NATIONAL_MEDIAN, "National median (BLS)", median["statistic"], median["low"], (median["record_id"],)),
            ("range_low", "National range, low end", spread["statistic"], spread["low"], (spread["record_id"],)),
            (
                "range_midpoint",
                "National range, midpoint",
                spread["statistic"],
                (spread["low"] + spread["high"]) / 2,
                (spread["record_id"],),
            ),
            ("range_high", "National range, high end", spread["statistic"], spread["high"], (spread["record_id"],)),
        ],
        columns=["reference", "label", "statistic", "value", "sources"],
    )


def baseline(salaries: pd.DataFrame, city_baseline: str) -> pd.Series:
    """The baseline's label, value and raw record: the national median or one city's figure."""
    if city_baseline == NATIONAL_MEDIAN:
        row = national_references(salaries).set_index("reference").loc[NATIONAL_MEDIAN]
        return pd.Series({"label": row["label"], "value": row["value"], "sources": row["sources"]})
    row = cities(salaries).set_index("city_name").loc[city_baseline]
    return pd.Series({"label": city_baseline, "value": row["salary"], "sources": row["sources"]})


def above_lowest(values: pd.Series) -> pd.Series:
    """Each value's excess over the lowest, in % of the lowest."""
    return (values / values.min() - 1) * 100


def gaps(salaries: pd.DataFrame, city_baseline: str) -> pd.DataFrame:
    """Each city against the baseline: gap in dollars and in % of the baseline, with its rank."""
    base = baseline(salaries, city_baseline)
    frame = cities(salaries)
    frame["baseline"] = base["label"]
    frame["baseline_value"] = base["value"]
    frame["gap_usd"] = frame["salary"] - base["value"]
    frame["gap_pct"] = (frame["salary"] / base["value"] - 1) * 100
    frame["sources"] = [tuple(dict.fromkeys(own + base["sources"])) for own in frame["sources"]]
    return frame


def versus_national(salaries: pd.DataFrame) -> pd.DataFrame:
    """Each city against the BLS median and the national range: gaps, and where in the range it falls (0% = low end)."""
    frame = cities(salaries)
    refs = national_references(salaries).set_index("reference")
    low, high = refs.at["range_low", "value"], refs.at["range_high", "value"]
    for reference in (NATIONAL_MEDIAN, "range_midpoint"):
        frame[f"vs_{reference}_usd"] = frame["salary"] - refs.at[reference, "value"]
        frame[f"vs_{reference}_pct"] = (frame["salary"] / refs.at[reference, "value"] - 1) * 100
    frame["range_position_pct"] = (frame["salary"] - low) / (high - low) * 100
    frame["within_range"] = frame["salary"].between(low, high)
    frame["sources"] = [
        own + refs.at[NATIONAL_MEDIAN, "sources"] + refs.at["range_low", "sources"] for own in frame["sources"]
    ]
    return frame


def pairs(salaries: pd.DataFrame) -> pd.DataFrame:
    """Every pair of cities: how much more the higher one pays, in dollars and in % of the lower."""
    frame = cities(salaries)
    rows = [
        {
            "higher": upper.city_name,
            "lower": lower.city_name,
            "gap_usd": upper.salary - lower.salary,
            "gap_pct": (upper.salary / lower.salary - 1) * 100,
            "sources": upper.sources + lower.sources,
        }
        for upper, lower in combinations(frame.itertuples(), 2)  # `frame` is sorted highest first
    ]
    return pd.DataFrame(rows)


def highest_and_lowest(table: pd.DataFrame, value: str, label: str) -> pd.Series:
    """The row highest in `value` against the lowest (each with a `sources` tuple of raw records): their labels and
    values, the gap in dollars and in % of the lowest, and both rows' sources."""
    top, bottom = table.loc[table[value].idxmax()], table.loc[table[value].idxmin()]
    return pd.Series(
        {
            "top": top[label],
            "bottom": bottom[label],
            "top_value": top[value],
            "bottom_value": bottom[value],
            "gap_usd": top[value] - bottom[value],
            "gap_pct": (top[value] / bottom[value] - 1) * 100,
            "sources": top["sources"] + bottom["sources"],
        }
    )


def top_vs_bottom(salaries: pd.DataFrame) -> pd.Series:
    """The highest-paying city against the lowest: gap in dollars and in % of the lowest."""
    return highest_and_lowest(cities(salaries), "salary", "city_name")


# --- For readers: formatted tables -------------------------------------------------------------------------


# --- Findings and prose ------------------------------------------------------------------------------------


def _top_vs_bottom_findings(salaries: pd.DataFrame) -> list[Finding]:
    """The gap between the highest- and the lowest-paying city, in dollars and in percent."""
    top = top_vs_bottom(salaries)
    in_dollars = (
        f"{top['top']}, the highest-paying city in the article, averages {usd(top['gap_usd'])} more than "
        f"{top['bottom']}, the lowest-paying."
    )
    in_percent = (
        f"The average salary in {top['top']} is {pct(top['gap_pct'])} higher than in {top['bottom']}, the "
        f"lowest-paying city in the article."
    )
    return [
        Finding("city.top_vs_bottom.usd", float(top["gap_usd"]), "usd", in_dollars, top["sources"], SECTION),
        Finding("city.top_vs_bottom.pct", float(top["gap_pct"]), "percent", in_percent, top["sources"], SECTION),
    ]


def _national_median_findings(salaries: pd.DataFrame) -> list[Finding]:
    """The lowest- and the highest-paying city against the national BLS median."""
    national = versus_national(salaries)
    lowest, highest = national.iloc[-1], national.iloc[0]
    median_sources = national_references(salaries).set_index("reference").at[NATIONAL_MEDIAN, "sources"]
    even = "Even " if lowest["vs_national_median_pct"] >= 0 else ""
    lowest_sentence = (
        f"{even}{lowest['city_name']}, the lowest-paying city in the article, averages "
        f"{above_or_below(lowest['vs_national_median_pct'])} the national BLS median (a city average set against a "
        "national median)."
    )
    highest_sentence = (
        f"{highest['city_name']} averages {above_or_below(highest['vs_national_median_pct'])} the national BLS median."
    )

    def against_median(end: str, city: pd.Series, sentence: str) -> Finding:
        # The city's own row and the row of the national median it is set against.
        sources = city["sources"][:1] + median_sources
        pct_value = float(city["vs_national_median_pct"])
        return Finding(f"city.{end}_vs_national_median.pct", pct_value, "percent", sentence, sources, SECTION)

    return [against_median("lowest", lowest, lowest_sentence), against_median("highest", highest, highest_sentence)]


def _furthest_from_baseline(salaries: pd.DataFrame, params: Parameters) -> Finding:
    """The city furthest from params.city_baseline."""
    base = "the national median" if params.city_baseline == NATIONAL_MEDIAN else params.city_baseline
    gaps_to_base = gaps(salaries, params.city_baseline)
    return furthest_from_baseline(
        SECTION, gaps_to_base, "city_name", params.city_baseline, base, lambda row: row["city_name"]
    )


def findings(salaries: pd.DataFrame, params: Parameters) -> list[Finding]:
    """The city section's reported numbers."""
    return [
        *_top_vs_bottom_findings(salaries),
        *_national_median_findings(salaries),
        _furthest_from_baseline(salaries, params),
    ]


def describe_baseline(salaries: pd.DataFrame, params: Parameters) -> Prose:
    """Which baseline the gaps are measured against (parameter `city_baseline`), and its value."""
    base = baseline(salaries, params.city_baseline)
    what = (
        "the national median wage the article credits to the BLS"
        if params.city_baseline == NATIONAL_MEDIAN
        else f"the average the article gives for {params.city_baseline}"
    )
    return Prose(
        f"Gaps are measured against **{base['label']}** (parameter `city_baseline`): {what}, "
        f"{usd(base['value'])} (raw row {sources_text(base['sources'])})."
    )


def describe_comparability(salaries: pd.DataFrame) -> Prose:
    """What kind of statistic each side of a city-versus-national comparison is, as the article words it."""
    frame = cities(salaries)
    refs = national_references(salaries).set_index("reference")
    kinds = " and ".join(STATISTIC_WORDS[kind] for kind in sorted(set(frame["statistic"])))
    return Prose(
        f"The article gives its city figures as **{kinds}**, with no year or source; the national figure it credits to "
        f"the BLS is a **{refs.at[NATIONAL_MEDIAN, 'statistic']}**, and its national range is a range of "
        f"**{STATISTIC_WORDS[refs.at['range_low', 'statistic']]}**. The gaps below set these side by side as printed: "
        "different statistics, and nominal dollars with no allowance for local prices."
    )


def chart_data(salaries: pd.DataFrame, city_baseline: str) -> pd.DataFrame:
    """One bar per city, highest first, flagged where the city is the baseline."""
    frame = cities(salaries)
    frame["is_baseline"] = frame["city_name"] == city_baseline
    return frame


def reference_lines(salaries: pd.DataFrame, city_baseline: str) -> pd.DataFrame:
    """The national median and the national range's ends, where the chart draws them, flagged if the baseline."""
    frame = national_references(salaries)
    frame = frame[frame["reference"].isin([NATIONAL_MEDIAN, "range_low", "range_high"])].reset_index(drop=True)
    frame["is_baseline"] = frame["reference"] == city_baseline
    return frame
