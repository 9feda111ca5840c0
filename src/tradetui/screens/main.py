"""The main screen: trade table, event timeline and metrics panel, kept in step."""

from __future__ import annotations

import time
from pathlib import Path
from typing import ClassVar

import polars as pl
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.events import DescendantFocus, Resize
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import DataTable, Footer, Header, Static
from textual.worker import Worker, get_current_worker

from tradetui import state
from tradetui.data import metrics
from tradetui.data.countries import DEFAULT_PAIR
from tradetui.data.errors import DataError
from tradetui.data.load import Dataset, load_dataset
from tradetui.data.pair_first import pair_in, read_pair
from tradetui.data.polars_errors import PANIC, reason
from tradetui.data.progress import Cancelled, Progress
from tradetui.data.text import visible
from tradetui.keys import hints, key
from tradetui.messages import DataCancelled, DataFailed, DataLoaded, DataProgress, EventChosen
from tradetui.preload import Preload
from tradetui.present.trade_around import trade_around_sentence
from tradetui.screens.data_info import DataInfoScreen
from tradetui.screens.open_data import OpenDataScreen
from tradetui.screens.pairs import PairScreen
from tradetui.screens.summary import SummaryScreen
from tradetui.trade_columns import columns_for, sort_name
from tradetui.widgets.chart import TradeChart
from tradetui.widgets.load_progress import LoadProgress
from tradetui.widgets.metrics_panel import MetricsPanel
from tradetui.widgets.timeline import Timeline
from tradetui.widgets.trade_table import UNBALANCED_MARK, TradeTable
from tradetui.worker_errors import error_line

PANES = ("trade-table", "timeline", "metrics", "chart")
PANE_NAMES = {"trade-table": "Trade", "timeline": "Events", "metrics": "Metrics", "chart": "Chart"}
# Below these sizes the panes become tabs: one pane at a time, switched with 1/2/3 or tab.
NARROW_WIDTH = 100
NARROW_HEIGHT = 30
# Below this width the chart has no room beside the table: focused, it takes the table's place.
CHART_BESIDE_WIDTH = 160
# With less room than this beside the table, an unfocused chart is too thin to read: hide it.
CHART_MIN_WIDTH = 30
# Progress lines are posted at most this often, so a fast reader does not flood the screen.
PROGRESS_INTERVAL_S = 0.1


class MainScreen(Screen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("tab", "cycle_pane(1)", "Next pane", show=False, id="main.next_pane"),
        Binding("shift+tab", "cycle_pane(-1)", "Previous pane", show=False, id="main.prev_pane"),
        # The pane titles carry these numbers, so the footer leaves them out.
        Binding("1", "focus_pane('trade-table')", "Trade table", show=False, id="main.focus_trade"),
        Binding("2", "focus_pane('timeline')", "Timeline", show=False, id="main.focus_timeline"),
        Binding("3", "focus_pane('metrics')", "Metrics", show=False, id="main.focus_metrics"),
        Binding("4", "focus_pane('chart')", "Chart", show=False, id="main.focus_chart"),
        # Shown in the trade table's border, like s.
        Binding("5", "claims", "Check claims", show=False, id="main.claims"),
        Binding("a", "article", "Check an article", show=False, id="main.article"),
        Binding("left_square_bracket", "step_year(-1)", "◂ Year", id="main.prev_year"),
        Binding("right_square_bracket", "step_year(1)", "Year ▸", id="main.next_year"),
        Binding("g", "cycle_granularity", "Granularity", id="main.granularity"),
        Binding("p", "pick_pair", "Pair", id="main.pair"),
        Binding("ctrl+o", "open_data", "Open data", show=False, id="main.open"),
        Binding("i", "data_info", "About the data", show=False, id="main.data_info"),
        # Shown in the trade table's border; the footer has no room for it at 80 columns.
        Binding("s", "summary", "Summary", show=False, id="main.summary"),
        Binding("e", "export", "Export", show=False, id="main.export"),
        Binding("escape", "back", "Back", id="main.back"),
        Binding("backspace", "back", "Back", show=False, id="main.back_backspace"),
    ]

    def __init__(
        self,
        data: Path | None = None,
        dataset: Dataset | None = None,
        preload: Preload | None = None,
        pair: tuple[str, str] | None = None,
    ) -> None:
        super().__init__()
        self.data = data
        # The pair asked for on the command line: shown first, read before the others.
        self.pair = pair
        # ``data`` already read by the caller, or being read: the first load takes it over.
        self.preloaded = dataset
        self.preload = preload
        self.loaded: state.Loaded | None = None
        self.year: int | None = None
        self.granularity = "month"
        self.sort: tuple[str, bool] | None = None
        self.rows = pl.DataFrame()
        # (year, granularity, sort) of the rows in the table, to skip needless rebuilds.
        self.shown_view: tuple | None = None
        # Where enter drilled down from (granularity, row key), so escape can go back up.
        self.drill_stack: list[tuple[str, str]] = []
        # The pane that opened the month screen gets the focus back when it closes.
        self.month_opener: Widget | None = None
        self.article_text = ""  # the article last checked, shown again when `a` reopens it
        # The worker reading a dataset, while it runs (escape cancels it).
        self.reader: Worker | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="banner", classes="-hidden")
        yield LoadProgress(id="load-progress")
        with Horizontal(id="pane-tabs"):
            for number, name in enumerate(PANES, start=1):
                yield Static(f"{number} {PANE_NAMES[name]}", id=f"tab-{name}", classes="pane-tab")
        with Vertical(id="panes"):
            with Horizontal(id="upper"):
                yield TradeTable(id="trade-table", classes="pane")
                yield TradeChart(id="chart", classes="pane")
            with Horizontal(id="lower"):
                yield Timeline(id="timeline", classes="pane")
                yield MetricsPanel(id="metrics", classes="pane")
        yield Footer(compact=True)

    @property
    def table(self) -> TradeTable:
        return self.query_one(TradeTable)

    @property
    def timeline(self) -> Timeline:
        return self.query_one(Timeline)

    @property
    def metrics_panel(self) -> MetricsPanel:
        return self.query_one(MetricsPanel)

    @property
    def chart(self) -> TradeChart:
        return self.query_one(TradeChart)

    def on_mount(self) -> None:
        self.table.border_title = Text(f"[{key(self.app, 'main.focus_trade')}] Trade")
        self.timeline.border_title = Text(f"[{key(self.app, 'main.focus_timeline')}] Events")
        self.metrics_panel.border_title = Text(f"[{key(self.app, 'main.focus_metrics')}] Metrics")
        for pane in self.query(".pane"):
            pane.loading = True
        self.table.focus()
        self._set_active("trade-table")
        self.open_data(self.data, self.preloaded, self.preload)
        self.preloaded = self.preload = None

    def open_data(
        self, path: Path | None, dataset: Dataset | None = None, preload: Preload | None = None
    ) -> None:
        """Read ``path`` (None: the embedded data) in a worker; what is shown stays till then."""
        self.query_one(LoadProgress).start(path.name if path else "the embedded dataset")
        self.reader = self.load(path, dataset, preload)

    @work(thread=True, exclusive=True, group="load")
    def load(
        self, path: Path | None, dataset: Dataset | None = None, preload: Preload | None = None
    ) -> None:
        """Load and compute off the event loop; the result comes back as a message."""
        worker = get_current_worker()
        last = 0.0

        def report(done: int, total: int | None, unit: str) -> None:
            nonlocal last
            now = time.monotonic()
            if now - last >= PROGRESS_INTERVAL_S or done == total:
                last = now
                self.post_message(DataProgress(done, total, unit))

        progress = Progress(report=report, cancelled=lambda: worker.is_cancelled)
        asked = self.pair
        try:
            first = None
            if dataset is None and preload is not None:
                first = preload.first(progress.cancelled)
            elif dataset is None and path is not None:
                first = read_pair(path, *(asked or DEFAULT_PAIR), progress)
            if first is not None:
                # The pair's table now; the ranking and the other pairs when all is read.
                first_pair = pair_in(first, asked or DEFAULT_PAIR)
                self.post_message(DataLoaded(state.load(first, first_pair), path))
                asked = first_pair
            if dataset is None and preload is not None:
                dataset = preload.result(report, progress.cancelled)
            dataset = dataset or load_dataset(path, progress)
            shown = pair_in(dataset, asked)
            loaded = state.load(dataset, shown)
        except Cancelled:
            self.post_message(DataCancelled())
            return
        except DataError as error:
            self.post_message(DataFailed(str(error)))
            return
        except PANIC as error:  # a BaseException: without this the worker dies silently
            where = path or "embedded data"
            self.post_message(DataFailed(f"{where}: damaged data ({reason(error)})", panic=True))
            return
        except Exception as error:  # a surprise: logged, and named in one line
            self.post_message(DataFailed(error_line(error)))
            return
        if asked is not None and shown is None:
            reporter, partner = asked
            self.app.call_from_thread(
                self.notify,
                f"No trade for {reporter}→{partner} in the data; showing the largest pair.",
                timeout=6,
            )
        self.pair = None  # data opened later starts at its own default pair
        self.post_message(DataLoaded(loaded, path))

    @work(thread=True, exclusive=True, group="load")
    def show_pair(self, reporter: str, partner: str) -> None:
        """Rebuild the tables for another pair of the dataset already loaded."""
        loaded = self.loaded
        if loaded is None:
            return
        try:
            shown = state.load(loaded.dataset, (reporter, partner), loaded.pairs)
        except Exception as error:
            self.post_message(DataFailed(error_line(error)))
            return
        self.post_message(DataLoaded(shown, self.data))

    def action_pick_pair(self) -> None:
        loaded = self.loaded
        if loaded is None:
            return
        current = (loaded.reporter, loaded.partner) if loaded.reporter and loaded.partner else None

        def chosen(pair: tuple[str, str] | None) -> None:
            if pair is not None and pair != current:
                self.show_pair(*pair)

        self.app.push_screen(
            PairScreen(loaded.pairs, current, ranking=not loaded.dataset.partial), chosen
        )

    def action_data_info(self) -> None:
        if self.loaded is not None:
            self.app.push_screen(DataInfoScreen(self.loaded))

    def action_open_data(self) -> None:
        def chosen(path: Path | None) -> None:
            if path is not None:
                self.open_data(path)

        self.app.push_screen(OpenDataScreen(), chosen)

    def on_data_progress(self, message: DataProgress) -> None:
        self.query_one(LoadProgress).advance(message.done, message.total, message.unit)

    def on_data_cancelled(self, message: DataCancelled) -> None:
        if self.is_loading:
            return  # a newer load replaced the cancelled one and reports for itself
        self.reader = None
        self.query_one(LoadProgress).stop()
        if self.loaded is not None:
            self.notify(
                f"Loading cancelled; still showing {self.loaded.dataset.origin}.",
                timeout=4,
                markup=False,
            )
            self.refresh_bindings()
            return
        # Nothing was shown before (the first load was cancelled): fall back to the embedded data.
        self.notify("Loading cancelled; opening the embedded dataset instead.", timeout=4)
        self.open_data(None)

    # -- loading ---------------------------------------------------------------------

    def on_data_failed(self, message: DataFailed) -> None:
        self.reader = None
        self.query_one(LoadProgress).stop()
        if message.panic:
            # polars' panic hook wrote its report over the screen: draw all of it again.
            self.app.refresh(layout=True, repaint=True)
        if self.loaded is not None:
            # The data shown before stays usable; the new file's problem is one line.
            self.notify(
                message.error,
                title="Could not open data",
                severity="error",
                timeout=10,
                markup=False,
            )
            self.refresh_bindings()
            return
        for pane in self.query(".pane"):
            pane.loading = False
        self._banner(Text(visible(f"Could not load data: {message.error}")), error=True)
        self.notify(
            message.error, title="Could not load data", severity="error", timeout=10, markup=False
        )
        self.table.clear(columns=True)
        self.table.border_title = Text(f"[{key(self.app, 'main.focus_trade')}] Trade · no data")
        self.table.border_subtitle = Text(visible(message.error))
        self.timeline.set_events(pl.DataFrame(), note=f"No data: {message.error}")
        self.metrics_panel.show_message(f"No data: {message.error}")
        self.chart.set_data(None, note=f"No data: {message.error}")
        self.refresh_bindings()

    def on_data_loaded(self, message: DataLoaded) -> None:
        loaded = message.loaded
        before = self.loaded
        # The whole data after its first pair: the same view, the cursor where it was.
        completing = (
            before is not None
            and before.dataset.partial
            and not loaded.dataset.partial
            and (before.reporter, before.partner) == (loaded.reporter, loaded.partner)
        )
        keep = self.table.current_key if completing else None
        if not loaded.dataset.partial:
            self.reader = None
            self.query_one(LoadProgress).stop()
        self.data = message.path
        if message.path is not None or loaded.pairs.height > 1:
            self.app.sub_title = f"{loaded.dataset.origin} · {loaded.pair_name}"
        self.loaded = loaded
        self.drill_stack.clear()
        for pane in self.query(".pane"):
            pane.loading = False
        if not (completing and self.year in loaded.years):
            self.year = metrics.latest_full_year(loaded.wide)
        notes = []
        if loaded.wide.is_empty():
            notes.append("no trade rows for any reporter–partner pair")
        if loaded.dataset.missing:
            notes.append("no " + ", ".join(loaded.dataset.missing))
        if loaded.dataset.notes:
            count = len(loaded.dataset.notes)
            notes.append(
                f"{count} import note{'s' if count > 1 else ''} ({key(self.app, 'main.data_info')})"
            )
        if notes:
            self._banner(
                Text(visible(f"{loaded.dataset.origin}: " + "; ".join(notes))), error=False
            )
        else:
            self.query_one("#banner").add_class("-hidden")
        note = None
        if "events" in loaded.dataset.missing:
            note = f"No events: {loaded.dataset.origin} has no events file (events.csv)."
        self.timeline.context = self._trade_around
        self.timeline.set_events(loaded.events, note=note)
        self.chart.set_data(loaded)
        self.refresh_table(keep=keep or "")
        # Start on the year's latest period: the first ones are often a combined release.
        if self.rows.height and keep is None:
            self.table.move_to(self.rows["key"][-1])
        self._update_selection()
        # The footer skipped the panes' keys while they were loading.
        self.refresh_bindings()

    def _trade_around(self, event: dict) -> Text | None:
        """Mean monthly trade in the N months (the event window) before an event's month and
        after it."""
        if self.loaded is None or not event["month"]:
            return None
        months = self.app.settings.event_window  # type: ignore[attr-defined]
        window = metrics.event_window(self.loaded.wide, event["month"], months=months)
        return Text.assemble(
            ("Trade around it: ", "bold"),
            trade_around_sentence(window, self.app.number_format),  # type: ignore[attr-defined]
        )

    def _banner(self, text: Text, error: bool) -> None:
        banner = self.query_one("#banner", Static)
        banner.update(text)
        banner.set_class(error, "-error")
        banner.remove_class("-hidden")

    # -- the trade table ------------------------------------------------------------

    def refresh_table(self, keep: str | None = None) -> None:
        """Rebuild the table for the current year, granularity and sort."""
        loaded = self.loaded
        if loaded is None or self.year is None:
            return
        # keep=None keeps the cursor's row; a key not in the view ("") starts at the top.
        keep = keep if keep is not None else self.table.current_key
        if self.sort and self.sort[0] not in {c.key for c in columns_for(self.granularity)}:
            self.sort = None  # the sorted column is not in this view (MoM, YTD by year)
        rows = state.view_rows(loaded.wide, self.year, self.granularity)
        self.rows = rows
        self.shown_view = (self.year, self.granularity, self.sort)
        shown = state.sort_rows(rows, *(self.sort or (None, False)))
        total = None
        if self.granularity != "year":
            record = metrics.year_record(loaded.wide, self.year)
            name = f"{self.year} total"
            if not record.complete and record.months_covered:
                name += f" ({record.months_covered} mo)"
            total = {
                "name": name,
                "export": record.export,
                "import": record.import_,
                "total": record.total,
                "balance": record.balance,
                "yoy_total": record.yoy_total,
            }
        self.table.show(
            shown,
            total,
            loaded.reporter_name,
            loaded.partner_name,
            self.sort,
            keep,
            self.granularity,
        )
        self._update_table_title()
        # The table's width follows its columns (longer country names make it wider).
        self.call_after_refresh(self._fit_chart)

    def _update_table_title(self) -> None:
        # By year the table lists every year; the selected one is still named.
        year = f"all years, {self.year} selected" if self.granularity == "year" else self.year
        parts = [
            f"[{key(self.app, 'main.focus_trade')}] Trade {year}",
            f"by {self.granularity}",
            self.app.number_format.unit_label,  # type: ignore[attr-defined]
        ]
        if self.sort:
            per_month = " a month" if state.sorts_per_month(self.rows, self.sort[0]) else ""
            by = sort_name(self.sort[0], self.granularity)
            parts.append(f"sorted by {by}{per_month} {'▼' if self.sort[1] else '▲'}")
        self.table.border_title = Text(" · ".join(parts))
        open_key = key(self.app, "trade.open")
        legend = f"{UNBALANCED_MARK} flows ≠ total, {open_key}: why · " if self.table.marked else ""
        self.table.border_subtitle = Text(
            f"{legend}{key(self.app, 'main.prev_year')} {key(self.app, 'main.next_year')} year · "
            + hints(
                self.app,
                ("main.granularity", "granularity"),
                ("trade.sort", "sort"),
                ("trade.open", "open"),
                ("main.summary", "summary"),
                ("main.claims", "claims"),
            )
        )

    def current_row(self) -> dict | None:
        key = self.table.current_key
        if key is None or self.rows.is_empty():
            return None
        found = self.rows.filter(pl.col("key") == key)
        return found.row(0, named=True) if found.height else None

    def _update_selection(self) -> None:
        """Follow the trade cursor in the metrics panel and the timeline's markers."""
        loaded = self.loaded
        if loaded is None or self.year is None:
            return
        row = self.current_row()
        if row is not None and self.granularity == "year" and row["year"] != self.year:
            self.year = row["year"]
            self._update_table_title()
        self.metrics_panel.show(loaded, row, self.granularity, self.year)
        following = row["name"] if row is not None else "year total"
        if self.granularity != "year" and row is not None:
            following += f" {self.year}"
        self.metrics_panel.border_title = Text(
            f"[{key(self.app, 'main.focus_metrics')}] Metrics · {following}"
        )
        if row is not None:
            start, end = row["period_start"], row["period_end"]
        else:
            start, end = f"{self.year}-01", f"{self.year}-12"
        self.timeline.set_marked(state.events_in(loaded.events, start, end), start)
        self.chart.follow(start, end)

    @on(DataTable.CellHighlighted, "#trade-table")
    def _cell_highlighted(self) -> None:
        self._update_selection()

    @on(DataTable.HeaderSelected, "#trade-table")
    def _header_selected(self, event: DataTable.HeaderSelected) -> None:
        # A click on a column's name sorts by it, as `o` does with the cursor in it.
        self.table.move_cursor(column=event.column_index)
        self.action_sort_by_cursor()

    @on(DataTable.CellSelected, "#trade-table")
    def _cell_selected(self) -> None:
        if self.app.screen is not self:  # stale: queued behind a key that left this screen
            return
        row = self.current_row()
        if row is None:
            if self.loaded is not None:
                self.notify("Pick a period row to open it.", timeout=3)
            return
        if self.granularity == "year":
            self.drill_stack.append(("year", row["key"]))
            self.year = row["year"]
            self.granularity = "quarter"
            self.refresh_table(keep=f"{self.year}-Q1")
        elif self.granularity == "quarter":
            self.drill_stack.append(("quarter", row["key"]))
            self.granularity = "month"
            self.refresh_table(keep="")
            self.table.move_to(self._key_for_month(row["period_start"]) or "")
        else:
            self.open_month(row["period_start"])

    def open_month(self, period_start: str) -> None:
        # The month screen is imported here so the main screen works on its own.
        from tradetui.screens.month import MonthScreen

        loaded = self.loaded
        if loaded is None:
            return
        self.month_opener = self.focused
        self.app.push_screen(
            MonthScreen(
                loaded.dataset,
                loaded.wide,
                period_start,
                (loaded.reporter, loaded.partner) if loaded.reporter and loaded.partner else None,
                loaded.mirror,
            ),
            callback=self._month_closed,
        )

    def selection_range(self) -> tuple[str, str] | None:
        """The months (start, end) of the highlighted row; the total row is its year."""
        row = self.current_row()
        if row is not None:
            return row["period_start"], row["period_end"]
        return self.year_range(self.year) if self.year is not None else None

    def year_range(self, year: int) -> tuple[str, str] | None:
        """The months of ``year`` in the data: a year still in progress ends at its latest."""
        if self.loaded is None:
            return None
        rows = self.loaded.wide.filter(pl.col("year") == year)
        if rows.is_empty():
            return None
        return rows["period_start"].min(), rows["period_end"].max()

    def action_summary(self) -> None:
        selected = self.selection_range()
        if selected is not None:
            self.open_summary(*selected)

    def open_summary(self, start: str, end: str) -> None:
        loaded = self.loaded
        if loaded is None:
            return
        self.app.push_screen(
            SummaryScreen(loaded.dataset, start, end, loaded.reporter, loaded.partner)
        )

    def action_export(self) -> None:
        """Export the trade table's rows as shown (sorted, without the total row)."""
        # Imported here, as the month screen is, so the main screen works on its own.
        from tradetui.data.export import default_name, period_frame
        from tradetui.screens.export import ExportScreen

        loaded = self.loaded
        if loaded is None or self.rows.is_empty():
            self.notify("Nothing to export yet.", timeout=2)
            return
        shown = state.sort_rows(self.rows, *(self.sort or (None, False)))
        frame = period_frame(shown, self.granularity, loaded.reporter, loaded.partner)
        view = "all years" if self.granularity == "year" else str(self.year)
        what = f"{loaded.pair_name}, {view} by {self.granularity}"
        self.app.push_screen(ExportScreen(frame, default_name(self.year, self.granularity), what))

    def action_claims(self) -> None:
        # Imported here, as the month screen is, so the main screen works on its own.
        from tradetui.screens.claims import ClaimsScreen

        if self.loaded is None:
            self.notify("The data is still loading.", timeout=2)
            return
        self.app.push_screen(ClaimsScreen(self.loaded))

    def action_article(self) -> None:
        # Imported here, as the month screen is, so the main screen works on its own.
        from tradetui.screens.article import ArticleScreen

        if self.loaded is None:
            self.notify("The data is still loading.", timeout=2)
            return

        def closed(text: str | None) -> None:
            self.article_text = text or ""

        self.app.push_screen(ArticleScreen(self.loaded, self.article_text), closed)

    def _month_closed(self, period_start: str | None) -> None:
        # Rebuild once this screen is active again: a DataTable filled while another
        # screen is on top measures its columns wrongly and cuts cells short.
        self.call_after_refresh(self._return_to_month, period_start)

    def _return_to_month(self, period_start: str | None) -> None:
        if period_start:
            self.go_to_month(period_start, granularity="month")
        (self.month_opener or self.table).focus()

    def _key_for_month(self, month: str) -> str | None:
        """The row key of the current view's row that contains ``month`` (YYYY-MM)."""
        if self.rows.is_empty():
            return None
        found = self.rows.filter(
            (pl.col("period_start") <= month) & (pl.col("period_end") >= month)
        )
        return found["key"][0] if found.height else None

    # -- actions used by bindings, the timeline and the command palette -------------

    def go_to_month(self, month: str, granularity: str | None = None) -> bool:
        """Move the table to the row holding ``month``, switching year if needed."""
        if self.loaded is None:
            return False
        year = int(month[:4])
        if year not in self.loaded.years:
            self.notify(f"No trade data for {year}.", severity="warning", timeout=4)
            return False
        if granularity:
            self.granularity = granularity
        if self.granularity != "year":
            self.year = year
        # Moving within the view on show (the chart's cursor, say) needs no rebuild.
        if self.shown_view != (self.year, self.granularity, self.sort):
            self.refresh_table(keep="")
        key = self._key_for_month(month)
        if key is None:
            self.notify(f"No trade row covers {month}.", severity="warning", timeout=4)
            return False
        self.table.move_to(key)
        self._update_selection()
        return True

    def go_to_year(self, year: int) -> None:
        if self.loaded is None or year not in self.loaded.years:
            return
        if self.granularity == "year":
            self.table.move_to(str(year))
            return
        key = self.table.current_key
        self.year = year
        self.refresh_table(keep=f"{year}{key[4:]}" if key else None)
        self._update_selection()

    def set_granularity(self, granularity: str) -> None:
        if self.loaded is None or granularity == self.granularity:
            return
        row = self.current_row()
        self.granularity = granularity
        self.drill_stack.clear()
        self.refresh_table(keep="")
        if row is not None:
            self.table.move_to(self._key_for_month(row["period_start"]) or "")
        self._update_selection()

    def action_cycle_granularity(self) -> None:
        grains = state.GRANULARITIES
        self.set_granularity(grains[(grains.index(self.granularity) + 1) % len(grains)])

    def action_step_year(self, step: int) -> None:
        if self.loaded is None or self.year is None:
            return
        years = self.loaded.years
        index = years.index(self.year) + step
        if 0 <= index < len(years):
            self.go_to_year(years[index])

    def action_sort_by_cursor(self) -> None:
        column = self.table.cursor_column_key
        if column is None or self.loaded is None:
            return
        if self.sort and self.sort[0] == column:
            self.sort = (column, not self.sort[1])
        else:
            # Numbers start largest first; the period column starts in time order.
            self.sort = (column, column != "period")
        self.refresh_table()

    @property
    def is_loading(self) -> bool:
        return self.reader is not None and self.reader.is_running

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back":
            return bool(self.drill_stack) or self.is_loading
        if action == "pick_pair":
            return self.loaded is not None and self.loaded.pairs.height > 1
        return True

    def action_back(self) -> None:
        if self.is_loading and self.reader is not None:
            # The reader stops at its next batch and reports back (on_data_cancelled).
            self.reader.cancel()
            return
        if not self.drill_stack:
            return
        granularity, key = self.drill_stack.pop()
        self.granularity = granularity
        if granularity != "year":
            self.year = int(key[:4])
        self.refresh_table(keep=key)
        self._update_selection()
        self.refresh_bindings()

    # -- panes ----------------------------------------------------------------------

    def focus_target(self, pane: str) -> Widget:
        if pane == "timeline":
            return self.timeline.event_list
        return self.query_one(f"#{pane}")

    def action_focus_pane(self, pane: str) -> None:
        self.focus_target(pane).focus()

    def action_cycle_pane(self, step: int) -> None:
        current = self._pane_of(self.focused)
        index = PANES.index(current) if current else -1
        self.action_focus_pane(PANES[(index + step) % len(PANES)])

    def _pane_of(self, widget: Widget | None) -> str | None:
        while widget is not None and widget is not self:
            if widget.id in PANES:
                return widget.id
            widget = widget.parent  # type: ignore[assignment]
        return None

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        pane = self._pane_of(event.widget)
        if pane:
            self._set_active(pane)

    def _set_active(self, pane: str) -> None:
        for name in PANES:
            self.query_one(f"#{name}").set_class(name == pane, "-active")
            self.query_one(f"#tab-{name}").set_class(name == pane, "-active")
        self.query_one("#upper").set_class(pane in ("trade-table", "chart"), "-has-active")
        self.query_one("#lower").set_class(pane in ("timeline", "metrics"), "-has-active")
        self.query_one("#upper").set_class(pane == "chart", "-chart-active")

    def on_resize(self, event: Resize) -> None:
        self.set_class(
            event.size.width < NARROW_WIDTH or event.size.height < NARROW_HEIGHT, "-narrow"
        )
        self.set_class(event.size.width < CHART_BESIDE_WIDTH, "-chart-cramped")
        self._fit_chart()

    @on(TradeTable.Resized)
    def _table_resized(self) -> None:
        self._fit_chart()

    def _fit_chart(self) -> None:
        """Hide the unfocused chart when the table (as wide as its columns) leaves no room."""
        room = self.size.width - self.table.outer_size.width
        self.set_class(room < CHART_MIN_WIDTH, "-chart-hidden")

    @on(EventChosen)
    def _event_chosen(self, message: EventChosen) -> None:
        self.go_to_month(message.month)

    @on(TradeChart.CursorMoved)
    def _chart_cursor_moved(self, message: TradeChart.CursorMoved) -> None:
        self.go_to_month(message.period_start)

    @on(TradeChart.Opened)
    def _chart_opened(self, message: TradeChart.Opened) -> None:
        self.open_month(message.period_start)
