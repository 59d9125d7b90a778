"""The one call each notebook makes after its parameters cell."""

from __future__ import annotations

from typing import Any

from medical_coding_salaries.parameters import Parameters, load, validate
from medical_coding_salaries.present.show import use_report_style


def start(**values: Any) -> Parameters:
    """Validate the notebook's parameters (on top of params.yaml's defaults) and apply the chart style."""
    parameters = validate({**load().as_dict(), **values}, source="notebook parameters")
    if "dollar_year" in values or "undated_reference_year" in values:
        from medical_coding_salaries.ingest.cpi import check_parameter_years

        check_parameter_years(parameters, "notebook parameters")
    use_report_style()
    return parameters
