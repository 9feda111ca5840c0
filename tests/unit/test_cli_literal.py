"""The CLI prints text from data with its control characters as marks, markup as text."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from cli_runs import HEADER, run
from tradetui.data import schema

# Raw characters that must never reach the terminal: ESC, BEL, CR, C1 CSI, RLO.
RAW = ("\x1b", "\x07", "\r", "\x9b", "\u202e")
TITLE = "[bold]x[/bold] \x1b[2J clear \x9b2J \u202eevil"
SHOWN = "[bold]x[/bold] ␛[2J clear \\x9b2J <U+202E>evil"
REPORTER = "R\x1b[2J"


def write_folder(folder: Path) -> Path:
    folder.mkdir()
    lines = [HEADER]
    for year in (2022, 2023):
        for month in range(1, 13):
            period = f"{year}-{month:02d}"
            for flow in ("export", "import"):
                lines.append(f"{period},{period},{REPORTER},PAR,{flow},{month},USD bn\n")
    (folder / schema.TRADE_FILE).write_text("".join(lines), encoding="utf-8")
    with (folder / schema.EVENTS_FILE).open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["event_id", "start_date", "title"])
        out.writerow(["e1", "2023-09-01", TITLE])
        out.writerow(["e2", "2023-09-02", "two\nlines"])
    return folder


def assert_no_raw(text: str) -> None:
    for raw in RAW:
        assert raw not in text, repr(raw)


def test_summary_text_shows_titles_and_codes_literally(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_folder(tmp_path / "data")
    code, out, err = run(capsys, "summary", "--data", str(folder), "--from", "2023-09",
                         "--to", "2023-09")  # fmt: skip
    assert code == 0, err
    assert_no_raw(out)
    assert SHOWN in out
    assert "R␛[2J" in out
    # A newline inside a title does not start a line of its own.
    assert "two␊lines" in out


def test_summary_json_keeps_the_data_and_escapes_controls(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_folder(tmp_path / "data")
    code, out, err = run(capsys, "summary", "--json", "--data", str(folder), "--from", "2023-09",
                         "--to", "2023-09")  # fmt: skip
    assert code == 0, err
    assert_no_raw(out)
    parsed = json.loads(out)
    # The JSON value is the data itself: escapes, not marks.
    assert parsed["events"][0]["title"] == TITLE
    assert parsed["reporter"]["code"] == REPORTER


def test_validate_prints_codes_literally(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_folder(tmp_path / "data")
    code, out, err = run(capsys, "validate", str(folder))
    assert code == 0, err
    assert_no_raw(out)
    assert "R␛[2J" in out


def test_validate_problems_show_found_text_without_raw_controls(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(HEADER + "2023-09,2023-09,CHN,RUS,\x1b[2Jexport,1,USD bn\n", encoding="utf-8")
    code, out, err = run(capsys, "validate", str(path))
    assert out == ""
    assert code == 2
    assert_no_raw(err)
    assert "flow" in err


def test_check_prints_claim_text_literally(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    claims = tmp_path / "claims.toml"
    claims.write_text(
        "[[claim]]\n"
        'text = "[bold]trade[/] \\u001b[2J grew \\u202e"\n'
        'source = "https://example.com/\\u001b]8;;x\\u0007"\n'
        'period = "2023"\nflow = "total"\nmetric = "value"\nvalue = 240.1\nunit = "USD bn"\n',
        encoding="utf-8",
    )
    code, out, err = run(capsys, "check", str(claims))
    assert code in (0, 1), err
    assert_no_raw(out)
    assert "[bold]trade[/] ␛[2J grew <U+202E>" in out
    assert "https://example.com/␛]8;;x␇" in out
