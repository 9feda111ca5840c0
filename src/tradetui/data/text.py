"""Text from data, made safe to show: control characters become visible, nothing else changes.

A data file can hold anything in a cell: an ANSI escape that would clear the terminal, a
NUL, a carriage return that would overwrite the start of the line, a right-to-left
override that would reverse the rest of it. :func:`visible` is the one place where such
characters are turned into printable marks, for the explorer and the CLI alike. Letters of
any script (Arabic, Hebrew, …), emoji and markup-like text such as ``[bold]`` stay as they
are; keeping markup literal is the renderer's job (``rich.text.Text``, never markup).
"""

from __future__ import annotations

import json
import math
import re

# Bidi embeddings, overrides and isolates: shown as marks so they cannot reorder a line.
_BIDI = (*range(0x202A, 0x202F), *range(0x2066, 0x206A))
# Line and paragraph separators: a terminal or a splitlines() would break the line on them.
_SEPARATORS = (0x2028, 0x2029)


def _marks() -> dict[int, str]:
    marks = {code: chr(0x2400 + code) for code in range(0x20)}  # ␀ … ␟, ␛ for ESC
    marks[0x7F] = "\u2421"  # ␡
    marks.update({code: f"\\x{code:02x}" for code in range(0x80, 0xA0)})  # C1 controls
    marks.update({code: f"<U+{code:04X}>" for code in (*_BIDI, *_SEPARATORS)})
    # Lone surrogates: a byte that was not UTF-8 (a file name read with surrogateescape)
    # shows as that byte; any other surrogate by its code. Unmarked, they cannot be printed.
    marks.update({code: f"<U+{code:04X}>" for code in range(0xD800, 0xE000)})
    marks.update({code: f"\\x{code - 0xDC00:02x}" for code in range(0xDC80, 0xDD00)})
    return marks


_SINGLE_LINE = _marks()
_MULTI_LINE = {code: mark for code, mark in _SINGLE_LINE.items() if code != 0x0A}


def visible(text: str | None, *, newlines: bool = False) -> str:
    """``text`` with every control character shown as a printable mark.

    - C0 controls (ESC, NUL, BEL, CR, TAB, LF, …) become their Unicode control pictures
      (U+2400 + code: ``\\x1b[2J`` shows as ``␛[2J``); DEL becomes ``␡``.
    - C1 controls (U+0080–U+009F) become ``\\x85``-style escapes.
    - Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) and the line
      and paragraph separators (U+2028, U+2029) become ``<U+202E>``-style marks.
    - Everything else, right-to-left letters and emoji included, is kept as it is.

    By default the result is one line: a newline shows as ``␊``. With ``newlines=True``
    (multi-line places such as an event's summary in a detail pane) line feeds are kept and
    a CRLF counts as one line feed; a lone CR still shows as ``␍``. None gives ''.
    """
    if not text:
        return ""
    if text.isprintable():  # the common case: nothing to mark
        return text
    if newlines:
        return text.replace("\r\n", "\n").translate(_MULTI_LINE)
    return text.translate(_SINGLE_LINE)


# What visible() marks and json.dumps(ensure_ascii=False) leaves raw (it escapes C0 only).
_JSON_RAW = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff]")


def json_visible(dumped: str) -> str:
    """JSON text (from ``json.dumps(..., ensure_ascii=False)``) with the characters that
    :func:`visible` would mark written as ``\\uXXXX`` escapes: the same JSON value, safe to
    print, and the data itself is not changed."""
    return _JSON_RAW.sub(lambda found: f"\\u{ord(found.group()):04x}", dumped)


def finite(value: object) -> object:
    """``value`` (dicts, lists and numbers as json.dumps takes them) with every infinite or
    NaN float as None: JSON has no such numbers, and a growth rate over a base of almost
    nothing is not known rather than infinite."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {key: finite(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [finite(item) for item in value]
    return value


def json_text(value: object) -> str:
    """``value`` as indented JSON that every parser reads (no Infinity or NaN, see
    :func:`finite`) and that is safe to print (:func:`json_visible`)."""
    dumped = json.dumps(finite(value), ensure_ascii=False, indent=2, allow_nan=False)
    return json_visible(dumped)
