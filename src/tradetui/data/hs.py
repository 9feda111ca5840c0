"""HS commodity drill-down: one level (chapters, headings, subheadings) of one month and pair.

Pure polars over ``Dataset.detail`` (schema.DETAIL_COLUMNS), which may be a lazy scan of a
file larger than memory: every query filters pair, flow and months first, so the filters
reach the scan, and collects only the few hundred rows of one level.

Rules (docs/data.md):

- Levels are 2, 4 and 6 digits. A detail may hold several levels at once; they overlap
  and are never added together. The value of a code of L digits in a month is taken from
  the rows of exactly L digits when there are any for that code; otherwise from the
  nearest finer level present (4 before 6), summed by code prefix. Choosing per code and
  month reduces to "exact level, else the finer one" when every level is complete, and
  still shows a chapter that only a finer level covers. The nearest finer level keeps a
  parent equal to the sum of the children listed under it.
- A sum with a missing part is missing: a null value in any row summed makes the sum null.
- ``total`` = export + import. It is only known for a month in which both flows appear in
  the detail of the pair; a code traded in one flow only then counts the other as nothing
  traded (the source lists no row for it). In a month where one flow is absent altogether
  every total is missing, never the other flow alone.
- Names: chapters and headings from the HS 2022 nomenclature shipped in ``data/hs/``;
  subheadings (and any code the nomenclature lacks) from the source's own description;
  a code with neither has no name.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path

import polars as pl

from tradetui.data import schema
from tradetui.data.detail import Detail, as_detail
from tradetui.data.errors import DataError, first_line
from tradetui.data.load import embedded_dir
from tradetui.data.periods import add_months, month_key, parse_month

LEVELS = (2, 4, 6)
LEVEL_NAMES = {2: "chapter", 4: "heading", 6: "subheading"}
CHAPTERS_FILE = "hs2022_chapters.csv"
HEADINGS_FILE = "hs2022_headings.csv"

SPARK_MONTHS = 24
BARS = "▁▂▃▄▅▆▇█"
GAP = " "  # a month without a value in a sparkline

# Sortable columns of a level table; the others sort by value.
SORT_COLUMNS = ("code", "name", "value", "share", "yoy")

_NAME_SCHEMA = {"code": pl.String, "name": pl.String}


# --- names ---------------------------------------------------------------------------------


def default_names_dir() -> Path:
    return embedded_dir() / "hs"


def hs_names(folder: Path | None = None) -> pl.DataFrame:
    """HS 2022 chapter and heading names (code, name); empty when the files are absent.

    Read once per folder. A file that is there but malformed raises DataError.
    """
    return _read_names(Path(folder) if folder is not None else default_names_dir())


@cache
def _read_names(folder: Path) -> pl.DataFrame:
    frames = [
        _read_name_file(folder / CHAPTERS_FILE, digits=2, columns=("code", "name")),
        _read_name_file(folder / HEADINGS_FILE, digits=4, columns=("code", "chapter", "name")),
    ]
    return pl.concat(frames).unique("code", keep="first", maintain_order=True)


def _read_name_file(path: Path, *, digits: int, columns: Sequence[str]) -> pl.DataFrame:
    if not path.is_file():
        return pl.DataFrame(schema=_NAME_SCHEMA)
    try:
        frame = pl.read_csv(path, infer_schema=False, encoding="utf8-lossy")
    except pl.exceptions.PolarsError as exc:
        raise DataError(f"{path}: not a readable CSV file ({first_line(exc)})") from None
    absent = [c for c in columns if c not in frame.columns]
    if absent:
        raise DataError(
            f"{path}: missing column {', '.join(absent)}; expected columns {', '.join(columns)}"
        )
    frame = frame.select(pl.col("code").str.strip_chars(), pl.col("name").str.strip_chars())
    bad = frame.with_row_index("row", offset=2).filter(
        ~pl.col("code").str.contains(f"^[0-9]{{{digits}}}$").fill_null(False)
    )
    if bad.height:
        row = bad.row(0, named=True)
        raise DataError(
            f"{path}: row {row['row']}, code {row['code']!r} is not a code of "
            f"{digits} digits; expected e.g. {'27' if digits == 2 else '2709'}"
        )
    return frame


def hs_name(code: str, folder: Path | None = None) -> str | None:
    """The HS 2022 name of a chapter or heading, or None."""
    found = hs_names(folder).filter(pl.col("code") == code)
    return found["name"][0] if found.height else None


# --- levels --------------------------------------------------------------------------------


def child_level(parent: str | None) -> int:
    """Digits of the codes listed under ``parent``: None → 2, a chapter → 4, a heading → 6."""
    if parent is None:
        return 2
    if len(parent) in (2, 4) and parent.isdigit():
        return len(parent) + 2
    raise ValueError(f"parent {parent!r} is not a 2- or 4-digit HS code")


def has_detail(detail: Detail | pl.LazyFrame | None) -> bool:
    """Whether there is commodity detail at all: the importer's count when it has one (a
    read of one row can open every file of a big folder), else one row read."""
    if detail is None:
        return False
    known = as_detail(detail)
    if known.rows is not None:
        return known.rows > 0
    return known.frame.select("hs_code").head(1).collect().height > 0


def _flows(flow: str) -> list[str]:
    if flow == schema.TOTAL:
        return [schema.EXPORT, schema.IMPORT]
    if flow in (schema.EXPORT, schema.IMPORT):
        return [flow]
    raise ValueError(f"unknown flow {flow!r}; expected one of {', '.join(schema.FLOWS)}")


def _pair_rows(
    detail: Detail | pl.LazyFrame,
    reporter: str,
    partner: str,
    flows: list[str],
    first: str | None,
    last: str | None,
    prefix: str | None,
) -> pl.LazyFrame:
    """The rows of one pair, flows, months and code prefix: the filter goes first."""
    keep = (
        (pl.col("reporter") == reporter)
        & (pl.col("partner") == partner)
        & pl.col("flow").is_in(flows)
    )
    if prefix is not None:
        keep &= pl.col("hs_code").str.starts_with(prefix)
    return as_detail(detail).months(first, last).filter(keep)


def _sum_or_null(column: str = "value") -> pl.Expr:
    """A sum with a missing part is missing (polars would skip the nulls)."""
    return pl.when(pl.col(column).null_count() == 0).then(pl.col(column).sum())


def level_query(
    detail: Detail | pl.LazyFrame,
    *,
    level: int,
    reporter: str,
    partner: str,
    flow: str,
    first: str | None,
    last: str | None,
    prefix: str | None,
) -> pl.LazyFrame:
    """One lazy query: (period, code, value, name, deeper) of every code of ``level`` digits.

    ``deeper``: the month has rows finer than ``level`` under that code (it can be opened).
    """
    flows = _flows(flow)
    digits = pl.col("hs_code").str.len_chars()
    per_flow = (
        _pair_rows(detail, reporter, partner, flows, first, last, prefix)
        .select("period", "flow", "hs_code", "value", "description")
        .with_columns(digits=digits, code=pl.col("hs_code").str.slice(0, level))
        .filter(pl.col("digits").is_in(LEVELS) & (pl.col("digits") >= level))
        # First a sum per level, then for each code and month the nearest level at or
        # below `level`: never two levels added together.
        .group_by("period", "flow", "code", "digits")
        .agg(value=_sum_or_null(), name=pl.col("description").drop_nulls().first())
        .group_by("period", "flow", "code")
        .agg(
            value=pl.col("value").sort_by("digits").first(),
            name=pl.col("name").filter(pl.col("digits") == level).first(),
            deeper=pl.col("digits").max() > level,
        )
    )
    if flow != schema.TOTAL:
        return per_flow.drop("flow")
    # Months in which both flows appear anywhere in the pair's detail: only there is a total.
    both = (
        _pair_rows(detail, reporter, partner, flows, first, last, None)
        .group_by("period")
        .agg(both=pl.col("flow").n_unique() == len(flows))
    )
    return (
        per_flow.group_by("period", "code")
        .agg(
            value=_sum_or_null(),
            name=pl.col("name").drop_nulls().first(),
            deeper=pl.col("deeper").any(),
        )
        .join(both, on="period", how="left")
        .with_columns(value=pl.when(pl.col("both")).then(pl.col("value")))
        .drop("both")
    )


# level_query's signature; another engine's version returns the same columns.
LevelQuery = Callable[..., pl.LazyFrame]


def _months(first: str, last: str) -> list[str]:
    start, end = parse_month(first), parse_month(last)
    count = (end.year - start.year) * 12 + end.month - start.month + 1
    return [month_key(add_months(start, i)) for i in range(max(count, 0))]


def sparkline_expr(value: str = "value", over: str = "code") -> pl.Expr:
    """One bar per row, scaled between the smallest and largest value of its ``over`` group.

    A flat series shows mid-height bars; a missing value shows as a gap.
    """
    low = pl.col(value).min().over(over)
    high = pl.col(value).max().over(over)
    step = (
        pl.when(high > low)
        .then(((pl.col(value) - low) / (high - low) * (len(BARS) - 1)).round())
        .otherwise(len(BARS) // 2 - 1)
        .cast(pl.Int64)
    )
    bar = step.replace_strict(dict(enumerate(BARS)), return_dtype=pl.String)
    return pl.when(pl.col(value).is_null()).then(pl.lit(GAP)).otherwise(bar)


def _with_sparklines(codes: pl.DataFrame, values: pl.DataFrame, months: list[str]) -> pl.DataFrame:
    """Add ``sparkline`` (a string, one character per month) and ``series`` (period, value)."""
    grid = (
        codes.select("code")
        .join(pl.DataFrame({"period": months}, schema={"period": pl.String}), how="cross")
        .join(values.select("period", "code", "value"), on=["period", "code"], how="left")
        .sort("code", "period")
        .with_columns(bar=sparkline_expr())
        .group_by("code", maintain_order=True)
        .agg(
            sparkline=pl.col("bar").str.join(""),
            series=pl.struct("period", "value"),
        )
    )
    return codes.join(grid, on="code", how="left")


LEVEL_SCHEMA: dict[str, pl.DataType | type[pl.DataType]] = {
    "code": pl.String,
    "name": pl.String,
    "value": pl.Float64,
    "share": pl.Float64,
    "yoy": pl.Float64,
    "sparkline": pl.String,
    "series": pl.List(pl.Struct({"period": pl.String, "value": pl.Float64})),
    "deeper": pl.Boolean,
}


def level_table(
    detail: Detail | pl.LazyFrame,
    *,
    month: str,
    reporter: str,
    partner: str,
    flow: str,
    parent: str | None = None,
    names_dir: Path | None = None,
    sparklines: bool = True,
    query: LevelQuery | None = None,
) -> pl.DataFrame:
    """The codes under ``parent`` (None: the chapters) in ``month``, largest value first.

    Columns: code, name, value (USD bn), share (% of the listed values), yoy (% against
    the same month a year earlier; null when either is missing or that one is zero),
    sparkline (up to 24 months ending at ``month``, one character each, a space for a
    month without a value), series (the same months as a list of {period, value}) and
    deeper (finer codes exist under it this month). Only codes with a row in ``month``
    are listed.

    The month and the month a year earlier are read on their own (two narrow reads); with
    ``sparklines=False`` the 24-month window is not read and sparkline and series are
    null, so a screen can show the table first and :func:`add_sparklines` after.
    ``query`` computes :func:`level_query` elsewhere (on a cluster: tradetui.data.spark.hs).
    """
    query = query or level_query
    level = child_level(parent)
    year_before = month_key(add_months(parse_month(month, "month"), -12))
    now, before = pl.collect_all(
        [
            query(
                detail,
                level=level,
                reporter=reporter,
                partner=partner,
                flow=flow,
                first=period,
                last=period,
                prefix=parent,
            )
            for period in (month, year_before)
        ]
    )
    if now.is_empty():
        return pl.DataFrame(schema=LEVEL_SCHEMA)
    # The source's own name, latest month first; the nomenclature's wins for 2 and 4 digits.
    source_names = (
        pl.concat([now, before])
        .sort("period", descending=True)
        .group_by("code")
        .agg(source_name=pl.col("name").drop_nulls().first())
    )
    official = hs_names(names_dir).rename({"name": "official"})
    table = (
        now.select("code", "value", "deeper")
        .join(before.select("code", before="value"), on="code", how="left")
        .join(source_names, on="code", how="left")
        .join(official, on="code", how="left")
        .with_columns(
            name=pl.coalesce("official", "source_name"),
            share=pl.when(pl.col("value").sum() != 0).then(
                pl.col("value") / pl.col("value").sum() * 100
            ),
            yoy=pl.when(pl.col("before") != 0).then((pl.col("value") / pl.col("before") - 1) * 100),
            sparkline=pl.lit(None, LEVEL_SCHEMA["sparkline"]),
            series=pl.lit(None, LEVEL_SCHEMA["series"]),
        )
        .select(list(LEVEL_SCHEMA))
    )
    if sparklines:
        table = add_sparklines(
            table,
            detail,
            month=month,
            reporter=reporter,
            partner=partner,
            flow=flow,
            parent=parent,
            query=query,
        )
    return sort_table(table, "value", descending=True)


def add_sparklines(
    table: pl.DataFrame,
    detail: Detail | pl.LazyFrame,
    *,
    month: str,
    reporter: str,
    partner: str,
    flow: str,
    parent: str | None = None,
    query: LevelQuery | None = None,
) -> pl.DataFrame:
    """Fill a level table's sparkline and series from one read of the 24-month window."""
    first = month_key(add_months(parse_month(month, "month"), 1 - SPARK_MONTHS))
    values = (query or level_query)(
        detail,
        level=child_level(parent),
        reporter=reporter,
        partner=partner,
        flow=flow,
        first=first,
        last=month,
        prefix=parent,
    ).collect()
    # The sparkline starts at the first month the level has any value in the window.
    start = values["period"].min() if values.height else month
    filled = _with_sparklines(table.drop("sparkline", "series"), values, _months(start, month))
    return filled.select(list(LEVEL_SCHEMA))


def code_series(
    detail: Detail | pl.LazyFrame,
    code: str,
    *,
    reporter: str,
    partner: str,
    flow: str,
    first: str,
    last: str,
    query: LevelQuery | None = None,
) -> pl.DataFrame:
    """(period, value) of one code, each month of first..last that has a row for it."""
    return (
        (query or level_query)(
            detail,
            level=len(code),
            reporter=reporter,
            partner=partner,
            flow=flow,
            first=first,
            last=last,
            prefix=code,
        )
        .filter(pl.col("code") == code)
        .select("period", "value")
        .sort("period")
        .collect()
    )


def sort_table(table: pl.DataFrame, column: str, *, descending: bool) -> pl.DataFrame:
    """Sort a level table by one of SORT_COLUMNS; missing values last, ties by code."""
    if column not in SORT_COLUMNS:
        raise ValueError(f"cannot sort by {column!r}; expected one of {', '.join(SORT_COLUMNS)}")
    if column == "code":
        return table.sort("code", descending=descending)
    return table.sort(
        [column, "code"], descending=[descending, False], nulls_last=True, maintain_order=True
    )
