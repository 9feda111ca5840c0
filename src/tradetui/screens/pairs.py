"""The pair picker: which reporter–partner pair the explorer shows."""

from __future__ import annotations

from typing import ClassVar

import polars as pl
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tradetui import keys as bound
from tradetui.present.format import Format
from tradetui.screens.shown import SetUpWhenShown
from tradetui.state import pair_label

Pair = tuple[str, str]


def _prompt(row: dict, current: Pair | None, fmt: Format) -> Text:
    # pair_label names the countries through country_name(), which marks control characters.
    text = Text(pair_label(row["reporter"], row["partner"]), style="bold")
    if (row["reporter"], row["partner"]) == current:
        text.append("  (shown)", style="dim")
    value = fmt.with_unit(row["value"])
    text.append(f"\n  {value} over {row['periods']} periods", style="dim")
    if row["mirror"]:
        text.append(" · both sides report", style="dim")
    if row["world"]:
        text.append(" · the world total, not a bilateral pair", style="dim")
    return text


class PairScreen(SetUpWhenShown, ModalScreen[Pair | None]):
    """Lists every pair of the dataset, largest first; dismisses with the chosen one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Cancel", id="pairs.cancel"),
        Binding("q", "dismiss(None)", "Cancel", show=False, id="pairs.cancel_q"),
    ]

    def __init__(self, pairs: pl.DataFrame, current: Pair | None, ranking: bool = True) -> None:
        super().__init__()
        self.pairs = pairs
        self.current = current
        # False while only the pair shown is read: the others are still being ranked.
        self.ranking = ranking
        # Options are found by their place: a code may hold any character, ">" too.
        self.choices: list[Pair] = list(pairs.select("reporter", "partner").iter_rows())

    def compose(self) -> ComposeResult:
        options = [
            Option(_prompt(row, self.current, self.app.number_format), id=f"pair-{index}")
            for index, row in enumerate(self.pairs.iter_rows(named=True))
        ]
        picker = OptionList(*options, id="pair-list")
        picker.border_title = Text(
            "Show which pair?" if self.ranking else "Show which pair? (still reading the others)"
        )
        picker.border_subtitle = Text(
            f"{bound.shown(self.app, 'enter')} choose · "
            f"{bound.key(self.app, 'pairs.cancel')} cancel"
        )
        yield picker

    def on_mount(self) -> None:
        picker = self.query_one(OptionList)
        if self.current in self.choices:
            picker.highlighted = self.choices.index(self.current)
        picker.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if self.app.screen is not self:  # stale: queued behind a key that left this screen
            return
        self.dismiss(self.choices[event.option_index])
