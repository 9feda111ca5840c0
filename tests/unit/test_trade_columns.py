"""The trade table's columns, described once."""

from __future__ import annotations

from tradetui.trade_columns import BY_KEY, COLUMNS, columns_for, header, sort_name


def test_each_column_is_described_once_with_its_frame_column() -> None:
    assert len(BY_KEY) == len(COLUMNS)
    assert BY_KEY["yoy"].frame == "yoy_total"
    assert BY_KEY["period"].frame == "period_start"


def test_year_view_drops_the_step_and_year_to_date() -> None:
    assert [c.key for c in columns_for("year")] == [
        "period",
        "export",
        "import",
        "total",
        "balance",
        "yoy",
    ]
    assert [c.key for c in columns_for("month")][-2:] == ["mom", "ytd"]


def test_headers_name_the_pair_and_the_step() -> None:
    assert header(BY_KEY["export"], "China", "Russia", "month", "USD bn") == (
        "China→Russia\nexp. USD bn"
    )
    assert header(BY_KEY["mom"], "China", "Russia", "quarter", "USD bn") == "QoQ %\ntotal"
    assert sort_name("mom", "quarter") == "QoQ"
    assert sort_name("export", "month") == "exports"


def test_a_name_with_braces_is_not_read_as_a_template() -> None:
    assert header(BY_KEY["import"], "A{x}", "B}", "month", "USD mn") == "B}→A{x}\nimp. USD mn"
