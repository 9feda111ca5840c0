"""The summary dialog: a short news-brief of a period, the same text as `tradetui summary`."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.events import Resize
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Static

from tradetui import keys as bound
from tradetui.data.errors import DataError
from tradetui.data.load import Dataset
from tradetui.data.summary import Summary, range_name, summarise
from tradetui.data.text import visible
from tradetui.present.summary import render_text
from tradetui.screens.shown import SetUpWhenShown
from tradetui.worker_errors import error_line

# The widest the brief is wrapped to, as in the CLI; narrower terminals wrap it narrower.
TEXT_WIDTH = 88
# Events this many months either side of the period are listed too.
AROUND_MONTHS = 1


class SummaryScreen(SetUpWhenShown, ModalScreen[None]):
    """Summarise start..end (YYYY-MM) of one pair; the text is plain and copyable."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "Close", id="summary.close"),
        Binding("q", "dismiss", "Close", show=False, id="summary.close_q"),
        Binding("s", "dismiss", "Close", show=False, id="summary.close_s"),
        Binding("c", "copy", "Copy text", id="summary.copy"),
        Binding("y", "copy", "Copy text", show=False, id="summary.copy_y"),
    ]

    class Ready(Message):
        bubble = False

        def __init__(self, summary: Summary) -> None:
            super().__init__()
            self.summary = summary

    class Failed(Message):
        bubble = False

        def __init__(self, error: str) -> None:
            super().__init__()
            self.error = error

    def __init__(
        self,
        dataset: Dataset,
        start: str,
        end: str,
        reporter: str | None = None,
        partner: str | None = None,
    ) -> None:
        super().__init__()
        self.dataset = dataset
        self.start = start
        self.end = end
        self.reporter = reporter
        self.partner = partner
        self.summary: Summary | None = None
        self.error: str | None = None

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="summary-body") as body:
            try:
                name = range_name(self.start, self.end, short=True)
            except DataError:
                name = f"{self.start}..{self.end}"
            body.border_title = Text(f"Summary · {name}")
            body.border_subtitle = Text(
                bound.hints(
                    self.app,
                    (("summary.copy", "summary.copy_y"), "copy"),
                    (("summary.close", "summary.close_q", "summary.close_s"), "close"),
                )
            )
            yield Static(Text("Summarising…"), id="summary-text")

    def on_mount(self) -> None:
        self.query_one("#summary-body").focus()
        self.build()

    @work(thread=True, exclusive=True, group="summary")
    def build(self) -> None:
        try:
            summary = summarise(
                self.dataset, self.start, self.end, self.reporter, self.partner, AROUND_MONTHS
            )
        except Exception as error:
            self.post_message(self.Failed(error_line(error)))
            return
        self.post_message(self.Ready(summary))

    @property
    def text(self) -> str:
        """The text on show: the brief, the error, or '' while it is being written."""
        if self.summary is not None:
            return render_text(self.summary, self.app.number_format, self._wrap_width())
        return visible(self.error, newlines=True)

    def _wrap_width(self) -> int:
        body = self.query_one("#summary-body")
        # Leave room for a scrollbar, which appears only once the text is in.
        inner = body.size.width - body.styles.gutter.width - body.styles.scrollbar_size_vertical
        return max(40, min(TEXT_WIDTH, inner)) if inner > 0 else TEXT_WIDTH

    def _show(self) -> None:
        self.query_one("#summary-text", Static).update(Text(self.text))

    def on_summary_screen_ready(self, message: Ready) -> None:
        self.summary = message.summary
        self._show()

    def on_summary_screen_failed(self, message: Failed) -> None:
        self.error = f"Cannot summarise {self.start}..{self.end}: {message.error}"
        self._show()

    def on_resize(self, event: Resize) -> None:
        if self.summary is not None:
            self.call_after_refresh(self._show)

    def action_copy(self) -> None:
        if not self.text:
            return
        self.app.copy_to_clipboard(self.text)
        self.notify("Summary copied to the clipboard.", timeout=3)
