"""The least a trade viewer does: read data/trade_monthly.csv with polars and show one
year in a DataTable (the floor for start-up in benchmarks/terminal_targets.py)."""

from pathlib import Path

import polars as pl
from textual.app import App, ComposeResult
from textual.widgets import DataTable, Header

DATA = Path(__file__).resolve().parents[2] / "data" / "trade_monthly.csv"


class Floor(App):
    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable()

    def on_mount(self) -> None:
        trade = pl.read_csv(DATA, infer_schema=False)
        year = trade["period_start"].str.slice(0, 4).max()
        rows = (
            trade.filter(pl.col("period_start").str.starts_with(year))
            .pivot(on="flow", index="period_start", values="value")
            .sort("period_start")
        )
        table = self.query_one(DataTable)
        table.add_columns(*rows.columns)
        table.add_rows(rows.rows())
        self.title = f"Floor {year}"


if __name__ == "__main__":
    Floor().run()
