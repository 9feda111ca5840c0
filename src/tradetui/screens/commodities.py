"""The commodity drill-down: one HS level of one month, pair and flow, as a stack of screens.

``enter`` on a chapter pushes its headings, on a heading its subheadings; ``escape`` pops
one level. The flow and the sort are shared by every level of one drill-down.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

import polars as pl
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.coordinate import Coordinate
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Sparkline, Static
from textual.worker import WorkerState

from tradetui import keys as bound
from tradetui.data import hs, schema
from tradetui.data.countries import country_name
from tradetui.data.errors import DataError
from tradetui.data.periods import (
    MONTH_NAMES,
    add_months,
    month_key,
    parse_month,
    short_period_name,
)
from tradetui.data.polars_errors import READ_ERRORS, reason
from tradetui.data.progress import Cancelled
from tradetui.data.text import visible
from tradetui.present.format import MISSING, Format
from tradetui.screens.shown import SetUpWhenShown
from tradetui.widgets.table import Table
from tradetui.worker_errors import error_line

if TYPE_CHECKING:
    from tradetui.data.engine import Aggregates

FLOW_CYCLE = (schema.EXPORT, schema.IMPORT, schema.TOTAL)
TREND = "trend"  # the sparkline column's key; it does not sort
COLUMNS = ("code", "name", "value", "share", "yoy", TREND)
CHILDREN = {2: "chapters", 4: "headings", 6: "subheadings"}
FIXED_WIDTHS = {"code": 6, "value": 9, "share": 6, "yoy": 9}
NAME_MIN = 14
CELL_PADDING = 2  # DataTable's cell padding, one column either side
# Table border and vertical scrollbar.
TABLE_CHROME = 4
TREND_LABEL = len("Oct 22–Sep 23")


@dataclass
class Drill:
    """What every level of one drill-down shares: the flow shown and the sort."""

    flow: str = schema.EXPORT
    sort: tuple[str, bool] = field(default=("value", True))


def flow_phrase(flow: str, reporter: str, partner: str) -> str:
    """'China → Russia exports', 'Russia → China imports', 'China ↔ Russia total trade'."""
    r, p = country_name(reporter), country_name(partner)
    if flow == schema.EXPORT:
        return f"{r} → {p} exports"
    if flow == schema.IMPORT:
        return f"{p} → {r} imports"
    return f"{r} ↔ {p} total trade"


def short(text: str | None, width: int) -> str:
    """A name from the data cut to ``width``, its control characters shown as marks."""
    text = visible(text)
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def unit_for(values: pl.Series, fmt: Format) -> tuple[str, float]:
    """USD bn when every listed value is at least 1 bn, else USD mn; always USD mn when
    that is the explorer's unit."""
    positive = values.drop_nulls().abs().filter(values.drop_nulls().abs() > 0)
    if fmt.unit == "bn" and positive.len() and positive.min() >= 1.0:  # type: ignore[operator]
        return "USD bn", 1.0
    return "USD mn", 1000.0


def value_text(value: float | None, factor: float, fmt: Format) -> str:
    """One decimal in the level's unit; a value too small for that shows as '<0.1'."""
    if value is None:
        return MISSING
    scaled = value * factor
    if 0 < abs(scaled) < 0.05:
        return "<0.1" if scaled > 0 else f"{fmt.minus}<0.1"
    return fmt.number(scaled)


def column_widths(width: int, months: int, level: int = 6) -> tuple[dict[str, int], int]:
    """Column widths, and how many months of bars to show (the last 12 if tight).

    Numbers are fixed; the name takes what is left.
    """
    fixed_widths = {**FIXED_WIDTHS, "code": max(level, len("Code"))}
    fixed = sum(fixed_widths.values()) + CELL_PADDING * len(COLUMNS) + TABLE_CHROME
    bars = months
    name = width - fixed - max(bars, TREND_LABEL)
    if name < NAME_MIN + 10 and bars > 12:
        bars = 12
        name = width - fixed - max(bars, TREND_LABEL)
    widths = {**fixed_widths, "name": max(name, NAME_MIN), TREND: max(bars, TREND_LABEL)}
    return widths, bars


class CommodityTable(Table):
    """Cells are Text objects built here, so names from a source file are never markup."""

    COMPONENT_CLASSES: ClassVar[set[str]] = Table.COMPONENT_CLASSES | {
        "commodity-table--up",
        "commodity-table--down",
        "commodity-table--missing",
        "commodity-table--trend",
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Open", id="commodities.open"),
        Binding("o", "screen.sort_by_cursor", "Sort", id="commodities.sort"),
        Binding("j", "cursor_down", "Down", show=False, id="commodities.down"),
        Binding("k", "cursor_up", "Up", show=False, id="commodities.cursor_up"),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="cell", header_height=2, **kwargs)

    def show(
        self,
        rows: pl.DataFrame,
        *,
        level: int,
        unit: tuple[str, float],
        sort: tuple[str, bool],
        trend_label: str,
        keep: str | None,
        width: int,
    ) -> None:
        """Replace the contents, keeping the cursor on code ``keep`` and the same column."""
        column = self.cursor_column
        self.clear(columns=True)
        # Before the sparklines arrive, keep their room so the columns do not jump.
        spark = max((len(s) for s in rows["sparkline"].drop_nulls()), default=hs.SPARK_MONTHS)
        widths, bars = column_widths(width, spark, level)
        labels = {
            "code": "Code\n",
            "name": "Name\n",
            "value": f"Value\n{unit[0]}",
            "share": "Share\n%",
            "yoy": "YoY\n%",
            TREND: f"Monthly\n{trend_label}",
        }
        for key in COLUMNS:
            first, second = labels[key].split("\n")
            if key == sort[0]:
                first += " ▼" if sort[1] else " ▲"
            right = key in ("value", "share", "yoy")
            label = Text(f"{first}\n{second}", justify="right" if right else "left")
            self.add_column(label, key=key, width=widths[key])
        for row in rows.iter_rows(named=True):
            self.add_row(*self._cells(row, unit[1], widths, bars), key=row["code"])
        codes = rows["code"].to_list()
        target = codes.index(keep) if keep in codes else 0
        if self.row_count:
            self.cursor_coordinate = Coordinate(target, min(column, len(self.columns) - 1))

    def _cells(self, row: dict, factor: float, widths: dict[str, int], bars: int) -> list[Text]:
        trend = (row["sparkline"] or "")[-bars:]
        return [
            Text(visible(row["code"])),
            Text(short(row["name"], widths["name"])),
            self._number(row["value"], value_text(row["value"], factor, self.app.number_format)),
            self._number(row["share"], self.app.number_format.number(row["share"])),
            self._growth(row["yoy"]),
            Text(trend, style=self.get_component_rich_style("commodity-table--trend")),
        ]

    def _number(self, value: float | None, text: str) -> Text:
        if value is None:
            return self._missing()
        return Text(text, justify="right")

    def _missing(self) -> Text:
        style = self.get_component_rich_style("commodity-table--missing", partial=True)
        return Text(MISSING, style=style, justify="right")

    def _growth(self, value: float | None) -> Text:
        if value is None:
            return self._missing()
        name = "commodity-table--up" if value >= 0 else "commodity-table--down"
        style = self.get_component_rich_style(name, partial=True)
        return Text(self.app.number_format.growth(value), style=style, justify="right")


def _month_short(period: str) -> str:
    """'2023-09' → 'Sep 23'."""
    return f"{MONTH_NAMES[int(period[5:]) - 1][:3]} {period[2:4]}"


class CommodityScreen(SetUpWhenShown, Screen[None]):
    """One HS level: the chapters, the headings of a chapter, or the subheadings of a heading.

    ``trail`` holds the (code, name) of the codes opened to get here; its last code is the
    parent of the listed codes (no trail: the chapters).
    """

    CSS_PATH = "../styles/commodities.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "up", "Up a level", id="commodities.up"),
        Binding("backspace", "up", "Up a level", show=False, id="commodities.up_backspace"),
        Binding("q", "up", "Up a level", show=False, id="commodities.up_q"),
        Binding("f", "cycle_flow", "Flow", id="commodities.flow"),
    ]

    class Loaded(Message):
        """The level's table for ``flow`` is ready; ``complete`` once it has its sparklines."""

        bubble = False

        def __init__(self, flow: str, table: pl.DataFrame, complete: bool = True) -> None:
            super().__init__()
            self.flow = flow
            self.table = table
            self.complete = complete

    class Failed(Message):
        """The level could not be read; ``error`` is one human line."""

        bubble = False

        def __init__(self, flow: str, error: str) -> None:
            super().__init__()
            self.flow = flow
            self.error = error

    def __init__(
        self,
        aggregates: Aggregates,
        *,
        month: str,
        reporter: str,
        partner: str,
        trail: tuple[tuple[str, str | None], ...] = (),
        drill: Drill | None = None,
    ) -> None:
        super().__init__()
        self.aggregates = aggregates
        self.month = month
        self.reporter = reporter
        self.partner = partner
        self.trail = trail
        self.parent_code = trail[-1][0] if trail else None
        self.level = hs.child_level(self.parent_code)
        self.drill = drill or Drill()
        self.table: pl.DataFrame | None = None  # as loaded, largest first
        self.rows: pl.DataFrame | None = None  # as shown, sorted
        self.shown_flow: str | None = None
        self.unit: tuple[str, float] = ("USD mn", 1000.0)

    # --- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="commodities-title")
        yield Static(id="commodities-note")
        yield CommodityTable(id="commodities-table")
        yield Static(id="commodities-empty")
        with Vertical(id="commodities-series"):
            yield Static(id="commodities-caption")
            yield Sparkline([], id="commodities-sparkline")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.title = f"Commodities · {short_period_name(self.month, self.month)}"
        self.sub_title = flow_phrase(self.drill.flow, self.reporter, self.partner)
        self.query_one("#commodities-series").border_title = Text("Highlighted code")
        table = self.query_one(CommodityTable)
        table.border_subtitle = Text(
            bound.hints(
                self.app,
                ("commodities.open", "open"),
                ("commodities.up", "up"),
                ("commodities.sort", "sort"),
                ("commodities.flow", "flow"),
            )
        )
        table.focus()
        self._show_title()
        self.reload()

    def on_screen_resume(self) -> None:
        # A deeper level may have changed the flow; follow it when coming back up.
        if self.shown_flow is not None and self.shown_flow != self.drill.flow:
            self.reload()

    def on_resize(self) -> None:
        self.set_class(self.size.height < 30, "-short")
        if self.rows is not None and not self.rows.is_empty():
            self._fill_table()

    # --- loading --------------------------------------------------------------------------

    def reload(self) -> None:
        self._show_title()
        # The table (maybe empty, hidden) shows the loading indicator in its place.
        self.remove_class("-empty")
        self.query_one(CommodityTable).loading = True
        self.load(self.drill.flow)

    @work(thread=True, exclusive=True, group="commodities")
    def load(self, flow: str) -> None:
        # The month's values first (two narrow reads), then the 24-month sparklines: on a
        # big file the table shows while the window is still being read.
        where = {
            "month": self.month,
            "reporter": self.reporter,
            "partner": self.partner,
            "flow": flow,
            "parent": self.parent_code,
        }
        try:
            table = self.aggregates.hs_rollup(**where, sparklines=False)
            if table.is_empty():
                self.post_message(self.Loaded(flow, table))
                return
            self.post_message(self.Loaded(flow, table, complete=False))
            table = self.aggregates.with_sparklines(table, **where)
        except Cancelled:
            return  # escape stopped the query (on the server too, for a cluster)
        except DataError as error:
            self.post_message(self.Failed(flow, str(error)))
            return
        except (*READ_ERRORS, OSError) as error:
            self.post_message(self.Failed(flow, f"commodity detail: {reason(error)}"))
            return
        except Exception as error:
            self.post_message(self.Failed(flow, error_line(error)))
            return
        self.post_message(self.Loaded(flow, table))
        self._prefetch_largest(table, where)

    def _prefetch_largest(self, table: pl.DataFrame, where: dict) -> None:
        """The largest code's own level, ready before enter opens it (it most often is)."""
        openable = table.filter("deeper")
        if self.level == hs.LEVELS[-1] or openable.is_empty():
            return
        largest = openable.sort("value", descending=True, nulls_last=True)["code"][0]
        # Opening it reads it again and says what is wrong.
        with contextlib.suppress(Cancelled, DataError, pl.exceptions.PolarsError, OSError):
            self.aggregates.hs_rollup(**{**where, "parent": largest}, sparklines=False)

    def on_commodity_screen_loaded(self, message: Loaded) -> None:
        if message.flow != self.drill.flow:
            return  # a later flow is already on its way
        if self.table is not None and self.shown_flow == message.flow and message.complete:
            # The same rows, now with their sparklines: keep the cursor where it is.
            self.table = message.table
            self._apply_sort(keep=self.current_code)
            return
        self.query_one(CommodityTable).loading = False
        # A loading widget takes no keys: show the table's keys in the footer again.
        self.refresh_bindings()
        self.shown_flow = message.flow
        self.table = message.table
        self.unit = unit_for(message.table["value"], self.app.number_format)
        self._show_title()
        self._apply_sort(keep=None)

    def on_commodity_screen_failed(self, message: Failed) -> None:
        if message.flow != self.drill.flow:
            return
        self.query_one(CommodityTable).loading = False
        self.shown_flow = message.flow
        self.table = self.rows = None
        self._show_empty(message.error)
        self.notify(message.error, severity="error", markup=False)

    # --- showing --------------------------------------------------------------------------

    def where(self) -> str:
        """'Chapter 27 Mineral fuels… › headings'."""
        parts: list[str] = []
        for depth, (code, name) in enumerate(self.trail):
            kind = hs.LEVEL_NAMES[len(code)].capitalize()
            # The last step is named in full (within reason); the ones above by code only.
            label = f"{kind} {visible(code)}"
            if depth == len(self.trail) - 1 and name:
                label += f" {short(name, 40)}"
            parts.append(label)
        parts.append(CHILDREN[self.level])
        return " › ".join(parts)

    def _show_title(self) -> None:
        flow = self.drill.flow
        self.sub_title = flow_phrase(flow, self.reporter, self.partner)
        title = Text()
        title.append(short_period_name(self.month, self.month), style="bold")
        title.append(f" · {flow_phrase(flow, self.reporter, self.partner)} · ")
        title.append(self.where(), style="bold")
        self.query_one("#commodities-title", Static).update(title)
        ago = month_key(add_months(parse_month(self.month), -12))
        year_before = short_period_name(ago, ago)
        note = (
            f"{self.unit[0]} · share of the listed {CHILDREN[self.level]} · "
            f"YoY vs {year_before} · — not in the data"
        )
        if flow == schema.TOTAL:
            note += " · total = export + import, only in months with both flows"
        self.query_one("#commodities-note", Static).update(Text(note))

    def _apply_sort(self, keep: str | None) -> None:
        if self.table is None:
            return
        column, descending = self.drill.sort
        self.rows = hs.sort_table(self.table, column, descending=descending)
        if self.rows.is_empty():
            self._show_empty(self._empty_line())
            return
        self.remove_class("-empty")
        self._fill_table(keep)
        self.query_one(CommodityTable).focus()

    def _fill_table(self, keep: str | None = None) -> None:
        assert self.rows is not None
        table = self.query_one(CommodityTable)
        keep = keep if keep is not None else self.current_code
        table.show(
            self.rows,
            level=self.level,
            unit=self.unit,
            sort=self.drill.sort,
            trend_label=self._trend_label(),
            keep=keep,
            width=self.size.width,
        )
        count = self.rows.height
        kind = CHILDREN[self.level] if count != 1 else CHILDREN[self.level][:-1]
        column, descending = self.drill.sort
        table.border_title = Text(
            f"{count} {kind} · sorted by {column} {'▼' if descending else '▲'}"
        )
        self._show_series(table.cursor_row)

    def _trend_label(self) -> str:
        """'Oct 21–Sep 23': the months the bars cover (the last 12 on a narrow screen)."""
        assert self.rows is not None
        periods = [p["period"] for p in (self.rows.row(0, named=True)["series"] or [])]
        if not periods:
            return ""
        _, width = column_widths(self.size.width, len(periods), self.level)
        return f"{_month_short(periods[-min(width, len(periods))])}–{_month_short(periods[-1])}"

    def _empty_line(self) -> str:
        flow = flow_phrase(self.drill.flow, self.reporter, self.partner)
        month = short_period_name(self.month, self.month)
        if self.parent_code is None:
            return f"No HS detail for {flow} in {month}."
        kind = hs.LEVEL_NAMES[len(self.parent_code)]
        return (
            f"No {CHILDREN[self.level]} of {kind} {visible(self.parent_code)} in the data "
            f"for {flow} in {month}. "
            f"Press {bound.key(self.app, 'commodities.flow')} for another flow, "
            f"{bound.key(self.app, 'commodities.up')} to go up."
        )

    def _show_empty(self, line: str) -> None:
        self.add_class("-empty")
        self.query_one("#commodities-empty", Static).update(Text(visible(line)))
        self.query_one("#commodities-caption", Static).update(Text(""))
        self.query_one(Sparkline).data = []

    @on(DataTable.CellHighlighted, "#commodities-table")
    def _highlighted(self, event: DataTable.CellHighlighted) -> None:
        self._show_series(event.coordinate.row)

    def _show_series(self, row: int) -> None:
        caption = self.query_one("#commodities-caption", Static)
        sparkline = self.query_one(Sparkline)
        if self.rows is None or not 0 <= row < self.rows.height:
            caption.update(Text(""))
            sparkline.data = []
            return
        record = self.rows.row(row, named=True)
        points = record["series"] or []
        known = [p["value"] for p in points if p["value"] is not None]
        sparkline.data = known
        caption.update(self._caption(record, points, known))

    def _caption(self, record: dict, points: list[dict], known: list[float]) -> Text:
        unit, factor = self.unit
        text = Text()
        label = f"{hs.LEVEL_NAMES[len(record['code'])].capitalize()} {visible(record['code'])}"
        text.append(label, "bold")
        if record["name"]:
            # The table cuts names short; here up to two lines (one on a short screen).
            lines = 1 if self.has_class("-short") else 2
            room = max(self.size.width - 6, 20) * lines - len(label) - 1
            text.append(f" {short(record['name'], room)}")
        if not points:
            return text
        first, last = points[0]["period"], points[-1]["period"]
        text.append(
            f"\n{short_period_name(first, first)}–{short_period_name(last, last)} monthly, {unit}",
            style="dim",
        )
        if known:
            low, high = min(known), max(known)
            fmt = self.app.number_format
            text.append(
                f" · low {value_text(low, factor, fmt)} · high {value_text(high, factor, fmt)}",
                style="dim",
            )
        gaps = len(points) - len(known)
        if gaps:
            months = "month" if gaps == 1 else "months"
            text.append(f" · {gaps} {months} missing, left out", style="dim")
        return text

    # --- actions --------------------------------------------------------------------------

    @property
    def current_code(self) -> str | None:
        table = self.query_one(CommodityTable)
        if self.rows is None or not 0 <= table.cursor_row < self.rows.height:
            return None
        return self.rows["code"][table.cursor_row]

    @on(DataTable.HeaderSelected, "#commodities-table")
    def _header_selected(self, event: DataTable.HeaderSelected) -> None:
        # A click on a column's name sorts by it, as `o` does with the cursor in it.
        self.query_one(CommodityTable).move_cursor(column=event.column_index)
        self.action_sort_by_cursor()

    @on(DataTable.CellSelected, "#commodities-table")
    def _selected(self, event: DataTable.CellSelected) -> None:
        if self.app.screen is not self:  # stale: queued behind a key that left this screen
            return
        self.open_row(event.coordinate.row)

    def open_row(self, row: int) -> None:
        """Push the level below the code on ``row``."""
        if self.rows is None or not 0 <= row < self.rows.height:
            return
        record = self.rows.row(row, named=True)
        code = record["code"]
        if self.level == hs.LEVELS[-1]:
            self.notify("6-digit subheadings are the finest level.", timeout=3)
            return
        if not record["deeper"]:
            kind = hs.LEVEL_NAMES[self.level]
            self.notify(
                f"No finer codes under {kind} {code} for this month in the data.",
                timeout=4,
                markup=False,
            )
            return
        self.app.push_screen(
            CommodityScreen(
                self.aggregates,
                month=self.month,
                reporter=self.reporter,
                partner=self.partner,
                trail=(*self.trail, (code, record["name"])),
                drill=self.drill,
            )
        )

    def action_sort_by_cursor(self) -> None:
        table = self.query_one(CommodityTable)
        if self.table is None or not table.row_count:
            return
        column = COLUMNS[table.cursor_column]
        if column == TREND:
            self.notify("The monthly bars do not sort; pick another column.", timeout=3)
            return
        current, descending = self.drill.sort
        if column == current:
            self.drill.sort = (column, not descending)
        else:
            # Numbers start largest first; code and name start in order.
            self.drill.sort = (column, column not in ("code", "name"))
        self._apply_sort(keep=self.current_code)

    def action_cycle_flow(self) -> None:
        index = FLOW_CYCLE.index(self.drill.flow)
        self.drill.flow = FLOW_CYCLE[(index + 1) % len(FLOW_CYCLE)]
        self.reload()

    def action_up(self) -> None:
        if any(
            worker.node is self and worker.state in (WorkerState.PENDING, WorkerState.RUNNING)
            for worker in self.app.workers
        ):
            # Leaving while a level loads: an engine that can stops the query (a cluster's).
            self.aggregates.cancel()
        self.app.pop_screen()
