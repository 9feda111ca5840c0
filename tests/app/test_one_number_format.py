"""With unit = "mn" and decimals = 2 every place that writes September 2023 agrees."""

from __future__ import annotations

import re

from rich.text import Text
from textual.widgets import Static

from piloting import main, press, settle, shown
from tradetui.app import make_app
from tradetui.config import Config
from tradetui.screens.month import MonthScreen
from tradetui.screens.summary import SummaryScreen
from tradetui.widgets.chart import TradeChart
from tradetui.widgets.table import plain

SIZE = (120, 40)


def september_2023_total(pilot) -> float:
    wide = main(pilot).loaded.wide
    return wide.filter(wide["period_start"] == "2023-09").row(0, named=True)["total"]


async def test_table_summary_chart_and_month_screen_write_one_format() -> None:
    app = make_app(settings=Config(unit="mn", decimals=2))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        # The chart's value axis: labels as the format writes them, none cut short.
        # Focused, the chart is shown even where the wider USD mn table leaves it no room.
        await press(pilot, "4")
        plot = main(pilot).query_one(TradeChart).plot
        numeric: list[str] = []
        for _ in range(100):  # the plot draws its axis on a refresh after its first layout
            axis = shown(plot.query_one("#margin-left")).splitlines()
            numeric = [line.strip() for line in axis if line.strip()[:1].isdigit()]
            if numeric:
                break
            await pilot.pause()
        assert numeric, axis
        assert any("," in t and len(t.replace(",", "")) >= 5 for t in numeric), numeric

        await press(pilot, "1")  # back to the trade table
        main(pilot).go_to_month("2023-09")
        await settle(pilot)
        total = september_2023_total(pilot)
        expected = f"{total * 1000:,.2f}"  # USD mn, two decimals, thousands separated
        assert "." in expected and "," in expected

        table = main(pilot).table
        labels = [plain(column.label) for column in table.columns.values()]
        assert "Total USD mn" in " ".join(label.replace("\n", " ") for label in labels)
        row = [plain(cell) for cell in table.get_row(table.current_key)]
        assert expected in row

        await press(pilot, "s")
        assert isinstance(pilot.app.screen, SummaryScreen)
        summary = pilot.app.screen.text
        assert "USD mn" in summary and "USD bn" not in summary
        assert expected in summary
        # Figures carry true minus signs (dates and titles keep their hyphens).
        assert not re.search(r"(?<![\w-])-\d", summary), summary
        await press(pilot, "escape")

        await press(pilot, "enter")
        assert isinstance(pilot.app.screen, MonthScreen)
        flows = shown(pilot.app.screen.query_one("#month-flows", Static))
        heading = pilot.app.screen.query_one("#month-heading", Static).render()
        assert expected in flows
        assert "USD mn" in (heading.plain if isinstance(heading, Text) else str(heading))
