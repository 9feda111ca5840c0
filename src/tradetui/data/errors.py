"""The one error type the data layer raises for bad input."""

from __future__ import annotations


class DataError(Exception):
    """A problem with input data, carrying one human-readable line.

    ``problems`` holds every line found when validation collects several; ``str()``
    is the first one, so callers that show a single line can simply print the error.
    """

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        self.problems = problems or [message]
        super().__init__(message)


def first_line(exc: BaseException) -> str:
    """The first line of an exception's message (its type name when it has none)."""
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
