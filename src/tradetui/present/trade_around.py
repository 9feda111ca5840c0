"""The sentence under an event: mean monthly trade in the months before it and after it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tradetui.present.format import Format

if TYPE_CHECKING:  # present/ never imports polars at run time
    from tradetui.data.metrics import EventWindow


def trade_around_sentence(window: EventWindow, fmt: Format) -> str:
    """'20.0 a month in the 3 months before, 19.5 a month in the 3 after (USD bn; 2 of the
    3 months after known), a change of −2.2% from before to after.'"""
    n = window.months
    gaps = [
        f"{covered} of the {n} months {side} known"
        for covered, side in ((window.before_covered, "before"), (window.after_covered, "after"))
        if covered != n
    ]
    sentence = (
        f"{fmt.money(window.before_mean)} a month in the {n} months before, "
        f"{fmt.money(window.after_mean)} a month in the {n} after "
        f"({'; '.join([fmt.unit_label, *gaps])})"
    )
    if window.change_pct is not None:
        sentence += f", a change of {fmt.growth(window.change_pct)} from before to after"
    return sentence + "."
