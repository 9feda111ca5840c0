"""Validation of trade and event tables: every problem becomes one human line.

Lines name the file, the line (as a spreadsheet or editor shows it: the header is
line 1) or the column, what was found and what was expected.
"""

from __future__ import annotations

import math

import polars as pl

from tradetui.data import schema
from tradetui.data.errors import DataError, quoted, short, shown_columns
from tradetui.data.periods import MONTH_PATTERN, YEAR_MAX, YEAR_MIN, YEARS, period_label
from tradetui.data.polars_errors import READ_ERRORS, reason

MAX_PROBLEMS_PER_CHECK = 5
_DAY_OR_MONTH = r"^[0-9]{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?$"

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
    except READ_ERRORS as exc:
        raise ReadError(name, reason(exc)) from None


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
    """Lines for period_start / period_end cells that are not a month as YYYY-MM (ASCII
    digits) of a year from YEAR_MIN to YEAR_MAX.

    A row with the same bad text in both columns gets one line, naming period_start (or
    ``single``, the file's one period column both were taken from).
    """
    start, end = pl.col("period_start"), pl.col("period_end")
    bad_start = ~start.str.contains(MONTH_PATTERN).fill_null(False)
    bad_end = ~end.str.contains(MONTH_PATTERN).fill_null(False)
    where = (row_word, first_row)
    problems = []
    for expected, first, last in (
        ("a month as YYYY-MM (e.g. 2023-09)", bad_start, bad_end),
        (f"a month of {YEARS}", ~bad_start & ~year_in_range(start), ~bad_end & ~year_in_range(end)),
    ):
        same = first & last & (start.eq_missing(end))
        both = expected if single else f"{expected}; the same in period_end"
        problems += [
            *bad_rows(df, same, "period_start", name, both, *where, single or None),
            *bad_rows(df, first & ~same, "period_start", name, expected, *where),
            *bad_rows(df, last & ~same, "period_end", name, expected, *where),
        ]
    return problems


def year_in_range(text: pl.Expr) -> pl.Expr:
    """The text's first four characters are a year from YEAR_MIN to YEAR_MAX."""
    year = text.str.slice(0, 4).cast(pl.Int32, strict=False)
    return year.is_between(YEAR_MIN, YEAR_MAX).fill_null(False)


# A growth rate in %: a fall can be no more than all of it.
LOWEST_GROWTH_PCT = -100.0


def number_problems(
    df: pl.DataFrame,
    name: str,
    columns: tuple[str, ...],
    row_word: str = "line",
    first_row: int = 2,
    growth: tuple[str, ...] = (),
    signed: tuple[str, ...] = (),
) -> list[str]:
    """Lines for cells of ``columns`` (text) that are not numbers, not finite, or below 0
    (below -100 for the growth rates among them, ``growth``; any sign for ``signed``, a
    balance say); empty cells are missing."""
    problems = []
    for column in columns:
        text = pl.col(column).cast(pl.String).str.strip_chars()
        number = text.cast(pl.Float64, strict=False)
        given = text.fill_null("") != ""
        low, least = (
            (LOWEST_GROWTH_PCT, "a growth rate of at least -100 %")
            if column in growth
            else (-math.inf if column in signed else 0.0, "a non-negative number")
        )
        where = (name, row_word, first_row)
        for bad, expected in (
            (given & number.is_null(), "a number (or empty)"),
            (number.is_nan() | number.is_infinite(), "a finite number"),
            (number < low, least),
        ):
            problems += bad_rows(df, bad, column, where[0], expected, *where[1:])
    return problems


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
    # The value, and the published figures a file may carry beside it, are amounts.
    amounts = ("value", *(c for c in ("published_value", "ytd_published") if c in df.columns))
    problems += number_problems(df, name, amounts, row_word, first_row)
    number = pl.col("value").cast(pl.Float64, strict=False)
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
    else:
        problems += _overlaps(df, name, row_word, first_row)
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


def _overlaps(df: pl.DataFrame, name: str, row_word: str, first_row: int) -> list[str]:
    """A line for the first two rows of one pair and flow whose periods overlap (a combined
    Jan–Feb row and a Feb row, a whole-year row and its months): summed, they would count
    those months twice, and no one period could be shown for them."""

    def month(column: str) -> pl.Expr:
        text = pl.col(column)
        return text.str.slice(0, 4).cast(pl.Int32) * 12 + text.str.slice(5, 2).cast(pl.Int32)

    key = ["reporter", "partner", "flow"]
    rows = (
        df.with_row_index("_line", offset=first_row)
        .with_columns(_first=month("period_start"), _last=month("period_end"))
        .sort([*key, "_first", "_last"])
        .with_columns(
            _covered=pl.col("_last").cum_max().shift(1).over(key),
            # The rows before a group's first overlap are disjoint: the row just before it
            # is the one it overlaps.
            _before_line=pl.col("_line").shift(1).over(key),
            _before_start=pl.col("period_start").shift(1).over(key),
            _before_end=pl.col("period_end").shift(1).over(key),
        )
        .filter(pl.col("_first") <= pl.col("_covered"))
    )
    if rows.is_empty():
        return []
    row = rows.row(0, named=True)
    pair = sorted(
        [
            (row["_before_line"], period_label(row["_before_start"], row["_before_end"])),
            (row["_line"], period_label(row["period_start"], row["period_end"])),
        ]
    )
    lines, periods = [line for line, _ in pair], [period for _, period in pair]
    more = f" ({rows.height - 1} more such rows)" if rows.height > 1 else ""
    return [
        f"{name}: {row_word}s {lines[0]} and {lines[1]} overlap: {periods[0]} and {periods[1]} "
        f"{short(row['reporter'])}->{short(row['partner'])} {row['flow']}{more}; expected "
        "periods that do not overlap (a combined period or its months, not both)"
    ]


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
        return pl.when(text.str.contains(_DAY_OR_MONTH) & year_in_range(text)).then(
            full.str.to_date("%Y-%m-%d", strict=False)
        )

    # A date that matches the pattern but does not exist (2023-02-30) parses to null.
    problems = bad_rows(
        df,
        as_date("start_date").is_null(),
        "start_date",
        name,
        f"a date as YYYY-MM-DD (or YYYY-MM) of {YEARS}",
        row_word,
        first_row,
    )
    problems += bad_rows(
        df,
        as_date("end_date").is_null() & pl.col("end_date").is_not_null(),
        "end_date",
        name,
        f"a date as YYYY-MM-DD, YYYY-MM or empty, of {YEARS}",
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
