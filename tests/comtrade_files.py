"""Small Comtrade-shaped files written by the tests."""

from __future__ import annotations

import csv
from pathlib import Path


def write_comtrade(path: Path) -> Path:
    """A Comtrade-shaped monthly CSV: TOTAL rows, and HS rows at 2, 4 and 6 digits at once."""
    lines = [("period", "reporterISO", "partnerISO", "flowCode", "cmdCode", "cmdDesc",
              "primaryValue")]  # fmt: skip
    codes = (
        ("TOTAL", "All commodities", 10.0),
        ("27", "Mineral fuels", 6.0),
        ("2709", "Crude", 5.0),
        ("270900", "Crude oils", 5.0),
        ("2710", "Refined", 1.0),
        ("271012", "Light oils", 0.6),
        ("271019", "Other oils", 0.4),
        ("87", "Vehicles", 4.0),
        ("8703", "Cars", 4.0),
        ("870323", "Cars, 1500-3000 cc", 4.0),
    )
    for period, scale in (("202209", 1.0), ("202308", 1.5), ("202309", 2.0)):
        for flow in ("X", "M"):
            for code, name, bn in codes:
                lines.append((period, "CHN", "RUS", flow, code, name, f"{bn * scale * 1e9:.0f}"))
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(lines)
    return path
