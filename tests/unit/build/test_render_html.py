"""Rendering: numbered sections and captions, cross-references, escaping of data, offline pages."""

import nbformat
import pandas as pd
import pytest
from matplotlib.figure import Figure

from medical_coding_salaries.build import render_html
from medical_coding_salaries.build.title_page import TitlePage
from medical_coding_salaries.present import show


def notebook_with(*cells) -> nbformat.NotebookNode:
    return nbformat.v4.new_notebook(cells=list(cells))


def displayed(obj) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell("x")
    bundle = obj._repr_mimebundle_()
    cell.outputs = [nbformat.v4.new_output("display_data", data=bundle)]
    return cell


def page(*cells) -> str:
    title_page = TitlePage("Title", "Subtitle", [("Built", "2026-01-01")])
    return render_html.to_html(render_html.merge([notebook_with(*cells)]), title_page)


def test_sections_and_captions_are_numbered_in_order_and_listed_in_contents() -> None:
    html = page(
        nbformat.v4.new_markdown_cell("# First\n\nSee " + show.ref("table", "b") + "."),
        displayed(show.table(pd.DataFrame({"a": [1]}), "a", "Alpha")),
        nbformat.v4.new_markdown_cell("## Sub"),
        nbformat.v4.new_markdown_cell("# Second"),
        displayed(show.table(pd.DataFrame({"b": [2]}), "b", "Beta")),
        displayed(show.figure(Figure(), "chart", "Gamma")),
        nbformat.v4.new_markdown_cell("As " + show.ref("figure", "chart") + " shows."),
    )
    assert '<span class="section-number">1</span>First' in html
    assert '<span class="section-number">1.1</span>Sub' in html
    assert '<span class="section-number">2</span>Second' in html
    assert '<span class="caption-label">Table 1.</span> Alpha' in html
    assert '<span class="caption-label">Table 2.</span> Beta' in html
    assert '<a class="ref" href="#table-b">Table 2</a>' in html
    assert '<span class="caption-label">Figure 1.</span> Gamma' in html
    assert '<a class="ref" href="#figure-chart">Figure 1</a>' in html
    assert (
        html.index('href="#sec-1"')
        < html.index('href="#sec-1-1"')
        < html.index('href="#sec-2"')
        < html.index('id="sec-1"')
    )


def test_reference_to_a_missing_table_is_an_error() -> None:
    from medical_coding_salaries.errors import BuildInputError

    with pytest.raises(BuildInputError, match="a notebook refers to table 'nowhere', which no notebook shows"):
        page(nbformat.v4.new_markdown_cell("# A\n\n" + show.ref("table", "nowhere")))


def test_text_from_data_is_escaped_everywhere() -> None:
    evil = "<script>alert(1)</script>"
    html = page(
        nbformat.v4.new_markdown_cell("# Section"),
        displayed(show.table(pd.DataFrame({"label": [evil]}), "evil", f"Caption {evil}")),
        displayed(show.Prose(f"A sentence naming {evil}.")),
    )
    assert "<script" not in html
    assert html.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 3


def test_parameters_cells_and_code_are_not_shown() -> None:
    parameters = nbformat.v4.new_code_cell("secret_parameter = 1")
    parameters.metadata["tags"] = ["parameters"]
    parameters.outputs = [nbformat.v4.new_output("execute_result", data={"text/plain": "1"}, execution_count=1)]
    noisy = nbformat.v4.new_code_cell("print('hi')")
    noisy.outputs = [nbformat.v4.new_output("stream", name="stdout", text="debug output")]
    html = page(nbformat.v4.new_markdown_cell("# S"), parameters, noisy)
    assert "secret_parameter" not in html and "debug output" not in html and "print(" not in html


def test_findings_json_carries_the_build_s_parameters_not_the_notebook_s() -> None:
    import json

    from medical_coding_salaries.build.cli import findings_json
    from medical_coding_salaries.parameters import load, validate

    cell = nbformat.v4.new_code_cell("summary.findings_document(found, params)")
    notebook_parameters = load().as_dict()
    cell.outputs = [
        nbformat.v4.new_output(
            "execute_result",
            data={"application/json": {"parameters": notebook_parameters, "findings": []}},
            execution_count=1,
        )
    ]
    chosen = validate({**notebook_parameters, "paper_size": "a4"})
    document = json.loads(findings_json([notebook_with(cell)], chosen))
    assert document == {"parameters": chosen.as_dict(), "findings": []}


def test_the_exporter_compiled_once_renders_each_notebook_as_a_fresh_one_would():
    """The build compiles the HTML templates while its kernels start (render_html.html_exporter, kept per process):
    a page rendered after another is the same as rendered first."""
    first = page(nbformat.v4.new_markdown_cell("# One\n\nText"))
    page(nbformat.v4.new_markdown_cell("# Two\n\nOther text"), displayed(show.Prose("a note")))
    assert page(nbformat.v4.new_markdown_cell("# One\n\nText")) == first
    assert render_html.html_exporter() is render_html.html_exporter()
