"""A pay band for one coder profile (level, city, credential), as a compensation analyst builds one: the national
band for the level times a geographic differential times a credential differential, in `dollar_year` dollars.

- National band: the experience tables T1 and T2, combined level by level as the experience section's consensus
  does (low ends averaged, high ends averaged, points averaged); only T2 has a senior level, so the senior band is
  T2's alone. An open top ("$90,000+") has its stated ceiling raised by `open_top_factor` (1.0 takes it as stated),
  for the band's high end as for its point.
- City differential: the city's average (T3) over the article's national average figure, the midpoint of the
  national average salary range it quotes (P2, $43,000 to $57,000): both are averages. 1 for `national`.
- Credential differential: from T6, the table that sets the credentials beside a title without a named credential
  (Medical Records Coder): the credential's median over that title's median. 1 for `any`.
- The tables carry no year: their dollars are taken to be `undated_reference_year` dollars and restated with CPI-U.
"""

from __future__ import annotations

import pandas as pd

from medical_coding_salaries.clean.amounts import POINT_WORDS
from medical_coding_salaries.clean.labels import CITIES, EXPERIENCE_ORDER
from medical_coding_salaries.findings import Finding, computed_dollars, reference_row
from medical_coding_salaries.ingest import reference
from medical_coding_salaries.ingest.cpi import restate
from medical_coding_salaries.parameters import ANY_CREDENTIAL, NATIONAL, PROFILE_CITIES, Parameters
from medical_coding_salaries.present.numbers import usd, usd_range
from medical_coding_salaries.present.show import Prose
from medical_coding_salaries.sections import certification, city, experience, inflation
from medical_coding_salaries.sections.memo import remembered

ENDS = ("low", "point", "high")
CREDENTIAL_TABLE = "T6"
# The title T6 sets beside the credentials; it names no credential (which is not to say its holders have none).
REFERENCE_TITLE = certification.TITLE_WITHOUT_CREDENTIAL
NATIONAL_FIGURE = "range_midpoint"
CITY_KEYS = {name: key for key, (name, _) in CITIES.items()}

ASSUMPTIONS = (
    "The three factors multiply as if they were independent: the article never crosses level with city or "
    "credential, so a New York premium is assumed to be the same for an entry-level coder as for a senior one.",
    "The article's tables are marginal (one dimension each), mostly undated and disagree with each other (the two "
    "experience tables differ on several bounds; the credential tables differ by table); the band inherits all of it.",
    "A geographic differential is the cost of labour, what employers in the city pay, not the cost of living; the "
    "purchasing-power view divides by the city's regional price parity to show what the band buys.",
)


@remembered
def national_band(salaries: pd.DataFrame, level: str, open_top_factor: float) -> pd.Series:
    """The level's national band (low, point, high) from T1 and T2 averaged; an open top raised by the factor."""
    rows = experience.levels(salaries)
    rows = rows[rows["level"] == level]
    top = rows["high"].where(~rows["open_top"], rows["high"] * open_top_factor)
    tables = tuple(rows["table_id"])
    return pd.Series(
        {
            "low": float(rows["low"].mean()),
            "point": float(rows["point"].mean()),
            "high": float(top.mean()),
            "open_top": bool(rows["open_top"].any()),
            "tables": tables,
            "sources": sum(rows["sources"], ()),
        }
    )


@remembered
def city_factor(salaries: pd.DataFrame, city_name: str) -> pd.Series:
    """The city's average over the article's national average figure (P2's midpoint); 1 for `national`."""
    national = city.national_references(salaries).set_index("reference").loc[NATIONAL_FIGURE]
    if city_name == NATIONAL:
        return pd.Series({"value": 1.0, "numerator": None, "denominator": None, "sources": ()})
    row = city.cities(salaries).set_index("city_name").loc[city_name]
    return pd.Series(
        {
            "value": row["salary"] / national["value"],
            "numerator": row["salary"],
            "denominator": national["value"],
            "sources": row["sources"] + national["sources"],
        }
    )


def credential_factor(salaries: pd.DataFrame, credential: str) -> pd.Series:
    """The credential's T6 median over T6's title without a named credential; 1 for `any`."""
    if credential == ANY_CREDENTIAL:
        return pd.Series({"value": 1.0, "numerator": None, "denominator": None, "sources": ()})
    table = certification.roles(salaries).query("table_id == @CREDENTIAL_TABLE").set_index("role")
    own, base = table.loc[credential], table.loc[REFERENCE_TITLE]
    return pd.Series(
        {
            "value": own["salary"] / base["salary"],
            "numerator": own["salary"],
            "denominator": base["salary"],
            "sources": own["sources"] + base["sources"],
        }
    )


def cpi_factor(salaries: pd.DataFrame, records: tuple[str, ...], params: Parameters) -> pd.Series:
    """From the band's year (the records' stated year, else undated_reference_year) to dollar_year."""
    periods = salaries.set_index("record_id").loc[list(records), "reference_period"]
    years = {
        inflation.reference_year(None if pd.isna(period) else period, params.undated_reference_year)
        for period in periods
    }
    if len(years) != 1:
        raise ValueError(f"the band's records {', '.join(records)} belong to different years: {sorted(years)}")
    (year, basis) = years.pop()
    return pd.Series(
        {
            "value": restate(1.0, year, params.dollar_year),
            "year": year,
            "basis": basis,
            "sources": tuple(
                dict.fromkeys(
                    reference_row(reference.CPI_FILE, f"{when} annual average") for when in (year, params.dollar_year)
                )
            ),
        }
    )


def band(salaries: pd.DataFrame, params: Parameters, level: str | None = None, city_name: str | None = None) -> dict:
    """The profile's band in dollar_year dollars, with each factor (level and city default to the profile's)."""
    level = level or params.profile_level
    city_name = city_name or params.profile_city
    national = national_band(salaries, level, params.open_top_factor)
    where = city_factor(salaries, city_name)
    credential = credential_factor(salaries, params.profile_credential)
    cpi = cpi_factor(salaries, national["sources"], params)
    multiplier = where["value"] * credential["value"] * cpi["value"]
    return {
        **{end: computed_dollars(national[end] * multiplier, national[end]) for end in ENDS},
        "national": national,
        "city": where,
        "credential": credential,
        "cpi": cpi,
        "sources": tuple(
            dict.fromkeys(national["sources"] + where["sources"] + credential["sources"] + cpi["sources"])
        ),
    }


def profile_words(params: Parameters, city_name: str | None = None) -> str:
    """'a mid-level coder, nationally, with any credential' and the like."""
    city_name = city_name or params.profile_city
    where = "nationally" if city_name == NATIONAL else f"in {city_name}"
    holding = (
        "whatever the credential"
        if params.profile_credential == ANY_CREDENTIAL
        else f"holding the {params.profile_credential}"
    )
    return f"a {experience.ADJECTIVES[params.profile_level]} coder {where}, {holding}"


def open_top_words(params: Parameters) -> str:
    return "its stated ceiling" if params.open_top_factor == 1 else f"its stated ceiling × {params.open_top_factor:g}"


def assumption_words(found: dict, params: Parameters) -> str:
    """' (the undated tables taken as 2021 dollars)' when the restatement rests on undated_reference_year."""
    cpi = found["cpi"]
    if cpi["basis"] != inflation.ASSUMED or cpi["year"] == params.dollar_year:
        return ""
    return f" (the undated tables taken as {cpi['year']} dollars)"


def findings(salaries: pd.DataFrame, params: Parameters) -> list[Finding]:
    """pay_band.low.usd, pay_band.point.usd and pay_band.high.usd, each with the profile and the factors."""
    found = band(salaries, params)
    extra = {
        "profile": {
            "level": params.profile_level,
            "city": params.profile_city,
            "credential": params.profile_credential,
        },
        "factors": {
            "national_band": {end: float(found["national"][end]) for end in ENDS},
            "city": float(found["city"]["value"]),
            "credential": float(found["credential"]["value"]),
            "cpi": float(found["cpi"]["value"]),
        },
        "dollar_year": params.dollar_year,
    }
    band_text = usd_range(found["low"], found["high"])
    dollars = f"in {params.dollar_year} dollars{assumption_words(found, params)}"
    sentences = {
        "low": f"For {profile_words(params)}, the pay band starts at {usd(found['low'])} {dollars}.",
        "point": f"For {profile_words(params)}, the article's tables give a pay band of {band_text}, point "
        f"{usd(found['point'])} (each range's {POINT_WORDS[params.range_point]}), {dollars}.",
        "high": f"For {profile_words(params)}, the pay band ends at {usd(found['high'])} {dollars}.",
    }
    return [
        Finding(
            f"pay_band.{end}.usd", float(found[end]), "usd", sentences[end], found["sources"], "pay_band", extra=extra
        )
        for end in ENDS
    ]


# --- For readers -------------------------------------------------------------------------------------------


def describe(salaries: pd.DataFrame, params: Parameters) -> Prose:
    """The answer in one or two sentences."""
    found = band(salaries, params)
    return Prose(
        f"**For {profile_words(params)}, the article's tables put pay at {usd_range(found['low'], found['high'])} "
        f"a year, {usd(found['point'])} at the point (each range's {POINT_WORDS[params.range_point]}), in "
        f"{params.dollar_year} dollars{assumption_words(found, params)}.** The band is the level's range of average "
        f"salaries in the article's experience tables, not the spread of individual pay, times a city and a "
        f"credential differential, restated with CPI-U (parameters `profile_level`, `profile_city`, "
        f"`profile_credential`)."
    )


def parity(city_name: str) -> float:
    """The city's regional price parity (US = 100); 100 for `national`."""
    if city_name == NATIONAL:
        return 100.0
    parities = reference.price_parities().set_index("city")
    return float(parities.at[CITY_KEYS[city_name], "rpp_all_items"])


def grid(salaries: pd.DataFrame, params: Parameters) -> pd.DataFrame:
    """The point for every level by every city (and national), for the profile's credential."""
    return pd.DataFrame(
        {
            "level": EXPERIENCE_ORDER,
            **{
                where: [band(salaries, params, level, where)["point"] for level in EXPERIENCE_ORDER]
                for where in PROFILE_CITIES
            },
        }
    )
