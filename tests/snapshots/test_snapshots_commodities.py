"""Snapshots of the HS drill-down at 120×40 and 80×24, on a small Comtrade file."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from comtrade_files import write_comtrade
from piloting import main, press, settle
from tradetui.app import make_app


async def chapters_of_september_2023(pilot: Pilot) -> None:
    await settle(pilot)
    main(pilot).open_month("2023-09")
    await settle(pilot)
    await press(pilot, "c", "enter")


def test_headings_of_chapter_27(snap_compare, tmp_path: Path) -> None:
    app = make_app(write_comtrade(tmp_path / "comtrade.csv"))
    assert snap_compare(app, terminal_size=(120, 40), run_before=chapters_of_september_2023)


def test_headings_of_chapter_27_at_80x24(snap_compare, tmp_path: Path) -> None:
    app = make_app(write_comtrade(tmp_path / "comtrade.csv"))
    assert snap_compare(app, terminal_size=(80, 24), run_before=chapters_of_september_2023)
