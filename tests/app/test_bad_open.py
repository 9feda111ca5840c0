"""Pilot tests: opening bad data (ctrl+o) shows its one line and keeps the data shown usable."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from piloting import main, press, settle
from tradetui.app import make_app
from tradetui.data.errors import DataError
from tradetui.data.load import load_dataset
from tradetui.screens.main import MainScreen
from tradetui.screens.month import MonthScreen
from tradetui.screens.open_data import OpenDataScreen
from tradetui.widgets.load_progress import LoadProgress

SIZE = (120, 40)
BAD = Path(__file__).resolve().parents[1] / "data" / "bad"

# One of each kind: not text, a bad cell in each layout, a broken CSV, a damaged
# Parquet file, a bad companion table of a dataset folder, control characters.
CASES = [
    "binary-junk.csv",
    "period-2023-13.csv",
    "comtrade-value-1e308.csv",
    "gacc-kind-unknown.csv",
    "unclosed-quote.csv",
    "not-parquet.parquet",
    "parquet-polars-panics.parquet",
    "dataset-bad-events",
    "value-control-characters.csv",
]


def the_line(path: Path) -> str:
    """The one line the CLI prints for ``path`` (without its 'tradetui: error:' prefix)."""
    with pytest.raises(DataError) as caught:
        load_dataset(path)
    return str(caught.value)


async def open_path(pilot: Pilot, path: Path) -> None:
    await press(pilot, "ctrl+o")
    assert isinstance(pilot.app.screen, OpenDataScreen)
    pilot.app.screen.query_one(Input).value = str(path)
    await press(pilot, "enter")


async def assert_still_usable(pilot: Pilot, rows: int) -> None:
    """The trade table has its rows, and enter on it still opens a month."""
    screen = main(pilot)
    assert isinstance(pilot.app.screen, MainScreen)
    assert screen.table.row_count == rows
    await press(pilot, "1", "enter")
    assert isinstance(pilot.app.screen, MonthScreen)
    await press(pilot, "escape")
    assert isinstance(pilot.app.screen, MainScreen)


async def test_bad_data_shows_its_line_and_keeps_the_data_shown() -> None:
    # One session for every case: each open must leave the same data, still usable.
    lines = {name: the_line(BAD / name) for name in CASES}
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        before = main(pilot).loaded
        assert before is not None
        rows = main(pilot).table.row_count
        assert rows > 0
        for name in CASES:
            await open_path(pilot, BAD / name)
            messages = [n.message for n in app._notifications]
            assert lines[name] in messages, (name, messages)
            assert all("\x1b" not in m and "Traceback" not in m for m in messages)
            assert main(pilot).loaded is before, name
            assert main(pilot).data is None  # still the embedded data
            await assert_still_usable(pilot, rows)


async def test_several_bad_files_in_a_row_then_a_good_one(tmp_path: Path) -> None:
    good = tmp_path / "trade.csv"
    good.write_text(
        "period_start,period_end,reporter,partner,flow,value,unit\n"
        "2023-03,2023-03,CHN,KAZ,export,2.0,USD bn\n"
        "2023-03,2023-03,CHN,KAZ,import,1.0,USD bn\n"
    )
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        before = main(pilot).loaded
        rows = main(pilot).table.row_count
        for name in ("empty.csv", "extra-field-in-row.csv", "value-nan.csv"):
            await open_path(pilot, BAD / name)
            assert main(pilot).loaded is before
        failures = [n for n in app._notifications if n.title == "Could not open data"]
        assert len(failures) == 3
        await assert_still_usable(pilot, rows)
        await open_path(pilot, good)
        loaded = main(pilot).loaded
        assert loaded is not None and loaded is not before
        assert (loaded.reporter, loaded.partner) == ("CHN", "KAZ")


async def test_a_polars_panic_in_the_loader_ends_the_loading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A panic is a BaseException: the worker must still report it and clear the banner.
    from tradetui import state
    from tradetui.data.polars_errors import PANIC

    def panics(*args: object, **kwargs: object) -> None:
        raise PANIC("assertion failed: offset + length <= self.length")

    good = tmp_path / "trade.csv"
    good.write_text(
        "period_start,period_end,reporter,partner,flow,value,unit\n"
        "2023-03,2023-03,CHN,KAZ,export,2.0,USD bn\n"
    )
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        before = main(pilot).loaded
        monkeypatch.setattr(state, "load", panics)
        await open_path(pilot, good)
        await settle(pilot)
        messages = [n.message for n in app._notifications]
        assert any(
            "damaged data (polars failed on it: assertion failed: offset" in m for m in messages
        ), messages
        assert main(pilot).loaded is before
        assert main(pilot).reader is None
        assert main(pilot).query_one(LoadProgress).has_class("-hidden")


async def test_a_home_folder_of_no_user_is_said_in_the_dialog() -> None:
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        before = main(pilot).loaded
        await open_path(pilot, Path("~tradetui-no-such-user-x9/trade.csv"))
        messages = [n.message for n in app._notifications]
        assert any("names no user on this system" in m for m in messages), messages
        assert isinstance(app.screen, OpenDataScreen)  # still open, to correct the path
        await press(pilot, "escape")
        assert main(pilot).loaded is before


async def test_new_kinds_of_bad_data_are_one_line_in_the_explorer(tmp_path: Path) -> None:
    overlap = BAD / "overlap-combined-and-month.csv"
    year = BAD / "period-year-9999.csv"
    digits = BAD / "period-arabic-indic-digits.csv"
    lines = {path: the_line(path) for path in (overlap, year, digits)}
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        before = main(pilot).loaded
        rows = main(pilot).table.row_count
        for path, line in lines.items():
            await open_path(pilot, path)
            assert line in [n.message for n in app._notifications], path
            assert main(pilot).loaded is before
        await assert_still_usable(pilot, rows)
