"""Writing tables to CSV, Parquet, JSON or Markdown, safely.

- The format comes from the file's extension (:data:`FORMATS`).
- A file is written to a temporary file in the same folder and renamed into place
  (``os.replace``), so a killed write never leaves a partial file; the temporary file is
  removed on failure, and the file that was there before is left as it was.
- An existing file is only replaced with ``force=True`` (after the user confirmed); without
  it, not even a file that appeared while the export was being written.
- CSV text cells are neutralised against spreadsheet formula injection (:func:`neutralise`).

The period tables exported by ``tradetui export`` and by ``e`` in the explorer share one
set of columns (:data:`PERIOD_COLUMNS`, documented in docs/cli.md).
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import BinaryIO

import polars as pl

from tradetui.data import metrics
from tradetui.data.errors import DataError, first_line
from tradetui.data.paths import usable
from tradetui.data.summary import resolve_range
from tradetui.data.text import visible

# Extension -> format name.
FORMATS: dict[str, str] = {
    ".csv": "csv",
    ".parquet": "parquet",
    ".json": "json",
    ".md": "markdown",
}
GRANULARITIES = ("month", "quarter", "year")
TEMP_NAME_BYTES = 200  # of the target's name kept in its temporary name

# A missing value in a Markdown table, as everywhere in tradetui.
MISSING = "—"
# Markdown is read by people: floats to 12 significant digits drop binary noise such as
# 29.116000000000007 and keep far more than any trade figure's precision.
MARKDOWN_DIGITS = 12
# OWASP's list of characters a spreadsheet may read as the start of a formula:
# = + - @, tab and carriage return.
FORMULA_START = r"^[=+\-@\t\r]"

# The columns of an exported period table, in order. Values USD bn, growth in %.
PERIOD_COLUMNS: dict[str, type[pl.DataType] | pl.DataType] = {
    "period": pl.String,  # 2023-09, 2023-01..2023-02 (a combined release), 2023-Q3, 2023
    "period_start": pl.String,  # YYYY-MM
    "period_end": pl.String,  # YYYY-MM
    "months": pl.Int64,  # months the data covers inside the period
    "reporter": pl.String,  # ISO3
    "partner": pl.String,
    "export": pl.Float64,  # reporter -> partner
    "import": pl.Float64,  # partner -> reporter
    "total": pl.Float64,
    "balance": pl.Float64,  # export - import
    "yoy_export": pl.Float64,  # % against the same period a year earlier
    "yoy_import": pl.Float64,
    "yoy_total": pl.Float64,
    "pop_total": pl.Float64,  # % against the previous period (month or quarter; not by year)
    "ytd_export": pl.Float64,  # year to date at the period's end
    "ytd_import": pl.Float64,
    "ytd_total": pl.Float64,
}


class FileExists(DataError):
    """The export's target exists and overwriting it was not confirmed."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(f"{path}: the file exists; confirm to overwrite it")


def format_for(path: Path | str) -> str:
    """The format name for ``path``'s extension; DataError for any other extension."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        found = f"extension '{suffix}'" if suffix else "no extension"
        raise DataError(
            f"{path}: cannot tell the export format from {found}; "
            f"expected a name ending in {', '.join(FORMATS)}"
        )
    return FORMATS[suffix]


def neutralise(frame: pl.DataFrame) -> pl.DataFrame:
    """Prefix ``'`` to text cells a spreadsheet would read as a formula.

    Only text columns change: a number column stays numbers (so -1.5 stays -1.5), while
    the text "-1.5" becomes "'-1.5".
    """
    text = [
        name
        for name, dtype in frame.schema.items()
        if dtype == pl.String or isinstance(dtype, pl.Categorical | pl.Enum)
    ]
    return frame.with_columns(
        pl.when(pl.col(name).cast(pl.String).str.contains(FORMULA_START))
        .then(pl.lit("'") + pl.col(name).cast(pl.String))
        .otherwise(pl.col(name).cast(pl.String))
        .alias(name)
        for name in text
    )


# What data/text.py's visible() marks (C0, DEL, C1, bidi controls, line separators), as a
# polars pattern: cells holding any are passed through visible().
_CONTROL = r"[\x00-\x1f\x7f-\x9f\x{202a}-\x{202e}\x{2066}-\x{2069}\x{2028}\x{2029}]"
# Markdown punctuation that data could use to make HTML (<img onerror=...>), an entity,
# a link or an image ([x](javascript:...)), or to end a cell (|). Each is written with a
# backslash, which CommonMark and GitHub read as the character itself.
_MARKDOWN_ACTIVE = r"([|<>&\[\]])"


def _visible(expr: pl.Expr, newlines: bool = False) -> pl.Expr:
    """Text with its control characters as visible marks: an ESC or OSC 52 sequence from a
    file must not act on the terminal of whoever runs ``cat`` on the export."""
    marked = expr.map_elements(partial(visible, newlines=newlines), return_dtype=pl.String)
    return pl.when(expr.str.contains(_CONTROL)).then(marked).otherwise(expr)


def _markdown_cell(expr: pl.Expr) -> pl.Expr:
    # Backslash first, so the escapes added after it read back unambiguously; the marks of
    # control characters (<U+202E>) are escaped like the data's own text.
    escaped = (
        expr.str.replace_all("\\", "\\\\", literal=True)
        .str.replace_all("\r", "\\r", literal=True)
        .str.replace_all("\n", "\\n", literal=True)
    )
    return _visible(escaped).str.replace_all(_MARKDOWN_ACTIVE, r"\$1")


def to_markdown(frame: pl.DataFrame) -> str:
    """A GitHub-flavoured pipe table of ``frame``; numbers right-aligned.

    Floats are written to :data:`MARKDOWN_DIGITS` significant digits (CSV, JSON and
    Parquet keep them exactly). A missing value is "—", an empty text an empty cell.
    In cells and headers ``\\`` is written ``\\\\``, ``|`` ``\\|``, a newline ``\\n`` and a
    carriage return ``\\r``, so the table keeps its shape and its text reads back exactly.
    """
    if not frame.columns:
        return ""
    header = "| " + " | ".join(_escape(name) for name in frame.columns) + " |"
    rule = (
        "|"
        + "|".join("---:" if dtype.is_numeric() else "---" for dtype in frame.schema.values())
        + "|"
    )
    try:
        cells = frame.select(
            _markdown_cell(_rounded(name, dtype).cast(pl.String)).fill_null(MISSING)
            for name, dtype in frame.schema.items()
        )
    except pl.exceptions.PolarsError as exc:
        raise DataError(f"cannot write a Markdown table: {first_line(exc)}") from None
    lines = cells.select(
        pl.concat_str(
            pl.lit("| "), pl.concat_str(pl.all(), separator=" | "), pl.lit(" |")
        ).str.join("\n")
    ).item()
    return "\n".join(part for part in (header, rule, lines) if part) + "\n"


def _rounded(name: str, dtype: pl.DataType) -> pl.Expr:
    if dtype.is_float():
        # round_sig_figs would turn inf and NaN into NaN; they are written as they are.
        finite = pl.col(name).is_finite()
        return (
            pl.when(finite)
            .then(pl.col(name).round_sig_figs(MARKDOWN_DIGITS))
            .otherwise(pl.col(name))
        )
    return pl.col(name)


def _escape(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("\r", "\\r").replace("\n", "\\n")
    return re.sub(_MARKDOWN_ACTIVE, r"\\\1", visible(escaped))


def _write_csv(frame: pl.DataFrame, out: BinaryIO) -> None:
    # The header row is cells too. A line feed in a cell is kept (CSV quotes it); every
    # other control character is marked, as on the screen.
    names = {c: f"'{c}" for c in frame.columns if re.match(FORMULA_START, c)}
    names = {c: visible(names.get(c, c)) for c in frame.columns}
    safe = neutralise(frame)
    text = [name for name, dtype in safe.schema.items() if dtype == pl.String]
    safe = safe.with_columns(_visible(pl.col(name), newlines=True) for name in text)
    safe.rename(names).write_csv(out)


def _write_parquet(frame: pl.DataFrame, out: BinaryIO) -> None:
    frame.write_parquet(out)


def _write_json(frame: pl.DataFrame, out: BinaryIO) -> None:
    # An array of row objects: [{"period": "2023-09", "export": 11.2, ...}, ...]
    frame.write_json(out)


def _write_markdown(frame: pl.DataFrame, out: BinaryIO) -> None:
    out.write(to_markdown(frame).encode("utf-8"))


_WRITERS: dict[str, Callable[[pl.DataFrame, BinaryIO], None]] = {
    "csv": _write_csv,
    "parquet": _write_parquet,
    "json": _write_json,
    "markdown": _write_markdown,
}


def _temporary(path: Path) -> tuple[Path, int]:
    """A new file beside ``path``, created with the usual permissions (the umask applies)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    # The name is cut so that a target name near the file system's limit (255 bytes)
    # still leaves room for the temporary one's 14 extra characters.
    stem = path.name.encode("utf-8", "surrogateescape")[:TEMP_NAME_BYTES]
    name = stem.decode("utf-8", "ignore")
    for _ in range(100):
        temp = path.with_name(f".{name}.{secrets.token_hex(4)}.tmp")
        try:
            return temp, os.open(temp, flags, 0o666)
        except FileExistsError:
            continue
    raise OSError(f"no free temporary name beside {path}")


def _place_new(temp: Path, path: Path) -> None:
    """Put ``temp`` at ``path`` only if no file is there: a hard link fails if one is.

    The temporary name is left for the caller to remove.
    """
    try:
        os.link(temp, path)
    except FileExistsError:
        raise
    except OSError:
        # No hard links on this file system (FAT, some network shares): checked just before.
        if path.exists():
            raise FileExistsError(path) from None
        os.replace(temp, path)


def _check_target(path: Path) -> None:
    if path.is_dir():
        raise DataError(f"{path}: is a folder; expected a file name ending in {path.suffix}")
    if path.exists() and not path.is_file():
        # A pipe would block the write, a device would take it; neither is a file to keep.
        raise DataError(
            f"{path}: not a regular file (a pipe, socket or device); expected a file to write"
        )
    if not path.parent.is_dir():
        raise DataError(f"{path}: no folder {path.parent}; expected an existing folder")


def check_target(path: Path | str, force: bool = False) -> Path:
    """What :func:`write_frame` would refuse, checked before any data is read: the path
    and extension, and an existing file not to be replaced without ``force``."""
    path = usable(path)
    format_for(path)
    _check_target(path)
    if path.exists() and not force:
        raise FileExists(path)
    return path


def write_frame(frame: pl.DataFrame, path: Path | str, *, force: bool = False) -> Path:
    """Write ``frame`` to ``path`` in the format of its extension; returns the path written.

    Raises :class:`FileExists` when the file exists and ``force`` is false, and DataError
    (one line naming the path) for an unknown extension, a missing folder or a failed write.
    """
    path = usable(path)
    kind = format_for(path)
    _check_target(path)
    existed = path.exists()
    if existed and not force:
        raise FileExists(path)
    temp: Path | None = None
    try:
        temp, handle = _temporary(path)
        with os.fdopen(handle, "wb") as out:
            _WRITERS[kind](frame, out)
            out.flush()
            os.fsync(out.fileno())
        if existed:
            with contextlib.suppress(OSError):
                shutil.copymode(path, temp)  # an overwritten file keeps its permissions
        if force:
            os.replace(temp, path)
            temp = None
        else:
            _place_new(temp, path)  # never replaces a file that appeared meanwhile
    except FileExistsError:  # created by someone else while this one was written
        raise FileExists(path) from None
    except OSError as exc:
        raise DataError(f"{path}: cannot write ({exc.strerror or first_line(exc)})") from None
    except pl.exceptions.PolarsError as exc:
        raise DataError(f"{path}: cannot write {kind}: {first_line(exc)}") from None
    except DataError as exc:
        raise DataError(f"{path}: {exc}") from None
    finally:
        if temp is not None:
            with contextlib.suppress(OSError):
                temp.unlink()
    return path


# --- the period tables exported --------------------------------------------------------


def period_frame(
    rows: pl.DataFrame, granularity: str, reporter: str | None, partner: str | None
) -> pl.DataFrame:
    """Rows of a period table (:func:`metrics.periods`, :func:`metrics.aggregate`, or the
    trade table's rows) in the exported columns, :data:`PERIOD_COLUMNS`, in their order."""
    if granularity not in GRANULARITIES:
        raise DataError(f"unknown granularity {granularity!r}; expected month, quarter or year")
    columns = set(rows.columns)

    def col(name: str) -> pl.Expr:
        dtype = PERIOD_COLUMNS[name]
        return pl.col(name).cast(dtype) if name in columns else pl.lit(None, dtype)

    if granularity == "month":
        period = (
            pl.when(pl.col("period_start") == pl.col("period_end"))
            .then(pl.col("period_start"))
            .otherwise(pl.concat_str("period_start", pl.lit(".."), "period_end"))
        )
    else:
        period = pl.col("label")
    months = "months_covered" if "months_covered" in columns else "months"
    pop = pl.col("mom_total") if granularity != "year" and "mom_total" in columns else None
    if rows.is_empty():
        return pl.DataFrame(schema=PERIOD_COLUMNS)
    return rows.select(
        period.cast(pl.String).alias("period"),
        col("period_start"),
        col("period_end"),
        pl.col(months).cast(pl.Int64).alias("months"),
        pl.lit(reporter, pl.String).alias("reporter"),
        pl.lit(partner, pl.String).alias("partner"),
        *(col(name) for name in ("export", "import", "total", "balance")),
        *(col(name) for name in ("yoy_export", "yoy_import", "yoy_total")),
        (pop.cast(pl.Float64) if pop is not None else pl.lit(None, pl.Float64)).alias("pop_total"),
        *(col(name) for name in ("ytd_export", "ytd_import", "ytd_total")),
    )


def period_table(
    wide: pl.DataFrame,
    granularity: str = "month",
    start: str | None = None,
    end: str | None = None,
    reporter: str | None = None,
    partner: str | None = None,
) -> pl.DataFrame:
    """The exported period table of one pair from ``start`` to ``end`` (YYYY-MM, inclusive).

    Default range: all the data; with only one end given, the data's first or last month
    fills the other. The range is checked as ``summary`` checks it (DataError naming
    --from/--to), and may not cut a period of the granularity (a combined Jan–Feb release,
    a quarter, a year) in two. Growth is computed over all the data, so the first rows of a
    range still have theirs.
    """
    if granularity not in GRANULARITIES:
        raise DataError(f"--granularity: found {granularity!r}; expected month, quarter or year")
    if wide.is_empty():
        return pl.DataFrame(schema=PERIOD_COLUMNS)
    if start is not None or end is not None:
        start, end = resolve_range(
            wide, start or wide["period_start"].min(), end or wide["period_end"].max()
        )
    table = metrics.aggregate(wide, granularity)
    if start is not None and end is not None:
        if granularity != "month":  # resolve_range has checked the combined months
            _check_boundaries(table, start, end, granularity)
        table = table.filter(pl.col("period_start") >= start, pl.col("period_end") <= end)
    return period_frame(table, granularity, reporter, partner)


def _check_boundaries(table: pl.DataFrame, start: str, end: str, granularity: str) -> None:
    """DataError when start or end falls inside a quarter or year rather than at its edge."""
    first, last = pl.col("period_start"), pl.col("period_end")
    for option, month, cut in (
        ("--from", start, (first < start) & (last >= start)),
        ("--to", end, (first <= end) & (last > end)),
    ):
        inside = table.filter(cut).select("label", "period_start", "period_end")
        if inside.height:
            label, row_start, row_end = inside.row(0)
            raise DataError(
                f"{option} {month} falls inside {granularity} {label} "
                f"({row_start} to {row_end}); "
                f"expected {'its first month' if option == '--from' else 'its last month'}, "
                f"{row_start if option == '--from' else row_end}, or a whole {granularity}"
            )


def default_name(year: int | None, granularity: str, extension: str = ".csv") -> str:
    """A file name for an exported view: tradetui-2023-month.csv, tradetui-by-year.csv."""
    if granularity == "year" or year is None:
        return f"tradetui-by-{granularity}{extension}"
    return f"tradetui-{year}-{granularity}{extension}"
