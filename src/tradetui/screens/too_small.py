"""Shown over everything while the terminal is smaller than the app can lay out."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.events import Resize
from textual.screen import ModalScreen
from textual.widgets import Static

from tradetui.screens.shown import SetUpWhenShown

# Below this the panes cannot show a row of data with its header (80×24 is comfortable).
MIN_WIDTH = 60
MIN_HEIGHT = 15


def too_small(width: int, height: int) -> bool:
    return width < MIN_WIDTH or height < MIN_HEIGHT


def message(width: int, height: int) -> Text:
    if width < 30 or height < 8:
        # Every word has to fit: three short lines.
        text = f"Too small: {width}×{height}\nneeds {MIN_WIDTH}×{MIN_HEIGHT}\nq quits"
    else:
        text = (
            f"Terminal too small: {width}×{height}\n"
            f"tradetui needs at least {MIN_WIDTH}×{MIN_HEIGHT}.\n"
            "Make the window bigger and everything comes back as it was.\nq quits."
        )
    return Text(text, justify="center")


class TooSmallScreen(SetUpWhenShown, ModalScreen[None]):
    """Closes itself as soon as the terminal is big enough again."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "app.quit", "Quit", id="too_small.quit"),
    ]

    def compose(self) -> ComposeResult:
        yield Static(id="too-small-text")

    def on_mount(self) -> None:
        self.query_one(Static).update(message(*self.app.size))

    def on_resize(self, event: Resize) -> None:
        if too_small(event.size.width, event.size.height):
            self.query_one(Static).update(message(event.size.width, event.size.height))
        elif self.app.screen is self:
            self.dismiss()
