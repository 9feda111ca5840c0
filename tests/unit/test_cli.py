"""The command line, run in-process through main([...]) with captured output."""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys
import types
from pathlib import Path

import polars as pl
import pytest

from cli_runs import HEADER, assert_one_error_line, run
from tradetui import __version__, cli
from tradetui.data import metrics, reconcile, summary
from tradetui.data.errors import DataError
from tradetui.data.load import embedded_dir, load_dataset


def small_trade(path: Path) -> dict[str, float]:
    """Two full years of single months; returns the 2023 sums per flow."""
    rows, sums = [], {"export": 0.0, "import": 0.0}
    for year in (2022, 2023):
        for month in range(1, 13):
            period = f"{year}-{month:02d}"
            export, import_ = 1 + month / 10, 2.0 + (year - 2022)
            if year == 2023:
                sums["export"] += export
                sums["import"] += import_
            for flow, value in (("export", export), ("import", import_)):
                rows.append(f"{period},{period},CHN,RUS,{flow},{value},USD bn\n")
    path.write_text(HEADER + "".join(rows))
    return sums


# --- entry point, version, help -----------------------------------------------------------


def test_console_script_prints_the_version() -> None:
    script = Path(sys.executable).with_name("tradetui")
    result = subprocess.run(
        [str(script), "--version"], capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"tradetui {__version__}"


def test_version_in_process(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--version")
    assert code == 0
    assert out.strip() == f"tradetui {__version__}"


@pytest.mark.parametrize("command", [[], ["summary"], ["validate"], ["reconcile"], ["build-data"]])
def test_every_command_has_help_with_examples(
    capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    code, out, err = run(capsys, *command, "--help")
    assert code == 0
    assert err == ""
    assert out.startswith(f"usage: tradetui {' '.join(command)}".rstrip())
    assert "examples:" in out
    assert "--data " in out


def test_help_names_what_exit_1_means(capsys: pytest.CaptureFixture[str]) -> None:
    """`check` exits 1 for a claim not consistent; the top-level help must say so."""
    _, out, _ = run(capsys, "--help")
    codes = " ".join(out.partition("exit codes:")[2].split())
    assert "1 a claim that `check` finds not consistent, or an unexpected failure" in codes
    assert "1 unexpected failure," not in codes


# --- summary ------------------------------------------------------------------------------


def test_summary_jan_sep_2023_matches_the_published_figures(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "summary", "--from", "2023-01", "--to", "2023-09", "--json")
    assert code == 0, err
    data = json.loads(out)
    flows = data["flows"]
    assert flows["total"]["value"] == pytest.approx(176.4, abs=0.15)
    assert flows["total"]["yoy_pct"] == pytest.approx(29.5, abs=0.2)
    assert flows["total"]["published_yoy_pct"] == pytest.approx(29.5, abs=0.2)
    assert flows["export"]["value"] == pytest.approx(81.4, abs=0.05)
    assert flows["import"]["value"] == pytest.approx(94.9, abs=0.05)
    assert flows["export"]["label"] == "China's exports to Russia"
    assert flows["import"]["label"] == "China's imports from Russia"
    # China imports more than it exports: a deficit, in Russia's favour.
    assert data["balance"]["value"] == pytest.approx(81.4 - 94.9, abs=0.05)
    assert data["balance"]["favours"] == "RUS"
    assert data["range"] == {
        "from": "2023-01",
        "to": "2023-09",
        "label": "Jan–Sep 2023",
        "months": 9,
        "months_with_data": 9,
    }


def test_summary_text_shows_each_flow_on_its_own_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "summary", "--from", "2023-01", "--to", "2023-09")
    assert code == 0
    lines = out.splitlines()

    def line(label: str) -> str:
        return next(x for x in lines if x.strip().startswith(label))

    assert "176.4" in line("Total trade")
    assert "+29.6%" in line("Total trade")
    assert "published +29.5%" in line("Total trade")
    assert "81.4" in line("China's exports to Russia")
    assert "94.9" in line("China's imports from Russia")
    assert "Russia's surplus" in line("Balance")
    assert "\x1b" not in out  # no colour codes in piped output


def test_summary_json_is_stable_and_has_the_documented_keys(
    capsys: pytest.CaptureFixture[str],
) -> None:
    first = run(capsys, "summary", "--json")[1]
    second = run(capsys, "summary", "--json")[1]
    assert first == second
    data = json.loads(first)
    assert list(data) == [
        "dataset",
        "reporter",
        "partner",
        "range",
        "unit",
        "flows",
        "balance",
        "largest_month",
        "events",
        "missing",
        "text",
    ]
    assert list(data["flows"]) == ["total", "export", "import"]
    for flow in data["flows"].values():
        assert list(flow) == [
            "label",
            "value",
            "previous",
            "yoy_pct",
            "published_value",
            "published_yoy_pct",
            "published_figure",
        ]


def test_summary_default_is_the_latest_full_year(capsys: pytest.CaptureFixture[str]) -> None:
    year = metrics.latest_full_year(metrics.periods(load_dataset().trade))
    data = json.loads(run(capsys, "summary", "--json")[1])
    assert (data["range"]["from"], data["range"]["to"]) == (f"{year}-01", f"{year}-12")


def test_summary_missing_values_are_null_in_json_and_a_dash_in_text(
    capsys: pytest.CaptureFixture[str],
) -> None:
    wide = metrics.periods(load_dataset().trade)
    gaps = wide.filter(pl.col("export").is_null() & (pl.col("year") == 2021))
    assert gaps.height, "the embedded 2021 has months without an export figure"
    data = json.loads(run(capsys, "summary", "--from", "2021-01", "--to", "2021-12", "--json")[1])
    assert data["flows"]["export"]["value"] is None
    assert data["balance"] == {"value": None, "favours": None, "favours_name": None}
    missing = {m["from"] for m in data["missing"]}
    assert set(gaps["period_start"]) <= missing
    text = run(capsys, "summary", "--from", "2021-01", "--to", "2021-12")[1]
    export_line = next(x for x in text.splitlines() if "exports to Russia" in x)
    assert "—" in export_line
    assert "0.0" not in export_line
    assert "Figures are missing for" in text


def test_summary_accepts_data_before_or_after_the_command(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    trade = tmp_path / "trade.csv"
    sums = small_trade(trade)
    before = run(capsys, "--data", str(trade), "summary", "--json")
    after = run(capsys, "summary", "--data", str(trade), "--json")
    assert before == after
    data = json.loads(before[1])
    assert data["dataset"] == str(trade)
    assert data["range"]["from"] == "2023-01"
    assert data["flows"]["export"]["value"] == pytest.approx(sums["export"])
    assert data["flows"]["total"]["value"] == pytest.approx(sums["export"] + sums["import"])
    assert data["events"] is None  # a lone trade file has no events table


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--from", "2023-13"], "'2023-13' is not a month"),
        (["--from", "23-01"], "'23-01' is not a month"),
        (["--to", "1999-01"], "--to 1999-01 is outside the data"),
        (["--from", "1999-01"], "--from 1999-01 is outside the data"),
        (["--from", "2023-09", "--to", "2023-01"], "--from 2023-09 is after --to 2023-01"),
        (["--from", "2023-02", "--to", "2023-09"], "inside the combined period Jan–Feb 2023"),
    ],
)
def test_summary_rejects_bad_ranges_with_one_line(
    capsys: pytest.CaptureFixture[str], args: list[str], needle: str
) -> None:
    line = assert_one_error_line(*run(capsys, "summary", *args))
    assert line.startswith("tradetui: error: ")
    assert needle in line


# --- bad input, for every command ------------------------------------------------------------


def bad_inputs(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    """name -> (path, text the error line must contain)."""
    (tmp_path / "empty.csv").write_text("")
    (tmp_path / "columns.csv").write_text("when,amount\n2023-01,1\n")
    (tmp_path / "types.csv").write_text(HEADER + "2023-01,2023-01,CHN,RUS,export,lots,USD bn\n")
    (tmp_path / "negative.csv").write_text(HEADER + "2023-01,2023-01,CHN,RUS,export,-1,USD bn\n")
    (tmp_path / "not_a_dataset").mkdir()
    (tmp_path / "folder.csv").mkdir()
    return {
        "missing": (tmp_path / "nope.csv", "no such file"),
        "not a dataset": (tmp_path / "not_a_dataset", "not a tradetui dataset"),
        "folder named like a file": (tmp_path / "folder.csv", "not a tradetui dataset"),
        "empty": (tmp_path / "empty.csv", "empty"),
        "wrong columns": (tmp_path / "columns.csv", "missing columns"),
        "wrong type": (tmp_path / "types.csv", "column value: found 'lots'"),
        "negative": (tmp_path / "negative.csv", "expected a non-negative number"),
    }


COMMANDS = {
    "summary": lambda p: ["summary", "--data", p],
    "reconcile": lambda p: ["reconcile", "--data", p],
    "global --data": lambda p: ["--data", p, "reconcile"],
    "validate": lambda p: ["validate", p],
}
CASES = [
    "missing",
    "not a dataset",
    "folder named like a file",
    "empty",
    "wrong columns",
    "wrong type",
    "negative",
]


@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize("case", CASES)
def test_bad_dataset_gives_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str, case: str
) -> None:
    path, needle = bad_inputs(tmp_path)[case]
    line = assert_one_error_line(*run(capsys, *COMMANDS[command](str(path))))
    assert path.name in line
    assert needle in line


@pytest.mark.parametrize("command", list(COMMANDS))
def test_unreadable_file_gives_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: str,
) -> None:
    trade = tmp_path / "locked.csv"
    small_trade(trade)
    trade.chmod(0)
    if os.geteuid() == 0:
        # root reads any file regardless of mode, so refuse the read the way the OS would.
        real_open = pathlib.Path.open

        def refuse(self: Path, *args, **kwargs):
            if self == trade:
                raise PermissionError(13, "Permission denied", str(self))
            return real_open(self, *args, **kwargs)

        monkeypatch.setattr(pathlib.Path, "open", refuse)
    line = assert_one_error_line(*run(capsys, *COMMANDS[command](str(trade))))
    assert "locked.csv: cannot be read (Permission denied)" in line


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["summary", "--bogus"], "unrecognized arguments: --bogus"),
        (["frobnicate"], "invalid choice: 'frobnicate'"),
        (["reconcile", "--threshold", "-1"], "argument --threshold: found '-1'"),
        (["reconcile", "--threshold", "abc"], "argument --threshold: found 'abc'"),
        (["reconcile", "--threshold", "nan"], "argument --threshold: found 'nan'"),
        (["summary", "--from"], "argument --from: expected one argument"),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], args: list[str], needle: str
) -> None:
    line = assert_one_error_line(*run(capsys, *args))
    assert line.startswith("tradetui: error: ")
    assert needle in line
    assert "--help" in line


def test_a_data_error_with_several_problems_says_how_many_more(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    trade = tmp_path / "two_bad.csv"
    trade.write_text(
        HEADER
        + "2023-01,2023-01,CHN,RUS,export,x,USD bn\n"
        + "2023-02,2023-02,CHN,RUS,export,y,USD bn\n"
    )
    line = assert_one_error_line(*run(capsys, "summary", "--data", str(trade)))
    assert "line 2, column value: found 'x'" in line
    assert "(and 1 more problem;" in line


# --- validate ---------------------------------------------------------------------------------


def test_validate_prints_one_ok_line_describing_what_was_loaded(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "validate")
    assert code == 0
    assert err == ""
    trade = load_dataset().trade.collect()
    # The OK line, then whether the flows add up (they do in every embedded period).
    _ok, sums = out.splitlines()
    assert sums.startswith("  flows add up: exports + imports = total within their rounding")
    assert out.startswith("OK: ")
    assert f"{trade.height} trade rows" in out
    assert "1 pair (CHN→RUS)" in out
    assert f"periods {trade['period_start'].min()} to {trade['period_end'].max()}" in out


def test_validate_lists_every_period_whose_flows_do_not_add_up(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    rows = [
        # 8.09 + 9.61 = 17.70 against 17.577: 0.123 apart, beyond 3 × 0.05 of rounding.
        ("2025-05", "export", "8.09", "0.05"),
        ("2025-05", "import", "9.61", "0.05"),
        ("2025-05", "total", "17.577", "0.0005"),
        # 9.6 + 11.6 = 21.2 against 21.3: within the rounding of one-decimal figures.
        ("2025-06", "export", "9.6", "0.05"),
        ("2025-06", "import", "11.6", "0.05"),
        ("2025-06", "total", "21.3", "0.05"),
    ]
    trade = tmp_path / "trade.csv"
    trade.write_text(
        "period_start,period_end,reporter,partner,flow,value,unit,precision\n"
        + "".join(f"{p},{p},CHN,RUS,{f},{v},USD bn,{e}\n" for p, f, v, e in rows),
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "validate", str(trade))
    assert code == 0
    lines = out.splitlines()
    assert lines[1] == (
        "  1 of 2 periods do not add up (exports + imports ≠ total beyond their rounding):"
    )
    assert lines[2].startswith("    2025-05 CHN→RUS: exports 8.09 (±0.05) + imports 9.61 (±0.05)")
    assert "against total 17.577 (±0.0005): 0.123 apart, more than the 0.1" in lines[2]
    assert len(lines) == 3


def test_validate_a_lone_trade_file_names_the_tables_it_lacks(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    trade = tmp_path / "trade.csv"
    small_trade(trade)
    code, out, _ = run(capsys, "validate", str(trade))
    assert code == 0
    assert "48 trade rows" in out
    assert "periods 2022-01 to 2023-12" in out
    assert "no events, commodities, published figures" in out


def test_validate_lists_at_most_20_problems_then_a_count(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    trade = tmp_path / "bad.csv"
    trade.write_text(HEADER + "2023-1,23-01,,,sideways,x,USD bn\n" * 12)
    with pytest.raises(DataError) as raised:
        load_dataset(trade)
    problems = raised.value.problems
    assert len(problems) > 20
    code, out, err = run(capsys, "validate", str(trade))
    assert code == 2
    assert out == ""
    lines = err.splitlines()
    assert lines[:20] == problems[:20]
    assert lines[20:] == [f"... and {len(problems) - 20} more"]


# --- reconcile ----------------------------------------------------------------------------


def test_reconcile_lists_every_difference_above_the_threshold(
    capsys: pytest.CaptureFixture[str],
) -> None:
    table = reconcile.reconcile(load_dataset(), 0.2)
    flagged = table.filter("above_threshold")
    code, out, _ = run(capsys, "reconcile")
    assert code == 0
    assert f"{flagged.height} of {table.height} differences exceed 0.2 USD bn:" in out
    for row in flagged.iter_rows(named=True):
        assert f"{row['period_start']} {row['flow']}: derived {row['derived']:.3f}" in out
        assert row["published_url"] in out
    assert "2023-10 import: derived 11.505 vs published 11.100, difference +0.405" in out


def test_reconcile_threshold_changes_what_is_listed(capsys: pytest.CaptureFixture[str]) -> None:
    strict = json.loads(run(capsys, "reconcile", "--threshold", "0.05", "--json")[1])
    loose = json.loads(run(capsys, "reconcile", "--threshold", "0.3", "--json")[1])
    assert strict["compared"] == loose["compared"]
    assert strict["above_threshold"] > loose["above_threshold"]
    assert loose["above_threshold"] == sum(abs(r["difference"]) > 0.3 for r in loose["rows"])


def test_reconcile_json_parses_and_carries_both_sources(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "reconcile", "--json")
    assert code == 0
    data = json.loads(out)
    row = next(r for r in data["rows"] if (r["from"], r["flow"]) == ("2023-10", "import"))
    assert row["derived"] == pytest.approx(11.505)
    assert row["published"] == pytest.approx(11.1)
    assert row["above_threshold"] is True
    assert len(row["derived_sources"]) == 2
    assert all(s["url"].startswith("http") for s in row["derived_sources"])
    assert row["published_source"]["url"].startswith("http")


def test_reconcile_a_file_without_figure_ids(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    trade = tmp_path / "trade.csv"
    trade.write_text(
        "period_start,period_end,reporter,partner,flow,value,unit,method,published_value\n"
        "2023-03,2023-03,CHN,RUS,total,20.0,USD bn,ytd_diff,19.5\n"
    )
    code, out, err = run(capsys, "reconcile", "--data", str(trade))
    assert code == 0, err
    assert "1 of 1 differences exceed 0.2 USD bn:" in out
    assert "2023-03 total: derived 20.000 vs published 19.500, difference +0.500" in out
    assert "(no figure id)" in out


# --- build-data ---------------------------------------------------------------------------


def test_build_data_writes_the_dataset_and_prints_row_counts(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out_dir = tmp_path / "built"
    code, out, err = run(capsys, "build-data", "--out", str(out_dir))
    assert code == 0, err
    for name in ("published_figures.csv", "trade_monthly.csv", "events.csv", "commodities.csv"):
        rows = pl.read_csv(out_dir / name, infer_schema=False).height
        assert [name, str(rows), "rows"] in [line.split() for line in out.splitlines()]
    assert load_dataset(out_dir).trade.collect().height > 0


def test_build_data_without_research_files_explains_and_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli, "_checkout_data", lambda: None)  # as in an installed wheel
    line = assert_one_error_line(*run(capsys, "build-data", "--out", str(tmp_path)))
    assert "pass --research DIR" in line


def test_build_data_from_a_folder_without_research_files_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    line = assert_one_error_line(
        *run(capsys, "build-data", "--research", str(tmp_path), "--out", str(tmp_path / "o"))
    )
    assert "research file not found" in line


# --- the explorer, pipes and failures ----------------------------------------------------------


def fake_app_module() -> types.SimpleNamespace:
    return sys.modules["tradetui.app"]  # type: ignore[return-value]  # the stand-in below


@pytest.fixture
def fake_app(monkeypatch: pytest.MonkeyPatch) -> list:
    """Stand-in for tradetui.app: records make_app calls instead of opening a screen."""
    calls: list = []

    class App:
        return_code = None

        def run(self) -> None:
            calls.append("run")

    def make_app(
        data=None, dataset=None, settings=None, settings_problem=None, pair=None, data_problem=None
    ):
        calls.append(data)
        calls.append("preloaded" if dataset is not None else "not loaded")
        app = App()
        app.settings, app.settings_problem = settings, settings_problem
        app.pair, app.data_problem = pair, data_problem
        module.made = app
        return app

    module = types.SimpleNamespace(make_app=make_app, made=None)
    monkeypatch.setitem(sys.modules, "tradetui.app", module)
    return calls


def test_the_explorer_takes_a_pair_to_show_first(
    capsys: pytest.CaptureFixture[str], fake_app: list
) -> None:
    folder = embedded_dir()
    assert run(capsys, "--data", str(folder), "--reporter", "rus", "--partner", "chn")[0] == 0
    assert sys.modules["tradetui.app"].made.pair == ("RUS", "CHN")
    assert run(capsys, "--data", str(folder))[0] == 0
    assert sys.modules["tradetui.app"].made.pair is None
    code, _, err = run(capsys, "--data", str(folder), "--reporter", "RUS")
    assert code == 2
    assert "give both --reporter and --partner" in err


def test_no_command_opens_the_app(capsys: pytest.CaptureFixture[str], fake_app: list) -> None:
    folder = embedded_dir()
    assert run(capsys, "--data", str(folder))[0] == 0
    # A small dataset is read once, by the check, and handed to the app.
    assert fake_app == [folder, "preloaded", "run"]
    fake_app.clear()
    assert run(capsys)[0] == 0
    assert fake_app == [None, "not loaded", "run"]


def test_the_app_gets_the_config_with_the_options_over_it(
    capsys: pytest.CaptureFixture[str], fake_app: list, tmp_path: Path
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(
        f'theme = "nord"\ndata = "{embedded_dir()}"\n[numbers]\nunit = "mn"\ndecimals = 2\n'
    )
    assert run(capsys, "--config", str(config), "--theme", "gruvbox", "--decimals", "0")[0] == 0
    # The config's dataset, read by the check; the options given win, the others stay.
    assert fake_app == [embedded_dir(), "preloaded", "run"]
    settings = sys.modules["tradetui.app"].made.settings
    assert (settings.theme, settings.unit, settings.decimals) == ("gruvbox", "mn", 0)
    assert settings.path == config


def test_a_bad_config_opens_the_app_with_defaults_and_the_reason(
    capsys: pytest.CaptureFixture[str], fake_app: list, tmp_path: Path
) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[numbers]\nunit = 'kg'\n")
    assert run(capsys, "--config", str(config))[0] == 0
    app = sys.modules["tradetui.app"].made
    assert app.settings.unit == "bn"
    assert app.settings_problem == f"{config}: 'numbers.unit' must be \"bn\" or \"mn\", found 'kg'"


def test_configured_data_that_is_missing_opens_the_embedded_data_and_names_the_setting(
    capsys: pytest.CaptureFixture[str], fake_app: list, tmp_path: Path
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f'data = "{tmp_path / "gone.csv"}"\n')
    code, out, err = run(capsys, "--config", str(config))
    assert (code, out, err, fake_app) == (0, "", "", [None, "not loaded", "run"])
    notice = fake_app_module().made.data_problem
    assert "gone.csv: no such file or directory" in notice
    assert notice.endswith(f"(the 'data' setting in {config}); showing the embedded data")


def test_missing_data_typed_on_the_command_line_still_stops_with_one_line(
    capsys: pytest.CaptureFixture[str], fake_app: list, tmp_path: Path
) -> None:
    code, out, err = run(capsys, "--data", str(tmp_path / "gone.csv"))
    assert (code, out, fake_app) == (2, "", [])
    assert err.count("\n") == 1


def test_big_data_is_checked_by_its_header_and_read_in_the_app(
    capsys: pytest.CaptureFixture[str], fake_app: list, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli, "PRECHECK_BYTES", 10)
    folder = embedded_dir()
    assert run(capsys, "--data", str(folder))[0] == 0
    assert fake_app == [folder, "not loaded", "run"]


def test_big_data_with_a_wrong_header_still_ends_before_the_app(
    capsys: pytest.CaptureFixture[str],
    fake_app: list,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    monkeypatch.setattr(cli, "PRECHECK_BYTES", 10)
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("a,b,c\n1,2,3\n")
    line = assert_one_error_line(*run(capsys, "--data", str(wrong)))
    assert "unknown layout" in line and str(wrong) in line
    assert fake_app == []


def test_no_command_with_a_bad_dataset_exits_2_before_opening_the_app(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, fake_app: list
) -> None:
    line = assert_one_error_line(*run(capsys, "--data", str(tmp_path / "nope")))
    assert "no such file or directory" in line
    assert fake_app == []


def test_a_closed_pipe_ends_quietly(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    class ClosedPipe:
        def write(self, text: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

        def flush(self) -> None:
            raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(sys, "stdout", ClosedPipe())
    code = cli.main(["reconcile"])
    assert code == 1
    assert capsys.readouterr().err == ""


def test_an_unexpected_failure_is_one_line_and_exit_1(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def broken(*args, **kwargs):
        raise RuntimeError("something broke\nsecond line")

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))  # a log on purpose
    monkeypatch.setattr(summary, "summarise", broken)
    code, out, err = run(capsys, "summary")
    assert code == 1
    assert out == ""
    # The details go to a log in the user's state folder; the line says where.
    assert err.startswith("tradetui: unexpected error: RuntimeError: something broke (details in ")
    assert err.count("\n") == 1


def test_plain_tradetui_reaches_the_app_without_importing_polars(tmp_path: Path) -> None:
    # The first frame comes before polars' import (about 0.7 s): the CLI must not pull it
    # in on the way to the app, config file and all.
    config = tmp_path / "config.toml"
    config.write_text('theme = "nord"\n[numbers]\nunit = "mn"\n')
    script = (
        "import sys, types\n"
        "from tradetui import cli\n"
        "class App:\n"
        "    return_code = 0\n"
        "    def run(self):\n"
        "        print('polars' in sys.modules)\n"
        "fake = types.SimpleNamespace(make_app=lambda *a: App())\n"
        "sys.modules['tradetui.app'] = fake\n"
        f"sys.exit(cli.main(['--config', {str(config)!r}]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "False\n", "")


def test_a_command_reading_a_missing_data_setting_names_the_setting(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f'data = "{tmp_path / "gone.csv"}"\n')
    code, out, err = run(capsys, "--config", str(config), "summary")
    assert (code, out) == (2, "")
    assert err.rstrip().endswith(f"no such file or directory (the 'data' setting in {config})")
    config.write_text(f'data = "{embedded_dir()}"\n')
    code, _, err = run(capsys, "--config", str(config), "summary", "--from", "2023-13")
    assert code == 2 and "'2023-13'" in err  # an error about something else
    assert "the 'data' setting" not in err
