"""Bad files the hostile-input tests share: table columns, a pipe, a wide header."""

from __future__ import annotations

import json
import os
from pathlib import Path

from cli_runs import HEADER
from tradetui.data import sources


def strict_json(text: str) -> object:
    """Parse as a strict JSON reader would: Infinity and NaN are not JSON."""

    def refuse(constant: str) -> None:
        raise AssertionError(f"{constant} in JSON output")

    return json.loads(text, parse_constant=refuse)


def fifo(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    os.mkfifo(path)
    return path


COMTRADE_KEYS = {
    "period": ["202301", "202302"],
    "reporterISO": ["CHN", "CHN"],
    "partnerISO": ["RUS", "RUS"],
    "flowCode": ["X", "X"],
    "cmdCode": ["TOTAL", "TOTAL"],
}


TRADE_KEYS = {
    "period_start": ["2023-01", "2023-02"],
    "period_end": ["2023-01", "2023-02"],
    "reporter": ["CHN", "CHN"],
    "partner": ["RUS", "RUS"],
    "flow": ["export", "export"],
    "unit": ["USD bn", "USD bn"],
}


def wide_header_file(tmp_path: Path) -> Path:
    """A trade table whose header is over 64 KB: 3,000 extra columns before the needed ones."""
    extra = [f"extra_column_with_a_long_name_{i:05d}" for i in range(3000)]
    names = [*extra, *HEADER.strip().split(",")]
    cells = [""] * len(extra) + ["2023-01", "2023-01", "CHN", "RUS", "export", "1", "USD bn"]
    path = tmp_path / "wide.csv"
    path.write_text(",".join(names) + "\n" + ",".join(cells) + "\n")
    assert len(",".join(names)) > sources.HEAD_BYTES
    return path


GOOD_ROWS = "2023-01,2023-01,CHN,RUS,export,1,USD bn\n"
