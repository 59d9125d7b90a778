"""Text and markdown as Typst markup. Text is escaped character by character, so nothing in the data can act as
markup; cross-references become Typst references, which Typst resolves (a missing target stops the build)."""

from __future__ import annotations

import functools
import html
import string
from collections.abc import Callable
from typing import Any

# Cross-references are markdown links to these anchors; Typst prints them as 'Table 3', 'Figure 2', 'Section 4'.
REFERENCE_PREFIXES = ("#table-", "#figure-", "#section-")


_SPECIAL = set(string.punctuation)


def escape(text: str) -> str:
    """Text as Typst markup that shows exactly these characters: every ASCII punctuation mark is escaped."""
    return "".join(f"\\{char}" if char in _SPECIAL else " " if char in "\r\n" else char for char in text)


def literal(text: str) -> str:
    """A Typst string literal."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + "".join(f"\\u{{{ord(char):x}}}" if ord(char) < 32 else char for char in escaped) + '"'


def array(items: list[str]) -> str:
    """A Typst array literal of already-written items (one item needs the trailing comma)."""
    return "(" + "".join(f"{item}, " for item in items) + ")" if items else "()"


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
    raise ValueError(f"markdown element {kind!r} has no PDF form; extend build/typst_markup.py")


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
    raise ValueError(f"markdown element {kind!r} has no PDF form; extend build/typst_markup.py")
