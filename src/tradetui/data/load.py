"""Load a dataset (the embedded one, a dataset folder, or one trade file) as LazyFrames."""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import polars as pl

from tradetui.data import schema
from tradetui.data.errors import DataError, first_line
from tradetui.data.validate import (
    EVENT_OUTPUT_COLUMNS,
    collect_table,
    validate_events,
    validate_trade,
)

TRADE_SUFFIXES = (".csv", ".parquet")


@dataclass(frozen=True)
class Dataset:
    """The tables of one dataset. ``trade`` is validated, values in USD bn."""

    trade: pl.LazyFrame
    events: pl.LazyFrame
    commodities: pl.LazyFrame
    published: pl.LazyFrame
    origin: str
    missing: tuple[str, ...] = field(default=())


def embedded_dir() -> Path:
    """The embedded dataset: inside the installed wheel, or data/ of a source checkout."""
    packaged = Path(str(resources.files("tradetui"))) / "embedded"
    if (packaged / schema.TRADE_FILE).is_file():
        return packaged
    return Path(__file__).resolve().parents[3] / "data"


def _empty(columns: dict) -> pl.LazyFrame:
    return pl.LazyFrame(schema=columns)


def scan_table(path: Path) -> pl.LazyFrame:
    """Scan a CSV (every column as text, so validation sees what was written) or Parquet."""
    if not path.exists():
        raise DataError(f"{path}: no such file or directory")
    if path.is_dir():
        raise DataError(f"{path}: is a directory, expected a .csv or .parquet file")
    if path.suffix.lower() not in TRADE_SUFFIXES:
        raise DataError(f"{path}: unsupported file type {path.suffix!r}; expected .csv or .parquet")
    try:
        with path.open("rb") as handle:
            head = handle.read(1)
    except OSError as exc:
        raise DataError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if not head:
        raise DataError(f"{path}: the file is empty; expected a header row and data")
    try:
        if path.suffix.lower() == ".parquet":
            lf = pl.scan_parquet(path)
            names = lf.collect_schema().names()
            return lf.with_columns(pl.col(names).cast(pl.String))
        return pl.scan_csv(path, infer_schema=False, encoding="utf8-lossy")
    except pl.exceptions.PolarsError as exc:
        first = first_line(exc)
        raise DataError(f"{path}: not a readable {path.suffix[1:]} file ({first})") from None


def _find(folder: Path, stem: str) -> Path | None:
    for suffix in TRADE_SUFFIXES:
        candidate = folder / f"{Path(stem).stem}{suffix}"
        if candidate.is_file():
            return candidate
    return None


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


def load_dataset(path: Path | str | None = None) -> Dataset:
    """Load and validate a dataset; raise DataError with one human line when it is unusable."""
    folder = embedded_dir() if path is None else Path(path).expanduser()
    origin = "embedded China–Russia (GACC) dataset" if path is None else str(folder)
    if not folder.exists():
        raise DataError(f"{folder}: no such file or directory")
    if folder.is_file():
        trade = validate_trade(scan_table(folder), str(folder))
        missing = ("events", "commodities", "published figures")
        return Dataset(
            trade=trade,
            events=_empty(EVENT_OUTPUT_COLUMNS),
            commodities=_empty(schema.COMMODITY_COLUMNS),
            published=_empty(schema.PUBLISHED_COLUMNS),
            origin=origin,
            missing=missing,
        )
    trade_path = _find(folder, schema.TRADE_FILE)
    if trade_path is None:
        raise DataError(
            f"{folder}: not a tradetui dataset; expected {schema.TRADE_FILE} (or .parquet) in it"
        )
    trade = validate_trade(scan_table(trade_path), str(trade_path))
    missing: list[str] = []
    tables: dict[str, pl.LazyFrame] = {}
    for key, stem, columns in (
        ("commodities", schema.COMMODITIES_FILE, schema.COMMODITY_COLUMNS),
        ("published figures", schema.PUBLISHED_FILE, schema.PUBLISHED_COLUMNS),
    ):
        found = _find(folder, stem)
        if found is None:
            missing.append(key)
            tables[key] = _empty(columns)
        else:
            # Small tables, queried on every month step: read the file once.
            tables[key] = collect_table(_typed(scan_table(found), columns), str(found)).lazy()
    events_path = _find(folder, schema.EVENTS_FILE)
    if events_path is None:
        missing.append("events")
        events = _empty(EVENT_OUTPUT_COLUMNS)
    else:
        events = validate_events(scan_table(events_path), str(events_path))
    return Dataset(
        trade=trade,
        events=events,
        commodities=tables["commodities"],
        published=tables["published figures"],
        origin=origin,
        missing=tuple(missing),
    )
