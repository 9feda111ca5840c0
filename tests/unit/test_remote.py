"""Remote data: a real S3-compatible server (moto's) on loopback, read by polars' own
object-store scanning, with the environment's credentials and endpoint."""

from __future__ import annotations

import io
import logging
import socket

import boto3
import polars as pl
import pytest
from moto.server import ThreadedMotoServer

from cli_runs import assert_one_error_line, run
from tradetui.data import comtrade
from tradetui.data.errors import DataError
from tradetui.data.load import load_dataset
from tradetui.data.pair_first import read_pair
from tradetui.data.progress import Cancelled, Progress

BUCKET = "trade"
PAIR = {"reporter": "CHN", "partner": "RUS"}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server():
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    port = _free_port()
    moto = ThreadedMotoServer(ip_address="127.0.0.1", port=port)
    moto.start()
    yield f"http://127.0.0.1:{port}"
    moto.stop()


@pytest.fixture
def s3(server, monkeypatch):
    """The bucket, with the credentials and endpoint in the environment, as a user sets
    them for any S3-compatible store."""
    for name, value in {
        "AWS_ENDPOINT_URL": server,
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_REGION": "us-east-1",
        "AWS_ALLOW_HTTP": "true",
    }.items():
        monkeypatch.setenv(name, value)
    client = boto3.client("s3", endpoint_url=server, region_name="us-east-1")
    client.create_bucket(Bucket=BUCKET)
    yield client
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=BUCKET):
        for item in page.get("Contents", []):
            client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def _comtrade_rows() -> pl.DataFrame:
    rows = []
    for period in (202301, 202302, 202401):
        for reporter, partner, bn in (
            ("CHN", "RUS", 10.0),
            ("RUS", "CHN", 9.0),
            ("USA", "DEU", 3.0),
        ):
            for flow in ("X", "M"):
                for code, share in (("27", 0.75), ("2709", 0.5), ("2710", 0.25), ("87", 0.25)):
                    rows.append((period, reporter, partner, flow, code, bn * share * 1e9))
    columns = ["period", "reporterISO", "partnerISO", "flowCode", "cmdCode", "primaryValue"]
    return pl.DataFrame(rows, schema=columns, orient="row")


def _put(client, key: str, frame: pl.DataFrame) -> None:
    body = io.BytesIO()
    frame.write_parquet(body)
    client.put_object(Bucket=BUCKET, Key=key, Body=body.getvalue())


def _put_hive(client, prefix: str, frame: pl.DataFrame) -> None:
    """Partitioned by year and month, as the benchmark's big sets are."""
    for (period,), part in frame.group_by("period"):
        _put(client, f"{prefix}/year={period // 100}/month={period % 100:02d}/part-0.parquet", part)


def _local(tmp_path, frame: pl.DataFrame):
    path = tmp_path / "local.parquet"
    frame.write_parquet(path)
    return load_dataset(path)


def test_a_hive_folder_on_s3_reads_as_the_same_file_on_disk(s3, tmp_path):
    frame = _comtrade_rows()
    _put_hive(s3, "comtrade", frame)
    dataset = load_dataset(f"s3://{BUCKET}/comtrade/")
    assert dataset.origin == f"UN Comtrade files in s3://{BUCKET}/comtrade/"
    remote = dataset.trade.collect().sort("reporter", "partner", "period_start", "flow")
    local = (
        _local(tmp_path, frame).trade.collect().sort("reporter", "partner", "period_start", "flow")
    )
    assert remote.equals(local)
    assert dataset.duplicates == 0
    # The drill-down reads the month through the same pushed-down filters.
    chapters = dataset.aggregates.hs_rollup(month="2024-01", flow="export", **PAIR)
    assert dict(chapters.select("code", "value").rows()) == pytest.approx({"27": 7.5, "87": 2.5})


def test_one_file_on_s3_its_pair_first_and_repeats_counted_once(s3, tmp_path):
    frame = _comtrade_rows()
    _put(s3, "one.parquet", frame)
    first = read_pair(f"s3://{BUCKET}/one.parquet", "CHN", "RUS")
    assert first is not None and first.partial
    assert set(first.trade.collect()["reporter"]) == {"CHN", "RUS"}
    # The same export twice in a folder: counted once, with the note.
    _put(s3, "twice/a.parquet", frame)
    _put(s3, "twice/b.parquet", frame)
    twice = load_dataset(f"s3://{BUCKET}/twice/")
    assert twice.duplicates == frame.height
    once = load_dataset(f"s3://{BUCKET}/one.parquet").trade.collect()
    assert twice.trade.collect().sort(once.columns).equals(once.sort(once.columns))


def test_progress_and_cancel_as_for_local_files(s3, monkeypatch):
    monkeypatch.setattr(comtrade, "BATCH_ROWS", 10)
    _put_hive(s3, "comtrade", _comtrade_rows())
    steps = []
    load_dataset(f"s3://{BUCKET}/comtrade/", Progress(report=lambda *step: steps.append(step)))
    rows = [step for step in steps if step[2] == "rows"]
    assert rows[-1] == (rows[-1][1], rows[-1][1], "rows") and rows[-1][1] == 72
    with pytest.raises(Cancelled):
        load_dataset(f"s3://{BUCKET}/comtrade/", Progress(cancelled=lambda: True))


def test_missing_buckets_and_objects_are_one_line(s3, capsys):
    with pytest.raises(DataError, match="no such object, folder or bucket"):
        load_dataset(f"s3://{BUCKET}/missing.parquet")
    line = assert_one_error_line(*run(capsys, "validate", "s3://no-such-bucket/folder/"))
    assert line == (
        "s3://no-such-bucket/folder/: no such object, folder or bucket; "
        "expected a CSV or Parquet file"
    )


def test_validate_names_a_remote_folder(s3, capsys):
    _put_hive(s3, "comtrade", _comtrade_rows())
    code, out, _ = run(capsys, "validate", f"s3://{BUCKET}/comtrade/")
    assert code == 0
    assert out.startswith(f"OK: UN Comtrade files in s3://{BUCKET}/comtrade/")


async def test_the_explorer_opens_a_remote_folder(s3):
    from piloting import main, settle
    from tradetui.app import make_app

    _put_hive(s3, "comtrade", _comtrade_rows())
    app = make_app(f"s3://{BUCKET}/comtrade/")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main(pilot)
        assert screen.loaded is not None and not screen.loaded.dataset.partial
        assert (screen.loaded.reporter, screen.loaded.partner) == ("CHN", "RUS")
        assert screen.table.row_count > 0
        assert "s3://trade/comtrade/" in pilot.app.sub_title
