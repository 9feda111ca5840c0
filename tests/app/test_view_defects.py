"""Pilot tests of display defects that stay fixed: palette jumps, the year view's columns."""

from __future__ import annotations

from piloting import main, press, settle
from tradetui.app import make_app

SIZE = (120, 40)


async def test_palette_go_to_month_in_quarter_view_shows_the_month() -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        main(pilot).set_granularity("quarter")
        await settle(pilot)
        assert main(pilot).granularity == "quarter"
        await press(pilot, "ctrl+p", *"2023-09")
        await press(pilot, "enter")
        screen = main(pilot)
        assert screen.granularity == "month"
        assert screen.table.current_key == "2023-09"


async def test_year_view_has_no_step_or_year_to_date_column() -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main(pilot)
        assert {"mom", "ytd"} <= {str(key.value) for key in screen.table.columns}
        screen.set_granularity("year")
        await settle(pilot)
        keys = [str(key.value) for key in screen.table.columns]
        assert keys == ["period", "export", "import", "total", "balance", "yoy"]
