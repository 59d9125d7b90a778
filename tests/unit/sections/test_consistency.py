"""Where the article contradicts itself: hand-checked differences."""

import pytest

from medical_coding_salaries import parameters
from medical_coding_salaries.findings import rounded
from medical_coding_salaries.sections import consistency, consistency_checks

from conftest import findings_by_id


@pytest.fixture(scope="module")
def table(salaries):
    return consistency_checks.contradictions(salaries)


def row(table, quantity):
    rows = table[table["quantity"] == quantity]
    assert len(rows) == 1, quantity
    return rows.iloc[0]


def test_experience_tables_compared_bound_by_bound(table):
    entry_high = row(table, "Entry level: high end")
    assert (entry_high["record_a"], entry_high["record_b"]) == ("T1.1", "T2.1")
    assert (entry_high["value_a"], entry_high["value_b"]) == (42000, 45000)
    assert entry_high["difference_usd"] == 3000
    assert entry_high["difference_pct"] == pytest.approx(3000 / 42000 * 100)
    assert entry_high["kind"] == consistency_checks.DIFFERENT
    assert row(table, "Entry level: low end")["difference_usd"] == 1000
    assert row(table, "Mid-level: low end")["difference_usd"] == 3000
    for quantity in ("Mid-level: high end", "Experienced: low end", "Experienced: high end"):
        assert row(table, quantity)["kind"] == consistency_checks.AGREE
    assert row(table, "Entry level: low end")["label_b"] == "Entry-Level (0-2 years)"


def test_credential_tables(table):
    cpc, ccs = row(table, "CPC: median salary"), row(table, "CCS: median salary")
    assert (cpc["value_a"], cpc["value_b"], cpc["difference_usd"]) == (50000, 51426, 1426)
    assert ccs["difference_usd"] == 3061
    assert ccs["difference_pct"] == pytest.approx(5.1017, abs=1e-4)


def test_prose_and_table_medians_agree(table):
    median = row(table, "National median")
    assert (median["record_a"], median["record_b"]) == ("P1.1", "T5.3")
    assert median["kind"] == consistency_checks.AGREE and median["difference_usd"] == 0


def test_summary_range_against_quartiles_and_bands(table):
    low = row(table, "National range low end vs 25th percentile")
    assert (low["value_a"], low["value_b"], low["difference_usd"]) == (34610, 43000, 8390)
    assert row(table, "National range high end vs 75th percentile")["difference_usd"] == 410
    assert row(table, "National range high end vs T2 high end")["value_a"] == 90000
    assert row(table, "National range low end vs T1 low end")["difference_usd"] == 9000


def test_averages_beside_the_median(table):
    averages = table[table["kind"] == consistency_checks.AVERAGE_VS_MEDIAN].set_index("record_b")
    assert set(averages.index) == {"T3.1", "T3.2", "T3.3", "T3.4", "P2.2"}
    assert averages.loc["T3.1", "difference_usd"] == 55000 - 44090
    assert averages.loc["T3.4", "difference_usd"] == 910


def test_reference_periods(table):
    undated = table[table["kind"] == consistency_checks.UNDATED]
    assert [records.split(".")[0] for records in undated["record_a"]] == ["T1", "T2", "T3", "T4", "T6", "P2"]
    implied = table[table["kind"] == consistency_checks.IMPLIED]
    assert implied["record_a"].tolist() == ["T5.1, T5.2, T5.3, T5.4, T5.5"]
    assert table[table["kind"] == consistency_checks.MISLABELLED]["label_a"].str.contains("Average").all()
    assert undated["difference_usd"].isna().all()


def test_every_record_exists(salaries, table):
    known = set(salaries["record_id"])
    for column in ("record_a", "record_b"):
        records = {record for cell in table[column] if cell for record in cell.split(", ")}
        assert records <= known


def test_findings(salaries):
    found = findings_by_id(consistency.findings(salaries, parameters.load()))
    share = found["consistency.disagreements.share.pct"]
    # Findings hold their value at the unit's declared precision (findings.PRECISION): one decimal for a percent.
    assert share.value == rounded(5 / 9 * 100, "percent")
    assert share.extra == {"pairs": 9, "disagreements": 5}
    assert found["consistency.largest_disagreement.usd"].value == 3061
    assert found["consistency.largest_disagreement.usd"].sources == ("T4.2", "T6.2")
    assert found["consistency.largest_disagreement.pct"].value == rounded(3000 / 42000 * 100, "percent")
    assert found["consistency.bls_median.difference.usd"].value == 0
    assert "agree" in found["consistency.bls_median.difference.usd"].sentence
    assert found["consistency.undated.share.pct"].value == 75
    assert all(finding.section == "consistency" for finding in found.values())


def test_the_pairs_chart_shows_every_quantity_stated_twice(salaries):
    from medical_coding_salaries.present.charts.consistency import describe_pairs_chart, pairs_chart

    data = consistency.pairs_chart_data(consistency_checks.paired(consistency_checks.contradictions(salaries)))
    assert data["row_label"].tolist()[:2] == ["Entry level: low end (T1 vs T2)", "Entry level: high end (T1 vs T2)"]
    assert data["row_label"].iloc[-1] == "National median (P1 vs T5)"
    # T1.1's high end $42,000 against T2.1's $45,000; T4.2 $60,000 against T6.2 $63,061.
    assert data.iloc[1][["value_a", "value_b"]].tolist() == [42000, 45000]
    axis = pairs_chart(data).axes[0]
    labels = [text.get_text() for text in axis.texts]
    assert len(axis.get_yticklabels()) == len(data) == 9
    assert r"+\$3,000 (+7.1%)" in labels and r"+\$3,061 (+5.1%)" in labels and labels.count("same figure") == 4
    assert [text.get_text() for text in axis.get_legend().get_texts()] == [
        "First figure (T1, T4, P1)",
        "Second figure (T2, T6, T5)",
        "Same in both",
    ]
    assert "CCS: median salary (T4 vs T6): $60,000 against $63,061, +$3,061 (+5.1%)" in describe_pairs_chart(data)
    view = consistency.paired_view(consistency_checks.paired(consistency_checks.contradictions(salaries)))
    assert list(view.columns) == ["Quantity", "Figure A", "Figure B", "B minus A", "Note"]  # the values: the chart
    assert view["B minus A"].tolist()[:4] == ["+$1,000 (+2.9%)", "+$3,000 (+7.1%)", "+$3,000 (+7.1%)", "same figure"]
