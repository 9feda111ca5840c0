"""`tradetui check`: claims files in, verdicts out, exit codes 0 / 1 / 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli_runs import run
from tradetui.data import claims

GOOD = """
[[claim]]
text = "China-Russia trade in January-September 2023 grew 29.5% to $176.4 billion"
source = "https://example.org/a"
period = "2023-01..2023-09"
flow = "total"
metric = "value"
value = 176.4
unit = "USD bn"
"""

SWAPPED = """
[[claim]]
text = "China imported goods worth nearly 81.4 billion to Russia"
period = "2023-01..2023-09"
flow = "RUS->CHN"
metric = "value"
value = 81.4
unit = "USD bn"
approx = true
"""

JSON_KEYS = [
    "file",
    "index",
    "text",
    "source",
    "period",
    "from",
    "to",
    "flow",
    "metric",
    "unit",
    "approx",
    "bound",
    "sign",
    "share_of",
    "currency",
    "record",
    "stated",
    "stated_low",
    "stated_high",
    "tolerance",
    "computed",
    "computed_low",
    "computed_high",
    "difference",
    "basis",
    "figure",
    "published_figure",
    "published_value",
    "published_url",
    "verdict",
    "opposite_flow",
    "opposite_value",
    "notes",
    "reason",
]


def write(tmp_path: Path, text: str, name: str = "claims.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return path


def test_all_consistent_exits_0_and_prints_figures_and_verdict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "check", str(write(tmp_path, GOOD)))
    assert (code, err) == (0, "")
    assert "1. consistent  (2023-01..2023-09, total, value)" in out
    assert "China-Russia trade in January-September 2023 grew 29.5% to $176.4 billion" in out
    assert "stated 176.4 USD bn ±0.05   data 176.400 USD bn   difference 0.000 USD bn" in out
    assert "source: https://example.org/a" in out
    assert out.rstrip().endswith("1 claim: 1 consistent")


def test_any_claim_not_consistent_exits_1_and_names_the_other_flow(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "check", str(write(tmp_path, GOOD + SWAPPED)))
    assert (code, err) == (1, "")
    assert "2. direction-swapped" in out
    assert "consistent with CHN->RUS (81.400 USD bn)" in out
    assert out.rstrip().endswith("2 claims: 1 consistent, 1 direction-swapped")


def test_several_files_are_read_in_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = write(tmp_path, GOOD, "a.toml"), write(tmp_path, SWAPPED, "b.toml")
    code, out, _ = run(capsys, "check", "--json", str(first), str(second))
    assert code == 1
    rows = json.loads(out)
    assert [(r["file"], r["index"], r["verdict"]) for r in rows] == [
        (str(first), 1, "consistent"),
        (str(second), 1, "direction-swapped"),
    ]


def test_json_is_a_list_of_objects_with_the_documented_keys(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "check", "--json", str(write(tmp_path, GOOD + SWAPPED)))
    assert code == 1
    rows = json.loads(out)
    assert [list(row) for row in rows] == [JSON_KEYS, JSON_KEYS]
    swapped = rows[1]
    assert swapped["verdict"] == "direction-swapped"
    assert swapped["computed"] == pytest.approx(94.9)
    assert swapped["opposite_flow"] == "CHN->RUS"
    assert swapped["opposite_value"] == pytest.approx(81.4)
    assert swapped["source"] is None
    assert swapped["tolerance"] == pytest.approx(0.02 * 81.4)
    assert (swapped["bound"], swapped["approx"]) == ("about", True)
    assert swapped["published_figure"] == "g0346"  # China's exports, Jan–Sep 2023
    assert swapped["published_url"].startswith("https://")


def test_default_checks_the_shipped_claims_and_exits_1(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "check", "--json")
    assert (code, err) == (1, "")
    rows = json.loads(out)
    shipped = [c for f in claims.claim_files() for c in claims.read_claims(f)]
    assert len(rows) == len(shipped)
    verdicts = {r["verdict"] for r in rows}
    assert verdicts == set(claims.VERDICTS) - {claims.NOT_CHECKABLE}
    growth = [r for r in rows if r["metric"] == "yoy_pct" and r["computed"] is not None]
    assert {r["basis"] for r in growth} == {"published", "computed"}
    computed = [r for r in growth if r["basis"] == "computed"]
    assert all(r["computed_low"] <= r["computed"] <= r["computed_high"] for r in computed)
    # Every verdict on a figure GACC published names that figure and its page.
    levels = [r for r in rows if r["metric"] == "value" and r["basis"] == "data"]
    assert all(r["published_url"].startswith("http") for r in levels if r["published_figure"])


def test_text_says_which_growth_rate_was_used(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check")
    assert code == 1
    assert "data 29.50% (published, g0344)   difference 0.00 pp" in out
    assert "data 114.37% (computed, " in out
    assert "published: g0344 (+29.5%): https://en.sputniknews.africa/" in out
    assert "note: not in the data for RUS->CHN itself: no RUS->CHN figure for Mar 2024" in out


def test_a_folder_means_its_toml_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path, GOOD, "one.toml")
    write(tmp_path, GOOD, "two.toml")
    code, out, _ = run(capsys, "check", "--json", str(tmp_path))
    assert code == 0
    assert [Path(r["file"]).name for r in json.loads(out)] == ["one.toml", "two.toml"]


def test_data_option_points_the_check_at_another_dataset(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    trade = write(
        tmp_path,
        "period_start,period_end,reporter,partner,flow,value,unit\n"
        "2023-09,2023-09,CHN,RUS,total,21.3,USD bn\n",
        "trade.csv",
    )
    claim = GOOD.replace("2023-01..2023-09", "2023-09").replace("176.4", "21.3")
    exports = claim.replace('flow = "total"', 'flow = "CHN->RUS"')
    code, out, _ = run(
        capsys, "check", "--data", str(trade), "--json", str(write(tmp_path, claim + exports))
    )
    assert code == 1
    rows = json.loads(out)
    assert [r["verdict"] for r in rows] == ["consistent", "not-checkable"]
    assert rows[1]["reason"] == "no CHN->RUS figure for Sep 2023"


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (lambda t: t.replace('unit = "USD bn"\n', ""), "missing field 'unit'"),
        (
            lambda t: t.replace('unit = "USD bn"', 'unit = "pct"'),
            "field unit: 'pct' does not match metric value",
        ),
        (lambda t: t.replace('unit = "USD bn"', 'unit = "EUR"'), "field unit: unknown unit"),
        (lambda t: t.replace("value = 176.4", 'value = "176.4"'), "field value: found a string"),
        (lambda t: t.replace('"total"', '"exports"'), "field flow: unknown flow 'exports'"),
        (lambda t: t.replace('"total"', '"CHN->USA"'), "field flow: 'CHN->USA' is not a"),
        (lambda t: t.replace('"value"', '"growth"'), "field metric: unknown metric 'growth'"),
        (lambda t: t.replace("2023-01..2023-09", "2023-1..2023-9"), "field period: found"),
        (lambda t: t.replace("value = 176.4", "value = 176.4.4"), "not valid TOML"),
    ],
)
def test_a_bad_claims_file_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], edit, expected: str
) -> None:
    path = write(tmp_path, edit(GOOD))
    code, out, err = run(capsys, "check", str(path))
    assert (code, out) == (2, "")
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(f"tradetui: error: {path}: ")
    assert expected in lines[0]
    if "TOML" in expected:
        assert "line 8" in lines[0]
    else:
        assert 'claim 1 ("China-Russia trade in January-September 2023…")' in lines[0]


def test_a_missing_file_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "check", str(tmp_path / "nope.toml"))
    assert (code, out) == (2, "")
    assert err.strip() == f"tradetui: error: {tmp_path / 'nope.toml'}: no such file or directory"


def test_check_has_help_with_examples(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "--help")
    assert code == 0
    assert out.startswith("usage: tradetui check")
    assert "examples:" in out
    assert "not-checkable" in out
