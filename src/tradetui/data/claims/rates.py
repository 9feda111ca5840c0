"""Growth rates the data can support: a computed rate with the range that the rounding of
its inputs and the revisions GACC made to them can explain.

GACC computes growth against the *revised* figures of the year before, while the data keeps
levels as first published, so a recomputed rate is a range, not a point:

- each level may be any of its published versions at least as precise as the data's, each
  within half a unit of its last digit (the data's own derived levels carry the half-units
  of every figure they are derived from);
- the year before may be revised: by the level that the same year's published growth
  rates imply (a month: YTD(m) / (1 + rate) − YTD(m − 1) / (1 + rate)), and by the
  revision seen in that year's other releases of the flow (implied ÷ first-published level
  of the year before, lowest to highest), applied to this period's level.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from tradetui.data.claims.lookup import ClaimData, half_unit, year_earlier
from tradetui.data.load import Dataset
from tradetui.data.periods import add_months, month_key, parse_month


@dataclass(frozen=True)
class RateRange:
    """A growth rate recomputed from the data (%), and the range around it."""

    value: float
    low: float
    high: float


def _levels(data: ClaimData, start: str, end: str, flow: str) -> tuple[float, float] | None:
    """(lowest, highest) the level can be: the data's and every published version at least
    as precise, each widened by its half-unit."""
    value = data.value(start, end, flow)
    if value is None:
        return None
    half = data.precision(start, end, flow)
    lows, highs = [value - half], [value + half]
    for row in data.published(start, end, flow):
        if row.value is not None and half_unit(row.value) <= half + 1e-12:
            lows.append(row.value - half_unit(row.value))
            highs.append(row.value + half_unit(row.value))
    return min(lows), max(highs)


def _implied(
    data: ClaimData, year: str, last: str, flow: str, besides: tuple[str, str]
) -> tuple[float, float] | None:
    """The year-before level of Jan..last as a published growth rate of Jan..last implies
    it (None without one; never from the period ``besides``, the one being checked)."""
    if (f"{year}-01", last) == besides:
        return None
    for row in data.published(f"{year}-01", last, flow):
        if row.value is not None and row.yoy_pct is not None:
            half_value, half_rate = half_unit(row.value), half_unit(row.yoy_pct)
            low = (row.value - half_value) / (1 + (row.yoy_pct + half_rate) / 100)
            high = (row.value + half_value) / (1 + (row.yoy_pct - half_rate) / 100)
            return low, high
    return None


def _implied_before(data: ClaimData, start: str, end: str, flow: str) -> tuple[float, float] | None:
    """The revised year-before level of start..end (a range within one year, not from
    January): the difference of the two implied year-to-date levels around it."""
    year = start[:4]
    if year != end[:4] or start[5:] == "01":
        return None
    through_end = _implied(data, year, end, flow, (start, end))
    before_start = month_key(add_months(parse_month(start), -1))
    through_before = _implied(data, year, before_start, flow, (start, end))
    if through_end is None or through_before is None:
        return None
    return through_end[0] - through_before[1], through_end[1] - through_before[0]


def _revisions(data: ClaimData, start: str, end: str, flow: str) -> tuple[float, float]:
    """(lowest, highest) revision factor of the year before seen in the other year-to-date
    releases of this year and flow: implied level ÷ the data's first-published one."""
    year = end[:4]
    factors = [1.0]
    for month in range(2, 13):
        last = f"{year}-{month:02d}"
        implied = _implied(data, year, last, flow, (start, end))
        before = data.value(year_earlier(f"{year}-01"), year_earlier(last), flow)
        if implied is not None and before:
            factors += [implied[0] / before, implied[1] / before]
    return min(factors), max(factors)


def computed_rate(data: ClaimData, start: str, end: str, flow: str) -> RateRange | None:
    """The growth on the same months a year earlier, with its range; None without both
    years' levels."""
    rate = data.record(start, end)[f"yoy_{flow}"]
    current = _levels(data, start, end, flow)
    before = _levels(data, year_earlier(start), year_earlier(end), flow)
    if rate is None or current is None or before is None:
        return None
    low_factor, high_factor = _revisions(data, start, end, flow)
    low_before, high_before = before[0] * low_factor, before[1] * high_factor
    implied = _implied_before(data, start, end, flow)
    if implied is not None and implied[0] > 0:
        low_before, high_before = min(low_before, implied[0]), max(high_before, implied[1])
    if low_before <= 0:
        return None
    low = (current[0] / high_before - 1) * 100
    high = (current[1] / low_before - 1) * 100
    return RateRange(rate, min(low, rate), max(high, rate))


def balance_growth(data: ClaimData, start: str, end: str) -> RateRange | None:
    """The growth of the balance's size on the same months a year earlier (%), as pages give
    a surplus's growth; None when either year lacks it or the balance changed side."""
    now = data.value(start, end, "balance")
    before_start, before_end = year_earlier(start), year_earlier(end)
    then = data.value(before_start, before_end, "balance")
    if now is None or then is None or now * then <= 0:
        return None

    def half(first: str, last: str) -> float:
        return data.precision(first, last, "export") + data.precision(first, last, "import")

    size, previous = abs(now), abs(then)
    h_now, h_then = half(start, end), half(before_start, before_end)
    if previous - h_then <= 0:
        return None
    rate = (size / previous - 1) * 100
    low = ((size - h_now) / (previous + h_then) - 1) * 100
    high = ((size + h_now) / (previous - h_then) - 1) * 100
    return RateRange(rate, min(low, rate), max(high, rate))


def month_on_month(data: ClaimData, month: str, flow: str) -> RateRange | None:
    """The change on the month before (%), with the range its two levels allow: each may be
    any published version (a first release or the revised month) within its rounding."""
    before = month_key(add_months(parse_month(month), -1))
    current, previous = _levels(data, month, month, flow), _levels(data, before, before, flow)
    now, then = data.value(month, month, flow), data.value(before, before, flow)
    if current is None or previous is None or now is None or not then or previous[0] <= 0:
        return None
    rate = (now / then - 1) * 100
    low = (current[0] / previous[1] - 1) * 100
    high = (current[1] / previous[0] - 1) * 100
    return RateRange(rate, min(low, rate), max(high, rate))


def rate_coverage(dataset: Dataset) -> pl.DataFrame:
    """Each chosen published USD growth rate against the range computed for its period as
    if it had not been published: figure_id, period_start, period_end, flow, published,
    computed, low, high, inside (the published rate, at its precision, meets the range)."""
    data = ClaimData(dataset)
    rows = []
    for (start, end, flow), published in data.rows.items():
        if flow not in ("export", "import", "total"):
            continue
        for row in published:
            if not (row.chosen and row.usable and row.currency == "USD") or row.yoy_pct is None:
                continue
            # The period's own rates are left out, as when no rate was published for it.
            data.rows[(start, end, flow)] = [r for r in published if r.yoy_pct is None]
            found = computed_rate(data, start, end, flow)
            data.rows[(start, end, flow)] = published
            if found is None:
                continue
            half = half_unit(row.yoy_pct)
            inside = found.low - half <= row.yoy_pct <= found.high + half
            rows.append(
                (row.figure_id, start, end, flow, row.yoy_pct, found.value, found.low,
                 found.high, inside)
            )  # fmt: skip
    return pl.DataFrame(
        rows,
        schema={
            "figure_id": pl.String,
            "period_start": pl.String,
            "period_end": pl.String,
            "flow": pl.String,
            "published": pl.Float64,
            "computed": pl.Float64,
            "low": pl.Float64,
            "high": pl.Float64,
            "inside": pl.Boolean,
        },
        orient="row",
    ).sort("period_start", "period_end", "flow")
