"""Paths the user typed, made usable or refused in one line.

``~name`` for a user that does not exist makes ``Path.expanduser`` raise RuntimeError, and a
name longer than the file system allows makes even ``Path.exists`` raise OSError; both are
the user's input, not the program's fault. No polars here: the CLI and the explorer's
dialogs use it before any data is read.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from tradetui.data.errors import DataError, quoted
from tradetui.data.text import visible

# A missing path (or a file where a folder was expected on the way) is for the caller to
# report in its own words; any other failure to look at the path is reported here.
_ABSENT = (errno.ENOENT, errno.ENOTDIR)


def expand(path: Path | str) -> Path:
    """``path`` with ``~`` and ``~user`` expanded; DataError when there is no such user."""
    path = Path(path)
    try:
        return path.expanduser()
    except RuntimeError:  # ~name for no user of that name (or no home at all)
        head = path.parts[0] if path.parts else str(path)
        raise DataError(
            f"{path}: {quoted(head)} names no user on this system; expected ~/…, "
            "~USER/… for an existing user, or a full path"
        ) from None


def readable_name(path: Path) -> None:
    """DataError for a name that is not UTF-8 (bytes such as 0xff, kept as surrogates):
    polars takes only text paths and would fail on it with no useful word."""
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        raise DataError(
            f"{visible(str(path))}: the name is not valid UTF-8; expected a file name in "
            "UTF-8 (rename the file)"
        ) from None


def usable(path: Path | str) -> Path:
    """:func:`expand`, and DataError for a path that cannot even be looked at: a name too
    long for the file system, a folder on the way that may not be searched, a loop."""
    path = expand(path)
    readable_name(path)
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno in _ABSENT or exc.errno is None:
            return path
        if exc.errno == errno.ENAMETOOLONG:
            raise DataError(
                f"{path}: the name is too long for the file system; expected a file name of "
                "at most 255 bytes in each part of the path"
            ) from None
        if exc.errno == errno.ELOOP:
            return path  # reported as a symbolic link loop by the reader
        raise DataError(f"{path}: cannot be reached ({exc.strerror or exc})") from None
    return path
