"""Snapshot of the month screen for September 2023 at 120×40, opened from the main table."""

from __future__ import annotations

from textual.pilot import Pilot

from piloting import settle
from tradetui.app import make_app


async def open_september_2023(pilot: Pilot) -> None:
    await settle(pilot)
    pilot.app.go_to_month("2023-09")
    await pilot.press("enter")
    # The month screen gathers its details in a worker; wait for them to be shown.
    await settle(pilot)


def test_month_screen_september_2023(snap_compare) -> None:
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=open_september_2023)
