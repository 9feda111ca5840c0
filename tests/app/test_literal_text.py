"""Text from data is shown literally everywhere: markup stays text, controls show as marks.

A dataset is written with hostile text in every field the explorer shows (event titles,
summaries, sources, commodity names, country codes, import notes, the folder's name) and
each place is read back as the terminal would draw it.
"""

from __future__ import annotations

import csv
import html
import re
from pathlib import Path

import pytest
from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import DataTable, OptionList, Static

from piloting import main, press, settle, shown
from tradetui.app import make_app
from tradetui.commands import TradeCommands
from tradetui.data import schema
from tradetui.data.text import visible
from tradetui.screens.commodities import CommodityScreen
from tradetui.screens.month import MonthScreen
from tradetui.widgets.timeline import Timeline

HOSTILE = (
    "[bold]x[/bold]",
    "[link=https://example.com]x[/link]",
    "unbalanced [/] close",
    "\x1b[2J clear",
    # (A NUL byte makes a CSV file binary: the loader refuses it, tested with the loader.)
    "bell\x07 bs\x08 vt\x0b cr\r",
    "تجارة סחר",
    "🚢📦",
    "abc\u202eevil",
)
LONG_TITLE = ("Long title " * 1000)[:10_000]
# Raw characters that must never reach the screen: ESC, NUL, BEL, CR, C1 CSI, RLO.
RAW = ("\x1b", "\x00", "\x07", "\r", "\x9b", "\u202e")
# Country codes are whatever the file holds; ">" once split the pair picker's ids.
REPORTER = "[b]R>\x1b[2J"
PARTNER = "סחר\u202e🚢"
NOTE = "note [/] \x1b[2J"
SOURCE_URL = "https://example.com/\x1b]8;;evil\x07"


def flat(text: str) -> str:
    """Whitespace runs as one space: wrapped lines read as one."""
    return " ".join(text.split())


def assert_literal(rendered: str, *texts: str) -> None:
    for text in texts:
        assert flat(visible(text)) in flat(rendered), text
    for raw in RAW:
        assert raw not in rendered, repr(raw)


def write_dataset(folder: Path) -> Path:
    folder.mkdir()
    with (folder / schema.TRADE_FILE).open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow([*schema.TRADE_REQUIRED, "value_figures", "note"])
        for year in (2022, 2023):
            for month in range(1, 13):
                period = f"{year}-{month:02d}"
                september = period == "2023-09"
                for flow, value in (("export", 10.0 + month), ("import", 8.0 + month)):
                    row = [period, period, REPORTER, PARTNER, flow, value, "USD bn"]
                    out.writerow([*row, "f1" if september else "", NOTE if september else ""])
                    # A smaller second pair, so the pair picker has a choice.
                    out.writerow([period, period, "CHN", "RUS", flow, 1.0, "USD bn", "", ""])
    with (folder / schema.EVENTS_FILE).open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(
            ["event_id", "start_date", "category", "title", "location", "summary", "source_url",
             "source_title"]
        )  # fmt: skip
        for index, text in enumerate(HOSTILE, start=1):
            out.writerow(
                [f"e{index}", f"2023-09-{index:02d}", "[red]cat", text, text,
                 f"first line {text} end\nsecond line", SOURCE_URL, text]
            )  # fmt: skip
        out.writerow(["long", "2023-09-20", "other", LONG_TITLE, "", "", "", ""])
    with (folder / schema.PUBLISHED_FILE).open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["figure_id", "period_start", "period_end", "value", "source_title"])
        out.writerow(["f1", "2023-09", "2023-09", "19", "published [/] \x1b[2J here"])
    with (folder / schema.COMMODITIES_FILE).open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["commodity_id", "period_start", "period_end", "flow", "product", "value",
                      "unit", "source_title"])  # fmt: skip
        out.writerow(["c1", "2023-09", "2023-09", "export", "[bold]oil[/] \x1b[2J", "3", "t\x07",
                      "\u202esource"])  # fmt: skip
    return folder


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    # The folder's name is data too: it is shown as the origin and in the header. (An OSC
    # escape that would set the terminal's title; no "[", which polars reads as a glob.)
    return write_dataset(tmp_path / "data \x1b]0;pwned\x07 تجارة")


def check_screen(pilot: Pilot) -> str:
    """The whole screen as drawn, with no raw control character in it."""
    svg = pilot.app.export_screenshot()
    for raw in RAW:
        assert raw not in svg, repr(raw)
    return svg


def screen_text(svg: str) -> str:
    """The characters of a screenshot, in order (its markup and escapes undone)."""
    text = "".join(re.findall(r">([^<]*)</text>", svg))
    return html.unescape(text).replace("\xa0", " ")


def event_prompts(pilot: Pilot) -> list[str]:
    listing = main(pilot).query_one(Timeline).event_list
    return [listing.get_option_at_index(i).prompt.plain for i in range(listing.option_count)]


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_main_screen_shows_data_text_literally(hostile: Path, size: tuple[int, int]) -> None:
    app = make_app(hostile)
    async with app.run_test(size=size, notifications=True) as pilot:
        await settle(pilot)
        screen = main(pilot)
        assert screen.loaded is not None and screen.loaded.reporter == REPORTER
        check_screen(pilot)

        # Trade table: country codes in the column headers.
        table = screen.table
        labels = " ".join(column.label.plain for column in table.columns.values())
        assert_literal(labels, f"{REPORTER}→{PARTNER}")
        assert table.row_count > 1

        # Timeline: every title, one line each (the long one cut by the list).
        prompts = event_prompts(pilot)
        for text in (*HOSTILE, LONG_TITLE):
            assert any(visible(text) in prompt for prompt in prompts), text
        assert_literal("\n".join(prompts))

        # The detail of each event: title, summary (its own lines kept), place, source.
        await press(pilot, "2")
        timeline = screen.query_one(Timeline)
        for text in HOSTILE:
            index = next(i for i, p in enumerate(event_prompts(pilot)) if visible(text) in p)
            timeline.event_list.highlighted = index
            await settle(pilot)
            detail = str(screen.query_one("#event-detail", Static).content)
            assert_literal(detail, text, f"first line {text} end", SOURCE_URL)
            assert "\nsecond line" in detail
            check_screen(pilot)

        # Metrics panel and header: the codes and the folder's name.
        await press(pilot, "3")
        assert_literal(shown(screen.query_one("#metrics-period")), REPORTER, PARTNER)
        header = app.format_title(app.title, app.sub_title).plain
        assert_literal(header, hostile.name)
        # The code as drawn, its ESC a mark, at every size.
        assert visible(REPORTER) == "[b]R>␛[2J"
        assert visible(REPORTER) in screen_text(check_screen(pilot))

        # Help, over all this: built from the bindings, never from data, and it opens.
        await press(pilot, "question_mark")
        check_screen(pilot)
        await press(pilot, "escape")
        assert not app._exception


async def test_chart_lists_event_titles_literally(hostile: Path) -> None:
    app = make_app(hostile)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        app.go_to_month("2023-09")
        await press(pilot, "4")
        line = shown(main(pilot).query_one("#chart-events"))
        assert_literal(line, HOSTILE[0])
        assert_literal(shown(main(pilot).query_one("#chart-readout")), f"{REPORTER}→{PARTNER}")
        check_screen(pilot)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_month_screen_shows_data_text_literally(hostile: Path, size: tuple[int, int]) -> None:
    app = make_app(hostile)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        app.go_to_month("2023-09")
        await press(pilot, "1", "enter")
        screen = app.screen
        assert isinstance(screen, MonthScreen) and screen.details is not None

        def section(key: str) -> str:
            return shown(screen.query_one(f"#month-{key}", Static))

        events = section("events")
        assert_literal(events, *HOSTILE, "[red]cat")
        # The 10,000-character title wraps in full under its date; nothing is lost.
        assert flat(LONG_TITLE) in flat(events)
        assert_literal(section("commodities"), "[bold]oil[/] \x1b[2J", "t\x07", "\u202esource")
        assert_literal(section("sources"), NOTE, "published [/] \x1b[2J here")
        assert_literal(section("heading"), REPORTER, PARTNER)
        assert_literal(app.format_title(screen.title, screen.sub_title).plain, REPORTER, PARTNER)
        check_screen(pilot)

        # The summary of the month lists the events, as `tradetui summary` does.
        await press(pilot, "s")
        text = shown(app.screen.query_one("#summary-text", Static))
        assert_literal(text, *HOSTILE[:3], "\x1b[2J clear", REPORTER)
        check_screen(pilot)
        assert not app._exception


async def test_pair_picker_data_info_and_palette_show_codes_literally(hostile: Path) -> None:
    app = make_app(hostile)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "p")
        picker = app.screen.query_one(OptionList)
        prompts = [picker.get_option_at_index(i).prompt.plain for i in range(picker.option_count)]
        assert_literal("\n".join(prompts), f"{REPORTER} → {PARTNER}")
        check_screen(pilot)
        # The codes hold ">", which the picker once split on: choosing still works.
        await press(pilot, "down", "enter")
        assert main(pilot).loaded.reporter == "CHN"
        await press(pilot, "p", "down", "enter")
        assert main(pilot).loaded.reporter == REPORTER

        await press(pilot, "i")
        assert_literal(shown(app.screen.query_one("#info-text")), hostile.name, REPORTER)
        await press(pilot, "escape")

        # The command palette lists the pairs. It reads a str prompt as markup (as
        # Matcher.highlight does its candidate): the hits carry the names as text instead.
        provider = TradeCommands(app.screen)
        found = [hit async for hit in provider.search("pair")]
        found += [hit async for hit in provider.discover()]
        prompts = [Content.from_markup(hit.prompt).plain for hit in found]
        # Found by the search and listed by discovery: the same literal name both times.
        assert prompts.count(visible(f"Pair: {REPORTER} → {PARTNER}")) == 2, prompts
        await press(pilot, "ctrl+p")
        for key in "pair":
            await pilot.press(key)
        await settle(pilot)
        check_screen(pilot)
        await press(pilot, "escape")
        assert not app._exception


async def test_notifications_show_paths_and_errors_literally(hostile: Path) -> None:
    app = make_app(hostile)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        # A notice with an unbalanced close tag would raise a MarkupError if read as markup.
        app.notify("unbalanced [/] close \x1b[2J", title="t\x1b")
        main(pilot).notify("[bold]x[/bold] from a screen")
        missing = hostile.parent / "no such \x1b]0;pwned\x07"
        main(pilot).open_data(missing)
        await settle(pilot)
        messages = [n.message for n in app._notifications]
        assert "unbalanced [/] close ␛[2J" in messages
        assert "[bold]x[/bold] from a screen" in messages
        # The loader's line quotes the path; however it spells the escape, it is not raw.
        assert any("no such" in m for m in messages), messages
        assert all(raw not in m for m in messages for raw in RAW)
        assert "t␛" in [n.title for n in app._notifications]
        check_screen(pilot)
        assert not app._exception


def write_comtrade(path: Path) -> Path:
    """Comtrade-shaped HS detail whose source names (cmdDesc) are hostile."""
    codes = (
        ("TOTAL", "All commodities", 10.0),
        ("27", "Mineral fuels", 6.0),
        ("2709", "Crude", 6.0),
        ("270900", "[bold]crude[/bold] \x1b[2J \u202eoil", 6.0),
        ("77", "unbalanced [/] close \x85", 4.0),  # chapter 77 is reserved: no official name
    )
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["period", "reporterISO", "partnerISO", "flowCode", "cmdCode", "cmdDesc",
                      "primaryValue"])  # fmt: skip
        for period in ("202209", "202309"):
            for flow in ("X", "M"):
                for code, name, bn in codes:
                    out.writerow([period, "CHN", "RUS", flow, code, name, f"{bn * 1e9:.0f}"])
    return path


def table_text(pilot: Pilot) -> str:
    table = pilot.app.screen.query_one(DataTable)
    rows = (table.get_row_at(i) for i in range(table.row_count))
    return "\n".join(" ".join(cell.plain for cell in row) for row in rows)


async def test_commodity_names_from_the_file_are_shown_literally(tmp_path: Path) -> None:
    app = make_app(write_comtrade(tmp_path / "comtrade.csv"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.go_to_month("2023-09")
        await press(pilot, "1", "enter")
        await settle(pilot)
        await press(pilot, "c")
        assert isinstance(app.screen, CommodityScreen)
        chapters = table_text(pilot)
        assert_literal(chapters, "unbalanced [/] close \x85")
        await press(pilot, "enter", "enter")  # chapter 27, heading 2709
        assert app.screen.level == 6
        subheadings = table_text(pilot)
        assert_literal(subheadings, "[bold]crude[/bold]")
        assert "␛[2J" in subheadings
        caption = shown(app.screen.query_one("#commodities-caption"))
        assert_literal(caption, "[bold]crude[/bold] \x1b[2J \u202eoil")
        check_screen(pilot)
        assert not app._exception
