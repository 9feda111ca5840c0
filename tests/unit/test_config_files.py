"""Files that are not a config: never written, never waited on, refused in one line.

The same bounded reading serves claims files, so each case is tried on both.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

import polars as pl
import pytest

from cli_runs import run
from tradetui.config import MAX_CONFIG_BYTES, ConfigError, load, save_theme
from tradetui.data.claims import read_claims
from tradetui.data.errors import DataError
from tradetui.data.tomlfile import MAX_CLAIMS_BYTES

CSV = "period,reporter,partner,flow,value_usd\n2023-01,CHN,RUS,export,8.0\n"


def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.toml"
    os.mkfifo(path)
    return path


def deep(tmp_path: Path) -> Path:
    path = tmp_path / "deep.toml"
    path.write_text("theme = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    return path


def huge(limit: int) -> Callable[[Path], Path]:
    def write(tmp_path: Path) -> Path:
        path = tmp_path / "huge.toml"
        path.write_text("# x\n" * (limit // 4 + 1), encoding="utf-8")
        return path

    return write


def read_config(path: Path) -> object:
    try:
        return load(path)
    except ConfigError as error:
        raise DataError(str(error)) from None


@pytest.mark.parametrize("reader", [read_config, read_claims], ids=["config", "claims"])
@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (fifo, "not a regular file (a pipe, socket or device)"),
        (lambda _: Path("/dev/zero"), "not a regular file (a pipe, socket or device)"),
        (deep, "nested too deeply"),
    ],
    ids=["fifo", "dev-zero", "nested"],
)
def test_what_is_not_a_toml_file_is_one_line(
    tmp_path: Path, reader: Callable[[Path], object], make: Callable[[Path], Path], expected: str
) -> None:
    path = make(tmp_path)
    with pytest.raises(DataError) as raised:
        reader(path)
    message = str(raised.value)
    assert message.startswith(f"{path}: ")
    assert expected in message
    assert "\n" not in message


@pytest.mark.parametrize(
    ("reader", "limit", "said"),
    [(read_config, MAX_CONFIG_BYTES, "1 MiB"), (read_claims, MAX_CLAIMS_BYTES, "1 MiB")],
    ids=["config", "claims"],
)
def test_a_file_over_the_limit_is_refused_with_the_limit_named(
    tmp_path: Path, reader: Callable[[Path], object], limit: int, said: str
) -> None:
    path = huge(limit)(tmp_path)
    assert path.stat().st_size > limit
    with pytest.raises(DataError, match=f"larger than {said}, too big for"):
        reader(path)


def test_a_file_at_the_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    text = 'theme = "nord"\n'
    path.write_text(text + "#" * (MAX_CONFIG_BYTES - len(text)), encoding="utf-8")
    assert path.stat().st_size == MAX_CONFIG_BYTES
    assert load(path).theme == "nord"


def test_a_csv_given_as_config_is_never_written(tmp_path: Path) -> None:
    data = tmp_path / "data.csv"
    data.write_text(CSV, encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        save_theme(data, "nord")
    assert data.read_text(encoding="utf-8") == CSV
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data.csv"]  # no temporary left


def test_a_parquet_given_as_config_is_refused_and_never_written(tmp_path: Path) -> None:
    data = tmp_path / "data.parquet"
    pl.DataFrame({"value": [1.0, 2.0]}).write_parquet(data)
    before = data.read_bytes()
    with pytest.raises(ConfigError, match="not UTF-8 text"):
        load(data)
    with pytest.raises(ConfigError, match="not UTF-8 text"):
        save_theme(data, "nord")
    assert data.read_bytes() == before


def test_a_toml_file_that_is_not_a_tradetui_config_is_never_written(tmp_path: Path) -> None:
    other = tmp_path / "pyproject.toml"
    text = '[project]\nname = "x"\n'
    other.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown setting 'project'"):
        save_theme(other, "nord")
    assert other.read_text(encoding="utf-8") == text


def test_saving_keeps_comments_keys_and_permissions(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        '# colours\ntheme = "nord"  # the dark one\n\n[numbers]\n# one place\ndecimals = 1\n',
        encoding="utf-8",
    )
    path.chmod(0o640)
    save_theme(path, "gruvbox")
    assert path.read_text(encoding="utf-8") == (
        '# colours\ntheme = "gruvbox"  # the dark one\n\n[numbers]\n# one place\ndecimals = 1\n'
    )
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert load(path).decimals == 1


def test_a_read_only_config_is_not_replaced(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('theme = "nord"\n', encoding="utf-8")
    path.chmod(0o444)
    with pytest.raises(ConfigError, match="the file is read-only"):
        save_theme(path, "gruvbox")
    assert load(path).theme == "nord"


def test_saving_through_a_link_writes_the_linked_file(tmp_path: Path) -> None:
    real = tmp_path / "dotfiles" / "tradetui.toml"
    real.parent.mkdir()
    real.write_text("event_window = 4\n", encoding="utf-8")
    link = tmp_path / "config.toml"
    link.symlink_to(real)
    save_theme(link, "nord")
    assert link.is_symlink()
    assert load(real).theme == "nord"
    assert load(real).event_window == 4


def test_a_link_to_no_file_is_not_followed_to_create_one(tmp_path: Path) -> None:
    link = tmp_path / "config.toml"
    link.symlink_to(tmp_path / "elsewhere" / "planted.toml")
    with pytest.raises(ConfigError, match="a symbolic link to no file"):
        save_theme(link, "nord")
    assert not (tmp_path / "elsewhere").exists()


def test_cli_names_a_fifo_config_and_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--config", str(fifo(tmp_path)), "summary", "--from", "2023-01")
    assert (code, bool(out)) == (0, True)
    assert err.count("\n") == 1
    assert "not a regular file" in err


def test_cli_check_of_a_fifo_claims_file_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = fifo(tmp_path)
    code, out, err = run(capsys, "check", str(path))
    assert (code, out) == (2, "")
    assert err.count("\n") == 1
    assert f"{path}: not a regular file" in err
