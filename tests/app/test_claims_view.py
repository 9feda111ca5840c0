"""Pilot tests of the claims view: `5` or the palette, verdicts, enter to a claim's period."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from piloting import main, press, settle
from tradetui.app import make_app
from tradetui.data import claims
from tradetui.screens.claims import ClaimsScreen
from tradetui.screens.main import MainScreen

SIZE = (120, 40)


def claims_screen(pilot: Pilot) -> ClaimsScreen:
    screen = pilot.app.screen
    assert isinstance(screen, ClaimsScreen)
    return screen


def row_cells(screen: ClaimsScreen, row: int) -> list[str]:
    table = screen.query_one("#claims-table", DataTable)
    return [cell.plain for cell in table.get_row_at(row)]


def detail_text(screen: ClaimsScreen) -> str:
    return str(screen.query_one("#claims-detail", Static).render())


async def move_to(pilot: Pilot, predicate) -> int:
    """Put the cursor on the first claim for which ``predicate(claim)`` holds."""
    screen = claims_screen(pilot)
    row = next(i for i, check in enumerate(screen.checks) if predicate(check.claim))
    screen.query_one("#claims-table", DataTable).move_cursor(row=row)
    await settle(pilot)
    return row


async def test_5_opens_the_claims_of_both_shipped_files() -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "5")
        screen = claims_screen(pilot)
        expected = [
            (Path(claim.file).name, claim.index)
            for path in claims.claim_files()
            for claim in claims.read_claims(path)
        ]
        assert len({name for name, _ in expected}) == 2
        assert [(Path(c.claim.file).name, c.claim.index) for c in screen.checks] == expected
        table = screen.query_one("#claims-table", DataTable)
        assert table.row_count == len(expected)
        title = str(table.border_title)
        assert f"{len(expected)} claims:" in title
        for verdict in claims.VERDICTS:
            count = sum(c.verdict == verdict for c in screen.checks)
            if count:
                assert f"{count} {verdict}" in title


async def test_81_4_claim_shows_direction_swapped_and_the_flow_it_fits() -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "5")
        row = await move_to(
            pilot, lambda c: c.written == "81.4" and c.flow == "RUS->CHN" and c.metric == "value"
        )
        screen = claims_screen(pilot)
        cells = row_cells(screen, row)
        assert "direction-swapped" in cells
        assert "81.400" not in cells  # the data column holds RUS->CHN's figure, not 81.4
        detail = detail_text(screen)
        assert "consistent with CHN->RUS (81.400 USD bn)" in detail


async def test_enter_on_september_alone_goes_to_2023_09_on_the_main_screen() -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "5")
        await move_to(
            pilot,
            lambda c: c.file.endswith("article_jan_sep_2023.toml") and c.index == 8,
        )
        assert "September alone" in detail_text(claims_screen(pilot))
        await press(pilot, "enter")
        screen = main(pilot)
        assert pilot.app.screen is screen
        row = screen.current_row()
        assert row is not None
        assert (row["period_start"], row["period_end"]) == ("2023-09", "2023-09")
        assert screen.focused is screen.table


async def test_enter_on_a_year_claim_goes_to_that_year() -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert main(pilot).year != 2022
        await press(pilot, "5")
        await move_to(pilot, lambda c: c.period == "2022")
        await press(pilot, "enter")
        assert isinstance(pilot.app.screen, MainScreen)
        assert main(pilot).year == 2022


async def test_enter_on_a_period_outside_the_data_stays_with_a_notice() -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "5")
        await move_to(pilot, lambda c: c.period == "2019")
        await press(pilot, "enter")
        assert isinstance(pilot.app.screen, ClaimsScreen)
        assert any("2019 is outside the data" in n.message for n in pilot.app._notifications)


async def test_escape_goes_back_to_the_main_screen() -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        for key in ("escape", "backspace", "q"):
            await press(pilot, "5")
            claims_screen(pilot)
            await press(pilot, key)
            assert isinstance(pilot.app.screen, MainScreen)


async def test_palette_check_claims_opens_the_view() -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+p")
        await pilot.press(*"Check claims")
        await settle(pilot)
        await press(pilot, "enter")
        assert claims_screen(pilot).checks


async def test_claim_text_with_markup_is_shown_literally(tmp_path: Path) -> None:
    path = tmp_path / "markup.toml"
    path.write_text(
        "[[claim]]\n"
        'text = "[bold red]trade[/] reached [link=x]176.4[/link] bn"\n'
        'period = "2023-01..2023-09"\nflow = "total"\nmetric = "value"\n'
        'value = 176.4\nunit = "USD bn"\n',
        encoding="utf-8",
    )
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        loaded = main(pilot).loaded
        assert loaded is not None
        pilot.app.push_screen(ClaimsScreen(loaded, [path]))
        await settle(pilot)
        screen = claims_screen(pilot)
        assert [c.verdict for c in screen.checks] == [claims.CONSISTENT]
        assert "[bold red]trade[/] reached [link=x]176.4[/link] bn" in detail_text(screen)


async def test_bad_claims_file_shows_its_one_line_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[[claim]]\ntext = "x"\n', encoding="utf-8")
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        loaded = main(pilot).loaded
        assert loaded is not None
        pilot.app.push_screen(ClaimsScreen(loaded, [bad]))
        await settle(pilot)
        errors = str(claims_screen(pilot).query_one("#claims-errors", Static).render())
        assert errors.startswith(f"{bad}: claim 1")
        assert "missing field" in errors
        assert "\n" not in errors
        assert "Traceback" not in errors


async def test_the_detail_shows_the_notes_and_the_published_figure() -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "5")
        row = await move_to(
            pilot, lambda c: c.file.endswith("cn_ru_gacc_news.toml") and c.written == "34"
        )
        screen = claims_screen(pilot)
        assert "different-basis" in row_cells(screen, row)
        detail = detail_text(screen)
        assert "matches the growth in yuan (34.3%), not GACC's dollar growth" in detail
        assert "published: g" in detail and "https://" in detail
        # A claim of a sign alone shows its sign where the figure would be.
        row = await move_to(pilot, lambda c: c.sign == "negative")
        assert "< 0" in row_cells(screen, row)
