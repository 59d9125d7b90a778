"""Properties of the raw parsers, for any text: a valid value or the project's input error, never another exception.

Hypothesis generates the texts: arbitrary Unicode, and texts built from the pieces of real amounts and labels,
which reach the parsers' inner branches far more often than random text does. Every test is derandomized and
keeps no example database, so a run is the same on every machine and leaves no folder behind.
"""

from __future__ import annotations

import math
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from medical_coding_salaries.clean.amounts import PLAUSIBLE_SALARY, Amount, parse_amount
from medical_coding_salaries.clean.labels import (
    CITIES,
    CREDENTIALS,
    DRAWABLE_CHARACTERS,
    EXPERIENCE_LEVELS,
    JOB_TITLES,
    MAX_LABEL_LENGTH,
    NATIONAL_FIGURES,
    PARSERS,
    PERCENTILE_LABELS,
    PERCENTILES,
    Label,
)
from medical_coding_salaries.errors import InputParseError

# Hypothesis caches Unicode tables and the constants of local modules in ./.hypothesis, as pytest collects this
# module; like the tests' `-p no:cacheprovider`, keep the checkout free of cache folders.
set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "medical-coding-salaries-hypothesis")

# The profile's settings (tests/conftest.py): derandomized, no example database, fewer examples in `make test-fast`.
PROPERTY = settings()
# Each label parser's text space is small; fewer examples find the same branches and keep the module fast.
LABEL_PROPERTY = settings(PROPERTY, max_examples=min(80, PROPERTY.max_examples))


FLOOR, CEILING = PLAUSIBLE_SALARY

# The pieces amounts are made of, and near misses: digits, separators, words, spaces and a few undrawable ones.
AMOUNT_PIECES = [
    "$",
    "$ ",
    "0",
    "1",
    "4",
    "9",
    "00",
    "000",
    "45",
    ",",
    ",000",
    ",00",
    "-",
    "–",
    "—",
    "+",
    " to ",
    " ",
    "  ",
    "between ",
    " and ",
    " per year",
    "BETWEEN ",
    "\u00a0",
    "\t",
    "k",
    ".",
    "5",
    "\U0001f4b0",
    "$$",
]
near_amounts = st.lists(st.sampled_from(AMOUNT_PIECES), max_size=14).map("".join)
salaries = st.integers(FLOOR, CEILING)
any_dollars = st.integers(0, 10_000_000)


def dollars(value: int, commas: bool) -> str:
    return f"${value:,}" if commas else f"${value}"


formatted_amounts = st.one_of(
    st.builds(dollars, any_dollars, st.booleans()),
    st.builds(
        lambda low, high, separator, top: f"{low}{separator}{high}{top}",
        st.builds(dollars, any_dollars, st.booleans()),
        st.builds(dollars, any_dollars, st.booleans()),
        st.sampled_from([" – ", " - ", "—", " to ", "-"]),
        st.sampled_from(["", "+"]),
    ),
)


@st.composite
def mutated(draw: st.DrawFn, texts: st.SearchStrategy[str]) -> str:
    """A text with a piece cut out, or something inserted, at a drawn position (or left alone)."""
    text = draw(texts)
    start = draw(st.integers(0, len(text)))
    end = draw(st.integers(start, len(text)))
    pieces = st.sampled_from(AMOUNT_PIECES + ["(", ")", " years", "Level", ",", "th"])
    inserted = draw(st.one_of(st.just(""), st.text(max_size=4), pieces))
    return text[:start] + inserted + text[end:]


@PROPERTY
@given(st.one_of(st.text(), near_amounts, mutated(formatted_amounts), mutated(near_amounts)))
def test_an_amount_is_a_plausible_range_or_the_input_error(text: str) -> None:
    try:
        amount = parse_amount(text)
    except InputParseError:
        return
    assert isinstance(amount, Amount)
    assert math.isfinite(amount.low) and math.isfinite(amount.high)
    assert FLOOR <= amount.low <= amount.high <= CEILING
    assert len(text) <= MAX_LABEL_LENGTH and set(text) <= DRAWABLE_CHARACTERS


@PROPERTY
@given(salaries, st.booleans(), st.booleans())
def test_a_formatted_figure_parses_back_to_itself(value: int, commas: bool, open_top: bool) -> None:
    text = dollars(value, commas) + ("+" if open_top else "")
    assert parse_amount(text) == Amount(value, value, open_top)


@PROPERTY
@given(salaries, salaries, st.sampled_from([" – ", " - ", " — ", "–", " to "]), st.booleans())
def test_a_formatted_range_parses_back_to_itself(first: int, second: int, separator: str, open_top: bool) -> None:
    low, high = sorted((first, second))
    text = f"${low:,}{separator}${high:,}" + ("+" if open_top else "")
    assert parse_amount(text) == Amount(low, high, open_top)


@PROPERTY
@given(salaries, salaries)
def test_a_prose_range_parses_back_to_itself(first: int, second: int) -> None:
    low, high = sorted((first, second))
    assert parse_amount(f"between ${low:,} and ${high:,} per year") == Amount(low, high, False)


# What each parser may return: (dimension, category) pairs of the project's known categories.
KNOWN = {
    "experience": {("experience", key) for key in EXPERIENCE_LEVELS},
    "city": {("city", key) for key in CITIES},
    "role": {("credential", code) for code in CREDENTIALS} | {("job_title", key) for key in JOB_TITLES},
    "percentile": {("percentile", f"p{value}") for value in PERCENTILES},
    "national": {("national", key) for key, _ in NATIONAL_FIGURES.values()},
}
# Labels as the article prints them, and variants the parsers accept, as seeds for near misses.
VALID_LABELS = {
    "experience": [
        "Entry Level",
        "Entry-Level (0-2 years)",
        "Mid-Level (2-5 years)",
        "Experienced (5+ years)",
        "Senior-Level",
    ],
    "city": [f"{city}, {state}" for city, state in CITIES.values()],
    "role": [f"{name} ({code})" for code, name in CREDENTIALS.items()] + list(JOB_TITLES.values()),
    "percentile": list(PERCENTILE_LABELS),
    "national": list(NATIONAL_FIGURES),
}


@pytest.mark.parametrize("dimension", PARSERS)
def test_every_label_parser_gives_a_known_category_or_the_input_error(dimension: str) -> None:
    parser, seeds = PARSERS[dimension], st.sampled_from(VALID_LABELS[dimension])

    @LABEL_PROPERTY
    @given(st.one_of(st.text(), mutated(seeds), mutated(mutated(seeds))))
    def property_holds(text: str) -> None:
        try:
            label = parser(text)
        except InputParseError:
            return
        assert isinstance(label, Label)
        assert (label.dimension, label.category) in KNOWN[dimension]
        assert len(text) <= MAX_LABEL_LENGTH and set(text) <= DRAWABLE_CHARACTERS
        if label.years_min is not None and label.years_max is not None:
            assert label.years_min <= label.years_max

    property_holds()


@pytest.mark.parametrize("dimension", PARSERS)
def test_every_printed_label_still_parses(dimension: str) -> None:
    for text in VALID_LABELS[dimension]:
        assert (PARSERS[dimension](text).dimension, PARSERS[dimension](text).category) in KNOWN[dimension]
