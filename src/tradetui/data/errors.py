"""The one error type the data layer raises for bad input, and how found values are shown."""

from __future__ import annotations

import re

from tradetui.data.text import visible

SHOWN_CHARS = 40
# The most of a quoted value any line shows, however the message was built, and the
# longest run of other text without a space (a path, a name) before it is cut as well.
QUOTE_MOST = 80
RUN_MOST = 240
# A value quoted as repr() writes it: a quote not inside a word ("China's" is no quote),
# its text (escapes included), the closing quote not followed by a word character.
_LONG_QUOTED = re.compile(
    rf"(?<!\w)(?:'((?:[^'\\]|\\.){{{QUOTE_MOST - 1},}}?)'|"
    rf'"((?:[^"\\]|\\.){{{QUOTE_MOST - 1},}}?)")(?!\w)'
)
_LONG_RUN = re.compile(rf"\S{{{RUN_MOST + 1},}}")


def clipped(line: str) -> str:
    """``line`` with each quoted value cut to about QUOTE_MOST characters, and any run
    without spaces to RUN_MOST: a message shows at most that much of what it quotes,
    whichever way it quoted it (a 100,000-character cell is not printed whole)."""

    def cut_quote(found: re.Match[str]) -> str:
        mark = found.group()[0]
        return found.group()[: QUOTE_MOST - 4] + "..." + mark

    def cut_run(found: re.Match[str]) -> str:
        return found.group()[: RUN_MOST - 3] + "..."

    if len(line) <= QUOTE_MOST:
        return line
    return _LONG_RUN.sub(cut_run, _LONG_QUOTED.sub(cut_quote, line))


def quoted(value: object, limit: int = SHOWN_CHARS) -> str:
    """A found value for a message: text quoted like repr ('2023-13', '\\x1b[31m'), cut
    to ``limit`` characters; None is 'an empty cell'."""
    if value is None:
        return "an empty cell"
    text = repr(value) if isinstance(value, str) else visible(str(value))
    if len(text) <= limit:
        return text
    # A cut string keeps its closing quote, so it still reads as one quoted value.
    end = "..." + text[0] if isinstance(value, str) else "..."
    return text[: limit - len(end)] + end


def short(text: object, limit: int = SHOWN_CHARS) -> str:
    """Text from a file shown bare (a code, a column name), made visible and cut short."""
    shown = visible(str(text))
    return shown if len(shown) <= limit else shown[: limit - 3] + "..."


def shown_columns(columns: list[str] | tuple[str, ...], most: int = 8) -> str:
    """A header for a message: the first few names, each cut short; 'none' when empty."""
    names = [short(c, 30) for c in columns[:most]]
    return ", ".join(names) + (" ..." if len(columns) > most else "") or "none"


class DataError(Exception):
    """A problem with input data, carrying one human-readable line.

    ``problems`` holds every line found when validation collects several; ``str()``
    is the first one, so callers that show a single line can simply print the error.
    Control characters (from a file name or a cell) are made visible (tradetui.data.text):
    each line stays one line and cannot act on a terminal; long quoted values are cut
    (:func:`clipped`).
    """

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        self.problems = [clipped(visible(p)) for p in problems or [message]]
        super().__init__(clipped(visible(message)))


def first_line(exc: BaseException) -> str:
    """The first line of an exception's message (its type name when it has none)."""
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
