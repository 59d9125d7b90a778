"""The report's tables and figures as Typst markup: each captioned output read back, its columns sized from the
font's own widths and its height estimated, so that a long table may break across pages."""

from __future__ import annotations

import base64
import functools
import math
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from medical_coding_salaries.build.typst_markup import escape, literal

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
# Tables estimated above 30 rows may break across pages: the margin absorbs the estimate's error.
EXTRA_LINE_ROWS = 0.65
BREAKABLE_ABOVE_ROWS = 30


# What a line cannot break inside: a word, up to and including a hyphen that a letter follows.
_UNBREAKABLE = re.compile(r"(?:[^\s-]|-(?![A-Za-z]))+-?")


@dataclass
class Captioned:
    """A captioned table or figure as `present.Captioned` writes it in HTML."""

    kind: str = ""
    anchor: str = ""
    caption: str = ""
    header: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    image: bytes = b""
    alt: str = ""


class _CaptionedParser(HTMLParser):
    """Reads back the one HTML shape `present.Captioned` produces; anything else is an error."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found = Captioned()
        self.where: list[str] = []
        self.row: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "figure":
            self.found.kind, self.found.anchor = (
                values.get("class", "").removeprefix("captioned "),
                values.get("id", ""),
            )
        elif tag == "img":
            self.found.image = base64.b64decode(values["src"].split(",", 1)[1])
            self.found.alt = values.get("alt", "")
        elif tag == "tr":
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self.row.append("")
        self.where.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "tr" and self.row is not None:
            if "tbody" in self.where:
                self.found.rows.append(self.row)
            else:
                self.found.header = self.row
            self.row = None
        if tag in self.where:
            del self.where[len(self.where) - 1 - self.where[::-1].index(tag) :]

    def handle_data(self, data: str) -> None:
        if "figcaption" in self.where and "span" not in self.where:
            self.found.caption += data
        elif self.row is not None and self.where and self.where[-1] in ("td", "th"):
            self.row[-1] += data


def captioned(markup: str) -> Captioned:
    """The table or figure behind one `present.Captioned` HTML output."""
    parser = _CaptionedParser()
    parser.feed(markup)
    found = parser.found
    if found.kind not in ("table", "figure") or not found.anchor or not (found.header or found.image):
        raise ValueError(f"an HTML output the PDF cannot show (not a present.table or present.figure): {markup[:80]!r}")
    found.caption = " ".join(found.caption.split())
    return found


@functools.cache
def _advance_widths(bold: bool) -> tuple[dict[int, float], float]:
    """Advance width of every character of DejaVu Sans (or Bold) in em, and the width of a missing one."""
    import matplotlib
    from fontTools.ttLib import TTFont

    font = TTFont(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / FONT_FILES[1 if bold else 0], lazy=True)
    metrics, units = font["hmtx"].metrics, font["head"].unitsPerEm
    return {code: metrics[name][0] / units for code, name in font.getBestCmap().items()}, metrics[".notdef"][0] / units


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
    return f"#figure(\n  {image},\n  caption: [{escape(found.caption)}],\n) <{found.anchor}>"
