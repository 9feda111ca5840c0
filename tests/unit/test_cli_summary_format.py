"""`tradetui summary` writes with the explorer's number format: unit, decimals, minus."""

from __future__ import annotations

import json
import re

import pytest

from cli_runs import run

RANGE = ("summary", "--from", "2023-01", "--to", "2023-09")


def test_summary_follows_unit_and_decimals(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, *RANGE, "--json")
    assert code == 0, err
    data = json.loads(out)
    total, balance = data["flows"]["total"]["value"], data["balance"]["value"]
    assert balance < 0  # China imported more than it exported

    code, out, err = run(capsys, "--unit", "mn", "--decimals", "2", *RANGE)
    assert code == 0, err
    assert "USD mn" in out.splitlines()[0]
    assert "USD bn" not in out
    total_line = next(x for x in out.splitlines() if x.strip().startswith("Total trade"))
    assert f"{total * 1000:,.2f}" in total_line
    balance_line = next(x for x in out.splitlines() if x.strip().startswith("Balance"))
    assert f"−{abs(balance) * 1000:,.2f}" in balance_line  # a true minus, as on screen
    assert f"USD {abs(balance) * 1000:,.2f} mn" in out  # the paragraph's deficit


def test_summary_json_text_is_for_machines(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--unit", "mn", *RANGE, "--json")
    assert code == 0, err
    data = json.loads(out)
    assert not re.search(r"−\d", data["text"])  # figures with an ASCII minus, if any
    assert re.search(r"USD \d+\.\d mn", data["text"])  # and no thousands separators
    assert data["flows"]["total"]["value"] == pytest.approx(176.4, abs=0.15)  # still USD bn
