"""How the bytes of a CSV file that is not UTF-8 are read as text.

A file with a UTF-16 byte order mark is UTF-16. Any other file is read as UTF-8, and each
byte that is not part of a UTF-8 character as Windows-1252: a Latin-1 file then reads as
Windows-1252 throughout (none of its accented letters is valid UTF-8), and a UTF-8 file
with a few Latin-1 bytes keeps its UTF-8. What was found is counted, for the import's note.
"""

from __future__ import annotations

import codecs
import threading
from pathlib import Path

UTF8 = "utf-8"
WINDOWS_1252 = "windows-1252"
UTF16 = "utf-16"
MIXED = "utf-8 and windows-1252"
LATIN1_FALLBACK = "tradetui-latin1"
BYTES_AS_1252 = "tradetui-bytes-as-1252"


def _latin1(error: UnicodeError) -> tuple[str, int]:
    # The five bytes Windows-1252 leaves undefined read as their Latin-1 characters.
    assert isinstance(error, UnicodeDecodeError)
    return error.object[error.start : error.end].decode("latin-1"), error.end


class Found:
    """What decoding a file as UTF-8 met: bytes that were not UTF-8, and the first one."""

    def __init__(self) -> None:
        self.odd_bytes = 0
        self.first: tuple[int, int, int, str] | None = None  # byte offset, line, byte, char
        self.base_offset = 0  # where the decoder's current input starts in the file
        self.base_lines = 0  # newlines before it

    def note(self, error: UnicodeDecodeError, read_as: str) -> None:
        self.odd_bytes += error.end - error.start
        if self.first is None:
            offset = self.base_offset + error.start
            line = self.base_lines + error.object.count(b"\n", 0, error.start) + 1
            self.first = (offset, line, error.object[error.start], read_as[0])


decoding = threading.local()  # the Found of the file this thread is copying


def _bytes_as_1252(error: UnicodeError) -> tuple[str, int]:
    # A byte that is not UTF-8 reads as Windows-1252: a Latin-1 byte in a UTF-8 file is
    # one accented letter, and the UTF-8 around it stays as written.
    assert isinstance(error, UnicodeDecodeError)
    text = error.object[error.start : error.end].decode("cp1252", errors=LATIN1_FALLBACK)
    found = getattr(decoding, "found", None)
    if found is not None:
        found.note(error, text)
    return text, error.end


codecs.register_error(LATIN1_FALLBACK, _latin1)
codecs.register_error(BYTES_AS_1252, _bytes_as_1252)


def sniff_codec(path: Path) -> str:
    """UTF16 or WINDOWS_1252: the reading of a file that is not UTF-8."""
    with path.open("rb") as handle:
        head = handle.read(2)
    # A byte order mark of UTF-16 (e.g. Excel's "Unicode text"); any other file that is
    # not UTF-8 is read as UTF-8 with its other bytes as Windows-1252 (see _bytes_as_1252).
    return UTF16 if head in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE) else WINDOWS_1252


def note_on(encoding: str, found: Found) -> str | None:
    """How a file that was not plain UTF-8 was read, for the import's notes."""
    if encoding == UTF16:
        return "UTF-16 text (it starts with a byte order mark), read as UTF-16"
    if encoding == WINDOWS_1252:
        return "not UTF-8 text, read as Windows-1252 (Latin-1 with €, curly quotes, dashes)"
    if found.first is None:
        return None
    offset, line, byte, char = found.first
    where = f"line {line:,}, byte {offset + 1:,}: 0x{byte:02x}"
    if found.odd_bytes == 1:
        some, first, read = "1 byte that is", where, f"it was read as Windows-1252 ({char!r})"
    else:
        some, first = f"{found.odd_bytes:,} bytes that are", f"the first at {where}"
        read = f"those were read as Windows-1252 (the first as {char!r})"
    return f"UTF-8 text but for {some} not UTF-8 ({first}); {read}, the rest as UTF-8"
