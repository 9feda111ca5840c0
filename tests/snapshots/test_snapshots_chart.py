"""Snapshots of the trade chart pane (embedded data)."""

from __future__ import annotations

from textual.pilot import Pilot

from piloting import settle
from tradetui.app import make_app


async def chart_focused(pilot: Pilot) -> None:
    await settle(pilot)
    await pilot.press("4")
    await settle(pilot)


async def chart_on_september_2023(pilot: Pilot) -> None:
    await chart_focused(pilot)
    pilot.app.set_chart_range("2023")
    await pilot.pause()
    await pilot.press("left", "left", "left")
    await settle(pilot)


def test_main_screen_chart_focused_120x40(snap_compare) -> None:
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=chart_focused)


def test_chart_year_2023_on_september_120x40(snap_compare) -> None:
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=chart_on_september_2023)


def test_main_screen_chart_focused_80x24(snap_compare) -> None:
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=chart_focused)
