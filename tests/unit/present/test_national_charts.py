"""The national charts: built from the tested tables, labelled, with dollar ticks."""

import pytest
from matplotlib.figure import Figure

from medical_coding_salaries import parameters
from medical_coding_salaries.clean.salaries import clean_salaries
from medical_coding_salaries.ingest import reference
from medical_coding_salaries.present import show
from medical_coding_salaries.present.charts import city as city_charts
from medical_coding_salaries.present.charts import common
from medical_coding_salaries.present.charts import distribution as distribution_charts
from medical_coding_salaries.present.charts import official as official_charts
from medical_coding_salaries.sections import distribution, inflation, official, regional


@pytest.fixture(scope="module")
def salaries():
    show.use_report_style()
    return clean_salaries()


def render(fig: Figure, tmp_path, name: str) -> None:
    path = tmp_path / f"{name}.png"
    fig.savefig(path)
    assert path.stat().st_size > 10_000


def test_dollar_ticks():
    assert common.DOLLARS(45000, 0) == "$45,000"


def test_fit_chart(salaries, tmp_path):
    fit = distribution.fit_article(salaries)
    fig = distribution_charts.fit_chart(distribution.fit_errors(fit), distribution.fitted_curve(fit, 20000, 90000))
    ax = fig.axes[0]
    assert "USD" in ax.get_xlabel() and "Percentile" in ax.get_ylabel()
    assert len(ax.collections[0].get_offsets()) == 5
    assert any("90th: fit -$2,700" in text.get_text() for text in ax.texts)
    render(fig, tmp_path, "fit")


def test_placement_chart(salaries, tmp_path):
    placed = distribution.place_article(salaries)
    fig = distribution_charts.placement_chart(placed)
    ax = fig.axes[0]
    labels = [label.get_text() for label in ax.get_yticklabels()]
    assert len(labels) == len(placed) and labels[-1] == "T1.1  Entry level"
    assert ax.get_xlim() == (0, 100) and "percentile" in ax.get_xlabel()
    render(fig, tmp_path, "placement")


def test_official_bands_chart(tmp_path):
    wages = reference.oews()
    fig = official_charts.official_bands_chart(
        inflation.official_trend(wages, 2025), 2025, official.broader_group_years(wages)
    )
    nominal, constant = fig.axes
    assert "2025 dollars" in constant.get_title(loc="left")
    assert "USD" in nominal.get_ylabel()
    assert [label.get_text() for label in nominal.get_xticklabels()][0] == "2020*"
    render(fig, tmp_path, "bands")


def test_cities_chart_with_and_without_prices(salaries, tmp_path):
    adjusted = city_charts.cities_chart(regional.city_table(salaries, parameters.load()))
    nominal = city_charts.cities_chart(regional.city_figures(salaries))
    assert len(adjusted.axes[0].containers) == 2 and len(nominal.axes[0].containers) == 1
    assert "USD" in nominal.axes[0].get_xlabel()
    render(adjusted, tmp_path, "cities")
