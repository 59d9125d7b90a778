"""All findings of the report, gathered from each analysis module, and the executive summary."""

from __future__ import annotations

import pandas as pd

from medical_coding_salaries.findings import COMPUTED_DOLLARS, Finding
from medical_coding_salaries.parameters import Parameters
from medical_coding_salaries.present.numbers import ordinal, shown, usd, usd_range
from medical_coding_salaries.present.show import Prose, ref, sources_text
from medical_coding_salaries.sections import (
    certification,
    city,
    consistency,
    distribution,
    experience,
    inflation,
    official,
    pay_band,
    regional,
    robustness,
)
from medical_coding_salaries.sections.sweep_runs import SectionFindings, in_process

SECTIONS = (experience, city, certification, distribution, consistency, official, inflation, regional, pay_band)
# Findings whose section is shown inside another section's notebook.
SHOWN_IN = {"inflation": "official", "regional": "official"}
# The executive summary's findings, in the order a reader meets the questions.
HEADLINES = (
    "experience.entry_to_senior.multiple",
    "experience.tables_max_disagreement.usd",
    "city.top_vs_bottom.pct",
    "city.top_vs_bottom.pct.price_adjusted",
    "certification.ccs_over_cpc.pct.min",
    "certification.cpc_over_medical_records_coder.pct",
    "distribution.senior.percentile",
    "official.trend.real_change.pct",
    "pay_band.point.usd",
)
# What each headline finding is about, for readers (ids stay in findings.json and the appendix).
HEADLINE_LABELS = {
    "experience.entry_to_senior.multiple": "Senior over entry level (T2)",
    "experience.tables_max_disagreement.usd": "Disagreement between the experience tables",
    "city.top_vs_bottom.pct": "Highest-paying over lowest-paying city",
    "city.top_vs_bottom.pct.price_adjusted": "Highest over lowest city, after local prices",
    "certification.ccs_over_cpc.pct.min": "CCS over CPC (smallest premium)",
    "certification.cpc_over_medical_records_coder.pct": "CPC over the Medical Records Coder (T6)",
    "distribution.senior.percentile": "Senior level's national percentile",
    "official.trend.real_change.pct": "Official median after inflation, since May 2021",
    "pay_band.point.usd": "Pay band point for the profile",
}


def label_of(finding: Finding) -> str:
    """A headline finding's reader-facing label (its id where none is declared)."""
    return HEADLINE_LABELS.get(finding.id, finding.id)


def all_findings(
    salaries: pd.DataFrame, parameters: Parameters, section_findings: SectionFindings | None = None
) -> list[Finding]:
    """Every finding of every section, in report order; ids are unique, and one fact has one id: a finding with
    the value, unit and sources of an earlier one (a baseline comparison that, at this baseline, restates
    another finding) is left out. `section_findings(module, salaries, parameters)` stands in for each section's
    `findings` (the robustness grid passes one that reuses earlier results; by default a section's findings are
    computed once in this process, sweep_runs.in_process)."""
    compute = section_findings or in_process(salaries)
    found = one_per_fact([finding for module in SECTIONS for finding in compute(module, salaries, parameters)])
    ids = [finding.id for finding in found]
    duplicated = sorted({name for name in ids if ids.count(name) > 1})
    if duplicated:
        raise ValueError(f"finding ids used twice: {', '.join(duplicated)}")
    return found


BASELINE = ".vs_baseline."


def one_per_fact(found: list[Finding]) -> list[Finding]:
    """`found` without the baseline comparisons that, at the chosen baseline, restate an earlier finding (the
    same value, unit and sources): at the defaults the city furthest from the national median is the highest
    city against it, and the role furthest from the CPC is the auditor over the CPC."""
    seen = {
        (finding.value, finding.unit, tuple(sorted(finding.sources))) for finding in found if BASELINE not in finding.id
    }
    return [
        finding
        for finding in found
        if BASELINE not in finding.id or (finding.value, finding.unit, tuple(sorted(finding.sources))) not in seen
    ]


def section_answer(section: str, salaries: pd.DataFrame, parameters: Parameters) -> list[Finding]:
    """What a section opens with: the headline findings it shows (the summary's sentences, pointing here), or
    else its first two findings."""
    found = findings_shown_in(section, salaries, parameters)
    return [finding for finding in found if finding.id in HEADLINES] or found[:2]


ANSWER_GROUPS = {
    "experience": "By experience",
    "city": "By city",
    "credential": "By credential or title",
    "job_title": "By credential or title",
}


def with_statistics(groups: pd.Series, statistics: pd.Series) -> pd.Series:
    """'By city (averages)': each group named with the statistics its figures are, as the article gives them."""
    words = {
        group: " and ".join(
            dict.fromkeys(city.STATISTIC_WORDS.get(value, value) for value in statistics[groups == group])
        )
        for group in groups.unique()
    }
    return groups.map(lambda group: f"{group} ({words[group]})")


def answers_chart_data(salaries: pd.DataFrame, parameters: Parameters) -> tuple[pd.DataFrame, pd.Series, int]:
    """What the summary chart draws: the article's figures by level, city and credential or title, restated in
    dollar_year dollars (undated ones from undated_reference_year), and the official latest-May percentiles in
    the same dollars ({percentile: dollars}), and that latest year."""
    from medical_coding_salaries.ingest import reference

    restated = inflation.restated_figures(salaries, parameters.dollar_year, parameters.undated_reference_year)
    dimensions = salaries.set_index("record_id")["dimension"]
    restated["group"] = restated["record_id"].map(dimensions).map(ANSWER_GROUPS)
    figures = restated.dropna(subset=["group"])[["record_id", "table_id", "label", "group", "statistic", "restated"]]
    figures = figures.assign(group=with_statistics(figures["group"], figures["statistic"]))
    wages = reference.oews()
    trend = inflation.official_trend(wages, parameters.dollar_year)
    latest_year = official.latest_year(wages)
    latest = trend[trend["year"] == latest_year].set_index("percentile")["constant"]
    return figures.reset_index(drop=True), latest, latest_year


def in_words(group: str) -> str:
    """'By city (averages)' as a sentence says it: 'by city (averages)'."""
    return group.replace("By ", "by ", 1)


def dollars_answer(salaries: pd.DataFrame, parameters: Parameters) -> Prose:
    """The summary's answer in dollars: the range of the article's figures by level, city and credential or title
    in dollar_year dollars, against the official median of the latest May."""
    figures, official_percentiles, latest_year = answers_chart_data(salaries, parameters)
    spans = [
        f"{usd_range(rows['restated'].min(), rows['restated'].max(), COMPUTED_DOLLARS)} {in_words(group)}"
        for group, rows in figures.groupby("group", sort=False)
    ]
    return Prose(
        f"**In {parameters.dollar_year} dollars, the article's figures run {', '.join(spans[:-1])} and {spans[-1]}, "
        f"against an official median of {usd(official_percentiles[50])} (May {latest_year}).** Its undated tables "
        f"are taken as {parameters.undated_reference_year} dollars (parameter `undated_reference_year`), "
        f"{experience.point_clause(parameters, open_top=True)}; see {ref('figure', 'summary-answers')}."
    )


def percentile_table_caveat(salaries: pd.DataFrame) -> Prose:
    """The plain statement the summary owes its reader: the article's percentile table is not the BLS table of
    the period it implies, so it is read as the article's claim and the official table is the distribution."""
    from medical_coding_salaries.ingest import reference

    comparison = official.article_vs_official(salaries, reference.oews())
    year = official.article_year(salaries)
    differing = comparison[~comparison["matches"]]
    if differing.empty:
        return Prose(f"The article's percentile table matches the BLS May {year} estimates.")
    worst = differing.loc[differing["difference_usd"].abs().idxmax()]
    return Prose(
        f"The article's percentile table (T5) is not the BLS May {year} table it implies: "
        f"{len(differing)} of its {len(comparison)} percentiles differ from the official estimates, by up to "
        f"{usd(abs(worst['difference_usd']))} at the {ordinal(worst['percentile'])}. This report reads T5 as the "
        f"article's claim; where pay is set against the national distribution, the official one is the reference "
        f"([section](#section-official))."
    )


def findings_shown_in(section: str, salaries: pd.DataFrame, parameters: Parameters) -> list[Finding]:
    """The findings one section's notebook states: its own and those of the sections shown inside it (SHOWN_IN)."""
    names = {module: module.__name__.rsplit(".", 1)[-1] for module in SECTIONS}
    shown = [module for module, name in names.items() if SHOWN_IN.get(name, name) == section]
    compute = in_process(salaries)
    return [finding for module in shown for finding in compute(module, salaries, parameters)]


def headlines(found: list[Finding]) -> list[Finding]:
    """The findings the executive summary states; those a parameter switches off are left out."""
    by_id = {finding.id: finding for finding in found}
    return [by_id[name] for name in HEADLINES if name in by_id]


def section_link(finding: Finding) -> str:
    """A token the report turns into a link to the section that shows the finding."""
    return f"[section](#section-{SHOWN_IN.get(finding.section, finding.section)})"


def executive_summary(found: list[Finding]) -> Prose:
    """One bullet per headline finding, its sentence as computed, pointing to its section."""
    return Prose("\n".join(f"- {finding.sentence} ({section_link(finding)})" for finding in headlines(found)))


def findings_table(found: list[Finding]) -> pd.DataFrame:
    """Every finding with its id (as in findings.json), its value as shown and the rows it came from."""
    rows = [(finding.id, shown(finding.value, finding.unit), sources_text(finding.sources)) for finding in found]
    return pd.DataFrame(rows, columns=["Finding", "Value", "Sources"])


class FindingsDocument:
    """Every finding as JSON, each with its sensitivity over the robustness grid: the build writes this output of
    the summary notebook to report/findings.json, and logs the grid and its cost from the output's metadata (kept
    out of the document, so that two builds give the same bytes; nbval does not compare metadata)."""

    def __init__(self, found: list[Finding], parameters: Parameters) -> None:
        spread = robustness.sweep(parameters)
        self.document = {
            "parameters": parameters.as_dict(),
            "robustness": {"grid": {name: list(values) for name, values in robustness.GRID.items()}},
            "findings": [{**finding.as_dict(), "sensitivity": spread.sensitivity(finding)} for finding in found],
        }
        self.metadata = {"application/json": {"robustness": spread.describe()}}

    def _repr_mimebundle_(self, include: object = None, exclude: object = None) -> tuple[dict, dict]:
        data = {"application/json": self.document, "text/plain": f"{len(self.document['findings'])} findings"}
        return data, self.metadata


def findings_document(found: list[Finding], parameters: Parameters) -> FindingsDocument:
    """The JSON output the build turns into report/findings.json."""
    return FindingsDocument(found, parameters)


def robustness_summary(found: list[Finding], parameters: Parameters) -> Prose:
    """Which headline findings hold under every choice of the robustness grid, and which do not."""
    return robustness.summary_sentence(found, robustness.sweep(parameters))
