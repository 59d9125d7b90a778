"""All findings of the report, gathered from each analysis module, and the executive summary."""

from __future__ import annotations

import pandas as pd

from .findings import Finding
from .parameters import Parameters


def all_findings(salaries: pd.DataFrame, parameters: Parameters) -> list[Finding]:
    """Every finding of every section, in report order."""
    return []
