"""Numbers of a sentence that are no trade figure, each with the reason it is skipped."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tradetui.data.article import figures, sentences, when

QUANTITY = re.compile(
    r"^\s?(?:million\s|billion\s|thousand\s)?(?P<u>tonnes|tons|tonne|ton|t|barrels|bpd|"
    r"cubic\smet(?:re|er)s|bcm|m3|kilomet(?:re|er)s|km|miles|units|cars|vehicles|people|"
    r"containers|trains|flights|companies|times|days|years|hours|visits?|agreements|documents)\b",
    re.IGNORECASE,
)
_DATE = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s(?P<d>\d{1,2})(?:st|nd|rd|"
    r"th)?\b|\b(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s(?:of\s)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|"
    r"Sep|Oct|Nov|Dec)[a-z]*\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b"
)
_RANK = re.compile(r"(?:\bNo\.\s?|#|\branked\s|\brank\s|\bplace\s)$", re.IGNORECASE)


@dataclass(frozen=True)
class Skipped:
    """A number (or a stretch of page) that is not judged, and why; offsets in the article."""

    start: int
    end: int
    text: str
    reason: str


def skip(
    sentence: sentences.Sentence,
    used: list[tuple[int, int]],
    periods: list[when.Mention],
) -> list[Skipped]:
    """The sentence's numbers outside the spans ``used`` by figures, with their reasons."""
    out: list[Skipped] = []
    text = sentence.text
    dates = [m.span() for m in _DATE.finditer(text)]
    for match in figures.NUMBER_TOKEN.finditer(text):
        start, end = match.span()
        if any(a <= start < b for a, b in used):
            continue
        token = match.group(0)
        if any(a <= start < b for a, b in dates):
            reason = "a date"
        elif _RANK.search(text[max(0, start - 8) : start]) or re.search(r"(?:st|nd|rd|th)$", token):
            reason = "a rank or ordinal"
        elif quantity := QUANTITY.match(text[end : end + 30]):
            reason = f"a quantity in {quantity.group('u').lower()}, not a sum of money"
        elif re.fullmatch(r"(?:19|20)\d{2}", token):
            inside = [p for p in periods if p.start <= start < p.end]
            reason = f"a year (in {inside[0].text!r})" if inside else "a year"
        elif any(p.start <= start < p.end for p in periods):
            reason = "part of a period"
        else:
            reason = "a number that is not a trade figure"
        out.append(Skipped(sentence.start + start, sentence.start + end, token, reason))
    return out
