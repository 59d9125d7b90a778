"""The one call each notebook makes after its parameters cell."""

from __future__ import annotations

from typing import Any

from .parameters import Parameters, load, validate
from .present import use_report_style


def start(**values: Any) -> Parameters:
    """Validate the notebook's parameters (on top of params.yaml's defaults) and apply the chart style."""
    parameters = validate({**load().as_dict(), **values}, source="notebook parameters")
    use_report_style()
    return parameters
