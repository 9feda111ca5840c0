"""Crashes the seeded monkey (test_monkey.py) found, kept as plain tests."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from textual import events
from textual.command import CommandList, CommandPalette
from textual.keys import key_to_character
from textual.widgets import Input

from piloting import press, settle
from tradetui.app import make_app
from tradetui.screens import export as export_screen
from tradetui.screens.main import MainScreen


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
