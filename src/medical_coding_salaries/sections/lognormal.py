"""A log-normal fitted to published percentiles by least squares on log-quantiles: log(q_p) = mu + sigma * Phi^-1(p).

mu is the log of the fitted median and sigma the spread of log pay; the residuals show how far pay is from
log-normal, and the fitted curve gives a percentile for any salary.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np

# The standard normal from the standard library: its CDF and quantile agree with scipy.special's ndtr and ndtri to
# the last bit or two (a test compares them); importing scipy for them would cost each build a fifth of a second.
_STANDARD = NormalDist()


def _quantile(probability: float) -> float:
    if math.isnan(probability) or 0 < probability < 1:
        return _STANDARD.inv_cdf(probability) if not math.isnan(probability) else math.nan
    return -math.inf if probability <= 0 else math.inf


def ndtri(probabilities: float | np.ndarray) -> np.ndarray:
    """The standard normal quantile, element by element (-inf at 0, inf at 1, as scipy.special.ndtri)."""
    return np.vectorize(_quantile, otypes=[float])(probabilities)[()]


def ndtr(values: float | np.ndarray) -> np.ndarray:
    """The standard normal CDF, element by element."""
    return np.vectorize(_STANDARD.cdf, otypes=[float])(values)[()]


@dataclass(frozen=True)
class LogNormalFit:
    """mu and sigma of log pay, fitted to (percentile, value) pairs."""

    mu: float
    sigma: float
    percentiles: tuple[float, ...]
    values: tuple[float, ...]
    r_squared: float

    @property
    def median(self) -> float:
        return float(np.exp(self.mu))

    @property
    def mean(self) -> float:
        return float(np.exp(self.mu + self.sigma**2 / 2))

    def quantile(self, percentile: float | np.ndarray) -> np.ndarray:
        """Salary at a percentile (0-100)."""
        return np.exp(self.mu + self.sigma * ndtri(np.asarray(percentile, dtype=float) / 100))

    def density(self, salary: float | np.ndarray) -> np.ndarray:
        """The fitted log-normal's probability density at a salary (per dollar)."""
        salary = np.asarray(salary, dtype=float)
        return np.exp(-((np.log(salary) - self.mu) ** 2) / (2 * self.sigma**2)) / (
            salary * self.sigma * np.sqrt(2 * np.pi)
        )

    def percentile_of(self, salary: float | np.ndarray) -> np.ndarray:
        """Implied national percentile (0-100) of a salary: the fitted CDF times 100."""
        return ndtr((np.log(np.asarray(salary, dtype=float)) - self.mu) / self.sigma) * 100


def fit_lognormal(percentiles: Sequence[float], values: Sequence[float]) -> LogNormalFit:
    """Fit log(q_p) = mu + sigma * Phi^-1(p) by least squares; percentiles are 0-100."""
    if len(percentiles) != len(values) or len(values) < 2:
        raise ValueError(f"need at least two (percentile, value) pairs, got {len(percentiles)} and {len(values)}")
    z = ndtri(np.asarray(percentiles, dtype=float) / 100)
    log_values = np.log(np.asarray(values, dtype=float))
    sigma, mu = np.polyfit(z, log_values, 1)
    residuals = log_values - (mu + sigma * z)
    r_squared = 1 - float(residuals @ residuals) / float(((log_values - log_values.mean()) ** 2).sum())
    return LogNormalFit(float(mu), float(sigma), tuple(map(float, percentiles)), tuple(map(float, values)), r_squared)
