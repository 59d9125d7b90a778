"""The structured description of a captioned table or figure, which both renderers read.

A notebook output of `show.table` or `show.figure` carries it under MIMETYPE: the kernel writes the HTML
from it (text/html, which nbconvert places in the page) and the PDF is typeset from it, so neither renderer
reads the other's markup. Importing this module costs nothing: the build's own process uses it too.
"""

from __future__ import annotations

import html
from typing import Any

MIMETYPE = "application/vnd.medical-coding-salaries.captioned+json"
KINDS = ("table", "figure")


def table_description(key: str, caption: str, columns: list[str], rows: list[list[str]]) -> dict[str, Any]:
    """A table: its cross-reference key, caption, column headings and rows of cell text as shown."""
    return {"kind": "table", "key": key, "caption": caption, "columns": columns, "rows": rows}


def figure_description(key: str, caption: str, image: str, alt: str) -> dict[str, Any]:
    """A chart: its key, caption, PNG image (base64) and text alternative."""
    return {"kind": "figure", "key": key, "caption": caption, "image": image, "alt": alt}


def anchor(description: dict[str, Any]) -> str:
    """The id cross-references point to: 'table-city-gaps', 'figure-national-fit'."""
    return f"{description['kind']}-{description['key']}"


def table_html(columns: list[str], rows: list[list[str]]) -> str:
    """The table as HTML, every cell escaped; the markup pandas' `to_html` writes, which the report's CSS styles."""
    cell = "\n      <{0}>{1}</{0}>".format
    header = "".join(cell("th", html.escape(name, quote=False)) for name in columns)
    body = "".join(
        "\n    <tr>" + "".join(cell("td", html.escape(text, quote=False)) for text in row) + "\n    </tr>"
        for row in rows
    )
    return (
        f'<table class="dataframe data">\n  <thead>\n    <tr style="text-align: right;">{header}\n    </tr>\n  </thead>'
        f"\n  <tbody>{body}\n  </tbody>\n</table>"
    )


def figure_html(image: str, alt: str) -> str:
    """The chart as an inline PNG with its text alternative."""
    return f'<img class="chart" src="data:image/png;base64,{image}" alt="{html.escape(alt)}">'
