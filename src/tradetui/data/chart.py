"""What the trade chart draws, as plain data: periods on a month axis, line runs, event markers.

Pure polars (no Textual), so the chart's rules can be tested without running the app:

- x is a month index (``year * 12 + month - 1``), so one unit is one month;
- a combined release (Jan–Feb) is drawn as its monthly mean, placed at the middle of the
  months it covers (Jan–Feb 2024 sits half-way between January and February 2024);
- a missing value ends a run: the chart draws each run on its own, so a gap stays a gap.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from tradetui.data.errors import DataError
from tradetui.data.periods import add_months, month_key, parse_month, short_period_name

FLOWS = ("export", "import", "total")
ALL = "all"
LAST_12 = "last12"


def month_index(month: str) -> int:
    """'2023-09' -> 2023 * 12 + 8: months count as whole units on the x axis."""
    day = parse_month(month)
    return day.year * 12 + day.month - 1


def month_index_expr(column: str) -> pl.Expr:
    """:func:`month_index` as a polars expression over a YYYY-MM column."""
    text = pl.col(column)
    return text.str.slice(0, 4).cast(pl.Int64) * 12 + text.str.slice(5, 2).cast(pl.Int64) - 1


def index_month(index: int) -> str:
    """The inverse of :func:`month_index`."""
    return f"{index // 12}-{index % 12 + 1:02d}"


def range_choices(years: list[int]) -> list[str]:
    """The ranges the chart offers: all data, the last 12 months, then each year."""
    return [ALL, LAST_12, *(str(year) for year in years)]


def range_bounds(wide: pl.DataFrame, spec: str) -> tuple[str, str]:
    """First and last month (YYYY-MM) of a range: 'all', 'last12' or a year such as '2023'."""
    if wide.is_empty():
        raise DataError("chart: there are no trade periods to draw")
    first, last = wide["period_start"].min(), wide["period_end"].max()
    if spec == ALL:
        return first, last
    if spec == LAST_12:
        return max(first, month_key(add_months(parse_month(last), -11))), last
    if not spec.isdigit() or not first[:4] <= spec <= last[:4]:
        raise DataError(
            f"chart range: {spec!r} is not one of all, last12 or a year from "
            f"{first[:4]} to {last[:4]}"
        )
    return max(first, f"{spec}-01"), min(last, f"{spec}-12")


def chart_range_title(spec: str) -> str:
    """How a range is named in the command palette: 'all data', 'last 12 months', 'year 2023'."""
    return {ALL: "all data", LAST_12: "last 12 months"}.get(spec, f"year {spec}")


def range_name(spec: str, start: str, end: str) -> str:
    """'all data 2021-01–2026-02', 'last 12 months 2025-03–2026-02', '2023'."""
    if spec == ALL:
        return f"all data {start}–{end}"
    if spec == LAST_12:
        return f"last 12 months {start}–{end}"
    return spec


def chart_periods(wide: pl.DataFrame, start: str, end: str) -> pl.DataFrame:
    """The periods that overlap start..end, with where and how high the chart draws them.

    Keeps each period's published values (``export`` … ``balance``) for the readout and adds
    ``x`` (its place on the month axis) and ``<flow>_mean`` (value per month, what is drawn).
    """
    columns = ["period_start", "period_end", "months", "export", "import", "total", "balance"]
    overlap = (pl.col("period_end") >= start) & (pl.col("period_start") <= end)
    rows = wide.filter(overlap).select(columns)
    first = month_index_expr("period_start")
    return rows.sort("period_start").with_columns(
        x=first.cast(pl.Float64) + (pl.col("months") - 1) / 2,
        **{f"{flow}_mean": pl.col(flow) / pl.col("months") for flow in (*FLOWS, "balance")},
    )


Run = tuple[list[float], list[float]]


def split_runs(periods: pl.DataFrame, column: str) -> list[Run]:
    """Consecutive non-missing values of ``column`` as (xs, ys) runs.

    A null, or a hole between one period's end and the next one's start, ends a run.
    """
    runs: list[Run] = []
    xs: list[float] = []
    ys: list[float] = []
    previous_end: str | None = None
    for row in periods.iter_rows(named=True):
        follows = previous_end is not None and row["period_start"] == month_key(
            add_months(parse_month(previous_end), 1)
        )
        if (row[column] is None or not follows) and xs:
            runs.append((xs, ys))
            xs, ys = [], []
        if row[column] is not None:
            xs.append(row["x"])
            ys.append(row[column])
        previous_end = row["period_end"]
    if xs:
        runs.append((xs, ys))
    return runs


def event_markers(
    events: pl.DataFrame, start: str, end: str, category: str | None = None
) -> pl.DataFrame:
    """One marker per month with events in start..end (of ``category`` if given).

    Columns: month, x (the month's place on the axis), count, titles (in date order).
    """
    empty = pl.DataFrame(
        schema={
            "month": pl.String,
            "x": pl.Float64,
            "count": pl.UInt32,
            "titles": pl.List(pl.String),
        }
    )
    if events.is_empty():
        return empty
    chosen = events.filter(pl.col("month").is_between(pl.lit(start), pl.lit(end)))
    if category:
        chosen = chosen.filter(pl.col("category") == category)
    if chosen.is_empty():
        return empty
    grouped = (
        chosen.sort("start_date", nulls_last=True, maintain_order=True)
        .group_by("month", maintain_order=True)
        .agg(count=pl.len(), titles=pl.col("title"))
        .sort("month")
    )
    x = month_index_expr("month").cast(pl.Float64)
    return grouped.select("month", x.alias("x"), "count", "titles")


def step_cursor(periods: pl.DataFrame, current: str | None, by: int) -> str | None:
    """The period ``by`` places from ``current``, stopping at either end of the range.

    ``current`` may be any month: it counts as the period containing it, or as the nearest
    one when it lies outside the range. None when there are no periods.
    """
    starts = periods["period_start"].to_list() if not periods.is_empty() else []
    if not starts:
        return None
    index = cursor_index(periods, current)
    return starts[min(max(index + by, 0), len(starts) - 1)]


def place_cursor(periods: pl.DataFrame, current: str | None) -> str | None:
    """Where the cursor lands in a new range: on the period holding ``current`` if the range
    has it, else on the same calendar month in the range's last year, else the nearest end."""
    if current is not None and not periods.is_empty():
        first, last = periods["period_start"].min(), periods["period_end"].max()
        same_month = f"{last[:4]}-{current[5:]}"
        if not first <= current <= last and first <= same_month <= last:
            current = same_month
    return step_cursor(periods, current, 0)


def cursor_index(periods: pl.DataFrame, month: str | None) -> int:
    """Index of the period containing ``month``; the last one when it is None or past the end."""
    starts = periods["period_start"].to_list()
    ends = periods["period_end"].to_list()
    if month is None:
        return len(starts) - 1
    for index, (start, end) in enumerate(zip(starts, ends, strict=True)):
        if month <= end:
            # A month before this period (in a hole, or before the range) counts as the one before.
            return index if month >= start else max(index - 1, 0)
    return len(starts) - 1


def period_at(periods: pl.DataFrame, start: str) -> dict | None:
    found = periods.filter(pl.col("period_start") == start)
    return found.row(0, named=True) if found.height else None


def events_in_period(markers: pl.DataFrame, start: str, end: str) -> list[str]:
    """Titles of the marked events within one period, in date order."""
    inside = markers.filter(pl.col("month").is_between(pl.lit(start), pl.lit(end)))
    return [title for titles in inside["titles"].to_list() for title in titles]


@dataclass(frozen=True)
class ChartData:
    """Everything one drawing of the chart needs."""

    spec: str
    start: str
    end: str
    category: str | None
    periods: pl.DataFrame
    runs: dict[str, list[Run]]
    markers: pl.DataFrame

    @property
    def range_name(self) -> str:
        return range_name(self.spec, self.start, self.end)

    def period_name(self, row: dict) -> str:
        return short_period_name(row["period_start"], row["period_end"])


def build_chart(
    wide: pl.DataFrame, events: pl.DataFrame, spec: str = ALL, category: str | None = None
) -> ChartData:
    """The chart of ``spec`` ('all', 'last12' or a year); markers for ``category`` (None: all)."""
    start, end = range_bounds(wide, spec)
    periods = chart_periods(wide, start, end)
    runs = {flow: split_runs(periods, f"{flow}_mean") for flow in (*FLOWS, "balance")}
    markers = event_markers(events, start, end, category)
    return ChartData(spec, start, end, category, periods, runs, markers)
