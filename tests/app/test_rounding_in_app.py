"""Flows that do not add up are marked, false precision is said, Jan–Feb is two months."""

from __future__ import annotations

import shutil
from pathlib import Path

import polars as pl
from textual.pilot import Pilot
from textual.widgets import Static

from piloting import main, press, settle, shown
from tradetui.app import make_app
from tradetui.data import schema
from tradetui.widgets.trade_table import UNBALANCED_MARK

DATA = Path(__file__).resolve().parents[2] / "data"


async def open_month(pilot: Pilot, period_start: str) -> None:
    """Open a period's month screen as the main screen does on enter."""
    await settle(pilot)
    pilot.app.go_to_month(period_start)
    await press(pilot, "enter")


def shown_text(pilot: Pilot, selector: str) -> str:
    return shown(pilot.app.screen.query_one(selector, Static))


def dataset_with_may_2025_total(folder: Path, total: float) -> Path:
    """The embedded dataset with the May 2025 total replaced (one published figure)."""
    for name in (schema.TRADE_FILE, schema.PUBLISHED_FILE, schema.EVENTS_FILE):
        shutil.copy(DATA / name, folder / name)
    trade = pl.read_csv(folder / schema.TRADE_FILE, schema_overrides=schema.TRADE_COLUMNS)
    may = (pl.col("period_start") == "2025-05") & (pl.col("flow") == "total")
    trade.with_columns(
        value=pl.when(may).then(total).otherwise("value"),
        precision=pl.when(may).then(0.0005).otherwise("precision"),
        value_figures=pl.when(may).then(pl.lit("g0666;g0678")).otherwise("value_figures"),
    ).write_csv(folder / schema.TRADE_FILE)
    return folder


def total_cell(pilot: Pilot, period_start: str) -> str:
    table = main(pilot).table
    return table.get_cell(period_start, "total").plain


async def test_a_total_that_its_flows_miss_is_marked_and_explained(tmp_path: Path) -> None:
    # 8.09 + 9.61 = 17.70 against 17.3: 0.4 apart, beyond the 0.201 the rounding of the
    # three allows (±0.05, ±0.05 and ±0.0005, each from two figures).
    app = make_app(dataset_with_may_2025_total(tmp_path, 17.3))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.go_to_month("2025-05")
        await settle(pilot)
        screen = main(pilot)
        assert total_cell(pilot, "2025-05").endswith(f" {UNBALANCED_MARK}")
        assert total_cell(pilot, "2025-06").endswith("  ")  # aligned, not marked
        assert str(screen.table.border_subtitle).startswith(f"{UNBALANCED_MARK} flows ≠ total")
        await press(pilot, "enter")
        flows = shown_text(pilot, "#month-flows")
        assert "Flows do not add up:" in flows
        assert "exports 8.09 (±0.05, 2 figures) + imports 9.61" in " ".join(flows.split())
        assert "more than the" in flows


async def test_the_embedded_data_marks_no_total() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.go_to_month("2025-05")
        await settle(pilot)
        assert not main(pilot).table.marked
        assert UNBALANCED_MARK not in total_cell(pilot, "2025-05")
        assert UNBALANCED_MARK not in str(main(pilot).table.border_subtitle)


async def test_a_month_from_a_rounded_figure_shows_its_precision() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_month(pilot, "2021-06")
        flows = shown_text(pilot, "#month-flows")
        total = next(line for line in flows.splitlines() if line.strip().startswith("Total"))
        assert "12.3" in total or "12.4" in total
        assert "±0.5" in total
        assert "published rounded" in flows
        # Within the rounding of "$63 bn", the flows add up, and the screen says so.
        assert "Flows add up within their rounding" in flows


async def test_jan_feb_ranks_and_shares_as_two_months() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_month(pilot, "2023-01")
        flows = " ".join(shown_text(pilot, "#month-flows").split())
        assert "by monthly average (2 months: ranked at 16.8 a month)" in flows
        assert "(2 months:" in flows and "% a month)" in flows


async def test_sorting_by_total_puts_jan_feb_by_its_monthly_average() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.go_to_month("2023-09")
        await settle(pilot)
        screen = main(pilot)
        screen.table.move_cursor(column=3)  # the total column
        await press(pilot, "o")
        keys = screen.table.row_keys
        # Jan–Feb 2023 (33.685, 16.8 a month) is the smallest month's mean, not the first.
        assert keys[-1] == "2023-01", keys
        assert "sorted by total a month ▼" in str(screen.table.border_title)
