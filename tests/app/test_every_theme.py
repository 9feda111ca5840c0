"""Every theme the palette offers draws every screen: the ANSI themes' colours included."""

from __future__ import annotations

from dataclasses import replace

import polars as pl
from textual.pilot import Pilot
from textual.theme import BUILTIN_THEMES

from piloting import press, settle
from tradetui.app import make_app
from tradetui.config import Config
from tradetui.data.schema import DETAIL_COLUMNS
from tradetui.screens.claims import ClaimsScreen
from tradetui.screens.commodities import CommodityScreen
from tradetui.screens.data_info import DataInfoScreen
from tradetui.screens.export import ExportScreen
from tradetui.screens.help import HelpScreen
from tradetui.screens.main import MainScreen
from tradetui.screens.month import MonthScreen
from tradetui.screens.open_data import OpenDataScreen
from tradetui.screens.summary import SummaryScreen
from tradetui.widgets.chart import theme_colour

SIZE = (120, 40)
# A few HS rows so that the month screen offers its commodities (c).
DETAIL = pl.LazyFrame(
    [
        ("2023-09", "CHN", "RUS", "export", "870323", 3.0, None),
        ("2023-09", "CHN", "RUS", "import", "270900", 6.0, None),
        ("2022-09", "CHN", "RUS", "export", "870323", 1.0, None),
    ],
    schema=DETAIL_COLUMNS,
    orient="row",
)


async def walk_screens(pilot: Pilot, dialogs: bool = False) -> None:
    """Open each screen from the explorer (and its dialogs too), let it draw, go back."""
    app = pilot.app
    screens = [("question_mark", HelpScreen), ("s", SummaryScreen)]
    if dialogs:
        screens += [("i", DataInfoScreen), ("e", ExportScreen), ("ctrl+o", OpenDataScreen)]
    for key, screen_type in screens:
        await press(pilot, key)
        assert isinstance(app.screen, screen_type), key
        await press(pilot, "escape")
    await press(pilot, "5")
    assert isinstance(app.screen, ClaimsScreen)
    await press(pilot, "escape")
    loaded = app.main_screen.loaded
    app.push_screen(MonthScreen(replace(loaded.dataset, detail=DETAIL), loaded.wide, "2023-09"))
    await settle(pilot)
    assert isinstance(app.screen, MonthScreen)
    await press(pilot, "c")
    assert isinstance(app.screen, CommodityScreen)
    await press(pilot, "escape", "escape")
    assert isinstance(app.screen, MainScreen)


async def test_every_theme_draws_every_screen() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        offered = sorted(app.available_themes)
        assert {"ansi-dark", "ansi-light", "textual-light"} <= set(offered)
        for name in offered:
            app.theme = name  # as the palette's theme list sets it
            await settle(pilot)
            # The dialogs use the same colours; the ANSI themes' differ most.
            await walk_screens(pilot, dialogs=name.startswith("ansi"))
            assert app.theme == name


async def test_an_ansi_theme_at_start_draws_the_explorer() -> None:
    # `tradetui --theme ansi-dark`: the chart's colours are the terminal's own.
    app = make_app(settings=Config(theme="ansi-dark"))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        assert app.theme == "ansi-dark"
        assert isinstance(app.screen, MainScreen)
        chart = app.main_screen.chart
        assert theme_colour(chart, "foreground-muted") == "dim default"
        assert theme_colour(chart, "error") == "color(1)"
        assert not app._notifications


async def test_translucent_theme_colours_are_blended_onto_the_background() -> None:
    app = make_app(settings=Config(theme="textual-dark"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        muted = theme_colour(app.main_screen.chart, "foreground-muted")
        assert muted.startswith("#") and len(muted) == 7
        assert muted != BUILTIN_THEMES["textual-dark"].foreground
