"""Checks as text and JSON, shared by `tradetui check` and the claims screen."""

from __future__ import annotations

import math

from tradetui.data.claims.model import (
    APPROX_PP,
    APPROX_SHARE,
    DIRECTION_SWAPPED,
    VERDICTS,
    Check,
    Claim,
)
from tradetui.data.claims.rules import stated_range, tolerance

# Decimals shown for figures from the data, by unit.
SHOWN_DECIMALS = {"USD bn": 3, "USD mn": 1, "CNY bn": 1, "CNY mn": 0, "CNY trn": 3, "pct": 2}
# How a table cell marks a bound or a sign-only claim: '≈21 bn', '>200 bn', '< 0'.
BOUND_MARKS = {"about": "≈", "nearly": "≲", "over": ">", "under": "<"}


def format_figure(claim: Claim, value: float, difference: bool = False) -> str:
    """A figure in the claim's unit; a difference of percentages is in points (pp)."""
    places = SHOWN_DECIMALS[claim.unit]
    # Signed from the rounded value, with a true minus: never '+0.000' or '−0.000'.
    rounded = round(value, places) or 0.0
    text = f"{abs(rounded):.{places}f}"
    text = ("−" if rounded < 0 else "+" if difference and rounded > 0 else "") + text
    if difference:
        return text + (" pp" if claim.unit == "pct" else f" {claim.unit}")
    return text + ("%" if claim.unit == "pct" else f" {claim.unit}")


def stated_text(claim: Claim) -> str:
    """'176.4 USD bn ±0.05', 'about 81.4 USD bn ±1.628 (2%)', 'over 200 USD bn', 'negative'."""
    if claim.value is None:
        return f"{claim.sign} (no figure)" if claim.sign else "a record (no figure)"
    unit = "%" if claim.unit == "pct" else f" {claim.unit}"
    if claim.unit == "pct" and claim.currency != "USD":
        unit += f" in {claim.currency}"
    if claim.bound in ("about", "nearly"):
        width = tolerance(claim)
        if width == APPROX_SHARE * abs(claim.value):
            why = f" ({APPROX_SHARE:.0%})"
        else:
            why = f" ({APPROX_PP:g} pp)" if claim.unit == "pct" and width == APPROX_PP else ""
        return f"{claim.bound} {claim.written}{unit} ±{width:.4g}{why}"
    if claim.bound in ("over", "under"):
        return f"{claim.bound} {claim.written}{unit}"
    return f"{claim.written}{unit} ±{tolerance(claim):g}"


def stated_short(claim: Claim) -> str:
    """The stated figure in a few characters: '176.4 bn', '≈21 bn', '>200 bn', '< 0'."""
    if claim.value is None and claim.sign is None:
        return "record"
    if claim.value is None:
        return "> 0" if claim.sign == "positive" else "< 0"
    unit = "%" if claim.unit == "pct" else f" {claim.unit.removeprefix('USD ')}"
    if claim.unit == "pct" and claim.currency != "USD":
        unit += f" {claim.currency}"
    return BOUND_MARKS.get(claim.bound or "", "") + f"{claim.written}{unit}"


def basis_note(check: Check) -> str:
    """' (published, g0344)', ' (computed, 51.20..54.10)' after the data's figure."""
    if check.basis == "published" and check.figure_id is not None:
        return f" (published, {check.figure_id})"
    if check.basis == "published":
        return " (published)"
    if check.basis == "computed" and check.low is not None and check.high is not None:
        return f" (computed, {check.low:.2f}..{check.high:.2f})"
    return ""


def source_line(check: Check) -> str | None:
    """'GACC figure g0618 (19.69 USD bn): https://…' — the published figure the verdict rests on."""
    found = check.published
    if found is None:
        return None
    shown = format_figure(check.claim, found.value)
    if check.claim.unit == "pct":
        shown = f"{found.value:+g}%"
    where = f": {found.source_url}" if found.source_url else ""
    return f"{found.figure_id} ({shown}){where}"


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 6)


def to_dict(check: Check) -> dict:
    """One claim's result as the JSON object documented in docs/claims.md."""
    claim = check.claim
    low, high = stated_range(claim)
    found = check.published
    return {
        "file": claim.file,
        "index": claim.index,
        "text": claim.text,
        "source": claim.source,
        "period": claim.period,
        "from": claim.start,
        "to": claim.end,
        "flow": claim.flow,
        "metric": claim.metric,
        "unit": claim.unit,
        "approx": claim.approx,
        "bound": claim.bound,
        "sign": claim.sign,
        "share_of": claim.share_of if claim.metric == "share_pct" else None,
        "currency": claim.currency,
        "record": claim.record,
        "stated": claim.value,
        "stated_low": _rounded(low) if math.isfinite(low) and claim.value is not None else None,
        "stated_high": _rounded(high) if math.isfinite(high) and claim.value is not None else None,
        "tolerance": round(check.tolerance, 6),
        "computed": _rounded(check.computed),
        "computed_low": _rounded(check.low),
        "computed_high": _rounded(check.high),
        "difference": _rounded(check.difference),
        "basis": check.basis,
        "figure": check.figure_id,
        "published_figure": None if found is None else found.figure_id,
        "published_value": None if found is None else _rounded(found.value),
        "published_url": None if found is None else found.source_url,
        "verdict": check.verdict,
        "opposite_flow": check.opposite_flow,
        "opposite_value": _rounded(check.opposite_value),
        "notes": list(check.notes),
        "reason": check.reason,
    }


def tally(checks: list[Check]) -> str:
    """'28 claims: 14 consistent, 7 direction-swapped, …'."""
    counts = {verdict: sum(c.verdict == verdict for c in checks) for verdict in VERDICTS}
    kinds = ", ".join(f"{n} {verdict}" for verdict, n in counts.items() if n)
    return f"{len(checks)} claim{'s' if len(checks) != 1 else ''}: {kinds}"


def render_text(checks: list[Check]) -> str:
    """Plain text: per claim its verdict, text, stated and data figures, notes, pages."""
    lines: list[str] = []
    current_file = None
    for check in checks:
        claim = check.claim
        if claim.file != current_file:
            lines += [*([""] if current_file is not None else []), claim.file]
            current_file = claim.file
        lines += [
            "",
            f"{claim.index:>3}. {check.verdict}  ({claim.period}, {claim.flow}, {claim.metric})",
            f"     {claim.text}",
        ]
        if check.computed is None:
            lines.append(f"     stated {stated_text(claim)}   data —")
        else:
            line = (
                f"     stated {stated_text(claim)}   data {format_figure(claim, check.computed)}"
                f"{basis_note(check)}"
            )
            if check.difference is not None:
                line += f"   difference {format_figure(claim, check.difference, difference=True)}"
            lines.append(line)
        if check.verdict == DIRECTION_SWAPPED and check.opposite_value is not None:
            lines.append(
                f"     consistent with {check.opposite_flow} "
                f"({format_figure(claim, check.opposite_value)})"
            )
        lines += [f"     note: {note}" for note in check.notes]
        if check.reason:
            lines.append(f"     not in the data: {check.reason}")
        published = source_line(check)
        if published:
            lines.append(f"     published: {published}")
        if claim.source:
            lines.append(f"     source: {claim.source}")
    lines += ["", tally(checks)]
    return "\n".join(lines)
