"""An article's checks as text segments, entries, JSON and a claims file.

Shared by the command line and the explorer: the article's text cut into segments (each
claim's span tagged with its verdict), one entry per claim (sentence, reading, figure,
page, verdict, why) and the skipped numbers with their reasons.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from tradetui.data import claims
from tradetui.data.article.reader import ArticleReading
from tradetui.data.article.verdicts import ArticleCheck, describe, table

# Plain markers, for pipes: the claim's number and a sign for its verdict.
VERDICT_MARKS = {
    claims.CONSISTENT: "✓",
    claims.INCONSISTENT: "✗",
    claims.DIRECTION_SWAPPED: "⇄",
    claims.DIFFERENT_BASIS: "≠",
    claims.NOT_CHECKABLE: "?",
}


@dataclass(frozen=True)
class Segment:
    text: str
    claim: int | None  # index into the checks, None for plain text
    verdict: str | None


def segments(text: str, checks: list[ArticleCheck]) -> list[Segment]:
    """The text cut at each claim's span; overlapping spans keep the first."""
    out: list[Segment] = []
    position = 0
    order = sorted(range(len(checks)), key=lambda i: checks[i].reading.start)
    for index in order:
        reading = checks[index].reading
        if reading.start < position:
            continue
        if reading.start > position:
            out.append(Segment(text[position : reading.start], None, None))
        out.append(Segment(text[reading.start : reading.end], index, checks[index].verdict))
        position = reading.end
    if position < len(text):
        out.append(Segment(text[position:], None, None))
    return out


def marked_text(text: str, checks: list[ArticleCheck]) -> str:
    """The article with each claim bracketed and numbered: '[176.5 billion dollars]{1 ✗}'."""
    parts = []
    for segment in segments(text, checks):
        if segment.claim is None:
            parts.append(segment.text)
        else:
            mark = VERDICT_MARKS[segment.verdict or claims.NOT_CHECKABLE]
            parts.append(f"[{segment.text}]{{{segment.claim + 1} {mark}}}")
    return "".join(parts)


def figure_line(check: ArticleCheck) -> str:
    """'data 176.400 USD bn; published g0344 (176.400 USD bn): <address>'."""
    inner = check.check
    if inner is None or inner.computed is None:
        return "data —"
    figure = f"data {claims.format_figure(inner.claim, inner.computed)}"
    page = claims.source_line(inner)
    return f"{figure}; published {page}" if page else figure


def entry_lines(number: int, check: ArticleCheck, pair: tuple[str, str]) -> list[str]:
    reading = check.reading
    return [
        f"{number:>3}. {check.verdict}  {reading.sentence.text}",
        f"     read as: {describe(reading, pair)}",
        f"     {figure_line(check)}",
        f"     why: {check.why}",
    ]


def tally(checks: list[ArticleCheck]) -> str:
    counts = {v: sum(c.verdict == v for c in checks) for v in claims.VERDICTS}
    parts = ", ".join(f"{n} {v}" for v, n in counts.items() if n)
    size = len(checks)
    return f"{size} claim{'s' if size != 1 else ''}" + (f": {parts}" if parts else "")


def render_entries(article: ArticleReading, checks: list[ArticleCheck]) -> str:
    """The claims, the numbers skipped and the tally, as plain text."""
    date = article.published.isoformat() if article.published else "unknown"
    lines = [f"article date: {date} (from {article.published_from})", ""]
    if not checks:
        lines.append("no trade claims found")
    for number, check in enumerate(checks, start=1):
        lines += [*entry_lines(number, check, article.pair), ""]
    if article.skipped:
        lines.append("skipped (not trade claims):")
        for item in article.skipped:
            shown = " ".join(item.text.split())
            shown = shown if len(shown) <= 60 else shown[:59] + "…"
            lines.append(f"  {item.start}–{item.end} {shown!r}: {item.reason}")
        lines.append("")
    lines.append(tally(checks))
    return "\n".join(lines)


def to_json(article: ArticleReading, checks: list[ArticleCheck]) -> dict:
    """The check as the JSON object documented in docs/claims.md (offsets into text)."""
    entries = []
    for check in checks:
        reading = check.reading
        entries.append(
            {
                "start": reading.start,
                "end": reading.end,
                "figure": reading.figure_text,
                "sentence": {
                    "start": reading.sentence.start,
                    "end": reading.sentence.end,
                    "text": reading.sentence.text,
                },
                "reading": {
                    "text": describe(reading, article.pair),
                    "period": list(reading.period) if reading.period else None,
                    "period_text": reading.period_text,
                    "flow": reading.flow,
                    "flow_text": reading.flow_text,
                    "metric": reading.metric,
                    "value": reading.value,
                    "sign": reading.sign,
                    "unit": reading.unit,
                    "approx": reading.approx,
                    "qualifier": reading.qualifier,
                },
                "verdict": check.verdict,
                "why": check.why,
                "check": claims.to_dict(check.check) if check.check else None,
            }
        )
    return {
        "article": article.name,
        "published": article.published.isoformat() if article.published else None,
        "published_from": article.published_from,
        "pair": list(article.pair),
        "text": article.text,
        "claims": entries,
        "skipped": [
            {"start": s.start, "end": s.end, "text": s.text, "reason": s.reason}
            for s in article.skipped
        ],
    }


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        # A JSON string is a TOML basic string once DEL is escaped too.
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    return str(value)


def claims_toml(article: ArticleReading) -> str:
    """The readings as a claims file (docs/claims.md), for correcting and re-checking."""
    lines = [
        f"# Claims read from {json.dumps(article.name, ensure_ascii=False)[1:-1]} by "
        "tradetui check --article.",
        "# Correct a reading here and check it with: tradetui check FILE.toml",
    ]
    for reading in article.readings:
        lines.append("")
        if reading.problem:
            lines.append(f"# not checkable as read: {' '.join(reading.problem.split())}")
            continue
        lines.append("[[claim]]")
        for key, value in table(reading, article.name).items():
            lines.append(f"{key} = {_toml_value(value)}")
    return "\n".join(lines) + "\n"
