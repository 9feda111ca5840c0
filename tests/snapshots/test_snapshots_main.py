"""Snapshots of the main screen, its help and the command palette (embedded data)."""

from __future__ import annotations

from textual.pilot import Pilot

from piloting import settle
from tradetui.app import make_app


async def loaded(pilot: Pilot) -> None:
    await settle(pilot)


async def palette_with_month(pilot: Pilot) -> None:
    await loaded(pilot)
    await pilot.press("ctrl+p")
    await pilot.press(*"2023-09")
    # The palette gathers its hits in a worker.
    await settle(pilot)


def test_main_screen_120x40(snap_compare) -> None:
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=loaded)


def test_main_screen_80x24(snap_compare) -> None:
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=loaded)


def test_main_screen_80x24_timeline_tab(snap_compare) -> None:
    assert snap_compare(make_app(), press=["2"], terminal_size=(80, 24), run_before=loaded)


def test_help_for_trade_table(snap_compare) -> None:
    assert snap_compare(
        make_app(), press=["question_mark"], terminal_size=(120, 40), run_before=loaded
    )


def test_palette_go_to_month(snap_compare) -> None:
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=palette_with_month)
