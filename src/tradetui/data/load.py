"""Load a dataset (the embedded one, a dataset folder, a trade file or folder of files, in
the tradetui, UN Comtrade or GACC layout) as LazyFrames."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, partial
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

from tradetui.data import comtrade, duplicates, gacc, remote, schema, sources, spark_url
from tradetui.data.detail import Detail
from tradetui.data.errors import DataError
from tradetui.data.locations import is_remote
from tradetui.data.polars_errors import READ_ERRORS, reason
from tradetui.data.progress import SILENT, Progress
from tradetui.data.validate import (
    EVENT_OUTPUT_COLUMNS,
    ReadError,
    collect_table,
    number_problems,
    raise_problems,
    validate_events,
    validate_trade,
)

if TYPE_CHECKING:
    from tradetui.data.engine import Aggregates

TRADE_SUFFIXES = sources.SUFFIXES


@dataclass(frozen=True)
class Dataset:
    """The tables of one dataset. ``trade`` is validated, values in USD bn.

    ``detail`` is the HS-level commodity table of an imported file (schema.DETAIL_COLUMNS),
    lazy over the source so that it can be larger than memory; None when there is none.
    ``notes`` are one-line remarks about the import (rows kept apart, say);
    ``duplicates`` counts the repeated rows of an import left out (kept once);
    ``partial``: one pair's rows only, read first while the rest is read
    (tradetui.data.pair_first).
    """

    trade: pl.LazyFrame
    events: pl.LazyFrame
    commodities: pl.LazyFrame
    published: pl.LazyFrame
    origin: str
    missing: tuple[str, ...] = field(default=())
    detail: Detail | None = None
    source_format: str = "tradetui"
    notes: tuple[str, ...] = field(default=())
    duplicates: int = 0
    partial: bool = False

    @cached_property
    def aggregates(self) -> Aggregates:
        """The queries the views ask (tradetui.data.engine), answered on this machine."""
        from tradetui.data.engine import LocalAggregates

        return LocalAggregates(self)


def embedded_dir() -> Path:
    """The embedded dataset: inside the installed wheel, or data/ of a source checkout."""
    packaged = Path(str(resources.files("tradetui"))) / "embedded"
    if (packaged / schema.TRADE_FILE).is_file():
        return packaged
    return Path(__file__).resolve().parents[3] / "data"


def _empty(columns: dict) -> pl.LazyFrame:
    return pl.LazyFrame(schema=columns)


def scan_table(path: Path, progress: Progress = SILENT) -> pl.LazyFrame:
    """Scan a CSV (every column as text, so validation sees what was written) or Parquet,
    after checking it is a readable, non-empty file; a CSV not in UTF-8 is read from its
    UTF-8 copy (tradetui.data.sources)."""
    return sources.scan_file(path, progress)


def _typed(lf: pl.LazyFrame, columns: dict) -> pl.LazyFrame:
    """Cast text columns to the schema's types; absent columns become nulls."""

    def cast(name: str, dtype) -> pl.Expr:
        if name not in names:
            return pl.lit(None, dtype)
        if dtype == pl.Boolean:
            return (
                pl.col(name)
                .str.to_lowercase()
                .replace_strict(
                    {"true": True, "false": False}, default=None, return_dtype=pl.Boolean
                )
            )
        return pl.col(name).cast(dtype, strict=False)

    names = lf.collect_schema().names()
    return lf.select(cast(name, dtype).alias(name) for name, dtype in columns.items())


def _checked(
    path: Path, check: Callable[[pl.LazyFrame, str, str, int], pl.LazyFrame], progress: Progress
) -> pl.LazyFrame:
    """One table of a dataset folder through ``check`` (validate_trade, say); a file polars
    cannot read is reported by its line at fault where that can be found."""
    source = sources.open_table(path, progress)
    try:
        return check(source.scan_text(), str(path), source.row_word, source.first_row)
    except ReadError as exc:
        raise source.read_error(exc.reason) from None
    except READ_ERRORS as exc:
        raise source.read_error(reason(exc)) from None


def _read_typed(
    lf: pl.LazyFrame, name: str, row_word: str, first_row: int, *, columns: dict
) -> pl.LazyFrame:
    """A companion table typed by ``columns``; its numbers checked like the trade table's
    (a published figure of inf or -5 would otherwise be shown as it is)."""
    text = collect_table(lf, name)
    numbers = tuple(c for c, t in columns.items() if t == pl.Float64 and c in text.columns)
    growth = tuple(c for c in numbers if c.startswith("yoy"))
    # A published balance or surplus may be negative: only finiteness is asked of values.
    problems = number_problems(text, name, numbers, row_word, first_row, growth, numbers)
    raise_problems(problems)
    return _typed(text.lazy(), columns).collect().lazy()


def _events(folder: Path, missing: list[str]) -> pl.LazyFrame:
    events_path = sources.find_table(folder, schema.EVENTS_FILE)
    if events_path is None:
        missing.append("events")
        return _empty(EVENT_OUTPUT_COLUMNS)
    return _checked(events_path, validate_events, SILENT)


def _load_folder(folder: Path, origin: str, trade_path: Path, progress: Progress) -> Dataset:
    """A dataset folder: trade_monthly.csv (or .parquet) and its optional companions."""
    trade = _checked(trade_path, validate_trade, progress)
    missing: list[str] = []
    tables: dict[str, pl.LazyFrame] = {}
    for key, stem, columns in (
        ("commodities", schema.COMMODITIES_FILE, schema.COMMODITY_COLUMNS),
        ("published figures", schema.PUBLISHED_FILE, schema.PUBLISHED_COLUMNS),
    ):
        found = sources.find_table(folder, stem)
        if found is None:
            missing.append(key)
            tables[key] = _empty(columns)
        else:
            # Small tables, queried on every month step: read the file once.
            tables[key] = _checked(found, partial(_read_typed, columns=columns), SILENT)
    events = _events(folder, missing)
    return Dataset(
        trade=trade,
        events=events,
        commodities=tables["commodities"],
        published=tables["published figures"],
        origin=origin,
        missing=tuple(missing),
    )


class _NotUtf8(Exception):
    """A CSV left unchecked turned out not to be UTF-8 past its start."""


def open_any(
    path: Path | str, progress: Progress = SILENT, check_encoding: bool = True
) -> sources.Source | remote.RemoteSource:
    """What a local path or a remote location (tradetui.data.remote) holds."""
    if is_remote(path):
        return remote.open_remote(str(path))
    return sources.open_source(path, progress, check_encoding)


def _load_source(source: sources.Source | remote.RemoteSource, progress: Progress) -> Dataset:
    """One file or a folder of files, in any of the layouts sources.py tells apart."""
    missing: list[str] = []
    # A folder of data files may hold an events table beside them, as a dataset folder does.
    if source.kind == sources.KIND_FOLDER:
        events = _events(source.path, missing)
    else:
        events = _empty(EVENT_OUTPUT_COLUMNS)
        missing.append("events")
    commodities = _empty(schema.COMMODITY_COLUMNS)
    missing.append("commodities")
    published = _empty(schema.PUBLISHED_COLUMNS)
    detail: Detail | None = None
    notes: tuple[str, ...] = ()
    repeats = 0
    name = source.name
    where = {"row_word": source.row_word, "first_row": source.first_row}
    try:
        if source.format == sources.FORMAT_COMTRADE:
            # Over several files, each row's file: rows repeated across files count once.
            scan = source.scan(duplicates.FILE if source.several_files else None)
            found = comtrade.read_comtrade(
                scan, name, progress, total_rows=source.row_count(), **where
            )
            trade, detail, notes = found.trade.lazy(), found.detail, found.notes
            repeats = found.duplicates
            missing.append("published figures")
        elif source.format == sources.FORMAT_GACC:
            found_gacc = gacc.read_gacc(source.scan_text(), name, **where)
            trade, notes = found_gacc.trade.lazy(), found_gacc.notes
            published = found_gacc.published.lazy()
        else:
            trade = validate_trade(source.scan_text(), name, **where)
            missing.append("published figures")
    except ReadError as exc:
        raise source.read_error(exc.reason) from None
    except READ_ERRORS as exc:
        if source.file_type == "csv" and "invalid utf-8" in str(exc):
            raise _NotUtf8 from None
        # Raised while reading: the file, not the program, is at fault.
        raise source.read_error(reason(exc)) from None
    return Dataset(
        trade=trade,
        events=events,
        commodities=commodities,
        published=published,
        origin=source.describe(),
        missing=_ordered(missing),
        detail=detail,
        source_format=source.format,
        notes=(*source.notes, *notes),  # how the text was read, then the layout's notes
        duplicates=repeats,
    )


def _ordered(missing: list[str]) -> tuple[str, ...]:
    order = ("events", "commodities", "published figures")
    return tuple(sorted(set(missing), key=order.index))


def _load_spark(text: str, progress: Progress) -> Dataset:
    """A table on a Spark Connect server (tradetui.data.spark.engine), when the optional
    client is installed."""
    spark_url.parse(text)  # a wrong address is said before Spark is imported
    try:
        from tradetui.data.spark.engine import load_spark
    except ImportError:
        raise DataError(
            f"{spark_url.hide_token(text)}: reading from Spark needs the Spark Connect "
            f"client: install the extra {spark_url.EXTRA} (pip install '{spark_url.EXTRA}')"
        ) from None
    return load_spark(text, progress)


def load_dataset(path: Path | str | None = None, progress: Progress = SILENT) -> Dataset:
    """Load and validate a dataset; raise DataError with one human line when it is unusable.

    ``path`` is a dataset folder, one CSV or Parquet file, or a folder of them, in the
    tradetui, UN Comtrade or GACC layout (tradetui.data.sources); None is the embedded
    dataset. Long reads report through ``progress`` (bytes while checking a CSV's text,
    rows while reading a Comtrade file) and stop with Cancelled when it says so.
    """
    if spark_url.is_spark(path):
        return _load_spark(str(path), progress)
    if path is None:
        folder = embedded_dir()
        return _load_folder(
            folder,
            "embedded China–Russia (GACC) dataset",
            sources.find_table(folder, schema.TRADE_FILE) or folder / schema.TRADE_FILE,
            progress,
        )
    if is_remote(path):
        try:
            return _load_source(remote.open_remote(str(path)), progress)
        except _NotUtf8:
            raise DataError(f"{path}: not UTF-8 text; expected a remote CSV in UTF-8") from None
    # One read of a CSV: polars checks UTF-8 as it parses; only a file that is not UTF-8
    # after all is read again, from its UTF-8 copy.
    source = sources.open_source(path, progress, check_encoding=False)
    if source.kind == sources.KIND_DATASET:
        return _load_folder(source.path, source.name, source.files[0], progress)
    try:
        return _load_source(source, progress)
    except _NotUtf8:
        return _load_source(sources.open_source(path, progress), progress)
