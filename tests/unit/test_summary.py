"""The range summary: its numbers come from metrics.range_record, its text from its numbers."""

from __future__ import annotations

import polars as pl
import pytest

from tradetui.data import metrics
from tradetui.data.errors import DataError
from tradetui.data.load import load_dataset
from tradetui.data.summary import Summary, resolve_range, summarise
from tradetui.present.format import Format
from tradetui.present.summary import render_text, write_text

RANGES = [("2023-01", "2023-09"), ("2022-06", "2023-05"), ("2024-01", "2024-12"), (None, None)]


@pytest.fixture(scope="module")
def dataset():
    return load_dataset()


@pytest.fixture(scope="module")
def wide(dataset) -> pl.DataFrame:
    return metrics.periods(dataset.trade)


@pytest.mark.parametrize(("start", "end"), RANGES)
def test_summary_numbers_are_range_record_numbers(dataset, wide, start, end) -> None:
    s = summarise(dataset, start, end)
    record = metrics.range_record(wide, s.start, s.end)
    for figure in s.flows:
        assert figure.value == record[figure.flow]
        assert figure.yoy_pct == record[f"yoy_{figure.flow}"]
        assert figure.previous == record["previous"][figure.flow]
    assert s.balance == record["balance"]
    assert s.largest_month == (tuple(record["largest_month"]) if record["largest_month"] else None)


def mentioned_numbers(s: Summary) -> list[str]:
    """Every number the paragraph should state, formatted as it states them."""
    numbers = []
    for figure in s.flows:
        for value in (figure.value, figure.yoy_pct, figure.published_yoy_pct):
            if value is not None:
                numbers.append(f"{abs(value):.1f}")
    if s.balance is not None:
        numbers.append(f"{abs(s.balance):.1f}")
    if s.largest_month:
        numbers.append(f"{s.largest_month[1]:.1f}")
    return numbers


@pytest.mark.parametrize(("start", "end"), RANGES)
def test_text_mentions_each_number(dataset, start, end) -> None:
    s = summarise(dataset, start, end)
    numbers = mentioned_numbers(s)
    assert numbers
    for number in numbers:
        assert number in write_text(s, Format()), number
    # The printed summary carries the paragraph (wrapped to the terminal width).
    assert " ".join(write_text(s, Format()).split()) in " ".join(render_text(s, Format()).split())


def test_jan_sep_2023_is_the_published_year_to_date(dataset) -> None:
    s = summarise(dataset, "2023-01", "2023-09")
    assert s.total.value == pytest.approx(176.4, abs=0.15)
    assert s.total.yoy_pct == pytest.approx(29.5, abs=0.2)
    assert s.export.value == pytest.approx(81.4)
    assert s.import_.value == pytest.approx(94.9)
    assert s.balance < 0
    assert s.balance_favours == "RUS"
    assert "In January–September 2023" in write_text(s, Format())
    assert "deficit of USD 13.5 bn" in write_text(s, Format())
    assert "in Russia's favour" in write_text(s, Format())


@pytest.mark.parametrize("flow", ["total", "export", "import"])
def test_published_growth_is_the_chosen_figure_for_exactly_the_range(dataset, flow) -> None:
    s = summarise(dataset, "2023-01", "2023-09")
    chosen = (
        dataset.published.filter(
            pl.col("chosen"),
            pl.col("currency") == "USD",
            pl.col("period_start") == "2023-01",
            pl.col("period_end") == "2023-09",
            pl.col("flow") == flow,
        )
        .collect()
        .row(0, named=True)
    )
    figure = {f.flow: f for f in s.flows}[flow]
    assert figure.published_yoy_pct == chosen["yoy_pct"]
    assert figure.published_value == chosen["value"]
    assert figure.published_figure == chosen["figure_id"]
    assert f"published: {chosen['yoy_pct']:+.1f}%" in write_text(s, Format())


def test_a_range_without_a_published_figure_has_none(dataset) -> None:
    s = summarise(dataset, "2022-06", "2023-05")
    assert all(f.published_yoy_pct is None and f.published_figure is None for f in s.flows)
    assert "published" not in write_text(s, Format())


def test_events_are_those_dated_in_the_range(dataset) -> None:
    s = summarise(dataset, "2023-01", "2023-09")
    expected = dataset.events.filter(
        pl.col("month").is_between(pl.lit("2023-01"), pl.lit("2023-09"))
    ).collect()
    assert [e.title for e in s.events] == expected["title"].to_list()
    assert [e.date for e in s.events] == expected["start_date"].to_list()
    assert f"{expected.height} events fall in the range" in write_text(s, Format())


def test_missing_periods_are_named(dataset, wide) -> None:
    s = summarise(dataset, "2021-01", "2021-12")
    gaps = wide.filter(
        (pl.col("year") == 2021)
        & (pl.col("export").is_null() | pl.col("import").is_null() | pl.col("total").is_null())
    )
    assert [m.start for m in s.missing] == gaps["period_start"].to_list()
    assert s.export.value is None
    assert s.balance is None
    assert "Figures are missing for Jan–Feb 2021" in write_text(s, Format())
    assert "—" in render_text(s, Format())
    known = wide.filter((pl.col("year") == 2021) & pl.col("total").is_not_null())
    assert s.months_with_data == known["months"].sum()


def test_months_absent_from_a_file_count_as_missing(tmp_path) -> None:
    header = "period_start,period_end,reporter,partner,flow,value,unit\n"
    rows = "".join(f"2023-{m:02d},2023-{m:02d},CHN,RUS,total,{m},USD bn\n" for m in (1, 2, 3, 5, 6))
    trade = tmp_path / "gap.csv"
    trade.write_text(header + rows)
    s = summarise(load_dataset(trade), "2023-01", "2023-06")
    assert ("2023-04", "2023-04", ("export", "import", "total")) in [
        (m.start, m.end, m.flows) for m in s.missing
    ]
    assert s.total.value is None  # a sum over a gap is not a total
    assert s.months_with_data == 5


def test_only_from_runs_to_the_end_of_that_year(dataset, wide) -> None:
    assert resolve_range(wide, "2023-03", None) == ("2023-03", "2023-12")
    assert resolve_range(wide, None, "2023-05") == ("2023-01", "2023-05")
    last = wide["period_end"].max()
    assert resolve_range(wide, f"{last[:4]}-01", None) == (f"{last[:4]}-01", last)


@pytest.mark.parametrize(
    ("start", "end", "needle"),
    [
        ("2023-13", None, "--from: '2023-13' is not a month"),
        (None, "2023-00", "--to: '2023-00' is not a month"),
        ("1999-01", None, "outside the data"),
        ("2023-06", "2023-03", "is after --to"),
        ("2023-02", "2023-06", "inside the combined period"),
        ("2022-06", "2023-01", "inside the combined period"),
    ],
)
def test_bad_ranges_raise_data_error(wide, start, end, needle) -> None:
    with pytest.raises(DataError, match=needle):
        resolve_range(wide, start, end)


def test_to_dict_uses_null_for_missing_and_rounds(dataset) -> None:
    data = summarise(dataset, "2021-01", "2021-12").to_dict()
    assert data["flows"]["export"]["value"] is None
    assert data["flows"]["export"]["yoy_pct"] is None
    assert data["balance"]["value"] is None
    assert data["unit"] == "USD bn"
    total = data["flows"]["total"]["value"]
    assert total == round(total, 3)
