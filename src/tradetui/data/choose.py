"""The choice among conflicting published figures of one period, flow and currency.

Several pages often give the same figure, at different precisions or with a different
value. The rule (docs/data.md, "Choice among conflicting figures"), in order:

1. consistency: a total whose flows add up (total = exports + imports within the rounding
   of the three) beats one whose flows do not; the flows are the ones its own page gives
   for the same period, or else the chosen exports and imports;
2. agreement across pages: the figure confirmed by the most pages, a page confirming a
   figure when its own value is that figure rounded (or truncated, as outlets often cut
   GACC's figures) to the page's equal or coarser precision;
3. precision: the most decimal places;
4. the growth rate most pages give with it (a figure carrying it beats one that does not);
5. the latest publication date (undated pages last), then the first row.

A later page never beats a figure others confirm, since dates only break ties.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from typing import Any

import polars as pl

from tradetui.data import schema

_EPS = 1e-9
_FLOW_PARTS = (schema.EXPORT, schema.IMPORT)


def half_unit(decimals: int, unit: str | None) -> float:
    """Half a unit of a figure's last published digit, in USD (or CNY) bn."""
    return 0.5 * 10.0**-decimals * (0.001 if unit == "mn" else 1.0)


def in_bn(value: float, unit: str | None) -> float:
    return value / 1000 if unit == "mn" else value


def _adds_up(total: dict, exports: list[dict], imports: list[dict]) -> bool | None:
    """Whether some export and import figure add up to ``total`` within their rounding."""
    if not exports or not imports:
        return None
    return any(
        abs(total["bn"] - e["bn"] - i["bn"]) <= total["half"] + e["half"] + i["half"] + _EPS
        for e in exports
        for i in imports
    )


def _confirms(page: dict, row: dict) -> bool:
    """Whether ``page``'s figure is ``row``'s value rounded or truncated to the page's own
    (equal or coarser) precision; outlets often cut GACC's figures ("33.68" for 33.686)."""
    if page["decimals"] > row["decimals"]:
        return False
    if abs(row["value"] - page["value"]) <= 0.5 * 10.0 ** -page["decimals"] + _EPS:
        return True
    scale = 10.0 ** page["decimals"]
    return abs(math.floor(row["value"] * scale + _EPS) / scale - page["value"]) < _EPS


def _confirmations(row: dict, group: list[dict]) -> int:
    """How many pages confirm ``row`` (see _confirms), its own included."""
    return len({s["page"] for s in group if s["unit"] == row["unit"] and _confirms(s, row)})


def _ranked(group: list[dict]) -> list[dict]:
    """``group`` best first by the rule in the module doc (``adds_up`` already set)."""
    rates = Counter(r["yoy_pct"] for r in group if r["yoy_pct"] is not None).most_common(2)
    common_rate = rates[0][0] if rates and (len(rates) == 1 or rates[0][1] > rates[1][1]) else None
    order = sorted(group, key=lambda r: r["row"])
    order.sort(key=lambda r: r["published"] or "", reverse=True)  # undated ("") last
    order.sort(
        key=lambda r: (
            {True: 0, None: 1, False: 2}[r["adds_up"]],
            -_confirmations(r, group),
            -r["decimals"],
            common_rate is None or r["yoy_pct"] != common_rate,
        )
    )
    return order


def choose(df: pl.DataFrame) -> pl.DataFrame:
    """``df`` (figures with ``usable``, ``decimals`` and the research columns) with
    ``chosen``, ``agrees_with_chosen`` and ``adds_up`` (totals only) added."""
    rows: list[dict[str, Any]] = [
        {
            **r,
            "bn": in_bn(r["value"], r["unit"]),
            "half": half_unit(r["decimals"], r["unit"]),
            "page": r["source_url"] or f"row {r['row']}",
            "adds_up": None,
        }
        for r in df.filter("usable").iter_rows(named=True)
    ]
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for r in rows:
        groups[(r["period_start"], r["period_end"], r["flow"], r["currency"])].append(r)

    chosen: dict[tuple, dict] = {}
    # Flows first: a total's consistency may be judged against the chosen flows.
    for key in sorted(groups, key=lambda k: k[2] == schema.TOTAL):
        group = groups[key]
        if key[2] == schema.TOTAL:
            for total in group:
                same_page = {
                    flow: [
                        r
                        for r in groups.get((*key[:2], flow, key[3]), [])
                        if r["page"] == total["page"]
                    ]
                    for flow in _FLOW_PARTS
                }
                if all(same_page.values()):
                    total["adds_up"] = _adds_up(total, *same_page.values())
                else:
                    picked = [chosen.get((*key[:2], flow, key[3])) for flow in _FLOW_PARTS]
                    if all(picked):
                        total["adds_up"] = _adds_up(total, [picked[0]], [picked[1]])
        chosen[key] = _ranked(group)[0]

    picked = {r["figure_id"] for r in chosen.values()}
    marks = pl.DataFrame(
        {
            "figure_id": [r["figure_id"] for r in rows],
            "adds_up": [r["adds_up"] for r in rows],
        },
        schema={"figure_id": pl.String, "adds_up": pl.Boolean},
    )
    group = ["period_start", "period_end", "flow", "currency"]
    values = pl.DataFrame(
        [(*key, r["bn"]) for key, r in chosen.items()],
        schema={**{c: pl.String for c in group}, "chosen_value": pl.Float64},
        orient="row",
    )
    scale = pl.when(pl.col("unit") == "mn").then(0.001).otherwise(1.0)
    half = 0.5 * 10.0 ** (-pl.col("decimals").cast(pl.Float64)) * scale
    return (
        df.join(marks, on="figure_id", how="left")
        .join(values, on=group, how="left", nulls_equal=True)
        .with_columns(
            chosen=pl.col("figure_id").is_in(list(picked)),
            # Whether this value is the chosen one rounded to this value's own precision.
            agrees_with_chosen=pl.when(pl.col("value").is_null() | pl.col("chosen_value").is_null())
            .then(None)
            .otherwise((pl.col("chosen_value") - pl.col("value") * scale).abs() <= half + _EPS),
        )
        .drop("chosen_value")
    )
