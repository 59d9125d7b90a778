"""Pay by experience level: the article's two tables side by side, step-ups, multiples, disagreement, a consensus."""

from __future__ import annotations

import pandas as pd

from medical_coding_salaries.clean.amounts import POINT_WORDS
from medical_coding_salaries.clean.labels import EXPERIENCE_LEVELS, EXPERIENCE_ORDER
from medical_coding_salaries.findings import Finding
from medical_coding_salaries.parameters import Parameters
from medical_coding_salaries.present.numbers import pct, ratio, usd
from medical_coding_salaries.present.show import Prose
from medical_coding_salaries.sections.memo import remembered

# The report section whose findings these are.
SECTION = "experience"
# The article prints two experience tables; T2 is compared with T1 because T1 comes first in the article.
FIRST, SECOND = "T1", "T2"
BOUNDS = ("low", "high")
# How far past its ceiling (as a share of it) a chart draws an open top, fading out: long enough to read as "and up".
OPEN_TOP_REACH = 0.12
# The levels as adjectives inside sentences ("the senior-level figure").
ADJECTIVES = {"entry": "entry-level", "mid": "mid-level", "experienced": "experienced", "senior": "senior-level"}


@remembered
def levels(salaries: pd.DataFrame) -> pd.DataFrame:
    """One row per table and level, in level order: band, point value, open top and the raw record."""
    rows = salaries[salaries["dimension"] == "experience"]
    rows = rows.assign(order=rows["category"].map(EXPERIENCE_ORDER.index)).sort_values(
        ["order", "table_id"], kind="stable"
    )
    return pd.DataFrame(
        {
            "level": rows["category"],
            "level_label": rows["label"],
            "table_id": rows["table_id"],
            "years_min": rows["years_min"],
            "years_max": rows["years_max"],
            "low": rows["low"],
            "high": rows["high"],
            "point": rows["point"],
            "open_top": rows["open_top"],
            "sources": [(record,) for record in rows["record_id"]],
        }
    ).reset_index(drop=True)


@remembered
def step_ups(salaries: pd.DataFrame) -> pd.DataFrame:
    """Within each table, the rise of the point value from each level to the next, in dollars and % of the lower."""
    rows = []
    for table_id, table in levels(salaries).groupby("table_id", sort=True):
        for lower, upper in zip(table.itertuples(), table.iloc[1:].itertuples(), strict=False):
            rows.append(
                {
                    "table_id": table_id,
                    "from_level": lower.level_label,
                    "to_level": upper.level_label,
                    "from": lower.level,
                    "to": upper.level,
                    "from_point": lower.point,
                    "to_point": upper.point,
                    "step_usd": upper.point - lower.point,
                    "step_pct": (upper.point / lower.point - 1) * 100,
                    "sources": lower.sources + upper.sources,
                }
            )
    return pd.DataFrame(rows)


@remembered
def multiples(salaries: pd.DataFrame, targets: tuple[str, ...] = ("experienced", "senior")) -> pd.DataFrame:
    """Within each table, each target level's point value as a multiple of the entry level's (where both exist)."""
    rows = []
    for table_id, table in levels(salaries).groupby("table_id", sort=True):
        by_level = table.set_index("level")
        if "entry" not in by_level.index:
            continue
        entry = by_level.loc["entry"]
        for target in (level for level in targets if level in by_level.index):
            upper = by_level.loc[target]
            rows.append(
                {
                    "table_id": table_id,
                    "from_level": entry["level_label"],
                    "to_level": upper["level_label"],
                    "from": "entry",
                    "to": target,
                    "from_point": entry["point"],
                    "to_point": upper["point"],
                    "multiple": upper["point"] / entry["point"],
                    "sources": entry["sources"] + upper["sources"],
                }
            )
    return pd.DataFrame(rows)


@remembered
def disagreement(salaries: pd.DataFrame) -> pd.DataFrame:
    """For each level both tables report, each bound: T1, T2, and T2 − T1 in dollars and in % of T1."""
    table = levels(salaries)
    first = table[table["table_id"] == FIRST].set_index("level")
    second = table[table["table_id"] == SECOND].set_index("level")
    rows = []
    for level in (level for level in EXPERIENCE_ORDER if level in first.index and level in second.index):
        for bound in BOUNDS:
            a, b = first.at[level, bound], second.at[level, bound]
            rows.append(
                {
                    "level": level,
                    "level_label": EXPERIENCE_LEVELS[level],
                    "bound": bound,
                    "t1": a,
                    "t2": b,
                    "difference_usd": b - a,
                    "difference_pct": (b / a - 1) * 100,
                    "sources": first.at[level, "sources"] + second.at[level, "sources"],
                }
            )
    return pd.DataFrame(rows)


def consensus(salaries: pd.DataFrame) -> pd.DataFrame:
    """One band per level: the mean of the reporting tables' lows, of their highs and of their points."""
    rows = []
    for level, group in levels(salaries).groupby("level", sort=False):
        tables = tuple(group["table_id"])
        method = (
            f"mean of {' and '.join(tables)} (low, high and point each averaged)"
            if len(tables) > 1
            else f"{tables[0]} only: no other table reports this level"
        )
        rows.append(
            {
                "level": level,
                "level_label": EXPERIENCE_LEVELS[level],
                "low": group["low"].mean(),
                "high": group["high"].mean(),
                "point": group["point"].mean(),
                "open_top": bool(group["open_top"].any()),
                "tables": tables,
                "method": method,
                "sources": sum(group["sources"], ()),
            }
        )
    return pd.DataFrame(rows)


# --- For readers: formatted tables -------------------------------------------------------------------------


# --- Findings and prose ------------------------------------------------------------------------------------


def point_clause(params: Parameters, open_top: bool) -> str:
    """'each range taken at its midpoint', plus how an open top was treated where one is involved."""
    clause = f"each range taken at its {POINT_WORDS[params.range_point]}"
    if open_top:
        clause += (
            ", the open top at its stated ceiling"
            if params.open_top_factor == 1
            else ", the open top raised by the chosen factor"
        )
    return clause


def _multiples(salaries: pd.DataFrame, params: Parameters, open_records: set[str]) -> list[Finding]:
    """Each higher level's figure as a multiple of the entry level's, per table."""
    found = []
    for row in multiples(salaries).itertuples():
        # Only T2 has a senior level, so its id needs no table; entry→experienced exists in both tables.
        identifier = f"experience.entry_to_{row.to}.multiple" + ("" if row.to == "senior" else f".{row.table_id}")
        clause = point_clause(params, bool(open_records & set(row.sources)))
        found.append(
            Finding(
                identifier,
                float(row.multiple),
                "ratio",
                f"In {row.table_id}, the {ADJECTIVES[row.to]} figure is {ratio(row.multiple)} the entry-level figure "
                f"({clause}).",
                row.sources,
                SECTION,
            )
        )
    return found


def _largest_step(salaries: pd.DataFrame, params: Parameters, open_records: set[str]) -> Finding:
    """The largest rise between adjacent levels of one table."""
    steps = step_ups(salaries)
    largest = steps.loc[steps["step_pct"].idxmax()]
    sentence = (
        f"The largest step between adjacent levels is {pct(largest['step_pct'])}, from the "
        f"{ADJECTIVES[largest['from']]} to the {ADJECTIVES[largest['to']]} band in {largest['table_id']} "
        f"({point_clause(params, bool(open_records & set(largest['sources'])))})."
    )
    return Finding(
        "experience.step_up.pct.max", float(largest["step_pct"]), "percent", sentence, largest["sources"], SECTION
    )


def _widest_disagreement(salaries: pd.DataFrame) -> Finding:
    """The largest gap between the two tables on the same end of the same level; ties named together."""
    gaps = disagreement(salaries).assign(size=lambda frame: frame["difference_usd"].abs())
    widest = gaps[gaps["size"] == gaps["size"].max()]
    where = "; ".join(
        f"{ADJECTIVES[level]} {bound} end" for level, bound in zip(widest["level"], widest["bound"], strict=True)
    )
    return Finding(
        "experience.tables_max_disagreement.usd",
        float(widest["size"].iloc[0]),
        "usd",
        f"The two experience tables ({FIRST}, {SECOND}) disagree by up to {usd(widest['size'].iloc[0])} on the "
        f"same end of the same level ({where}).",
        sum(widest["sources"], ()),
        SECTION,
    )


def findings(salaries: pd.DataFrame, params: Parameters) -> list[Finding]:
    """The experience section's reported numbers."""
    open_records = set(salaries.loc[salaries["open_top"], "record_id"])
    return [
        *_multiples(salaries, params, open_records),
        _largest_step(salaries, params, open_records),
        _widest_disagreement(salaries),
    ]


def describe_pay_by_level(salaries: pd.DataFrame, params: Parameters) -> Prose:
    """The section's answer in one sentence: each level's point value in each table that prints it."""
    table = levels(salaries)
    parts = []
    for level, rows in table.groupby("level", sort=False):
        points = dict(zip(rows["table_id"], rows["point"], strict=True))
        if len(points) == 1:
            ((only, value),) = points.items()
            shown = f"{usd(value)} ({only} only)"
        elif len(set(points.values())) == 1:
            shown = f"{usd(next(iter(points.values())))} in both tables"
        else:
            shown = " or ".join(f"{usd(value)} ({table_id})" for table_id, value in points.items())
        parts.append(f"{'an' if ADJECTIVES[level][0] in 'aeiou' else 'a'} {ADJECTIVES[level]} coder {shown}")
    return Prose(
        f"**The article's tables pay {', '.join(parts[:-1])} and {parts[-1]}** "
        f"({point_clause(params, bool(table['open_top'].any()))}; annual averages as printed, undated)."
    )


def describe_point_rule(salaries: pd.DataFrame, params: Parameters) -> Prose:
    """Which range point and open-top treatment are in force, and what they make of each open-topped band."""
    open_rows = levels(salaries)[lambda frame: frame["open_top"]]
    text = f"Each range is taken at **its {POINT_WORDS[params.range_point]}** (parameter `range_point`)."
    for row in open_rows.itertuples():
        ceiling = row.high * params.open_top_factor
        treatment = (
            "its ceiling is taken as stated"
            if params.open_top_factor == 1
            else f"its ceiling is raised by a factor of {params.open_top_factor:g} (parameter `open_top_factor`) to "
            f"{usd(ceiling)}"
        )
        text += (
            f" The {ADJECTIVES[row.level]} band in {row.table_id} ({usd(row.low)} – {usd(row.high)}+) has no stated "
            f"top; {treatment}, so its point value is {usd(row.point)}."
        )
    return Prose(text)


def describe_disagreement(salaries: pd.DataFrame) -> Prose:
    """Which levels and bounds the two tables agree on, and where they part."""
    frame = disagreement(salaries)
    differ = frame[frame["difference_usd"] != 0]
    parts = [
        f"{ADJECTIVES[row.level]} {row.bound} end ({'+' if row.difference_usd > 0 else ''}{usd(row.difference_usd)} in "
        f"{SECOND})"
        for row in differ.itertuples()
    ]
    only = sorted(set(levels(salaries)["level"]) - set(frame["level"]), key=EXPERIENCE_ORDER.index)
    text = (
        (
            f"{FIRST} and {SECOND} share {frame['level'].nunique()} levels and agree on {len(frame) - len(differ)} of "
            f"their "
            f"{len(frame)} bounds; they differ on the " + ", ".join(parts) + "."
        )
        if parts
        else f"{FIRST} and {SECOND} agree on every bound of the {frame['level'].nunique()} levels they share."
    )
    if only:
        text += " Only one table reports a " + " or ".join(ADJECTIVES[level] for level in only) + " band."
    return Prose(text)


def chart_data(salaries: pd.DataFrame) -> pd.DataFrame:
    """Each table's band per level, with `drawn_to`: where the bar ends (past the ceiling, for an open top)."""
    frame = levels(salaries)
    reach = frame[["high", "point"]].max(axis=1) * (1 + OPEN_TOP_REACH)
    frame["drawn_to"] = reach.where(frame["open_top"], frame["high"])
    return frame
