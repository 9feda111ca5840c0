"""Names shown for ISO3 country codes; any other code is shown as it is (controls visible)."""

from __future__ import annotations

from functools import cache

import pycountry

from tradetui.data.text import visible

# The pair shown first when none is asked for, if the data has it (the project's own).
DEFAULT_PAIR = ("CHN", "RUS")

COUNTRY_NAMES = {
    "CHN": "China",
    "RUS": "Russia",
    "USA": "United States",
    "IND": "India",
    "JPN": "Japan",
    "KOR": "South Korea",
    "DEU": "Germany",
    "KAZ": "Kazakhstan",
    "MNG": "Mongolia",
    "TUR": "Türkiye",
    "W00": "World",
    "WLD": "World",
}


def country_name(code: str) -> str:
    """The short name people use ("Uzbekistan" for UZB), from ISO 3166 where not listed above.

    A code in neither is whatever the file holds: it is shown, with its controls marked.
    """
    return COUNTRY_NAMES.get(code) or _iso_name(code) or visible(code)


@cache
def _iso_name(code: str) -> str | None:
    if len(code) != 3 or not code.isascii() or not code.isalpha() or not code.isupper():
        return None
    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return None
    # The common name where ISO's is formal ("Bolivia", not "Bolivia, Plurinational State of").
    return getattr(country, "common_name", None) or country.name


def possessive(name: str) -> str:
    """ "Russia's", "Belarus'"."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"
