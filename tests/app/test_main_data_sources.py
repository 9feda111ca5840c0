"""Pilot tests of the main screen with other data: bad paths, missing parts, markup in text."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from textual.pilot import Pilot

from piloting import settle
from tradetui.app import make_app
from tradetui.data import schema
from tradetui.screens.main import MainScreen
from tradetui.widgets.timeline import Timeline
from tradetui.widgets.trade_table import TradeTable

DATA = Path(__file__).resolve().parents[2] / "data"
SIZE = (120, 40)


def banner_text(pilot: Pilot) -> str:
    banner = pilot.app.screen_stack[0].query_one("#banner")
    return str(banner.content) if banner.display else ""


async def test_bad_data_path_shows_one_line_and_the_app_survives(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-folder"
    notices: list[str] = []
    app = make_app(missing)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        notices = [n.message for n in app._notifications]
        text = banner_text(pilot)
        assert str(missing) in text and "no such file or directory" in text
        assert any("no such file or directory" in n for n in notices)
        assert "\n" not in text and "Traceback" not in text
        metrics_text = str(pilot.app.screen.query_one("#metrics-period").content)
        assert "no such file or directory" in metrics_text
        # Every key still answers without raising.
        for key in ("g", "right_square_bracket", "o", "enter", "2", "f", "slash", "escape"):
            await pilot.press(key)
            await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(pilot.app.screen, MainScreen)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_unreadable_trade_file_names_file_and_problem(tmp_path: Path) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / schema.TRADE_FILE).write_text("period,reporter\n2023-09,CHN\n")
    async with make_app(folder).run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = banner_text(pilot)
        assert schema.TRADE_FILE in text and "missing column" in text


async def test_dataset_without_events_shows_trade_and_says_what_is_missing(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "trade-only"
    folder.mkdir()
    shutil.copy(DATA / schema.TRADE_FILE, folder / schema.TRADE_FILE)
    async with make_app(folder).run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "events" in banner_text(pilot)
        table = pilot.app.screen.query_one(TradeTable)
        assert table.row_count > 1
        detail = str(pilot.app.screen.query_one("#event-detail").content)
        assert "No events" in detail and "events.csv" in detail


async def test_markup_in_an_event_title_is_shown_literally(tmp_path: Path) -> None:
    folder = tmp_path / "markup"
    folder.mkdir()
    shutil.copy(DATA / schema.TRADE_FILE, folder / schema.TRADE_FILE)
    with (folder / schema.EVENTS_FILE).open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["event_id", "start_date", "category", "title", "summary"])
        writer.writerow(["m1", "2023-09-01", "other", "[bold]x[/]", "[red]not red[/red]"])
    async with make_app(folder).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        timeline = pilot.app.screen.query_one(Timeline)
        assert "[bold]x[/]" in timeline.event_list.get_option_at_index(0).prompt.plain
        screen = pilot.app.export_screenshot()
        assert "[bold]x[/]" in screen
        assert "[red]not" in screen
