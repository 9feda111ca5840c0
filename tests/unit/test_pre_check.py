"""`validate` and the explorer's pre-check (`sources.peek`) agree on what a file is: wide,
quoted and UTF-16 headers, columns named twice; the pre-check is never stricter."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from cli_runs import HEADER, assert_one_error_line, run
from hostile_files import GOOD_ROWS, wide_header_file
from tradetui.data import sources
from tradetui.data.errors import DataError
from tradetui.data.load import load_dataset


def test_a_header_wider_than_64_kb_is_read_alike_by_validate_and_the_explorer(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = wide_header_file(tmp_path)
    code, out, err = run(capsys, "validate", str(path))
    assert code == 0, err
    assert out.startswith("OK: ")
    assert sources.peek(path) == sources.FORMAT_TRADETUI  # the explorer's pre-check
    opened: list[object] = []
    monkeypatch.setattr("tradetui.app.make_app", lambda *args: opened.append(args) or _Ran())
    code, _, err = run(capsys, "--data", str(path))
    assert code == 0, err
    assert opened


class _Ran:
    return_code = 0

    def run(self) -> None:
        pass


def test_the_pre_check_splits_a_quoted_header_as_a_csv_reader_does(tmp_path: Path) -> None:
    path = tmp_path / "quoted.csv"
    path.write_text(
        '\n\n"period_start","period_end",reporter,partner,flow,value,unit,"a, b"\n'
        "2023-01,2023-01,CHN,RUS,export,1,USD bn,x\n"
    )
    assert sources.peek(path) == sources.FORMAT_TRADETUI
    assert load_dataset(path).trade.collect().height == 1


def test_a_column_named_twice_is_refused_by_validate_and_the_pre_check(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "trade.csv"
    path.write_text(
        "period_start,period_end,reporter,partner,flow,value,value,unit\n"
        "2023-01,2023-01,CHN,RUS,export,1,2,USD bn\n"
    )
    line = assert_one_error_line(*run(capsys, "validate", str(path)))
    assert "the header names column 'value' more than once" in line
    with pytest.raises(DataError, match="names column 'value' more than once"):
        sources.peek(path)


def test_unnamed_trailing_columns_may_repeat(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "trade.csv"
    path.write_text(HEADER.strip() + ",,\n2023-01,2023-01,CHN,RUS,export,1,USD bn,,\n")
    code, _, err = run(capsys, "validate", str(path))
    assert code == 0, err


def good_files(tmp_path: Path) -> list[Path]:
    """Good files in every encoding and shape the full read accepts."""
    text = HEADER + GOOD_ROWS
    files = {
        "utf16-le.csv": codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
        "utf16-be.csv": codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
        "bom.csv": codecs.BOM_UTF8 + text.encode(),
        "latin1.csv": (HEADER.strip() + ",note\n" + GOOD_ROWS.strip() + ",ação\n").encode(
            "latin-1"
        ),
        "semicolons.csv": text.replace(",", ";").encode(),
        "tabs-quoted.csv": text.replace(",", "\t").replace("unit", '"unit"').encode(),
        "blank-lines-first.csv": b"\n\r\n" + text.encode(),
        "crlf.csv": text.replace("\n", "\r\n").encode(),
    }
    paths = []
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
        paths.append(tmp_path / name)
    return [*paths, wide_header_file(tmp_path)]


def test_the_pre_check_accepts_every_good_file_the_full_read_accepts(tmp_path: Path) -> None:
    for path in good_files(tmp_path):
        assert load_dataset(path).trade.collect().height == 1, path
        assert sources.peek(path) == sources.FORMAT_TRADETUI, path


def test_the_pre_check_is_never_stricter_than_the_full_read() -> None:
    bad = Path(__file__).resolve().parents[1] / "data" / "bad"
    for path in sorted(p for p in bad.iterdir() if p.suffix != ".md"):
        try:
            sources.peek(path)
        except DataError as refused:
            with pytest.raises(DataError) as caught:
                load_dataset(path)
            assert str(caught.value) == str(refused), path
