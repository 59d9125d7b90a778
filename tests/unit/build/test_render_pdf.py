"""The PDF: the merged notebook as Typst markup, typeset with numbered sections, captions and references."""

from __future__ import annotations

from io import BytesIO

import nbformat
import pandas as pd
import pytest
from matplotlib.figure import Figure
from pypdf import PdfReader

from medical_coding_salaries.build import render_html, render_pdf, typst_markup, typst_tables
from medical_coding_salaries.build.title_page import TitlePage
from medical_coding_salaries.present import show
from medical_coding_salaries.present.description import MIMETYPE


def displayed(obj) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell("x")
    cell.outputs = [nbformat.v4.new_output("display_data", data=obj._repr_mimebundle_())]
    return cell


def merged(*cells) -> nbformat.NotebookNode:
    return render_html.merge([nbformat.v4.new_notebook(cells=list(cells))])


def pdf(*cells, paper_size: str = "letter", changed=(), keys=("first", "second")) -> PdfReader:
    title_page = TitlePage("Title", "Subtitle", [("Built", "2026-01-01")], list(changed))
    data = render_pdf.to_pdf(merged(*cells), title_page, list(keys), paper_size)
    return PdfReader(BytesIO(data))


def text_of(reader: PdfReader) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_every_punctuation_mark_is_escaped_so_data_cannot_act_as_markup() -> None:
    hostile = '#set page(width: 1cm) = *x* _y_ $z$ @ref <lab> [a] \\ ` " // /* ~'
    escaped = typst_markup.escape(hostile)
    assert all(f"\\{char}" in escaped for char in '#*_$@<>[]\\`"/~=')
    assert typst_markup.literal('a "b" \\ c\nd') == '"a \\"b\\" \\\\ c\\u{a}d"'


def test_markdown_becomes_typst_with_references_and_section_labels() -> None:
    labels = ["section-first"]
    markup = typst_markup.markdown(
        "# Pay **by** city\n\nSee [table](#table-gaps), [section](#section-first) and `code`.\n\n- one\n- two",
        labels,
    )
    assert markup.splitlines()[0] == "= Pay #strong[by] city <section-first>"
    assert "#ref(<table-gaps>);" in markup and "#ref(<section-first>);" in markup
    assert '#raw("code")' in markup and "- one\n- two" in markup
    assert labels == []


def test_a_link_to_an_unknown_kind_of_anchor_is_an_error() -> None:
    with pytest.raises(ValueError, match="#elsewhere"):
        typst_markup.markdown("[there](#elsewhere)", [])


def test_captioned_outputs_are_read_from_their_description_not_their_html() -> None:
    frame = pd.DataFrame({"city": ["<b>Houston</b>", "Chicago"], "pay": ["$45,000", "$48,000"]})
    bundle = show.table(frame, "pay", "Pay & <cities>")._repr_mimebundle_()
    found = typst_tables.captioned(bundle[MIMETYPE])
    assert (found.kind, found.anchor, found.caption) == ("table", "table-pay", "Pay & <cities>")
    assert found.header == ["city", "pay"] and found.rows == [["<b>Houston</b>", "$45,000"], ["Chicago", "$48,000"]]
    assert "&lt;b&gt;Houston&lt;/b&gt;" in bundle["text/html"]  # the HTML, written from the same description
    chart = typst_tables.captioned(
        show.figure(Figure(figsize=(1, 1)), "c", "A chart", "What it shows")._repr_mimebundle_()[MIMETYPE]
    )
    assert (chart.kind, chart.anchor, chart.alt) == ("figure", "figure-c", "What it shows")
    assert chart.image.startswith(b"\x89PNG")
    with pytest.raises(ValueError, match="cannot show"):
        typst_tables.captioned({"kind": "paragraph"})


def test_the_tables_html_is_the_markup_pandas_writes() -> None:
    frame = pd.DataFrame({"a b": ['x<&>"y', " padded "], "n": [1, 2], "flag": [True, False], "gap": ["", "1"]})
    expected = frame.to_html(index=False, escape=True, border=0, classes="data", na_rep="–")
    assert show.table(frame, "t", "T")._repr_mimebundle_()["text/html"].endswith(expected + "</figure>")


def test_a_column_that_repeats_on_every_row_is_said_once_in_the_caption_and_an_empty_one_goes() -> None:
    frame = pd.DataFrame(
        {"Table": ["T6", "T6"], "Role": ["CPC", "CCS"], "Compared with": ["Coder", "Coder"], "Note": ["", None]}
    )
    found = show.table(frame, "t", "Each credential against the coder").description
    assert found["columns"] == ["Table", "Role", "Compared with", "Note"]  # folded, one column would be left
    folded, caption = show.folded(frame.assign(Gap=["+1", "+2"]), "Gaps")
    assert list(folded.columns) == ["Role", "Gap"] and caption == "Gaps (Table: T6; Compared with: Coder)"
    one_row = frame.head(1)
    assert show.folded(one_row, "C") == (one_row, "C")  # one row: nothing repeats


def test_an_html_output_without_a_description_stops_the_pdf() -> None:
    stray = nbformat.v4.new_code_cell(outputs=[nbformat.v4.new_output("display_data", data={"text/html": "<p>x</p>"})])
    with pytest.raises(ValueError, match="cannot show"):
        render_pdf.document(merged(stray), [])


def test_wide_tables_share_the_width_and_never_go_below_their_longest_word() -> None:
    narrow = typst_tables.Captioned("table", "table-n", "", ["a", "b"], [["1", "2"]])
    assert typst_tables.column_widths(*typst_tables.column_points(narrow)) == "2"
    note = "a long note " * 12
    wide = typst_tables.Captioned(
        "table", "table-w", "", ["kind", "amount", "note"], [["same quantity", "$34,000", note]]
    )
    widths, natural = typst_tables.column_points(wide)
    assert not natural
    assert widths[1] >= typst_tables.text_points("$34,000") and widths[2] > widths[0] >= typst_tables.text_points(
        "quantity"
    )
    assert (
        typst_tables.column_widths(widths, natural)
        == "(" + ", ".join(f"{width + typst_tables.CELL_PADDING_POINTS:.1f}fr" for width in widths) + ")"
    )


def test_text_is_measured_with_the_font_s_own_widths() -> None:
    assert typst_tables.text_points("WWW") > typst_tables.text_points("iii") * 2
    assert typst_tables.text_points("Nominal", bold=True) > typst_tables.text_points("Nominal")
    assert typst_tables.text_points("$34,000") == pytest.approx(7 * 0.636 * typst_tables.TABLE_TEXT_POINTS, rel=0.15)


def test_lines_break_only_where_the_typesetter_can() -> None:
    words = typst_tables._UNBREAKABLE.findall("Houston-Pasadena-The Woodlands 29-2098 -$2,000")
    assert words == ["Houston-", "Pasadena-", "The", "Woodlands", "29-2098", "-$2,000"]


def test_pdf_numbers_sections_tables_and_figures_and_resolves_references() -> None:
    reader = pdf(
        nbformat.v4.new_markdown_cell(
            "# First\n\nSee " + show.ref("table", "b") + " and " + show.ref("figure", "chart") + "."
        ),
        displayed(show.table(pd.DataFrame({"a": [1]}), "a", "Alpha")),
        nbformat.v4.new_markdown_cell("## Sub"),
        nbformat.v4.new_markdown_cell("# Second\n\nBack to [section](#section-first)."),
        displayed(show.table(pd.DataFrame({"b": ["<script>alert(1)</script>"]}), "b", "Beta")),
        displayed(show.figure(Figure(figsize=(2, 1)), "chart", "Gamma")),
        displayed(show.Prose("Computed *sentence* with $5,000 and #hash.")),
    )
    text = text_of(reader)
    for expected in (
        "1 First",
        "1.1 Sub",
        "2 Second",
        "Table 1. Alpha",
        "Table 2. Beta",
        "Figure 1. Gamma",
        "See Table 2 and Figure 1.",
        "Back to Section 1.",
        "<script>alert(1)</script>",
        "$5,000 and #hash.",
        "Contents",
    ):
        assert expected in text, expected
    assert "Page 2 of" in text


def test_a_reference_to_a_missing_table_stops_the_typesetting() -> None:
    with pytest.raises(Exception, match="table-missing"):
        pdf(nbformat.v4.new_markdown_cell("# Only\n\nSee " + show.ref("table", "missing") + "."))


def test_a_template_typst_cannot_read_stops_with_one_line_naming_the_file_and_line(tmp_path, monkeypatch) -> None:
    template = tmp_path / render_pdf.TEMPLATE.name
    lines = render_pdf.TEMPLATE.read_text(encoding="utf-8").splitlines()
    template.write_text("\n".join([*lines, "#let broken = ("]) + "\n", encoding="utf-8")
    monkeypatch.setattr(render_pdf, "TEMPLATE", template)
    with pytest.raises(render_pdf.TypesetError) as raised:
        pdf(nbformat.v4.new_markdown_cell("# Only section"))
    message = str(raised.value)
    assert message == f"the PDF could not be typeset: {template}, line {len(lines) + 1}: unclosed delimiter"


def test_typst_stopped_mid_way_is_one_line_and_leaves_no_folder(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(render_pdf.tempfile, "tempdir", str(tmp_path))
    markup = render_pdf.document(merged(nbformat.v4.new_markdown_cell("# Only section")), ["first"])
    stopped = r"^the PDF could not be typeset: Typst was stopped by SIGKILL$"
    with (
        pytest.raises(render_pdf.TypesetError, match=stopped),
        render_pdf.Typesetting(markup, TitlePage("Title"), "letter") as typesetting,
    ):
        typesetting.process.kill()
        typesetting.pdf()
    assert list(tmp_path.iterdir()) == []


def test_paper_size_and_changed_parameters_reach_the_pdf() -> None:
    for size, width in (("letter", 612), ("a4", 595)):
        reader = pdf(
            nbformat.v4.new_markdown_cell("# Only section"),
            paper_size=size,
            changed=[("range_point", "low", "midpoint")],
        )
        assert round(float(reader.pages[0].mediabox.width)) == width
        assert "range_point low midpoint" in text_of(reader)


def test_fonts_are_embedded_from_matplotlib_not_the_system() -> None:
    reader = pdf(nbformat.v4.new_markdown_cell("# Only section\n\nText and `code`."))
    fonts = {
        str(font["/BaseFont"]).split("+")[-1] for page in reader.pages for font in page["/Resources"]["/Font"].values()
    }
    assert fonts and all(name.startswith("DejaVu") for name in fonts), fonts


def test_a_long_table_runs_over_pages_with_its_header_repeated() -> None:
    frame = pd.DataFrame({"record": [f"T{row}.1" for row in range(120)], "heading_to_repeat": range(120)})
    reader = pdf(
        nbformat.v4.new_markdown_cell("# Only\n\nSee " + show.ref("table", "long") + "."),
        displayed(show.table(frame, "long", "Long")),
    )
    pages_with_rows = [
        page.extract_text() for page in reader.pages if "T100.1" in page.extract_text() or "T1.1" in page.extract_text()
    ]
    assert len(pages_with_rows) == 2 and all("heading_to_repeat" in page for page in pages_with_rows)


def test_the_command_typesets_executed_notebooks(tmp_path) -> None:
    first = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell("# Pay by city\n\nSee " + show.ref("table", "t") + "."),
            displayed(show.table(pd.DataFrame({"city": ["Houston"]}), "t", "Cities")),
        ]
    )
    path = tmp_path / "03_city.ipynb"
    nbformat.write(first, path)
    assert render_pdf.main([str(tmp_path / "out.pdf"), str(path), "--paper-size", "a4"]) == 0
    reader = PdfReader(tmp_path / "out.pdf")
    assert round(float(reader.pages[0].mediabox.width)) == 595 and "Table 1. Cities" in text_of(reader)


def test_only_tables_that_could_fill_a_page_may_break() -> None:
    short = typst_tables.Captioned("table", "table-s", "Short", ["a", "b"], [["1", "2"]] * 10)
    wrapped = typst_tables.Captioned(
        "table", "table-w", "Wrapped", ["kind", "note"], [["x", "a long note that wraps " * 30]] * 6
    )
    assert not typst_tables.table_markup(short).startswith("#long-table")
    assert (
        typst_tables.estimated_rows(wrapped, typst_tables.column_points(wrapped)[0]) > typst_tables.BREAKABLE_ABOVE_ROWS
    )
    assert typst_tables.table_markup(wrapped).startswith("#long-table")


def test_matplotlib_s_data_folder_is_found_without_importing_it():
    import subprocess
    import sys

    code = (
        "import sys; from medical_coding_salaries.build.typst_tables import matplotlib_data; "
        "print(matplotlib_data()); print('matplotlib' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    folder, imported = result.stdout.split()
    import matplotlib

    assert folder == matplotlib.get_data_path() and imported == "False"
