"""The month screen: one period in detail, stepping to neighbouring periods in place."""

from __future__ import annotations

import contextlib
import io
from typing import ClassVar

import polars as pl
from rich.console import Console
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from tradetui import keys as bound
from tradetui.data import hs
from tradetui.data.errors import DataError
from tradetui.data.load import Dataset
from tradetui.data.month import MonthDetails, month_details, period_starts, step
from tradetui.data.periods import period_label
from tradetui.data.polars_errors import READ_ERRORS
from tradetui.data.progress import Cancelled
from tradetui.data.summary import summarise
from tradetui.present.summary import render_text
from tradetui.screens.commodities import CommodityScreen, Drill
from tradetui.screens.shown import SetUpWhenShown
from tradetui.screens.summary import AROUND_MONTHS, SummaryScreen
from tradetui.widgets import month_sections as sections
from tradetui.widgets.chart import YearsChart
from tradetui.worker_errors import error_line

SECTIONS = (
    ("flows", "Flows"),
    ("other-years", "Same period in other years"),
    ("commodities", "Commodities"),
    ("events", "Events (month before / this period / month after)"),
    ("sources", "Sources & method"),
)

YEARS_CAPTION = (
    "Total of this period in each year, {unit} · highlighted: the year shown · "
    "no bar: not published"
)


class MonthScreen(SetUpWhenShown, Screen[str]):
    """Details of one period; dismisses with the period last shown."""

    CSS_PATH = "../styles/month.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back", id="month.close"),
        Binding("backspace", "close", "Back", show=False, id="month.close_backspace"),
        Binding("q", "close", "Back", show=False, id="month.close_q"),
        # Priority, so a focused scroll area does not take left/right for itself.
        Binding("left", "step(-1)", "Previous", priority=True, id="month.previous"),
        Binding("right", "step(1)", "Next", priority=True, id="month.next"),
        Binding("p", "step(-1)", "Previous", show=False, id="month.previous_p"),
        Binding("n", "step(1)", "Next", show=False, id="month.next_n"),
        Binding("s", "summary", "Summary", id="month.summary"),
        Binding("c", "commodities", "Commodities", id="month.commodities"),
        Binding("y", "copy_summary", "Copy summary", id="month.copy"),
        Binding("Y", "copy_page", "Copy page", show=False, id="month.copy_page"),
    ]

    class Loaded(Message):
        """Details for a period are ready."""

        bubble = False

        def __init__(self, details: MonthDetails) -> None:
            super().__init__()
            self.details = details

    class Failed(Message):
        """Details for a period could not be gathered."""

        bubble = False

        def __init__(self, period_start: str, error: str) -> None:
            super().__init__()
            self.period_start = period_start
            self.error = error

    class SummaryWritten(Message):
        """The brief of the period shown as plain text for the clipboard, or why not."""

        bubble = False

        def __init__(self, label: str, text: str, error: str | None = None) -> None:
            super().__init__()
            self.label = label
            self.text = text
            self.error = error

    class DetailChecked(Message):
        """Whether the dataset has HS commodity detail to drill into."""

        bubble = False

        def __init__(self, available: bool) -> None:
            super().__init__()
            self.available = available

    def __init__(
        self,
        dataset: Dataset,
        wide: pl.DataFrame,
        period_start: str,
        pair: tuple[str, str] | None = None,
        mirror: pl.DataFrame | None = None,
    ) -> None:
        """``wide`` is the period table of ``pair`` (default: the dataset's largest pair);
        ``mirror`` that pair's mirror table, when the partner reports too."""
        super().__init__()
        self.dataset = dataset
        self.wide = wide
        self.pair = pair
        self.mirror = mirror
        self.requested = period_start
        self.shown = period_start
        self.details: MonthDetails | None = None
        self.has_detail = False

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="month-body"):
            yield Static(id="month-heading")
            for key, title in SECTIONS:
                yield Static(title, id=f"month-{key}-title", classes="month-section-title")
                yield Static(id=f"month-{key}", classes="month-section")
                if key == "commodities":
                    yield Static(id="month-hs-hint", classes="month-section")
                if key == "other-years":
                    yield YearsChart(id="month-years-chart")
                    caption = YEARS_CAPTION.format(unit=self.app.number_format.unit_label)
                    yield Static(caption, id="month-years-caption")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#month-body").focus()
        self.query_one("#month-hs-hint").display = False
        self.load(self.requested)
        if self.dataset.detail is not None:
            self.check_detail()

    @work(thread=True, group="month-hs")
    def check_detail(self) -> None:
        try:
            available = self.dataset.aggregates.has_detail()
            if available:
                hs.hs_names()  # read (and cached) now, so c opens the chapters sooner
        except (DataError, *READ_ERRORS, OSError):
            available = False  # the drill-down would fail too; the month itself still shows
        self.post_message(self.DetailChecked(available))

    def on_month_screen_detail_checked(self, message: DetailChecked) -> None:
        self.has_detail = message.available
        hint = self.query_one("#month-hs-hint", Static)
        hint.update(
            Text.assemble(
                "\nHS detail is available: press ",
                (bound.key(self.app, "month.commodities"), "bold"),
                " for this month by chapter, heading and subheading.",
            )
        )
        hint.display = message.available
        self.refresh_bindings()
        self._prefetch()

    def _prefetch(self) -> None:
        # The month's chapters, computed while the user reads the month: c then shows them
        # from the engine's store instead of reading the source.
        details = self.details
        if self.has_detail and details is not None and details.period_start == details.period_end:
            self.prefetch(details.period_start, details.reporter, details.partner)

    @work(thread=True, exclusive=True, group="month-hs-prefetch")
    def prefetch(self, month: str, reporter: str, partner: str) -> None:
        # Opening the chapters reads them again and says what is wrong; leaving a level that
        # loads cancels an engine's queries, this one too (Cancelled).
        with contextlib.suppress(Cancelled, DataError, pl.exceptions.PolarsError, OSError):
            self.dataset.aggregates.hs_rollup(
                month=month, reporter=reporter, partner=partner, flow=Drill.flow, sparklines=False
            )

    @work(thread=True, exclusive=True, group="month-details")
    def load(self, period_start: str) -> None:
        try:
            details = month_details(self.dataset, self.wide, period_start, self.pair, self.mirror)
        except Exception as error:
            self.post_message(self.Failed(period_start, error_line(error)))
            return
        self.post_message(self.Loaded(details))

    def on_month_screen_loaded(self, message: Loaded) -> None:
        details = message.details
        if details.period_start != self.requested:
            return  # a later step is already on its way
        self.details = details
        self.shown = details.period_start
        self.title = details.title
        self.sub_title = f"{details.reporter_name} ↔ {details.partner_name}"
        self.query_one("#month-heading", Static).update(
            sections.heading(details, self.app.number_format)
        )
        renderers = {
            "flows": sections.flows,
            "other-years": sections.other_years,
            "commodities": sections.commodities,
            "events": sections.events,
            "sources": sections.sources,
        }
        for key, render in renderers.items():
            self.query_one(f"#month-{key}", Static).update(render(details, self.app.number_format))
        self.query_one(YearsChart).show(details.other_years)
        self.query_one("#month-body", VerticalScroll).scroll_home(animate=False)
        self._prefetch()

    def on_month_screen_failed(self, message: Failed) -> None:
        if message.period_start == self.requested:
            self.requested = self.shown
            self.notify(message.error, severity="error", markup=False)

    def action_step(self, by: int) -> None:
        target = step(self.wide, self.requested, by)
        if target is None:
            starts = period_starts(self.wide) or [self.requested]
            edge = starts[0] if by < 0 else starts[-1]
            row = self.wide.filter(pl.col("period_start") == edge)
            label = period_label(edge, row["period_end"][0]) if row.height else edge
            where = "first" if by < 0 else "last"
            self.notify(f"{label} is the {where} period in the data", markup=False)
            return
        self.requested = target
        self.load(target)

    def action_summary(self) -> None:
        details = self.details
        if details is None:
            return
        self.app.push_screen(
            SummaryScreen(
                self.dataset,
                details.period_start,
                details.period_end,
                details.reporter,
                details.partner,
            )
        )

    def action_copy_summary(self) -> None:
        if self.details is not None:
            self._write_summary(self.details)

    @work(thread=True, exclusive=True, group="month-copy")
    def _write_summary(self, details: MonthDetails) -> None:
        start, end = details.period_start, details.period_end
        label = period_label(start, end)
        try:
            summary = summarise(
                self.dataset, start, end, details.reporter, details.partner, AROUND_MONTHS
            )
        except Exception as error:
            self.post_message(self.SummaryWritten(label, "", error=error_line(error)))
            return
        self.post_message(self.SummaryWritten(label, render_text(summary, self.app.number_format)))

    def on_month_screen_summary_written(self, message: SummaryWritten) -> None:
        if message.error is not None:
            self.notify(f"Cannot summarise {message.label}: {message.error}", markup=False)
            return
        self.app.copy_to_clipboard(message.text)
        self.notify(f"Summary of {message.label} copied to the clipboard.", timeout=3)

    def action_copy_page(self) -> None:
        """Everything on show, as plain text (the chart is left out)."""
        if self.details is None:
            return
        console = Console(width=100, file=io.StringIO(), color_system=None, record=True)
        for static in self.query("#month-body > Static").results(Static):
            content = static.content
            if static.display and content:
                console.print(content.plain if isinstance(content, Content) else content)
        self.app.copy_to_clipboard(console.export_text().strip() + "\n")
        label = period_label(self.details.period_start, self.details.period_end)
        self.notify(f"The page of {label} copied to the clipboard.", timeout=3)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "commodities":
            return self.has_detail
        return True

    def action_commodities(self) -> None:
        details = self.details
        if details is None or not self.has_detail or self.dataset.detail is None:
            return
        if details.period_start != details.period_end:
            label = period_label(details.period_start, details.period_end)
            self.notify(f"HS detail is by single month; {label} combines several.", markup=False)
            return
        self.app.push_screen(
            CommodityScreen(
                self.dataset.aggregates,
                month=details.period_start,
                reporter=details.reporter,
                partner=details.partner,
            )
        )

    def action_close(self) -> None:
        self.dismiss(self.shown)
