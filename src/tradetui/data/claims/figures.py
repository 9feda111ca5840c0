"""The figures a claim can be compared with, in the claim's unit: the data's level, share,
growth rate or change on the month before, GACC's published versions of it, and its yuan
figures."""

from __future__ import annotations

from dataclasses import dataclass

from tradetui.data.claims.lookup import ClaimData, Row
from tradetui.data.claims.model import METRIC_UNITS, Claim
from tradetui.data.claims.rates import balance_growth, computed_rate, month_on_month
from tradetui.data.periods import add_months, month_key, parse_month, short_period_name


@dataclass(frozen=True)
class Candidate:
    """A figure the claim may fit, in the claim's unit, and low..high what it is known to:
    the data's level within its inputs' rounding, a computed rate within its range."""

    value: float
    low: float
    high: float
    kind: str  # data | release | published | computed
    row: Row | None


def scale_of(claim: Claim) -> float:
    """The factor from the data's bn to the claim's unit (1000 for USD mn)."""
    return METRIC_UNITS[claim.metric][claim.unit] or 1.0


def candidates(
    claim: Claim, data: ClaimData, start: str, end: str, flow: str
) -> tuple[list[Candidate], str | None]:
    """The figures for a reporter-side flow ('-balance': from the partner's side), and
    why there are none."""
    sign = -1.0 if flow == "-balance" else 1.0
    flow = flow.lstrip("-")
    scale = scale_of(claim)
    if claim.currency == "CNY":
        return _yuan_candidates(claim, data, start, end, flow, sign)
    if claim.metric == "share_pct":
        share = data.share(start, end, flow)
        found = [] if share is None else [Candidate(share, share, share, "data", None)]
        return found, data.why_missing(start, end, flow, claim.metric)
    if claim.metric == "mom_pct":
        return _month_on_month(claim, data, start, flow)
    if claim.metric == "yoy_pct":
        rates = [
            Candidate(r.yoy_pct, r.yoy_pct, r.yoy_pct, "published", r)
            for r in data.published_rates(start, end, flow)
        ]
        if rates:
            return rates, None
        if flow == "balance":
            return _balance_growth(data, start, end)
        rate = computed_rate(data, start, end, flow)
        # Rates whose page names no currency come after the computed one.
        unstated = [
            Candidate(r.yoy_pct, r.yoy_pct, r.yoy_pct, "release", r)
            for r in data.unstated_rates(start, end, flow)
            if r.yoy_pct is not None
        ]
        if rate is None:
            reason = data.why_missing(start, end, flow, claim.metric)
            return unstated, None if unstated else reason or "no growth rate can be computed"
        return [Candidate(rate.value, rate.low, rate.high, "computed", None), *unstated], None
    value = data.value(start, end, flow)
    rows = data.published_versions(start, end, flow)
    found: list[Candidate] = []
    if value is not None:
        same = next((r for r in rows if abs(r.value - value) < 1e-9), None)
        scaled = sign * value * scale
        # The data's level holds to its inputs' rounding: a month derived from "$63 bn"
        # is known to ±0.5, whatever digits the subtraction leaves.
        parts = ("export", "import") if flow == "balance" else (flow,)
        half = sum(data.precision(start, end, part) for part in parts) * scale
        found.append(Candidate(scaled, scaled - half, scaled + half, "data", same))
    for row in rows:
        if value is None or abs(row.value - value) >= 1e-9:
            scaled = sign * row.value * scale
            found.append(Candidate(scaled, scaled, scaled, "release", row))
    reason = None if found else data.why_missing(start, end, flow, claim.metric)
    return found, reason


def _balance_growth(data: ClaimData, start: str, end: str) -> tuple[list[Candidate], str | None]:
    rate = balance_growth(data, start, end)
    if rate is not None:
        return [Candidate(rate.value, rate.low, rate.high, "computed", None)], None
    reason = data.why_missing(start, end, "balance", "yoy_pct")
    return [], reason or "the balance changed side between the two years: no growth of its size"


def _month_on_month(
    claim: Claim, data: ClaimData, month: str, flow: str
) -> tuple[list[Candidate], str | None]:
    if flow == "balance":
        return [], "a change of a balance is not computed (a balance can change sign)"
    rate = month_on_month(data, month, flow)
    if rate is not None:
        return [Candidate(rate.value, rate.low, rate.high, "computed", None)], None
    own = data.why_missing(month, month, flow, "value")
    if own:
        return [], own
    before = month_key(add_months(parse_month(month), -1))
    earlier = data.why_missing(before, before, flow, "value")
    return [], f"for the month before: {earlier or 'no figure'}"


def _yuan_candidates(
    claim: Claim, data: ClaimData, start: str, end: str, flow: str, sign: float
) -> tuple[list[Candidate], str | None]:
    """GACC's yuan figures for a claim stated in yuan: the data's series is in dollars."""
    if claim.metric == "yoy_pct":
        found = [
            Candidate(r.yoy_pct, r.yoy_pct, r.yoy_pct, "published", r)
            for r in data.yuan_rates(start, end, flow)
        ]
    else:
        scale = scale_of(claim)
        found = [
            Candidate(sign * r.value * scale, sign * r.value * scale, sign * r.value * scale,
                      "release", r)
            for r in data.yuan_values(start, end, flow)
            if r.value is not None
        ]  # fmt: skip
    what = "growth rate" if claim.metric == "yoy_pct" else "figure"
    reason = (
        f"no yuan {what} is published for {period_name(start, end)} {data.code(flow)} "
        "(the data's series is in dollars)"
    )
    return found, None if found else reason


def period_name(start: str, end: str) -> str:
    """'2023' for a whole year, else 'Jan–May 2023' or 'Sep 2023'."""
    if start[:4] == end[:4] and (start[5:], end[5:]) == ("01", "12"):
        return start[:4]
    return short_period_name(start, end)
