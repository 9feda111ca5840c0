"""The first frame comes before the data: panes show a loading indicator until the worker ends."""

from __future__ import annotations

import threading

import pytest

from tradetui.app import make_app
from tradetui.data.load import load_dataset
from tradetui.screens import main as main_module
from tradetui.widgets.trade_table import TradeTable

PANES = ("#trade-table", "#timeline", "#metrics")


async def test_panes_show_loading_until_the_worker_posts_the_data(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    release = threading.Event()

    def slow_load(path=None):
        # Holds the worker until the test has looked at the first frame.
        release.wait(timeout=30)
        return load_dataset(path)

    monkeypatch.setattr(main_module, "load_dataset", slow_load)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        table = app.screen.query_one(TradeTable)
        # `loading` is what covers a widget with Textual's LoadingIndicator.
        assert all(app.screen.query_one(pane).loading for pane in PANES)
        assert table.row_count == 0
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not any(app.screen.query_one(pane).loading for pane in PANES)
        assert table.row_count > 0
