"""Run the CLI in-process, as the unit tests of its commands do."""

from __future__ import annotations

import pytest

from tradetui import cli

# The header of a small trade table written by the tests.
HEADER = "period_start,period_end,reporter,partner,flow,value,unit\n"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of ``tradetui ARGS``."""
    code = cli.main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def assert_one_error_line(code: int, out: str, err: str) -> str:
    """Exit 2, nothing on stdout, one line on stderr and no traceback; return the line."""
    assert code == 2
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]
