"""The help screen: the keys of the focused pane and of the app, read from the bindings."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from tradetui import keys as bound
from tradetui.screens.shown import SetUpWhenShown

# (keys, description, binding id) rows under a group heading.
Groups = list[tuple[str, list[tuple[str, str, str]]]]


def binding_classes() -> list[type]:
    """The app and every class of its screens and widgets (imports them all)."""
    import importlib
    import pkgutil

    import tradetui.screens
    import tradetui.widgets
    from tradetui.app import TradeApp

    classes: list[type] = [TradeApp]
    for package in (tradetui.screens, tradetui.widgets):
        for info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            classes += [value for value in vars(module).values() if isinstance(value, type)]
    return classes


def binding_ids() -> set[str]:
    """The id of every binding the app declares: what the config's [keys] can remap."""
    return {
        binding.id
        for cls in binding_classes()
        for binding in cls.__dict__.get("BINDINGS", [])
        if isinstance(binding, Binding) and binding.id
    }


def sentence_case(description: str) -> str:
    """'Page Left' (Textual's own wording) as ours are written: 'Page left'."""
    first, *rest = description.split(" ")
    return " ".join([first, *(w.lower() if w.istitle() and len(w) > 1 else w for w in rest)])


def binding_groups(screen: Screen) -> Groups:
    """Group the screen's active bindings: the focused pane's first, then the app's.

    Keys bound to the same action on the same node share one row ("? / f1").
    """
    app = screen.app
    groups: dict[str, dict[tuple[int, str], tuple[list[str], str, str]]] = {
        "Focused pane": {},
        "App": {},
    }
    for active in screen.active_bindings.values():
        binding = active.binding
        if not binding.description:
            continue
        group = "App" if isinstance(active.node, App | Screen) else "Focused pane"
        slot = (id(active.node), binding.action)
        # Ours are written in sentence case; Textual's own are not ('Page Left').
        description = binding.description if binding.id else sentence_case(binding.description)
        keys, _, _ = groups[group].setdefault(slot, ([], description, binding.id or ""))
        display = binding.key_display or app.get_key_display(binding)
        if display not in keys:
            keys.append(display)
    return [
        (name, [(" / ".join(keys), description, id_) for keys, description, id_ in rows.values()])
        for name, rows in groups.items()
        if rows
    ]


class HelpScreen(SetUpWhenShown, ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "Close help", id="help.close"),
        Binding("q", "dismiss", "Close help", show=False, id="help.close_q"),
        Binding("question_mark", "dismiss", "Close help", show=False, id="help.close_question"),
        Binding("f1", "dismiss", "Close help", show=False, id="help.close_f1"),
    ]

    def __init__(self, groups: Groups) -> None:
        super().__init__()
        self.groups = groups

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body") as body:
            body.border_title = Text("Keys")
            body.border_subtitle = Text(
                f"{bound.keys(self.app, 'help.close', 'help.close_q', 'help.close_question')} close"
            )
            # One width per column over every group, so the groups' columns line up.
            rows_of_all = [row for _, rows in self.groups for row in rows]
            key_width = max((len(row[0]) for row in rows_of_all), default=0)
            what_width = max((len(row[1]) for row in rows_of_all), default=0)
            for name, rows in self.groups:
                yield Static(Text(name), classes="help-heading")
                table = Table.grid(padding=(0, 2))
                table.add_column(no_wrap=True, min_width=max(14, key_width), style="bold")
                table.add_column(min_width=what_width)
                table.add_column(style="dim")  # the id a config file remaps
                for keys, description, binding_id in rows:
                    table.add_row(Text(keys), Text(description), Text(binding_id))
                yield Static(table, classes="help-table")
