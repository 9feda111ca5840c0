"""Keep polars' panic reports off the terminal while a command reads data.

When a damaged file makes polars panic, Rust's panic hook writes a report (and, with
RUST_BACKTRACE set, a backtrace) straight to file descriptor 2, before Python sees the
exception that the command turns into its one line. :func:`hidden` points descriptor 2 at
a temporary file for the duration, then passes on everything written there except those
reports.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
import tempfile
from collections.abc import Iterator

_REPORT_START = re.compile(r"^thread '.*' (\(\d+\) )?panicked at ")


def without_reports(text: str) -> str:
    """``text`` less each panic report: from its "thread '…' panicked at" line through the
    "note: …" line that ends it; blank lines go too when there was a report (the hook
    writes some around them)."""
    kept: list[str] = []
    inside = found = False
    for line in text.splitlines(keepends=True):
        if _REPORT_START.match(line):
            inside = found = True
        if inside:
            inside = not line.startswith("note: ")
            continue
        kept.append(line)
    return "".join(line for line in kept if line.strip() or not found)


@contextlib.contextmanager
def hidden(enabled: bool = True) -> Iterator[None]:
    """Run the body with descriptor 2 captured; write back all but panic reports. Not
    ``enabled``: the body runs as it is (the explorer draws on the terminal itself)."""
    try:
        saved = os.dup(2) if enabled else None
    except OSError:  # no descriptor 2 at all: nothing to keep clean
        saved = None
    if saved is None:
        yield
        return
    with tempfile.TemporaryFile() as capture:
        with contextlib.suppress(Exception):
            sys.stderr.flush()
        os.dup2(capture.fileno(), 2)
        try:
            yield
        finally:
            with contextlib.suppress(Exception):
                sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)
            capture.seek(0)
            rest = without_reports(capture.read().decode("utf-8", "replace"))
            if rest:
                os.write(2, rest.encode("utf-8"))
