"""Regression: after stepping into another year on the month screen, the trade table is whole.

The table is rebuilt for the new year when the month screen closes; rebuilt while that
screen was still on top, its columns were measured too narrow and cells were cut short.
"""

from __future__ import annotations

import re

from piloting import press, settle
from tradetui.app import make_app
from tradetui.screens.main import MainScreen
from tradetui.screens.month import MonthScreen
from tradetui.widgets.trade_table import TradeTable

SIZE = (120, 40)


def table_lines(table: TradeTable) -> list[str]:
    """The table as drawn, one string per line."""
    return [table.render_line(y).text for y in range(table.size.height)]


async def test_table_after_stepping_into_2024_shows_whole_cells() -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        main = pilot.app.screen_stack[0]
        assert isinstance(main, MainScreen)
        assert main.go_to_month("2023-12")
        await settle(pilot)
        await press(pilot, "enter")
        assert isinstance(pilot.app.screen, MonthScreen)
        await press(pilot, "right")  # December 2023 → Jan–Feb 2024
        assert pilot.app.screen.shown == "2024-01"
        await press(pilot, "escape")
        assert pilot.app.screen is main
        assert main.year == 2024
        lines = table_lines(main.table)
        shown = "\n".join(lines)
        months = r"\s*(Jan–Feb|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\s"
        rows = [line.split() for line in lines if re.match(months, line)]
        assert rows and rows[0][0] == "Jan–Feb", shown
        # Period, exports, imports, total, balance, YoY, MoM, YTD: growth cells are whole.
        assert all(len(row) == 8 for row in rows), shown
        for column in (5, 6):
            cells = [row[column] for row in rows]
            assert all(cell.endswith("%") or cell == "—" for cell in cells), shown
            assert sum(cell.endswith("%") for cell in cells) >= 6, shown
