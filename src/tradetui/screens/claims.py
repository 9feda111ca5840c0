"""The claims view: the shipped claims (published figures) checked against the loaded data."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from tradetui import keys as bound
from tradetui.data import claims
from tradetui.data.claims import Check
from tradetui.data.text import visible
from tradetui.present.wording import flow_name, metric_name
from tradetui.screens.shown import SetUpWhenShown
from tradetui.state import Loaded
from tradetui.widgets.table import Table
from tradetui.worker_errors import error_line

_COLUMNS = (
    "Claim",
    "Period",
    "Flow",
    "Metric",
    "Stated",
    "Data",
    "Diff.",
    "Verdict",
    "Basis",
)
_VERDICT_CLASS = {
    claims.CONSISTENT: "claims-table--consistent",
    claims.DIRECTION_SWAPPED: "claims-table--swapped",
    claims.DIFFERENT_BASIS: "claims-table--basis",
    claims.INCONSISTENT: "claims-table--inconsistent",
    claims.NOT_CHECKABLE: "claims-table--muted",
}


def target(period: str) -> tuple[str, str]:
    """Where a claim's period is shown: ('year', '2023') or ('month', the last month)."""
    period = period.strip()
    if "." not in period and "-" not in period:
        return "year", period
    return "month", period.partition("..")[2].strip() or period


def explanation(check: Check) -> Text:
    """The verdict in words: what was compared, and what the claim fits instead."""
    claim = check.claim
    text = Text()
    text.append(f"{check.verdict}: ", style="bold")
    text.append(visible(f"stated {claims.stated_text(claim)}"))
    if check.computed is None:
        text.append(f"; not in the data: {visible(check.reason)}")
        return text
    text.append(f", data {claims.format_figure(claim, check.computed)}{claims.basis_note(check)}")
    if check.difference is not None:
        text.append(
            f", difference {claims.format_figure(claim, check.difference, difference=True)}"
        )
    if check.verdict == claims.DIRECTION_SWAPPED and check.opposite_value is not None:
        text.append(
            f"; consistent with {visible(check.opposite_flow)} "
            f"({claims.format_figure(claim, check.opposite_value)})"
        )
    for note in check.notes:
        text.append(f"\n{visible(note)}")
    published = claims.source_line(check)
    if published:
        text.append(f"\npublished: {visible(published)}")
    return text


class ClaimsTable(Table):
    """Cells are Text objects built here, so nothing from a claims file is read as markup."""

    COMPONENT_CLASSES: ClassVar[set[str]] = Table.COMPONENT_CLASSES | set(_VERDICT_CLASS.values())
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Go to period", id="claims.go"),
        Binding("j", "cursor_down", "Down", show=False, id="claims.down"),
        Binding("k", "cursor_up", "Up", show=False, id="claims.up"),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", fixed_columns=1, **kwargs)

    def show(self, checks: list[Check]) -> None:
        self.clear(columns=True)
        for label in _COLUMNS:
            self.add_column(Text(label))
        for number, check in enumerate(checks):
            claim = check.claim
            stated = claims.stated_short(claim)
            # In the claim's own unit and decimals: number() applies no unit scale.
            places, fmt = _places(claim), self.app.number_format
            computed = fmt.number(check.computed, decimals=places)
            difference = fmt.number(check.difference, sign=True, decimals=places)
            # Colour and weight only: the row's own background shows the cursor.
            style = self.get_component_rich_style(_VERDICT_CLASS[check.verdict])
            verdict = Text(check.verdict, style=Style(color=style.color, bold=style.bold))
            # A claims file's text is shown with its control characters as marks.
            self.add_row(
                Text(f"{_short(visible(Path(claim.file).stem))} {claim.index}"),
                Text(visible(claim.period)),
                Text(flow_name(claim.flow)),
                Text(metric_name(claim.metric)),
                Text(visible(stated), justify="right"),
                Text(computed, justify="right"),
                Text(difference, justify="right"),
                verdict,
                Text(visible(check.basis) or "—"),
                key=str(number),
            )


def _short(name: str, width: int = 11) -> str:
    # The full file name is under the table; the column keeps to 120 columns.
    return name if len(name) <= width else name[: width - 1] + "…"


def _places(claim: claims.Claim) -> int:
    return claims.SHOWN_DECIMALS[claim.unit]


class ClaimsScreen(SetUpWhenShown, Screen[None]):
    """Check the claims files (default: the shipped ones) against ``loaded``'s dataset."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="claims.back"),
        Binding("backspace", "back", "Back", show=False, id="claims.back_backspace"),
        Binding("q", "back", "Back", show=False, id="claims.back_q"),
    ]

    class Checked(Message):
        """The worker's result: the checks of every readable file, one line per bad file."""

        bubble = False

        def __init__(self, checks: list[Check], errors: list[str]) -> None:
            super().__init__()
            self.checks = checks
            self.errors = errors

    def __init__(self, loaded: Loaded, files: list[Path] | None = None) -> None:
        super().__init__()
        self.loaded = loaded
        self.files = files
        self.checks: list[Check] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="claims-errors", classes="-hidden")
        yield ClaimsTable(id="claims-table")
        yield Static(id="claims-detail")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table = self.query_one(ClaimsTable)
        table.border_title = Text("Claims · checking…")
        table.border_subtitle = Text(
            bound.hints(self.app, ("claims.go", "go to period"), ("claims.back", "back"))
        )
        self.query_one("#claims-detail").border_title = Text("Highlighted claim")
        table.loading = True
        table.focus()
        self.check()

    @work(thread=True, exclusive=True, group="claims")
    def check(self) -> None:
        checks: list[Check] = []
        errors: list[str] = []
        try:
            files = claims.claim_files(self.files)
        except Exception as error:
            self.post_message(self.Checked([], [error_line(error)]))
            return
        # A bad file is reported on its own line; the other files are still checked.
        for path in files:
            try:
                checks += claims.check_claims(claims.read_claims(path), self.loaded.dataset)
            except Exception as error:
                errors.append(error_line(error))
        self.post_message(self.Checked(checks, errors))

    def on_claims_screen_checked(self, message: Checked) -> None:
        self.checks = message.checks
        table = self.query_one(ClaimsTable)
        table.loading = False
        table.border_title = Text(f"Claims · {claims.tally(self.checks)}")
        table.show(self.checks)
        errors = self.query_one("#claims-errors", Static)
        errors.update(Text("\n".join(visible(error) for error in message.errors)))
        errors.set_class(not message.errors, "-hidden")
        self._show_detail(0)

    @on(DataTable.RowHighlighted, "#claims-table")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail(event.cursor_row)

    def _show_detail(self, row: int) -> None:
        detail = self.query_one("#claims-detail", Static)
        if not 0 <= row < len(self.checks):
            detail.update(Text("No claims to show." if not self.checks else ""))
            return
        check = self.checks[row]
        claim = check.claim
        text = Text()
        text.append(f"{visible(Path(claim.file).name)}: claim {claim.index}", style="bold")
        text.append(
            f"  {visible(claim.period)} · {flow_name(claim.flow)} · {metric_name(claim.metric)}\n"
        )
        text.append(visible(claim.text, newlines=True) + "\n", style="italic")
        text.append_text(explanation(check))
        text.append(f"\nsource: {visible(claim.source) or '—'}")
        detail.update(text)

    @on(DataTable.RowSelected, "#claims-table")
    def _selected(self, event: DataTable.RowSelected) -> None:
        if self.app.screen is not self:  # stale: queued behind a key that left this screen
            return
        if 0 <= event.cursor_row < len(self.checks):
            self.go_to_period(self.checks[event.cursor_row].claim.period)

    def go_to_period(self, period: str) -> None:
        """Back to the main screen on the claim's period; a period outside the data stays."""
        kind, value = target(period)
        wide = self.loaded.wide
        if kind == "year":
            inside = int(value) in self.loaded.years
        else:
            inside = wide["period_start"].min() <= value <= wide["period_end"].max()
        if not inside:
            self.notify(
                f"{period} is outside the data.", severity="warning", timeout=4, markup=False
            )
            return
        main = self.app.main_screen
        if kind == "year":
            go = partial(main.go_to_year, int(value))
        else:
            go = partial(main.go_to_month, value, granularity="month")
        self.app.pop_screen()
        # As after the month screen: fill the table once the main screen is drawn again.
        main.call_after_refresh(go)
        main.table.focus()

    def action_back(self) -> None:
        self.app.pop_screen()
