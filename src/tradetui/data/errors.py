"""The one error type the data layer raises for bad input, and how found values are shown."""

from __future__ import annotations

from tradetui.data.text import visible

SHOWN_CHARS = 40


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
    each line stays one line and cannot act on a terminal.
    """

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        self.problems = [visible(p) for p in problems or [message]]
        super().__init__(visible(message))


def first_line(exc: BaseException) -> str:
    """The first line of an exception's message (its type name when it has none)."""
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
