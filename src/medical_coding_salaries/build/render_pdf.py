"""The report as a PDF: the merged notebook written as Typst markup and typeset by Typst.

The HTML page and the PDF read the same cells. Typst lays out the report's thirty-odd pages in about a
second (WeasyPrint took thirteen), numbers sections, tables and figures itself and resolves every
cross-reference; a reference to a missing table stops the build. Text is escaped character by
character, so nothing in the data can act as markup.
"""

from __future__ import annotations

import base64
import functools
import html
import math
import os
import re
import string
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from nbformat import NotebookNode

TEMPLATE = Path(__file__).parent / "templates" / "report" / "report.typ"
PAPERS = {"letter": "us-letter", "a4": "a4"}
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
# Cross-references are markdown links to these anchors; Typst prints them as 'Table 3', 'Figure 2', 'Section 4'.
REFERENCE_PREFIXES = ("#table-", "#figure-", "#section-")
_SPECIAL = set(string.punctuation)
# What a line cannot break inside: a word, up to and including a hyphen that a letter follows.
_UNBREAKABLE = re.compile(r"(?:[^\s-]|-(?![A-Za-z]))+-?")


def escape(text: str) -> str:
    """Text as Typst markup that shows exactly these characters: every ASCII punctuation mark is escaped."""
    return "".join(f"\\{char}" if char in _SPECIAL else " " if char in "\r\n" else char for char in text)


def literal(text: str) -> str:
    """A Typst string literal."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + "".join(f"\\u{{{ord(char):x}}}" if ord(char) < 32 else char for char in escaped) + '"'


def inline(tokens: list[dict[str, Any]]) -> str:
    """Inline markdown tokens (mistune's AST) as Typst markup."""
    return "".join(_inline(token) for token in tokens)


def _inline(token: dict[str, Any]) -> str:
    kind = token["type"]
    if kind == "text":
        return escape(html.unescape(token["raw"]))
    if kind in ("softbreak", "linebreak"):
        return " " if kind == "softbreak" else " \\\n"
    if kind == "strong":
        return f"#strong[{inline(token['children'])}]"
    if kind == "emphasis":
        return f"#emph[{inline(token['children'])}]"
    if kind == "codespan":
        return f"#raw({literal(html.unescape(token['raw']))})"
    if kind == "link":
        url = token["attrs"]["url"]
        if url.startswith(REFERENCE_PREFIXES):
            return f"#ref(<{url[1:]}>);"
        if url.startswith("#"):
            raise ValueError(f"link to {url!r}: only tables, figures and sections can be referred to")
        return f"#link({literal(url)})[{inline(token['children'])}]"
    raise ValueError(f"markdown element {kind!r} has no PDF form; extend typeset.py")


@functools.cache
def _markdown_parser() -> Callable[[str], list[dict[str, Any]]]:
    """mistune's parser to an AST, built once."""
    import mistune

    return mistune.create_markdown(renderer=None)


def markdown(source: str, section_labels: list[str]) -> str:
    """Markdown as Typst; each level-1 heading takes the next label of `section_labels` (one per notebook)."""
    return "\n\n".join(filter(None, (_block(token, section_labels) for token in _markdown_parser()(source))))


def _block(token: dict[str, Any], section_labels: list[str]) -> str:
    kind = token["type"]
    if kind == "blank_line":
        return ""
    if kind in ("paragraph", "block_text"):
        return inline(token["children"])
    if kind == "heading":
        level = token["attrs"]["level"]
        label = f" <{section_labels.pop(0)}>" if level == 1 and section_labels else ""
        return f"{'=' * level} {inline(token['children'])}{label}"
    if kind == "list":
        marker = "+" if token["attrs"]["ordered"] else "-"
        items = ("\n  ".join(_block(child, section_labels) for child in item["children"]) for item in token["children"])
        return "\n".join(f"{marker} {item}" for item in items)
    raise ValueError(f"markdown element {kind!r} has no PDF form; extend typeset.py")


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
            self.found.kind, self.found.anchor = values.get("class", "").removeprefix("captioned "), values.get("id", "")
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
    columns = [[(row[index] if index < len(row) else "", row is found.header) for row in [found.header, *found.rows]] for index in range(len(found.header))]
    natural = [max(text_points(text, bold) for text, bold in column) for column in columns]
    room = TEXT_WIDTH_POINTS - CELL_PADDING_POINTS * len(columns)
    if sum(natural) <= room:
        return natural, True
    least = [max((text_points(word, bold) for text, bold in column for word in _UNBREAKABLE.findall(text)), default=1.0) for column in columns]
    spare, wanted = max(room - sum(least), 0.0), max(sum(natural) - sum(least), 1.0)
    return [low + spare * (high - low) / wanted for low, high in zip(least, natural, strict=True)], False


def column_widths(widths: list[float], natural: bool) -> str:
    """Typst `columns` from `column_points`: natural widths where the table fits the page, shares of the
    width where not. A share covers the cell's padding as well as its text."""
    return str(len(widths)) if natural else "(" + ", ".join(f"{width + CELL_PADDING_POINTS:.1f}fr" for width in widths) + ")"


def estimated_rows(found: Captioned, widths: list[float]) -> float:
    """The table's height in one-line rows (header included), rounding every wrap up: an overestimate."""
    lines = [
        max(math.ceil(text_points(cell, row is found.header) / max(width, 1.0)) or 1 for cell, width in zip(row, widths, strict=False))
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
        f"  table(\n    columns: {column_widths(widths, natural)},\n    table.header({cells(found.header)}),\n    {body},\n  ),\n) <{found.anchor}>"
    )
    return f"#long-table[\n{figure}\n]" if estimated_rows(found, widths) > BREAKABLE_ABOVE_ROWS else figure


def figure_markup(found: Captioned, file_name: str) -> str:
    """A captioned chart from an image file beside the document."""
    return f"#figure(\n  image({literal(file_name)}, width: 100%, alt: {literal(found.alt)}),\n  caption: [{escape(found.caption)}],\n) <{found.anchor}>"


def document(notebook: NotebookNode, section_keys: list[str]) -> tuple[str, dict[str, bytes]]:
    """The report's body as Typst markup, and the image files it refers to."""
    labels = [f"section-{key}" for key in section_keys]
    parts: list[str] = []
    images: dict[str, bytes] = {}
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            parts.append(markdown(cell.source, labels))
            continue
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "text/html" in data:
                found = captioned(data["text/html"])
                if found.kind == "table":
                    parts.append(table_markup(found))
                else:
                    name = f"{found.anchor}.png"
                    images[name] = found.image
                    parts.append(figure_markup(found, name))
            elif "text/markdown" in data:
                parts.append(markdown(data["text/markdown"], labels))
    return "\n\n".join(parts) + "\n", images


def array(items: list[str]) -> str:
    """A Typst array literal of already-written items (one item needs the trailing comma)."""
    return "(" + "".join(f"{item}, " for item in items) + ")" if items else "()"


def source(body: str, title: str, subtitle: str, facts: list[tuple[str, str]], changed: list[tuple[str, str, str]], paper_size: str) -> str:
    """The whole Typst document: the template's title page and contents, then the body."""
    fact_items = array([array([literal(name), literal(value)]) for name, value in facts])
    changed_items = array([array([f"[{escape(text)}]" for text in row]) for row in changed])
    return (
        '#import "report.typ": report, long-table\n'
        f"#show: report.with(\n  title: {literal(title)},\n  subtitle: {literal(subtitle)},\n"
        f"  facts: {fact_items},\n  changed: {changed_items},\n  paper: {literal(PAPERS[paper_size])},\n)\n\n"
        + body
    )


FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSans-BoldOblique.ttf", "DejaVuSansMono.ttf")


def copy_fonts(folder: Path) -> Path:
    """DejaVu Sans and Mono from matplotlib's package into `folder`: the charts' typeface, pinned with
    matplotlib, the same on every machine; Typst reads these five files, not forty or the system's."""
    import matplotlib

    source = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    folder.mkdir()
    for name in FONT_FILES:
        (folder / name).write_bytes((source / name).read_bytes())
    return folder


def to_pdf(notebook: NotebookNode, title: str, subtitle: str, facts: list[tuple[str, str]], changed: list[tuple[str, str, str]], section_keys: list[str], paper_size: str) -> bytes:
    """The merged notebook typeset as a PDF; the creation date is SOURCE_DATE_EPOCH's, fonts never the system's."""
    import typst

    body, images = document(notebook, section_keys)
    with tempfile.TemporaryDirectory(prefix="mcs-typeset-") as folder:
        root = Path(folder)
        (root / TEMPLATE.name).write_bytes(TEMPLATE.read_bytes())
        for name, data in images.items():
            (root / name).write_bytes(data)
        main = root / "report-main.typ"
        main.write_text(source(body, title, subtitle, facts, changed, paper_size), encoding="utf-8")
        fonts = typst.Fonts(include_system_fonts=False, include_embedded_fonts=False, font_paths=[str(copy_fonts(root / "fonts"))])
        epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "0"))
        return typst.compile(str(main), root=str(root), font_paths=fonts, timestamp=epoch)


def main(argv: list[str] | None = None) -> int:
    """`python -m medical_coding_salaries.build.render_pdf OUT.pdf NOTEBOOK...`: executed notebooks to a PDF, as one
    command (the benchmark's naive pipeline uses it; the build calls `to_pdf` in-process)."""
    import argparse

    import nbformat

    from medical_coding_salaries.build.render_html import merge, section_key

    parser = argparse.ArgumentParser(prog="python -m medical_coding_salaries.build.render_pdf", description=main.__doc__.splitlines()[0])
    parser.add_argument("pdf", type=Path, help="the PDF to write")
    parser.add_argument("notebooks", type=Path, nargs="+", help="executed notebooks, in report order")
    parser.add_argument("--paper-size", choices=sorted(PAPERS), default="letter")
    arguments = parser.parse_args(argv)
    notebooks = [nbformat.read(path, as_version=4) for path in arguments.notebooks]
    keys = [section_key(path) for path in arguments.notebooks]
    arguments.pdf.write_bytes(to_pdf(merge(notebooks), "Report", "", [], [], keys, arguments.paper_size))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
