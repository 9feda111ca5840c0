"""The user's settings: ``config.toml`` in the user's config folder.

On Linux that is ``~/.config/tradetui/config.toml`` (platformdirs; ``XDG_CONFIG_HOME`` is
honoured), and ``--config PATH`` points elsewhere. Every setting is optional::

    theme = "nord"                     # any Textual theme; the palette's choice is saved here
    data = "~/Downloads/comtrade.csv"  # the dataset opened when --data is not given
    event_window = 3                   # months before and after an event in its window

    [numbers]
    decimals = 1                       # 0 to 3
    unit = "bn"                        # "bn" (USD bn) or "mn" (USD mn)

    [keys]                             # binding id = key(s), as in the help screen
    "main.export" = "x"
    "trade.open" = "enter,space"

A file that cannot be used raises :class:`ConfigError` with one line; the app then starts
with the defaults and shows the line.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from platformdirs import user_config_dir

UNITS = ("bn", "mn")
MAX_DECIMALS = 3
MAX_EVENT_WINDOW = 24
KEY_PATTERN = re.compile(r"^[a-z0-9_+\-]+(,[a-z0-9_+\-]+)*$")


class ConfigError(Exception):
    """The config file cannot be used; ``str()`` is the one line to show."""


@dataclass(frozen=True)
class Config:
    theme: str | None = None
    data: Path | None = None
    event_window: int = 3
    decimals: int = 1
    unit: str = "bn"
    keys: dict[str, str] = field(default_factory=dict)
    # Where the settings were read from, and where a theme chosen in the app is saved.
    path: Path | None = None

    def but(self, **changes: Any) -> Config:
        """A copy with the command line's options, where given, in place of the file's."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def default_path() -> Path:
    return Path(user_config_dir("tradetui")) / "config.toml"


def load(path: Path | None = None) -> Config:
    """The settings in ``path`` (default: the user's file); defaults where it is absent."""
    path = path if path is not None else default_path()
    try:
        with path.open("rb") as file:
            table = tomllib.load(file)
    except FileNotFoundError:
        return Config(path=path)
    except IsADirectoryError:
        raise ConfigError(f"{path}: is a folder, expected a TOML file") from None
    except OSError as error:
        raise ConfigError(f"{path}: cannot read ({error.strerror})") from None
    except ValueError as error:  # TOMLDecodeError, not UTF-8, or an integer of 5,000 digits
        raise ConfigError(f"{path}: not valid TOML ({error})") from None
    return _settings(table, path)


def _expanded(text: str) -> Path:
    try:
        return Path(text).expanduser()
    except RuntimeError:  # ~nosuchuser: said, with the setting named, when data is read
        return Path(text)


def _settings(table: dict[str, Any], path: Path) -> Config:
    def fail(what: str) -> ConfigError:
        return ConfigError(f"{path}: {what}")

    known = {"theme", "data", "event_window", "numbers", "keys"}
    if unknown := sorted(set(table) - known):
        raise fail(f"unknown setting {unknown[0]!r}; expected one of {', '.join(sorted(known))}")
    theme = table.get("theme")
    if theme is not None and (not isinstance(theme, str) or not theme.strip()):
        raise fail(f"'theme' must be a theme name in quotes, found {theme!r}")
    data = table.get("data")
    if data is not None and (not isinstance(data, str) or not data.strip()):
        raise fail(f"'data' must be a path in quotes, found {data!r}")
    window = _whole(table.get("event_window", 3), 1, MAX_EVENT_WINDOW, "event_window", fail)

    numbers = table.get("numbers", {})
    if not isinstance(numbers, dict):
        raise fail("'numbers' must be a table: [numbers]")
    if unknown := sorted(set(numbers) - {"decimals", "unit"}):
        raise fail(f"unknown setting 'numbers.{unknown[0]}'; expected decimals or unit")
    decimals = _whole(numbers.get("decimals", 1), 0, MAX_DECIMALS, "numbers.decimals", fail)
    unit = numbers.get("unit", "bn")
    if unit not in UNITS:
        raise fail(f'\'numbers.unit\' must be "bn" or "mn", found {unit!r}')

    keys = table.get("keys", {})
    if not isinstance(keys, dict):
        raise fail("'keys' must be a table: [keys]")
    for binding_id, key in keys.items():
        if not isinstance(key, str) or not KEY_PATTERN.match(key.replace(" ", "")):
            raise fail(
                f"'keys.{binding_id}' must be key names in quotes such as \"x\" or "
                f'"ctrl+e,f5", found {key!r}'
            )
    return Config(
        theme=theme.strip() if theme else None,
        data=_expanded(data) if data else None,
        event_window=window,
        decimals=decimals,
        unit=unit,
        keys={binding_id: key.replace(" ", "") for binding_id, key in keys.items()},
        path=path,
    )


def _whole(value: Any, low: int, high: int, name: str, fail: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise fail(f"'{name}' must be a whole number from {low} to {high}, found {value!r}")
    return value


THEME_LINE = re.compile(r"^\s*theme\s*=")
TABLE_LINE = re.compile(r"^\s*\[")


def save_theme(path: Path, theme: str) -> None:
    """Set ``theme`` in the file at ``path``, keeping every other line as it is.

    The file is written to a temporary file beside it and renamed into place, so an
    interrupted save never leaves half a file.
    """
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        lines = []
    setting = f'theme = "{theme}"'
    top = next((i for i, line in enumerate(lines) if TABLE_LINE.match(line)), len(lines))
    at = next((i for i in range(top) if THEME_LINE.match(lines[i])), None)
    if at is None:
        lines.insert(0, setting)
    else:
        lines[at] = setting
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_text("\n".join(lines) + "\n", encoding="utf-8")
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
