"""The explorer on a Spark table: the main screen, the HS drill-down, a dropped
connection, and escape while a level loads."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable

import spark_tables as tables
from piloting import main, press, settle
from tradetui.app import make_app
from tradetui.screens.commodities import CommodityScreen
from tradetui.screens.month import MonthScreen
from tradetui.widgets.table import plain
from tradetui.widgets.trade_table import TradeTable

pytestmark = pytest.mark.spark

SIZE = (120, 40)


def codes(pilot) -> list[str]:
    table = pilot.app.screen.query_one(DataTable)
    return [str(table.get_cell_at((row, 0))) for row in range(table.row_count)]


async def months_shown(data: str | Path) -> list[list[str]]:
    """The trade table's headers and cells as drawn (column widths left out: the table
    sizes them on a later refresh, which a loaded machine may not have reached yet)."""
    async with make_app(data, pair=("CHN", "RUS")).run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = main(pilot).query_one(TradeTable)
        rows = [[plain(column.label) for column in table.columns.values()]]
        rows += [[plain(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
        return rows


async def test_the_main_screen_shows_the_same_table_as_the_local_file(
    files: dict[str, Path],
) -> None:
    path = files["varied"]
    assert await months_shown(tables.table_url(path)) == await months_shown(path)


async def test_the_drill_down_runs_on_the_cluster(files: dict[str, Path]) -> None:
    app = make_app(tables.table_url(files["small"]))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "Spark table" in app.loaded.dataset.origin
        main(pilot).open_month("2023-09")
        await settle(pilot)
        assert isinstance(app.screen, MonthScreen)
        await press(pilot, "c")
        assert isinstance(app.screen, CommodityScreen)
        assert codes(pilot) == ["27", "87"]
        await press(pilot, "enter")
        assert codes(pilot) == ["2709", "2710"]
        await press(pilot, "escape", "escape")
        assert isinstance(app.screen, MonthScreen)


async def test_a_dropped_connection_is_one_line_and_the_explorer_stays_usable(
    files: dict[str, Path], relay
) -> None:
    app = make_app(f"sc://127.0.0.1:{relay.port}/parquet.`{files['small']}`")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        main(pilot).open_month("2023-09")
        await settle(pilot)
        relay.drop_next()
        await press(pilot, "c")
        assert relay.dropped.is_set()
        screen = app.screen
        assert isinstance(screen, CommodityScreen)
        assert screen.table is None  # the level failed, and said why
        said = [n.message for n in app._notifications]
        assert any(m.startswith("Spark table parquet.") and "\n" not in m for m in said), said
        relay.resume()
        await press(pilot, "escape", "c")
        assert codes(pilot) == ["27", "87"]
        assert app.is_running
