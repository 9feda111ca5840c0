"""Pilot tests: `e` exports the trade table on show, and asks before replacing a file."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal
from textual.pilot import Pilot
from textual.widgets import Input

from piloting import main, press, settle
from tradetui import state
from tradetui.app import make_app
from tradetui.data import export
from tradetui.screens.export import ConfirmOverwriteScreen, ExportScreen
from tradetui.screens.main import MainScreen

SIZE = (120, 40)
SCHEMA = pl.Schema(export.PERIOD_COLUMNS)


def shown_frame(pilot: Pilot) -> pl.DataFrame:
    """The trade table's rows as the main screen shows them, in the exported columns."""
    screen = main(pilot)
    loaded = screen.loaded
    assert loaded is not None
    rows = state.sort_rows(screen.rows, *(screen.sort or (None, False)))
    return export.period_frame(rows, screen.granularity, loaded.reporter, loaded.partner)


async def type_path(pilot: Pilot, name: str) -> None:
    """Type over the prefilled name (it is selected, so typing replaces it).

    The tests run in tmp_path, so a short name relative to it keeps the typing quick.
    """
    await pilot.press(*name)
    assert pilot.app.screen.query_one("#export-path", Input).value == name


def messages(pilot: Pilot) -> list[str]:
    return [n.message for n in pilot.app._notifications]


async def test_e_exports_the_rows_shown_and_asks_before_overwriting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "view.csv"
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        year = main(pilot).year
        await press(pilot, "e")
        assert isinstance(app.screen, ExportScreen)
        field = app.screen.query_one("#export-path", Input)
        assert field.value == f"tradetui-{year}-month.csv"
        assert field.has_focus
        await type_path(pilot, target.name)
        await press(pilot, "enter")

        assert isinstance(app.screen, MainScreen)
        months = shown_frame(pilot)
        assert months.height > 0
        assert_frame_equal(pl.read_csv(target, schema=SCHEMA), months, check_exact=True)
        assert f"Exported {months.height} rows to {target}" in messages(pilot)

        # Another view to the same file: the dialog asks, and n keeps the file as it was.
        await press(pilot, "g")
        assert main(pilot).granularity == "quarter"
        before = target.read_bytes()
        await press(pilot, "e")
        await type_path(pilot, target.name)
        await press(pilot, "enter")
        assert isinstance(app.screen, ConfirmOverwriteScreen)
        await press(pilot, "n")
        assert isinstance(app.screen, ExportScreen)
        assert target.read_bytes() == before

        # Asked again, y replaces it with the quarters on show.
        await press(pilot, "enter")
        assert isinstance(app.screen, ConfirmOverwriteScreen)
        await press(pilot, "y")
        assert isinstance(app.screen, MainScreen)
        quarters = shown_frame(pilot)
        assert_frame_equal(pl.read_csv(target, schema=SCHEMA), quarters, check_exact=True)
        assert pl.read_csv(target)["period"][0] == f"{year}-Q1"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["view.csv"]


async def test_escape_keeps_the_file_and_enter_in_the_dialog_overwrites(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "view.md"
    target.write_text("old\n")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "e")
        await type_path(pilot, target.name)
        await press(pilot, "enter", "escape")
        assert isinstance(app.screen, ExportScreen)
        assert target.read_text() == "old\n"
        await press(pilot, "escape")
        assert isinstance(app.screen, MainScreen)
        assert target.read_text() == "old\n"

        await press(pilot, "e")
        await type_path(pilot, target.name)
        await press(pilot, "enter", "enter")
        assert isinstance(app.screen, MainScreen)
        assert target.read_text(encoding="utf-8") == export.to_markdown(shown_frame(pilot))


async def test_bad_name_is_one_notification_and_the_dialog_stays(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await press(pilot, "e")
        await type_path(pilot, "view.xlsx")
        await press(pilot, "enter")
        assert isinstance(app.screen, ExportScreen)
        assert any("cannot tell the export format" in m for m in messages(pilot))

        missing = tmp_path / "no" / "view.json"
        await pilot.press("ctrl+u")
        await type_path(pilot, "no/view.json")
        await press(pilot, "enter")
        # The write failed on its worker: one line, the dialog is still there to fix the name.
        assert isinstance(app.screen, ExportScreen)
        assert f"Could not export: {missing}: no folder {missing.parent}" in messages(pilot)[-1]
        assert not app.screen.query_one("#export-path", Input).disabled
        assert list(tmp_path.iterdir()) == []


async def test_palette_exports_the_view(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "palette.parquet"
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+p")
        await pilot.press(*"Export view")
        await settle(pilot)
        await press(pilot, "enter")
        assert isinstance(app.screen, ExportScreen)
        await type_path(pilot, target.name)
        await press(pilot, "enter")
        assert_frame_equal(pl.read_parquet(target), shown_frame(pilot), check_exact=True)
