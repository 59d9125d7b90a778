"""What the report's title page says, given once to both renderers (HTML and PDF)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class TitlePage:
    """The title and subtitle, the facts listed under them (name, value) and the parameters that differ from
    their defaults (name, value, default)."""

    title: str
    subtitle: str = ""
    facts: list[tuple[str, str]] = field(default_factory=list)
    changed: list[tuple[str, str, str]] = field(default_factory=list)
