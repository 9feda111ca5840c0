"""Names shown for ISO3 country codes; any other code is shown as it is (controls visible)."""

from __future__ import annotations

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
    # A code is whatever the file holds: it is shown, so its control characters are marked.
    return COUNTRY_NAMES.get(code) or visible(code)
