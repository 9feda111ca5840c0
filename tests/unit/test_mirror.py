"""Pairs, the default pair and mirror statistics."""

from __future__ import annotations

import polars as pl
from polars.testing import assert_frame_equal

from tradetui.data import metrics, schema
from tradetui.data.mirror import has_mirror, mirror_row, mirror_table


def _trade(rows: list[tuple[str, str, str, str, float | None]]) -> pl.DataFrame:
    """(reporter, partner, month, flow, value) rows as a monthly trade table."""
    return pl.DataFrame(
        {
            "period_start": [r[2] for r in rows],
            "period_end": [r[2] for r in rows],
            "reporter": [r[0] for r in rows],
            "partner": [r[1] for r in rows],
            "flow": [r[3] for r in rows],
            "value": [r[4] for r in rows],
        },
        schema_overrides={"value": pl.Float64},
    ).with_columns(
        *(pl.lit(None, dtype).alias(name) for name, dtype in schema.TRADE_OPTIONAL.items()),
        unit=pl.lit("USD bn"),
    )


BOTH_SIDES = _trade(
    [
        ("CHN", "RUS", "2023-01", "export", 8.0),
        ("CHN", "RUS", "2023-01", "import", 10.0),
        ("CHN", "RUS", "2023-02", "export", 9.0),
        ("CHN", "RUS", "2023-02", "import", 11.0),
        # Russia's record: its imports from China, its exports to China.
        ("RUS", "CHN", "2023-01", "import", 7.5),
        ("RUS", "CHN", "2023-01", "export", 10.5),
        ("RUS", "CHN", "2023-02", "import", None),
        ("RUS", "CHN", "2023-02", "export", 11.0),
        ("CHN", "W00", "2023-01", "export", 300.0),
        ("CHN", "KAZ", "2023-01", "export", 2.0),
    ]
)


def test_pairs_ranks_by_trade_and_flags_mirror_and_world() -> None:
    pairs = metrics.pairs(BOTH_SIDES)
    assert pairs.select("reporter", "partner").rows() == [
        ("CHN", "W00"),
        ("CHN", "RUS"),
        ("RUS", "CHN"),
        ("CHN", "KAZ"),
    ]
    flags = {
        (r, p): (m, w)
        for r, p, m, w in pairs.select("reporter", "partner", "mirror", "world").rows()
    }
    assert flags[("CHN", "RUS")] == (True, False)
    assert flags[("CHN", "W00")] == (False, True)
    assert flags[("CHN", "KAZ")] == (False, False)


def test_default_pair_is_the_largest_bilateral_one() -> None:
    assert metrics.top_pair(BOTH_SIDES) == ("CHN", "RUS")


def test_world_pair_is_default_only_when_alone() -> None:
    only_world = _trade([("CHN", "W00", "2023-01", "export", 1.0)])
    assert metrics.top_pair(only_world) == ("CHN", "W00")


def test_mirror_table_puts_both_records_side_by_side() -> None:
    table = mirror_table(BOTH_SIDES, "CHN", "RUS")
    assert table is not None
    expected = pl.DataFrame(
        {
            "period_start": ["2023-01", "2023-02"],
            "period_end": ["2023-01", "2023-02"],
            "export": [8.0, 9.0],
            "mirror_export": [7.5, None],
            "export_gap": [0.5, None],
            "export_gap_pct": [0.5 / 7.5 * 100, None],
            "import": [10.0, 11.0],
            "mirror_import": [10.5, 11.0],
            "import_gap": [-0.5, 0.0],
            "import_gap_pct": [(10.0 / 10.5 - 1) * 100, 0.0],
        },
        schema_overrides={"mirror_export": pl.Float64, "export_gap": pl.Float64},
    )
    assert_frame_equal(table, expected, check_exact=False)


def test_no_mirror_when_the_partner_does_not_report() -> None:
    assert not has_mirror(BOTH_SIDES, "CHN", "KAZ")
    assert mirror_table(BOTH_SIDES, "CHN", "KAZ") is None


def test_mirror_row_finds_one_period_or_none() -> None:
    table = mirror_table(BOTH_SIDES, "CHN", "RUS")
    assert mirror_row(table, "2023-01", "2023-01")["mirror_import"] == 10.5
    assert mirror_row(table, "2023-03", "2023-03") is None
    assert mirror_row(None, "2023-01", "2023-01") is None


def test_a_combined_release_does_not_match_single_months() -> None:
    trade = _trade(
        [
            ("CHN", "RUS", "2023-01", "export", 8.0),
            ("RUS", "CHN", "2023-01", "import", 7.0),
        ]
    ).with_columns(
        period_end=pl.when(pl.col("reporter") == "CHN")
        .then(pl.lit("2023-02"))
        .otherwise(pl.col("period_end"))
    )
    table = mirror_table(trade, "CHN", "RUS")
    assert table is not None and table.is_empty()
