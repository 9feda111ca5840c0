"""Export the trade table on show to a file, asking before an existing file is replaced."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

import polars as pl
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from tradetui import keys as bound
from tradetui.data.errors import DataError
from tradetui.data.export import FORMATS, format_for, write_frame
from tradetui.data.paths import usable
from tradetui.data.text import visible
from tradetui.screens.shown import SetUpWhenShown
from tradetui.worker_errors import error_line


class ConfirmOverwriteScreen(SetUpWhenShown, ModalScreen[bool]):
    """Dismisses with True to overwrite ``path`` (y or enter), False to keep it (n or escape)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "dismiss(True)", "Overwrite", id="confirm.overwrite"),
        Binding("enter", "dismiss(True)", "Overwrite", show=False, id="confirm.overwrite_enter"),
        Binding("n", "dismiss(False)", "Keep the file", id="confirm.keep"),
        Binding("escape", "dismiss(False)", "Keep the file", show=False, id="confirm.keep_escape"),
    ]

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-body") as body:
            body.border_title = Text("Overwrite?")
            body.border_subtitle = Text(
                bound.hints(
                    self.app,
                    (("confirm.overwrite", "confirm.overwrite_enter"), "overwrite"),
                    (("confirm.keep", "confirm.keep_escape"), "keep it"),
                )
            )
            # The path is the user's text: shown literally, never as markup.
            yield Static(Text(visible(f"{self.path} exists. Replace it with the export?")))


class ExportScreen(SetUpWhenShown, ModalScreen[Path | None]):
    """Ask for a file name and write ``frame`` there; dismisses with the path written.

    The extension picks the format. The writing runs on a worker thread; a failure is one
    notification and the dialog stays open, so the name can be corrected.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Cancel", id="export.cancel"),
    ]

    class Written(Message):
        def __init__(self, path: Path, rows: int) -> None:
            super().__init__()
            self.path = path
            self.rows = rows

    class Failed(Message):
        def __init__(self, error: str) -> None:
            super().__init__()
            self.error = error

    def __init__(self, frame: pl.DataFrame, default: str, what: str) -> None:
        super().__init__()
        self.frame = frame
        self.default = default
        self.what = what
        self.written: Path | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="export-body") as body:
            body.border_title = Text(visible(f"Export {self.what}"))
            body.border_subtitle = Text(
                f"{bound.shown(self.app, 'enter')} export · "
                f"{bound.key(self.app, 'export.cancel')} cancel"
            )
            yield Static(
                Text(
                    f"{self.frame.height} rows. The extension picks the format: "
                    f"{', '.join(FORMATS)}. A name without a folder is written in "
                    f"{visible(str(Path.cwd()))}. An existing file is replaced only after you "
                    "confirm."
                ),
                id="export-help",
            )
            yield Input(value=self.default, id="export-path")

    def target(self, text: str) -> Path:
        path = usable(text)  # DataError for ~nosuchuser or a name too long
        return path if path.is_absolute() else Path.cwd() / path

    def on_input_submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text:
            self.notify("Type a file name, e.g. " + self.default, severity="warning", markup=False)
            return
        try:
            path = self.target(text)
            format_for(path)
        except DataError as error:
            self.notify(str(error), severity="error", timeout=6, markup=False)
            return
        if path.exists() and not path.is_dir():

            def confirmed(overwrite: bool | None) -> None:
                if overwrite:
                    self.write(path, force=True)

            self.app.push_screen(ConfirmOverwriteScreen(path), confirmed)
            return
        self.write(path, force=False)

    def write(self, path: Path, force: bool) -> None:
        self.query_one(Input).disabled = True  # one write at a time
        self._write(path, force)

    @work(thread=True, exclusive=True, group="export")
    def _write(self, path: Path, force: bool) -> None:
        try:
            written = write_frame(self.frame, path, force=force)
        except Exception as error:
            self.post_message(self.Failed(error_line(error)))
        else:
            self.post_message(self.Written(written, self.frame.height))

    def on_export_screen_written(self, message: ExportScreen.Written) -> None:
        rows = f"{message.rows} row{'s' if message.rows != 1 else ''}"
        self.notify(f"Exported {rows} to {message.path}", timeout=6, markup=False)
        self.written = message.path
        # Textual's dismiss closes the top screen: with the palette or help opened over the
        # dialog while it wrote, the dialog closes once it is shown again.
        if self.app.screen is self:
            self.dismiss(message.path)

    def on_screen_resume(self) -> None:
        if self.written is not None:
            self.dismiss(self.written)

    def on_export_screen_failed(self, message: ExportScreen.Failed) -> None:
        self.notify(
            f"Could not export: {message.error}", severity="error", timeout=10, markup=False
        )
        field = self.query_one(Input)
        field.disabled = False
        field.focus()
