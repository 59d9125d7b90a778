"""Pay by credential and job title: CPC against CCS, credentials against a title without a named credential
(the Medical Records Coder: the article names no credential for it, which is not to say its holders have none),
the auditor step."""

from __future__ import annotations

from typing import Any

import pandas as pd

from medical_coding_salaries.clean.labels import CREDENTIALS, JOB_TITLES
from medical_coding_salaries.findings import Finding
from medical_coding_salaries.parameters import Parameters
from medical_coding_salaries.present.numbers import above_or_below, money, pct
from medical_coding_salaries.present.reader_tables import gap_columns, reader_table, two_tables_columns
from medical_coding_salaries.present.show import Prose
from medical_coding_salaries.sections.baseline_gaps import furthest_from_baseline
from medical_coding_salaries.sections.memo import remembered

# Roles are named by the cleaned table's `label`: the credential code, or the job title as printed.
CPC, CCS = "CPC", "CCS"
AUDITOR = JOB_TITLES["coding_auditor"]
TITLE_WITHOUT_CREDENTIAL = JOB_TITLES["medical_records_coder"]
# The article prints credential figures in two tables; T6 is compared with T4 because T4 comes first.
FIRST, SECOND = "T4", "T6"
SECTION = "certification"


@remembered
def roles(salaries: pd.DataFrame) -> pd.DataFrame:
    """One row per table and role (credential or job title): salary, whether it is a credential, the raw record."""
    rows = salaries[salaries["dimension"].isin(["credential", "job_title"])]
    return pd.DataFrame(
        {
            "table_id": rows["table_id"],
            "role": rows["label"],
            "credentialed": rows["label"].isin(list(CREDENTIALS)),
            "statistic": rows["statistic"],
            "salary": rows["point"],
            "sources": [(record,) for record in rows["record_id"]],
        }
    ).reset_index(drop=True)


@remembered
def compare_within_tables(salaries: pd.DataFrame, role: str, reference: str) -> pd.DataFrame:
    """In every table reporting both, `role` against `reference`: gap in dollars and in % of the reference."""
    rows = []
    for table_id, table in roles(salaries).groupby("table_id", sort=True):
        by_role = table.set_index("role")
        if role in by_role.index and reference in by_role.index:
            own, base = by_role.loc[role], by_role.loc[reference]
            rows.append(
                {
                    "table_id": table_id,
                    "role": role,
                    "statistic": own["statistic"],
                    "salary": own["salary"],
                    "reference": reference,
                    "reference_salary": base["salary"],
                    "gap_usd": own["salary"] - base["salary"],
                    "gap_pct": (own["salary"] / base["salary"] - 1) * 100,
                    "sources": tuple(dict.fromkeys(own["sources"] + base["sources"])),
                }
            )
    columns = [
        "table_id",
        "role",
        "statistic",
        "salary",
        "reference",
        "reference_salary",
        "gap_usd",
        "gap_pct",
        "sources",
    ]
    return pd.DataFrame(rows, columns=columns)


def ccs_over_cpc(salaries: pd.DataFrame) -> pd.DataFrame:
    """The CCS premium over CPC in each table that reports both."""
    return compare_within_tables(salaries, CCS, CPC)


def over_title_without_credential(salaries: pd.DataFrame) -> pd.DataFrame:
    """Each credential against the job title for which the article names no credential (Medical Records Coder), where
    a table has both."""
    return pd.concat(
        [compare_within_tables(salaries, code, TITLE_WITHOUT_CREDENTIAL) for code in CREDENTIALS], ignore_index=True
    )


def auditor_step(salaries: pd.DataFrame) -> pd.DataFrame:
    """The Coding Auditor against each credential, where a table has both."""
    return pd.concat([compare_within_tables(salaries, AUDITOR, code) for code in CREDENTIALS], ignore_index=True)


def against_baseline(salaries: pd.DataFrame, credential_baseline: str) -> pd.DataFrame:
    """Every other role against the baseline role, within each table that reports the baseline (the baseline is not
    compared with itself)."""
    names = [role for role in dict.fromkeys(roles(salaries)["role"]) if role != credential_baseline]
    frame = pd.concat([compare_within_tables(salaries, role, credential_baseline) for role in names], ignore_index=True)
    return frame.sort_values(["table_id", "salary"], ascending=[True, False], kind="stable").reset_index(drop=True)


def between_tables(salaries: pd.DataFrame) -> pd.DataFrame:
    """Each role that both T4 and T6 report: the two figures, and T6 − T4 in dollars and in % of T4."""
    frame = roles(salaries)
    first = frame[frame["table_id"] == FIRST].set_index("role")
    second = frame[frame["table_id"] == SECOND].set_index("role")
    rows = [
        {
            "role": role,
            "t4": first.at[role, "salary"],
            "t6": second.at[role, "salary"],
            "difference_usd": second.at[role, "salary"] - first.at[role, "salary"],
            "difference_pct": (second.at[role, "salary"] / first.at[role, "salary"] - 1) * 100,
            "sources": first.at[role, "sources"] + second.at[role, "sources"],
        }
        for role in first.index
        if role in second.index
    ]
    return pd.DataFrame(rows)


def tables_without(salaries: pd.DataFrame, role: str) -> list[str]:
    """The role tables that do not report `role` (and so drop out of a comparison with it)."""
    frame = roles(salaries)
    return sorted(set(frame["table_id"]) - set(frame.loc[frame["role"] == role, "table_id"]))


# --- For readers: formatted tables -------------------------------------------------------------------------


def roles_view(salaries: pd.DataFrame) -> pd.DataFrame:
    """Every role figure as the article gives it, formatted."""
    frame = roles(salaries)
    columns = {"Table": frame["table_id"], "Role": frame["role"]}
    named = frame["credentialed"].map({True: "yes", False: "none"})
    columns |= {"Credential named": named, "Statistic": frame["statistic"]}
    return reader_table(frame, {**columns, "Salary": money(frame["salary"])}, raw_rows="Raw row")


def comparison_view(frame: pd.DataFrame) -> pd.DataFrame:
    """Any within-table comparison (from `compare_within_tables` and the functions built on it), formatted."""
    columns = {"Table": frame["table_id"], "Role": frame["role"], "Salary": money(frame["salary"])}
    columns |= {"Compared with": frame["reference"], "Its salary": money(frame["reference_salary"])}
    return reader_table(frame, {**columns, **gap_columns(frame, ("Gap", "Gap (%)"))})


def between_tables_view(salaries: pd.DataFrame) -> pd.DataFrame:
    """The same role in T4 and T6, formatted."""
    frame = between_tables(salaries)
    return reader_table(frame, {"Role": frame["role"], **two_tables_columns(frame, FIRST, SECOND)})


# --- Findings and prose ------------------------------------------------------------------------------------


def _single(frame: pd.DataFrame, table_id: str, role: str) -> pd.Series:
    return frame[(frame["table_id"] == table_id) & (frame["role"] == role)].iloc[0]


def _premium_findings(salaries: pd.DataFrame) -> list[Finding]:
    """The smallest and the largest CCS premium over CPC across the tables."""
    premium = ccs_over_cpc(salaries)
    low, high = premium.loc[premium["gap_pct"].idxmin()], premium.loc[premium["gap_pct"].idxmax()]
    smallest = (
        f"In every table that reports both credentials, the CCS figure is at least {pct(low['gap_pct'])} above "
        f"the CPC figure (the smallest premium, in {low['table_id']})."
    )
    largest = f"The largest CCS premium over CPC is {pct(high['gap_pct'])}, in {high['table_id']}."
    return [
        Finding(
            "certification.ccs_over_cpc.pct.min", float(low["gap_pct"]), "percent", smallest, low["sources"], SECTION
        ),
        Finding(
            "certification.ccs_over_cpc.pct.max", float(high["gap_pct"]), "percent", largest, high["sources"], SECTION
        ),
    ]


def _within_table_gap(identifier: str, row: Any, role: str, other: str) -> Finding:
    """`role` against `other` in the same table (a row of `compare_within_tables`), as a finding."""
    sentence = f"In {row.table_id}, the {role} {row.statistic} is {above_or_below(row.gap_pct)} that of a {other}."
    return Finding(identifier, float(row.gap_pct), "percent", sentence, row.sources, SECTION)


def _role_gap_findings(salaries: pd.DataFrame) -> list[Finding]:
    """Each credential against the title without a named credential, then the auditor against each credential."""
    no_credential = f"{TITLE_WITHOUT_CREDENTIAL}, a job title for which the article names no credential"
    return [
        *(
            _within_table_gap(
                f"certification.{row.role.lower()}_over_medical_records_coder.pct", row, row.role, no_credential
            )
            for row in over_title_without_credential(salaries).itertuples()
        ),
        *(
            _within_table_gap(
                f"certification.auditor_over_{row.reference.lower()}.pct", row, AUDITOR, f"{row.reference} holder"
            )
            for row in auditor_step(salaries).itertuples()
        ),
    ]


def _tables_difference(salaries: pd.DataFrame) -> Finding:
    """The widest difference between the two tables' figures for the same credential."""
    across = between_tables(salaries).assign(size=lambda frame: frame["difference_pct"].abs())
    widest = across.loc[across["size"].idxmax()]
    sentence = (
        f"The two tables' figures for the same credential differ by up to {pct(widest['size'])} ({widest['role']}, "
        f"{SECOND} against {FIRST})."
    )
    return Finding(
        "certification.tables_max_difference.pct",
        float(widest["size"]),
        "percent",
        sentence,
        widest["sources"],
        SECTION,
    )


def _furthest_from_baseline(salaries: pd.DataFrame, params: Parameters) -> Finding:
    """The role furthest from params.credential_baseline in the same table."""
    baseline = params.credential_baseline
    return furthest_from_baseline(
        SECTION,
        against_baseline(salaries, baseline),
        "role",
        baseline,
        f"{baseline} in the same table",
        lambda row: f"{row['role']} in {row['table_id']}",
    )


def findings(salaries: pd.DataFrame, params: Parameters) -> list[Finding]:
    """The certification section's reported numbers."""
    return [
        *_premium_findings(salaries),
        *_role_gap_findings(salaries),
        _tables_difference(salaries),
        _furthest_from_baseline(salaries, params),
    ]


def describe_baseline(salaries: pd.DataFrame, params: Parameters) -> Prose:
    """Which role the baseline table is measured against (parameter `credential_baseline`) and which tables drop out."""
    missing = tables_without(salaries, params.credential_baseline)
    text = (
        f"Each role is compared with **{params.credential_baseline}** in the same table "
        "(parameter `credential_baseline`)."
    )
    if missing:
        verb = "does" if len(missing) == 1 else "do"
        text += f" {' and '.join(missing)} {verb} not report {params.credential_baseline}, so it is left out."
    return Prose(text)


def describe_statistics(salaries: pd.DataFrame) -> Prose:
    """What the article says the role figures are, and whether it dates them."""
    rows = salaries[salaries["dimension"].isin(["credential", "job_title"])]
    kinds = rows.groupby("statistic")["table_id"].unique()
    text = (
        "By the article's wording, "
        + "; ".join(
            f"{' and '.join(sorted(tables))} give{'s' if len(tables) == 1 else ''} **{kind}s**"
            for kind, tables in kinds.items()
        )
        + "."
    )
    if rows["reference_period"].isna().all():
        text += " No reference period is given, so the tables may describe different years or populations."
    return Prose(text)


def chart_data(salaries: pd.DataFrame, credential_baseline: str) -> pd.DataFrame:
    """One bar per table and role, roles ordered by their mean figure (highest first), the baseline role flagged."""
    frame = roles(salaries)
    order = frame.groupby("role")["salary"].mean().sort_values(ascending=False, kind="stable").index.tolist()
    frame["role_order"] = frame["role"].map(order.index)
    frame["is_baseline"] = frame["role"] == credential_baseline
    return frame.sort_values(["role_order", "table_id"], kind="stable").reset_index(drop=True)
