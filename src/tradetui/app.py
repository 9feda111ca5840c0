"""The tradetui Textual app. Build it with :func:`make_app` (the CLI and the tests do)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.events import DescendantFocus, Resize
from textual.screen import Screen
from textual.widgets import Input

from tradetui.screens.boot import BootScreen
from tradetui.screens.help import HelpScreen, binding_groups
from tradetui.screens.too_small import TooSmallScreen, too_small

if TYPE_CHECKING:
    from tradetui.commands import TradeCommands
    from tradetui.data.load import Dataset
    from tradetui.screens.main import MainScreen
    from tradetui.state import Loaded


def _trade_commands() -> type[TradeCommands]:
    # The palette's provider needs polars; import it when the palette first opens.
    from tradetui.commands import TradeCommands

    return TradeCommands


class TradeApp(App):
    """Explore bilateral trade: with no ``data`` it opens the embedded dataset."""

    CSS_PATH = "styles/app.tcss"
    TITLE = "tradetui"
    SUB_TITLE = "China–Russia goods trade (GACC)"
    COMMANDS = App.COMMANDS | {_trade_commands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit_or_back", "Quit", id="app.quit"),
        Binding("question_mark", "help", "Help", id="app.help"),
        Binding("f1", "help", "Help", show=False, id="app.help_f1"),
    ]

    def __init__(self, data: Path | None = None, dataset: Dataset | None = None) -> None:
        super().__init__()
        self.data = data
        # Already read (by the CLI's check), so the explorer need not read it again.
        self.dataset = dataset
        if data is not None:
            self.sub_title = str(data)

    def get_default_screen(self) -> Screen:
        # The explorer replaces the boot screen once its modules are imported.
        return BootScreen(self.data, self.dataset)

    @property
    def main_screen(self) -> MainScreen:
        return self.screen_stack[0]  # type: ignore[return-value]

    @property
    def loaded(self) -> Loaded | None:
        """The explorer's data, or None while booting or loading."""
        return getattr(self.screen_stack[0], "loaded", None)

    @property
    def years(self) -> list[int]:
        return self.loaded.years if self.loaded else []

    def on_resize(self, event: Resize) -> None:
        # The event's size: app.size may not have caught up with it yet.
        self.check_size(event.size.width, event.size.height)

    def check_size(self, width: int | None = None, height: int | None = None) -> None:
        """Cover the app with a 'terminal too small' notice below the smallest usable size."""
        if width is None or height is None:
            width, height = self.size
        if too_small(width, height) and not isinstance(self.screen, TooSmallScreen):
            self.push_screen(TooSmallScreen())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Under the notice nothing but quitting makes sense: there is no room to show it.
        if isinstance(self.screen, TooSmallScreen):
            return action == "quit"
        return True

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        # A blinking cursor makes screenshots differ from run to run; tests run headless.
        if self.is_headless and isinstance(event.widget, Input):
            event.widget.cursor_blink = False

    def action_quit_or_back(self) -> None:
        """q quits on the main screen; on any other screen it goes back one level."""
        if len(self.screen_stack) > 1:
            self.pop_screen()
        else:
            self.exit()

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            self.pop_screen()
            return
        self.push_screen(HelpScreen(binding_groups(self.screen)))

    def _to_main(self) -> MainScreen | None:
        """Back to the explorer; None (with a notice) while it is still starting."""
        while len(self.screen_stack) > 1:
            self.pop_screen()
        if isinstance(self.screen_stack[0], BootScreen):
            self.notify("Still starting up…", timeout=2)
            return None
        return self.main_screen

    def go_to_year(self, year: int) -> None:
        if main := self._to_main():
            main.go_to_year(year)

    def go_to_month(self, month: str) -> None:
        if main := self._to_main():
            main.go_to_month(month)

    def set_granularity(self, granularity: str) -> None:
        if main := self._to_main():
            main.set_granularity(granularity)

    def focus_pane(self, pane: str) -> None:
        if main := self._to_main():
            main.action_focus_pane(pane)

    def pick_pair(self) -> None:
        if main := self._to_main():
            main.action_pick_pair()

    def show_pair(self, reporter: str, partner: str) -> None:
        if main := self._to_main():
            main.show_pair(reporter, partner)

    def data_info(self) -> None:
        if main := self._to_main():
            main.action_data_info()

    def open_data(self) -> None:
        if main := self._to_main():
            main.action_open_data()

    def export_view(self) -> None:
        if main := self._to_main():
            main.action_export()

    def check_claims(self) -> None:
        if main := self._to_main():
            main.action_claims()

    def set_chart_range(self, spec: str) -> None:
        if main := self._to_main():
            main.chart.set_range(spec)
            main.action_focus_pane("chart")

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        # Quit is offered by TradeCommands with its key; keep one entry.
        return (c for c in super().get_system_commands(screen) if c.title != "Quit")


def make_app(data: Path | str | None = None, dataset: Dataset | None = None) -> TradeApp:
    """The app for ``data`` (a dataset folder or a trade file), or the embedded dataset.

    ``dataset`` is ``data`` already loaded, when the caller has read it.
    """
    return TradeApp(Path(data).expanduser() if data is not None else None, dataset)
