import pytest

from medical_coding_salaries.amounts import Amount, parse_amount, point_value


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


def test_low_above_high_parses_so_that_cleaning_can_name_the_row() -> None:
    assert parse_amount("$50,000 – $40,000") == Amount(50000, 40000, False)


@pytest.mark.parametrize(
    ("rule", "factor", "expected"),
    [("low", 1.0, 70000), ("midpoint", 1.0, 80000), ("high", 1.0, 90000), ("midpoint", 1.2, 89000), ("high", 1.2, 108000)],
)
def test_point_value_of_an_open_top(rule: str, factor: float, expected: float) -> None:
    assert point_value(70000, 90000, True, rule, factor) == pytest.approx(expected)


def test_factor_leaves_a_closed_range_alone() -> None:
    assert point_value(34000, 42000, False, "high", 1.5) == 42000


def test_unknown_rule_is_refused() -> None:
    with pytest.raises(ValueError, match="low, midpoint or high"):
        point_value(1, 2, False, "mean")  # type: ignore[arg-type]
