"""Names shown for ISO3 country codes; any other code is shown as it is (controls visible)."""

from __future__ import annotations

from tradetui.data.text import visible

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
    # A code is whatever the file holds: it is shown, so its control characters are marked.
    return COUNTRY_NAMES.get(code) or visible(code)


def possessive(name: str) -> str:
    """ "Russia's", "Belarus'"."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"
