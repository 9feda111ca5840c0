"""Opening a Comtrade file reads it once: the first screen's facts come from one scan."""

from __future__ import annotations

import pathlib

import polars as pl
import pytest

from comtrade_files import write_comtrade
from tradetui import state
from tradetui.data import sources
from tradetui.data.load import load_dataset


@pytest.fixture
def reads(monkeypatch):
    """Scans of the source by polars (plans naming the file) and bytes Python read of it."""
    seen = {"scans": 0, "bytes": 0, "path": None}
    collect, batches, opened = (
        pl.LazyFrame.collect,
        pl.LazyFrame.collect_batches,
        pathlib.Path.open,
    )

    def scans(frame: pl.LazyFrame) -> bool:
        return seen["path"] is not None and seen["path"] in frame.explain(optimized=False)

    def counted_collect(self, *args, **kwargs):
        seen["scans"] += scans(self)
        return collect(self, *args, **kwargs)

    def counted_batches(self, *args, **kwargs):
        seen["scans"] += scans(self)
        return batches(self, *args, **kwargs)

    def counted_open(self, *args, **kwargs):
        handle = opened(self, *args, **kwargs)
        if seen["path"] is None or str(self) != seen["path"]:
            return handle
        read = handle.read

        def counted_read(*a):
            chunk = read(*a)
            seen["bytes"] += len(chunk)
            return chunk

        handle.read = counted_read
        return handle

    monkeypatch.setattr(pl.LazyFrame, "collect", counted_collect)
    monkeypatch.setattr(pl.LazyFrame, "collect_batches", counted_batches)
    monkeypatch.setattr(pathlib.Path, "open", counted_open)
    return seen


def _big_comtrade(path: pathlib.Path) -> pathlib.Path:
    """Over HEAD_BYTES: a pass over the text would show in the bytes read."""
    small = pl.read_csv(write_comtrade(path), infer_schema=False)
    months = [f"{y}{m:02d}" for y in range(1950, 2024) for m in range(1, 13)]
    frames = [small.with_columns(period=pl.lit(month)) for month in months]
    pl.concat(frames).unique(["period", "flowCode", "cmdCode"]).write_csv(path)
    assert path.stat().st_size > 10 * sources.HEAD_BYTES
    return path


def test_a_utf8_csv_is_read_once_for_the_first_screen(tmp_path, reads):
    path = _big_comtrade(tmp_path / "comtrade.csv")
    reads["path"] = str(path)
    dataset = load_dataset(path)
    loaded = state.load(dataset)
    # One streaming scan for totals, ranking, levels and notes; of the text, only its
    # start is looked at (file type, encoding, separator), never a pass over all of it.
    assert reads["scans"] == 1
    assert reads["bytes"] <= 3 * sources.HEAD_BYTES
    assert loaded.pairs.height == 1
    assert loaded.wide.height == 74 * 12


def test_a_parquet_file_is_scanned_once(tmp_path, reads):
    path = tmp_path / "comtrade.parquet"
    pl.read_csv(_big_comtrade(tmp_path / "c.csv"), infer_schema=False).write_parquet(path)
    reads["path"] = str(path)
    state.load(load_dataset(path))
    # The row count comes from the metadata (a plan naming the file), then one scan.
    assert reads["scans"] == 2


def test_a_csv_not_utf8_past_its_start_is_copied_and_read_again(tmp_path):
    path = _big_comtrade(tmp_path / "comtrade.csv")
    lines = path.read_bytes().split(b"\n")
    # A Latin-1 description in the last 6-digit row, well past the part looked at first.
    at = max(i for i, line in enumerate(lines) if b",270900," in line)
    fields = lines[at].split(b",")
    fields[5] = b"Caf\xe9 (Latin-1)"
    lines[at] = b",".join(fields)
    assert at > len(lines) // 2
    path.write_bytes(b"\n".join(lines))
    dataset = load_dataset(path)
    assert dataset.trade.collect().height > 0
    detail = dataset.detail.frame.filter(pl.col("description").str.contains("Caf")).collect()
    assert detail["description"].to_list() == ["Café (Latin-1)"]
