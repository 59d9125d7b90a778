from pathlib import Path

import matplotlib
import pytest
from fontTools.ttLib import TTFont

from medical_coding_salaries.clean.labels import (
    DRAWABLE_CHARACTERS,
    MAX_LABEL_LENGTH,
    PARSERS,
    parse_city,
    parse_experience,
    parse_national,
    parse_percentile,
    parse_role,
)
from medical_coding_salaries.errors import InputParseError


@pytest.mark.parametrize(
    ("text", "category", "years"),
    [
        ("Entry Level", "entry", (None, None)),
        ("Entry-Level (0-2 years)", "entry", (0, 2)),
        ("Mid-Level (2-5 years)", "mid", (2, 5)),
        ("Experienced (5+ years)", "experienced", (5, None)),
        ("Senior-Level", "senior", (None, None)),
    ],
)
def test_experience_levels_and_their_years_bands(text: str, category: str, years: tuple) -> None:
    label = parse_experience(text)
    assert (label.category, (label.years_min, label.years_max)) == (category, years)


def test_cities_keep_their_state() -> None:
    label = parse_city("New York City, NY")
    assert (label.category, label.state, label.label) == ("new_york", "NY", "New York City, NY")


def test_credentials_are_told_from_job_titles() -> None:
    assert parse_role("Certified Coding Specialist (CCS)").credential == "CCS"
    assert parse_role("Certified Professional Coder (CPC)").dimension == "credential"
    assert parse_role("Medical Records Coder").dimension == "job_title"
    assert parse_role("Coding Auditor").category == "coding_auditor"


def test_percentiles() -> None:
    assert parse_percentile("50th Percentile (Median)").percentile == 50
    assert parse_percentile("90th Percentile").category == "p90"


@pytest.mark.parametrize(
    ("parser", "text", "message"),
    [
        # Unknown labels are refused with the label named.
        (parse_experience, "Principal Level", "unknown experience level 'Principal Level'"),
        (parse_city, "Boston, MA", "unknown city 'Boston, MA'"),
        (parse_city, "Houston, CA", "unknown city"),
        (parse_role, "Certified Coding Specialist (CPC)", "unknown credential or job title"),
        (parse_percentile, "95th Percentile", "unknown percentile"),
        (parse_national, "Global median", "unknown national figure"),
        # A known label with anything around it is refused too: a label is consumed whole.
        (parse_experience, "Entry-Level (0-2 years) xxxx", "unknown experience level 'Entry-Level (0-2 years) xxxx'"),
        (parse_experience, "Entry-Level (0-2 years", "unknown experience level 'Entry-Level (0-2 years'"),
        (parse_experience, "(0-2 years)", "unknown experience level ''"),
        (
            parse_experience,
            "Mid-Level (5-2 years)",
            "experience level 'Mid-Level (5-2 years)': its years band runs backwards, from 5 down to 2",
        ),
        (parse_city, "Chicago, IL, USA", "unknown city 'Chicago, IL, USA'"),
        (parse_city, "Chicago, ILL", "unknown city 'Chicago, ILL'"),
        (parse_role, "Coding Auditor II", "unknown credential or job title 'Coding Auditor II'"),
        (parse_role, "Certified Coding Specialist (CCS) 2020", "unknown credential or job title"),
        (parse_percentile, "90th Percentile (top)", "unknown percentile '90th Percentile (top)'"),
        (parse_percentile, "10th Percentile (Median)", "unknown percentile '10th Percentile (Median)'"),
        (parse_national, "BLS median annual wage 2020", "unknown national figure 'BLS median annual wage 2020'"),
    ],
)
def test_a_label_unknown_or_not_consumed_whole_is_refused_and_named(parser, text: str, message: str) -> None:
    with pytest.raises(InputParseError) as raised:
        parser(text)
    assert str(raised.value).startswith(message)


def test_surrounding_spaces_are_not_part_of_a_label() -> None:
    assert parse_experience("  Experienced (5+ years) ").years_min == 5
    assert parse_city(" Houston ,  TX ").category == "houston"


@pytest.mark.parametrize("parser", PARSERS.values(), ids=PARSERS.keys())
def test_every_label_parser_refuses_a_label_longer_than_the_limit(parser) -> None:
    text = "Coding Auditor" + "!" * 70
    with pytest.raises(InputParseError) as raised:
        parser(text)
    assert str(raised.value) == (
        f"label 'Coding Auditor!!!!!!!!!!!!!!!!…' is 84 characters long; the limit is {MAX_LABEL_LENGTH}"
    )


@pytest.mark.parametrize("parser", PARSERS.values(), ids=PARSERS.keys())
@pytest.mark.parametrize(
    ("text", "character"),
    [
        ("Coding Auditor \U0001f600", "U+1F600 (GRINNING FACE)"),
        ("Coding\u00a0Auditor\u2192", "U+2192 (RIGHTWARDS ARROW)"),
        ("Coding\nAuditor", "U+000A (a control character)"),
        ("Coding Auditor\ufeff", "U+FEFF (ZERO WIDTH NO-BREAK SPACE)"),
    ],
)
def test_every_label_parser_names_a_character_the_fonts_cannot_draw(parser, text: str, character: str) -> None:
    with pytest.raises(InputParseError) as raised:
        parser(text)
    assert str(raised.value) == f"label {text!r} has character {character}, which the report's fonts cannot draw"


def test_every_drawable_character_is_in_dejavu_sans() -> None:
    """The declaration matches the font: DejaVu Sans, from matplotlib, sets the charts and the PDF."""
    font = TTFont(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf", lazy=True)
    cmap = font.getBestCmap()
    missing = sorted(f"U+{ord(character):04X}" for character in DRAWABLE_CHARACTERS if ord(character) not in cmap)
    assert not missing, missing
    assert {"\u2013", "\u2014", "\u2018", "\u2019", "\u201c", "\u201d", "\u2026", "é", " ", "~"} <= DRAWABLE_CHARACTERS
    assert len(DRAWABLE_CHARACTERS) == 95 + 96 + 7
