import pytest

from medical_coding_salaries.clean.amounts import PLAUSIBLE_SALARY, Amount, parse_amount, point_value
from medical_coding_salaries.errors import InputParseError, RawDataError


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("$45,000", Amount(45000, 45000, False)),
        ("$34,000 – $42,000", Amount(34000, 42000, False)),
        ("$55,000 - $70,000", Amount(55000, 70000, False)),
        ("$70,000 – $90,000+", Amount(70000, 90000, True)),
        ("between $43,000 and $57,000 per year", Amount(43000, 57000, False)),
        ("$51,426", Amount(51426, 51426, False)),
    ],
)
def test_parses_the_article_s_formats(text: str, expected: Amount) -> None:
    assert parse_amount(text) == expected


@pytest.mark.parametrize("text", ["45,000", "$45k", "about $45,000", "$45,000 – ", "", "$4,5000"])
def test_rejects_what_is_not_a_dollar_figure(text: str) -> None:
    with pytest.raises(ValueError, match="is not a dollar figure"):
        parse_amount(text)


def test_low_above_high_is_refused_with_both_ends_named() -> None:
    with pytest.raises(InputParseError) as raised:
        parse_amount("$50,000 – $40,000")
    assert str(raised.value) == "low 50,000 is above high 40,000 in '$50,000 – $40,000'"


def test_the_parsers_error_is_the_project_s_and_still_a_value_error() -> None:
    with pytest.raises(InputParseError) as raised:
        parse_amount("n/a")
    assert isinstance(raised.value, ValueError) and isinstance(raised.value, RawDataError)


def test_zero_must_be_positive() -> None:
    with pytest.raises(InputParseError) as raised:
        parse_amount("$0")
    assert str(raised.value) == "amount '$0' must be positive"


@pytest.mark.parametrize("text", ["$9,999,999", "$9,999", "$1", "$45,000 – $600,000", "$4,500 – $45,000", "$500,001+"])
def test_amounts_outside_the_plausible_range_for_a_salary_are_refused(text: str) -> None:
    with pytest.raises(InputParseError) as raised:
        parse_amount(text)
    assert str(raised.value) == (
        f"amount {text!r} is outside the plausible range for a US annual salary ($10,000 to $500,000)"
    )


@pytest.mark.parametrize(("text", "low"), [("$10,000", 10000), ("$500,000", 500000), ("$10,000 – $500,000+", 10000)])
def test_the_plausible_range_includes_its_bounds(text: str, low: float) -> None:
    assert parse_amount(text).low == low
    assert PLAUSIBLE_SALARY == (10_000, 500_000)


@pytest.mark.parametrize(
    ("text", "character"),
    [
        ("$45,000 \U0001f4b0", "U+1F4B0 (MONEY BAG)"),
        ("$45,000\u200b", "U+200B (ZERO WIDTH SPACE)"),
        ("$45,000\t", "U+0009 (a control character)"),
        ("\uff0445,000", "U+FF04 (FULLWIDTH DOLLAR SIGN)"),
    ],
)
def test_a_character_the_fonts_cannot_draw_is_named(text: str, character: str) -> None:
    with pytest.raises(InputParseError) as raised:
        parse_amount(text)
    assert str(raised.value) == f"amount {text!r} has character {character}, which the report's fonts cannot draw"


def test_an_amount_longer_than_a_label_may_be_is_refused_with_its_length() -> None:
    text = "$45,000" + " " * 80
    with pytest.raises(InputParseError) as raised:
        parse_amount(text)
    assert str(raised.value) == "amount '$45,000…' is 87 characters long; the limit is 80"


@pytest.mark.parametrize(
    ("rule", "factor", "expected"),
    [
        ("low", 1.0, 70000),
        ("midpoint", 1.0, 80000),
        ("high", 1.0, 90000),
        ("midpoint", 1.2, 89000),
        ("high", 1.2, 108000),
    ],
)
def test_point_value_of_an_open_top(rule: str, factor: float, expected: float) -> None:
    assert point_value(70000, 90000, True, rule, factor) == pytest.approx(expected)


def test_factor_leaves_a_closed_range_alone() -> None:
    assert point_value(34000, 42000, False, "high", 1.5) == 42000


def test_unknown_rule_is_refused() -> None:
    with pytest.raises(ValueError, match="low, midpoint or high"):
        point_value(1, 2, False, "mean")  # type: ignore[arg-type]
