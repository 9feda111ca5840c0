"""`tradetui check --article`: the article marked in place, one entry per claim, exit codes."""

from __future__ import annotations

import io
import json
import tomllib
from pathlib import Path

import pytest

from cli_runs import assert_one_error_line, run
from tradetui.data import claims

ARTICLES = Path(__file__).resolve().parents[1] / "data" / "articles"
NINE_MONTHS = str(ARTICLES / "nine_months_2023.txt")


def test_article_marked_in_place_and_judged(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "check", "--article", NINE_MONTHS)
    assert code == 1 and err == ""  # one claim states the wrong direction
    assert "grew [29.5%]{2 ✓} to [$176.4 billion]{3 ✓}" in out
    assert "worth [81.4 billion dollars]{8 ⇄}" in out
    assert "read as: China's imports from Russia, Jan–Sep 2023, value, stated 81.4 USD bn" in out
    assert (
        "why: 81.4 USD bn is China's exports to Russia (81.400 USD bn), not China's imports "
        "from Russia (94.900 USD bn)" in out
    )
    assert "published g0344 (176.400 USD bn): https://" in out
    assert "'25%': a forecast or target, not a figure the data holds" in out
    assert out.rstrip().endswith("8 claims: 7 consistent, 1 direction-swapped")


def test_every_claim_holding_exits_0(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("In 2025, trade between China and Russia fell 6.9% to $228.1 billion.\n")
    code, out, _ = run(capsys, "check", "--article", str(article))
    assert code == 0 and out.rstrip().endswith("2 claims: 2 consistent")


def test_inconsistent_figure_says_why_it_is_not_a_rounding(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    article = tmp_path / "a.md"
    article.write_text(
        "Trade in the first three quarters of 2023 climbed to 176.5 billion dollars."
    )
    code, out, _ = run(capsys, "check", "--article", str(article))
    assert code == 1
    assert (
        "why: 176.5 stands for 176.45 to 176.55; the data gives 176.400 USD bn, which rounds "
        "to 176.4, so 176.5 is not a rounding of it" in out
    )


def test_json_has_offsets_into_the_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "--article", NINE_MONTHS, "--json")
    document = json.loads(out)
    assert code == 1 and document["published"] == "2023-10-13"
    text = document["text"]
    for entry in document["claims"]:
        assert text[entry["start"] : entry["end"]] == entry["figure"]
        sentence = entry["sentence"]
        assert text[sentence["start"] : sentence["end"]] == sentence["text"]
        assert entry["verdict"] in claims.VERDICTS
    for item in document["skipped"]:
        assert text[item["start"] : item["end"]] == item["text"] and item["reason"]
    swapped = [e for e in document["claims"] if e["verdict"] == "direction-swapped"]
    assert [(e["figure"], e["reading"]["flow"]) for e in swapped] == [
        ("81.4 billion dollars", "RUS->CHN")
    ]


def test_standard_input_and_published_date(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "China's trade with Russia reached a record $240.11 billion last year."
    monkeypatch.setattr("sys.stdin", io.StringIO(text))
    code, out, _ = run(capsys, "check", "--article", "-", "--published", "2024-01-13")
    assert code == 0
    assert "article date: 2024-01-13 (from --published)" in out
    assert "read as: China–Russia trade, 2023, value, stated 240.11 USD bn" in out


def test_undated_relative_period_is_not_checkable(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("Trade reached $240.11 billion last year."))
    code, out, _ = run(capsys, "check", "--article", "-")
    assert code == 1
    assert "not-checkable" in out and "pass --published YYYY-MM-DD" in out


def test_claims_out_round_trips_through_check(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out_file = tmp_path / "read.toml"
    code, out, _ = run(
        capsys, "check", "--article", str(ARTICLES / "record_year_2023.md"),
        "--published", "2024-01-13", "--claims-out", str(out_file),
    )  # fmt: skip
    assert code == 1 and f"claims as read written to {out_file}" in out
    tables = tomllib.loads(out_file.read_text(encoding="utf-8"))["claim"]
    assert {"flow": "balance", "sign": "negative", "period": "2023-01..2023-12"}.items() <= tables[
        5
    ].items()
    assert tables[4]["bound"] == "nearly" and tables[4]["flow"] == "CHN->RUS"
    code, again, _ = run(capsys, "check", str(out_file))
    assert code == 1 and "7 claims: 5 consistent, 1 direction-swapped, 1 inconsistent" in again
    # An existing file is never replaced without --force.
    code, out, err = run(capsys, "check", "--article", NINE_MONTHS, "--claims-out", str(out_file))
    assert "pass --force" in assert_one_error_line(code, out, err)
    code, _, _ = run(
        capsys, "check", "--article", NINE_MONTHS, "--claims-out", str(out_file), "--force"
    )
    assert code == 1 and "176.4" in out_file.read_text(encoding="utf-8")
    assert not list(tmp_path.glob(".*.tmp"))


def test_saved_web_page(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "--article", str(ARTICLES / "first_half_2022.html"))
    assert "article date: 2022-07-14 (from the article)" in out
    assert "Top 10 stories" not in out and code in (0, 1)
    assert out.rstrip().endswith("6 claims: 6 consistent") and code == 0


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--article", "missing.txt"], "missing.txt: no such file or directory"),
        (["--article", NINE_MONTHS, "--published", "13/10/2023"], "expected the article's date"),
        (["--article", NINE_MONTHS, "claims.toml"], "give either claims files or --article"),
        (["--article", NINE_MONTHS, "--claims-out", "out.csv"], "expected a name ending in .toml"),
        (
            ["--summary", "--published", "2024-01-01"],
            "--published, --summary only go with --article",
        ),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], args: list[str], expected: str
) -> None:
    code, out, err = run(capsys, "check", *args)
    assert expected in assert_one_error_line(code, out, err)


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("a.pdf", b"%PDF-1.4", "unknown article type '.pdf'"),
        ("a.txt", b"\x00\x01\x02", "binary data"),
        ("a.txt", b"\xff\xfe\xfa", "not UTF-8 text"),
        ("a.txt", b"   \n", "no article text"),
        ("a.html", b"<html><body></body></html>", "no article text"),
    ],
)
def test_bad_article_files(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, content: bytes, expected: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    code, out, err = run(capsys, "check", "--article", str(path))
    assert expected in assert_one_error_line(code, out, err)


def test_control_characters_in_the_article_are_shown_as_marks(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("In 2025 trade fell 6.9%.\x1b[2J Done."))
    code, out, _ = run(capsys, "check", "--article", "-")
    assert "\x1b" not in out and "␛[2J" in out and code == 0


def test_summary_brief_with_corrections(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "--article", NINE_MONTHS, "--summary")
    assert code == 1
    assert "In January–September 2023, China–Russia trade totalled USD 176.4 bn" in out
    assert "What the article gets wrong:" in out
    assert (
        "- the 81.4 billion dollars (Jan–Sep 2023) is China's exports to Russia, not China's "
        "imports from Russia" in out
    )
    code, out, _ = run(capsys, "check", "--article", NINE_MONTHS, "--summary", "--json")
    summary = json.loads(out)["summary"]
    assert summary["period"] == ["2023-01", "2023-09"] and len(summary["corrections"]) == 1


def test_summary_of_an_article_that_holds(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    article = tmp_path / "a.txt"
    article.write_text("In 2025, trade between China and Russia fell 6.9% to $228.1 billion.\n")
    code, out, _ = run(capsys, "check", "--article", str(article), "--summary")
    assert code == 0 and out.rstrip().endswith("Every figure checked holds.")
    assert "In 2025, China–Russia trade totalled" in out


def test_a_record_is_checked_as_one(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("In 2022, trade between China and Russia hit a record $190.27 billion.\n")
    code, out, _ = run(
        capsys, "check", "--article", str(article), "--claims-out", str(tmp_path / "c.toml")
    )
    assert "stated 190.27 USD bn, a record" in out
    assert tomllib.loads((tmp_path / "c.toml").read_text(encoding="utf-8"))["claim"][0]["record"]
    assert code in (0, 1) and "record" in out.split("why:")[1]


def test_yuan_and_month_on_month_claims_are_judged(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    text = (
        "In the January-October period of 2025, overall China-Russia trade fell 8.7% to 1.31 "
        "trillion yuan. In August 2024, trade between the two countries decreased by 10.1% "
        "compared to July."
    )
    monkeypatch.setattr("sys.stdin", io.StringIO(text))
    code, out, _ = run(capsys, "check", "--article", "-", "--json")
    verdicts = [(c["figure"], c["verdict"]) for c in json.loads(out)["claims"]]
    # GACC's yuan figures hold; August 2024 rose on July (TASS wrote "decreased").
    assert verdicts == [
        ("8.7%", "consistent"),
        ("1.31 trillion yuan", "consistent"),
        ("10.1%", "inconsistent"),
    ]
    assert code == 1


def test_on_a_terminal_claims_are_coloured_and_the_text_stays_literal() -> None:
    from tradetui import article_cli
    from tradetui.data.article import reader, source, verdicts
    from tradetui.data.load import load_dataset

    text = "In 2025, trade fell 6.9%.\x1b[2J Trade reached $300 billion in 2025."
    read = reader.read(source.from_text("t", text), ("CHN", "RUS"))
    shown = article_cli.coloured_text(text, verdicts.check_article(read, load_dataset(None)))
    assert "\x1b[4;32m6.9%\x1b[0m" in shown  # consistent: green
    assert "\x1b[4;31m$300 billion\x1b[0m" in shown  # inconsistent: red
    assert "␛[2J" in shown and "\x1b[2J" not in shown


def test_claims_out_keeps_an_unresolved_reading_as_a_comment(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    text = 'Trade rose 26.3% last year.\nIn 2025, trade fell 6.9% to "$228.1 billion".'
    monkeypatch.setattr("sys.stdin", io.StringIO(text))
    out_file = tmp_path / "read.toml"
    run(capsys, "check", "--article", "-", "--claims-out", str(out_file))
    written = out_file.read_text(encoding="utf-8")
    assert "# not checkable as read: the year of 'last year' cannot be told" in written
    tables = tomllib.loads(written)["claim"]
    assert [t["text"] for t in tables] == ['In 2025, trade fell 6.9% to "$228.1 billion".'] * 2
    code, out, _ = run(capsys, "check", str(out_file))
    assert code == 0 and "2 claims: 2 consistent" in out
