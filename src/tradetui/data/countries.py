"""Names shown for ISO3 country codes; any other code is shown as it is."""

from __future__ import annotations

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
    return COUNTRY_NAMES.get(code, code)
