"""Command palette provider: the explorer's actions, found by typing (ctrl+p)."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from tradetui.data.chart import chart_range_title, range_choices
from tradetui.data.errors import DataError
from tradetui.data.summary import resolve_range
from tradetui.keys import key, keys
from tradetui.palette import CommandPalette
from tradetui.state import GRANULARITIES, pair_label

if TYPE_CHECKING:
    from tradetui.app import TradeApp

_MONTH = re.compile(r"^\s*([0-9]{4})-(0[1-9]|1[0-2])\s*$", re.ASCII)
# A range of months, "2023-01..2023-09" (also "2023-01 to 2023-09" or with a dash).
_RANGE = re.compile(r"^\s*([0-9]{4}-[0-9]{2})\s*(?:\.\.|to|–|—|-)\s*([0-9]{4}-[0-9]{2})\s*$")


def literal(name: str, matcher: Matcher | None = None) -> Content:
    """A command's name as plain text, the query's letters highlighted.

    The palette reads a str (and Matcher.highlight its candidate) as markup; a pair's name
    is data, where '[/]' would raise and '[bold]' would restyle.
    """
    content = Content(name)
    if matcher is None:
        return content
    score, offsets = matcher.fuzzy_search.match(matcher.query, name)
    for offset in offsets if score else ():
        if not name[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


def summary_range_hit(app: TradeApp, query: str) -> Hit | None:
    """'Summary of 2023-01..2023-09' for a typed range; a range the data cannot give says why."""
    found = _RANGE.match(query)
    loaded = app.loaded
    if not found or loaded is None:
        return None
    text = f"{found.group(1)}..{found.group(2)}"
    try:
        start, end = resolve_range(loaded.wide, found.group(1), found.group(2), ("from", "to"))
    except DataError as error:
        reason = str(error)
        return Hit(
            1.0,
            f"Summary of {text}",
            partial(app.notify, reason, title="Cannot summarise", severity="warning", markup=False),
            help=f"Cannot summarise: {reason}",
        )
    return Hit(
        1.0,
        f"Summary of {text}",
        partial(app.main_screen.open_summary, start, end),
        help=f"A short brief of {start} to {end}",
    )


class SummaryRangeCommands(Provider):
    """The palette opened by "Summary of range…": type a range of months."""

    def years(self) -> list[tuple[str, Callable[[], object]]]:
        app = cast("TradeApp", self.app)
        out: list[tuple[str, Callable[[], object]]] = []
        for year in app.years:
            span = app.main_screen.year_range(year)
            if span:
                out.append(
                    (
                        f"Summary of {span[0]}..{span[1]}",
                        partial(app.main_screen.open_summary, *span),
                    )
                )
        return out

    async def discover(self) -> Hits:
        # The placeholder says how to type another range.
        for name, callback in self.years():
            yield DiscoveryHit(name, callback)

    async def search(self, query: str) -> Hits:
        hit = summary_range_hit(cast("TradeApp", self.app), query)
        if hit is not None:
            yield hit
            return
        matcher = self.matcher(query)
        for name, callback in self.years():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback)


def ask_summary_range(app: TradeApp) -> None:
    app.push_screen(
        CommandPalette(
            providers=[SummaryRangeCommands],
            placeholder="A range of months, e.g. 2023-01..2023-09",
        )
    )


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
        main = app.main_screen
        out += [
            (
                f"Summary of {year}",
                f"A short brief of {year} ({key(app, 'main.summary')} on a trade table row)",
                partial(main.open_summary, *span),
            )
            for year in app.years
            if (span := main.year_range(year))
        ]
        out.append(
            (
                "Summary of range…",
                "A short brief of a range of months: type e.g. 2023-01..2023-09",
                partial(ask_summary_range, app),
            )
        )
        out += [
            (
                f"Granularity: {grain}",
                f"One trade table row per {grain}",
                partial(app.set_granularity, grain),
            )
            for grain in GRANULARITIES
        ]
        out += [
            (
                "Focus trade table",
                f"Trade table (key {key(app, 'main.focus_trade')})",
                partial(app.focus_pane, "trade-table"),
            ),
            (
                "Focus timeline",
                f"Event timeline (key {key(app, 'main.focus_timeline')})",
                partial(app.focus_pane, "timeline"),
            ),
            (
                "Focus metrics",
                f"Metrics panel (key {key(app, 'main.focus_metrics')})",
                partial(app.focus_pane, "metrics"),
            ),
            (
                "Focus chart",
                f"Trade chart (key {key(app, 'main.focus_chart')})",
                partial(app.focus_pane, "chart"),
            ),
            (
                "Check claims",
                f"Published figures against the data (key {key(app, 'main.claims')})",
                app.check_claims,
            ),
            (
                "Check an article…",
                "Paste a news article or open a file: each trade figure marked right or wrong "
                f"({key(app, 'main.article')})",
                app.check_article,
            ),
        ]
        out += [
            (
                f"Chart range: {chart_range_title(spec)}",
                f"Draw {chart_range_title(spec)} in the trade chart "
                f"({key(app, 'chart.range')} in the chart)",
                partial(app.set_chart_range, spec),
            )
            for spec in range_choices(app.years)
        ]
        loaded = app.loaded
        if loaded is not None and loaded.pairs.height > 1:
            out.append(
                (
                    "Choose pair…",
                    f"Pick the reporter–partner pair to show ({key(app, 'main.pair')})",
                    app.pick_pair,
                )
            )
            out += [
                (
                    f"Pair: {pair_label(row['reporter'], row['partner'])}",
                    f"Show this pair ({app.number_format.with_unit(row['value'])} in the data)",
                    partial(app.show_pair, row["reporter"], row["partner"]),
                )
                for row in loaded.pairs.iter_rows(named=True)
            ]
        out.append(
            (
                "Open data…",
                f"Open a dataset folder, Comtrade export or trade file ({key(app, 'main.open')})",
                app.open_data,
            )
        )
        out.append(
            (
                "Export view…",
                "Write the trade table on show to CSV, Parquet, JSON or Markdown "
                f"({key(app, 'main.export')})",
                app.export_view,
            )
        )
        out += [
            (
                "Help",
                "Show the keys of the focused pane and the app "
                f"({keys(app, 'app.help', 'app.help_f1')})",
                app.action_help,
            ),
            ("Quit", f"Quit tradetui ({key(app, 'app.quit')})", app.exit),
        ]
        return out

    async def discover(self) -> Hits:
        for name, help_text, callback in self.commands():
            yield DiscoveryHit(literal(name), callback, text=name, help=help_text)

    async def search(self, query: str) -> Hits:
        summary = summary_range_hit(self.trade_app, query)
        if summary is not None:
            yield summary
        month = _MONTH.match(query)
        if month:
            text = f"{month.group(1)}-{month.group(2)}"
            yield Hit(
                1.0,
                f"Go to {text}",
                # A month asked for by name is shown as a month, whatever the table's rows.
                partial(self.trade_app.go_to_month, text, "month"),
                help=f"Move the trade table to {text}",
            )
        matcher = self.matcher(query)
        for name, help_text, callback in self.commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, literal(name, matcher), callback, text=name, help=help_text)
