"""Dialogs of the article view: change how a claim was read, and the article's brief."""

from __future__ import annotations

import dataclasses
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Select, Static

from tradetui import keys as bound
from tradetui.data import claims
from tradetui.data.article.reader import Reading
from tradetui.data.article.verdicts import table
from tradetui.data.errors import DataError
from tradetui.data.periods import period_label
from tradetui.data.text import visible

PERIOD_HINT = "a month 2023-09, a range 2023-01..2023-09 or a year 2023"


class ReadingScreen(ModalScreen[Reading | None]):
    """Period, flow and metric of one reading, checked by the claims reader on enter."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Cancel", id="reading.cancel"),
        Binding("ctrl+s", "save", "Use this reading", id="reading.save"),
    ]

    def __init__(self, reading: Reading, pair: tuple[str, str]) -> None:
        super().__init__()
        self.reading = reading
        self.pair = pair

    def compose(self) -> ComposeResult:
        reporter, partner = self.pair
        flows = ["total", "balance", f"{reporter}->{partner}", f"{partner}->{reporter}"]
        period = period_label(*self.reading.period) if self.reading.period else ""
        with Vertical(id="reading-body") as body:
            body.border_title = Text("How this claim is read")
            body.border_subtitle = Text(
                f"{bound.shown(self.app, 'enter')} / {bound.key(self.app, 'reading.save')} use · "
                f"{bound.key(self.app, 'reading.cancel')} cancel"
            )
            yield Static(Text(visible(self.reading.sentence.text)), id="reading-sentence")
            yield Static("Period", classes="reading-label")
            yield Input(period, placeholder=PERIOD_HINT, id="reading-period")
            yield Static("Flow", classes="reading-label")
            yield Select([(f, f) for f in flows], value=self.reading.flow, allow_blank=False,
                         id="reading-flow")  # fmt: skip
            yield Static("Metric", classes="reading-label")
            yield Select([(m, m) for m in claims.METRICS], value=self.reading.metric,
                         allow_blank=False, id="reading-metric")  # fmt: skip
            yield Static(id="reading-error")

    def on_mount(self) -> None:
        self.query_one("#reading-period", Input).focus()

    def on_input_submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        period = self.query_one("#reading-period", Input).value.strip()
        flow = str(self.query_one("#reading-flow", Select).value)
        metric = str(self.query_one("#reading-metric", Select).value)
        unit = self.reading.unit
        if metric == "value" and unit == "pct":
            unit = "USD bn"
        elif metric != "value":
            unit = "pct"
        error = self.query_one("#reading-error", Static)
        if self.reading.sign is not None and (metric, flow) != ("value", "balance"):
            error.update(Text("This claim states no figure, only the balance's side: only its "
                              "period can change."))  # fmt: skip
            return
        changed = dataclasses.replace(self.reading, flow=flow, metric=metric, unit=unit)
        try:
            claim = claims.parse_claim(table(changed, "article") | {"period": period}, "it", 1)
        except DataError as problem:
            error.update(Text(visible(str(problem))))
            return
        self.dismiss(
            dataclasses.replace(
                changed,
                period=(claim.start, claim.end),
                period_text=f"{period} (as corrected)",
                problem=None,
            )
        )


class BriefScreen(ModalScreen[None]):
    """The article's brief: the summary of the period it discusses, and its corrections."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "Close", id="brief.close"),
        Binding("s", "dismiss", "Close", show=False, id="brief.close_s"),
    ]

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="brief-body") as body:
            body.border_title = Text("Summary of the article")
            body.border_subtitle = Text(
                f"{bound.keys(self.app, 'brief.close', 'brief.close_s')} close"
            )
            yield Static(Text(visible(self.text, newlines=True)), id="brief-text")
