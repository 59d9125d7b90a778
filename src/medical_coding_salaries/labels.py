"""Normalize the article's row labels into a dimension and a category."""

from __future__ import annotations

import re
from dataclasses import dataclass

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


_YEARS = re.compile(r"\((\d+)\s*(?:-|–)\s*(\d+)\s*years\)|\((\d+)\+\s*years\)")


def parse_experience(text: str) -> Label:
    """'Entry-Level (0-2 years)' -> entry level with its years band; unknown levels raise ValueError."""
    years_min = years_max = None
    if band := _YEARS.search(text):
        if band.group(3) is not None:
            years_min = float(band.group(3))
        else:
            years_min, years_max = float(band.group(1)), float(band.group(2))
        text = text[: band.start()]
    key = re.sub(r"[\s\-–]+", " ", text).strip().lower().removesuffix(" level").strip()
    if key not in EXPERIENCE_LEVELS:
        raise ValueError(f"unknown experience level {text.strip()!r}: expected one of {', '.join(EXPERIENCE_LEVELS.values())}")
    return Label("experience", key, EXPERIENCE_LEVELS[key], years_min, years_max)


def parse_city(text: str) -> Label:
    """'New York City, NY' -> city and state; a city the project has no data for raises ValueError."""
    name, _, state = (part.strip() for part in text.rpartition(","))
    for key, (city, city_state) in CITIES.items():
        if name == city and state == city_state:
            return Label("city", key, f"{city}, {state}", state=state)
    known = "; ".join(f"{city}, {state}" for city, state in CITIES.values())
    raise ValueError(f"unknown city {text!r}: expected one of {known}")


def parse_role(text: str) -> Label:
    """A credential ('Certified Professional Coder (CPC)') or a job title ('Coding Auditor')."""
    if match := re.fullmatch(r"(.+?)\s*\(([A-Z\-]+)\)", text.strip()):
        name, code = match.groups()
        if CREDENTIALS.get(code) == name:
            return Label("credential", code, code, credential=code)
    for key, title in JOB_TITLES.items():
        if text.strip() == title:
            return Label("job_title", key, title)
    known = [f"{name} ({code})" for code, name in CREDENTIALS.items()] + list(JOB_TITLES.values())
    raise ValueError(f"unknown credential or job title {text!r}: expected one of {', '.join(known)}")


def parse_percentile(text: str) -> Label:
    """'50th Percentile (Median)' -> the 50th percentile."""
    match = re.fullmatch(r"(\d+)(?:st|nd|rd|th) Percentile(?: \(Median\))?", text.strip())
    if not match or int(match.group(1)) not in PERCENTILES:
        raise ValueError(f"unknown percentile {text!r}: expected the {', '.join(f'{p}th' for p in PERCENTILES)} percentile")
    value = int(match.group(1))
    return Label("percentile", f"p{value}", f"{value}th percentile", percentile=value)


def parse_national(text: str) -> Label:
    """A national figure quoted in the article's prose."""
    if text.strip() not in NATIONAL_FIGURES:
        raise ValueError(f"unknown national figure {text!r}: expected one of {', '.join(NATIONAL_FIGURES)}")
    key, label = NATIONAL_FIGURES[text.strip()]
    return Label("national", key, label)


PARSERS = {
    "experience": parse_experience,
    "city": parse_city,
    "role": parse_role,
    "percentile": parse_percentile,
    "national": parse_national,
}
