"""Validation of trade and event tables: every problem becomes one human line.

Lines name the file, the line (as a spreadsheet or editor shows it: the header is
line 1) or the column, what was found and what was expected.
"""

from __future__ import annotations

import polars as pl

from tradetui.data import schema
from tradetui.data.errors import DataError, first_line, quoted, short, shown_columns

MAX_PROBLEMS_PER_CHECK = 5
MONTH_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"
_DAY_OR_MONTH = r"^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$"

EVENT_OUTPUT_COLUMNS: dict[str, type[pl.DataType] | pl.DataType] = {
    **schema.EVENT_COLUMNS,
    "start": pl.Date,
    "end": pl.Date,
    "month": pl.String,
    "date_precision": pl.String,
}


class ReadError(DataError):
    """A table that polars cannot read (a ragged row, a broken quote, a bad Parquet page).

    ``reason`` is polars' own first line; the loader, which knows the file, may find the
    line at fault and say it instead.
    """

    def __init__(self, name: str, reason: str) -> None:
        self.name, self.reason = name, reason
        super().__init__(f"{name}: cannot be read as a table ({reason})")


def collect_table(lf: pl.LazyFrame, name: str) -> pl.DataFrame:
    try:
        return lf.collect()
    except pl.exceptions.PolarsError as exc:
        raise ReadError(name, first_line(exc)) from None


def bad_rows(
    df: pl.DataFrame,
    bad: pl.Expr,
    column: str,
    name: str,
    expected: str,
    row_word: str = "line",
    first_row: int = 2,
    label: str | None = None,
) -> list[str]:
    """One line per offending row (at most a few), then a count of the rest.

    Rows are named ``row_word`` N counted from ``first_row``: lines of a CSV file (the
    header is line 1), rows of anything else. ``label`` names the column in the lines
    when the file calls it otherwise (a single ``period`` column, say).
    """
    label = label or column
    rows = df.with_row_index("_line", offset=first_row).filter(bad)
    lines = [
        f"{name}: {row_word} {line}, column {label}: found {quoted(value)}, expected {expected}"
        for line, value in rows.select("_line", column).head(MAX_PROBLEMS_PER_CHECK).iter_rows()
    ]
    if rows.height > MAX_PROBLEMS_PER_CHECK:
        lines.append(
            f"{name}: column {label}: {rows.height - MAX_PROBLEMS_PER_CHECK} more such rows"
        )
    return lines


def period_problems(
    df: pl.DataFrame, name: str, row_word: str = "line", first_row: int = 2, single: str = ""
) -> list[str]:
    """Lines for period_start / period_end cells that are not a month as YYYY-MM.

    A row with the same bad text in both columns gets one line, naming period_start (or
    ``single``, the file's one period column both were taken from).
    """
    expected = "a month as YYYY-MM (e.g. 2023-09)"
    start, end = pl.col("period_start"), pl.col("period_end")
    bad_start = ~start.str.contains(MONTH_PATTERN).fill_null(False)
    bad_end = ~end.str.contains(MONTH_PATTERN).fill_null(False)
    same = bad_start & bad_end & (start.eq_missing(end))
    where = (row_word, first_row)
    both = expected if single else f"{expected}; the same in period_end"
    return [
        *bad_rows(df, same, "period_start", name, both, *where, single or None),
        *bad_rows(df, bad_start & ~same, "period_start", name, expected, *where),
        *bad_rows(df, bad_end & ~same, "period_end", name, expected, *where),
    ]


def raise_problems(problems: list[str]) -> None:
    if problems:
        raise DataError(problems[0], problems)


def validate_trade(
    lf: pl.LazyFrame, name: str, row_word: str = "line", first_row: int = 2
) -> pl.LazyFrame:
    """Check a trade table read as text; return it typed, in USD bn, with every column.

    Bad rows are named ``row_word`` N, counted from ``first_row`` (see :func:`bad_rows`).
    """
    df = collect_table(lf, name)
    single = ""
    if "period" in df.columns and "period_start" not in df.columns:
        single = "period"
        df = df.with_columns(period_start=pl.col("period"), period_end=pl.col("period"))
    missing = [c for c in schema.TRADE_REQUIRED if c not in df.columns]
    if missing:
        expected = ", ".join(schema.TRADE_REQUIRED)
        raise DataError(
            f"{name}: missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)}; "
            f"expected columns {expected} (found {shown_columns(df.columns)})"
        )
    if df.height == 0:
        raise DataError(f"{name}: has a header but no data rows")
    df = df.with_columns(pl.col(c).cast(pl.String).str.strip_chars() for c in schema.TRADE_REQUIRED)

    def check(bad: pl.Expr, column: str, expected: str) -> list[str]:
        return bad_rows(df, bad, column, name, expected, row_word, first_row)

    problems = period_problems(df, name, row_word, first_row, single)
    for column in ("reporter", "partner"):
        problems += check(pl.col(column).fill_null("") == "", column, "a country code such as CHN")
    problems += check(
        ~pl.col("flow").is_in(schema.FLOWS).fill_null(False),
        "flow",
        "one of " + ", ".join(schema.FLOWS),
    )
    number = pl.col("value").cast(pl.Float64, strict=False)
    given = pl.col("value").fill_null("") != ""
    problems += check(given & number.is_null(), "value", "a number (or empty)")
    problems += check(number.is_nan() | number.is_infinite(), "value", "a finite number")
    problems += check(number < 0, "value", "a non-negative number")
    if "precision" in df.columns:
        stated = pl.col("precision").cast(pl.String).str.strip_chars().fill_null("")
        precision = stated.cast(pl.Float64, strict=False)
        problems += check(
            (stated != "") & (precision.is_null() | ~precision.is_finite() | (precision < 0)),
            "precision",
            "a number ≥ 0 (half a unit of the last published digit) or empty",
        )
    units = df["unit"].drop_nulls().unique().sort().to_list()
    unknown = [u for u in units if u not in schema.UNITS]
    if unknown:
        problems.append(
            f"{name}: column unit: found {quoted(unknown[0])}, expected one of "
            + ", ".join(schema.UNITS)
        )
    elif len(units) > 1:
        problems.append(
            f"{name}: column unit: found units ({', '.join(short(u) for u in units[:3])}"
            + (", ...)" if len(units) > 3 else ")")
            + ", expected one per column"
        )
    elif not units:
        problems.append(f"{name}: column unit: empty, expected one of " + ", ".join(schema.UNITS))
    raise_problems(problems)

    unit = units[0]
    most = schema.MAX_VALUE_BN / schema.UNITS[unit]
    problems += check(
        number > most, "value", f"at most {most:,.0f} {unit} (more than the world's trade)"
    )
    start, end = pl.col("period_start"), pl.col("period_end")
    problems += check(
        (start > end) | (start.str.slice(0, 4) != end.str.slice(0, 4)),
        "period_end",
        "an end month on or after period_start, in the same year",
    )
    key = ["period_start", "period_end", "reporter", "partner", "flow"]
    dupes = df.with_row_index("_line", offset=first_row).filter(pl.len().over(key) > 1)
    if dupes.height:
        first = dupes.row(0, named=True)
        lines = dupes["_line"].head(4).cast(pl.String).to_list()
        problems.append(
            f"{name}: duplicate key on {row_word}s {', '.join(lines)}: "
            f"{first['period_start']}..{first['period_end']} {short(first['reporter'])}->"
            f"{short(first['partner'])} {first['flow']}; expected one row per period, pair "
            "and flow"
        )
    raise_problems(problems)

    factor = schema.UNITS[units[0]]
    return (
        df.lazy()
        .with_columns(value=number * factor, unit=pl.lit("USD bn"))
        .pipe(
            lambda f: f.select(
                (pl.col(c).cast(t, strict=False) if c in df.columns else pl.lit(None, t)).alias(c)
                for c, t in schema.TRADE_COLUMNS.items()
            )
        )
        .with_columns(
            (pl.col(c) * factor).alias(c) for c in ("published_value", "ytd_published", "precision")
        )
        # Collected once here, so later queries do not redo the casts and unit scaling.
        .collect()
        .lazy()
    )


def validate_events(
    lf: pl.LazyFrame, name: str, row_word: str = "line", first_row: int = 2
) -> pl.LazyFrame:
    """Check an events table; return it with parsed dates and the month each falls in."""
    df = collect_table(lf, name)
    missing = [c for c in ("start_date", "title") if c not in df.columns]
    if missing:
        raise DataError(f"{name}: missing column {', '.join(missing)}; expected start_date, title")
    for column, dtype in schema.EVENT_COLUMNS.items():
        if column not in df.columns:
            df = df.with_columns(pl.lit(None, dtype).alias(column))
    if df["event_id"].null_count() == df.height:
        df = df.with_columns(event_id=pl.format("e{}", pl.int_range(1, pl.len() + 1)))

    def as_date(column: str) -> pl.Expr:
        text = pl.col(column)
        full = pl.when(text.str.len_chars() == 7).then(text + "-01").otherwise(text)
        # The pattern check comes first so that e.g. '2023-9-1' is not accepted by chrono.
        return pl.when(text.str.contains(_DAY_OR_MONTH)).then(
            full.str.to_date("%Y-%m-%d", strict=False)
        )

    # A date that matches the pattern but does not exist (2023-02-30) parses to null.
    problems = bad_rows(
        df,
        as_date("start_date").is_null(),
        "start_date",
        name,
        "a date as YYYY-MM-DD (or YYYY-MM)",
        row_word,
        first_row,
    )
    problems += bad_rows(
        df,
        as_date("end_date").is_null() & pl.col("end_date").is_not_null(),
        "end_date",
        name,
        "a date as YYYY-MM-DD, YYYY-MM or empty",
        row_word,
        first_row,
    )
    raise_problems(problems)
    problems += bad_rows(
        df,
        as_date("end_date") < as_date("start_date"),
        "end_date",
        name,
        "a date on or after start_date",
        row_word,
        first_row,
    )
    raise_problems(problems)

    return (
        df.select(list(schema.EVENT_COLUMNS))
        .with_columns(
            start=as_date("start_date"),
            end=as_date("end_date"),
            month=pl.col("start_date").str.slice(0, 7),
            date_precision=pl.when(pl.col("start_date").str.len_chars() == 7)
            .then(pl.lit("month"))
            .otherwise(pl.lit("day")),
        )
        .sort("start", "event_id")
        .lazy()
    )
