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


# Spreadsheet number format of each kind of number (present.numbers.KINDS); a percent is stored as a fraction.
NUMBER_FORMATS = {
    "usd": "$#,##0",
    "signed_usd": "+$#,##0;-$#,##0;$0",
    "percent": "0.0%",
    "signed_percent": "+0.0%;-0.0%;0.0%",
    "ratio": '0.00"×"',
    "percentile": "0",
    "integer": "0",
}


def table_description(
    key: str,
    caption: str,
    columns: list[str],
    rows: list[list[str]],
    kinds: list[str | None] | None = None,
    values: list[list[float | None]] | None = None,
) -> dict[str, Any]:
    """A table: its cross-reference key, caption, column headings and rows of cell text as shown; and, for each
    column, the kind of number it holds (present.numbers.KINDS; None for text) and each cell's number as shown
    (None for text or a missing value), which the workbook stores as numbers with a number format."""
    kinds = kinds if kinds is not None else [None] * len(columns)
    values = values if values is not None else [[None] * len(columns) for _ in rows]
    return {
        "kind": "table",
        "key": key,
        "caption": caption,
        "columns": columns,
        "rows": rows,
        "kinds": kinds,
        "values": values,
    }


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
