"""Pilot tests of the month screen: what it shows, stepping between periods, leaving it."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widgets import Static

from piloting import press, settle
from tradetui.app import make_app
from tradetui.data import metrics
from tradetui.data.load import load_dataset
from tradetui.data.periods import period_label
from tradetui.screens.month import MonthScreen

DATA = Path(__file__).resolve().parents[2] / "data"


async def open_month(
    pilot: Pilot, period_start: str, dismissed: list[str] | None = None
) -> MonthScreen:
    """Open the month screen over the app's loaded data, as the main screen does on enter.

    With ``dismissed``, the screen is pushed directly and its result is collected there.
    """
    await settle(pilot)
    app = pilot.app
    if dismissed is None:
        app.go_to_month(period_start)
        await press(pilot, "enter")
    else:
        loaded = app.main_screen.loaded
        screen = MonthScreen(loaded.dataset, loaded.wide, period_start)
        app.push_screen(screen, callback=dismissed.append)
        await settle(pilot)
    return month_screen(pilot)


def shown_text(pilot: Pilot, selector: str) -> str:
    """The text a widget of the month screen renders, as the terminal shows it."""
    widget = pilot.app.screen.query_one(selector, Static)
    lines = widget.render_lines(Region(0, 0, widget.size.width, widget.size.height))
    return "\n".join(line.text.rstrip() for line in lines)


def month_screen(pilot: Pilot) -> MonthScreen:
    screen = pilot.app.screen
    assert isinstance(screen, MonthScreen)
    return screen


async def test_enter_on_september_2023_opens_its_month_screen() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_month(pilot, "2023-09")
        assert screen.title == "September 2023 (2023-09)"
        assert "September 2023 (2023-09)" in shown_text(pilot, "#month-heading")
        flows = shown_text(pilot, "#month-flows")
        for figure in ("9.6", "11.6", "21.3", "−2.0", "176.4"):
            assert figure in flows
        assert "China deficit (Russia surplus)" in flows


async def test_september_2023_lists_its_events_and_sources() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_month(pilot, "2023-09")
        events = shown_text(pilot, "#month-events")
        assert "Eastern Economic Forum 2023" in events
        assert "Putin receives Wang Yi in Moscow" in events
        sources = shown_text(pilot, "#month-sources")
        assert "g0346" in sources
        assert "YTD difference" in sources


async def test_right_steps_to_october_and_left_twice_to_august() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_month(pilot, "2023-09")
        await press(pilot, "right")
        assert month_screen(pilot).title == "October 2023 (2023-10)"
        await press(pilot, "left", "left")
        assert month_screen(pilot).title == "August 2023 (2023-08)"
        assert "August 2023 (2023-08)" in shown_text(pilot, "#month-heading")


async def test_n_and_p_step_like_right_and_left() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_month(pilot, "2023-09")
        await press(pilot, "n")
        assert month_screen(pilot).title == "October 2023 (2023-10)"
        await press(pilot, "p", "p")
        assert month_screen(pilot).title == "August 2023 (2023-08)"


async def test_right_from_december_opens_the_combined_jan_feb_period_and_back() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_month(pilot, "2023-12")
        await press(pilot, "right")
        assert month_screen(pilot).title == "January–February 2024 (2024-01..2024-02)"
        assert "2024-01" in shown_text(pilot, "#month-other-years")
        await press(pilot, "left")
        assert month_screen(pilot).title == "December 2023 (2023-12)"


@pytest.mark.parametrize(("edge", "key", "word"), [(0, "left", "first"), (-1, "right", "last")])
async def test_at_either_end_a_notice_and_the_screen_stays(edge: int, key: str, word: str) -> None:
    wide = metrics.periods(load_dataset().trade).sort("period_start")
    row = wide.row(edge, named=True)
    app = make_app()
    notices: list[str] = []
    async with app.run_test(size=(120, 40)) as pilot:
        title = (await open_month(pilot, row["period_start"])).title
        notify = app.notify

        def record(message: str, **kwargs) -> None:
            notices.append(message)
            notify(message, **kwargs)

        app.notify = record
        await press(pilot, key)
        assert month_screen(pilot).title == title
        label = period_label(row["period_start"], row["period_end"])
        assert notices == [f"{label} is the {word} period in the data"]


@pytest.mark.parametrize("key", ["escape", "backspace", "q"])
async def test_leaving_dismisses_with_the_period_last_shown(key: str) -> None:
    app = make_app()
    dismissed: list[str] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await open_month(pilot, "2023-09", dismissed)
        await press(pilot, "right", "right")
        await press(pilot, key)
        assert not isinstance(app.screen, MonthScreen)
        assert dismissed == ["2023-11"]


async def test_escape_returns_to_the_main_table_on_the_period_last_shown() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_month(pilot, "2023-09")
        await press(pilot, "right", "right", "escape")
        assert app.screen is app.main_screen
        assert app.main_screen.current_row()["period_start"] == "2023-11"


async def test_a_month_without_figures_shows_dashes_not_zeros() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_month(pilot, "2021-03")
        flows = shown_text(pilot, "#month-flows")
        export_line = next(line for line in flows.splitlines() if line.strip().startswith("Export"))
        assert "—" in export_line
        assert "0.0" not in export_line
        assert "missing, not zero" in flows


async def test_markup_in_an_event_title_is_shown_literally(tmp_path: Path) -> None:
    for name in ("trade_monthly.csv", "published_figures.csv", "commodities.csv", "events.csv"):
        shutil.copy(DATA / name, tmp_path / name)
    with (tmp_path / "events.csv").open("a", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerow(
            ["e999", "2023-09-15", "", "other", "[bold]Talks[/bold] on [link=x]rail[/link]",
             "Harbin", "", "", "https://example.org/[x]", "Source [i]one[/i]"]
        )  # fmt: skip
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_month(pilot, "2023-09")
        events = shown_text(pilot, "#month-events")
        assert "[bold]Talks[/bold] on [link=x]rail[/link]" in events
        assert "Source [i]one[/i]" in events
        assert "https://example.org/[x]" in events
