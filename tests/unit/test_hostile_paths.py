"""Hostile paths and files: ~user of no one, names too long or not UTF-8, empty paths, pipes
and devices, and very long values; one line and exit 2, never a hang or a traceback."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cli_runs import HEADER, assert_one_error_line, run
from hostile_files import fifo
from tradetui.data.errors import clipped


@pytest.mark.parametrize(
    "args",
    [
        ["summary", "--from", "9" * 100_000],
        ["summary", "--reporter", "Z" * 100_000, "--partner", "RUS"],
        ["export", "--granularity", "x" * 100_000, "out.csv"],
        ["validate", "/nonexistent/" + "n" * 100_000 + ".csv"],
    ],
)
def test_no_line_quotes_more_than_about_80_characters_of_a_value(
    capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    line = assert_one_error_line(*run(capsys, *args))
    assert len(line) < 500, len(line)


def test_a_long_claims_field_is_cut(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "claims.toml"
    path.write_text(
        '[[claim]]\ntext = "x"\nperiod = "2023"\nflow = "' + "A" * 100_000 + '"\n'
        'metric = "value"\nvalue = 1\nunit = "USD bn"\n'
    )
    line = assert_one_error_line(*run(capsys, "check", str(path)))
    assert "unknown flow 'AAAA" in line and len(line) < 400, len(line)


def test_clipping_keeps_apostrophes_and_short_values() -> None:
    line = "x: found 'abc', expected China's figures " + "and more words " * 10
    assert clipped(line) == line
    cut = clipped("x: found '" + "9" * 500 + "', expected a number")
    assert cut == "x: found '" + "9" * 75 + "...', expected a number"


NO_USER = "~tradetui-no-such-user-x9"


@pytest.mark.parametrize(
    "args",
    [
        ["validate", f"{NO_USER}/trade.csv"],
        ["summary", "--data", f"{NO_USER}/trade.csv"],
        ["check", f"{NO_USER}/claims.toml"],
        ["export", f"{NO_USER}/out.csv"],
        ["--data", f"{NO_USER}/trade.csv"],
    ],
)
def test_a_home_folder_of_no_user_is_one_line(
    capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    line = assert_one_error_line(*run(capsys, *args))
    assert f"'{NO_USER}' names no user on this system" in line


def test_a_config_naming_data_of_no_user_says_where_it_came_from(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f'data = "{NO_USER}/trade.csv"\n')
    line = assert_one_error_line(*run(capsys, "--config", str(config), "summary"))
    assert "names no user" in line


def test_an_export_name_near_the_limit_is_written(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # 250 bytes is a legal name; the temporary name beside it must still fit.
    target = tmp_path / ("a" * 246 + ".csv")
    code, _, err = run(capsys, "export", str(target))
    assert code == 0, err
    assert target.is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]


@pytest.mark.parametrize(
    "args", [["export", "{long}.csv"], ["validate", "{long}.csv"], ["check", "{long}.toml"]]
)
def test_a_name_too_long_for_the_file_system_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, args: list[str]
) -> None:
    long = str(tmp_path / ("b" * 300))
    line = assert_one_error_line(*run(capsys, *[a.format(long=long) for a in args]))
    assert "the name is too long for the file system" in line


def test_a_pipe_or_a_device_is_never_an_export_target(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    device = tmp_path / "null.csv"
    device.symlink_to("/dev/null")
    for target in (fifo(tmp_path, "pipe.csv"), device):
        for extra in ([], ["--force"]):
            line = assert_one_error_line(*run(capsys, "export", str(target), *extra))
            assert "not a regular file (a pipe, socket or device)" in line
    assert device.is_symlink()  # left as it was


@pytest.mark.parametrize("target", ["/dev/zero", "/dev/null", "/dev/urandom"])
def test_a_device_as_data_is_one_line(capsys: pytest.CaptureFixture[str], target: str) -> None:
    for args in (["validate", target], ["summary", "--data", target], ["--data", target]):
        line = assert_one_error_line(*run(capsys, *args))
        assert target in line


def test_a_link_to_a_device_named_like_data_is_not_read(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    link = tmp_path / "zero.csv"
    link.symlink_to("/dev/zero")  # read, it would never end
    for args in (["validate", str(link)], ["--data", str(link)]):
        line = assert_one_error_line(*run(capsys, *args))
        assert "not a regular file (a pipe, socket or device)" in line


def test_a_pipe_in_place_of_a_dataset_table_is_said_not_skipped(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "dataset"
    folder.mkdir()
    (folder / "trade_monthly.csv").write_text(HEADER + "2023-01,2023-01,CHN,RUS,export,1,USD bn\n")
    fifo(folder, "events.csv")
    line = assert_one_error_line(*run(capsys, "validate", str(folder)))
    assert "events.csv: not a regular file (a pipe, socket or device)" in line


def test_a_file_name_that_is_not_utf8_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "files"
    folder.mkdir()
    name = os.fsdecode(b"x\xff\xfe.csv")
    (folder / name).write_text(HEADER + "2023-01,2023-01,CHN,RUS,export,1,USD bn\n")
    for path in (folder, folder / name):
        line = assert_one_error_line(*run(capsys, "validate", str(path)))
        assert "x\\xff\\xfe.csv: the name is not valid UTF-8" in line


@pytest.mark.parametrize(
    "args", [["validate", ""], ["summary", "--data", " "], ["export", ""], ["--data", ""]]
)
def test_an_empty_path_is_not_the_current_folder(
    capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    line = assert_one_error_line(*run(capsys, *args))
    assert "found an empty path" in line
