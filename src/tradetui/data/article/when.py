"""Periods written in a sentence, resolved to months against the article's date.

A month or range without a year is the latest one that ends before the article's date;
without a date, the year last named earlier in the article; else unknown. A period
introduced as a comparison ("compared with 2021", "from June") is a base, not the
period a figure is for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_MONTH_WORDS = (
    ("January", "Jan"), ("February", "Feb"), ("March", "Mar"), ("April", "Apr"), ("May", "May"),
    ("June", "Jun"), ("July", "Jul"), ("August", "Aug"), ("September", "Sept|Sep"),
    ("October", "Oct"), ("November", "Nov"), ("December", "Dec"),
)  # fmt: skip
_MONTH = "|".join(f"{full}|(?:{short})\\.?(?![a-z])" for full, short in _MONTH_WORDS)
_COUNT = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
_ORDINAL = {"first": 1, "1st": 1, "i": 1, "second": 2, "2nd": 2, "ii": 2, "third": 3,
            "3rd": 3, "iii": 3, "fourth": 4, "4th": 4, "iv": 4, "final": 4, "last": 4}  # fmt: skip
_YEAR = r"(?:19|20)\d{2}"
_OF_YEAR = (
    rf"(?:,?\s(?:of\s|in\s)?(?:the\s)?(?P<year>{_YEAR}|this\syear|last\syear|the\scurrent\syear"
    r"|the\syear|the\sprevious\syear))?"
)
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.IGNORECASE if kind not in ("range", "month") else 0))
    for kind, pattern in (
        (
            "range",
            rf"(?:[Ff]rom\s|[Bb]etween\s)?(?P<m1>{_MONTH})\s?(?:-|–|—|to|through|thru|and|until)"
            rf"\s?(?P<m2>{_MONTH})(?:\speriod)?" + _OF_YEAR,
        ),
        (
            "quarters",
            r"(?:the\s)?first\s(?P<n>two|three|2|3)\squarters" + _OF_YEAR,
        ),
        (
            "quarter",
            r"(?:the\s)?\b(?P<o>first|second|third|fourth|final|last|1st|2nd|3rd|4th|IV|III|II|I)"
            r"\squarter" + _OF_YEAR,
        ),
        ("q", rf"\b(?:Q(?P<o>[1-4])|(?P<o2>[1-4])Q)(?:\s(?P<year>{_YEAR}))?\b"),
        (
            "half",
            r"(?:the\s)?(?P<o>first|second)\shalf" + _OF_YEAR,
        ),
        ("h", rf"\b(?:H(?P<o>[12])|(?P<o2>[12])H)(?:\s(?P<year>{_YEAR}))?\b"),
        (
            "months",
            r"(?:the\s)?(?:(?P<first>first)\s)?(?P<n>\d{1,2}|two|three|four|five|six|seven|"
            r"eight|nine|ten|eleven|twelve)(?:\s|-)months?(?!\s(?:ago|in\sa\srow|later|earlier|"
            r"before|after|of\sdecline|of\sgrowth|decline|growth|high|low|streak|run|lows?|highs?))"
            + _OF_YEAR,
        ),
        (
            "ytd",
            r"year[\s-]to[\s-]date|so\sfar\sthis\syear|since\sthe\s(?:start|beginning)\sof\s"
            r"(?:the|this)\syear|since\sJanuary(?:\s(?:19|20)\d{2})?",
        ),
        ("lastmonth", r"\blast\smonth\b|\bthe\sprevious\smonth\b|\ba\smonth\searlier\b"),
        ("lastyear", r"\blast\syear\b|\bthe\sprevious\syear\b|\ba\syear\s(?:earlier|ago|before)\b"),
        ("thisyear", r"\bthis\syear\b|\bthe\scurrent\syear\b"),
        (
            "month",
            rf"(?<![\w-])(?P<m1>{_MONTH})(?!\s\d{{1,2}}(?:st|nd|rd|th)?\b(?!\s?%|\.\d))"
            rf"(?:,?\s(?:of\s)?(?P<year>{_YEAR}))?",
        ),
        ("year", rf"(?<![\w$.,-])(?P<year>{_YEAR})(?![\w%-]|[.,]\d|\s?(?:bn|billion|million))"),
    )
)
_BASE = re.compile(
    r"(?:compared\s(?:to|with)|than(?:\sin)?|from|against|versus|vs\.?|relative\sto|since|"
    r"same\s(?:period|month|months|time)\s(?:of|in|last))\s(?:the\s)?(?:same\s(?:period|month)"
    r"\s(?:of|in)\s)?$"
    # "in comparison to the volume reached in 2017": a few words between, no figure.
    r"|(?:compared\s(?:to|with)|in\scomparison\s(?:to|with))(?:\s[^\s\d$%,;]+){1,5}\s$",
    re.IGNORECASE,
)


_DATE_BEFORE = re.compile(
    rf"(?:\b(?:{_MONTH})\s\d{{1,2}}(?:st|nd|rd|th)?,?|\b\d{{1,2}}(?:st|nd|rd|th)?\s(?:{_MONTH}),?)\s$"
)


@dataclass(frozen=True)
class Mention:
    start: int  # in the sentence
    end: int
    text: str
    first: str | None  # YYYY-MM, None when the year cannot be told
    last: str | None
    base: bool  # a comparison base, not the period of a figure
    kind: str  # month, range, year, ytd, ...
    year: int | None  # the year written in it, if any


@dataclass
class Context:
    """What earlier text and the article's date tell about years."""

    published: date | None
    year: int | None = None  # the year last written in the article


def _month_number(word: str) -> int:
    word = word.rstrip(".").lower()
    for number, (full, _short) in enumerate(_MONTH_WORDS, start=1):
        if full.lower().startswith(word[:3]):
            return number
    raise ValueError(word)


def _resolve_year(
    written: str | None, end_month: int, context: Context, sentence_year: int | None
) -> int | None:
    """The year of a period ending in end_month, given a year phrase (or none)."""
    if written:
        words = written.lower().split()
        if written.isdigit():
            return int(written)
        if context.published is None:
            return None
        if words[-1] == "year" and words[0] in ("last", "previous"):
            return context.published.year - 1
        return context.published.year
    if sentence_year is not None:
        return sentence_year
    if context.published is not None:
        published = context.published
        return published.year if end_month < published.month else published.year - 1
    return context.year


def _key(year: int | None, month: int) -> str | None:
    return None if year is None else f"{year}-{month:02d}"


def find(sentence: str, context: Context) -> list[Mention]:
    """Period mentions of one sentence, in order; updates context.year with written years."""
    taken: list[tuple[int, int, str, re.Match[str]]] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(sentence):
            start, end = match.span()
            if not any(a < end and start < b for a, b, _, _ in taken):
                taken.append((start, end, kind, match))
    found: list[Mention] = []
    sentence_year: int | None = None  # a year written earlier in this sentence comes first
    for start, end, kind, match in sorted(taken, key=lambda t: t[0]):
        if kind == "year" and _DATE_BEFORE.search(sentence[max(0, start - 16) : start]):
            continue  # "Nov 7, 2023": the year of a date, not a period
        resolved = _months(kind, match)
        if resolved is None:
            continue
        first_month, last_month, year_text = resolved
        before = sentence[max(0, start - 50) : start]
        # "from March when exports grew": the month of the figure that follows.
        base = bool(_BASE.search(before)) and not sentence[end:].startswith(" when")
        base = base or (kind == "lastyear" and "earlier" in match.group(0).lower())
        if kind == "lastmonth":
            year, first_month, last_month = _last_month(context)
        elif kind in ("ytd", "thisyear"):
            year, first_month, last_month = _year_to_date(context)
        elif kind == "lastyear":
            year = None if context.published is None else context.published.year - 1
        else:
            year = _resolve_year(year_text, last_month, context, sentence_year)
        written_year = int(year_text) if year_text and year_text.isdigit() else None
        if written_year is not None and not base:
            sentence_year = written_year
        found.append(
            Mention(
                start, end, match.group(0), _key(year, first_month), _key(year, last_month),
                base, kind, written_year,
            )
        )  # fmt: skip
    for mention in found:
        if mention.year is not None and not mention.base:
            context.year = mention.year
    return found


def _months(kind: str, match: re.Match[str]) -> tuple[int, int, str | None] | None:
    """(first month, last month, the year as written) of a match; None if not a period."""
    groups = match.groupdict()
    year = groups.get("year")
    if kind == "range":
        first, last = _month_number(groups["m1"]), _month_number(groups["m2"])
        return (first, last, year) if first <= last else None
    if kind == "month":
        number = _month_number(groups["m1"])
        return number, number, year
    if kind == "quarters":
        n = {"two": 2, "three": 3}.get(groups["n"].lower()) or int(groups["n"])
        return 1, 3 * n, year
    if kind in ("quarter", "q"):
        ordinal = groups.get("o") or groups.get("o2") or ""
        n = int(ordinal) if ordinal.isdigit() else _ORDINAL[ordinal.lower()]
        return 3 * n - 2, 3 * n, year
    if kind in ("half", "h"):
        ordinal = (groups.get("o") or groups.get("o2") or "").lower()
        n = int(ordinal) if ordinal.isdigit() else _ORDINAL[ordinal]
        return 6 * n - 5, 6 * n, year
    if kind == "months":
        text = groups["n"].lower()
        n = int(text) if text.isdigit() else _COUNT[text]
        if not 2 <= n <= 12:
            return None
        return 1, n, year
    if kind == "year":
        return 1, 12, year
    return 1, 12, None  # relative periods are set by the caller


def _last_month(context: Context) -> tuple[int | None, int, int]:
    if context.published is None:
        return None, 1, 1
    month = context.published.month - 1 or 12
    year = context.published.year - (1 if context.published.month == 1 else 0)
    return year, month, month


def _year_to_date(context: Context) -> tuple[int | None, int, int]:
    """January to the last month published before the article's date."""
    if context.published is None:
        return None, 1, 1
    year, month, _ = _last_month(context)
    return year, 1, month
