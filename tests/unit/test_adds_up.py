"""Exports + imports against the total, within the rounding of the three; Jan–Feb sorting."""

from __future__ import annotations

import polars as pl
import pytest

from tradetui import state
from tradetui.data import adds_up, schema


def trade(rows: list[tuple]) -> pl.DataFrame:
    """(period, flow, value, precision, value_figures) rows of one pair."""
    return pl.DataFrame(
        [
            {
                "period_start": p,
                "period_end": p,
                "reporter": "CHN",
                "partner": "RUS",
                "flow": f,
                "value": v,
                "unit": "USD bn",
                "precision": e,
                "value_figures": ids,
            }
            for p, f, v, e, ids in rows
        ],
        schema={**schema.TRADE_REQUIRED, "precision": pl.Float64, "value_figures": pl.String},
    )


def test_rounding_of_each_input_decides_whether_flows_add_up() -> None:
    sums = adds_up.flow_sums(
        trade(
            [
                # One-decimal YTD differences: 9.6 + 11.6 = 21.2 against 21.3, within 6 × 0.05.
                ("2023-09", "export", 9.6, 0.05, "a;b"),
                ("2023-09", "import", 11.6, 0.05, "c;d"),
                ("2023-09", "total", 21.3, 0.05, "e;f"),
                # Three decimals from one figure each: 0.01 apart is beyond 3 × 0.0005.
                ("2023-10", "export", 8.676, 0.0005, "a"),
                ("2023-10", "import", 11.505, 0.0005, "b"),
                ("2023-10", "total", 20.191, 0.0005, "c"),
                # No total: nothing to compare.
                ("2023-11", "export", 10.0, 0.0005, "a"),
                ("2023-11", "import", 11.0, 0.0005, "b"),
            ]
        )
    )
    assert sums["period_start"].to_list() == ["2023-09", "2023-10"]
    assert sums["adds_up"].to_list() == [True, False]
    assert sums["allowed"].to_list() == pytest.approx([0.3, 0.0015])
    assert adds_up.not_adding_up(trade([])).is_empty()
    october = sums.row(1, named=True)
    assert adds_up.explain(october) == (
        "exports 8.676 (±0.0005) + imports 11.505 (±0.0005) = 20.181 against total 20.191 "
        "(±0.0005): 0.01 apart, more than the 0.0015 their rounding allows (± for each figure "
        "a value comes from)"
    )


def test_values_without_a_stated_precision_count_as_exact_to_a_million() -> None:
    plain = trade(
        [
            ("2024-01", "export", 1.0, None, None),
            ("2024-01", "import", 2.0, None, None),
            ("2024-01", "total", 3.001, None, None),
        ]
    )
    row = adds_up.flow_sums(plain).row(0, named=True)
    assert (row["allowed"], row["adds_up"]) == (pytest.approx(0.0015), True)
    total = pl.col("flow") == "total"
    off = plain.with_columns(value=pl.when(total).then(3.002).otherwise("value"))
    assert adds_up.not_adding_up(off).height == 1


def test_amounts_sort_by_their_mean_per_month_when_spans_differ() -> None:
    rows = pl.DataFrame(
        {
            "period_start": ["2023-01", "2023-03", "2023-04"],
            "months": [2, 1, 1],
            "total": [33.7, 20.2, 19.3],
            "ytd_total": [33.7, 53.8, 73.1],
        }
    )
    assert state.sorts_per_month(rows, "total")
    by_total = state.sort_rows(rows, "total", descending=True)
    assert by_total["period_start"].to_list() == ["2023-03", "2023-04", "2023-01"]
    # A year-to-date figure is cumulative: sorted as it is.
    assert not state.sorts_per_month(rows, "ytd")
    assert state.sort_rows(rows, "ytd", True)["period_start"].to_list()[0] == "2023-04"
    single = rows.filter(pl.col("months") == 1)
    assert not state.sorts_per_month(single, "total")
