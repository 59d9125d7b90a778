"""Experience levels: hand-computed checks against the article's T1 and T2 (data/raw, cleaned)."""

from __future__ import annotations

import pytest

from medical_coding_salaries.clean.salaries import clean_salaries
from medical_coding_salaries.findings import PRECISION, rounded
from medical_coding_salaries.present.numbers import ratio
from medical_coding_salaries.sections import experience, experience_tables
from medical_coding_salaries.sections.summary import HEADLINES

from conftest import findings_by_id, parameters_with


def test_levels_puts_both_tables_side_by_side_in_level_order(salaries):
    frame = experience.levels(salaries)
    assert list(zip(frame["level"], frame["table_id"], strict=True)) == [
        ("entry", "T1"),
        ("entry", "T2"),
        ("mid", "T1"),
        ("mid", "T2"),
        ("experienced", "T1"),
        ("experienced", "T2"),
        ("senior", "T2"),
    ]
    entry_t1 = frame.iloc[0]
    assert (entry_t1["low"], entry_t1["high"], entry_t1["point"]) == (34000, 42000, 38000)
    senior = frame.iloc[-1]
    assert (senior["low"], senior["high"], bool(senior["open_top"])) == (70000, 90000, True)
    assert frame["sources"].tolist()[-1] == ("T2.4",)


def test_step_ups_by_point_value(salaries):
    frame = experience.step_ups(salaries).set_index(["table_id", "from", "to"])
    assert frame.loc[("T1", "entry", "mid"), "step_usd"] == 10500  # 48,500 - 38,000
    assert frame.loc[("T1", "entry", "mid"), "step_pct"] == pytest.approx(10500 / 38000 * 100)
    assert frame.loc[("T2", "experienced", "senior"), "step_usd"] == 17500  # 80,000 - 62,500
    assert frame.loc[("T2", "experienced", "senior"), "step_pct"] == pytest.approx(28.0)
    assert frame.loc[("T2", "experienced", "senior"), "sources"] == ("T2.3", "T2.4")
    assert len(frame) == 5  # T1 has two steps, T2 three


@pytest.mark.parametrize(
    ("range_point", "factor", "expected"),
    [
        ("midpoint", 1.0, 80000 / 40000),
        ("low", 1.0, 70000 / 35000),
        ("high", 1.0, 90000 / 45000),
        ("midpoint", 1.2, (70000 + 108000) / 2 / 40000),  # 2.225
    ],
)
def test_entry_to_senior_multiple(range_point, factor, expected):
    found = findings_by_id(
        experience.findings(
            clean_salaries(range_point, factor), parameters_with(range_point=range_point, open_top_factor=factor)
        )
    )
    finding = found["experience.entry_to_senior.multiple"]
    # Findings hold their value at the unit's declared precision (findings.PRECISION): two decimals for a ratio.
    assert finding.value == rounded(expected, "ratio")
    assert type(finding.value) is float
    assert ratio(finding.value) in finding.sentence
    assert finding.sources == ("T2.1", "T2.4")


def test_range_point_changes_entry_to_experienced_numbers_and_sentences():
    midpoint = findings_by_id(experience.findings(clean_salaries("midpoint"), parameters_with()))[
        "experience.entry_to_experienced.multiple.T1"
    ]
    low = findings_by_id(experience.findings(clean_salaries("low"), parameters_with(range_point="low")))[
        "experience.entry_to_experienced.multiple.T1"
    ]
    assert midpoint.value == rounded(62500 / 38000, "ratio")
    assert low.value == rounded(55000 / 34000, "ratio")
    assert "its midpoint" in midpoint.sentence and "its low end" in low.sentence
    assert "1.64×" in midpoint.sentence and "1.62×" in low.sentence


def test_disagreement_per_level_and_bound(salaries):
    frame = experience.disagreement(salaries).set_index(["level", "bound"])
    assert frame.loc[("entry", "low"), "difference_usd"] == 1000  # 35,000 vs 34,000
    assert frame.loc[("entry", "high"), "difference_usd"] == 3000  # 45,000 vs 42,000
    assert frame.loc[("mid", "low"), "difference_usd"] == 3000  # 45,000 vs 42,000
    assert frame.loc[("entry", "high"), "difference_pct"] == pytest.approx(3000 / 42000 * 100)
    assert (frame.loc[[("mid", "high"), ("experienced", "low"), ("experienced", "high")], "difference_usd"] == 0).all()
    assert "senior" not in frame.index.get_level_values("level")  # only T2 has it
    assert frame.loc[("entry", "low"), "sources"] == ("T1.1", "T2.1")


def test_max_disagreement_finding(salaries):
    finding = findings_by_id(experience.findings(salaries, parameters_with()))["experience.tables_max_disagreement.usd"]
    assert finding.value == 3000.0 and finding.unit == "usd" and finding.id in HEADLINES
    assert "$3,000" in finding.sentence
    assert set(finding.sources) == {"T1.1", "T2.1", "T1.2", "T2.2"}


def test_consensus_band_is_the_mean_of_the_tables_and_says_so(salaries):
    frame = experience.consensus(salaries).set_index("level")
    assert (frame.at["entry", "low"], frame.at["entry", "high"]) == (34500, 43500)
    assert frame.at["mid", "point"] == pytest.approx((48500 + 50000) / 2)
    assert frame.at["entry", "tables"] == ("T1", "T2") and "mean of T1 and T2" in frame.at["entry", "method"]
    assert frame.at["senior", "tables"] == ("T2",) and frame.at["senior", "method"].startswith("T2 only")
    assert bool(frame.at["senior", "open_top"])
    assert frame.at["entry", "sources"] == ("T1.1", "T2.1")


def test_findings_are_typed_sectioned_and_traced(salaries):
    found = experience.findings(salaries, parameters_with())
    assert len({finding.id for finding in found}) == len(found)
    assert 1 <= sum(finding.id in HEADLINES for finding in found) <= 2
    record_ids = set(salaries["record_id"])
    for finding in found:
        # Whole units (dollars) are stored as int, the others as float.
        assert type(finding.value) is (int if PRECISION[finding.unit] == 0 else float)
        assert finding.section == "experience"
        assert finding.sources and set(finding.sources) <= record_ids


def test_point_rule_prose_states_the_open_top_treatment():
    as_stated = experience.describe_point_rule(clean_salaries("midpoint", 1.0), parameters_with()).text
    raised = experience.describe_point_rule(clean_salaries("midpoint", 1.2), parameters_with(open_top_factor=1.2)).text
    assert "its midpoint" in as_stated and "taken as stated" in as_stated and "$80,000" in as_stated
    assert "1.2" in raised and "$108,000" in raised and "$89,000" in raised


def test_disagreement_prose_names_the_differing_bounds(salaries):
    text = experience.describe_disagreement(salaries).text
    assert "agree on 3 of their 6 bounds" in text
    assert "+$3,000" in text and "+$1,000" in text and "senior-level" in text


def test_views_are_formatted_for_readers(salaries):
    view = experience_tables.levels_view(salaries)
    assert view["High"].tolist()[-1] == "$90,000+"
    assert view["Years"].tolist()[:2] == ["", "0–2 years"]
    steps = experience_tables.step_ups_view(salaries)
    assert steps["Step-up"].iloc[0] == "+$10,500" and steps["Step-up (%)"].iloc[0] == "+27.6%"
    assert experience_tables.disagreement_view(salaries)["T2 − T1"].iloc[1] == "+$3,000"
    assert experience_tables.multiples_view(salaries)["Multiple of entry"].tolist() == ["1.64×", "1.56×", "2.00×"]
    assert "How formed" in experience_tables.consensus_view(salaries).columns


def test_the_section_answer_gives_each_level_s_pay_in_each_table(salaries, params):
    text = experience.describe_pay_by_level(salaries, params).text
    # T1.1 $34,000-$42,000 and T2.1 $35,000-$45,000 at their midpoints; T2.4 $70,000-$90,000+ at its stated ceiling.
    assert "an entry-level coder $38,000 (T1) or $40,000 (T2)" in text
    assert "an experienced coder $62,500 in both tables" in text
    assert "a senior-level coder $80,000 (T2 only)" in text and "the open top at its stated ceiling" in text
