"""The sentence under an event: mean monthly trade in the months before it and after it."""

from __future__ import annotations

from tradetui.data.metrics import EventWindow
from tradetui.numbers import growth, money


def trade_around_sentence(window: EventWindow, unit: str) -> str:
    """'20.0 a month in the 3 months before, 19.5 a month in the 3 after (USD bn; 2 of the
    3 months after known), a change of −2.2% from before to after.'"""
    n = window.months
    gaps = [
        f"{covered} of the {n} months {side} known"
        for covered, side in ((window.before_covered, "before"), (window.after_covered, "after"))
        if covered != n
    ]
    sentence = (
        f"{money(window.before_mean)} a month in the {n} months before, "
        f"{money(window.after_mean)} a month in the {n} after ({'; '.join([unit, *gaps])})"
    )
    if window.change_pct is not None:
        sentence += f", a change of {growth(window.change_pct)} from before to after"
    return sentence + "."
