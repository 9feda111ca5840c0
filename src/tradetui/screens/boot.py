"""The first screen: drawn before polars and the data layer are imported.

Importing polars costs most of a second here; doing it on a worker thread lets the
terminal show the app at once and swap in the explorer when it is ready.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from tradetui.data.countries import DEFAULT_PAIR
from tradetui.preload import Preload

if TYPE_CHECKING:
    from tradetui.data.load import Dataset

EXPLORER_MODE = "explorer"


class BootScreen(Screen):
    """A loading screen that imports the explorer in a worker, then hands over to it."""

    class Ready(Message):
        """The explorer's modules are imported."""

    def __init__(
        self,
        data: Path | None,
        dataset: Dataset | None = None,
        pair: tuple[str, str] | None = None,
    ) -> None:
        super().__init__()
        self.data = data
        self.dataset = dataset
        self.pair = pair
        self.preload: Preload | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        # A still message, not an animated indicator: the import runs on a thread and
        # an animation would compete with it for the interpreter.
        yield Static("Loading the explorer…", id="boot-message")
        yield Footer()

    def on_mount(self) -> None:
        if self.dataset is None:
            # The data is read while the explorer is imported; the explorer takes it over.
            self.preload = Preload(self.data, self._first_pair())
        self._import_explorer()

    def _first_pair(self) -> tuple[str, str] | None:
        # The pair asked for, else China–Russia if the data has it (read first either way).
        if self.data is None:
            return None
        return self.pair or DEFAULT_PAIR

    @work(thread=True, exclusive=True, group="boot")
    def _import_explorer(self) -> None:
        importlib.import_module("tradetui.screens.main")
        self.post_message(self.Ready())

    def on_boot_screen_ready(self) -> None:
        if not self.app.is_running:
            return  # q while booting: the app is closing, and opens no mode as it does
        # What opened over the boot screen (the palette, help, the size notice) would stay
        # behind in this mode, still mounted: a second palette would then clash with it.
        # The explorer's own check puts the notice back when the terminal is too small.
        while self.app.screen is not self:
            self.app.pop_screen()
        from tradetui.screens.main import MainScreen

        # A mode of its own makes the explorer the base of its screen stack.
        from tradetui.screens.too_small import TooSmallScreen

        # A notice over the boot screen would stay behind in this mode: the explorer's
        # own check puts it back over the explorer when the terminal is still too small.
        while isinstance(self.app.screen, TooSmallScreen):
            self.app.pop_screen()
        data, dataset, preload, pair = self.data, self.dataset, self.preload, self.pair
        self.app.add_mode(EXPLORER_MODE, lambda: MainScreen(data, dataset, preload, pair))
        self.app.switch_mode(EXPLORER_MODE)
        self.app.call_after_refresh(self.app.check_size)
        self.app.check_keymap()  # every screen's bindings are imported now
