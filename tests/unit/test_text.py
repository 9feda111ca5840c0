"""visible(): control characters from data shown as marks, every other character kept."""

from __future__ import annotations

import json

import pytest

from tradetui.data.text import json_visible, visible


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\x1b[2J clear", "␛[2J clear"),
        ("bell\x07 nul\x00 cr\r", "bell␇ nul␀ cr␍"),
        ("tab\there", "tab␉here"),
        ("two\nlines", "two␊lines"),
        ("crlf\r\nend", "crlf␍␊end"),
        ("del\x7f", "del␡"),
        ("unit\x1fsep", "unit␟sep"),
        ("c1 \x85 and \x9b2J", "c1 \\x85 and \\x9b2J"),
        ("abc\u202eevil", "abc<U+202E>evil"),
        ("\u2066isolated\u2069", "<U+2066>isolated<U+2069>"),
        ("line\u2028sep", "line<U+2028>sep"),
        ("bad byte \udcff", "bad byte \\xff"),
    ],
)
def test_controls_become_marks(raw: str, shown: str) -> None:
    assert visible(raw) == shown


@pytest.mark.parametrize(
    "text",
    [
        "[bold]x[/bold]",
        "[link=https://example.com]x[/link]",
        "unbalanced [/] close",
        "تجارة",
        "סחר",
        "🚢📦",
        "👩\u200d👩\u200d👧",  # a ZWJ emoji sequence: the joiner is not a control
        "non\u00a0breaking",
        "Türkiye – 中国 · Россия",
        "",
    ],
)
def test_printable_text_is_unchanged(text: str) -> None:
    assert visible(text) == text


def test_none_is_empty() -> None:
    assert visible(None) == ""


def test_newlines_kept_when_asked() -> None:
    assert visible("a\nb\r\nc\rd\x1b", newlines=True) == "a\nb\nc␍d␛"


def test_long_text_keeps_its_length() -> None:
    title = "x" * 9_999 + "\x1b"
    shown = visible(title)
    assert len(shown) == 10_000 and shown.endswith("␛")


def test_result_has_no_control_character_and_is_stable() -> None:
    every = "".join(chr(c) for c in range(0x00, 0xA0)) + "\u202a\u202e\u2066\u2069"
    shown = visible(every)
    assert all(ch.isprintable() or ch == " " for ch in shown)
    # Marks are printable, so marking twice changes nothing.
    assert visible(shown) == shown


def test_json_visible_escapes_what_visible_marks_and_keeps_the_value() -> None:
    value = {"title": "a\x1b[2J \x85 \x7f \u202eb \u2028 🚢 تجارة"}
    dumped = json_visible(json.dumps(value, ensure_ascii=False))
    assert all(ch.isprintable() for ch in dumped)
    assert "🚢 تجارة" in dumped
    assert json.loads(dumped) == value
