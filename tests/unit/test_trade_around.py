"""The sentence under an event says what its percentage compares."""

from __future__ import annotations

from tradetui.data.metrics import EventWindow
from tradetui.present.format import Format
from tradetui.present.trade_around import trade_around_sentence


def test_one_sentence_names_both_windows_and_what_the_change_compares() -> None:
    window = EventWindow("2023-09", 3, 20.0, 19.5, 3, 2)
    assert trade_around_sentence(window, Format()) == (
        "20.0 a month in the 3 months before, 19.5 a month in the 3 after "
        "(USD bn; 2 of the 3 months after known), a change of −2.5% from before to after."
    )


def test_nothing_known_before_gives_no_change() -> None:
    window = EventWindow("2015-01", 3, None, 5.0, 0, 3)
    assert trade_around_sentence(window, Format()) == (
        "— a month in the 3 months before, 5.0 a month in the 3 after "
        "(USD bn; 0 of the 3 months before known)."
    )
