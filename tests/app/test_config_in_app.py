"""The config file in the running explorer: theme, remapped keys, event window, problems."""

from __future__ import annotations

from pathlib import Path

from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.theme import Theme

from piloting import main, press, settle, shown
from tradetui.app import make_app
from tradetui.config import Config, ConfigError, load
from tradetui.screens.export import ExportScreen

SIZE = (120, 40)


def notices(pilot: Pilot) -> list[str]:
    return [str(n.message) for n in pilot.app._notifications]


async def choose_theme_in_palette(pilot: Pilot, name: str) -> None:
    await press(pilot, "ctrl+p", *"theme")
    await press(pilot, "enter")  # the "Theme" command opens the theme list
    assert isinstance(pilot.app.screen, CommandPalette)
    await press(pilot, *name, "enter")


async def test_theme_chosen_in_the_palette_is_in_force_after_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("# mine\n[numbers]\ndecimals = 1\n", encoding="utf-8")
    app = make_app(settings=load(path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.theme == "textual-dark"
        await choose_theme_in_palette(pilot, "nord")
        assert app.theme == "nord"
    assert load(path).theme == "nord"
    assert path.read_text(encoding="utf-8") == '# mine\ntheme = "nord"\n\n[numbers]\ndecimals = 1\n'

    restarted = make_app(settings=load(path))
    async with restarted.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert restarted.theme == "nord"


async def test_apps_without_a_config_file_save_nothing(tmp_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await choose_theme_in_palette(pilot, "nord")
        assert app.theme == "nord"
    assert not list(tmp_path.iterdir())


async def test_unknown_theme_is_named_and_the_default_kept() -> None:
    app = make_app(settings=Config(theme="no-such-theme"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.theme == "textual-dark"
        assert any("No theme called 'no-such-theme'" in n for n in notices(pilot))


async def test_a_data_file_given_as_config_is_never_written(tmp_path: Path) -> None:
    # `tradetui --config data.csv`, then a theme chosen in the palette.
    data = tmp_path / "data.csv"
    text = "period,reporter,partner,flow,value_usd\n2023-01,CHN,RUS,export,8.0\n"
    data.write_text(text, encoding="utf-8")
    try:
        settings, problem = load(data), None
    except ConfigError as error:
        settings, problem = Config(path=data), str(error)
    assert problem is not None
    app = make_app(settings=settings, settings_problem=problem)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await choose_theme_in_palette(pilot, "nord")
        assert app.theme == "nord"  # kept for the session
        said = [n for n in notices(pilot) if "not saved" in n]
        assert len(said) == 1
        assert said[0].startswith(
            f"The theme nord is used for this session but not saved: {data}: not valid TOML"
        )
    assert data.read_text(encoding="utf-8") == text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data.csv"]


async def test_a_theme_that_cannot_be_applied_falls_back_with_one_notice() -> None:
    app = make_app(settings=Config(theme="broken"))
    # Registered as a user could, with a colour Textual cannot read.
    app.register_theme(Theme(name="broken", primary="not-a-colour"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.theme == "textual-dark"
        said = [n for n in notices(pilot) if "'broken'" in n]
        assert len(said) == 1
        assert said[0].startswith("The theme 'broken' cannot be used")
        assert main(pilot).loaded is not None


async def test_a_remapped_key_works_and_the_old_one_no_longer() -> None:
    app = make_app(settings=Config(keys={"main.export": "x"}))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "e")
        assert not isinstance(app.screen, ExportScreen)
        await press(pilot, "x")
        assert isinstance(app.screen, ExportScreen)


async def test_unknown_binding_ids_are_named() -> None:
    app = make_app(settings=Config(keys={"main.exprot": "x", "trade.open": "space"}))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        said = [n for n in notices(pilot) if "Unknown binding id" in n]
        assert said == [
            "Unknown binding id in [keys]: main.exprot; the help screen (?) lists the ids"
        ]


async def test_help_lists_binding_ids_for_remapping() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "question_mark")
        lines = "\n".join(shown(table) for table in app.screen.query(".help-table")).splitlines()
        assert any("Export" in line and "main.export" in line for line in lines)
        assert any("Help" in line and "app.help" in line for line in lines)


async def test_bad_config_problem_is_shown_and_defaults_used() -> None:
    problem = '/home/me/.config/tradetui/config.toml: \'numbers.unit\' must be "bn" or "mn"'
    app = make_app(settings=Config(), settings_problem=problem)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert f"{problem}; using the default settings" in notices(pilot)
        assert main(pilot).loaded is not None


async def test_event_window_months_come_from_the_settings() -> None:
    app = make_app(settings=Config(event_window=6))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        event = main(pilot).loaded.events.row(0, named=True)
        text = main(pilot)._trade_around(event)
        assert text is not None
        assert "in the 6 months before" in text.plain


async def test_numbers_follow_the_configured_unit_and_decimals() -> None:
    app = make_app(settings=Config(unit="mn", decimals=2))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main(pilot)
        screen.go_to_month("2023-09")
        await settle(pilot)
        wide = screen.loaded.wide
        export_bn = wide.filter(wide["period_start"] == "2023-09")["export"][0]
        table = screen.table
        row = table.get_row_at(table.cursor_row)
        assert row[1].plain == f"{export_bn * 1000:,.2f}"
        assert "USD mn" in str(table.columns[list(table.columns)[1]].label)
        assert "USD mn" in shown(screen.query_one("#metrics-period"))
    # The next app with the defaults writes USD bn with one decimal again.
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "USD bn" in shown(main(pilot).query_one("#metrics-period"))
