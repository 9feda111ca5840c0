"""Comtrade-shaped Parquet files for the Spark backend's tests, and the address of the
test server (``TRADETUI_SPARK_REMOTE``, set by .ci/run)."""

from __future__ import annotations

import os
import random
from pathlib import Path

import polars as pl

from comtrade_files import write_comtrade

REMOTE_VARIABLE = "TRADETUI_SPARK_REMOTE"

CODES = ("TOTAL", "27", "2709", "270900", "2710", "271012", "87", "8703", "870323", "44")
PAIRS = (("CHN", "RUS"), ("RUS", "CHN"), ("CHN", "KAZ"), ("KAZ", "W00"))


def remote() -> str:
    address = os.environ.get(REMOTE_VARIABLE)
    if not address:
        raise RuntimeError(
            f"the Spark tests need a server: set {REMOTE_VARIABLE}=sc://127.0.0.1:PORT "
            "(scripts/spark-connect-server start PORT DIR starts one)"
        )
    return address


def table_url(path: Path, params: str = "") -> str:
    """The ``--data`` of a Parquet file read by the test server."""
    return f"{remote()}/parquet.`{path}`" + (f";{params}" if params else "")


def small(folder: Path) -> Path:
    """tests/comtrade_files.py's CSV as Parquet (every column text, as the CSV)."""
    csv = write_comtrade(folder / "comtrade.csv")
    out = folder / "comtrade.parquet"
    pl.read_csv(csv, infer_schema=False).write_parquet(out)
    return out


def varied(folder: Path, seed: int = 7) -> Path:
    """Three years of several pairs: re-exports, breakdown rows, missing values, months
    without a TOTAL row, one annual row beside its months and one year without months."""
    rng = random.Random(seed)
    rows = []
    months = [f"{y}{m:02d}" for y in (2021, 2022, 2023) for m in range(1, 13)]
    for reporter, partner in PAIRS:
        for period in months:
            with_total = rng.random() > 0.2
            for flow in ("X", "M", "RX"):
                for code in CODES:
                    if code == "TOTAL" and not with_total:
                        continue
                    value = rng.randrange(1, 10**9) * 10
                    given = "" if rng.random() < 0.01 else str(value)
                    rows.append((period, reporter, partner, flow, code, f"name {code}", given, "0"))
                    if rng.random() < 0.05:  # a breakdown by second partner
                        rows.append((period, reporter, partner, flow, code, None, "5", "643"))
    rows.append(("2022", "CHN", "RUS", "X", "TOTAL", "year", "123000000000", "0"))
    rows.append(("2020", "CHN", "RUS", "X", "TOTAL", "year", "99000000000", "0"))
    frame = pl.DataFrame(
        rows,
        schema=["period", "reporterISO", "partnerISO", "flowCode", "cmdCode", "cmdDesc",
                "primaryValue", "partner2Code"],
        orient="row",
    )  # fmt: skip
    out = folder / "varied.parquet"
    frame.write_parquet(out)
    return out


def typed(folder: Path) -> Path:
    """:func:`varied` as the API writes it: numbers typed, M49 codes instead of ISO."""
    codes = {"CHN": 156, "RUS": 643, "KAZ": 398, "W00": 0}
    frame = pl.read_parquet(varied(folder)).select(
        pl.col("period").cast(pl.Int64),
        pl.col("reporterISO").replace_strict(codes, return_dtype=pl.Int64).alias("reporterCode"),
        pl.col("partnerISO").replace_strict(codes, return_dtype=pl.Int64).alias("partnerCode"),
        "flowCode",
        "cmdCode",
        "cmdDesc",
        pl.col("primaryValue").replace("", None).cast(pl.Float64),
        pl.col("partner2Code").cast(pl.Int64),
    )
    out = folder / "typed.parquet"
    frame.write_parquet(out)
    return out
