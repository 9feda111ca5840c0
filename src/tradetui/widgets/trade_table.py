"""The trade table: one row per period of a year, with growth, and a total row."""

from __future__ import annotations

from typing import ClassVar

import polars as pl
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.coordinate import Coordinate
from textual.widgets.data_table import CellDoesNotExist, RowDoesNotExist

from tradetui.state import SORT_COLUMNS
from tradetui.widgets.table import Table

TOTAL_KEY = "total"
# After a total whose exports + imports miss it beyond their rounding (data.adds_up).
UNBALANCED_MARK = "≠"


class TradeTable(Table):
    """Cells are Text objects built here, so nothing from the data is read as markup."""

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
        # Whether a shown total is marked as not adding up (the screen shows the legend).
        self.marked = False

    def action_first_row(self) -> None:
        self.move_cursor(row=0)

    def action_last_row(self) -> None:
        self.move_cursor(row=max(self.row_count - 1, 0))

    def _labels(self, reporter: str, partner: str, granularity: str) -> list[str]:
        return [
            "Period\n",
            f"{reporter}→{partner}\nexp. {self.app.number_format.unit_label}",
            f"{partner}→{reporter}\nimp. {self.app.number_format.unit_label}",
            f"Total\n{self.app.number_format.unit_label}",
            f"Balance\n{self.app.number_format.unit_label}",
            "YoY %\ntotal",
            "QoQ %\ntotal" if granularity == "quarter" else "MoM %\ntotal",
            f"YTD total\n{self.app.number_format.unit_label}",
        ]

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
        labels = self._labels(reporter, partner, granularity)
        for (key, _), label in zip(SORT_COLUMNS, labels, strict=True):
            arrow = ""
            if sort and sort[0] == key:
                arrow = " ▼" if sort[1] else " ▲"
            first, second = label.split("\n")
            text = Text(f"{first}{arrow}\n{second}", justify="left" if key == "period" else "right")
            self.add_column(text, key=key)
        self.row_keys = []
        self.marked = "flows_add_up" in rows.columns and bool(
            (rows["flows_add_up"] == False).any()  # noqa: E712 (null is not False)
        )
        for row in rows.iter_rows(named=True):
            self.row_keys.append(row["key"])
            self.add_row(*self._cells(row, granularity), key=row["key"])
        if total is not None:
            self.add_row(*self._total_cells(total), key=TOTAL_KEY)
        target = self.row_keys.index(keep) if keep in self.row_keys else 0
        if self.row_count:
            self.cursor_coordinate = Coordinate(target, min(column, len(self.columns) - 1))

    def _cells(self, row: dict, granularity: str) -> list[Text]:
        total = self._value(row["total"])
        if self.marked:
            # Every total gets the mark's width, so the column stays aligned.
            if row.get("flows_add_up") is False:
                style = self.get_component_rich_style("trade-table--unbalanced", partial=True)
                total.append(f" {UNBALANCED_MARK}", style=style)
            else:
                total.append("  ")
        return [
            Text(row["name"]),
            self._value(row["export"]),
            self._value(row["import"]),
            total,
            self._value(row["balance"], signed=True),
            self._growth(row.get("yoy_total")),
            self._growth(row.get("mom_total") if granularity != "year" else None),
            self._value(row.get("ytd_total")),
        ]

    def _total_cells(self, total: dict) -> list[Text]:
        style = self.get_component_rich_style("trade-table--total", partial=True)
        cells = [
            Text(total["name"], style=style),
            self._value(total["export"]),
            self._value(total["import"]),
            self._value(total["total"]).append("  " if self.marked else ""),
            self._value(total["balance"], signed=True),
            self._growth(total["yoy_total"]),
            self._value(None),
            self._value(None),
        ]
        for cell in cells[1:]:
            cell.stylize(style)
        return cells

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
