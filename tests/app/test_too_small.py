"""Resizing down to 20×6 and back: a clear notice below the minimum, then all as it was."""

from __future__ import annotations

from piloting import main, press, settle, shown
from tradetui.app import make_app
from tradetui.screens.month import MonthScreen
from tradetui.screens.too_small import MIN_HEIGHT, MIN_WIDTH, TooSmallScreen


async def test_shrinking_below_the_minimum_shows_a_notice_and_growing_back_restores() -> None:
    app = make_app()
    async with app.run_test(size=(200, 60)) as pilot:
        await settle(pilot)
        before = main(pilot).table.current_key
        for width, height in ((120, 40), (80, 24), (MIN_WIDTH, MIN_HEIGHT), (40, 12), (20, 6)):
            await pilot.resize_terminal(width, height)
            await settle(pilot)
            if (width, height) == (40, 12):
                notice = " ".join(shown(app.screen.query_one("#too-small-text")).split())
                assert "Terminal too small: 40×12" in notice and "q quits" in notice
        assert isinstance(app.screen, TooSmallScreen)
        text = " ".join(shown(app.screen.query_one("#too-small-text")).split())
        assert "Too small: 20×6" in text and "needs 60×15" in text and "q quits" in text
        # Keys other than q do nothing under the notice, and nothing breaks.
        await press(pilot, "enter", "question_mark", "g", "ctrl+p", "escape", "tab")
        assert isinstance(app.screen, TooSmallScreen)
        await pilot.resize_terminal(120, 40)
        await settle(pilot)
        assert app.screen is main(pilot)
        assert main(pilot).table.current_key == before
        await press(pilot, "enter")
        assert isinstance(app.screen, MonthScreen)


async def test_starting_in_a_tiny_terminal_shows_the_notice_over_the_explorer() -> None:
    app = make_app()
    async with app.run_test(size=(30, 8)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, TooSmallScreen)
        await pilot.resize_terminal(100, 30)
        await settle(pilot)
        assert app.screen is main(pilot)
        assert main(pilot).loaded is not None


async def test_q_quits_under_the_notice() -> None:
    app = make_app()
    async with app.run_test(size=(20, 6)) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0
