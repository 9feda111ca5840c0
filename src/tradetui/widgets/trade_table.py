"""The trade table: one row per period of a year, with growth, and a total row."""

from __future__ import annotations

from typing import ClassVar

import polars as pl
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.coordinate import Coordinate
from textual.message import Message
from textual.widgets.data_table import CellDoesNotExist, RowDoesNotExist

from tradetui.trade_columns import GROWTH, PERIOD, SIGNED, Column, columns_for, header
from tradetui.widgets.table import Table

TOTAL_KEY = "total"
# After a total whose exports + imports miss it beyond their rounding (data.adds_up).
UNBALANCED_MARK = "≠"


class TradeTable(Table):
    """Cells are Text objects built here, so nothing from the data is read as markup."""

    class Resized(Message):
        """The table's size changed: it is as wide as its columns, which arrive after it
        is drawn, so what sits beside it is fitted again."""

    def on_resize(self, event: events.Resize) -> None:
        self.post_message(self.Resized())

    COMPONENT_CLASSES: ClassVar[set[str]] = Table.COMPONENT_CLASSES | {
        "trade-table--up",
        "trade-table--down",
        "trade-table--missing",
        "trade-table--total",
        "trade-table--unbalanced",
    }

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Open", id="trade.open"),
        Binding("j", "cursor_down", "Down", show=False, id="trade.down"),
        Binding("k", "cursor_up", "Up", show=False, id="trade.up"),
        Binding("home", "first_row", "First row", show=False, id="trade.first"),
        Binding("end", "last_row", "Last row", show=False, id="trade.last"),
        Binding("o", "screen.sort_by_cursor", "Sort", id="trade.sort"),
    ]

    DEFAULT_CSS = """
    TradeTable { height: 1fr; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="cell", header_height=2, fixed_columns=1, **kwargs)
        self.row_keys: list[str] = []
        self.columns_shown: tuple[Column, ...] = ()
        # Whether a shown total is marked as not adding up (the screen shows the legend).
        self.marked = False

    def action_first_row(self) -> None:
        self.move_cursor(row=0)

    def action_last_row(self) -> None:
        self.move_cursor(row=max(self.row_count - 1, 0))

    def show(
        self,
        rows: pl.DataFrame,
        total: dict | None,
        reporter: str,
        partner: str,
        sort: tuple[str, bool] | None,
        keep: str | None,
        granularity: str,
    ) -> None:
        """Replace the contents, keeping the cursor on row ``keep`` and the same column."""
        column = self.cursor_column
        self.clear(columns=True)
        self.columns_shown = columns_for(granularity)
        for shown in self.columns_shown:
            arrow = ""
            if sort and sort[0] == shown.key:
                arrow = " ▼" if sort[1] else " ▲"
            label = header(shown, reporter, partner, granularity, self.app.number_format.unit_label)
            first, second = label.split("\n")
            justify = "left" if shown.kind == PERIOD else "right"
            self.add_column(Text(f"{first}{arrow}\n{second}", justify=justify), key=shown.key)
        self.row_keys = []
        self.marked = "flows_add_up" in rows.columns and bool(
            (rows["flows_add_up"] == False).any()  # noqa: E712 (null is not False)
        )
        for row in rows.iter_rows(named=True):
            self.row_keys.append(row["key"])
            self.add_row(*self._cells(row), key=row["key"])
        if total is not None:
            self.add_row(*self._total_cells(total), key=TOTAL_KEY)
        target = self.row_keys.index(keep) if keep in self.row_keys else 0
        if self.row_count:
            self.cursor_coordinate = Coordinate(target, min(column, len(self.columns) - 1))

    def _cells_of(self, row: dict) -> list[Text]:
        """One cell per shown column: the period's name, or its figure drawn by kind."""
        cells = []
        for column in self.columns_shown:
            value = row.get(column.frame)
            if column.kind == PERIOD:
                cells.append(Text(row["name"]))
            elif column.kind == GROWTH:
                cells.append(self._growth(value))
            else:
                cells.append(self._value(value, signed=column.kind == SIGNED))
        return cells

    def _cells(self, row: dict) -> list[Text]:
        cells = self._cells_of(row)
        if self.marked:
            # Every total gets the mark's width, so the column stays aligned.
            total = cells[self._index("total")]
            if row.get("flows_add_up") is False:
                style = self.get_component_rich_style("trade-table--unbalanced", partial=True)
                total.append(f" {UNBALANCED_MARK}", style=style)
            else:
                total.append("  ")
        return cells

    def _total_cells(self, total: dict) -> list[Text]:
        """The year's total row: the step from the row before and YTD have no meaning there."""
        style = self.get_component_rich_style("trade-table--total", partial=True)
        cells = self._cells_of(total)
        if self.marked:
            cells[self._index("total")].append("  ")
        for cell in cells:
            cell.stylize(style)
        return cells

    def _index(self, key: str) -> int:
        return [c.key for c in self.columns_shown].index(key)

    def _value(self, value: float | None, signed: bool = False) -> Text:
        if value is None:
            return Text(
                "—",
                style=self.get_component_rich_style("trade-table--missing", partial=True),
                justify="right",
            )
        return Text(self.app.number_format.money(value, sign=signed), justify="right")

    def _growth(self, value: float | None) -> Text:
        if value is None:
            return self._value(None)
        name = "trade-table--up" if value >= 0 else "trade-table--down"
        style = self.get_component_rich_style(name, partial=True)
        return Text(self.app.number_format.growth(value), style=style, justify="right")

    @property
    def current_key(self) -> str | None:
        """The key of the row under the cursor; None on the total row or when empty."""
        try:
            key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        except CellDoesNotExist:
            return None
        return None if key == TOTAL_KEY else key

    @property
    def cursor_column_key(self) -> str | None:
        try:
            return self.coordinate_to_cell_key(self.cursor_coordinate).column_key.value
        except CellDoesNotExist:
            return None

    def move_to(self, key: str) -> bool:
        try:
            index = self.get_row_index(key)
        except RowDoesNotExist:
            return False
        self.move_cursor(row=index)
        return True
