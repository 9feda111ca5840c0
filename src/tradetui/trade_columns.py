"""The trade table's columns, each described once: key, frame column, header, sort name, kind."""

from __future__ import annotations

from dataclasses import dataclass

# How a column's cells are drawn: a period's name, an amount, a signed amount or a growth.
PERIOD, AMOUNT, SIGNED, GROWTH = "period", "amount", "signed", "growth"


@dataclass(frozen=True)
class Column:
    key: str  # the table's column key, and what a sort names
    frame: str  # the column of the view's frame the cells (and the sort) read
    header: str  # first header line; {reporter}, {partner} and {step} are filled in
    second: str  # second header line; {unit} is filled in
    sort_name: str  # in "sorted by …"; {step} is filled in
    kind: str
    in_year_view: bool = True  # a step from the year before, or a year to date, repeats YoY/total


COLUMNS = (
    Column("period", "period_start", "Period", "", "period", PERIOD),
    Column("export", "export", "{reporter}→{partner}", "exp. {unit}", "exports", AMOUNT),
    Column("import", "import", "{partner}→{reporter}", "imp. {unit}", "imports", AMOUNT),
    Column("total", "total", "Total", "{unit}", "total", AMOUNT),
    Column("balance", "balance", "Balance", "{unit}", "balance", SIGNED),
    Column("yoy", "yoy_total", "YoY %", "total", "YoY", GROWTH),
    Column("mom", "mom_total", "{step} %", "total", "{step}", GROWTH, in_year_view=False),
    Column("ytd", "ytd_total", "YTD total", "{unit}", "YTD", AMOUNT, in_year_view=False),
)
BY_KEY = {column.key: column for column in COLUMNS}


def columns_for(granularity: str) -> tuple[Column, ...]:
    """The columns a view shows: by year, neither the step from the previous row nor YTD."""
    return tuple(c for c in COLUMNS if granularity != "year" or c.in_year_view)


def step_name(granularity: str) -> str:
    """The change from the row before: quarter on quarter, else month on month."""
    return "QoQ" if granularity == "quarter" else "MoM"


def header(column: Column, reporter: str, partner: str, granularity: str, unit: str) -> str:
    """The column's two header lines, "first\\nsecond"."""
    fields = {"reporter": reporter, "partner": partner, "step": step_name(granularity)}
    return f"{column.header.format_map(fields)}\n{column.second.format(unit=unit)}"


def sort_name(key: str, granularity: str) -> str:
    return BY_KEY[key].sort_name.format(step=step_name(granularity))
