"""One error path for workers: a DataError is one line on screen; anything else is logged
and named in one line; either way the app goes on."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from piloting import press, settle
from tradetui.app import make_app
from tradetui.data.errors import DataError
from tradetui.screens import main as main_screen
from tradetui.screens import summary
from tradetui.screens.main import MainScreen
from tradetui.screens.summary import SummaryScreen
from tradetui.worker_errors import error_line


@pytest.fixture
def logs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The crash logs' folder: these tests write logs on purpose."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    return tmp_path / "state" / "tradetui" / "log"


def _notices(pilot: Pilot) -> list[str]:
    return [n.message for n in pilot.app._notifications]


def _boom(*args: object, **kwargs: object) -> None:
    raise ValueError("a bug in the summary")


def test_a_data_error_is_its_own_line_and_no_log(logs: Path) -> None:
    assert error_line(DataError("trade.csv: line 3: found 'x'")) == "trade.csv: line 3: found 'x'"
    assert not logs.exists()


def test_anything_else_is_logged_and_named(logs: Path) -> None:
    line = error_line(ValueError("bad\nthing"))
    [log] = logs.glob("crash-*.log")
    assert line == f"unexpected error: ValueError: bad (details in {log})"
    assert "ValueError: bad" in log.read_text()


async def test_a_caught_surprise_shows_on_its_screen_and_the_app_goes_on(
    logs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(summary, "summarise", _boom)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "s")
        screen = app.screen
        assert isinstance(screen, SummaryScreen)
        assert "unexpected error: ValueError: a bug in the summary (details in" in screen.text
        [log] = logs.glob("crash-*.log")
        assert str(log) in screen.text
        await press(pilot, "escape", "down")
        assert isinstance(app.screen, MainScreen)
        assert app.is_running


async def test_an_uncaught_error_in_any_worker_is_a_notice_not_the_end(
    logs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_load(*args: object, **kwargs: object) -> None:
        raise KeyError("pair")

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        # A worker of Textual's kind that catches nothing: its error reaches the app.
        pilot.app.run_worker(broken_load, thread=True)
        await settle(pilot)
        assert app.is_running
        [log] = logs.glob("crash-*.log")
        assert f"unexpected error: KeyError: 'pair' (details in {log})" in _notices(pilot)
        monkeypatch.setattr(main_screen.state, "load", broken_load)
        app.run_worker(lambda: (_ for _ in ()).throw(DataError("one line")), thread=True)
        await settle(pilot)
        assert "one line" in _notices(pilot)
        assert len(list(logs.glob("crash-*.log"))) == 1  # a DataError is no crash
        await press(pilot, "g")
        assert app.main_screen.granularity == "quarter"  # still answering keys
