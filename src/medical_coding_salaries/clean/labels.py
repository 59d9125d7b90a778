"""Normalize the article's row labels into a dimension and a category."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from medical_coding_salaries.errors import InputParseError

# The article's longest label is 34 characters (its longest amount 36); a longer one is prose pasted into
# a cell, and would not fit a chart's axis or a table's column. Amounts are held to the same limit.
MAX_LABEL_LENGTH = 80

# What the report's fonts draw: DejaVu Sans (matplotlib's, in the charts and the PDF; first in the HTML's CSS).
# Declared here, not read from the font, so that the check needs no font file; test_labels proves every one
# of these is in DejaVu Sans's character map.
DRAWABLE_CHARACTERS = frozenset(
    [chr(code) for code in range(0x20, 0x7F)]  # printable ASCII
    + [chr(code) for code in range(0xA0, 0x100)]  # Latin-1 Supplement: accented letters, punctuation, no-break space
    + ["\u2013", "\u2014", "\u2018", "\u2019", "\u201c", "\u201d", "\u2026"]  # en/em dash, curly quotes, ellipsis
)

EXPERIENCE_LEVELS = {"entry": "Entry level", "mid": "Mid-level", "experienced": "Experienced", "senior": "Senior level"}
EXPERIENCE_ORDER = list(EXPERIENCE_LEVELS)

# City key -> (display name, state); the state in the label must agree.
CITIES = {
    "new_york": ("New York City", "NY"),
    "los_angeles": ("Los Angeles", "CA"),
    "chicago": ("Chicago", "IL"),
    "houston": ("Houston", "TX"),
}

CREDENTIALS = {"CPC": "Certified Professional Coder", "CCS": "Certified Coding Specialist"}
JOB_TITLES = {"coding_auditor": "Coding Auditor", "medical_records_coder": "Medical Records Coder"}
PERCENTILES = (10, 25, 50, 75, 90)
NATIONAL_FIGURES = {
    "BLS median annual wage": ("bls_median", "National median (BLS)"),
    "National average salary range": ("summary_range", "National salary range"),
}


@dataclass(frozen=True)
class Label:
    """What a raw row label means."""

    dimension: str
    category: str
    label: str
    years_min: float | None = None
    years_max: float | None = None
    state: str | None = None
    credential: str | None = None
    percentile: int | None = None


def character_name(character: str) -> str:
    """'U+1F600 (GRINNING FACE)'; control characters have no Unicode name, so they are called what they are."""
    name = unicodedata.name(character, "")
    if not name:
        name = "a control character" if unicodedata.category(character) == "Cc" else "unnamed"
    return f"U+{ord(character):04X} ({name})"


def check_drawable(text: str, what: str = "label") -> str:
    """`text` unchanged if it is at most MAX_LABEL_LENGTH characters and the report's fonts draw every one of them;
    otherwise InputParseError naming the length, or the first character that cannot be drawn."""
    if len(text) > MAX_LABEL_LENGTH:
        start = text[:30].rstrip() + "…"  # enough to find the cell by
        raise InputParseError(f"{what} {start!r} is {len(text)} characters long; the limit is {MAX_LABEL_LENGTH}")
    for character in text:
        if character not in DRAWABLE_CHARACTERS:
            raise InputParseError(
                f"{what} {text!r} has character {character_name(character)}, which the report's fonts cannot draw"
            )
    return text


# A level, then optionally its years band: '(0-2 years)' or '(5+ years)'. Nothing may follow the band.
_EXPERIENCE = re.compile(
    r"(?P<level>[^()]*?)\s*(?:\((?:(?P<low>[0-9]+)\s*[-–]\s*(?P<high>[0-9]+)|(?P<least>[0-9]+)\+)\s*years\))?"
)


def parse_experience(text: str) -> Label:
    """'Entry-Level (0-2 years)' -> entry level with its years band; anything else raises InputParseError."""
    match = _EXPERIENCE.fullmatch(check_drawable(text).strip())
    level = match.group("level") if match else text.strip()
    key = re.sub(r"[\s\-–]+", " ", level).strip().lower().removesuffix(" level").strip()
    if not match or key not in EXPERIENCE_LEVELS:
        raise InputParseError(
            f"unknown experience level {level!r}: expected one of {', '.join(EXPERIENCE_LEVELS.values())}, "
            "optionally followed by a years band such as '(0-2 years)' or '(5+ years)'"
        )
    years_min = years_max = None
    if match.group("least") is not None:
        years_min = float(match.group("least"))
    elif match.group("low") is not None:
        years_min, years_max = float(match.group("low")), float(match.group("high"))
        if years_min > years_max:
            raise InputParseError(
                f"experience level {text!r}: its years band runs backwards, "
                f"from {match.group('low')} down to {match.group('high')}"
            )
    return Label("experience", key, EXPERIENCE_LEVELS[key], years_min, years_max)


_CITY = re.compile(r"(?P<city>[^,]+?)\s*,\s*(?P<state>[^,]+)")


def parse_city(text: str) -> Label:
    """'New York City, NY' -> city and state; a city the project has no data for raises InputParseError."""
    if match := _CITY.fullmatch(check_drawable(text).strip()):
        for key, (city, state) in CITIES.items():
            if (match.group("city"), match.group("state")) == (city, state):
                return Label("city", key, f"{city}, {state}", state=state)
    known = "; ".join(f"{city}, {state}" for city, state in CITIES.values())
    raise InputParseError(f"unknown city {text!r}: expected one of {known}")


def parse_role(text: str) -> Label:
    """A credential ('Certified Professional Coder (CPC)') or a job title ('Coding Auditor')."""
    stripped = check_drawable(text).strip()
    if match := re.fullmatch(r"(.+?)\s*\(([A-Z\-]+)\)", stripped):
        name, code = match.groups()
        if CREDENTIALS.get(code) == name:
            return Label("credential", code, code, credential=code)
    for key, title in JOB_TITLES.items():
        if stripped == title:
            return Label("job_title", key, title)
    known = [f"{name} ({code})" for code, name in CREDENTIALS.items()] + list(JOB_TITLES.values())
    raise InputParseError(f"unknown credential or job title {text!r}: expected one of {', '.join(known)}")


# Every percentile label the parser accepts, whole: '(Median)' belongs to the 50th only.
PERCENTILE_LABELS = {f"{value}th Percentile": value for value in PERCENTILES} | {"50th Percentile (Median)": 50}


def parse_percentile(text: str) -> Label:
    """'50th Percentile (Median)' -> the 50th percentile."""
    value = PERCENTILE_LABELS.get(check_drawable(text).strip())
    if value is None:
        raise InputParseError(
            f"unknown percentile {text!r}: expected the {', '.join(f'{p}th' for p in PERCENTILES)} percentile"
        )
    return Label("percentile", f"p{value}", f"{value}th percentile", percentile=value)


def parse_national(text: str) -> Label:
    """A national figure quoted in the article's prose."""
    stripped = check_drawable(text).strip()
    if stripped not in NATIONAL_FIGURES:
        raise InputParseError(f"unknown national figure {text!r}: expected one of {', '.join(NATIONAL_FIGURES)}")
    key, label = NATIONAL_FIGURES[stripped]
    return Label("national", key, label)


PARSERS = {
    "experience": parse_experience,
    "city": parse_city,
    "role": parse_role,
    "percentile": parse_percentile,
    "national": parse_national,
}
