"""Pilot tests of the summary dialog: `s` on a trade table row, on the month screen, the palette."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import polars as pl
import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from piloting import main, press, settle
from tradetui.app import make_app
from tradetui.data import metrics
from tradetui.data.load import load_dataset
from tradetui.present.format import machine_text
from tradetui.screens.main import MainScreen
from tradetui.screens.month import MonthScreen
from tradetui.screens.summary import SummaryScreen

SIZE = (120, 40)
DATA = Path(__file__).resolve().parents[2] / "data"
# "  Total trade        21.3   +12.8%" — the figure and its growth ("—" when unknown).
# Minus is the true one (U+2212) and a balance carries its sign, as everywhere on screen.
_FLOW_LINE = r"^\s+{label}\s+([+−]?[\d,]+\.\d)(?:\s+([+−][\d,]+\.\d%|0\.0%|—))?"


def shown_text(pilot: Pilot) -> str:
    """The summary as drawn: the rendered lines of its text widget."""
    screen = pilot.app.screen
    assert isinstance(screen, SummaryScreen)
    widget = screen.query_one("#summary-text", Static)
    return "\n".join(widget.render_line(y).text.rstrip() for y in range(widget.size.height))


def flow_line(text: str, label: str) -> tuple[float, float | None]:
    found = re.search(_FLOW_LINE.format(label=re.escape(label)), text, re.MULTILINE)
    assert found, f"no {label!r} line in:\n{text}"
    value = float(machine_text(found.group(1)))
    mark = found.group(2)
    growth = None if mark in (None, "—") else float(machine_text(mark).rstrip("%"))
    return value, growth


def assert_matches_record(text: str, start: str, end: str) -> dict:
    """Every flow's figure and growth on screen equals range_record's, to one decimal."""
    wide = metrics.periods(load_dataset().trade)
    record = metrics.range_record(wide, start, end)
    labels = {
        "total": "Total trade",
        "export": "China's exports to Russia",
        "import": "China's imports from Russia",
    }
    for flow, label in labels.items():
        value, growth = flow_line(text, label)
        assert value == pytest.approx(round(record[flow], 1))
        expected = record[f"yoy_{flow}"]
        assert growth == (None if expected is None else pytest.approx(round(expected, 1)))
    balance, _ = flow_line(text, "Balance (exports − imports)")
    assert balance == pytest.approx(round(record["balance"], 1))
    side = "Russia's surplus" if record["balance"] < 0 else "China's surplus"
    assert side in text
    return record


def assert_events_listed(text: str, start: str, end: str) -> None:
    events = load_dataset().events.collect()
    inside = events.filter((pl.col("month") >= start) & (pl.col("month") <= end))
    assert inside.height
    flat = " ".join(text.split())
    for date, title in inside.select("start_date", "title").iter_rows():
        assert f"{date} {' '.join(title.split())}" in flat


async def test_s_on_september_2023_summarises_that_month() -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        main(pilot).go_to_month("2023-09")
        await settle(pilot)
        await press(pilot, "s")
        text = shown_text(pilot)
        record = assert_matches_record(text, "2023-09", "2023-09")
        # The published September figures the data layer reproduces.
        assert (round(record["total"], 1), round(record["yoy_total"], 1)) == (21.3, 12.8)
        assert "September 2023" in text
        assert_events_listed(text, "2023-09", "2023-09")
        # The months either side are listed under their own heading.
        assert "Events in the month before or after" in text
        assert_events_listed(text, "2023-10", "2023-10")


async def test_s_on_a_quarter_summarises_the_quarter() -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        main(pilot).set_granularity("quarter")
        main(pilot).go_to_month("2023-09")
        await settle(pilot)
        assert main(pilot).table.current_key == "2023-Q3"
        await press(pilot, "s")
        text = shown_text(pilot)
        assert_matches_record(text, "2023-07", "2023-09")
        assert "Jul–Sep 2023" in text
        assert_events_listed(text, "2023-07", "2023-09")


@pytest.mark.parametrize("granularity", ["year", "month"])
async def test_s_on_a_year_row_or_the_year_total_row_summarises_the_year(
    granularity: str,
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main(pilot)
        screen.set_granularity(granularity)
        screen.go_to_month("2023-06")
        await settle(pilot)
        if granularity == "month":
            await press(pilot, "end")  # the "2023 total" row
            assert screen.table.current_key is None
        else:
            assert screen.table.current_key == "2023"
        await press(pilot, "s")
        text = shown_text(pilot)
        record = assert_matches_record(text, "2023-01", "2023-12")
        # Computed from the data (GACC's own release said +26.3%).
        assert (round(record["total"], 1), round(record["yoy_total"], 1)) == (240.1, 26.2)
        assert "trade, 2023 (USD bn" in text


async def test_palette_range_summary() -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+p")
        await pilot.press(*"2023-01..2023-09")
        await settle(pilot)
        await press(pilot, "enter")
        text = shown_text(pilot)
        record = assert_matches_record(text, "2023-01", "2023-09")
        assert round(record["total"], 1) == 176.4
        assert "Jan–Sep 2023" in text


async def test_palette_summary_of_range_asks_for_the_range() -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+p")
        await pilot.press(*"Summary of range")
        await settle(pilot)
        await press(pilot, "enter")
        await pilot.press(*"2022-06..2023-05")
        await settle(pilot)
        await press(pilot, "enter")
        text = shown_text(pilot)
        assert_matches_record(text, "2022-06", "2023-05")
        assert "Jun 2022–May 2023" in text


async def test_palette_summary_of_a_year() -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+p")
        await pilot.press(*"Summary of 2022")
        await settle(pilot)
        await press(pilot, "enter")
        assert_matches_record(shown_text(pilot), "2022-01", "2022-12")


async def test_palette_range_cutting_jan_feb_is_refused_with_the_reason() -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+p")
        await pilot.press(*"2024-02..2024-05")
        await settle(pilot)
        await press(pilot, "enter")
        assert isinstance(pilot.app.screen, MainScreen)
        messages = [n.message for n in pilot.app._notifications]
        assert any("falls inside the combined period Jan–Feb 2024" in m for m in messages)
        assert not any("--from" in m for m in messages)


@pytest.mark.parametrize("key", ["escape", "q", "s"])
async def test_escape_q_and_s_close_the_summary(key: str) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "s")
        assert isinstance(pilot.app.screen, SummaryScreen)
        await press(pilot, key)
        assert isinstance(pilot.app.screen, MainScreen)
        assert pilot.app.is_running


async def test_s_on_the_month_screen_summarises_the_month_shown() -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        main(pilot).go_to_month("2023-09")
        await settle(pilot)
        await press(pilot, "enter", "right")  # October 2023
        assert isinstance(pilot.app.screen, MonthScreen)
        await press(pilot, "s")
        text = shown_text(pilot)
        assert_matches_record(text, "2023-10", "2023-10")
        assert "October 2023" in text
        await press(pilot, "escape")
        assert isinstance(pilot.app.screen, MonthScreen)


def dataset_with_title(tmp_path: Path, title: str) -> Path:
    """A copy of the embedded data whose first September 2023 event has ``title``."""
    folder = tmp_path / "data"
    folder.mkdir()
    for name in ("trade_monthly.csv", "events.csv", "commodities.csv", "published_figures.csv"):
        shutil.copy(DATA / name, folder / name)
    events = pl.read_csv(folder / "events.csv", infer_schema=False)
    first = events.with_row_index().filter(pl.col("start_date").str.starts_with("2023-09"))
    index = first["index"][0]
    events = events.with_columns(
        title=pl.when(pl.int_range(pl.len()) == index).then(pl.lit(title)).otherwise("title")
    )
    events.write_csv(folder / "events.csv")
    return folder


async def test_markup_in_an_event_title_is_shown_literally(tmp_path: Path) -> None:
    title = "[bold red]Port[/] deal [link=x]signed[/link]"
    async with make_app(dataset_with_title(tmp_path, title)).run_test(size=SIZE) as pilot:
        await settle(pilot)
        main(pilot).go_to_month("2023-09")
        await settle(pilot)
        await press(pilot, "s")
        assert title in shown_text(pilot)
