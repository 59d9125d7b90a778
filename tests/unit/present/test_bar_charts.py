"""Chart data for the experience, city and credential charts (not pixels), and that each chart builds."""

from __future__ import annotations

import pytest
from matplotlib.figure import Figure

from medical_coding_salaries.clean.salaries import clean_salaries
from medical_coding_salaries.present import show
from medical_coding_salaries.present.charts.certification import credential_chart, describe_credential_chart
from medical_coding_salaries.present.charts.city import city_chart, describe_city_chart
from medical_coding_salaries.present.charts.experience import describe_experience_chart, experience_chart
from medical_coding_salaries.sections import certification, city, experience


def legend_texts(fig: Figure) -> list[str]:
    return [text.get_text() for text in fig.axes[0].get_legend().get_texts()]


def vertical_lines(fig: Figure) -> list[float]:
    """x positions of the vertical reference lines drawn across the axes."""
    return [
        line.get_xdata()[0]
        for line in fig.axes[0].lines
        if len(set(line.get_xdata())) == 1 and len(line.get_xdata()) == 2
    ]


def test_experience_data_carries_the_open_top(salaries):
    data = experience.chart_data(salaries)
    open_rows = data[data["open_top"]]
    assert open_rows["sources"].tolist() == [("T2.4",)]
    senior = open_rows.iloc[0]
    assert senior["drawn_to"] > senior["high"] == 90000
    closed = data[~data["open_top"]]
    assert (closed["drawn_to"] == closed["high"]).all()


def test_open_top_drawn_past_a_raised_point():
    data = experience.chart_data(clean_salaries("high", 1.2))
    senior = data[data["open_top"]].iloc[0]
    assert senior["point"] == pytest.approx(108000)
    assert senior["drawn_to"] > senior["point"]


def test_experience_chart_marks_tables_point_and_open_top(salaries):
    fig = experience_chart(experience.chart_data(salaries), "midpoint")
    assert isinstance(fig, Figure)
    texts = legend_texts(fig)
    assert {"T1", "T2"} <= set(texts)
    assert "Point value (midpoint)" in texts and any(text.startswith("Open top") for text in texts)
    assert fig.axes[0].xaxis.get_major_formatter()(45000, 0) == r"\$45,000"
    assert "(USD)" in fig.axes[0].get_xlabel()


def test_city_reference_lines_sit_at_the_national_figures(salaries):
    lines = city.reference_lines(salaries, "national_median").set_index("reference")
    assert lines.at["national_median", "value"] == 44090
    assert (lines.at["range_low", "value"], lines.at["range_high", "value"]) == (43000, 57000)
    assert bool(lines.at["national_median", "is_baseline"])
    assert not city.reference_lines(salaries, "Houston")["is_baseline"].any()


def test_city_chart_draws_the_median_line_and_flags_the_baseline_city(salaries):
    data = city.chart_data(salaries, "Houston")
    assert data.loc[data["is_baseline"], "city_name"].tolist() == ["Houston"]
    fig = city_chart(data, city.reference_lines(salaries, "Houston"), "Houston")
    assert 44090 in vertical_lines(fig)
    texts = legend_texts(fig)
    assert any("National median" in text for text in texts) and "Baseline: Houston" in texts
    assert fig.axes[0].get_xlabel() == "Average annual salary (USD)"


def test_credential_data_flags_the_baseline_in_each_table(salaries):
    data = certification.chart_data(salaries, "CPC")
    assert data.loc[data["is_baseline"], ["table_id", "salary"]].values.tolist() == [["T4", 50000], ["T6", 51426]]
    assert data["role"].iloc[0] == "Coding Auditor"  # highest figure first
    fig = credential_chart(data)
    assert sorted(vertical_lines(fig)) == [50000, 51426]
    assert "T6 baseline: CPC (\\$51,426)" in legend_texts(fig)


def test_credential_baseline_only_in_one_table(salaries):
    fig = credential_chart(certification.chart_data(salaries, "Medical Records Coder"))
    assert vertical_lines(fig) == [45858]


def test_descriptions_give_the_numbers(salaries):
    assert "$90,000+ (open top)" in describe_experience_chart(experience.chart_data(salaries))
    assert "$44,090" in describe_city_chart(
        city.chart_data(salaries, "national_median"), city.reference_lines(salaries, "national_median")
    )
    assert "$63,061" in describe_credential_chart(certification.chart_data(salaries, "CCS"), "CCS")


def test_a_chart_is_drawn_once_into_the_pixels_savefig_would_write(salaries):
    """show.figure draws a chart once (savefig lays it out in a draw of its own first), and stores an opaque chart
    without its alpha channel: the pixels must not change."""
    import base64
    import io

    import numpy as np
    from PIL import Image

    def chart() -> Figure:
        return experience_chart(experience.chart_data(salaries), "midpoint")

    saved = io.BytesIO()
    chart().savefig(saved, format="png", dpi=show.CHART_DPI, metadata={"Software": None})
    shown = Image.open(
        io.BytesIO(base64.b64decode(show.figure(chart(), "experience", "Experience").description["image"]))
    )
    expected = np.asarray(Image.open(saved))
    assert shown.mode == "RGB"
    assert tuple(map(round, shown.info["dpi"])) == (show.CHART_DPI, show.CHART_DPI)
    assert (expected[..., 3] == show.OPAQUE).all()
    assert np.array_equal(np.asarray(shown), expected[..., :3])


def test_a_chart_with_transparent_pixels_keeps_its_alpha_channel():
    import base64
    import io

    import numpy as np
    from PIL import Image

    fig = Figure(figsize=(2, 1))
    fig.patch.set_alpha(0.0)
    fig.add_subplot().plot([0, 1], [0, 1])
    shown = Image.open(io.BytesIO(base64.b64decode(show.figure(fig, "clear", "Clear").description["image"])))
    assert shown.mode == "RGBA"
    assert np.asarray(shown)[..., 3].min() < show.OPAQUE
