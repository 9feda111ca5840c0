"""Pilot tests: the pair picker, the mirror gap, opening other data, and cancelling a load."""

from __future__ import annotations

import threading
from pathlib import Path

import polars as pl
from textual.pilot import Pilot

from piloting import main, press, settle, shown
from tradetui.app import make_app
from tradetui.data import load as load_module
from tradetui.data.progress import Progress
from tradetui.screens.open_data import OpenDataScreen
from tradetui.screens.pairs import PairScreen

SIZE = (120, 40)


def write_pairs(path: Path) -> Path:
    """A trade table with three pairs: CHN→RUS (largest), its mirror RUS→CHN, CHN→KAZ."""
    rows = []
    for month in ("2023-01", "2023-02", "2023-03"):
        rows += [
            (month, "CHN", "RUS", "export", 8.0),
            (month, "CHN", "RUS", "import", 10.0),
            (month, "RUS", "CHN", "import", 7.5),
            (month, "RUS", "CHN", "export", 10.5),
            (month, "CHN", "KAZ", "export", 2.0),
            (month, "CHN", "KAZ", "import", 1.0),
        ]
    frame = pl.DataFrame(
        rows, schema=["period_start", "reporter", "partner", "flow", "value"], orient="row"
    ).with_columns(period_end=pl.col("period_start"), unit=pl.lit("USD bn"))
    frame.write_csv(path)
    return path


def shown_pair(pilot: Pilot) -> tuple[str | None, str | None]:
    loaded = main(pilot).loaded
    assert loaded is not None
    return loaded.reporter, loaded.partner


def metrics_text(pilot: Pilot) -> str:
    return shown(main(pilot).query_one("#metrics-period"))


async def test_opens_on_the_largest_pair_and_the_picker_switches(tmp_path: Path) -> None:
    app = make_app(write_pairs(tmp_path / "pairs.csv"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert shown_pair(pilot) == ("CHN", "RUS")
        await press(pilot, "p")
        assert isinstance(app.screen, PairScreen)
        # Largest first: CHN→RUS (shown), RUS→CHN, CHN→KAZ.
        await press(pilot, "down", "down", "enter")
        assert shown_pair(pilot) == ("CHN", "KAZ")
        assert "Kazakhstan" in str(main(pilot).table.border_title) or "Kazakhstan" in app.sub_title
        # Escape leaves the pair as it is.
        await press(pilot, "p", "escape")
        assert shown_pair(pilot) == ("CHN", "KAZ")


async def test_mirror_gap_is_shown_where_the_partner_reports(tmp_path: Path) -> None:
    app = make_app(write_pairs(tmp_path / "pairs.csv"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = metrics_text(pilot)
        assert "As Russia records it" in text
        assert "Russia imports from China" in text
        # 8.0 (China's record) − 7.5 (Russia's) = +0.5.
        assert "+0.5" in text


async def test_palette_lists_pairs(tmp_path: Path) -> None:
    app = make_app(write_pairs(tmp_path / "pairs.csv"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+p")
        for key in "Pair: Russia":
            await pilot.press(key)
        await settle(pilot)
        await press(pilot, "enter")
        assert shown_pair(pilot) == ("RUS", "CHN")


async def test_no_pair_key_with_one_pair() -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert main(pilot).check_action("pick_pair", ()) is False
        await press(pilot, "p")
        assert not isinstance(pilot.app.screen, PairScreen)


async def test_open_data_replaces_the_view_and_bad_data_keeps_it(tmp_path: Path) -> None:
    good = write_pairs(tmp_path / "pairs.csv")
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        before = main(pilot).loaded
        await press(pilot, "ctrl+o")
        assert isinstance(app.screen, OpenDataScreen)
        await pilot.click("#open-path")
        for key in str(tmp_path / "missing.csv"):
            await pilot.press(key)
        await press(pilot, "enter")
        # The bad path is one line; the embedded data is still on show and usable.
        assert main(pilot).loaded is before
        assert any("no such file" in n.message for n in app._notifications)
        await press(pilot, "ctrl+o")
        await pilot.click("#open-path")
        for key in str(good):
            await pilot.press(key)
        await press(pilot, "enter")
        assert shown_pair(pilot) == ("CHN", "RUS")
        assert main(pilot).loaded is not before


async def test_escape_cancels_a_load_and_keeps_the_data_shown(tmp_path: Path, monkeypatch) -> None:
    """A reader that waits between batches until cancelled, as a big file's reader does."""
    good = write_pairs(tmp_path / "pairs.csv")
    started = threading.Event()
    real_load = load_module.load_dataset

    def slow_load(path, progress: Progress = load_module.SILENT):
        if path == good:
            for done in range(1, 10_000):
                started.set()
                progress.step(done, 10_000, "rows")
                threading.Event().wait(0.01)
        return real_load(path, progress)

    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        before = main(pilot).loaded
        monkeypatch.setattr("tradetui.screens.main.load_dataset", slow_load)
        main(pilot).open_data(good)
        started.wait(5)
        await pilot.pause()
        progress = main(pilot).query_one("#load-progress")
        assert progress.display
        await pilot.press("escape")
        await settle(pilot)
        assert main(pilot).loaded is before
        assert not main(pilot).query_one("#load-progress").display
        assert any("cancelled" in n.message for n in app._notifications)


async def test_month_screen_follows_the_pair_and_shows_the_mirror(tmp_path: Path) -> None:
    from tradetui.screens.month import MonthScreen

    app = make_app(write_pairs(tmp_path / "pairs.csv"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "p", "down", "enter")
        assert shown_pair(pilot) == ("RUS", "CHN")
        await press(pilot, "enter")
        screen = app.screen
        assert isinstance(screen, MonthScreen)
        details = screen.details
        assert details is not None
        assert (details.reporter, details.partner) == ("RUS", "CHN")
        # Russia's own record first, China's beside it: 10.5 exported vs China's 10.0 imported.
        assert details.mirror is not None
        assert details.mirror["export"] == 10.5 and details.mirror["mirror_export"] == 10.0
        text = shown(screen.query_one("#month-flows"))
        assert "China's record" in text and "+0.5" in text


async def test_about_the_data_lists_layout_and_pairs(tmp_path: Path) -> None:
    from tradetui.screens.data_info import DataInfoScreen

    app = make_app(write_pairs(tmp_path / "pairs.csv"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "i")
        assert isinstance(app.screen, DataInfoScreen)
        text = shown(app.screen.query_one("#info-text"))
        assert "tradetui trade table" in text
        assert "Pairs in the data: 3" in text
        await press(pilot, "escape")
        assert not isinstance(app.screen, DataInfoScreen)


async def test_escape_on_the_first_load_falls_back_to_the_embedded_data(
    tmp_path: Path, monkeypatch
) -> None:
    """`tradetui --data BIG` then escape while it is read: the embedded data opens instead."""
    big = write_pairs(tmp_path / "big.csv")
    real_load = load_module.load_dataset

    def slow_load(path, progress: Progress = load_module.SILENT):
        if path == big:
            for done in range(1, 100_000):
                progress.step(done, None, "rows")
                threading.Event().wait(0.01)
        return real_load(path, progress)

    # The boot screen starts the read (tradetui.preload), the explorer takes it over.
    monkeypatch.setattr(load_module, "load_dataset", slow_load)
    app = make_app(big)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        for _ in range(200):
            await pilot.pause(0.02)
            screen = pilot.app.screen_stack[0]
            if getattr(screen, "is_loading", False):
                break
        assert main(pilot).is_loading
        await pilot.pause(0.1)
        assert "rows" in shown(main(pilot).query_one("#load-progress-label"))
        await pilot.press("escape")
        await settle(pilot)
        loaded = main(pilot).loaded
        assert loaded is not None and "embedded" in loaded.dataset.origin
        assert any("embedded dataset instead" in n.message for n in app._notifications)
