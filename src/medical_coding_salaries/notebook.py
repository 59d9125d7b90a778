"""The one call each notebook makes after its parameters cell."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .parameters import Parameters, load, validate
from .present import Prose, use_report_style

if TYPE_CHECKING:
    import pandas as pd


def start(**values: Any) -> Parameters:
    """Validate the notebook's parameters (on top of params.yaml's defaults) and apply the chart style."""
    parameters = validate({**load().as_dict(), **values}, source="notebook parameters")
    if "dollar_year" in values or "undated_reference_year" in values:
        from .inflation import check_parameter_years

        check_parameter_years(parameters, "notebook parameters")
    use_report_style()
    return parameters


def describe_cleaning(salaries: "pd.DataFrame", parameters: Parameters) -> Prose:
    """A paragraph, from the data, on what cleaning found."""
    ranges = salaries[salaries["is_range"]]
    open_tops = salaries[salaries["open_top"]]
    counts = salaries["statistic"].value_counts()
    tables = salaries["table_id"].nunique()
    return Prose(
        f"The {tables} tables and prose figures hold {len(salaries)} figures; {len(ranges)} are ranges, "
        f"{len(open_tops)} of them open-topped ({', '.join(open_tops['raw_amount'])}). "
        f"Each range becomes one number by its **{parameters.range_point}**"
        + (f", with an open top raised by a factor of {parameters.open_top_factor:g}" if parameters.open_top_factor != 1 else ", an open top taken at its stated ceiling")
        + ". By the article's own wording, "
        + ", ".join(f"{count} are {statistic}s" if statistic != "unstated" else f"{count} are not said" for statistic, count in counts.items())
        + "."
    )
