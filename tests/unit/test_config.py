"""The config file: settings read, every bad value named in one line, the theme saved."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli_runs import run
from tradetui.config import Config, ConfigError, default_path, load, save_theme

FULL = """\
# my settings
theme = "nord"
data = "~/trade/comtrade.csv"
event_window = 6

[numbers]
decimals = 2
unit = "mn"

[keys]
"main.export" = "x"
"trade.open" = "enter, space"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_no_file_gives_the_defaults(tmp_path: Path) -> None:
    path = tmp_path / "none.toml"
    assert load(path) == Config(path=path)


def test_default_path_is_in_the_user_config_folder() -> None:
    # tests/conftest.py points XDG_CONFIG_HOME at a folder of the test's own.
    assert default_path().parts[-2:] == ("tradetui", "config.toml")
    assert load() == Config(path=default_path())


def test_every_setting_is_read(tmp_path: Path) -> None:
    settings = load(write(tmp_path, FULL))
    assert settings.theme == "nord"
    assert settings.data == Path("~/trade/comtrade.csv").expanduser()
    assert settings.event_window == 6
    assert (settings.decimals, settings.unit) == (2, "mn")
    assert settings.keys == {"main.export": "x", "trade.open": "enter,space"}


def test_command_line_options_win_only_when_given(tmp_path: Path) -> None:
    settings = load(write(tmp_path, FULL))
    mixed = settings.but(theme="dracula", unit=None, decimals=0, event_window=None)
    assert (mixed.theme, mixed.unit, mixed.decimals, mixed.event_window) == ("dracula", "mn", 0, 6)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("theme = nord", "not valid TOML"),
        ("theme = 3", "'theme' must be a theme name in quotes, found 3"),
        ("data = true", "'data' must be a path in quotes, found True"),
        ("event_window = 0", "'event_window' must be a whole number from 1 to 24, found 0"),
        ('event_window = "3"', "'event_window' must be a whole number from 1 to 24, found '3'"),
        ("event_window = 2.5", "found 2.5"),
        ("numbers = 1", "'numbers' must be a table: [numbers]"),
        ("[numbers]\ndecimals = 7", "'numbers.decimals' must be a whole number from 0 to 3"),
        ("[numbers]\ndecimals = true", "'numbers.decimals' must be a whole number"),
        ('[numbers]\nunit = "bn usd"', "'numbers.unit' must be \"bn\" or \"mn\", found 'bn usd'"),
        ("[numbers]\nprecision = 2", "unknown setting 'numbers.precision'"),
        ('colour = "red"', "unknown setting 'colour'"),
        ("[keys]\n'main.export' = 5", "'keys.main.export' must be key names in quotes"),
        ("[keys]\n'main.export' = 'ctrl+ä'", "'keys.main.export' must be key names"),
        ("keys = ['x']", "'keys' must be a table: [keys]"),
    ],
)
def test_a_bad_setting_is_one_line_naming_file_and_setting(
    tmp_path: Path, text: str, expected: str
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as raised:
        load(path)
    message = str(raised.value)
    assert message.startswith(f"{path}: ")
    assert expected in message
    assert "\n" not in message


def test_a_folder_or_binary_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="is a directory, expected a tradetui config file"):
        load(tmp_path)
    binary = tmp_path / "binary.toml"
    binary.write_bytes(b"\xff\xfe\x00theme")
    with pytest.raises(ConfigError, match="not UTF-8 text"):
        load(binary)


def test_saving_the_theme_keeps_every_other_line(tmp_path: Path) -> None:
    path = write(tmp_path, FULL)
    save_theme(path, "gruvbox")
    text = path.read_text(encoding="utf-8")
    assert text == FULL.replace('theme = "nord"', 'theme = "gruvbox"')
    assert load(path).theme == "gruvbox"


def test_saving_the_theme_adds_it_above_the_tables(tmp_path: Path) -> None:
    path = write(tmp_path, '[keys]\n"main.export" = "x"\n')
    save_theme(path, "nord")
    assert load(path).theme == "nord"
    assert load(path).keys == {"main.export": "x"}


def test_saving_the_theme_creates_the_file_and_its_folder(tmp_path: Path) -> None:
    path = tmp_path / "new" / "folder" / "config.toml"
    save_theme(path, "nord")
    assert load(path).theme == "nord"
    assert [p.name for p in path.parent.iterdir()] == ["config.toml"]  # no temporary left


def test_cli_uses_the_configured_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = write(tmp_path, f'data = "{tmp_path / "nowhere.csv"}"')
    code, _, err = run(capsys, "--config", str(config), "summary")
    assert code == 2
    assert "nowhere.csv" in err
    # --data, when given, wins over the config's.
    code, out, _ = run(capsys, "--config", str(config), "summary", "--data", "data")
    assert code == 0
    assert out


def test_cli_warns_of_a_bad_config_and_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write(tmp_path, "event_window = -1")
    code, out, err = run(capsys, "--config", str(config), "summary", "--from", "2023-01")
    assert code == 0
    assert out
    lines = err.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("tradetui: warning: ")
    assert "'event_window' must be a whole number" in lines[0]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--decimals", "9"], "--decimals: found '9', expected a whole number from 0 to 3"),
        (["--event-window", "x"], "argument --event-window: found 'x'"),
        (["--unit", "kg"], "argument --unit: invalid choice: 'kg'"),
    ],
)
def test_cli_display_options_are_checked(
    args: list[str], expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, *args)
    assert (code, out) == (2, "")
    assert expected in err
    assert err.count("\n") == 1


def test_a_config_option_naming_no_file_is_said_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "gone.toml"
    code, out, err = run(capsys, "--config", str(missing), "summary", "--from", "2023-01")
    assert (code, bool(out)) == (0, True)
    assert err == f"tradetui: warning: {missing}: no such file; using the default settings\n"
