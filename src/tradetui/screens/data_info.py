"""What the loaded data is: where it came from, its layout, its size and the import's notes."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tradetui import keys as bound
from tradetui.data.text import visible
from tradetui.screens.shown import SetUpWhenShown
from tradetui.state import Loaded

FORMAT_NAMES = {
    "tradetui": "tradetui trade table",
    "comtrade": "UN Comtrade export",
    "gacc": "GACC-style cumulative reports",
}


def data_info(loaded: Loaded) -> Text:
    """Plain text: origin, layout, pairs and periods, what is missing, and every note.

    The origin is a path and the notes quote the file: shown through ``visible()``.
    """
    dataset = loaded.dataset
    wide = loaded.wide
    text = Text()
    text.append("Data: ", style="bold")
    text.append(f"{visible(dataset.origin)}\n")
    text.append("Layout: ", style="bold")
    text.append(f"{FORMAT_NAMES.get(dataset.source_format) or visible(dataset.source_format)}\n")
    text.append("Pair shown: ", style="bold")
    text.append(f"{loaded.pair_name}")
    if wide.height:
        text.append(f", {wide.height} periods, {wide['period_start'].min()} to ")
        text.append(f"{wide['period_end'].max()}")
    text.append(f"\nPairs in the data: {loaded.pairs.height}\n")
    text.append("Commodity detail (HS): ", style="bold")
    text.append("yes, c on a month opens it\n" if dataset.detail is not None else "none\n")
    if dataset.missing:
        text.append("Not in this dataset: ", style="bold")
        text.append(", ".join(dataset.missing) + "\n")
    if dataset.notes:
        text.append("\nNotes on the import\n", style="bold")
        for note in dataset.notes:
            text.append(f"• {visible(note)}\n")
    return text


class DataInfoScreen(SetUpWhenShown, ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "Close", id="info.close"),
        Binding("q", "dismiss", "Close", show=False, id="info.close_q"),
        Binding("i", "dismiss", "Close", show=False, id="info.close_i"),
    ]

    def __init__(self, loaded: Loaded) -> None:
        super().__init__()
        self.loaded = loaded

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="info-body") as body:
            body.border_title = Text("About the data")
            body.border_subtitle = Text(
                f"{bound.keys(self.app, 'info.close', 'info.close_q', 'info.close_i')} close"
            )
            yield Static(data_info(self.loaded), id="info-text")
