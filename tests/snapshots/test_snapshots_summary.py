"""Snapshot of the summary dialog for 2023-01..2023-09 at 120×40, as `tradetui summary` words it."""

from __future__ import annotations

import re

from textual.pilot import Pilot
from textual.widgets import Static

from piloting import main, settle
from tradetui.app import make_app
from tradetui.screens.summary import SummaryScreen


async def open_jan_sep_2023(pilot: Pilot) -> None:
    await settle(pilot)
    main(pilot).open_summary("2023-01", "2023-09")
    # The brief is written in a worker; wait for it to be shown.
    await settle(pilot)


def test_summary_jan_sep_2023(snap_compare) -> None:
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=open_jan_sep_2023)


async def test_summary_jan_sep_2023_figures() -> None:
    """The figures the snapshot shows: GACC's published Jan–Sep 2023 totals."""
    async with make_app().run_test(size=(120, 40)) as pilot:
        await open_jan_sep_2023(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, SummaryScreen)
        widget = screen.query_one("#summary-text", Static)
        text = "\n".join(widget.render_line(y).text for y in range(widget.size.height))
        assert re.search(r"Total trade\s+176\.4\s+\+29\.6%", text), text
        assert "+29.5%" in text  # the published growth, beside the computed one
        assert re.search(r"China's exports to Russia\s+81\.4", text), text
        assert re.search(r"China's imports from Russia\s+94\.9", text), text
