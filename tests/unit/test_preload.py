"""The read started at the first frame: result, progress, errors and cancelling."""

from __future__ import annotations

import threading

import pytest

from tradetui.data import load as load_module
from tradetui.data.errors import DataError
from tradetui.data.progress import Cancelled, Progress
from tradetui.preload import Preload


def test_the_result_is_the_dataset_and_progress_is_passed_on(monkeypatch) -> None:
    def fake_load(path, progress: Progress):
        for done in (10, 20):
            progress.step(done, 20, "rows")
        return f"dataset of {path}"

    monkeypatch.setattr(load_module, "load_dataset", fake_load)
    seen: list[tuple] = []
    preload = Preload("x.parquet")
    assert preload.result(lambda *step: seen.append(step), lambda: False) == "dataset of x.parquet"
    # Steps made before anyone listened are passed on as the latest one.
    assert seen[-1] == (20, 20, "rows")


def test_a_data_error_reaches_the_caller(monkeypatch) -> None:
    def fake_load(path, progress):
        raise DataError("x.csv: the file is empty")

    monkeypatch.setattr(load_module, "load_dataset", fake_load)
    with pytest.raises(DataError, match="empty"):
        Preload("x.csv").result(lambda *step: None, lambda: False)


def test_cancelling_stops_the_read_at_its_next_step(monkeypatch) -> None:
    started = threading.Event()

    def fake_load(path, progress: Progress):
        done = 0
        while True:  # a reader that only stops when told to
            started.set()
            done += 1
            progress.step(done, None, "rows")
            threading.Event().wait(0.005)

    monkeypatch.setattr(load_module, "load_dataset", fake_load)
    preload = Preload("big.parquet")
    started.wait(5)
    with pytest.raises(Cancelled):
        preload.result(lambda *step: None, lambda: True)
