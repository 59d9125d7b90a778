"""Placing a salary between published percentiles: hand-computed cases."""

from __future__ import annotations

import math
from statistics import NormalDist

import pytest

from medical_coding_salaries.sections.interpolation import Placement, interpolated_percentile

# The article's percentile table (data/raw/05_bls_percentiles.csv).
ARTICLE = {10: 28260, 25: 34610, 50: 44090, 75: 56590, 90: 76370}


@pytest.mark.parametrize(("percentile", "salary"), ARTICLE.items())
def test_a_published_percentile_lands_exactly_on_itself(percentile: int, salary: int) -> None:
    assert interpolated_percentile(salary, ARTICLE) == Placement(pytest.approx(percentile, abs=1e-9), within=True)


def test_the_bls_median_sits_at_the_50th_percentile_of_the_article_table() -> None:
    # The prose's BLS median, $44,090, equals the table's 50th percentile: exactly the 50th, where the fitted
    # log-normal put it at the 48th.
    assert interpolated_percentile(44090, ARTICLE).percentile == pytest.approx(50)


def test_between_two_points_by_hand() -> None:
    # $50,000 between the 50th ($44,090, z = 0) and the 75th ($56,590, z = 0.67449):
    share = (math.log(50000) - math.log(44090)) / (math.log(56590) - math.log(44090))  # 0.5040
    expected = 100 * NormalDist().cdf(share * NormalDist().inv_cdf(0.75))  # 63.09
    assert interpolated_percentile(50000, ARTICLE).percentile == pytest.approx(expected)
    assert 63.2 < expected < 63.4


def test_monotone_between_the_published_points() -> None:
    salaries = range(28260, 76371, 37)
    placed = [interpolated_percentile(salary, ARTICLE).percentile for salary in salaries]
    assert all(later > earlier for earlier, later in zip(placed, placed[1:], strict=False))
    assert placed[0] == pytest.approx(10) and 89.9 < placed[-1] <= 90


def test_outside_the_published_range_says_which_side() -> None:
    assert interpolated_percentile(80000, ARTICLE) == Placement(90.0, within=False, side="above")
    assert interpolated_percentile(20000, ARTICLE) == Placement(10.0, within=False, side="below")


@pytest.mark.parametrize(
    ("published", "message"),
    [({50: 44090}, "at least two"), ({10: 30000, 50: 29000}, "must rise")],
)
def test_bad_published_tables_are_refused(published: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        interpolated_percentile(40000, published)
