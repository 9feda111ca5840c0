"""The one path for an error in a worker: what the user reads, and where the details go.

A ``DataError`` is the input's fault and is said in its own one line. Anything else is a
bug: its traceback goes to the crash log (tradetui/crash.py) and the line names the error
and the log. Either way the app goes on: a worker's error never ends it.
"""

from __future__ import annotations

from tradetui import crash
from tradetui.data.errors import DataError


def error_line(error: BaseException) -> str:
    """One line for the screen; an unexpected error's details are logged first."""
    if isinstance(error, DataError):
        return str(error)
    return crash.notice(error, crash.write_log(error))
