"""Pilot tests of the trade chart pane: focus, cursor, readout, drill-in and small terminals."""

from __future__ import annotations

from textual.pilot import Pilot

from piloting import main, press, settle
from tradetui.app import make_app
from tradetui.screens.main import MainScreen
from tradetui.screens.month import MonthScreen
from tradetui.widgets.chart import TradeChart, YearsChart
from tradetui.widgets.trade_table import TradeTable

SIZE = (120, 40)


def chart(pilot: Pilot) -> TradeChart:
    return main(pilot).query_one(TradeChart)


def readout(pilot: Pilot) -> str:
    return str(chart(pilot).query_one("#chart-readout").content)


async def chart_on_september_2023(pilot: Pilot) -> None:
    """Focus the chart, pick the 2023 range with r, then step back from December."""
    await settle(pilot)
    await press(pilot, "4")
    while chart(pilot).spec != "2023":
        await press(pilot, "r")
    assert chart(pilot).cursor == "2023-12"
    await press(pilot, "left", "left", "left")


async def test_4_focuses_the_chart() -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "4")
        assert pilot.app.focused is chart(pilot)
        assert chart(pilot).has_class("-active")


async def test_tab_reaches_the_chart_after_the_metrics() -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "3", "tab")
        assert pilot.app.focused is chart(pilot)
        await press(pilot, "tab")
        assert pilot.app.focused is main(pilot).query_one(TradeTable)
        await press(pilot, "shift+tab")
        assert pilot.app.focused is chart(pilot)


async def test_the_cursor_starts_on_the_table_period_and_moves_with_left_right() -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        start = main(pilot).table.current_key
        await press(pilot, "4")
        assert chart(pilot).cursor == start
        await press(pilot, "left")
        assert chart(pilot).cursor < start
        # The table, metrics and timeline follow the chart's cursor.
        assert main(pilot).table.current_key == chart(pilot).cursor
        await press(pilot, "end")
        assert chart(pilot).cursor == "2026-01"
        await press(pilot, "home")
        assert chart(pilot).cursor == "2021-01"
        await press(pilot, "left")
        assert chart(pilot).cursor == "2021-01"


async def test_readout_shows_the_values_of_september_2023() -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await chart_on_september_2023(pilot)
        assert chart(pilot).cursor == "2023-09"
        text = readout(pilot)
        assert text.startswith("Sep 2023")
        assert "total 21.3" in text
        assert "China→Russia 9.6" in text
        assert "Russia→China 11.6" in text
        assert "balance −2.0" in text
        events = str(chart(pilot).query_one("#chart-events").content)
        assert events.startswith("4 events:")
        assert "Putin receives Wang Yi in Moscow" in events
        assert "2023" in str(chart(pilot).border_title)


async def test_jan_feb_readout_says_it_is_one_release_for_two_months() -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "4")
        while chart(pilot).spec != "2024":
            await press(pilot, "r")
        await press(pilot, "home")
        text = readout(pilot)
        assert text.startswith("Jan–Feb 2024 (one release for 2 months)")
        assert "total 37.0" in text
        assert "drawn as 18.5 a month" in text


async def test_f_filters_the_event_markers_by_category() -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "4")
        every = chart(pilot).chart.markers["count"].sum()
        await press(pilot, "f")
        category = chart(pilot).category
        assert category is not None
        assert f"events: {category}" in str(chart(pilot).border_title)
        assert 0 < chart(pilot).chart.markers["count"].sum() < every


async def test_enter_opens_september_2023_and_escape_returns_to_the_chart() -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await chart_on_september_2023(pilot)
        await press(pilot, "enter")
        screen = pilot.app.screen
        assert isinstance(screen, MonthScreen)
        assert screen.shown == "2023-09"
        assert screen.title.startswith("September 2023")
        assert screen.query_one(YearsChart).display
        await press(pilot, "right")
        await press(pilot, "escape")
        await settle(pilot)
        assert isinstance(pilot.app.screen, MainScreen)
        # The chart and the table follow the month last shown.
        assert chart(pilot).cursor == "2023-10"
        assert main(pilot).table.current_key == "2023-10"
        assert pilot.app.focused is chart(pilot)


async def test_palette_range_commands_set_the_chart_range() -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        pilot.app.set_chart_range("last12")
        await settle(pilot)
        assert chart(pilot).chart.start == "2025-03"
        assert "last 12 months" in str(chart(pilot).border_title)
        assert pilot.app.focused is chart(pilot)


async def test_chart_at_80x24_is_a_tab_that_replaces_the_table() -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "4")
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        screen = main(pilot)
        assert screen.has_class("-narrow")
        assert screen.query_one("#tab-chart").has_class("-active")
        assert "4 Chart" in str(screen.query_one("#tab-chart").content)
        assert not screen.query_one(TradeTable).display or not screen.table.region.area
        assert chart(pilot).region.width == 80
        assert chart(pilot).query_one("#chart-plot").region.height >= 8
        await press(pilot, "left")
        assert readout(pilot)
