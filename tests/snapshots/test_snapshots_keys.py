"""Snapshot of the main screen with keys remapped in [keys]: titles and subtitles name them."""

from __future__ import annotations

from textual.pilot import Pilot

from piloting import settle
from tradetui.app import make_app
from tradetui.config import Config

REMAPPED = {"main.summary": "x", "main.focus_timeline": "7", "chart.range": "w", "trade.sort": "z"}


async def loaded(pilot: Pilot) -> None:
    await settle(pilot)


def test_main_screen_with_remapped_keys_120x40(snap_compare) -> None:
    app = make_app(settings=Config(keys=REMAPPED))
    assert snap_compare(app, terminal_size=(120, 40), run_before=loaded)
