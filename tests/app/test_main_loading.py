"""The first frame comes before the data: panes show a loading indicator until the worker ends."""

from __future__ import annotations

import threading

import pytest
from textual.widgets import Static

from piloting import settle
from tradetui.app import make_app
from tradetui.data import load as load_module
from tradetui.data.progress import SILENT
from tradetui.screens import boot
from tradetui.screens import main as main_module
from tradetui.widgets.trade_table import TradeTable

PANES = ("#trade-table", "#timeline", "#metrics")


async def test_panes_show_loading_until_the_worker_posts_the_data(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    release = threading.Event()
    real_load = load_module.load_dataset

    def slow_load(path=None, progress=SILENT):
        # Holds the worker until the test has looked at the first frame.
        release.wait(timeout=30)
        return real_load(path, progress)

    # The boot screen starts the read (tradetui.preload); the explorer reads itself later.
    monkeypatch.setattr(load_module, "load_dataset", slow_load)
    monkeypatch.setattr(main_module, "load_dataset", slow_load)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        # The boot screen hands over to the explorer once its modules are imported.
        for _ in range(50):
            if isinstance(app.screen, main_module.MainScreen) and app.screen.query(TradeTable):
                break
            await pilot.pause()
        table = app.screen.query_one(TradeTable)
        # `loading` is what covers a widget with Textual's LoadingIndicator.
        assert all(app.screen.query_one(pane).loading for pane in PANES)
        assert table.row_count == 0
        release.set()
        await settle(pilot)
        assert not any(app.screen.query_one(pane).loading for pane in PANES)
        assert table.row_count > 0


async def test_the_boot_screen_is_drawn_before_the_explorer_is_imported(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    release = threading.Event()
    real_import = boot.importlib.import_module

    def slow_import(name: str):
        release.wait(timeout=30)
        return real_import(name)

    monkeypatch.setattr(boot.importlib, "import_module", slow_import)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, boot.BootScreen)
        assert "Loading" in str(app.screen.query_one("#boot-message", Static).content)
        release.set()
        await settle(pilot)
        assert isinstance(app.screen, main_module.MainScreen)
        assert app.screen.query_one(TradeTable).row_count > 0
