"""Copying (y / Y) and the mouse: click, double click, header click, wheel."""

from __future__ import annotations

from test_commodities import open_month
from textual import events
from textual.pilot import Pilot

from piloting import main, press, settle
from tradetui.app import make_app
from tradetui.data.summary import summarise
from tradetui.present.format import Format
from tradetui.present.summary import render_text
from tradetui.screens.commodities import CommodityTable
from tradetui.screens.month import MonthScreen
from tradetui.widgets.table import plain
from tradetui.widgets.trade_table import TradeTable

SIZE = (120, 40)
MACHINE = Format().for_machine()


async def on_september_2023(pilot: Pilot) -> TradeTable:
    await settle(pilot)
    main(pilot).go_to_month("2023-09")
    await settle(pilot)
    return main(pilot).table


def september_2023(pilot: Pilot) -> dict:
    wide = main(pilot).loaded.wide
    return wide.filter(wide["period_start"] == "2023-09").row(0, named=True)


async def test_y_copies_the_cell_and_shift_y_the_row() -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        table = await on_september_2023(pilot)
        table.move_cursor(column=1)  # exports
        await press(pilot, "y")
        assert pilot.app.clipboard == MACHINE.money(september_2023(pilot)["export"])
        await press(pilot, "Y")
        row = pilot.app.clipboard.split("\t")
        assert row[0] == "Sep"
        assert row[1:4] == [
            MACHINE.money(september_2023(pilot)[f]) for f in ("export", "import", "total")
        ]
        assert len(row) == len(table.columns)


async def test_y_on_the_month_screen_copies_its_summary_and_shift_y_the_page() -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await on_september_2023(pilot)
        await press(pilot, "enter")
        screen = pilot.app.screen
        assert isinstance(screen, MonthScreen)
        await press(pilot, "y")
        details = screen.details
        brief = summarise(
            screen.dataset, "2023-09", "2023-09", details.reporter, details.partner, 1
        )
        assert pilot.app.clipboard == render_text(brief, MACHINE.__class__())
        await press(pilot, "Y")
        page = pilot.app.clipboard
        assert page.startswith("September 2023 (2023-09)")
        for heading in ("Flows", "Same period in other years", "Sources & method"):
            assert f"\n{heading}\n" in page
        assert "\x1b" not in page  # text, not terminal codes


async def test_y_copies_a_commodity_cell_and_a_header_click_sorts() -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await open_month(pilot)  # Sep 2023 with HS detail (tests/app/test_commodities.py)
        await press(pilot, "c")
        table = pilot.app.screen.query_one(CommodityTable)
        table.move_cursor(row=0, column=0)
        await press(pilot, "y")
        assert pilot.app.clipboard == "87"  # the largest chapter, vehicles
        await press(pilot, "Y")
        assert pilot.app.clipboard.startswith("87\t")
        # A click on the Code column's name sorts by code.
        await pilot.click(CommodityTable, offset=(2, 1))  # inside the border
        await settle(pilot)
        codes = [plain(table.get_cell_at((row, 0))) for row in range(table.row_count)]
        assert codes == sorted(codes)


async def test_a_click_moves_the_cursor_and_a_double_click_opens() -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        table = await on_september_2023(pilot)
        # Rows start below the border and the two-line header: the first is at y=3.
        await pilot.click(TradeTable, offset=(3, 3 + 5))
        await settle(pilot)
        assert not isinstance(pilot.app.screen, MonthScreen)
        assert table.cursor_row == 5
        first = table.current_key
        await pilot.click(TradeTable, offset=(3, 3 + 3), times=2)
        await settle(pilot)
        assert isinstance(pilot.app.screen, MonthScreen)
        assert pilot.app.screen.shown != first


async def test_a_click_on_a_column_name_sorts_by_it() -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        table = await on_september_2023(pilot)
        total = list(table.columns).index("total")
        x = sum(column.get_render_width(table) for column in table.ordered_columns[:total])
        await pilot.click(TradeTable, offset=(x + 3, 1))  # inside the border, on the header
        await settle(pilot)
        assert main(pilot).sort == ("total", True)
        keys = [key for key in table.row_keys if key != "total"]
        # By the mean per month: Jan–Feb counts as its total over its two months.
        by_key = {
            row["key"]: row["total"] / row["months"]
            for row in main(pilot).rows.iter_rows(named=True)
            if row["total"] is not None
        }
        totals = [by_key[key] for key in keys if key in by_key]
        assert len(totals) > 5
        assert totals == sorted(totals, reverse=True)


async def test_the_wheel_scrolls_the_month_screen() -> None:
    async with make_app().run_test(size=(100, 24)) as pilot:
        await on_september_2023(pilot)
        await press(pilot, "enter")
        body = pilot.app.screen.query_one("#month-body")
        assert body.scroll_y == 0
        for _ in range(3):
            body.post_message(events.MouseScrollDown(body, 5, 5, 0, 1, 0, False, False, False))
        await settle(pilot)
        assert body.scroll_y > 0


async def test_y_in_the_timeline_copies_the_event() -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await on_september_2023(pilot)
        await press(pilot, "2")
        timeline = main(pilot).timeline
        event_id = timeline.event_list.highlighted_option.id
        await press(pilot, "y")
        event = timeline.shown.filter(timeline.shown["event_id"] == event_id).row(0, named=True)
        copied = pilot.app.clipboard.splitlines()
        assert copied[0] == f"{event['start_date']} · {event['title']}"
        assert copied[-1] == event["source_url"]
