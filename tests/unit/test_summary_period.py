"""The summary of a single period: events around it, option names, no self-named biggest month."""

from __future__ import annotations

import polars as pl
import pytest

from tradetui.data import metrics
from tradetui.data.errors import DataError
from tradetui.data.load import load_dataset
from tradetui.data.periods import add_months, month_key, parse_month
from tradetui.data.summary import RangeEvent, resolve_range, summarise
from tradetui.present.format import Format
from tradetui.present.summary import _event_lines, render_text, write_text


@pytest.fixture(scope="module")
def dataset():
    return load_dataset()


def events_between(dataset, first: str, last: str) -> list[tuple[str, str]]:
    rows = dataset.events.filter((pl.col("month") >= first) & (pl.col("month") <= last))
    return rows.select("start_date", "title").collect().rows()


@pytest.mark.parametrize(("start", "end"), [("2023-08", "2023-08"), ("2023-07", "2023-09")])
def test_around_lists_the_events_of_the_neighbouring_months(dataset, start, end) -> None:
    s = summarise(dataset, start, end, around=1)
    before = month_key(add_months(parse_month(start), -1))
    after = month_key(add_months(parse_month(end), 1))
    expected = events_between(dataset, before, before) + events_between(dataset, after, after)
    assert [(e.date, e.title) for e in s.events_around] == expected
    assert [(e.date, e.title) for e in s.events] == events_between(dataset, start, end)
    count = len(expected)
    assert f"{count} event{'' if count == 1 else 's'}" in write_text(s, Format())
    assert "before or after" in write_text(s, Format())
    text = " ".join(render_text(s, Format()).split())
    for date, title in expected:
        assert f"{date} {' '.join(title.split())}" in text


def test_without_around_nothing_changes(dataset) -> None:
    plain = summarise(dataset, "2023-08", "2023-08")
    assert plain.events_around == ()
    assert "before or after" not in render_text(plain, Format())
    assert plain.to_dict() == summarise(dataset, "2023-08", "2023-08").to_dict()
    assert "events_around" not in plain.to_dict()


def test_a_single_month_does_not_name_itself_its_biggest_month(dataset) -> None:
    one = summarise(dataset, "2023-09", "2023-09")
    assert one.largest_month is not None  # the data layer still has it (JSON keeps it)
    assert "biggest single month" not in write_text(one, Format())
    assert "Biggest single month" not in render_text(one, Format())
    quarter = summarise(dataset, "2023-07", "2023-09")
    assert "Biggest single month" in render_text(quarter, Format())


def test_resolve_range_names_the_options_it_is_given(dataset) -> None:
    wide = metrics.periods(dataset.trade)
    with pytest.raises(DataError) as caught:
        resolve_range(wide, "2024-02", "2024-05", ("from", "to"))
    assert str(caught.value).startswith("from 2024-02 falls inside the combined period")
    with pytest.raises(DataError) as caught:
        resolve_range(wide, "2024-02", "2024-05")
    assert str(caught.value).startswith("--from 2024-02")


def test_long_event_titles_wrap_under_themselves() -> None:
    title = "A very long event title " * 5
    lines = _event_lines((RangeEvent("2023-09-09", title.strip(), None),), 60)
    assert len(lines) > 1
    assert all(len(line) <= 60 for line in lines)
    assert lines[0].startswith("  2023-09-09  A very")
    assert all(line.startswith(" " * 14) and line[14] != " " for line in lines[1:])
