"""Growth rates the data can support: a computed rate with the range that the rounding of
its inputs and the revisions GACC made to them can explain.

GACC computes growth against the *revised* figures of the year before, while the data keeps
levels as first published, so a recomputed rate is a range, not a point: each level may be
any of its published versions, each within half a unit of its last digit, and the year
before may be the level that a later release's published growth rate implies.
"""

from __future__ import annotations

from dataclasses import dataclass

from tradetui.data.claims.lookup import ClaimData, half_unit, year_earlier
from tradetui.data.periods import add_months, month_key, parse_month


@dataclass(frozen=True)
class RateRange:
    """A growth rate recomputed from the data (%), and the range around it."""

    value: float
    low: float
    high: float


def _levels(data: ClaimData, start: str, end: str, flow: str) -> tuple[float, float] | None:
    """(lowest, highest) the level can be: every published version and the data's own,
    each widened by its half-unit."""
    value = data.value(start, end, flow)
    if value is None:
        return None
    half = data.precision(start, end, flow)
    lows, highs = [value - half], [value + half]
    for row in data.published(start, end, flow):
        if row.value is not None:
            lows.append(row.value - half_unit(row.value))
            highs.append(row.value + half_unit(row.value))
    return min(lows), max(highs)


def _implied_before(data: ClaimData, start: str, end: str, flow: str) -> tuple[float, float] | None:
    """The revised level a year before start..end, as implied by published growth rates:
    YTD(end) / (1 + rate) − YTD(start − 1) / (1 + rate), from the same year's releases."""
    year = start[:4]
    if year != end[:4]:
        return None

    def implied(last: str) -> tuple[float, float] | None:
        for row in data.published(f"{year}-01", last, flow):
            if row.value is not None and row.yoy_pct is not None:
                half_value, half_rate = half_unit(row.value), half_unit(row.yoy_pct)
                low = (row.value - half_value) / (1 + (row.yoy_pct + half_rate) / 100)
                high = (row.value + half_value) / (1 + (row.yoy_pct - half_rate) / 100)
                return low, high
        return None

    through_end = implied(end)
    if through_end is None:
        return None
    if start[5:] == "01":
        return through_end
    before_start = month_key(add_months(parse_month(start), -1))
    through_before = implied(before_start)
    if through_before is None:
        return None
    return through_end[0] - through_before[1], through_end[1] - through_before[0]


def computed_rate(data: ClaimData, start: str, end: str, flow: str) -> RateRange | None:
    """The growth on the same months a year earlier, with its range; None without both
    years' levels."""
    rate = data.record(start, end)[f"yoy_{flow}"]
    current = _levels(data, start, end, flow)
    before = _levels(data, year_earlier(start), year_earlier(end), flow)
    if rate is None or current is None or before is None:
        return None
    implied = _implied_before(data, start, end, flow)
    low_before, high_before = before
    if implied is not None and implied[0] > 0:
        low_before, high_before = min(low_before, implied[0]), max(high_before, implied[1])
    if low_before <= 0:
        return None
    low = (current[0] / high_before - 1) * 100
    high = (current[1] / low_before - 1) * 100
    return RateRange(rate, min(low, rate), max(high, rate))
