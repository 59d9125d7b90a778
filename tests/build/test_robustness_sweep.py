"""The robustness sweep: one finding's sensitivity over the grid computed by hand, and which headlines hold.

Build-level: a sweep re-runs every section's findings for each of the 18 combinations, as the summary notebook
does for findings.json (seconds, once per session: the sweep is cached per parameters)."""

from __future__ import annotations

from medical_coding_salaries.findings import Finding
from medical_coding_salaries.sections import robustness, summary

from conftest import parameters_with


def test_senior_multiple_over_the_grid_by_hand(salaries, params):
    # T2: entry $35,000–$45,000, senior $70,000–$90,000+. low: 70,000/35,000 = 2.00; midpoint: 80,000/40,000 = 2.00,
    # or with the open top x1.5 (70,000+135,000)/2 / 40,000 = 2.5625; high: 90,000/45,000 = 2.00, or 135,000/45,000
    # = 3.00. The year of the undated tables changes nothing in a ratio within one table.
    spread = robustness.sweep(params)
    values = spread.values("experience.entry_to_senior.multiple")
    assert sorted(set(values)) == [2.0, 2.56, 3.0]
    assert values.count(2.0) == 12 and values.count(2.56) == 3 and values.count(3.0) == 3
    finding = {f.id: f for f in summary.all_findings(salaries, params)}["experience.entry_to_senior.multiple"]
    assert spread.sensitivity(finding) == {"low": 2.0, "high": 3.0, "runs": 18}
    assert robustness.holds(finding, spread)


def test_the_build_s_own_value_is_inside_its_sensitivity():
    spread = robustness.sweep(parameters_with())
    outside = Finding("experience.entry_to_senior.multiple", 3.5, "ratio", "s", ("T2.1",), "experience")
    assert spread.sensitivity(outside) == {"low": 2.0, "high": 3.5, "runs": 18}
    absent = Finding("made.up.pct", 1.0, "percent", "s", (), "x")
    assert spread.sensitivity(absent) == {"low": 1.0, "high": 1.0, "runs": 0}
    assert not robustness.holds(absent, spread)


def test_summary_says_which_headlines_hold(salaries, params):
    found = summary.all_findings(salaries, params)
    text = summary.robustness_summary(found, params).text
    assert "8 hold under every one of the 18 combinations" in text
    assert "the senior level's national percentile does not" in text
