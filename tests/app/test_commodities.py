"""Pilot tests of the HS drill-down: month → chapter → heading → subheading and back."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import polars as pl
from textual.pilot import Pilot
from textual.widgets import DataTable, Sparkline, Static

from comtrade_files import write_comtrade
from piloting import main, press, settle
from tradetui.app import make_app
from tradetui.data.schema import DETAIL_COLUMNS
from tradetui.screens.commodities import CommodityScreen
from tradetui.screens.help import binding_groups
from tradetui.screens.month import MonthScreen

# China → Russia, Sep 2023 and a year earlier: 6-digit rows, and one chapter also
# published at 2 digits (the chapter's own row wins; its subheadings are not added to it).
ROWS = [
    ("2023-09", "export", "870323", 3.0, "Cars, 1500-3000 cc"),
    ("2023-09", "export", "870421", 1.0, None),
    ("2023-09", "export", "87", 4.5, None),
    ("2023-09", "export", "850110", 2.0, "Small motors"),
    ("2023-09", "export", "851762", 0.5, None),
    ("2023-09", "export", "270900", 0.25, None),
    ("2023-09", "import", "270900", 6.0, "Crude oil"),
    ("2023-09", "import", "271012", 1.5, None),
    ("2023-09", "import", "440710", 0.5, None),
    ("2022-09", "export", "870323", 1.0, None),
    ("2022-09", "export", "87", 1.5, None),
    ("2022-09", "export", "850110", 3.125, None),
    ("2022-09", "import", "270900", 4.0, None),
    ("2023-08", "export", "850110", 1.0, None),
]
DETAIL = pl.LazyFrame(
    [(p, "CHN", "RUS", f, code, v, d) for p, f, code, v, d in ROWS],
    schema=DETAIL_COLUMNS,
    orient="row",
)


async def open_month(pilot: Pilot, detail: pl.LazyFrame | None = DETAIL) -> MonthScreen:
    """The month screen of Sep 2023 over the embedded data with ``detail`` added."""
    await settle(pilot)
    app = pilot.app
    loaded = app.main_screen.loaded
    dataset = replace(loaded.dataset, detail=detail)
    app.push_screen(MonthScreen(dataset, loaded.wide, "2023-09"))
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, MonthScreen)
    return screen


def level(pilot: Pilot) -> CommodityScreen:
    screen = pilot.app.screen
    assert isinstance(screen, CommodityScreen)
    return screen


def rows(pilot: Pilot) -> list[list[str]]:
    """The table's cells as the terminal shows them."""
    table = pilot.app.screen.query_one(DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


def column(pilot: Pilot, index: int) -> list[str]:
    return [row[index] for row in rows(pilot)]


def text_of(pilot: Pilot, selector: str) -> str:
    return str(pilot.app.screen.query_one(selector, Static).render())


async def test_c_drills_month_chapter_heading_subheading_and_escape_goes_back_up() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        month = await open_month(pilot)
        await press(pilot, "c")
        chapters = level(pilot)
        assert chapters.level == 2
        assert column(pilot, 0) == ["87", "85", "27"]
        # Chapter 87 from its own row (4.5), never 4.5 + 3.0 + 1.0.
        assert column(pilot, 2) == ["4,500.0", "2,500.0", "250.0"]
        assert column(pilot, 3) == ["62.1", "34.5", "3.4"]
        assert column(pilot, 4) == ["+200.0%", "−20.0%", "—"]
        title = text_of(pilot, "#commodities-title")
        assert title == "Sep 2023 · China → Russia exports · chapters"
        assert "USD mn" in text_of(pilot, "#commodities-note")

        await press(pilot, "enter")
        headings = level(pilot)
        assert headings.level == 4 and headings.parent_code == "87"
        assert column(pilot, 0) == ["8703", "8704"]
        assert text_of(pilot, "#commodities-title").endswith("› headings")
        assert "Chapter 87" in text_of(pilot, "#commodities-title")

        await press(pilot, "enter")
        assert level(pilot).level == 6
        assert column(pilot, 0) == ["870323"]
        assert column(pilot, 1) == ["Cars, 1500-3000 cc"]
        assert "Heading 8703" in text_of(pilot, "#commodities-title")

        await press(pilot, "enter")  # the finest level: nothing deeper to open
        assert level(pilot).level == 6

        await press(pilot, "escape")
        assert level(pilot) is headings
        await press(pilot, "backspace")
        assert level(pilot) is chapters
        await press(pilot, "escape")
        assert app.screen is month


async def test_the_month_screen_offers_c_only_with_detail() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        month = await open_month(pilot, detail=None)
        assert "c" not in month.active_bindings
        assert not month.query_one("#month-hs-hint").display
        await press(pilot, "c")
        assert app.screen is month
        await press(pilot, "escape")

        month = await open_month(pilot)
        assert month.active_bindings["c"].binding.id == "month.commodities"
        hint = month.query_one("#month-hs-hint", Static)
        assert hint.display
        assert "press c" in str(hint.render())


async def test_o_sorts_by_the_cursor_column_and_again_reverses() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_month(pilot)
        await press(pilot, "c", "right", "right", "right", "right")  # to YoY
        await press(pilot, "o")
        assert column(pilot, 4) == ["+200.0%", "−20.0%", "—"]
        table = app.screen.query_one(DataTable)
        assert str(table.columns["yoy"].label).startswith("YoY ▼")
        await press(pilot, "o")
        assert column(pilot, 4) == ["−20.0%", "+200.0%", "—"]  # missing stays last
        await press(pilot, "left", "left", "left", "left", "o")  # code: in order
        assert column(pilot, 0) == ["27", "85", "87"]
        # The cursor stayed on chapter 87; the sort carries into the level below.
        await press(pilot, "enter")
        assert level(pilot).drill.sort == ("code", False)
        assert column(pilot, 0) == ["8703", "8704"]


async def test_f_cycles_the_flow_and_the_level_above_follows() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_month(pilot)
        await press(pilot, "c", "f")
        assert level(pilot).drill.flow == "import"
        assert text_of(pilot, "#commodities-title").startswith("Sep 2023 · Russia → China imports")
        assert column(pilot, 0) == ["27", "44"]
        assert column(pilot, 2) == ["7,500.0", "500.0"]
        assert column(pilot, 4) == ["+87.5%", "—"]
        await press(pilot, "f")
        assert level(pilot).drill.flow == "total"
        assert column(pilot, 0) == ["27", "87", "85", "44"]
        assert column(pilot, 2) == ["7,750.0", "4,500.0", "2,500.0", "500.0"]
        assert "total = export + import" in text_of(pilot, "#commodities-note")

        await press(pilot, "enter")  # chapter 27, total
        assert column(pilot, 0) == ["2709", "2710"]
        await press(pilot, "f")  # export: chapter 27 has one heading
        assert column(pilot, 0) == ["2709"]
        await press(pilot, "escape")
        assert level(pilot).drill.flow == "export"
        assert column(pilot, 0) == ["87", "85", "27"]


async def test_an_empty_level_says_so() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_month(pilot)
        await press(pilot, "c", "down")  # chapter 85
        await press(pilot, "enter", "f")  # its headings, imports: none
        screen = level(pilot)
        assert screen.has_class("-empty")
        line = text_of(pilot, "#commodities-empty")
        assert line.startswith("No headings of chapter 85 in the data for Russia → China imports")
        await press(pilot, "f")  # total: its headings again, and the keys reach the table
        assert not screen.has_class("-empty")
        assert column(pilot, 0) == ["8501", "8517"]
        await press(pilot, "j")
        assert app.screen.query_one(DataTable).cursor_row == 1


async def test_the_sparkline_follows_the_cursor() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_month(pilot)
        await press(pilot, "c")
        sparkline = app.screen.query_one(Sparkline)
        assert "Chapter 87" in text_of(pilot, "#commodities-caption")
        assert list(sparkline.data) == [1.5, 4.5]
        # 13 months, Sep 2022 .. Sep 2023; 11 of them without a row.
        assert column(pilot, 5)[0] == "▁" + " " * 11 + "█"
        await press(pilot, "j")
        assert "Chapter 85" in text_of(pilot, "#commodities-caption")
        assert list(sparkline.data) == [3.125, 1.0, 2.5]
        assert "10 months missing" in text_of(pilot, "#commodities-caption")
        await press(pilot, "k")
        assert list(sparkline.data) == [1.5, 4.5]


async def test_help_lists_the_drill_down_keys() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_month(pilot)
        await press(pilot, "c")
        groups = {
            name: {what: keys for keys, what, _ in rows}
            for name, rows in binding_groups(app.screen)
        }
        assert {"Open", "Sort"} <= set(groups["Focused pane"])
        assert groups["App"]["Flow"] == "f"
        assert "esc" in groups["App"]["Up a level"]


async def test_at_80_columns_the_table_fits_and_long_names_are_cut() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_month(pilot)
        await press(pilot, "c")
        table = app.screen.query_one(DataTable)
        assert table.virtual_size.width <= table.scrollable_content_region.width
        names = column(pilot, 1)
        assert names[0].startswith("Vehicles; other") and names[0].endswith("…")
        # Every column is on screen: the last one is the bars.
        assert column(pilot, 5)[0].endswith("█")


async def test_a_comtrade_file_drills_in_and_the_chapters_add_up_to_its_total(
    tmp_path: Path,
) -> None:
    app = make_app(write_comtrade(tmp_path / "comtrade.csv"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        main(pilot).open_month("2023-09")
        await settle(pilot)
        month = app.screen
        assert isinstance(month, MonthScreen)
        await press(pilot, "c")
        assert column(pilot, 0) == ["27", "87"]
        assert column(pilot, 2) == ["12.0", "8.0"]  # USD bn: every value is at least 1 bn
        assert column(pilot, 4) == ["+100.0%", "+100.0%"]
        # The chapters add up to the file's TOTAL row for the month: no level counted twice.
        export = app.loaded.wide.filter(pl.col("period_start") == "2023-09")["export"][0]
        assert sum(level(pilot).table["value"]) == export == 20.0
        await press(pilot, "enter")
        assert column(pilot, 0) == ["2709", "2710"]
        await press(pilot, "down", "enter")
        assert column(pilot, 0) == ["271012", "271019"]
        assert column(pilot, 1) == ["Light oils", "Other oils"]
        await press(pilot, "escape", "escape", "escape")
        assert app.screen is month
