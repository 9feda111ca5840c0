"""Words shared by the CLI and the app: flows, balance sides, event categories and plurals,
so no id from the data ('RUS->CHN', 'data_release') reaches a reader as it is stored."""

from __future__ import annotations

from tradetui.data.countries import country_name, possessive
from tradetui.data.text import visible


def plural(count: int, word: str, many: str | None = None) -> str:
    """'1 event', '3 events', '0 events'; ``many`` for irregular plurals."""
    return f"{count:,} {word if count == 1 else many or word + 's'}"


def event_category(category: str | None) -> str:
    """An event category for people: 'data_release' → 'data release'; '' when there is none."""
    if not category:
        return ""
    return visible(category).replace("_", " ")


# A claim's metric as its id is stored and as the tables' headers say it ("YoY %").
METRIC_NAMES = {
    "value": "value",
    "yoy_pct": "YoY %",
    "mom_pct": "MoM %",
    "share_pct": "share %",
}


def metric_name(metric: str) -> str:
    """'yoy_pct' → 'YoY %'; an unknown metric is shown as it is."""
    return METRIC_NAMES.get(metric, visible(metric))


def flow_name(flow: str) -> str:
    """'RUS->CHN' → 'Russia → China'; a flow that names no pair is shown as it is."""
    source, arrow, destination = flow.partition("->")
    if not arrow:
        return visible(flow)
    return f"{country_name(source)} → {country_name(destination)}"


def balance_side(reporter: str, balance: float | None) -> str:
    """Which side a balance (exports − imports, from ``reporter``'s side, a name) favours:
    "Russia's surplus", "Russia's deficit", "in balance"; '' when it is not known."""
    if balance is None:
        return ""
    if balance == 0:
        return "in balance"
    return f"{possessive(reporter)} {'surplus' if balance > 0 else 'deficit'}"
