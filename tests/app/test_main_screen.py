"""Pilot tests of the main screen: loading, the three panes and every key binding."""

from __future__ import annotations

import polars as pl
from textual.pilot import Pilot

from piloting import main, press, settle, shown
from tradetui.app import make_app
from tradetui.data import metrics
from tradetui.data.load import load_dataset
from tradetui.screens.help import HelpScreen
from tradetui.screens.main import MainScreen
from tradetui.widgets.timeline import Timeline
from tradetui.widgets.trade_table import TradeTable

SIZE = (120, 40)


def expected_wide() -> pl.DataFrame:
    return metrics.periods(load_dataset().trade)


def table(pilot: Pilot) -> TradeTable:
    return pilot.app.screen_stack[0].query_one("#trade-table", TradeTable)


def column_values(pilot: Pilot, column: str) -> list[str]:
    t = table(pilot)
    return [t.get_cell(key, column).plain for key in t.row_keys]


def focused_pane(pilot: Pilot) -> str | None:
    return main(pilot)._pane_of(pilot.app.focused)


async def test_opens_on_the_latest_full_year_by_month() -> None:
    wide = expected_wide()
    year = metrics.latest_full_year(wide)
    periods = wide.filter(pl.col("year") == year)
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        t = table(pilot)
        assert not t.loading
        assert t.row_keys == periods["period_start"].to_list()
        assert t.row_count == periods.height + 1  # and the year's total row
        assert str(year) in str(t.border_title) and "month" in str(t.border_title)
        for pane in ("#trade-table", "#timeline", "#metrics"):
            assert pilot.app.screen.query_one(pane).display
        header = " ".join(str(c.label) for c in t.columns.values())
        assert "China→Russia" in header and "Russia→China" in header and "USD bn" in header


async def test_cells_format_numbers_growth_and_missing() -> None:
    wide = expected_wide()
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        t = table(pilot)
        for row in wide.filter(pl.col("year") == main(pilot).year).iter_rows(named=True):
            key = row["period_start"]
            total = t.get_cell(key, "total")
            expected = "—" if row["total"] is None else f"{row['total']:,.1f}"
            assert total.plain == expected
            yoy = t.get_cell(key, "yoy").plain
            if row["yoy_total"] is None:
                assert yoy == "—"
            else:
                assert yoy[0] == ("+" if row["yoy_total"] >= 0 else "−")
                assert yoy.endswith("%")


async def test_number_keys_focus_each_pane() -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert focused_pane(pilot) == "trade-table"
        await press(pilot, "2")
        assert focused_pane(pilot) == "timeline"
        await press(pilot, "3")
        assert focused_pane(pilot) == "metrics"
        await press(pilot, "1")
        assert focused_pane(pilot) == "trade-table"


async def test_tab_and_shift_tab_cycle_panes() -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        seen = []
        for _ in range(4):
            await press(pilot, "tab")
            seen.append(focused_pane(pilot))
        assert seen == ["timeline", "metrics", "chart", "trade-table"]
        await press(pilot, "shift+tab")
        assert focused_pane(pilot) == "chart"


async def test_brackets_step_between_years() -> None:
    years = metrics.years(expected_wide())
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        start = main(pilot).year
        await press(pilot, "left_square_bracket")
        assert main(pilot).year == years[years.index(start) - 1]
        assert str(main(pilot).year) in str(table(pilot).border_title)
        assert all(key.startswith(str(main(pilot).year)) for key in table(pilot).row_keys)
        await press(pilot, "right_square_bracket", "right_square_bracket")
        assert main(pilot).year == years[years.index(start) + 1]


async def test_g_cycles_month_quarter_year() -> None:
    wide = expected_wide()
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        year = main(pilot).year
        await press(pilot, "g")
        quarters = metrics.aggregate(wide, "quarter").filter(pl.col("year") == year)
        assert main(pilot).granularity == "quarter"
        assert table(pilot).row_keys == quarters["label"].to_list()
        assert "quarter" in str(table(pilot).border_title)
        await press(pilot, "g")
        assert main(pilot).granularity == "year"
        assert table(pilot).row_keys == [str(y) for y in metrics.years(wide)]
        assert "year" in str(table(pilot).border_title)
        await press(pilot, "g")
        assert main(pilot).granularity == "month"


async def test_o_sorts_by_the_cursor_column_then_reverses() -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "home", "right", "right", "right")
        assert table(pilot).cursor_column_key == "total"
        wide = expected_wide().filter(pl.col("year") == main(pilot).year)
        known = wide.drop_nulls("total")
        # Jan–Feb sits among single months by its mean per month, and the title says so.
        per_month = pl.col("total") / pl.col("months")
        await press(pilot, "o")
        descending = known.sort(per_month, descending=True)["period_start"].to_list()
        assert table(pilot).row_keys[: len(descending)] == descending
        assert "sorted by total a month ▼" in str(table(pilot).border_title)
        await press(pilot, "o")
        ascending = known.sort(per_month)["period_start"].to_list()
        assert table(pilot).row_keys[: len(ascending)] == ascending
        # Missing values stay last whichever way the column is sorted.
        missing = wide.filter(pl.col("total").is_null())["period_start"].to_list()
        assert table(pilot).row_keys[len(ascending) :] == missing


async def test_arrows_j_k_home_end_move_the_table_cursor() -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        keys = table(pilot).row_keys
        await press(pilot, "home")
        assert table(pilot).current_key == keys[0]
        await press(pilot, "j", "down")
        assert table(pilot).current_key == keys[2]
        await press(pilot, "k")
        assert table(pilot).current_key == keys[1]
        await press(pilot, "end")
        assert table(pilot).cursor_row == table(pilot).row_count - 1  # the total row
        assert table(pilot).current_key is None


async def test_metrics_follow_the_table_cursor() -> None:
    wide = expected_wide()
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "home", "down", "down")
        key = table(pilot).current_key
        row = wide.filter(pl.col("period_start") == key).row(0, named=True)
        period = shown(pilot.app.screen.query_one("#metrics-period"))
        assert f"{row['total']:,.1f}" in period
        assert "Share of year" in period and "Rank in year" in period
        # The side the row's own balance puts each country on (the note under it names
        # "deficit" whatever the sign, so the side line is what is checked).
        balance = row["export"] - row["import"]
        assert balance != 0
        side = "China deficit / Russia surplus" if balance < 0 else "China surplus / Russia deficit"
        assert f"Balance: {side}" in period
        year = shown(pilot.app.screen.query_one("#metrics-year"))
        record = metrics.year_record(wide, main(pilot).year)
        assert f"{metrics.target_progress(record.total, 200):.0f}%" in year
        assert f"{metrics.target_progress(record.total, 250):.0f}%" in year
        assert "Peak month" in year and "Trough month" in year


async def test_events_of_the_cursor_month_are_marked() -> None:
    events = load_dataset().events.collect()
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        key = table(pilot).current_key
        marked = set(events.filter(pl.col("month") == key)["event_id"].to_list())
        timeline = pilot.app.screen.query_one(Timeline)
        assert timeline.marked == marked
        for index, option in enumerate(timeline.event_list.options):
            prompt = timeline.event_list.get_option_at_index(index).prompt
            assert prompt.plain.startswith("●") == (option.id in marked)


async def test_slash_searches_titles_and_summaries_escape_closes() -> None:
    events = load_dataset().events.collect()
    needle = "siberia"
    expected = [
        row["event_id"]
        for row in events.iter_rows(named=True)
        if needle in f"{row['title']}\n{row['summary'] or ''}".lower()
    ]
    assert expected
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "2", "slash")
        search = pilot.app.screen.query_one("#event-search")
        assert search.display and pilot.app.focused is search
        await pilot.press(*needle)
        await settle(pilot)
        timeline = pilot.app.screen.query_one(Timeline)
        assert [o.id for o in timeline.event_list.options] == expected
        assert needle in str(timeline.border_title)
        await press(pilot, "escape")
        assert not search.display
        assert timeline.event_list.option_count == events.height


async def test_f_cycles_the_category_filter() -> None:
    events = load_dataset().events.collect()
    categories = sorted(events["category"].unique().to_list())
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "2", "f")
        timeline = pilot.app.screen.query_one(Timeline)
        first = categories[0]
        expected = events.filter(pl.col("category") == first)["event_id"].to_list()
        assert [o.id for o in timeline.event_list.options] == expected
        assert f"category: {first}" in str(timeline.border_title)
        await press(pilot, "f")
        assert timeline.category == categories[1]
        for _ in categories[1:]:
            await press(pilot, "f")
        assert timeline.category is None
        assert timeline.event_list.option_count == events.height


async def test_enter_on_event_moves_table_to_its_month_and_year() -> None:
    events = load_dataset().events.collect()
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        current = main(pilot).year
        event = events.filter(
            (pl.col("month").str.slice(0, 4) != str(current))
            & (pl.col("month").str.slice(5) > "02")
        ).row(0, named=True)
        await press(pilot, "2")
        timeline = pilot.app.screen.query_one(Timeline)
        timeline.event_list.highlighted = (
            timeline.shown["event_id"].to_list().index(event["event_id"])
        )
        await press(pilot, "enter")
        assert main(pilot).year == int(event["month"][:4])
        assert table(pilot).current_key == event["month"]
        assert event["event_id"] in timeline.marked


async def test_question_mark_and_f1_open_help_built_from_bindings() -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "question_mark")
        assert isinstance(pilot.app.screen, HelpScreen)
        body = "\n".join(shown(w) for w in pilot.app.screen.query(".help-heading, .help-table"))
        assert "Focused pane" in body and "App" in body
        assert "Sort" in body and "Granularity" in body and "? / f1" in body
        await press(pilot, "escape")
        assert isinstance(pilot.app.screen, MainScreen)
        await press(pilot, "2", "f1")
        assert isinstance(pilot.app.screen, HelpScreen)
        body = "\n".join(shown(w) for w in pilot.app.screen.query(".help-table"))
        assert "Search" in body and "Sort" not in body
        await press(pilot, "question_mark")
        assert isinstance(pilot.app.screen, MainScreen)
        await press(pilot, "f1", "q")
        assert isinstance(pilot.app.screen, MainScreen)
        assert pilot.app.is_running


async def test_palette_go_to_month() -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+p")
        await pilot.press(*"2023-09")
        await settle(pilot)
        await press(pilot, "enter")
        assert isinstance(pilot.app.screen, MainScreen)
        assert main(pilot).year == 2023
        assert table(pilot).current_key == "2023-09"


async def test_palette_offers_years_granularity_and_panes() -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+p")
        await pilot.press(*"quarter")
        await settle(pilot)
        await press(pilot, "enter")
        assert main(pilot).granularity == "quarter"
        await press(pilot, "ctrl+p")
        await pilot.press(*"year 2022")
        await settle(pilot)
        await press(pilot, "enter")
        assert main(pilot).year == 2022


async def test_q_quits_from_the_main_screen() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running
    assert app.return_code == 0


async def test_resizing_to_narrow_turns_panes_into_tabs_and_back() -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = pilot.app.screen
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert screen.has_class("-narrow")
        assert screen.query_one("#pane-tabs").display
        visible = [p for p in ("#trade-table", "#timeline", "#metrics") if _visible(screen, p)]
        assert visible == ["#trade-table"]
        await press(pilot, "2")
        assert [p for p in ("#trade-table", "#timeline", "#metrics") if _visible(screen, p)] == [
            "#timeline"
        ]
        await press(pilot, "3")
        assert _visible(screen, "#metrics")
        await pilot.resize_terminal(200, 60)
        await settle(pilot)
        assert not screen.has_class("-narrow")
        assert all(_visible(screen, p) for p in ("#trade-table", "#timeline", "#metrics"))


def _visible(screen, selector: str) -> bool:
    widget = screen.query_one(selector)
    return widget.display and widget.parent.display and widget.region.area > 0


async def test_escape_goes_back_up_after_drilling_into_a_year() -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "g", "g")
        assert main(pilot).granularity == "year"
        await press(pilot, "home", "down", "enter")
        assert main(pilot).granularity == "quarter"
        year = main(pilot).year
        await press(pilot, "down", "enter")
        assert main(pilot).granularity == "month"
        assert table(pilot).current_key == f"{year}-04"  # the first month of Q2
        await press(pilot, "backspace")
        assert main(pilot).granularity == "quarter"
        assert table(pilot).current_key == f"{year}-Q2"
        await press(pilot, "escape")
        assert main(pilot).granularity == "year"
        assert table(pilot).current_key == str(year)


async def test_event_detail_shows_summary_source_and_trade_around_it() -> None:
    events = load_dataset().events.collect()
    wide = expected_wide()
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "2", "home")
        event = events.row(0, named=True)
        detail = str(pilot.app.screen.query_one("#event-detail").content)
        assert event["title"] in detail and event["summary"] in detail
        assert event["source_url"] in detail and event["actors"] in detail
        window = metrics.event_window(wide, event["month"], months=3)
        assert window.after_mean is not None
        # The first event comes before the data starts: nothing known before it.
        assert window.before_mean is None
        assert "Trade around it: — a month in the 3 months before" in detail
        assert f"{window.after_mean:,.1f} a month in the 3 after" in detail
