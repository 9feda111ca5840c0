"""The verdict on each claim: which of the figures the data and GACC's pages give it fits.

In order: the data's figure or any of GACC's published versions of it (a first release,
a truncated figure), the opposite direction (direction-swapped), a figure on the other
currency's basis (different-basis); else inconsistent, with a note when the figure is a
near period's (a year earlier, the year to date) or a change with its sign flipped.
Rules and examples: docs/claims.md.
"""

from __future__ import annotations

import math
from dataclasses import replace
from decimal import ROUND_DOWN, Decimal

from tradetui.data.claims.figures import Candidate, candidates, period_name, scale_of
from tradetui.data.claims.lookup import ClaimData, Row, half_unit, year_earlier
from tradetui.data.claims.model import (
    APPROX_PP,
    APPROX_SHARE,
    CONSISTENT,
    DIFFERENT_BASIS,
    DIRECTION_SWAPPED,
    INCONSISTENT,
    NOT_CHECKABLE,
    SHARE_TOTAL,
    Check,
    Claim,
    Published,
)
from tradetui.data.claims.reading import flow_codes, share_of_code
from tradetui.data.claims.records import record
from tradetui.data.errors import DataError
from tradetui.data.load import Dataset
from tradetui.data.periods import add_months, month_key, parse_month

SLACK = 1e-9  # float noise at the edge (176.45 against 176.4 at ±0.05)
OPPOSITE = {"export": "import", "import": "export", "balance": "-balance"}


def tolerance(claim: Claim) -> float:
    """The largest |stated − figure| still consistent at the stated precision."""
    if claim.value is None:
        return 0.0
    if claim.bound in ("about", "nearly"):
        points = APPROX_PP if claim.unit == "pct" else 0.0
        return max(claim.half_unit, APPROX_SHARE * abs(claim.value), points)
    return claim.half_unit


def stated_range(claim: Claim) -> tuple[float, float]:
    """The figures the claim allows: its digits, its bound ('over 200') or its sign."""
    if claim.value is None and claim.sign is None:  # a record alone: any figure
        return -math.inf, math.inf
    if claim.value is None:
        return (
            (math.ulp(0.0), math.inf) if claim.sign == "positive" else (-math.inf, -math.ulp(0.0))
        )
    value, width = claim.value, tolerance(claim)
    return {
        None: (value - width, value + width),
        "about": (value - width, value + width),
        "nearly": (value - width, value + claim.half_unit),
        "over": (value, math.inf),
        "under": (-math.inf, value),
    }[claim.bound]


def _fits(claim: Claim, candidate: Candidate) -> bool:
    """A figure fits when it lies in the claim's range; a figure known only to a range
    (its rounding, a computed rate) fits when the two ranges overlap, not merely touch:
    176.4 (176.35..176.45) is not 176.5 (176.45..176.55)."""
    low, high = stated_range(claim)
    if candidate.low < candidate.high:
        return candidate.high > low + SLACK and candidate.low < high - SLACK
    slack = 0.0 if claim.value is None else SLACK
    return candidate.high >= low - slack and candidate.low <= high + slack


def _truncated(claim: Claim, candidate: Candidate) -> bool:
    """'33.68' for 33.686: the figure cut, not rounded, to the claim's digits."""
    if claim.value is None or claim.bound is not None or claim.metric != "value":
        return False  # growth rates are rounded, not cut: "2%" is not 2.7% truncated
    exponent = int(Decimal(claim.written or "0").as_tuple().exponent)
    if not -9 <= exponent <= 9:  # no trade figure is written to such digits
        return False
    figure = Decimal(repr(candidate.value))
    cut = figure.quantize(Decimal(1).scaleb(exponent), rounding=ROUND_DOWN)
    return cut == Decimal(claim.written or "0") and cut != figure


def _published(claim: Claim, row: Row | None) -> Published | None:
    """The published figure in the claim's terms: its growth rate or its level."""
    if row is None:
        return None
    if claim.metric == "yoy_pct":
        if row.yoy_pct is None:
            return None
        shown = row.yoy_pct
    else:
        shown = (row.value or 0.0) * scale_of(claim)
    return Published(row.figure_id, shown, row.source_url, row.kind, row.currency)


def _match(
    claim: Claim, found: list[Candidate], truncation: bool = True
) -> tuple[Candidate, bool] | None:
    """The candidate the claim fits, and whether by truncation: the data's figure, then the
    data's figure cut to the claim's digits, then a published version as precise as the
    claim (a rounded '244' says nothing about a claim of 244.5). Truncation is tried on the
    claim's own flow and period only (``truncation``)."""
    data = [c for c in found if c.kind != "release"]
    releases = [c for c in found if c.kind == "release" and _as_precise(claim, c)]
    for group in (data, releases):
        for candidate in group:
            if _fits(claim, candidate):
                return candidate, False
        for candidate in group if truncation else ():
            if _truncated(claim, candidate):
                return candidate, True
    return None


def _as_precise(claim: Claim, candidate: Candidate) -> bool:
    """Whether a published version has the claim's digits. Trailing zeros are not counted
    on either side, as the stored figure has lost them ('10.280' is stored as 10.28)."""
    if claim.value is None or candidate.row is None or candidate.row.value is None:
        return True
    stated = half_unit(claim.value)  # the claim's digits without its trailing zeros
    return half_unit(candidate.row.value) * scale_of(claim) <= stated + 1e-12


def _number(value: float) -> str:
    return f"{value:g}" if abs(value) >= 1e-3 else f"{value:.6g}"


def _like(value: float, written: float) -> str:
    """``value`` with as many decimals as ``written`` has: 19.8 next to 19.69 is '19.80'."""
    decimals = len(repr(float(written)).removesuffix(".0").partition(".")[2])
    return f"{value:.{decimals}f}"


def _notes(claim: Claim, match: Candidate, truncated: bool, data_value: float | None) -> list[str]:
    notes: list[str] = []
    row = match.row
    if match.kind == "release" and row is not None and claim.unit == "pct":
        computed = "" if data_value is None else f"; computed {data_value:.2f}% from the data"
        notes.append(
            f"matches a published rate ({_number(match.value)}%) whose page names no "
            f"currency{computed}"
        )
    elif match.kind == "release" and row is not None:
        if data_value is None:
            notes.append(f"matches GACC's figure as published ({_number(match.value)})")
        elif row.kind == "month":
            notes.append(
                f"matches the first release ({_number(match.value)}), "
                f"later revised to {_like(data_value, match.value)}"
            )
        else:
            notes.append(
                f"matches a published version ({_number(match.value)}); "
                f"the data has {_like(data_value, match.value)}"
            )
    if match.kind == "computed":
        allows = (
            "the published versions of the two months allow"
            if claim.metric == "mom_pct"
            else "rounding and revisions of its inputs allow"
        )
        notes.append(f"computed {match.value:.2f}%; {allows} {match.low:.2f}..{match.high:.2f}")
    if truncated:
        notes.append(f"{claim.written} is {_number(match.value)} truncated, not rounded")
    return notes


def _check(claim: Claim, data: ClaimData) -> Check:
    found = _check_figure(claim, data)
    return _with_record(found, data) if claim.record else found


def _with_record(check: Check, data: ClaimData) -> Check:
    """A claim of a record holds only if its figure is above every earlier one of its kind;
    a record alone (no figure) is judged on that."""
    claim = check.claim
    if claim.currency != "USD":
        holds, note = None, "the record is not checked in yuan"
    else:
        holds, note = record(data, claim.start, claim.end, data.direction(claim.flow))
    notes = (*check.notes, note)
    if claim.value is None:  # the record is the whole claim
        if holds is None:
            return replace(check, verdict=NOT_CHECKABLE, notes=(), reason=note.split(": ", 1)[1])
        return replace(check, verdict=CONSISTENT if holds else INCONSISTENT, notes=notes)
    if holds is False and check.verdict == CONSISTENT:
        return replace(check, verdict=INCONSISTENT, notes=notes)
    return replace(check, notes=notes)


def _check_figure(claim: Claim, data: ClaimData) -> Check:
    flow = data.direction(claim.flow)
    base = {"claim": claim, "tolerance": tolerance(claim)}
    if claim.metric == "share_pct" and claim.share_of != SHARE_TOTAL:
        country = share_of_code(claim.share_of)
        what = claim.share_of.split(" ", 1)[1]
        reason = (
            f"a share of {country}'s {what} with all partners: the data holds only "
            f"{data.reporter}–{data.partner} trade"
        )
        return Check(verdict=NOT_CHECKABLE, computed=None, difference=None, basis=None,
                     reason=reason, **base)  # fmt: skip
    found, reason = candidates(claim, data, claim.start, claim.end, flow)
    data_value = next((c.value for c in found if c.kind in ("data", "computed")), None)
    shown = found[0] if found else None
    basis = None if shown is None else {"release": "published"}.get(shown.kind, shown.kind)
    computed = None if shown is None else shown.value
    difference = None if computed is None or claim.value is None else claim.value - computed
    chosen_row = next((c.row for c in found if c.row is not None), None)
    figure_id = None if shown is None or shown.row is None else shown.row.figure_id
    base |= {"computed": computed, "difference": difference, "basis": basis, "figure_id": figure_id}
    if shown is not None and shown.kind == "computed":
        base |= {"low": shown.low, "high": shown.high}
    if not found:
        missing = reason or "the data cannot give this figure"
        own = (f"not in the data for {claim.flow} itself: {missing}",)
        swapped = _swapped(claim, data, flow, base, None, own)
        if swapped is not None:
            return swapped
        return Check(verdict=NOT_CHECKABLE, reason=missing, published=None, **base)
    matched = _match(claim, found)
    if matched is not None:
        candidate, truncated = matched
        return Check(
            verdict=CONSISTENT,
            published=_published(claim, candidate.row or chosen_row),
            notes=tuple(_notes(claim, candidate, truncated, data_value)),
            **base,
        )
    published = _published(claim, chosen_row)
    swapped = _swapped(claim, data, flow, base, published)
    if swapped is not None:
        return swapped
    basis_note = _other_basis(claim, data, flow)
    if basis_note is not None:
        note, row = basis_note
        return Check(verdict=DIFFERENT_BASIS, published=_published(claim, row), notes=(note,),
                     **base)  # fmt: skip
    notes: list[str] = []
    if claim.value is not None:
        near = _other_periods(claim, data, flow)
        if near is not None:
            notes, row = [near[0]], near[1]
            published = published or _published(claim, row)
        elif claim.unit == "pct":
            notes = _sign_flipped(claim, found)
    return Check(verdict=INCONSISTENT, published=published, notes=tuple(notes), **base)


def _swapped(
    claim: Claim,
    data: ClaimData,
    flow: str,
    base: dict,
    published: Published | None,
    extra: tuple[str, ...] = (),
) -> Check | None:
    """Direction-swapped, when the opposite flow's figure fits (no truncation)."""
    opposite = OPPOSITE.get(flow)
    if opposite is None or claim.value is None:
        return None
    other, _ = candidates(claim, data, claim.start, claim.end, opposite)
    other_match = _match(claim, other, truncation=False)
    if other_match is None:
        return None
    candidate, truncated = other_match
    other_data = next((c.value for c in other if c.kind in ("data", "computed")), None)
    name = (
        f"the balance from {data.partner}'s side" if opposite == "-balance" else data.code(opposite)
    )
    return Check(
        verdict=DIRECTION_SWAPPED,
        published=_published(claim, candidate.row) or published,
        opposite_flow=name,
        opposite_value=candidate.value,
        notes=(*_notes(claim, candidate, truncated, other_data), *extra),
        **base,
    )


def _sign_flipped(claim: Claim, found: list[Candidate]) -> list[str]:
    """A change stated with the wrong sign: 'fell 10.1%' for a rise of 10.1%."""
    flipped = replace(claim, value=-(claim.value or 0.0))
    match = _match(flipped, found, truncation=False)
    if match is None or claim.value == 0:
        return []
    went = "a rise" if (claim.value or 0.0) < 0 else "a fall"
    return [f"matches {_number(-(claim.value or 0.0))}% with the sign flipped: {went}"]


def _other_periods(claim: Claim, data: ClaimData, flow: str) -> tuple[str, Row | None] | None:
    """The period a wrong figure belongs to instead, when it is a near one (the same months
    a year earlier, or the year to date up to the claim's end, the month after it or the
    month before): the note, and the published figure it matches."""
    if claim.metric == "mom_pct":
        return None
    periods = [
        (year_earlier(claim.start), year_earlier(claim.end), "the same months a year earlier")
    ]
    year = claim.end[:4]
    last = parse_month(claim.end)
    for end in (claim.end, month_key(add_months(last, 1)), month_key(add_months(last, -1))):
        if end[:4] == year and (f"{year}-01", end) != (claim.start, claim.end):
            periods.append((f"{year}-01", end, "the year to date"))
    for start, end, what in periods:
        found, _ = candidates(claim, data, start, end, flow)
        match = _match(claim, found, truncation=False)
        if match is not None:
            shown = _number(match[0].value) + ("%" if claim.unit == "pct" else "")
            return f"matches {what} ({period_name(start, end)}: {shown})", match[0].row
    return None


def _other_basis(claim: Claim, data: ClaimData, flow: str) -> tuple[str, Row | None] | None:
    """A figure on another basis the claim fits: the partner's own customs record, a yuan
    growth rate, or an outlet's conversion of a yuan figure."""
    if claim.value is None or flow == "balance":
        return None
    if claim.currency == "CNY":
        if claim.metric != "yoy_pct":
            return None
        dollars, _ = candidates(replace(claim, currency="USD"), data, claim.start, claim.end, flow)
        match = _match(claim, dollars, truncation=False)
        if match is None:
            return None
        return f"matches the growth in dollars ({_number(match[0].value)}%), not in yuan", (
            match[0].row
        )
    if claim.metric == "value" and claim.currency == "USD":
        theirs = data.mirror_value(claim.start, claim.end, flow)
        if theirs is not None:
            scaled = theirs * scale_of(claim)
            if _fits(claim, Candidate(scaled, scaled, scaled, "data", None)):
                return (
                    f"matches {data.partner}'s own customs record ({_number(scaled)}), "
                    f"not {data.reporter}'s",
                    None,
                )
    if claim.metric == "yoy_pct":
        for row in data.yuan_rates(claim.start, claim.end, flow):
            candidate = Candidate(row.yoy_pct, row.yoy_pct, row.yoy_pct, "published", row)
            if _fits(claim, candidate) or _truncated(claim, candidate):
                return (
                    f"matches the growth in yuan ({_number(row.yoy_pct)}%), "
                    "not GACC's dollar growth",
                    row,
                )
    if claim.metric == "value":
        for row in data.yuan_conversions(claim.start, claim.end, flow):
            if row.value is None:
                continue
            scaled = row.value * scale_of(claim)
            candidate = Candidate(scaled, scaled, scaled, "release", row)
            if _fits(claim, candidate) or _truncated(claim, candidate):
                return (
                    f"matches an outlet's dollar conversion of the yuan figure "
                    f"({_number(scaled)}), not GACC's dollar figure",
                    row,
                )
    return None


def check_claims(claims: list[Claim], dataset: Dataset) -> list[Check]:
    """A verdict per claim against the dataset's top pair.

    Raises DataError (naming the claim and field) when a claim names a country code that
    is not one of the pair's two.
    """
    data = ClaimData(dataset)
    codes = {data.reporter, data.partner}
    for claim in claims:
        pair = flow_codes(claim.flow)
        if pair and set(pair) != codes:
            raise DataError(
                f"{claim.label}: field flow: {claim.flow!r} is not a direction of the data's "
                f"pair; expected {data.reporter}->{data.partner} or "
                f"{data.partner}->{data.reporter}"
            )
    return [_check(claim, data) for claim in claims]
