"""Pilot tests of the article view: `a` or the palette, paste, marks, n/p, enter, r, s."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import ContentSwitcher, Input, Select, Static, TextArea

from piloting import press, settle
from tradetui.app import make_app
from tradetui.screens.article import ArticleScreen
from tradetui.screens.article_dialogs import BriefScreen, ReadingScreen
from tradetui.screens.month import MonthScreen
from tradetui.screens.summary import SummaryScreen
from tradetui.widgets.article_text import ArticleText

SIZE = (120, 40)
ARTICLES = Path(__file__).resolve().parents[1] / "data" / "articles"
SWAPPED = (
    "Trade between Russia and China rose 29.5% to $176.4 billion in January-September 2023. "
    "Within that period, China imported goods worth 81.4 billion dollars from Russia.\n\n"
    "In September 2023 alone, trade came to about 21 billion dollars.\x1b[2J"
)


def article_screen(pilot: Pilot) -> ArticleScreen:
    screen = pilot.app.screen
    assert isinstance(screen, ArticleScreen)
    return screen


def detail(screen: ArticleScreen) -> str:
    return str(screen.query_one("#article-detail-text", Static).render())


async def open_with_text(pilot: Pilot, text: str) -> ArticleScreen:
    await settle(pilot)
    await press(pilot, "a")
    screen = article_screen(pilot)
    screen.query_one("#article-input", TextArea).load_text(text)  # as a paste does
    await settle(pilot)
    return screen


async def test_a_opens_the_view_and_pasted_text_is_checked() -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await open_with_text(pilot, SWAPPED)
        assert [c.verdict for c in screen.checks] == [
            "consistent", "consistent", "direction-swapped", "consistent",
        ]  # fmt: skip
        assert "4 claims: 3 consistent, 1 direction-swapped" in detail(screen)
        await press(pilot, "ctrl+r")
        assert screen.query_one(ContentSwitcher).current == "article-view"
        view = screen.query_one(ArticleText)
        shown = "\n".join(str(p.render()) for p in view.query(Static))
        assert "81.4 billion dollars³⇄" in shown
        assert "\x1b" not in shown and "␛[2J" in shown  # the article's text, literally


async def test_typing_updates_the_verdicts() -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await open_with_text(pilot, "In 2025, trade fell 6.9%.")
        assert [c.verdict for c in screen.checks] == ["consistent"]
        area = screen.query_one("#article-input", TextArea)
        area.move_cursor(area.document.end)
        await pilot.press(*" Trade reached $300 billion.")
        await settle(pilot)
        assert [c.verdict for c in screen.checks] == ["consistent", "inconsistent"]


async def test_n_and_p_move_between_claims_with_the_detail_beside() -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await open_with_text(pilot, SWAPPED)
        await press(pilot, "ctrl+r", "n", "n", "n")
        assert screen.current == 2
        text = detail(screen)
        assert "Claim 3 of 4: direction-swapped" in text
        assert (
            "read as: China's imports from Russia, Jan–Sep 2023, value, stated 81.4 USD bn" in text
        )
        assert "published g0346" in text and "why: 81.4 USD bn is China's exports" in text
        await press(pilot, "p")
        assert screen.current == 1
        await press(pilot, "p", "p")
        assert screen.current == 3  # wraps round


async def test_enter_goes_to_the_month_or_the_range_summary() -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await open_with_text(pilot, SWAPPED)
        await press(pilot, "ctrl+r", "p")  # the last claim: September 2023
        await press(pilot, "enter")
        assert isinstance(pilot.app.screen, MonthScreen)
        assert pilot.app.screen.shown == "2023-09"
        await press(pilot, "escape")
        assert pilot.app.screen is screen
        await press(pilot, "n", "enter")  # the first: January–September 2023
        summary = pilot.app.screen
        assert isinstance(summary, SummaryScreen)
        assert (summary.start, summary.end) == ("2023-01", "2023-09")


async def test_r_changes_the_reading_and_the_verdict_follows() -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await open_with_text(pilot, SWAPPED)
        await press(pilot, "ctrl+r", "n", "n", "n", "r")
        dialog = pilot.app.screen
        assert isinstance(dialog, ReadingScreen)
        dialog.query_one("#reading-flow", Select).value = "CHN->RUS"
        await press(pilot, "ctrl+s")
        assert pilot.app.screen is screen
        assert screen.checks[2].reading.flow == "CHN->RUS"
        assert screen.checks[2].verdict == "consistent"
        # A bad period says why in the dialog, which stays open.
        await press(pilot, "r")
        dialog = pilot.app.screen
        assert isinstance(dialog, ReadingScreen)
        dialog.query_one("#reading-period", Input).value = "2023-13"
        await press(pilot, "enter")
        assert pilot.app.screen is dialog
        assert "field period" in str(dialog.query_one("#reading-error", Static).render())
        await press(pilot, "escape")
        assert screen.checks[2].verdict == "consistent"


async def test_s_gives_the_brief_with_the_corrections() -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await open_with_text(pilot, SWAPPED)
        await press(pilot, "ctrl+r", "s")
        brief = pilot.app.screen
        assert isinstance(brief, BriefScreen)
        text = str(brief.query_one("#brief-text", Static).render())
        assert "In January–September 2023, China–Russia trade totalled USD 176.4 bn" in text
        assert "is China's exports to Russia, not China's imports from Russia" in text
        await press(pilot, "escape")
        assert isinstance(pilot.app.screen, ArticleScreen)
        await press(pilot, "s")
        assert isinstance(pilot.app.screen, BriefScreen)
        await press(pilot, "s")  # s closes it again
        assert isinstance(pilot.app.screen, ArticleScreen)


async def test_opening_a_file_and_a_bad_file() -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "a")
        screen = article_screen(pilot)
        field = screen.query_one("#article-file", Input)
        field.focus()
        field.value = str(ARTICLES / "nine_months_2023.txt")
        await press(pilot, "enter")
        assert screen.query_one(ContentSwitcher).current == "article-view"
        assert len(screen.checks) == 8 and screen.checks[-1].verdict == "direction-swapped"
        await press(pilot, "e")
        field.focus()
        field.value = str(ARTICLES / "missing.txt")
        await press(pilot, "enter")
        assert pilot.app.screen is screen and len(screen.checks) == 8  # still usable
        await press(pilot, "escape")
        assert not isinstance(pilot.app.screen, ArticleScreen)


async def test_the_palette_opens_the_article_view() -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+p")
        await pilot.press(*"Check an article")
        await settle(pilot)
        await press(pilot, "enter")
        assert isinstance(pilot.app.screen, ArticleScreen)


async def test_the_articles_date_resolves_relative_periods() -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await open_with_text(pilot, "Trade reached a record $240.11 billion last year.")
        assert [c.verdict for c in screen.checks] == ["not-checkable"]
        field = screen.query_one("#article-date", Input)
        field.value = "2024-01-13"
        await settle(pilot)
        assert [c.verdict for c in screen.checks] == ["consistent"]
        assert screen.checks[0].reading.period == ("2023-01", "2023-12")
        field.value = "13/01/2024"  # not a date: the last good one stays
        await settle(pilot)
        assert str(field.border_subtitle) == "YYYY-MM-DD"
        assert [c.verdict for c in screen.checks] == ["consistent"]


async def test_the_article_is_still_there_when_the_view_opens_again() -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await open_with_text(pilot, SWAPPED)
        await press(pilot, "escape")
        assert not isinstance(pilot.app.screen, ArticleScreen)
        await press(pilot, "a")
        again = article_screen(pilot)
        assert again is not screen
        assert again.query_one("#article-input", TextArea).text == SWAPPED
        assert len(again.checks) == 4
