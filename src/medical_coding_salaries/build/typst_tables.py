"""The report's tables and figures as Typst markup: each captioned output read back, its columns sized from the
font's own widths and its height estimated, so that a long table may break across pages."""

from __future__ import annotations

import base64
import functools
import math
import re
from dataclasses import dataclass, field
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from medical_coding_salaries.build.typst_markup import escape, literal
from medical_coding_salaries.present.description import KINDS, anchor

FONT_FILES = (
    "DejaVuSans.ttf",
    "DejaVuSans-Bold.ttf",
    "DejaVuSans-Oblique.ttf",
    "DejaVuSans-BoldOblique.ttf",
    "DejaVuSansMono.ttf",
)


# Column widths are computed from DejaVu Sans's own advance widths (see `text_points`), in points of
# table text (7.8 pt in report.typ) on the narrower paper (A4: 595 pt less two 1.8 cm margins), with
# 5 pt of cell inset on each side.
TABLE_TEXT_POINTS = 7.8
TEXT_WIDTH_POINTS = 493.0
CELL_PADDING_POINTS = 10.0


# A page holds about 44 one-line table rows (letter); a wrapped line adds about two thirds of a row.
# A table estimated above 14 rows (a third of a page) may break across pages, its header repeated: moved whole
# to the next page, it would leave more than a third of a page empty.
EXTRA_LINE_ROWS = 0.65
BREAKABLE_ABOVE_ROWS = 14


# What a line cannot break inside: a word, up to and including a hyphen that a letter follows.
_UNBREAKABLE = re.compile(r"(?:[^\s-]|-(?![A-Za-z]))+-?")


@dataclass
class Captioned:
    """A captioned table or figure, read from its structured description."""

    kind: str = ""
    anchor: str = ""
    caption: str = ""
    header: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    image: bytes = b""
    alt: str = ""


def captioned(description: dict[str, Any]) -> Captioned:
    """The table or figure of one output's structured description (present.description)."""
    kind = description.get("kind")
    if kind not in KINDS or not description.get("key") or not (description.get("columns") or description.get("image")):
        raise ValueError(f"an output the PDF cannot show (not a show.table or show.figure): {str(description)[:80]!r}")
    return Captioned(
        kind=kind,
        anchor=anchor(description),
        caption=" ".join(description["caption"].split()),
        header=list(description.get("columns", [])),
        rows=[list(row) for row in description.get("rows", [])],
        image=base64.b64decode(description.get("image", "")),
        alt=description.get("alt", ""),
    )


def matplotlib_data() -> Path:
    """matplotlib's data folder (`matplotlib.get_data_path()`), found without importing matplotlib: on a build
    that starts no kernel, the PDF is the last output to finish, and the import took a third of a second."""
    spec = find_spec("matplotlib")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("matplotlib is not installed")
    return Path(spec.origin).parent / "mpl-data"


@functools.cache
def _advance_widths(bold: bool) -> tuple[dict[int, float], float]:
    """Advance width of every character of DejaVu Sans (or Bold) in em, and the width of a missing one."""
    from fontTools.ttLib import TTFont

    font = TTFont(matplotlib_data() / "fonts" / "ttf" / FONT_FILES[1 if bold else 0], lazy=True)
    metrics, units = font["hmtx"].metrics, font["head"].unitsPerEm
    return {code: metrics[name][0] / units for code, name in font.getBestCmap().items()}, metrics[".notdef"][0] / units


def load_font_metrics() -> None:
    """Read both fonts' widths now (a twentieth of a second), while the build waits for its kernels, not once
    they are done and the PDF's markup is written."""
    for bold in (False, True):
        _advance_widths(bold)


def text_points(text: str, bold: bool = False) -> float:
    """Width of `text` set in the table's type, in points."""
    widths, missing = _advance_widths(bold)
    return sum(widths.get(ord(char), missing) for char in text) * TABLE_TEXT_POINTS


def column_points(found: Captioned) -> tuple[list[float], bool]:
    """Each column's text width in points, and whether those are the natural widths (the table fits).
    Where it does not fit, each column gets its longest word (which cannot wrap; a line may break after
    a hyphen before a letter) and the rest of the width goes to the columns that wrap, in proportion to
    how much wider than that their text is. Header text is bold."""
    columns = [
        [(row[index] if index < len(row) else "", row is found.header) for row in [found.header, *found.rows]]
        for index in range(len(found.header))
    ]
    natural = [max(text_points(text, bold) for text, bold in column) for column in columns]
    room = TEXT_WIDTH_POINTS - CELL_PADDING_POINTS * len(columns)
    if sum(natural) <= room:
        return natural, True
    least = [
        max((text_points(word, bold) for text, bold in column for word in _UNBREAKABLE.findall(text)), default=1.0)
        for column in columns
    ]
    spare, wanted = max(room - sum(least), 0.0), max(sum(natural) - sum(least), 1.0)
    return [low + spare * (high - low) / wanted for low, high in zip(least, natural, strict=True)], False


def column_widths(widths: list[float], natural: bool) -> str:
    """Typst `columns` from `column_points`: natural widths where the table fits the page, shares of the
    width where not. A share covers the cell's padding as well as its text."""
    return (
        str(len(widths))
        if natural
        else "(" + ", ".join(f"{width + CELL_PADDING_POINTS:.1f}fr" for width in widths) + ")"
    )


def estimated_rows(found: Captioned, widths: list[float]) -> float:
    """The table's height in one-line rows (header included), rounding every wrap up: an overestimate."""
    lines = [
        max(
            math.ceil(text_points(cell, row is found.header) / max(width, 1.0)) or 1
            for cell, width in zip(row, widths, strict=False)
        )
        for row in [found.header, *found.rows]
    ]
    return sum(1 + EXTRA_LINE_ROWS * (count - 1) for count in lines)


def table_markup(found: Captioned) -> str:
    """A captioned table. One that could be taller than most of a page may run over pages, breaking
    between rows with its header repeated; a shorter one moves to the next page whole. The height is
    estimated here: asking Typst to measure every table doubled the PDF's time."""
    widths, natural = column_points(found)
    cells = lambda row: ", ".join(f"[{escape(' '.join(cell.split()))}]" for cell in row)  # noqa: E731
    body = ",\n    ".join(cells(row) for row in found.rows)
    figure = (
        f"#figure(\n  kind: table,\n  caption: [{escape(found.caption)}],\n"
        f"  table(\n    columns: {column_widths(widths, natural)},\n    table.header({cells(found.header)}),\n    "
        f"{body},\n  ),\n) <{found.anchor}>"
    )
    return f"#long-table[\n{figure}\n]" if estimated_rows(found, widths) > BREAKABLE_ABOVE_ROWS else figure


def figure_markup(found: Captioned, file_name: str) -> str:
    """A captioned chart from an image file beside the document."""
    image = f"image({literal(file_name)}, width: 100%, alt: {literal(found.alt)})"
    # A chart floats to the top or bottom of a page (or the next one) so that text fills the space it would leave.
    return f"#figure(\n  {image},\n  placement: auto,\n  caption: [{escape(found.caption)}],\n) <{found.anchor}>"
