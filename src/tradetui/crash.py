"""Unexpected errors: the details go to a log file, the user gets one line saying where.

The log folder is the user's state directory (platformdirs: ``~/.local/state/tradetui/log``
on Linux, honouring ``XDG_STATE_HOME``). Only the newest logs are kept.
"""

from __future__ import annotations

import os
import platform
import sys
import traceback
from datetime import datetime
from pathlib import Path

from platformdirs import user_state_dir

from tradetui import __version__
from tradetui.data.errors import first_line
from tradetui.data.text import visible

KEEP_LOGS = 20


def log_dir() -> Path:
    return Path(user_state_dir("tradetui")) / "log"


def write_log(error: BaseException) -> Path | None:
    """Write ``error``'s traceback and the versions in use to a new log; None if that fails."""
    try:
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        path = folder / f"crash-{stamp}-{os.getpid()}.log"
        path.write_text(_report(error), encoding="utf-8")
        _prune(folder)
        return path
    except Exception:  # a log that cannot be written must not hide the error itself
        return None


def message(error: BaseException, log: Path | None) -> str:
    """The one line for the terminal after a crash: what failed, and where the details are."""
    return f"tradetui: {notice(error, log)}"


def notice(error: BaseException, log: Path | None) -> str:
    """The same line for the screen, while the app goes on."""
    # The message may quote data: control characters are shown, never sent.
    what = visible(" ".join(f"{type(error).__name__}: {first_line(error)}".split()))[:300]
    where = f"details in {log}" if log else "no log could be written"
    return f"unexpected error: {what} ({where})"


def _report(error: BaseException) -> str:
    versions = [f"tradetui {__version__}", f"Python {platform.python_version()}"]
    for module in ("textual", "polars"):
        if (loaded := sys.modules.get(module)) is not None:
            versions.append(f"{module} {getattr(loaded, '__version__', '?')}")
    lines = [
        f"time: {datetime.now().isoformat(timespec='seconds')}",
        f"versions: {', '.join(versions)}",
        f"platform: {platform.platform()}",
        f"command: {' '.join(sys.argv)}",
        "",
        *traceback.format_exception(error),
    ]
    return "\n".join(line.rstrip("\n") for line in lines) + "\n"


def _prune(folder: Path) -> None:
    logs = sorted(folder.glob("crash-*.log"), key=lambda p: p.stat().st_mtime)
    for old in logs[:-KEEP_LOGS]:
        old.unlink(missing_ok=True)
