"""Check an article: paste it (or open a file), see each trade figure marked by its verdict.

The text is read and checked in a worker on every change, so the marks follow typing and
pasting. `n`/`p` move between claims with the detail beside, `enter` goes to the claim's
period, `r` changes how the claim is read (and the verdict with it), `s` gives the brief.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Footer, Header, Input, Static, TextArea

from tradetui import article_brief as brief
from tradetui.data import metrics
from tradetui.data.article import reader, source, verdicts
from tradetui.data.article.reader import ArticleReading, Reading
from tradetui.data.article.report import figure_line, tally
from tradetui.data.errors import DataError
from tradetui.data.text import visible
from tradetui.screens.article_dialogs import BriefScreen, ReadingScreen
from tradetui.state import Loaded
from tradetui.widgets.article_text import ArticleText

PASTED = "pasted text"


class ArticleScreen(Screen[str]):
    """An article's claims checked against ``loaded``'s dataset; dismissed with its text."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+r", "read", "Show marked", id="article.read"),
        Binding("e", "edit", "Edit text", id="article.edit"),
        Binding("n", "step(1)", "Next claim", id="article.next"),
        Binding("p", "step(-1)", "Previous claim", id="article.previous"),
        Binding("enter", "go_to_period", "Go to period", id="article.go"),
        Binding("r", "change_reading", "Change reading", id="article.change"),
        Binding("s", "brief", "Summary", id="article.brief"),
        Binding("escape", "back", "Back", id="article.back"),
    ]

    class Checked(Message):
        """The worker's result for one version of the text (or why it cannot be read)."""

        bubble = False

        def __init__(
            self,
            text: str,
            reading: ArticleReading | None,
            checks: list[verdicts.ArticleCheck],
            error: str | None = None,
        ) -> None:
            super().__init__()
            self.text = text
            self.reading = reading
            self.checks = checks
            self.error = error

    class Rechecked(Message):
        """The verdicts after a reading was changed by hand."""

        bubble = False

        def __init__(self, reading: ArticleReading, checks: list[verdicts.ArticleCheck]) -> None:
            super().__init__()
            self.reading = reading
            self.checks = checks

    class BriefReady(Message):
        bubble = False

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    class Opened(Message):
        bubble = False

        def __init__(self, article: source.ArticleText | None, error: str | None) -> None:
            super().__init__()
            self.article = article
            self.error = error

    def __init__(self, loaded: Loaded, text: str = "") -> None:
        super().__init__()
        self.loaded = loaded
        self.pair = metrics.top_pair(loaded.dataset.trade) or ("CHN", "RUS")
        self.initial = text
        self.name_shown = PASTED
        self.found_date: date | None = None  # a web page's own date, kept when re-read
        self.published: date | None = None  # the date typed in, which wins
        self.reading: ArticleReading | None = None
        self.checks: list[verdicts.ArticleCheck] = []
        self.current: int | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="article-body"):
            with ContentSwitcher(initial="article-edit", id="article-switch"):
                with Vertical(id="article-edit"):
                    with Horizontal(id="article-fields"):
                        yield Input(
                            placeholder="File to open (.txt .md .html), enter",
                            id="article-file",
                        )
                        yield Input(placeholder="Date YYYY-MM-DD", id="article-date")
                    yield TextArea(self.initial, id="article-input", soft_wrap=True)
                yield ArticleText(id="article-view")
            with VerticalScroll(id="article-detail"):
                yield Static(id="article-detail-text")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#article-input").border_title = Text("Article · paste or type")
        self.query_one("#article-view").border_title = Text("Article · claims marked")
        self.query_one("#article-detail").border_title = Text("Claim")
        self.query_one("#article-input", TextArea).focus()
        self._show_detail()
        if self.initial:
            self.check(self.initial)

    # --- reading and checking -------------------------------------------------------

    @on(TextArea.Changed, "#article-input")
    def _changed(self, event: TextArea.Changed) -> None:
        self.check(event.text_area.text)

    @work(thread=True, exclusive=True, group="article")
    def check(self, text: str) -> None:
        if not text.strip():
            self.post_message(self.Checked(text, None, [], "Paste an article or open a file."))
            return
        try:
            article = source.from_text(self.name_shown, text)
            found = reader.read(article, self.pair, self.published or self.found_date)
            checks = verdicts.check_article(found, self.loaded.dataset)
        except DataError as error:
            self.post_message(self.Checked(text, None, [], str(error)))
            return
        self.post_message(self.Checked(text, found, checks))

    def on_article_screen_checked(self, message: Checked) -> None:
        if message.text != self.query_one("#article-input", TextArea).text:
            return  # a newer version of the text is being checked
        self.reading, self.checks = message.reading, message.checks
        if self.current is not None and self.current >= len(self.checks):
            self.current = None
        self._redraw(message.error)

    @work(thread=True, exclusive=True, group="article-recheck")
    def recheck(self, reading: ArticleReading) -> None:
        self.post_message(
            self.Rechecked(reading, verdicts.check_article(reading, self.loaded.dataset))
        )

    def on_article_screen_rechecked(self, message: Rechecked) -> None:
        self.reading, self.checks = message.reading, message.checks
        self._redraw()

    def _redraw(self, error: str | None = None) -> None:
        text = self.reading.text if self.reading else ""
        view = self.query_one(ArticleText)
        view.show(text, self.checks, self.current)
        title = f"{visible(self.name_shown)} · {tally(self.checks)}" if self.reading else "Article"
        view.border_title = Text(title)
        self.query_one("#article-input").border_subtitle = Text(
            visible(error) if error else tally(self.checks)
        )
        self._show_detail(error)

    def _show_detail(self, error: str | None = None) -> None:
        detail = self.query_one("#article-detail-text", Static)
        if error:
            detail.update(Text(visible(error)))
            return
        if not self.checks:
            detail.update(Text("No trade claims yet.\nctrl+r shows the article marked."))
            return
        if self.current is None:
            lines = Text(tally(self.checks) + "\n\n")
            for number, check in enumerate(self.checks, start=1):
                lines.append(f"{number}. {check.verdict}  ")
                lines.append(visible(check.reading.figure_text) + "\n")
            lines.append("\nn / p move between claims")
            detail.update(lines)
            return
        check = self.checks[self.current]
        text = Text()
        text.append(f"Claim {self.current + 1} of {len(self.checks)}: {check.verdict}\n", "bold")
        text.append(visible(check.reading.sentence.text, newlines=True) + "\n\n", "italic")
        text.append("read as: " + visible(verdicts.describe(check.reading, self.pair)) + "\n")
        text.append(visible(figure_line(check)) + "\n")
        text.append("why: " + visible(check.why))
        detail.update(text)

    @on(Input.Changed, "#article-date")
    def _dated(self, event: Input.Changed) -> None:
        text = event.value.strip()
        try:
            self.published = date.fromisoformat(text) if text else None
        except ValueError:
            event.input.border_subtitle = Text("YYYY-MM-DD")
            return
        event.input.border_subtitle = None
        self.check(self.query_one("#article-input", TextArea).text)

    # --- files ---------------------------------------------------------------------

    @on(Input.Submitted, "#article-file")
    def _open(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self.open_file(event.value.strip())

    @work(thread=True, exclusive=True, group="article-open")
    def open_file(self, path: str) -> None:
        try:
            self.post_message(self.Opened(source.read_file(path), None))
        except (DataError, OSError) as error:
            self.post_message(self.Opened(None, str(error)))

    def on_article_screen_opened(self, message: Opened) -> None:
        if message.article is None:
            self.notify(visible(message.error), severity="error", markup=False)
            return
        self.name_shown = Path(message.article.name).name
        self.found_date = message.article.found_date
        self.query_one("#article-input", TextArea).load_text(message.article.text)
        self.check(message.article.text)
        self.action_read()

    # --- keys ----------------------------------------------------------------------

    def action_read(self) -> None:
        self.query_one(ContentSwitcher).current = "article-view"
        self.query_one(ArticleText).focus()

    def action_edit(self) -> None:
        self.query_one(ContentSwitcher).current = "article-edit"
        self.query_one("#article-input", TextArea).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Letters type into the text area; the claim keys work on the marked article.
        editing = self.query_one(ContentSwitcher).current == "article-edit"
        return not (editing and action in ("step", "go_to_period", "change_reading", "edit"))

    def action_step(self, delta: int) -> None:
        if not self.checks:
            return
        if self.current is None:
            self.current = 0 if delta > 0 else len(self.checks) - 1
        else:
            self.current = (self.current + delta) % len(self.checks)
        self._redraw()
        self.query_one(ArticleText).scroll_to_claim(self.current)

    def _current(self) -> verdicts.ArticleCheck | None:
        if self.current is None or not self.checks:
            self.notify("Choose a claim first: n / p.", timeout=2)
            return None
        return self.checks[self.current]

    def action_go_to_period(self) -> None:
        check = self._current()
        if check is None:
            return
        period = check.reading.period
        if period is None:
            self.notify("This claim's period is not known.", severity="warning", timeout=3)
            return
        wide = self.loaded.wide
        row = wide.filter((wide["period_start"] == period[0]) & (wide["period_end"] == period[1]))
        reporter, partner = self.pair
        if row.height:
            from tradetui.screens.month import MonthScreen

            self.app.push_screen(
                MonthScreen(self.loaded.dataset, wide, period[0], self.pair, self.loaded.mirror)
            )
            return
        from tradetui.data.summary import resolve_range
        from tradetui.screens.summary import SummaryScreen

        try:
            start, end = resolve_range(wide, *period, ("from", "to"))
        except DataError as error:
            self.notify(visible(str(error)), severity="warning", timeout=4, markup=False)
            return
        self.app.push_screen(SummaryScreen(self.loaded.dataset, start, end, reporter, partner))

    def action_change_reading(self) -> None:
        check = self._current()
        if check is None or self.reading is None:
            return
        index = self.current

        def changed(reading: Reading | None) -> None:
            if reading is None or self.reading is None or index is None:
                return
            readings = list(self.reading.readings)
            readings[index] = reading
            self.reading = dataclasses.replace(self.reading, readings=readings)
            self.recheck(self.reading)

        self.app.push_screen(ReadingScreen(check.reading, self.pair), changed)

    def action_brief(self) -> None:
        if not self.checks:
            self.notify("No claims to summarise yet.", timeout=2)
            return
        self.make_brief(list(self.checks))

    @work(thread=True, exclusive=True, group="article-brief")
    def make_brief(self, checks: list[verdicts.ArticleCheck]) -> None:
        try:
            text = brief.render(brief.brief(checks, self.loaded.dataset, self.pair))
        except DataError as error:
            text = f"No summary: {error}"
        self.post_message(self.BriefReady(text))

    def on_article_screen_brief_ready(self, message: BriefReady) -> None:
        self.app.push_screen(BriefScreen(message.text))

    def action_back(self) -> None:
        # The text goes back with the screen, so opening it again shows the same article.
        self.dismiss(self.query_one("#article-input", TextArea).text)
