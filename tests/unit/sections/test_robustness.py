"""Robustness: the grid and what 'holds' means (the sweep over the grid is tested in tests/build/)."""

from __future__ import annotations

from medical_coding_salaries.findings import Finding
from medical_coding_salaries.sections import robustness

from conftest import parameters_with


def test_the_grid_has_18_combinations_and_keeps_the_other_parameters():
    chosen = robustness.combinations(parameters_with(profile_city="Houston", dollar_year=2024))
    assert len(chosen) == robustness.COMBINATIONS == 18
    assert {(c.range_point, c.open_top_factor, c.undated_reference_year) for c in chosen} == {
        (point, factor, year)
        for point in ("low", "midpoint", "high")
        for factor in (1.0, 1.5)
        for year in (2020, 2021, 2022)
    }
    assert {(c.profile_city, c.dollar_year) for c in chosen} == {("Houston", 2024)}


def test_claims_compare_direction_and_named_positions():
    above = Finding("x.percentile", 93, "percentile", "s", (), "x", extra={"position": "above the 90th"})
    within = Finding("x.percentile", 87, "percentile", "s", (), "x", extra={"position": "within"})
    assert robustness.claim(above) != robustness.claim(within)
    assert robustness.direction(Finding("r", 0.9, "ratio", "s", (), "x")) == -1
    assert robustness.direction(Finding("p", -6.8, "percent", "s", (), "x")) == -1
