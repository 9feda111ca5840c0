"""The explorer's tables: a DataTable whose cells and rows can be copied.

`y` copies the text of the cell under the cursor, `Y` its row (cells separated by tabs,
so it pastes into a spreadsheet as a row). Textual's clipboard support writes OSC 52,
which also reaches the local clipboard over ssh in terminals that allow it.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import DataTable

from tradetui.present.format import machine_text


def plain(cell: object) -> str:
    """A cell's text as shown (Rich Text or Content give their plain text)."""
    return getattr(cell, "plain", None) or ("" if cell is None else str(cell))


def copied(cell: object) -> str:
    """A cell as copied: on one line, and a figure in the machine policy (ASCII minus, no
    thousands separators) so a spreadsheet reads it as a number."""
    return machine_text(plain(cell).replace("\n", " ").strip())


class Table(DataTable):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "copy_cell", "Copy cell", show=False, id="table.copy_cell"),
        Binding("Y", "copy_row", "Copy row", show=False, id="table.copy_row"),
    ]

    def action_copy_cell(self) -> None:
        if not self.row_count:
            return
        self._copy(copied(self.get_cell_at(self.cursor_coordinate)), "Cell")

    def action_copy_row(self) -> None:
        if not self.row_count:
            return
        cells = self.get_row_at(self.cursor_coordinate.row)
        self._copy("\t".join(copied(cell) for cell in cells), "Row")

    def _copy(self, text: str, what: str) -> None:
        self.app.copy_to_clipboard(text)
        shown = text if len(text) <= 60 else text[:59] + "…"
        self.notify(f"{what} copied: {shown}", timeout=3, markup=False)
