"""Read a small TOML file (settings, claims) with bounds: what it is, its size, its depth.

A pipe or a device named as a TOML file would make a plain read wait forever or never end;
a huge file would be read whole into memory; TOML nested thousands deep exhausts Python's
recursion. Each is refused here with one line instead.
"""

from __future__ import annotations

import os
import stat
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tradetui.data.errors import DataError, first_line
from tradetui.data.paths import usable

# Claims files are a few KiB (the shipped ones hold dozens of claims in 10 KiB).
MAX_CLAIMS_BYTES = 1 << 20


def size_text(size: int) -> str:
    """'1 MiB', '64 KiB', '900 bytes'."""
    for unit, factor in (("MiB", 1 << 20), ("KiB", 1 << 10)):
        if size >= factor and size % factor == 0:
            return f"{size // factor} {unit}"
    return f"{size:,} bytes"


def _read_at_most(fd: int, size: int) -> bytes:
    chunks, left = [], size
    while left and (chunk := os.read(fd, min(left, 1 << 16))):
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def read_toml(
    path: Path, what: str, limit: int, parse_float: Callable[[str], Any] = float
) -> dict[str, Any]:
    """The table in the TOML file at ``path``; a DataError naming what is wrong otherwise.

    ``what`` names the file expected ('a claims file (.toml)'); a file over ``limit`` bytes
    is refused with the limit named.
    """
    name = str(path)
    path = usable(path)  # ~user, a name too long: one line
    try:
        # Non-blocking, so that opening a pipe does not wait for a writer.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        raise DataError(f"{name}: no such file or directory") from None
    except OSError as exc:
        raise DataError(f"{name}: cannot be read ({exc.strerror or exc})") from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise DataError(f"{name}: is a directory, expected {what}")
        if not stat.S_ISREG(mode):
            raise DataError(
                f"{name}: not a regular file (a pipe, socket or device); expected {what}"
            )
        data = _read_at_most(fd, limit + 1)
    except OSError as exc:
        raise DataError(f"{name}: cannot be read ({exc.strerror or exc})") from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise DataError(f"{name}: larger than {size_text(limit)}, too big for {what}")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise DataError(f"{name}: not UTF-8 text; expected {what}") from None
    try:
        return tomllib.loads(text, parse_float=parse_float)
    except ValueError as exc:  # TOMLDecodeError, or an integer of more than 4,300 digits
        raise DataError(f"{name}: not valid TOML: {first_line(exc)}") from None
    except RecursionError:
        raise DataError(
            f"{name}: not valid TOML: arrays or tables nested too deeply; expected {what}"
        ) from None
