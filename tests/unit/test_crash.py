"""The crash handler: a log in the user's state folder, one line for the user, no traceback."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tradetui import cli, crash


@pytest.fixture
def state_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    return tmp_path / "state"


def _raise(error: Exception) -> Exception:
    try:
        raise error
    except Exception as caught:
        return caught


def test_log_holds_the_traceback_and_versions(state_home: Path) -> None:
    log = crash.write_log(_raise(ValueError("bad thing")))
    assert log is not None
    assert log.parent == state_home / "tradetui" / "log"
    text = log.read_text()
    assert "Traceback (most recent call last)" in text
    assert "ValueError: bad thing" in text
    assert "tradetui 0.1.0" in text


def test_message_is_one_line_naming_the_log(state_home: Path) -> None:
    error = _raise(RuntimeError("first\nsecond \x1b[2J"))
    line = crash.message(error, crash.write_log(error))
    assert "\n" not in line
    assert "\x1b" not in line
    assert line.startswith("tradetui: unexpected error: RuntimeError: first")
    assert f"details in {state_home / 'tradetui' / 'log'}" in line


def test_unwritable_state_folder_is_said_not_raised(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_STATE_HOME", str(blocker))
    error = _raise(RuntimeError("x"))
    assert crash.write_log(error) is None
    assert crash.message(error, None).endswith("(no log could be written)")


def test_only_the_newest_logs_are_kept(state_home: Path) -> None:
    folder = state_home / "tradetui" / "log"
    folder.mkdir(parents=True)
    for n in range(crash.KEEP_LOGS + 5):
        (folder / f"crash-old-{n:02d}.log").write_text("old")
    crash.write_log(_raise(RuntimeError("new")))
    assert len(list(folder.glob("crash-*.log"))) == crash.KEEP_LOGS


def test_cli_unexpected_error_exits_1_with_the_log_path(
    state_home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(args: object) -> int:
        raise KeyError("no such key")

    monkeypatch.setattr(cli, "_summary", broken)
    assert cli.main(["summary"]) == cli.EXIT_FAILURE
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "Traceback" not in err
    logs = list((state_home / "tradetui" / "log").glob("crash-*.log"))
    assert len(logs) == 1
    assert str(logs[0]) in err
    assert "KeyError: 'no such key'" in logs[0].read_text()


def test_app_crash_prints_one_line_and_writes_the_log(tmp_path: Path) -> None:
    # A real run (headless, own process): what the user's terminal gets after a crash.
    script = textwrap.dedent(
        """
        import sys
        from tradetui.app import make_app

        def boom():
            raise RuntimeError("a bug in a handler")

        async def drive(pilot):
            await pilot.app.workers.wait_for_complete()  # the explorer is up
            await pilot.pause()
            pilot.app.call_later(boom)

        app = make_app()
        app.run(headless=True, auto_pilot=drive)
        sys.exit(app.return_code)
        """
    )
    env = {"XDG_STATE_HOME": str(tmp_path / "state"), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr + done.stdout
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, done.stderr
    assert "unexpected error: RuntimeError: a bug in a handler" in lines[0]
    logs = list((tmp_path / "state" / "tradetui" / "log").glob("crash-*.log"))
    assert len(logs) == 1
    assert str(logs[0]) in lines[0]
    assert "a bug in a handler" in logs[0].read_text()
