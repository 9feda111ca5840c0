"""Pilot tests: the pair asked for (or China–Russia) shows before the rest is read."""

from __future__ import annotations

import threading
from pathlib import Path

import polars as pl

from piloting import main, press, settle
from tradetui.app import make_app
from tradetui.data import load as load_module
from tradetui.screens.main import MainScreen
from tradetui.screens.pairs import PairScreen

SIZE = (120, 40)


def write_comtrade_parquet(path: Path) -> Path:
    """USA→DEU the largest pair; CHN→RUS, RUS→CHN and KAZ→CHN smaller."""
    rows = []
    for period in (202301, 202302, 202303):
        for reporter, partner, bn in (
            ("USA", "DEU", 50.0),
            ("CHN", "RUS", 10.0),
            ("RUS", "CHN", 9.0),
            ("KAZ", "CHN", 1.0),
        ):
            for flow in ("X", "M"):
                for code, share in (("27", 0.75), ("87", 0.25)):
                    rows.append((period, reporter, partner, flow, code, bn * share * 1e9))
    columns = ["period", "reporterISO", "partnerISO", "flowCode", "cmdCode", "primaryValue"]
    pl.DataFrame(rows, schema=columns, orient="row").write_parquet(path)
    return path


def record_loads(monkeypatch) -> list[tuple[bool, str | None, str | None, int]]:
    seen: list[tuple[bool, str | None, str | None, int]] = []
    handler = MainScreen.on_data_loaded

    def recording(self, message):
        loaded = message.loaded
        seen.append((loaded.dataset.partial, loaded.reporter, loaded.partner, loaded.pairs.height))
        handler(self, message)

    monkeypatch.setattr(MainScreen, "on_data_loaded", recording)
    return seen


async def test_the_pair_asked_for_shows_first_then_all_pairs(tmp_path, monkeypatch):
    seen = record_loads(monkeypatch)
    app = make_app(write_comtrade_parquet(tmp_path / "c.parquet"), pair=("KAZ", "CHN"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert seen == [(True, "KAZ", "CHN", 1), (False, "KAZ", "CHN", 4)]
        screen = main(pilot)
        assert not screen.loaded.dataset.partial
        assert screen.loaded.wide["export"].to_list() == [1.0, 1.0, 1.0]


async def test_china_russia_first_when_no_pair_is_asked(tmp_path, monkeypatch):
    seen = record_loads(monkeypatch)
    app = make_app(write_comtrade_parquet(tmp_path / "c.parquet"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        # Shown first and kept, though USA→DEU is larger: the picker offers it.
        assert seen == [(True, "CHN", "RUS", 2), (False, "CHN", "RUS", 4)]
        assert main(pilot).loaded.mirror is not None  # both directions were read first


async def test_the_picker_says_the_ranking_is_still_running(tmp_path, monkeypatch):
    release = threading.Event()
    full = load_module.load_dataset

    def slow(*args, **kwargs):
        assert release.wait(30), "the test never released the full read"
        return full(*args, **kwargs)

    monkeypatch.setattr(load_module, "load_dataset", slow)
    app = make_app(write_comtrade_parquet(tmp_path / "c.parquet"), pair=("CHN", "RUS"))
    async with app.run_test(size=SIZE) as pilot:
        screen = None
        for _ in range(400):  # the first pair's table arrives while the full read waits
            await pilot.pause(0.01)
            if isinstance(pilot.app.screen_stack[0], MainScreen):
                screen = pilot.app.screen_stack[0]
                if screen.loaded is not None:
                    break
        assert screen is not None and screen.loaded is not None
        assert screen.loaded.dataset.partial
        assert screen.table.row_count > 0
        await pilot.press("p")
        await pilot.pause()
        picker = pilot.app.screen
        assert isinstance(picker, PairScreen)
        assert "still reading the others" in str(picker.query_one("#pair-list").border_title)
        assert len(picker.choices) == 2
        await pilot.press("escape")
        release.set()
        await settle(pilot)
        assert not main(pilot).loaded.dataset.partial
        assert main(pilot).loaded.pairs.height == 4


async def test_a_pair_not_in_the_data_falls_back_to_the_largest(tmp_path, monkeypatch):
    seen = record_loads(monkeypatch)
    app = make_app(write_comtrade_parquet(tmp_path / "c.parquet"), pair=("FRA", "ITA"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert seen == [(False, "USA", "DEU", 4)]
        messages = [n.message for n in pilot.app._notifications]
        assert any("No trade for FRA→ITA" in m for m in messages)
        await press(pilot, "p")
        assert "still reading" not in str(pilot.app.screen.query_one("#pair-list").border_title)
