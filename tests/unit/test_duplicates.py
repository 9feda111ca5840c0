"""Rows repeated across the files of a folder are counted once, with a note."""

from __future__ import annotations

import csv
import shutil

import polars as pl
import pytest

from comtrade_files import write_comtrade
from tradetui.data import comtrade
from tradetui.data.load import load_dataset

PAIR = {"reporter": "CHN", "partner": "RUS"}


def _exports(dataset) -> dict[str, float]:
    trade = dataset.trade.filter(pl.col("flow") == "export").collect()
    return dict(trade.select("period_start", "value").rows())


def _rewrite(path, keep) -> None:
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([rows[0], *(r for r in rows[1:] if keep(r))])


@pytest.fixture
def single(tmp_path):
    return load_dataset(write_comtrade(tmp_path / "one.csv"))


def test_the_same_export_twice_counts_once(tmp_path, single):
    folder = tmp_path / "twice"
    folder.mkdir()
    write_comtrade(folder / "a.csv")
    shutil.copy(folder / "a.csv", folder / "b.csv")
    dataset = load_dataset(folder)
    assert _exports(dataset) == pytest.approx(_exports(single))
    rows = 3 * 2 * 10  # months x flows x codes of one copy
    assert dataset.duplicates == rows
    note = next(n for n in dataset.notes if "repeated rows" in n)
    assert note.startswith(f"{rows:,} repeated rows")
    assert "all with the same value" in note
    assert dataset.aggregates.facts().duplicates == rows
    # The drill-down counts them once too.
    chapters = dataset.aggregates.hs_rollup(month="2023-09", flow="export", **PAIR)
    assert dict(chapters.select("code", "value").rows()) == pytest.approx({"27": 12.0, "87": 8.0})


def test_overlapping_downloads_keep_the_first_file(tmp_path, single):
    folder = tmp_path / "overlap"
    folder.mkdir()
    early, late = write_comtrade(folder / "a.csv"), write_comtrade(folder / "b.csv")
    _rewrite(early, lambda r: r[0] != "202309")  # 2022-09 and 2023-08
    _rewrite(late, lambda r: r[0] != "202209")  # 2023-08 and 2023-09: 2023-08 in both

    # The later download revised one 2023-08 row; the first file's value is kept.
    with late.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    for row in rows[1:]:
        if row[0] == "202308" and row[3] == "X" and row[4] == "870323":
            row[6] = "1"
    with late.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)

    dataset = load_dataset(folder)
    assert _exports(dataset) == pytest.approx(_exports(single))
    assert dataset.duplicates == 2 * 10
    note = next(n for n in dataset.notes if "repeated rows" in n)
    assert "1 of them with another value there" in note


def test_files_split_by_chapter_share_groups_without_repeats(tmp_path, single):
    folder = tmp_path / "chapters"
    folder.mkdir()
    fuels, cars = write_comtrade(folder / "27.csv"), write_comtrade(folder / "87.csv")
    _rewrite(fuels, lambda r: r[4].startswith("27") or r[4] == "TOTAL")
    _rewrite(cars, lambda r: r[4].startswith("87"))
    dataset = load_dataset(folder)
    assert dataset.duplicates == 0
    assert not any("repeated rows" in n for n in dataset.notes)
    assert _exports(dataset) == pytest.approx(_exports(single))


def test_parquet_folder_twice(tmp_path, single, monkeypatch):
    monkeypatch.setattr(comtrade, "BATCH_ROWS", 7)  # groups spread over batches and files
    frame = pl.read_csv(tmp_path / "one.csv", infer_schema=False)
    folder = tmp_path / "parquet"
    for part in ("year=2023/a", "year=2023/b"):
        (folder / part).parent.mkdir(parents=True, exist_ok=True)
        frame.write_parquet(folder / f"{part}.parquet")
    dataset = load_dataset(folder)
    assert _exports(dataset) == pytest.approx(_exports(single))
    assert dataset.duplicates == frame.height
