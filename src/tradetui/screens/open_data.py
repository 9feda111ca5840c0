"""Ask for a file or folder of trade data to open in place of the one shown."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from tradetui import keys as bound
from tradetui.data.errors import DataError
from tradetui.data.paths import expand
from tradetui.screens.shown import SetUpWhenShown


class OpenDataScreen(SetUpWhenShown, ModalScreen[Path | None]):
    """Dismisses with the path typed, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Cancel", id="open.cancel"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="open-body") as body:
            body.border_title = Text("Open trade data")
            body.border_subtitle = Text(
                f"{bound.shown(self.app, 'enter')} open · "
                f"{bound.key(self.app, 'open.cancel')} cancel"
            )
            yield Static(
                Text(
                    "A dataset folder, a UN Comtrade export, a GACC-style report or a trade "
                    "table (CSV or Parquet, a file or a folder of files). The data shown now "
                    "stays until the new data is ready; escape while loading cancels."
                ),
                id="open-help",
            )
            yield Input(placeholder="path, e.g. ~/Downloads/comtrade.csv", id="open-path")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if self.app.screen is not self:  # stale: queued behind a key that left this screen
            return
        text = event.value.strip()
        if not text:
            self.notify("Type a path to a file or folder.", severity="warning", timeout=3)
            return
        try:
            path = expand(text)
        except DataError as error:  # ~nosuchuser: said here, the dialog stays open
            self.notify(str(error), severity="error", timeout=6, markup=False)
            return
        self.dismiss(path)
