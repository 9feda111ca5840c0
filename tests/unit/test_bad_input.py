"""Hostile input: every file of tests/data/bad (and the cases generated here) ends with one
clear line and exit code 2 from `tradetui validate` and `tradetui --data`; never a traceback.

The corpus is described in tests/data/bad/README.md; the cases too big or too odd to commit
(a 200 MB file, a cut Parquet file, a symbolic link loop, an unreadable file, a folder named
like a file, a pipe) are made here in a temporary folder.
"""

from __future__ import annotations

import codecs
import os
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import polars as pl
import pytest

from cli_runs import assert_one_error_line, run
from tradetui import cli
from tradetui.data import comtrade
from tradetui.data.errors import DataError
from tradetui.data.load import load_dataset
from tradetui.data.text import visible

BAD = Path(__file__).resolve().parents[1] / "data" / "bad"

# Corpus entry -> the key part of its one line (after "<path>: ").
EXPECTED = {
    "empty.csv": "the file is empty; expected a header row and data",
    "only-blank-lines.csv": "no header row (the file holds only blank lines)",
    "header-only.csv": "has a header but no data rows",
    "binary-junk.csv": "binary data, not text (a NUL byte at byte",
    "wrong-delimiter-pipe.csv": "the header is one column, 'period_start|period_end|",
    "bom-utf8-period-start-2023-13.csv": (
        "line 3, column period_start: found '2023-13', expected a month"
    ),
    "latin1-flow-exportacao.csv": "line 3, column flow: found 'exportação', expected one of",
    "comtrade-latin1-period-marco.csv": "line 3, column period: found 'Março 2023', expected",
    "missing-columns-value-unit.csv": "missing columns value, unit; expected columns",
    "extra-field-in-row.csv": "line 3: found 8 fields, expected at most 7",
    "missing-field-in-row.csv": "line 3, column flow: found an empty cell, expected one of",
    "unclosed-quote.csv": "line 3: a quoted field is not closed",
    "value-not-a-number.csv": "line 3, column value: found 'twelve', expected a number",
    "value-negative.csv": "line 3, column value: found '-20.1', expected a non-negative number",
    "value-nan.csv": "line 3, column value: found 'NaN', expected a finite number",
    "value-inf.csv": "line 3, column value: found 'inf', expected a finite number",
    "value-1e308.csv": "line 3, column value: found '1e308', expected at most 1,000,000 USD bn",
    "value-control-characters.csv": r"line 3, column value: found '\x1b[31m12\x07', expected",
    "value-very-long.csv": "line 3, column value: found '9999999999",
    "unit-unknown-eur.csv": "column unit: found 'EUR bn', expected one of USD bn, USD mn",
    "reporter-empty.csv": "line 3, column reporter: found an empty cell, expected a country",
    "duplicate-keys.csv": "duplicate key on lines 3, 4: 2023-03..2023-03 CHN->RUS export",
    "period-2023-13.csv": "line 3, column period_start: found '2023-13', expected a month "
    "as YYYY-MM (e.g. 2023-09); the same in period_end",
    "period-2023-slash-09.csv": "line 3, column period_start: found '2023/09'",
    "period-202313.csv": "line 3, column period_start: found '202313'",
    "period-column-2023-13.csv": "line 3, column period: found '2023-13', expected a month",
    "period-end-before-start.csv": "line 3, column period_end: found '2023-03', expected an end",
    "comtrade-period-202313.csv": "line 3, column period: found '202313', expected a period",
    "comtrade-value-negative.csv": "line 3, column primaryValue: found '-5', expected a non-neg",
    "comtrade-value-1e308.csv": "line 2, column primaryValue: found '1e308', expected at most 1e15",
    "comtrade-semicolon-value-text.csv": "line 3, column primaryValue: found 'n/a', expected a",
    "comtrade-duplicate-total.csv": "2 TOTAL rows for 2023-12..2023-12 CHN->RUS flow X",
    "comtrade-missing-primaryvalue.csv": "misses column primaryValue",
    "gacc-kind-unknown.csv": "line 3, column kind: found 'cumulative', expected one of month",
    "gacc-value-1e308.csv": "line 3, column value: found '1e308', expected a number ≥ 0 and at",
    "gacc-currency-wrong.csv": "line 2, column currency: found 'RUB', expected USD, CNY or empty",
    "not-parquet.parquet": "not a Parquet file (it starts with b'peri')",
    "parquet-polars-panics.parquet": "damaged Parquet data (polars failed on it: assertion",
    "dataset-bad-events": "events.csv: line 3, column start_date: found '2023-02-30'",
    "folder-columns-differ": "2023-b.csv: columns differ from 2023-a.csv",
    "period-year-0000.csv": "line 3, column period_start: found '0000-02', expected a month of",
    "period-year-9999.csv": "line 3, column period_start: found '9999-12', expected a month of",
    "period-arabic-indic-digits.csv": "period_start: found '٢٠٢٣-02', expected a month as",
    "period-fullwidth-digits.csv": "period_start: found '２０２３-02', expected a month as",
    "comtrade-period-year-1000.csv": "line 3, column period: found '1000', expected a period",
    "overlap-combined-and-month.csv": "lines 2 and 3 overlap: 2023-01..2023-02 and 2023-02 CHN",
    "overlap-year-and-months.csv": "overlap: 2022-01..2022-12 and 2022-01 CHN->RUS import (2 more",
}
# Claims files, read by `tradetui check FILE` (validate and --data take no claims).
CLAIMS = {
    "claims-value-string.toml": "field value: found a string ('240.1'), expected a number",
    "claims-period-integer.toml": "field period: found a number (2023), expected a month",
    "claims-approx-string.toml": "field approx: found a string ('yes'), expected true or false",
    "claims-claim-not-a-table.toml": "'claim' must be [[claim]] tables, found a number (5)",
    "claims-not-toml.toml": "not valid TOML: Expected ']]' at the end of an array declaration",
    "claims-period-year-9999.toml": "field period: found '9999', expected a month '2023-09'",
    "claims-period-arabic-indic-digits.toml": "field period: found '٢٠٢٣', expected a month",
    "claims-value-1e400.toml": "field value: 1E+400 is beyond any trade figure",
    "claims-sign-on-total.toml": "field sign: only a growth rate (yoy_pct, mom_pct) or a bala",
}


def corpus() -> list[Path]:
    return sorted(p for p in BAD.iterdir() if p.name != "README.md")


class AppOpened(Exception):
    """Raised by the test's make_app: the explorer must not open on bad data."""


@pytest.fixture
def no_app(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AppOpened

    monkeypatch.setattr("tradetui.app.make_app", refuse)


def validate_line(capsys: pytest.CaptureFixture[str], path: Path) -> str:
    line = assert_one_error_line(*run(capsys, "validate", str(path)))
    # A name with control characters is shown with them escaped.
    assert line.startswith((f"{visible(str(path))}: ", f"{path}/")), line
    return line


def data_line(capsys: pytest.CaptureFixture[str], path: Path) -> str:
    """`tradetui --data PATH`: one line and exit 2, before the explorer is built."""
    line = assert_one_error_line(*run(capsys, "--data", str(path)))
    assert line.startswith(f"tradetui: error: {path}"), line
    return line


# --- the corpus --------------------------------------------------------------------------


def test_the_corpus_has_every_case_described() -> None:
    names = {p.name for p in corpus()}
    assert names == set(EXPECTED) | set(CLAIMS)
    assert len(names) >= 25
    readme = (BAD / "README.md").read_text(encoding="utf-8")
    for name in names:
        assert f"`{name}`" in readme or f"`{name}/`" in readme, name


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_validate_prints_one_line(capsys: pytest.CaptureFixture[str], name: str) -> None:
    line = validate_line(capsys, BAD / name)
    assert EXPECTED[name] in line


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_data_option_prints_one_line_without_opening_the_app(
    capsys: pytest.CaptureFixture[str], no_app: None, name: str
) -> None:
    line = data_line(capsys, BAD / name)
    assert EXPECTED[name] in line


@pytest.mark.parametrize("name", sorted(CLAIMS))
def test_check_reports_a_bad_claims_file_in_one_line(
    capsys: pytest.CaptureFixture[str], name: str
) -> None:
    line = assert_one_error_line(*run(capsys, "check", str(BAD / name)))
    assert line.startswith(f"tradetui: error: {BAD / name}: ")
    assert CLAIMS[name] in line


@pytest.mark.parametrize("name", sorted(CLAIMS))
def test_claims_files_are_not_data(
    capsys: pytest.CaptureFixture[str], no_app: None, name: str
) -> None:
    assert "unsupported file type '.toml'" in data_line(capsys, BAD / name)


def test_no_control_character_reaches_the_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    line = validate_line(capsys, BAD / "value-control-characters.csv")
    assert "\x1b" not in line and "\x07" not in line
    assert (BAD / "value-control-characters.csv").read_bytes().count(b"\x1b") == 1


def test_a_long_value_is_cut_short(capsys: pytest.CaptureFixture[str]) -> None:
    line = validate_line(capsys, BAD / "value-very-long.csv")
    assert len(line) < 200
    assert "...'" in line


def test_validate_over_the_whole_corpus_in_a_subprocess() -> None:
    """`python -m tradetui validate FILE` for every corpus entry in one interpreter:
    one line on stderr each, exit 2, nothing on stdout and no traceback anywhere."""
    script = textwrap.dedent(
        """
        import runpy, sys
        for path in sys.argv[1:]:
            sys.argv = ["tradetui", "validate", path]
            print(f"=== {path}", file=sys.stderr, flush=True)
            try:
                runpy.run_module("tradetui", run_name="__main__", alter_sys=True)
                code = 0
            except SystemExit as exc:
                code = exc.code
            print(f"=== exit {code}", file=sys.stderr, flush=True)
        """
    )
    paths = [str(p) for p in corpus()]
    done = subprocess.run(
        [sys.executable, "-c", script, *paths], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Traceback" not in done.stderr + done.stdout
    assert done.stdout == ""
    blocks = done.stderr.split("=== ")[1:]
    assert len(blocks) == 2 * len(paths)
    for start, end, path in zip(blocks[::2], blocks[1::2], paths, strict=True):
        head, *lines = start.splitlines()
        assert head == path
        assert len(lines) == 1, start
        assert lines[0].startswith(path)
        assert end.strip() == "exit 2", start


# --- encodings: readable, so the bad value must be read right -----------------------------


def test_bom_file_is_bad_only_for_its_month(tmp_path: Path) -> None:
    bad = (BAD / "bom-utf8-period-start-2023-13.csv").read_bytes()
    assert bad.startswith(codecs.BOM_UTF8)
    good = tmp_path / "bom-good.csv"
    good.write_bytes(bad.replace(b"2023-13,2023-13", b"2023-04,2023-04"))
    trade = load_dataset(good).trade.collect()
    assert trade["period_start"].to_list() == ["2023-01", "2023-04"]


def test_latin1_trade_table_is_bad_only_for_its_flow(tmp_path: Path) -> None:
    bad = (BAD / "latin1-flow-exportacao.csv").read_bytes()
    assert "exportação".encode("latin-1") in bad
    # The good twin keeps accented text in a column tradetui reads (note).
    twin = bad.replace("exportação".encode("latin-1"), b"export").splitlines()
    twin = [twin[0] + b",note"] + [line + ",révisé".encode("latin-1") for line in twin[1:]]
    good = tmp_path / "latin1-good.csv"
    good.write_bytes(b"\n".join(twin) + b"\n")
    trade = load_dataset(good).trade.collect()
    assert trade["note"].to_list() == ["révisé", "révisé"]


def test_latin1_comtrade_file_is_bad_only_for_its_period(tmp_path: Path) -> None:
    bad = (BAD / "comtrade-latin1-period-marco.csv").read_bytes()
    good = tmp_path / "comtrade-latin1-good.csv"
    good.write_bytes(bad.replace("Março 2023".encode("latin-1"), b"202311"))
    exports = load_dataset(good).trade.filter(pl.col("flow") == "export").collect()
    assert exports["period_start"].to_list() == ["2023-11", "2023-12"]
    assert exports["value"].to_list() == [1e-6, 1e-6]


# --- generated cases ---------------------------------------------------------------------


def generated(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    """name -> (path, key part of the line) for the cases made on the spot."""
    folder = tmp_path / "trade.csv"
    folder.mkdir()
    (folder / "notes.txt").write_text("not data\n")
    loop = tmp_path / "loop-a.csv"
    loop.symlink_to(tmp_path / "loop-b.csv")
    (tmp_path / "loop-b.csv").symlink_to(loop)
    dangling = tmp_path / "dangling.csv"
    dangling.symlink_to(tmp_path / "gone" / "trade.csv")
    pipe = tmp_path / "pipe.csv"
    os.mkfifo(pipe)

    frame = pl.DataFrame(
        {
            "period_start": [f"2023-{m:02d}" for m in range(1, 13)],
            "period_end": [f"2023-{m:02d}" for m in range(1, 13)],
            "reporter": ["CHN"] * 12,
            "partner": ["RUS"] * 12,
            "flow": ["export"] * 12,
            "value": [float(m) for m in range(1, 13)],
            "unit": ["USD bn"] * 12,
        }
    )
    whole = tmp_path / "whole.parquet"
    frame.write_parquet(whole)
    data = whole.read_bytes()
    half = tmp_path / "cut-in-half.parquet"
    half.write_bytes(data[: len(data) // 2])
    tail = tmp_path / "cut-at-the-end.parquet"
    tail.write_bytes(data[:-3])
    nested = tmp_path / "nested.parquet"
    frame.with_columns(value=pl.concat_list("value", "value")).write_parquet(nested)
    typed = tmp_path / "text-values.parquet"
    first = pl.int_range(pl.len()) == 0
    text = pl.when(first).then(pl.lit("lots")).otherwise(pl.col("value").cast(pl.String))
    frame.with_columns(value=text).write_parquet(typed)
    odd_name = tmp_path / "bad\x1b[2Jname.csv"
    odd_name.write_text("")
    return {
        "folder named like a file": (folder, "a folder, not a file, and not a tradetui dataset"),
        "symbolic link loop": (loop, "a symbolic link loop; expected a file or folder"),
        "dangling link": (dangling, "', which does not exist; expected a file or folder"),
        "pipe": (pipe, "not a regular file (a pipe, socket or device)"),
        "parquet cut in half": (half, "the Parquet file is cut short or damaged"),
        "parquet cut at the end": (tail, "the Parquet file is cut short or damaged"),
        "parquet with a list column": (nested, "column value: found List(Float64) values"),
        "parquet rows are rows, not lines": (typed, "row 1, column value: found 'lots'"),
        "control characters in the name": (odd_name, "the file is empty"),
    }


GENERATED = [
    "folder named like a file",
    "symbolic link loop",
    "dangling link",
    "pipe",
    "parquet cut in half",
    "parquet cut at the end",
    "parquet with a list column",
    "parquet rows are rows, not lines",
    "control characters in the name",
]


@pytest.mark.parametrize("case", GENERATED)
def test_generated_case(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], no_app: None, case: str
) -> None:
    path, expected = generated(tmp_path)[case]
    line = validate_line(capsys, path)
    assert expected in line
    line = assert_one_error_line(*run(capsys, "--data", str(path)))
    assert expected in line
    assert "\x1b" not in line


def test_a_damaged_parquet_page_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "damaged.parquet"
    pl.DataFrame({"period": [f"2023-{m:02d}" for m in range(1, 13)] * 100}).with_columns(
        reporter=pl.lit("CHN"), partner=pl.lit("RUS"), flow=pl.lit("export"), unit=pl.lit("USD bn")
    ).with_columns(value=pl.int_range(pl.len()).cast(pl.Float64)).write_parquet(path)
    data = bytearray(path.read_bytes())
    # The pages sit between the leading magic bytes and the footer: scribble on them.
    data[8:208] = b"\xff" * 200
    path.write_bytes(bytes(data))
    line = validate_line(capsys, path)
    assert "Parquet" in line


def run_as_nobody(paths: list[Path], warm_up: Path) -> subprocess.CompletedProcess[str]:
    """`tradetui validate` and `--data` for ``paths`` in a process that has given up root.

    The interpreter cannot be started as nobody (it lives under /root), so it starts as root,
    runs the CLI once on a readable file to import everything, then drops to nobody.
    """
    script = textwrap.dedent(
        """
        import os, sys
        import tradetui.app
        from tradetui import cli
        def refuse(*args, **kwargs):
            raise SystemExit("the explorer was opened")
        tradetui.app.make_app = refuse
        assert cli.main(["validate", sys.argv[1]]) == 0
        os.setgid(65534)
        os.setuid(65534)
        for path in sys.argv[2:]:
            for args in (["validate", path], ["--data", path]):
                print(f"=== {cli.main(args)}", file=sys.stderr, flush=True)
        """
    )
    # Settings and state in a folder nobody can enter too (none there: the defaults).
    home = warm_up.parent / "home"
    env = {**os.environ, "XDG_CONFIG_HOME": str(home), "XDG_STATE_HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-c", script, str(warm_up), *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )


def test_a_file_without_read_permission(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A folder anyone may enter, so that only the file's own permission stops the reader.
    folder = Path(tempfile.mkdtemp(prefix="tradetui-perm-"))
    try:
        folder.chmod(0o755)
        good = folder / "good.csv"
        good.write_text(
            "period_start,period_end,reporter,partner,flow,value,unit\n"
            "2023-01,2023-01,CHN,RUS,export,1.0,USD bn\n"
        )
        good.chmod(0o644)
        locked = folder / "locked.csv"
        locked.write_bytes(good.read_bytes())
        locked.chmod(0o000)
        inside = folder / "exports"
        inside.mkdir(mode=0o755)
        (inside / "part-1.csv").write_bytes(good.read_bytes())
        (inside / "part-1.csv").chmod(0o000)
        expected = "cannot be read (Permission denied)"
        if os.geteuid() == 0:
            done = run_as_nobody([locked, inside], good)
            assert "Traceback" not in done.stderr + done.stdout, done.stderr
            lines = done.stderr.splitlines()
            # Per path and command: the one error line, then the exit code.
            assert len(lines) == 8, done.stderr
            for error, code in zip(lines[::2], lines[1::2], strict=True):
                assert expected in error, error
                assert code == "=== 2"
            assert lines[0].startswith(f"{locked}: ")
            assert lines[4].startswith(f"{inside / 'part-1.csv'}: ")
        else:
            for path in (locked, inside):
                assert expected in assert_one_error_line(*run(capsys, "validate", str(path)))
    finally:
        for path in folder.rglob("*"):
            path.chmod(0o755)
        for path in sorted(folder.rglob("*"), reverse=True):
            path.rmdir() if path.is_dir() else path.unlink()
        folder.rmdir()


# --- a 200 MB file ----------------------------------------------------------------------

BIG_BYTES = 200 * 1024 * 1024
BIG_HEADER = b"period,reporterISO,partnerISO,flowCode,cmdCode,cmdDesc,primaryValue\n"
BIG_ROW = b"202301,CHN,RUS,X,270900,Crude oils,1000\n"


def write_big(path: Path) -> int:
    """A 200 MB Comtrade file of good rows with one negative value near the end; returns
    the line of the bad value (the header is line 1)."""
    chunk = BIG_ROW * 20_000
    rows = 0
    with path.open("wb") as out:
        out.write(BIG_HEADER)
        while rows * len(BIG_ROW) < BIG_BYTES:
            out.write(chunk)
            rows += 20_000
        out.write(b"202301,CHN,RUS,X,270900,Crude oils,-1\n")
        out.write(BIG_ROW * 10)
    return rows + 2


def test_a_200_mb_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big-comtrade.csv"
    try:
        bad_line = write_big(path)
        assert path.stat().st_size > BIG_BYTES > cli.PRECHECK_BYTES
        # validate reads every row: the one bad value near the end is found, with its line.
        line = validate_line(capsys, path)
        assert line == (
            f"{path}: line {bad_line}, column primaryValue: found '-1', expected a "
            "non-negative number"
        )

        # --data checks a file this big by its header only, then the explorer reads it
        # (with progress and cancel) and shows the bad value there.
        opened: list[object] = []

        class NoApp:
            return_code = None

            def run(self) -> None:
                pass

        def record(*args: object, **kwargs: object) -> NoApp:
            opened.append(args)
            return NoApp()

        monkeypatch.setattr("tradetui.app.make_app", record)
        assert cli.main(["--data", str(path)]) == 0
        assert len(opened) == 1
        assert opened[0][:2] == (path, None)  # the path, and no dataset read beforehand

        # A header no layout accepts ends here, with one line and without the explorer.
        with path.open("r+b") as handle:
            handle.write(BIG_HEADER.replace(b"primaryValue", b"primaryValux"))
        opened.clear()
        line = data_line(capsys, path)
        assert "misses column primaryValue" in line
        assert opened == []
    finally:
        path.unlink(missing_ok=True)


def test_the_big_file_is_read_in_batches(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The 200 MB test relies on the Comtrade reader streaming; a small file with small
    batches shows the bad row is still found by its line when it is in a late batch."""
    monkeypatch.setattr(comtrade, "BATCH_ROWS", 100)
    path = tmp_path / "late.csv"
    path.write_bytes(BIG_HEADER + BIG_ROW * 1_000 + b"202301,CHN,RUS,X,270900,Oil,x\n")
    with pytest.raises(DataError, match="line 1002, column primaryValue: found 'x'"):
        load_dataset(path)
