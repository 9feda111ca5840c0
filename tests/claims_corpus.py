"""Claims built from the research quotes (data/research/cn_ru_gacc_reports.csv): each row
with a USD figure is a published statement with a known period and flow."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

from tradetui.data import claims

DATA = Path(__file__).resolve().parents[1] / "data"
RESEARCH = DATA / "research" / "cn_ru_gacc_reports.csv"
PUBLISHED = DATA / "published_figures.csv"
# The research's flow names, as a claim's flow and as published_figures.csv's flow.
FLOWS = {
    "cn_exports_to_ru": ("CHN->RUS", "export"),
    "cn_imports_from_ru": ("RUS->CHN", "import"),
    "balance": ("balance", "partner_surplus"),
    "total": ("total", "total"),
}


def _number(text: str) -> float | None:
    return float(text) if text else None


def _key(row: dict, flow: str) -> tuple:
    return (
        row["period_start"],
        row["period_end"],
        flow,
        _number(row["value"]),
        _number(row["yoy_pct"]),
        row["source_url"],
        row["quote"],
    )


def research_rows() -> list[dict]:
    """Every research row, with its figure's id, ``usable`` and ``excluded_because`` from
    published_figures.csv (the same rows, with those columns added)."""
    with PUBLISHED.open(encoding="utf-8") as handle:
        published = {_key(row, row["flow"]): row for row in csv.DictReader(handle)}
    with RESEARCH.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        figure = published[_key(row, FLOWS[row["flow"]][1])]
        row |= {k: figure[k] for k in ("figure_id", "usable", "excluded_because")}
    return rows


def period_of(row: dict) -> str:
    if row["kind"] == "year":
        return row["period_start"][:4]
    if row["period_start"] == row["period_end"]:
        return row["period_start"]
    return f"{row['period_start']}..{row['period_end']}"


def table_of(row: dict, metric: str = "value", **changes) -> dict:
    """A [[claim]] table stating the row's figure (its value, or its yoy_pct) as written,
    in yuan for a CNY row. A balance row is Russia's surplus, so its claim value is
    negative (China's side)."""
    flow = FLOWS[row["flow"]][0]
    yuan = row["currency"] == "CNY"
    if metric == "value":
        value = Decimal(row["value"])
        unit = "CNY bn" if yuan else "USD bn"
        figure = {"value": -value if flow == "balance" else value, "unit": unit}
    else:  # a growth rate: the row's, unless the claim states another
        figure = {"value": Decimal(row["yoy_pct"] or changes["value"]), "unit": "pct"}
        figure |= {"currency": "CNY"} if yuan else {}
    table = {
        "text": row["quote"],
        "source": row["source_url"],
        "period": period_of(row),
        "flow": flow,
        "metric": metric,
        **figure,
    }
    return {**table, **changes}


def claim_of(row: dict, metric: str = "value", index: int = 1, **changes) -> claims.Claim:
    return claims.parse_claim(table_of(row, metric, **changes), "research", index)


def find(rows: list[dict], url: str, start: str, end: str, flow: str, **fields) -> dict:
    """The one row of this page (address containing ``url``), period and flow."""
    found = [
        r
        for r in rows
        if url in r["source_url"]
        and (r["period_start"], r["period_end"], r["flow"]) == (start, end, flow)
        and all(r[k] == v for k, v in fields.items())
    ]
    assert len(found) == 1, (url, start, end, flow, len(found))
    return found[0]
