"""Pilot tests of drilling from the trade table into the month screen and back."""

from __future__ import annotations

from textual.pilot import Pilot

from piloting import main, press, settle
from tradetui.app import make_app
from tradetui.screens.main import MainScreen
from tradetui.screens.month import MonthScreen
from tradetui.widgets.trade_table import TradeTable

SIZE = (120, 40)


async def go_to_september_2023(pilot: Pilot) -> None:
    await settle(pilot)
    main(pilot).go_to_month("2023-09")
    await settle(pilot)
    assert main(pilot).query_one(TradeTable).current_key == "2023-09"


async def test_enter_on_september_opens_month_screen() -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await go_to_september_2023(pilot)
        await press(pilot, "enter")
        assert isinstance(pilot.app.screen, MonthScreen)


async def test_escape_returns_with_cursor_on_the_month_last_shown() -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await go_to_september_2023(pilot)
        await press(pilot, "enter", "right", "right", "right", "right")
        await press(pilot, "escape")
        assert isinstance(pilot.app.screen, MainScreen)
        # Four steps on from September 2023 crosses into 2024 (Jan–Feb is one period).
        assert main(pilot).year == 2024
        assert main(pilot).query_one(TradeTable).current_key == "2024-01"
        assert pilot.app.focused is main(pilot).query_one(TradeTable)


async def test_q_on_the_month_screen_goes_back_instead_of_quitting() -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await go_to_september_2023(pilot)
        await press(pilot, "enter", "q")
        assert isinstance(pilot.app.screen, MainScreen)
        assert pilot.app.is_running
        assert main(pilot).query_one(TradeTable).current_key == "2023-09"
