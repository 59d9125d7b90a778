"""Where a salary sits among published percentiles, read between the published points themselves.

Between two neighbouring published percentiles, log-wage is taken as linear in the normal quantile of the
percentile: exact where pay is log-normal, and a figure equal to a published percentile lands on it exactly,
whatever the shape of the rest of the distribution. Beyond the lowest or highest published point there is
nothing to read between: the caller decides what to do (say "below the 10th", or extrapolate with a fitted
curve and say so).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from statistics import NormalDist

_STANDARD_NORMAL = NormalDist()


@dataclass(frozen=True)
class Placement:
    """A salary's percentile; `within` is False when it lies outside the published range (then `percentile`
    is the nearest published end, and `side` says which way it lies)."""

    percentile: float
    within: bool
    side: str = ""  # "below" or "above" when not within


def interpolated_percentile(salary: float, published: Mapping[int | float, float]) -> Placement:
    """The percentile of `salary` among `published` ({percentile: salary}, at least two points, salaries
    rising with the percentile), interpolated linearly in log-salary against the normal quantile."""
    points = sorted(published.items())
    if len(points) < 2:
        raise ValueError("at least two published percentiles are needed to interpolate between them")
    if any(later <= earlier for (_, earlier), (_, later) in zip(points, points[1:], strict=False)):
        raise ValueError(f"published salaries must rise with the percentile: {dict(points)}")
    if salary <= 0:
        raise ValueError(f"a salary must be positive, got {salary}")
    (lowest, lowest_salary), (highest, highest_salary) = points[0], points[-1]
    if salary < lowest_salary:
        return Placement(float(lowest), within=False, side="below")
    if salary > highest_salary:
        return Placement(float(highest), within=False, side="above")
    for (low_p, low_salary), (high_p, high_salary) in zip(points, points[1:], strict=False):
        if salary == low_salary:
            return Placement(float(low_p), within=True)
        if salary <= high_salary:
            share = (math.log(salary) - math.log(low_salary)) / (math.log(high_salary) - math.log(low_salary))
            low_z, high_z = _STANDARD_NORMAL.inv_cdf(low_p / 100), _STANDARD_NORMAL.inv_cdf(high_p / 100)
            return Placement(100 * _STANDARD_NORMAL.cdf(low_z + share * (high_z - low_z)), within=True)
    raise AssertionError("not reached: the salary lies within the published range")


INTERPOLATED = "between published percentiles"
EXTRAPOLATED = "beyond them, on the fitted log-normal"


def placed_percentile(
    salary: float, published: Mapping[int | float, float], fitted_percentile: float
) -> tuple[float, str]:
    """A salary's percentile: interpolated within the published range; beyond it, `fitted_percentile` (the
    fitted log-normal's), labelled as such. Returns the percentile and how it was found."""
    placement = interpolated_percentile(salary, published)
    if placement.within:
        return placement.percentile, INTERPOLATED
    return float(fitted_percentile), EXTRAPOLATED
