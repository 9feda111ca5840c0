"""The tradetui Textual app. Build it with :func:`make_app` (the CLI and the tests do)."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import App, SystemCommand
from textual.await_complete import AwaitComplete
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.events import DescendantFocus, Resize
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.theme import Theme, ThemeProvider
from textual.widgets import Input
from textual.worker import WorkerFailed

from tradetui.config import Config, ConfigError, save_theme
from tradetui.data.locations import Location, is_remote
from tradetui.data.paths import expand
from tradetui.data.spark_url import is_spark
from tradetui.data.text import visible
from tradetui.keys import key
from tradetui.palette import CommandPalette
from tradetui.present.format import Format
from tradetui.screens.boot import BootScreen
from tradetui.screens.help import HelpScreen, binding_groups, binding_ids
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

    def __init__(
        self,
        data: Path | None = None,
        dataset: Dataset | None = None,
        settings: Config | None = None,
        settings_problem: str | None = None,
        pair: tuple[str, str] | None = None,
        data_problem: str | None = None,
    ) -> None:
        super().__init__()
        # The reporter–partner pair asked for (--reporter/--partner), shown first.
        self.pair = pair
        self.settings = settings or Config()
        # Why the config file was not used (the defaults are), shown once the app is up.
        self.settings_problem = settings_problem
        # Why the saved data setting was not opened (the embedded data is), shown likewise.
        self.data_problem = data_problem
        # The one number format every screen and widget writes with.
        self.number_format = Format(self.settings.unit, self.settings.decimals)
        self.set_keymap(self.settings.keys)
        self.data = data
        # Already read (by the CLI's check), so the explorer need not read it again.
        self.dataset = dataset
        # The one line said on exit after an unexpected error (the details are in a log).
        self.crash_line: str | None = None
        if data is not None:
            self.sub_title = str(data)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Textual's notify, but literal by default: messages quote file names and data.

        Widgets' and screens' notify() end here too, so no message is read as markup unless
        asked, and control characters in it are shown as marks.
        """
        super().notify(
            visible(message, newlines=True),
            title=visible(title),
            severity=severity,
            timeout=timeout,
            markup=markup,
        )

    def format_title(self, title: str, sub_title: str) -> Content:
        # Titles carry file paths and country codes from the data: never raw controls.
        return super().format_title(visible(title), visible(sub_title))

    def on_mount(self) -> None:
        if self.settings_problem:
            self.notify(
                f"{self.settings_problem}; using the default settings",
                title="Config",
                severity="error",
                timeout=20,
            )
        if self.data_problem:
            self.notify(self.data_problem, title="Data", severity="error", timeout=20)
        if self.settings.theme is not None:
            self._use_saved_theme(self.settings.theme)
        self._theme_at_start = self.theme
        self.theme_changed_signal.subscribe(self, self._remember_theme)

    def _use_saved_theme(self, name: str) -> None:
        """The config's theme, or the default with one notice when it cannot be used."""
        if name not in self.available_themes:
            self.notify(
                f"No theme called {name!r}; the palette's 'Theme' command lists them",
                title="Config",
                severity="warning",
                timeout=12,
            )
            return
        default = self.theme
        try:
            # Its colours are worked out when the screen is styled, too late to fall back.
            self.get_theme(name).to_color_system().generate()
            self.theme = name
        except Exception as error:  # a theme that cannot be applied must not stop the app
            self.theme = default
            self.notify(
                f"The theme {name!r} cannot be used ({type(error).__name__}: "
                f"{visible(str(error))[:80]}); using {default}",
                title="Config",
                severity="warning",
                timeout=12,
            )

    def _remember_theme(self, theme: Theme) -> None:
        # The theme chosen in the palette is saved in the config file (when there is one:
        # the tests' apps have none) so the next run starts with it.
        if theme.name == self._theme_at_start or self.settings.path is None:
            return
        self._theme_at_start = theme.name
        try:
            save_theme(self.settings.path, theme.name)
        except (ConfigError, OSError) as error:
            # A ConfigError's line starts with the file; an OSError's reason does not.
            reason = str(error)
            if isinstance(error, OSError):
                reason = f"{self.settings.path}: {error.strerror or error}"
            self.notify(
                f"The theme {theme.name} is used for this session but not saved: {reason}. "
                "Settings are written only into a tradetui config file.",
                title="Config",
                severity="warning",
                timeout=12,
            )

    def check_keymap(self) -> None:
        """Name the config's key remaps whose binding id the app does not have."""
        if not self.settings.keys:
            return  # nothing to check: binding_ids() imports every screen
        unknown = sorted(set(self.settings.keys) - binding_ids())
        if unknown:
            self.notify(
                f"Unknown binding id{'s' if len(unknown) > 1 else ''} in [keys]: "
                f"{', '.join(unknown)}; the help screen ({key(self, 'app.help')}) lists the ids",
                title="Config",
                severity="warning",
                timeout=12,
            )

    def get_default_screen(self) -> Screen:
        # The explorer replaces the boot screen once its modules are imported.
        return BootScreen(self.data, self.dataset, self.pair)

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

    def _handle_exception(self, error: Exception) -> None:
        # A worker's error is said in one line and the app goes on (tradetui/worker_errors.py).
        if isinstance(error, WorkerFailed) and self.is_running and self._exception is None:
            from tradetui.worker_errors import error_line

            line = error_line(error.error)
            self.notify(line, title="Error", severity="error", timeout=20)
            return
        # Anything else: Textual exits and prints the traceback; the user gets one line and
        # the log's path instead (the tests still see the exception: pilot re-raises it).
        from tradetui import crash

        first = self._exception is None  # errors while closing down follow from the first
        super()._handle_exception(error)
        self._exit_renderables.clear()
        if first:
            self.crash_line = crash.message(error, crash.write_log(error))

    def run(self, *args: Any, **kwargs: Any) -> Any:
        result = super().run(*args, **kwargs)
        if self.crash_line:  # printed once the terminal is back to normal, unwrapped
            print(self.crash_line, file=sys.stderr)
        return result

    def action_command_palette(self) -> None:
        # As Textual's, with the palette whose paging is safe (tradetui/palette.py).
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette())

    def search_themes(self) -> None:
        self.push_screen(
            CommandPalette(providers=[ThemeProvider], placeholder="Search for themes…")
        )

    def pop_screen(self) -> AwaitComplete:
        # Two quick closes of one screen (enter twice in the command palette, say) ask for a
        # second pop after the first; the explorer at the base is never popped.
        if len(self.screen_stack) <= 1:
            return AwaitComplete()
        return super().pop_screen()

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

    def go_to_month(self, month: str, granularity: str | None = None) -> None:
        if main := self._to_main():
            main.go_to_month(month, granularity)

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

    def check_article(self) -> None:
        if main := self._to_main():
            main.action_article()

    def set_chart_range(self, spec: str) -> None:
        if main := self._to_main():
            main.chart.set_range(spec)
            main.action_focus_pane("chart")

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        # Quit is offered by TradeCommands with its key; keep one entry.
        return (c for c in super().get_system_commands(screen) if c.title != "Quit")


def make_app(
    data: Path | str | None = None,
    dataset: Dataset | None = None,
    settings: Config | None = None,
    settings_problem: str | None = None,
    pair: tuple[str, str] | None = None,
    data_problem: str | None = None,
) -> TradeApp:
    """The app for ``data`` (a dataset folder or a trade file), or the embedded dataset.

    ``dataset`` is ``data`` already loaded, when the caller has read it. ``settings`` are
    the config file's with the command line's options over them (default: the defaults,
    saving nothing); ``settings_problem`` is why the config file could not be used.
    ``pair`` (reporter, partner) is shown first, before the other pairs are read.
    ``data_problem`` is why the saved ``data`` setting was not opened.
    """
    # A remote location or a Spark Connect table (sc://…) is no local path.
    remote = is_remote(data) or is_spark(data)
    path = None if data is None else Location(data) if remote else expand(data)
    return TradeApp(path, dataset, settings, settings_problem, pair, data_problem)
