"""A summary of a month range in words: the paragraph and the plain-text brief.

Rendered from the data layer's ``Summary`` record with one ``Format``, so the CLI, the summary
dialog and the month screen write the same figures in the same unit.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from tradetui.data.countries import country_name, possessive
from tradetui.data.periods import long_period_name, range_name, short_period_name
from tradetui.data.text import visible
from tradetui.present.format import Format

if TYPE_CHECKING:
    from tradetui.data.summary import FlowSummary, MissingPeriod, RangeEvent, Summary


def _published_note(figure: FlowSummary, fmt: Format) -> str:
    if figure.published_yoy_pct is None:
        return ""
    return f" (published: {fmt.growth(figure.published_yoy_pct)})"


def _change(figure: FlowSummary, fmt: Format) -> str:
    """'rose 55.8% to USD 81.4 bn (published: +56.9%)' and the like."""
    if figure.value is None:
        return "are not known for the whole range"
    value, note = fmt.with_unit(figure.value), _published_note(figure, fmt)
    if figure.yoy_pct is None:
        if figure.published_yoy_pct is not None:
            return f"came to {value} (published growth: {fmt.growth(figure.published_yoy_pct)})"
        return f"came to {value} (no figure for a year earlier)"
    if fmt.growth(figure.yoy_pct) == fmt.growth(0.0):
        return f"held steady at {value}{note}"
    verb = "rose" if figure.yoy_pct > 0 else "fell"
    return f"{verb} {fmt.share(abs(figure.yoy_pct))} to {value}{note}"


def _missing_text(missing: tuple[MissingPeriod, ...]) -> str:
    parts = []
    for m in missing:
        name = short_period_name(m.start, m.end)
        parts.append(name if len(m.flows) == 3 else f"{name} ({', '.join(m.flows)})")
    return ", ".join(parts)


def write_text(s: Summary, fmt: Format) -> str:
    """A news-brief paragraph built only from the summary's numbers."""
    rep, par = country_name(s.reporter), country_name(s.partner)
    when = range_name(s.start, s.end)
    sentences = []
    total = s.total
    if total.value is None:
        sentences.append(f"In {when}, total {rep}–{par} trade is not known from the data.")
    else:
        if total.yoy_pct is not None:
            direction = "up" if total.yoy_pct >= 0 else "down"
            growth = f", {direction} {fmt.share(abs(total.yoy_pct))} on a year earlier"
            growth += _published_note(total, fmt)
        elif total.published_yoy_pct is not None:
            growth = f" (published growth: {fmt.growth(total.published_yoy_pct)})"
        else:
            growth = " (no figure for a year earlier)"
        sentences.append(
            f"In {when}, {rep}–{par} trade totalled {fmt.with_unit(total.value)}{growth}."
        )
    if s.export.value is None and s.import_.value is None:
        sentences.append(
            f"Neither {s.export.label} nor its imports from {par} are known for the whole range."
        )
    else:
        sentences.append(
            f"{s.export.label} {_change(s.export, fmt)}, while its imports from {par} "
            f"{_change(s.import_, fmt)}."
        )
    if s.balance is None:
        sentences.append("The balance cannot be worked out for this range.")
    elif s.balance == 0:
        sentences.append("Exports and imports were in balance.")
    else:
        side = "surplus" if s.balance > 0 else "deficit"
        favours = country_name(s.balance_favours or "")
        sentences.append(
            f"That left {rep} with a {side} of {fmt.with_unit(abs(s.balance))}, a balance in "
            f"{possessive(favours)} favour (balance = exports − imports, from {possessive(rep)} "
            "side)."
        )
    # A one-month range would name itself as its own biggest month.
    if s.largest_month_to_tell:
        period, value = s.largest_month_to_tell
        name = long_period_name(period, period)
        sentences.append(f"The biggest single month was {name}, at {fmt.with_unit(value)}.")
    if s.events:
        count = len(s.events)
        sentences.append(f"{count} event{'s' if count > 1 else ''} fall in the range.")
    elif s.has_events:
        sentences.append("No events in the data fall in the range.")
    if s.around and s.has_events:
        count = len(s.events_around)
        months = "month" if s.around == 1 else f"{s.around} months"
        sentences.append(
            f"{count or 'No'} event{'' if count == 1 else 's'} {'falls' if count == 1 else 'fall'}"
            f" in the {months} before or after."
        )
    if s.missing:
        sentences.append(f"Figures are missing for {_missing_text(s.missing)}.")
    return " ".join(sentences)


def _event_lines(events: tuple[RangeEvent, ...], width: int) -> list[str]:
    """'  2023-09-20  Title', a long title wrapped under itself, its controls made visible."""
    lines = []
    for e in events:
        lead = f"  {visible(e.date):<10}  "
        lines += textwrap.wrap(
            visible(e.title),
            width,
            initial_indent=lead,
            subsequent_indent=" " * len(lead),
            break_on_hyphens=False,
        ) or [lead.rstrip()]
    return lines


def render_text(s: Summary, fmt: Format, width: int = 88) -> str:
    """The summary as plain text for a terminal or a pipe: numbers, paragraph, events."""

    def growth(figure: FlowSummary) -> str:
        out = fmt.growth(figure.yoy_pct)
        if figure.published_yoy_pct is not None:
            out += f"  (published {fmt.growth(figure.published_yoy_pct)})"
        return out

    rep, par = country_name(s.reporter), country_name(s.partner)
    lines = [
        f"{rep}–{par} trade, {s.label} "
        f"({fmt.unit_label}; growth vs the same months a year earlier)",
        f"Data: {visible(s.origin)}",
        "",
    ]
    figures = [fmt.money(figure.value) for figure in s.flows] + [fmt.balance(s.balance)]
    if s.largest_month_to_tell:
        figures.append(fmt.money(s.largest_month_to_tell[1]))
    # One column as wide as its widest figure (USD mn at two decimals runs past nine).
    w = max(9, *(len(text) for text in figures))
    for figure in s.flows:
        lines.append(f"  {figure.label:<32}{fmt.money(figure.value):>{w}}   {growth(figure)}")
    favours = s.balance_favours
    side = f"{possessive(country_name(favours))} surplus" if favours else ""
    lines.append(
        f"  {'Balance (exports − imports)':<32}{fmt.balance(s.balance):>{w}}   {side}".rstrip()
    )
    if s.largest_month_to_tell:
        period, total = s.largest_month_to_tell
        lines.append(
            f"  {'Biggest single month':<32}{fmt.money(total):>{w}}   "
            f"{short_period_name(period, period)}"
        )
    if s.months_with_data < s.months:
        lines.append(f"  Months with a known total: {s.months_with_data} of {s.months}")
    lines += ["", *textwrap.wrap(write_text(s, fmt), width)]
    if s.events:
        lines += ["", f"Events ({len(s.events)}):"]
        lines += _event_lines(s.events, width)
    if s.events_around:
        months = "month" if s.around == 1 else f"{s.around} months"
        lines += ["", f"Events in the {months} before or after ({len(s.events_around)}):"]
        lines += _event_lines(s.events_around, width)
    return "\n".join(lines)
