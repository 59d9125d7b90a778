import pytest

from medical_coding_salaries.labels import parse_city, parse_experience, parse_national, parse_percentile, parse_role


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
        (parse_experience, "Principal Level", "unknown experience level 'Principal Level'"),
        (parse_city, "Boston, MA", "unknown city 'Boston, MA'"),
        (parse_city, "Houston, CA", "unknown city"),
        (parse_role, "Certified Coding Specialist (CPC)", "unknown credential or job title"),
        (parse_percentile, "95th Percentile", "unknown percentile"),
        (parse_national, "Global median", "unknown national figure"),
    ],
)
def test_unknown_labels_are_refused_with_the_label_named(parser, text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parser(text)
