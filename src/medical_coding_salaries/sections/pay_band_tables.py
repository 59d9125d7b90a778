"""The pay band's reader tables and text: its derivation, its place among official percentiles, what it buys,
the grid of every level in every city, and its assumptions."""

from __future__ import annotations

import pandas as pd

from medical_coding_salaries.clean.labels import EXPERIENCE_LEVELS
from medical_coding_salaries.ingest import reference
from medical_coding_salaries.ingest.cpi import restate
from medical_coding_salaries.parameters import ANY_CREDENTIAL, NATIONAL, PROFILE_CITIES, Parameters
from medical_coding_salaries.present.numbers import derived_money, derived_usd, ordinal, ratio, usd, usd_range
from medical_coding_salaries.present.show import Prose, sources_text
from medical_coding_salaries.sections import distribution, official
from medical_coding_salaries.sections.interpolation import INTERPOLATED, placed_percentile
from medical_coding_salaries.sections.pay_band import (
    ASSUMPTIONS,
    ENDS,
    REFERENCE_TITLE,
    band,
    grid,
    open_top_words,
    parity,
)


def derivation_view(salaries: pd.DataFrame, params: Parameters) -> pd.DataFrame:
    """Every factor of the band: what it is, its value and the raw rows it comes from."""
    found = band(salaries, params)
    national, where, credential, cpi = found["national"], found["city"], found["credential"], found["cpi"]
    tables = " and ".join(national["tables"])
    how = f"mean of {tables}" if len(national["tables"]) > 1 else f"{tables} only (no other table has this level)"
    if national["open_top"]:
        how += f"; open top at {open_top_words(params)}"
    city_how = (
        "1: the national band as it is"
        if params.profile_city == NATIONAL
        else f"{params.profile_city}'s average {usd(where['numerator'])} / the national average range's midpoint "
        f"{usd(where['denominator'])}"
    )
    credential_how = (
        "1: no credential differential"
        if params.profile_credential == ANY_CREDENTIAL
        else f"{params.profile_credential} median {usd(credential['numerator'])} / {REFERENCE_TITLE} "
        f"(a title without a named credential) {usd(credential['denominator'])}"
    )
    rows = [
        (
            f"National band, {EXPERIENCE_LEVELS[params.profile_level].lower()}",
            f"{usd_range(national['low'], national['high'])}, point {usd(national['point'])}",
            how,
            sources_text(national["sources"]),
        ),
        ("City differential", ratio(where["value"]), city_how, sources_text(where["sources"]) or "–"),
        (
            "Credential differential",
            ratio(credential["value"]),
            credential_how,
            sources_text(credential["sources"]) or "–",
        ),
        (
            "CPI-U restatement",
            ratio(cpi["value"]),
            f"{cpi['year']} ({cpi['basis']}) dollars to {params.dollar_year} dollars",
            sources_text(cpi["sources"]),
        ),
        (
            "Band",
            f"{usd_range(found['low'], found['high'])}, point {usd(found['point'])}",
            "national band × city × credential × CPI-U",
            sources_text(found["sources"]),
        ),
    ]
    return pd.DataFrame(rows, columns=["Factor", "Value", "How", "Raw rows"])


def ends_on_latest(salaries: pd.DataFrame, params: Parameters) -> pd.DataFrame:
    """The band's low, point and high on the latest official (May) distribution: each end in dollar_year and in the
    latest year's dollars, its percentile read between the published points (`method`), and its position against
    the official 10th–90th."""
    found = band(salaries, params)
    wages = reference.oews()
    latest = official.latest_year(wages)
    to_latest = restate(1.0, params.dollar_year, latest)
    fit, edges = official.latest_fit(wages), official.latest_band(wages)
    published = official.percentiles_of(wages, latest).to_dict()
    rows = []
    for end in ENDS:
        value = found[end] * to_latest
        percentile, method = placed_percentile(value, published, float(fit.percentile_of(value)))
        rows.append((end, found[end], value, percentile, method, distribution.band_position(value, edges)))
    return pd.DataFrame(rows, columns=["end", "value", "latest_value", "percentile", "method", "position"])


def official_view(salaries: pd.DataFrame, params: Parameters) -> pd.DataFrame:
    """ends_on_latest for the reader, in the latest year's dollars."""
    ends = ends_on_latest(salaries, params)
    latest = official.latest_year(reference.oews())
    columns = {
        "End": ends["end"].str.title(),
        f"In {params.dollar_year} dollars": ends["value"].map(usd),
        f"In May {latest} dollars": derived_money(ends["latest_value"], ends["value"]),
        f"Percentile, May {latest}": ends["percentile"].map(ordinal),
        "Against the official 10th–90th": ends["position"],
        "Read": ends["method"].map(
            lambda method: (
                "between published points" if method == INTERPOLATED else "fitted log-normal (outside the table)"
            )
        ),
    }
    view = pd.DataFrame(columns)
    names = list(columns)
    # Restating to the latest year changes nothing when it is the dollar year: one column, not two equal ones.
    # A column that says the same on every row says it once, in describe_official.
    same = [column for column in names[4:] if view[column].nunique() == 1]
    return view.drop(columns=[names[2]] if params.dollar_year == latest else []).drop(columns=same)


def describe_official(salaries: pd.DataFrame, params: Parameters) -> Prose:
    """The latest official percentiles the band is set against, and where all three ends lie when they lie alike."""
    wages = reference.oews()
    latest = official.latest_year(wages)
    values = official.percentiles_of(wages, latest)
    listed = ", ".join(f"{ordinal(percentile)} {usd(value)}" for percentile, value in values.items())
    text = (
        f"The official distribution is OEWS May {latest} for {official.occupation_of(wages, latest)} ({listed}); a "
        f"figure's percentile is read between those published points (beyond them, off a log-normal fitted to them)."
    )
    positions = ends_on_latest(salaries, params)["position"]
    if positions.nunique() == 1:  # official_view leaves the column out: said here once
        text += f" All three ends lie {distribution.describe_position(positions.iloc[0], official.latest_band(wages))}."
    return Prose(text)


# How the purchasing table marks the profile's own city.
MARK = " (this profile)"


def purchasing_view(salaries: pd.DataFrame, params: Parameters) -> pd.DataFrame:
    """The profile's band in each city (and nationally), and its point divided by the city's regional price parity
    / 100: what the pay buys at national average prices. The profile's own city is marked."""
    rows = []
    for where in PROFILE_CITIES:
        found = band(salaries, params, city_name=where)
        rpp = parity(where)
        rows.append(
            (
                ("National" if where == NATIONAL else where) + (MARK if where == params.profile_city else ""),
                f"{usd_range(found['low'], found['high'])}, point {usd(found['point'])}",
                f"{rpp:.3f}" if where != NATIONAL else "100 (the US)",  # as BEA publishes it
                derived_usd(found["point"] / (rpp / 100), found["point"]),
            )
        )
    return pd.DataFrame(rows, columns=["Where", "Band", "Regional price parity (US = 100)", "Point at national prices"])


def grid_view(salaries: pd.DataFrame, params: Parameters) -> pd.DataFrame:
    frame = grid(salaries, params)
    view = pd.DataFrame({"Level": frame["level"].map(EXPERIENCE_LEVELS)})
    for where in PROFILE_CITIES:
        view["National" if where == NATIONAL else where] = frame[where].map(usd)
    return view


def grid_caption(params: Parameters) -> str:
    holding = "any credential" if params.profile_credential == ANY_CREDENTIAL else params.profile_credential
    return f"Point of the pay band by level and city, {holding}, {params.dollar_year} dollars"


def assumptions() -> Prose:
    return Prose("\n".join(f"- {text}" for text in ASSUMPTIONS))
