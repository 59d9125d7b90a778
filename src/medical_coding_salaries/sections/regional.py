"""The article's city figures in local purchasing power: each divided by its metro area's BEA price parity / 100.

BEA estimates each year's parities independently, so they compare places within one year, never years; the
report uses one release and year (read from the reference file) and says so.
"""

from __future__ import annotations

import pandas as pd

from medical_coding_salaries.findings import Finding, share_pct
from medical_coding_salaries.ingest import reference
from medical_coding_salaries.parameters import Parameters
from medical_coding_salaries.present.numbers import derived_money, lead_over_lowest, money, ordinal, pct
from medical_coding_salaries.sections.city import above_lowest, city_rows, highest_and_lowest
from medical_coding_salaries.sections.memo import remembered

NOMINAL, ADJUSTED = "nominal", "price_adjusted"
SWITCHED_OFF = (
    "Regional price adjustment is switched off (regional_prices: false): the cities are compared in nominal dollars "
    "only."
)


def city_figures(salaries: pd.DataFrame) -> pd.DataFrame:
    """The article's city figures (city.city_rows): record_id, city key, label, statistic, nominal value."""
    cities = city_rows(salaries)
    return pd.DataFrame(
        {
            "record_id": cities["record_id"].to_numpy(),
            "city": cities["category"].to_numpy(),
            "label": cities["label"].to_numpy(),
            "statistic": cities["statistic"].to_numpy(),
            NOMINAL: cities["point"].to_numpy(),
        }
    )


@remembered
def price_adjusted(salaries: pd.DataFrame, parities: pd.DataFrame) -> pd.DataFrame:
    """Each city nominal and price-adjusted, ranked both ways, with its lead over the lowest city in each basis."""
    cities = city_figures(salaries)
    missing = sorted(set(cities["city"]) - set(parities["city"]))
    if missing:
        raise ValueError(f"no price parity for {', '.join(missing)} in {reference.PARITIES_FILE}")
    frame = cities.merge(
        parities[["city", "metro_area", "rpp_all_items"]], on="city", how="left", validate="one_to_one"
    )
    frame[ADJUSTED] = frame[NOMINAL] / (frame["rpp_all_items"] / 100)
    for basis in (NOMINAL, ADJUSTED):
        frame[f"{basis}_rank"] = frame[basis].rank(ascending=False, method="min").astype(int)
        frame[f"{basis}_above_lowest_pct"] = above_lowest(frame[basis])
    frame["rank_change"] = frame[f"{NOMINAL}_rank"] - frame[f"{ADJUSTED}_rank"]
    return frame


def city_table(salaries: pd.DataFrame, params: Parameters, parities: pd.DataFrame | None = None) -> pd.DataFrame | None:
    """price_adjusted when params.regional_prices is on; None when it is off (see SWITCHED_OFF)."""
    if not params.regional_prices:
        return None
    return price_adjusted(salaries, reference.price_parities() if parities is None else parities)


def top_vs_bottom(table: pd.DataFrame, basis: str) -> pd.Series:
    """Highest and lowest city in one basis (nominal or price_adjusted) and the gap between them."""
    sourced = table.assign(sources=[(record,) for record in table["record_id"]])
    return pd.concat([pd.Series({"basis": basis}), highest_and_lowest(sourced, basis, "label")])


def gaps(table: pd.DataFrame) -> pd.DataFrame:
    """Top-versus-bottom gap, nominal and price-adjusted."""
    return pd.DataFrame([top_vs_bottom(table, basis) for basis in (NOMINAL, ADJUSTED)])


def release_note(parities: pd.DataFrame) -> str:
    """Which BEA release and year the parities come from, and the publisher's caveat."""
    releases, years = parities["release"].unique(), parities["reference_period"].unique()
    return (
        f"Price parities: {parities['publisher'].iloc[0]}, {parities['dataset'].iloc[0]}, for {', '.join(years)}, "
        f"released {', '.join(releases)}; {'; '.join(parities['note'].unique())}. "
        "Each is a metropolitan area, wider than the city the article names."
    )


def describe_ranking(table: pd.DataFrame) -> str:
    """Which cities change rank once prices are taken into account."""
    moved = table[table["rank_change"] != 0].sort_values(f"{NOMINAL}_rank")
    if moved.empty:
        return "The ranking of the cities is the same before and after prices."
    moves = "; ".join(
        f"{row.label} from {ordinal(row.nominal_rank)} to {ordinal(row.price_adjusted_rank)}"
        for row in moved.itertuples()
    )
    return f"After prices, {len(moved)} of the {len(table)} cities change rank: {moves}."


def findings(salaries: pd.DataFrame, params: Parameters) -> list[Finding]:
    """Findings of the regional section; none when params.regional_prices is off."""
    table = city_table(salaries, params)
    if table is None:
        return []
    nominal, adjusted = top_vs_bottom(table, NOMINAL), top_vs_bottom(table, ADJUSTED)
    moved = table[table["rank_change"] != 0]
    records = tuple(table["record_id"])
    return [
        Finding(
            "city.top_vs_bottom.pct.price_adjusted",
            float(adjusted["gap_pct"]),
            "percent",
            f"After local prices, the gap between the best- and worst-paid of the article's cities is "
            f"{pct(adjusted['gap_pct'])} ({adjusted['top']} over {adjusted['bottom']}), against "
            f"{pct(nominal['gap_pct'])} in nominal dollars ({nominal['top']} over {nominal['bottom']}).",
            records,
            "regional",
            extra={"top": adjusted["top"], "bottom": adjusted["bottom"]},
        ),
        Finding(
            "city.rank_changes.share.pct",
            share_pct(moved, table),
            "percent",
            describe_ranking(table),
            records,
            "regional",
            extra={"cities_moved": list(moved["label"])},
        ),
    ]


def city_view(table: pd.DataFrame) -> pd.DataFrame:
    """price_adjusted (or, with regional prices off, city_figures) for the reader."""
    view = pd.DataFrame({"Record": table["record_id"], "City": table["label"], "Nominal": money(table[NOMINAL])})
    if ADJUSTED not in table:
        return view.assign(**{"Above lowest, nominal": lead_over_lowest(above_lowest(table[NOMINAL]))})
    return view.assign(
        **{
            "Metro area (BEA)": table["metro_area"],
            "Price parity (US = 100)": table["rpp_all_items"].map("{:.3f}".format),
            "Price-adjusted": derived_money(table[ADJUSTED], table[NOMINAL]),
            "Rank, nominal": table[f"{NOMINAL}_rank"],
            "Rank, price-adjusted": table[f"{ADJUSTED}_rank"],
            "Above lowest, nominal": lead_over_lowest(table[f"{NOMINAL}_above_lowest_pct"]),
            "Above lowest, price-adjusted": lead_over_lowest(table[f"{ADJUSTED}_above_lowest_pct"]),
        }
    )


def describe(table: pd.DataFrame | None, parities: pd.DataFrame) -> str:
    """The parities used and how the ranking moves, or that regional prices are switched off (`table` None)."""
    return SWITCHED_OFF if table is None else f"{release_note(parities)} {describe_ranking(table)}"


def shown_cities(salaries: pd.DataFrame, params: Parameters) -> pd.DataFrame:
    """The cities as the section shows them: price-adjusted when params.regional_prices is on, else nominal only."""
    table = city_table(salaries, params)
    return city_figures(salaries) if table is None else table


def cities_table_caption(params: Parameters) -> str:
    """The caption of the cities' table, which says whether prices are taken into account."""
    if params.regional_prices:
        return "The article's cities, nominal and adjusted for local prices"
    return "The article's cities, nominal"


def cities_chart_caption(params: Parameters) -> str:
    """The caption of the cities' chart, which says whether prices are taken into account."""
    if params.regional_prices:
        return "The article's city averages, nominal and in local purchasing power"
    return "The article's city averages, nominal"
