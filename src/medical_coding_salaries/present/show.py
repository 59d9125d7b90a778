"""How notebooks show results: captioned tables and figures that render in the report and compare in nbval."""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from medical_coding_salaries.findings import Finding
from medical_coding_salaries.present.description import (
    MIMETYPE,
    anchor,
    figure_description,
    figure_html,
    table_description,
    table_html,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure

STYLE = Path(__file__).parent / "styles" / "report.mplstyle"
CHART_DPI = 200
OPAQUE = 255  # an 8-bit alpha channel's value for a pixel that shows nothing behind it


def use_report_style() -> None:
    """Apply the report's chart style; charts are built on Figure objects, so no GUI backend is needed.
    (matplotlib is imported here, not with this module: the sections' findings, which the robustness grid
    recomputes, need no chart.)"""
    import matplotlib
    import matplotlib.style

    matplotlib.use("agg")
    matplotlib.style.use(STYLE)


class Captioned:
    """A table or chart with a key (for cross-references) and a caption; the report numbers them in order.

    Shown from its structured description (present.description): the HTML is written from it, and the
    description itself travels with the output for the PDF."""

    def __init__(self, description: dict[str, Any], body_text: str) -> None:
        self.description, self.body_text = description, body_text

    def _repr_mimebundle_(
        self, include: Iterable[str] | None = None, exclude: Iterable[str] | None = None
    ) -> dict[str, Any]:
        found = self.description
        kind = found["kind"]
        if kind == "table":
            body = table_html(found["columns"], found["rows"])
        else:
            body = figure_html(found["image"], found["alt"])
        label = f'<span class="caption-label">{kind.title()}</span>'
        caption = f"<figcaption>{label} {html.escape(found['caption'])}</figcaption>"
        # The table caption sits above the table, the figure caption below the chart, as in print.
        inner = f"{caption}{body}" if kind == "table" else f"{body}{caption}"
        return {
            "text/html": f'<figure class="captioned {kind}" id="{anchor(found)}">{inner}</figure>',
            "text/plain": f"{kind.title()} [{found['key']}]: {found['caption']}\n{self.body_text}",
            MIMETYPE: found,
        }


def cell_text(value: Any) -> str:
    """A cell as the reader sees it: missing values as a dash; views format their numbers (present.numbers)."""
    return "–" if pd.isna(value) else str(value).strip()


def missing(value: Any) -> bool:
    """A missing cell: None, NaN or the empty text present.numbers gives a missing number."""
    return value is None or value == "" or (isinstance(value, float) and pd.isna(value))


def column_kind(cells: list[Any]) -> str | None:
    """The kind of number a column holds: every shown cell a number of one kind (present.numbers.Shown), or every
    cell a whole number (a rank, a year: "integer"); else None (text)."""
    present = [value for value in cells if not missing(value)]
    if present and all(isinstance(value, int | np.integer) and not isinstance(value, bool) for value in present):
        return "integer"
    kinds = {getattr(value, "kind", None) for value in present}
    return kinds.pop() if len(kinds) == 1 and None not in kinds and present else None


def cell_value(value: Any, kind: str | None) -> float | int | None:
    """A cell's number for the workbook: a Shown number's value, a whole number as int; None for text."""
    if kind is None or missing(value):
        return None
    return int(value) if kind == "integer" else value.value


def folded(frame: pd.DataFrame, caption: str) -> tuple[pd.DataFrame, str]:
    """A table of two rows or more without the columns that say the same on every row, which its caption says
    once ('… (Table: T6; Compared with: Medical Records Coder)'), and without the columns that say nothing."""
    if len(frame) < 2:
        return frame, caption
    texts = {column: {cell_text(value) for value in frame[column]} for column in frame.columns}
    empty = [column for column, seen in texts.items() if seen <= {"–", ""}]
    same = [column for column, seen in texts.items() if len(seen) == 1 and column not in empty]
    if len(same) + len(empty) >= len(frame.columns) - 1:  # a table keeps at least two columns
        return frame, caption
    notes = "; ".join(f"{column}: {next(iter(texts[column]))}" for column in same)
    return frame.drop(columns=same + empty), f"{caption} ({notes})" if notes else caption


def table(frame: pd.DataFrame, key: str, caption: str) -> Captioned:
    """A captioned table; every cell is HTML-escaped, and the index is dropped. A column of numbers formatted by
    present.numbers also carries its kind and the numbers themselves (for the workbook). Columns that repeat one
    value on every row are said once in the caption (folded)."""
    frame, caption = folded(frame, caption)
    columns = [str(name) for name in frame.columns]
    cells = list(frame.itertuples(index=False, name=None))
    rows = [[cell_text(value) for value in row] for row in cells]
    kinds = [column_kind([row[index] for row in cells]) for index in range(len(columns))]
    values = [[cell_value(value, kind) for value, kind in zip(row, kinds, strict=True)] for row in cells]
    return Captioned(table_description(key, caption, columns, rows, kinds, values), frame.to_string(index=False))


def figure(fig: Figure, key: str, caption: str, description: str = "") -> Captioned:
    """A captioned chart as a 200-dpi PNG (sharp in print, quick to typeset); `description` is its text alternative.

    Drawn once, laid out as it is drawn: `savefig` first draws a chart without rendering, for its layout, then
    draws it again (a quarter of a chart's time). The pixels are savefig's; an opaque chart (every chart of the
    report: white background) is stored without its alpha channel, which is 255 everywhere: half the time to
    encode, a tenth smaller, and Typst has no transparency mask to write into the PDF."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from PIL import Image

    fig.set_dpi(CHART_DPI)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    pixels = np.asarray(canvas.buffer_rgba())
    if pixels[..., 3].min() == OPAQUE:
        pixels = pixels[..., :3]
    buffer = io.BytesIO()
    Image.fromarray(pixels).save(buffer, format="png", dpi=(CHART_DPI, CHART_DPI))
    encoded = base64.b64encode(buffer.getvalue()).decode("ascii")
    text = description or caption
    return Captioned(figure_description(key, caption, encoded, text), text)


def ref(kind: str, key: str) -> str:
    """A cross-reference as a markdown link (it works in JupyterLab); the report shows it as 'Table 3' or 'Figure 2'."""
    return f"[{kind}](#{kind}-{key})"


def sources_text(sources: Iterable[str]) -> str:
    """'T1.1, T2.1': record ids as one cell of a reader's table."""
    return ", ".join(sources)


class Prose:
    """Markdown formatted from computed values; shown as text in the report and compared by nbval.

    Values come from data, so any HTML in them is escaped: a label such as '<script>' shows as text.
    """

    def __init__(self, text: str) -> None:
        self.text = html.escape(text, quote=False)

    def _repr_mimebundle_(
        self, include: Iterable[str] | None = None, exclude: Iterable[str] | None = None
    ) -> dict[str, str]:
        return {"text/markdown": self.text, "text/plain": self.text}


def bullets(found: Iterable[Finding]) -> Prose:
    """A section's findings as a bullet list, one sentence each."""
    return Prose("\n".join(f"- {finding.sentence}" for finding in found))


def answer(opening: Prose, found: Iterable[Finding]) -> Prose:
    """A section's opening: its answer, then the findings it shows as bullets (both already escaped)."""
    joined = Prose("")
    joined.text = f"{opening.text}\n\n{bullets(found).text}"
    return joined
