"""Crashes the seeded monkey (test_monkey.py) found, kept as plain tests."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import pytest
from textual import events
from textual.command import CommandList, CommandPalette, Hit, Hits
from textual.keys import key_to_character
from textual.widgets import Input

from comtrade_files import write_comtrade
from piloting import press, settle
from tradetui.app import TradeApp, make_app
from tradetui.commands import TradeCommands
from tradetui.screens import export as export_screen
from tradetui.screens.commodities import CommodityScreen
from tradetui.screens.data_info import DataInfoScreen
from tradetui.screens.main import MainScreen
from tradetui.screens.month import MonthScreen
from tradetui.screens.pairs import PairScreen


async def test_paging_the_event_list_squeezed_to_no_height() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        timeline = app.main_screen.timeline
        await pilot.press("2")
        timeline.event_list.styles.height = 0
        await pilot.pause()
        timeline.refresh_list()  # Textual indexes the new options' lines on show: none
        await pilot.press("pagedown", "pageup")
        await settle(pilot)
        assert app.is_running


async def test_enter_twice_in_the_palette_runs_the_command_once() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"granularity: quarter")
        await settle(pilot)
        for key in ("down", "enter", "enter"):
            app.post_message(events.Key(key, key_to_character(key)))
        await settle(pilot)
        assert app.is_running
        assert isinstance(app.screen, MainScreen)
        assert app.main_screen.granularity == "quarter"  # the command ran


async def test_paging_the_palette_before_its_list_is_laid_out() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"year")
        await settle(pilot)
        commands = app.screen.query_one(CommandList)
        assert commands.option_count
        commands.styles.height = 0  # as between the commands' arrival and their layout
        await pilot.pause()
        await pilot.press("pagedown", "pageup")
        await settle(pilot)
        assert app.is_running


async def test_palette_opened_again_while_the_last_is_being_removed() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        app.pop_screen()  # removed over the next few turns of the loop
        app.action_command_palette()  # once: DuplicateIds '--command-palette'
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        assert len(app.screen_stack) == 2


async def test_palette_closed_before_it_was_shown() -> None:
    # As when the explorer takes over from the boot screen just after ctrl+p.
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.action_command_palette()
        app.pop_screen()  # once: IndexError in the palette's mount
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)


async def test_export_written_while_the_palette_is_over_its_dialog(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Textual's dismiss closes the top screen: the dialog once closed the palette instead
    # of itself, and its own escape later raised InvalidStateError.
    monkeypatch.chdir(tmp_path)
    may_write = threading.Event()
    real = export_screen.write_frame

    def held_write(*args: object, **kwargs: object) -> Path:
        may_write.wait(60)
        return real(*args, **kwargs)

    monkeypatch.setattr(export_screen, "write_frame", held_write)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        app.screen.query_one(Input).value = "out.csv"
        await pilot.press("enter", "ctrl+p")  # the palette opens while the file is written
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        may_write.set()
        await settle(pilot)
        assert (tmp_path / "out.csv").exists()
        assert isinstance(app.screen, CommandPalette)  # still open: it was not the dialog
        await press(pilot, "escape")
        assert isinstance(app.screen, MainScreen)  # the dialog closed once shown again
        await press(pilot, "escape")
        assert app.is_running


async def test_palette_closed_while_its_search_is_still_running(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Closed from outside (as the explorer's take-over and its commands do), the palette's
    # search once ran on between the removal of its list and its own: WorkerFailed NoMatches.
    released = asyncio.Event()

    async def held_search(self: TradeCommands, query: str) -> Hits:
        await released.wait()
        yield Hit(1.0, "A late hit", lambda: None)

    monkeypatch.setattr(TradeCommands, "search", held_search)
    # The search's answer arrives just as the list is removed.
    monkeypatch.setattr(CommandList, "on_unmount", lambda self: released.set(), raising=False)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        app.screen.query_one(Input).value = "late"  # the search starts, and waits
        await pilot.pause()
        app.pop_screen()
        await settle(pilot)
        assert released.is_set()
        assert app.is_running
        assert isinstance(app.screen, MainScreen)


def _open(app: TradeApp, which: str) -> None:
    """Open a screen over the explorer as its key or command does."""
    main = app.main_screen
    loaded = main.loaded
    assert loaded is not None and loaded.dataset.detail is not None
    screens = {
        "month": lambda: MonthScreen(loaded.dataset, loaded.wide, "2023-09"),
        "commodities": lambda: CommodityScreen(
            loaded.dataset.detail, month="2023-09", reporter="CHN", partner="RUS"
        ),
        "pairs": lambda: PairScreen(loaded.pairs, None),
        "data info": lambda: DataInfoScreen(loaded),
    }
    if which in screens:
        app.push_screen(screens[which]())
    elif which == "palette":
        app.action_command_palette()
    elif which == "help":
        app.action_help()
    else:
        getattr(main, f"action_{which}")()


@pytest.mark.parametrize(
    "which",
    ["claims", "summary", "export", "open_data", "month", "commodities", "pairs", "data info",
     "help", "palette"],
)  # fmt: skip
async def test_a_screen_opened_as_the_app_exits_sets_nothing_up(which: str, tmp_path: Path) -> None:
    # Textual mounts nothing into a closing app, and the screens' set-up once looked for
    # their widgets: NoMatches 'ClaimsTable', WorkerFailed NoMatches 'CommandList', …
    app = make_app(write_comtrade(tmp_path / "comtrade.csv"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        _open(app, which)
        app.exit()
        await settle(pilot)
    assert app.return_code == 0


@pytest.mark.parametrize("theme", ["ansi-dark", "ansi-light"])
async def test_the_terminal_themes_draw_the_chart(theme: str) -> None:
    # Their colours are the terminal's ('ansi_default 50%'): the chart's colour lookup
    # once raised ColorParseError on the switch.
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "4")
        app.theme = theme
        await settle(pilot)
        await press(pilot, "right", "left")
        assert app.is_running
        assert app.theme == theme


async def test_data_without_the_chart_s_year_opens_on_all_of_it(tmp_path: Path) -> None:
    # The chart kept the year chosen for the last data and raised DataError drawing it.
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.set_chart_range("2026")
        await settle(pilot)
        app.main_screen.open_data(write_comtrade(tmp_path / "comtrade.csv"))  # 2022-2023
        await settle(pilot)
        assert app.is_running
        assert app.main_screen.chart.spec == "all"


async def test_a_path_too_long_for_the_file_system_is_one_line(tmp_path: Path) -> None:
    # Pasted into the open-data box, a long text once reached the crash log (OSError).
    app = make_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        app.main_screen.open_data(tmp_path / ("x" * 5000))
        await settle(pilot)
        assert app.is_running
        [notice] = [n.message for n in app._notifications]
        assert "the name is too long for the file system" in notice
        assert len(notice) < 400  # one line, the pasted path cut short
