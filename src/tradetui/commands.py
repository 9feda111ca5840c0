"""Command palette provider: the explorer's actions, found by typing (ctrl+p)."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from tradetui.state import GRANULARITIES

if TYPE_CHECKING:
    from tradetui.app import TradeApp

_MONTH = re.compile(r"^\s*(\d{4})-(0[1-9]|1[0-2])\s*$")


class TradeCommands(Provider):
    """Go to a year or a month, change granularity, focus a pane, help and quit."""

    @property
    def trade_app(self) -> TradeApp:
        return cast("TradeApp", self.app)

    def commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        app = self.trade_app
        out: list[tuple[str, str, Callable[[], object]]] = [
            (f"Go to year {year}", f"Show {year} in the trade table", partial(app.go_to_year, year))
            for year in app.years
        ]
        out += [
            (
                f"Granularity: {grain}",
                f"One trade table row per {grain}",
                partial(app.set_granularity, grain),
            )
            for grain in GRANULARITIES
        ]
        out += [
            ("Focus trade table", "Trade table (key 1)", partial(app.focus_pane, "trade-table")),
            ("Focus timeline", "Event timeline (key 2)", partial(app.focus_pane, "timeline")),
            ("Focus metrics", "Metrics panel (key 3)", partial(app.focus_pane, "metrics")),
            ("Help", "Show the keys of the focused pane and the app (? or f1)", app.action_help),
            ("Quit", "Quit tradetui (q)", app.exit),
        ]
        return out

    async def discover(self) -> Hits:
        for name, help_text, callback in self.commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        month = _MONTH.match(query)
        if month:
            text = f"{month.group(1)}-{month.group(2)}"
            yield Hit(
                1.0,
                f"Go to {text}",
                partial(self.trade_app.go_to_month, text),
                help=f"Move the trade table to {text}",
            )
        matcher = self.matcher(query)
        for name, help_text, callback in self.commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
