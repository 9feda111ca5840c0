"""The text of an article: a .txt, .md or saved web page, its furniture and its date."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from tradetui.data.errors import DataError

SUFFIXES = (".txt", ".md", ".html", ".htm")
MAX_BYTES = 5 * 1024 * 1024  # far above any article; stops a wrong file early

# Lines that belong to the page, not the story. Everything from a "Previous/Next article"
# link on is the site's navigation (the next story's headline, related links).
_FURNITURE_LINE = re.compile(
    r"^\s*(?:\{.*\}|no time to read\??|get a summary|share( this)?( article)?|advertisement|"
    r"subscribe.*|read more|tags?:.*|follow us.*|comments?)\s*$",
    re.IGNORECASE,
)
_NAVIGATION = re.compile(
    r"^\s*(?:previous|next|related)\s+(?:article|post|story|stories|articles)\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Furniture:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class ArticleText:
    name: str  # the file name, or "-" for standard input
    text: str
    furniture: tuple[Furniture, ...]
    found_date: date | None  # a date in the page's metadata or text


def read_file(path_text: str, stdin_text: str | None = None) -> ArticleText:
    """Read an article file ("-": the given standard input); DataError when it is not text."""
    if path_text == "-":
        return from_text("-", stdin_text or "", html=_looks_html(stdin_text or ""))
    path = Path(path_text).expanduser()
    if not path.exists():
        raise DataError(f"{path_text}: no such file or directory")
    if path.is_dir():
        raise DataError(f"{path_text}: is a directory, expected an article (.txt, .md, .html)")
    if path.suffix.lower() not in SUFFIXES:
        raise DataError(
            f"{path_text}: unknown article type {path.suffix or '(none)'!r}; "
            "expected .txt, .md or .html"
        )
    if path.stat().st_size > MAX_BYTES:
        raise DataError(f"{path_text}: larger than {MAX_BYTES // 1024 // 1024} MB; not an article")
    raw = path.read_bytes()
    if b"\x00" in raw:
        raise DataError(f"{path_text}: binary data, expected article text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DataError(f"{path_text}: not UTF-8 text") from None
    return from_text(path_text, text, html=path.suffix.lower() in (".html", ".htm"))


def _looks_html(text: str) -> bool:
    return bool(re.match(r"\s*(?:<!doctype html|<html|<head|<body)", text, re.IGNORECASE))


def from_text(name: str, text: str, html: bool = False) -> ArticleText:
    """The article's text (a web page's main text), furniture marked, a date if one is found."""
    found: date | None = None
    if html:
        text, found = _main_text(name, text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise DataError(f"{name}: no article text")
    return ArticleText(name, text, _furniture(text), found or find_date(text))


def _main_text(name: str, page: str) -> tuple[str, date | None]:
    # trafilatura is made for this: it drops navigation, ads and boilerplate.
    import trafilatura

    document = trafilatura.bare_extraction(page, with_metadata=True, include_comments=False)
    body = getattr(document, "text", None) if document is not None else None
    if not body:
        raise DataError(f"{name}: no article text found in this web page")
    title = getattr(document, "title", None)
    found = _iso_date(getattr(document, "date", None))
    # The title leads the text unless the body already starts with it (as its heading).
    if title and not body.lstrip().startswith(title.strip()):
        body = f"{title}\n\n{body}"
    return body, found


def _iso_date(text: str | None) -> date | None:
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", text or "")
    if not match:
        return None
    try:
        return date(*map(int, match.groups()))
    except ValueError:
        return None


def _furniture(text: str) -> tuple[Furniture, ...]:
    out: list[Furniture] = []
    offset = 0
    for line in text.split("\n"):
        start, end = offset, offset + len(line)
        offset = end + 1
        if _NAVIGATION.match(line):
            rest = text[start:].rstrip()
            out.append(Furniture(start, start + len(rest), rest))
            break
        if line.strip() and _FURNITURE_LINE.match(line):
            out.append(Furniture(start, end, line))
    return tuple(out)


_MONTHS = "jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"  # first three letters suffice
_DATE_PATTERNS = (
    re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"),
    re.compile(rf"\b({_MONTHS})[a-z]*\.? (\d{{1,2}}),? (\d{{4}})\b", re.IGNORECASE),
    re.compile(rf"\b(\d{{1,2}}) ({_MONTHS})[a-z]*\.? (\d{{4}})\b", re.IGNORECASE),
)


def find_date(text: str) -> date | None:
    """The first full date written in the text ("2023-10-13", "Oct 13, 2023", "13 October 2023")."""
    best: tuple[int, date] | None = None
    for number, pattern in enumerate(_DATE_PATTERNS):
        for match in pattern.finditer(text):
            found = _date_of(number, match.groups())
            if found is not None:
                if best is None or match.start() < best[0]:
                    best = (match.start(), found)
                break
    return best[1] if best else None


def _date_of(kind: int, groups: tuple[str, ...]) -> date | None:
    months = _MONTHS.split("|")
    try:
        if kind == 0:
            return date(int(groups[0]), int(groups[1]), int(groups[2]))
        if kind == 1:
            return date(int(groups[2]), months.index(groups[0][:3].lower()) + 1, int(groups[1]))
        return date(int(groups[2]), months.index(groups[1][:3].lower()) + 1, int(groups[0]))
    except ValueError:
        return None
