"""The national charts: built from the tested tables, labelled, with dollar ticks."""

import pytest
from matplotlib.figure import Figure

from medical_coding_salaries import charts_national, distribution, inflation, official, parameters, present, regional
from medical_coding_salaries.clean import clean_salaries


@pytest.fixture(scope="module")
def salaries():
    present.use_report_style()
    return clean_salaries()


def render(fig: Figure, tmp_path, name: str) -> None:
    path = tmp_path / f"{name}.png"
    fig.savefig(path)
    assert path.stat().st_size > 10_000


def test_dollar_ticks():
    assert charts_national.DOLLARS(45000, 0) == "$45,000"


def test_fit_chart(salaries, tmp_path):
    fit = distribution.fit_article(salaries)
    fig = charts_national.fit_chart(distribution.fit_errors(fit), distribution.fitted_curve(fit, 20000, 90000))
    ax = fig.axes[0]
    assert "USD" in ax.get_xlabel() and "Percentile" in ax.get_ylabel()
    assert len(ax.collections[0].get_offsets()) == 5
    assert any("90th: fit -$2,728" in text.get_text() for text in ax.texts)
    render(fig, tmp_path, "fit")


def test_placement_chart(salaries, tmp_path):
    placed = distribution.place_article(salaries)
    fig = charts_national.placement_chart(placed)
    ax = fig.axes[0]
    labels = [label.get_text() for label in ax.get_yticklabels()]
    assert len(labels) == len(placed) and labels[-1] == "T1.1  Entry level"
    assert ax.get_xlim() == (0, 100) and "percentile" in ax.get_xlabel()
    render(fig, tmp_path, "placement")


def test_official_bands_chart(tmp_path):
    wages = official.oews()
    fig = charts_national.official_bands_chart(inflation.official_trend(wages, 2025), 2025, official.broader_group_years(wages))
    nominal, constant = fig.axes
    assert "2025 dollars" in constant.get_title(loc="left")
    assert "USD" in nominal.get_ylabel()
    assert [label.get_text() for label in nominal.get_xticklabels()][0] == "2020*"
    render(fig, tmp_path, "bands")


def test_cities_chart_with_and_without_prices(salaries, tmp_path):
    adjusted = charts_national.cities_chart(regional.city_table(salaries, parameters.load()))
    nominal = charts_national.cities_chart(regional.city_figures(salaries))
    assert len(adjusted.axes[0].containers) == 2 and len(nominal.axes[0].containers) == 1
    assert "USD" in nominal.axes[0].get_xlabel()
    render(adjusted, tmp_path, "cities")
