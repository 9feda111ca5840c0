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
import secrets
import stat
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from platformdirs import user_config_dir

from tradetui.data.errors import DataError
from tradetui.data.tomlfile import read_toml

UNITS = ("bn", "mn")
MAX_DECIMALS = 3
MAX_EVENT_WINDOW = 24
MAX_CONFIG_BYTES = 1 << 20  # a config file is a few lines; a bigger file is not one
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
    if not path.exists() and not path.is_symlink():
        return Config(path=path)
    return _settings(_table(path), path)


def _table(path: Path) -> dict[str, Any]:
    try:
        return read_toml(path, "a tradetui config file (TOML)", MAX_CONFIG_BYTES)
    except DataError as error:
        raise ConfigError(str(error)) from None


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


def save_theme(path: Path, theme: str) -> None:
    """Set ``theme`` in the config file at ``path``, keeping its other settings and comments.

    Only a file that reads as a tradetui config is written (or a new one created), so a
    data file given as ``--config`` is never touched; ConfigError says why not. The file is
    written under a temporary name beside it and renamed into place, so an interrupted
    save never leaves half a file.
    """
    import tomlkit  # only when a setting is saved: plain starts need not import it

    target = path
    if path.is_symlink():  # a linked config stays linked: the file it points to is written
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):
            raise ConfigError(f"{path}: a symbolic link to no file; nothing is created") from None
    mode = None
    if target.exists():
        _settings(_table(target), path)  # ConfigError: not a config file, not written
        try:
            document = tomlkit.parse(target.read_text(encoding="utf-8"))
        except (tomlkit.exceptions.TOMLKitError, UnicodeDecodeError, RecursionError) as error:
            # Read as a config a moment ago: changed since, or beyond what tomlkit keeps.
            raise ConfigError(f"{path}: cannot be rewritten ({error})") from None
        mode = stat.S_IMODE(target.stat().st_mode)
        if not mode & stat.S_IWUSR:  # renaming over it would ignore that it is read-only
            raise ConfigError(f"{path}: the file is read-only; nothing is written")
    else:
        document = tomlkit.document()
    document["theme"] = theme  # a new key goes before the first [table], where it belongs
    target.parent.mkdir(parents=True, exist_ok=True)
    _replace(target, tomlkit.dumps(document).encode("utf-8"), mode)


def _replace(target: Path, data: bytes, mode: int | None) -> None:
    """Write ``data`` to a new file beside ``target`` (never through a link), then rename
    it over ``target``, keeping ``target``'s permissions."""
    temporary = target.with_name(f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW
    fd = os.open(temporary, flags, 0o666 if mode is None else 0o600)
    try:
        with os.fdopen(fd, "wb") as out:
            if mode is not None:
                os.fchmod(out.fileno(), mode)
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
