"""Sentences of a text with their character offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A full stop ends a sentence unless it follows one of these (or a single capital: "U.S.").
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "st", "no", "vs", "etc", "inc", "ltd", "co", "corp",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "approx", "est", "bln", "mln", "bn", "mn", "u.s", "e.g", "i.e",
}  # fmt: skip
# An ellipsis ("In March alone ... Russia exported") marks words left out, not an end.
_END = re.compile(r"(?:[!?]+|(?<!\.)\.(?!\.))[\"'”’)]*(?=\s+[\"'“‘(]?[A-Z0-9$£€])")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int  # index of its paragraph (blocks between blank lines or line breaks)


def split(text: str) -> list[Sentence]:
    """Sentences in order; a line break always ends one (headlines, list items)."""
    out: list[Sentence] = []
    paragraph = 0
    offset = 0
    for line in text.split("\n"):
        line_start = offset
        offset += len(line) + 1
        if not line.strip():
            paragraph += 1
            continue
        begin = 0
        for match in _END.finditer(line):
            before = line[begin : match.start()].split()
            word = before[-1].lower().rstrip(".") if before else ""
            if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                continue
            _add(out, line, line_start, begin, match.end(), paragraph)
            begin = match.end()
        _add(out, line, line_start, begin, len(line), paragraph)
        paragraph += 1
    return out


def _add(out: list[Sentence], line: str, base: int, begin: int, end: int, paragraph: int) -> None:
    piece = line[begin:end]
    lead = len(piece) - len(piece.lstrip())
    piece = piece.strip()
    if piece:
        start = base + begin + lead
        out.append(Sentence(start, start + len(piece), piece, paragraph))
