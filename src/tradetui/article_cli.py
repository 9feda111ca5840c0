"""`tradetui check --article FILE`: an article's trade figures marked in place and judged.

Kept apart from cli.py, which only adds these options to `check` and hands over.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import secrets
import sys
from datetime import date
from pathlib import Path

from tradetui.data.errors import DataError
from tradetui.data.text import json_text, visible

EXIT_OK, EXIT_FAILURE = 0, 1

# ANSI colours per verdict on a terminal (bold for the claim number).
_COLOURS = {
    "consistent": "32",
    "inconsistent": "31",
    "direction-swapped": "33",
    "different-basis": "35",
    "not-checkable": "36",
}


def _published(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"found {text!r}, expected the article's date as YYYY-MM-DD"
        ) from None


def add_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--article",
        metavar="FILE",
        help="check a news article (.txt, .md or a saved .html page; - for standard input)",
    )
    parser.add_argument(
        "--published",
        type=_published,
        metavar="YYYY-MM-DD",
        help="the article's date, for periods such as 'last month' (default: a date in the text)",
    )
    parser.add_argument(
        "--claims-out",
        type=Path,
        metavar="FILE.toml",
        help="also write the claims as read, in the claims format",
    )
    parser.add_argument(
        "--force", action="store_true", help="let --claims-out replace an existing file"
    )
    parser.add_argument(
        "--summary",
        action="store_true",
        help="also print a brief of the period the article discusses, with its corrections",
    )


def without_article(args: argparse.Namespace) -> None:
    """Options that only mean something with --article are refused without it."""
    given = [
        name
        for name, value in (
            ("--published", args.published),
            ("--claims-out", args.claims_out),
            ("--force", args.force),
            ("--summary", args.summary),
        )
        if value
    ]
    if given:
        raise DataError(f"{', '.join(given)} only go with --article FILE")


def check_article(args: argparse.Namespace) -> int:
    """Read the article, check its claims, print them (or JSON); 0 when all hold, else 1."""
    from tradetui.data import metrics
    from tradetui.data.article import reader, report, source, verdicts
    from tradetui.data.load import load_dataset

    if args.files:
        raise DataError("give either claims files or --article, not both")
    out = _claims_out(args.claims_out, args.force) if args.claims_out else None
    stdin = sys.stdin.read() if args.article == "-" else None
    article = source.read_file(args.article, stdin)
    dataset = load_dataset(args.data)
    pair = metrics.top_pair(dataset.trade)
    if pair is None:
        raise DataError("the dataset has no trade rows to check the article against")
    reading = reader.read(article, pair, args.published)
    checks = verdicts.check_article(reading, dataset)
    summary = None
    if args.summary:
        from tradetui import article_brief as brief

        summary = brief.brief(checks, dataset, pair)
    if out is not None:
        _write_atomic(out, report.claims_toml(reading), args.force)
    if args.json:
        document = report.to_json(reading, checks)
        if summary is not None:
            document["summary"] = {
                "period": list(summary.period) if summary.period else None,
                "text": summary.text,
                "corrections": list(summary.corrections),
            }
        sys.stdout.write(json_text(document) + "\n")  # strict JSON, safe to print
    else:
        colour = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
        body = (
            coloured_text(reading.text, checks)
            if colour
            else visible(report.marked_text(reading.text, checks), newlines=True)
        )
        sys.stdout.write(body.rstrip("\n") + "\n\n")
        sys.stdout.write(visible(report.render_entries(reading, checks), newlines=True) + "\n")
        if summary is not None:
            from tradetui import article_brief as brief

            sys.stdout.write("\n" + visible(brief.render(summary), newlines=True) + "\n")
        if out is not None:
            sys.stdout.write(visible(f"claims as read written to {out}", newlines=True) + "\n")
    sys.stdout.flush()
    holds = all(c.verdict == "consistent" for c in checks)
    return EXIT_OK if holds else EXIT_FAILURE


def coloured_text(text: str, checks: list) -> str:
    """The article for a terminal: each claim underlined in its verdict's colour, numbered."""
    from tradetui.data.article import report

    parts = []
    for segment in report.segments(text, checks):
        shown = visible(segment.text, newlines=True)  # untrusted text: no escapes pass
        if segment.claim is None:
            parts.append(shown)
        else:
            code = _COLOURS.get(segment.verdict or "", "0")
            mark = report.VERDICT_MARKS.get(segment.verdict or "", "?")
            parts.append(
                f"\x1b[4;{code}m{shown}\x1b[0m\x1b[1;{code}m{{{segment.claim + 1} {mark}}}\x1b[0m"
            )
    return "".join(parts)


def _claims_out(path: Path, force: bool) -> Path:
    path = path.expanduser()
    if path.suffix.lower() != ".toml":
        raise DataError(
            f"{path}: --claims-out writes a claims file; expected a name ending in .toml"
        )
    if path.is_dir():
        raise DataError(f"{path}: is a folder; expected a file name ending in .toml")
    if not path.parent.is_dir():
        raise DataError(f"{path}: no folder {path.parent}; expected an existing folder")
    if path.exists() and not force:
        raise DataError(f"{path}: the file exists; pass --force to replace it")
    return path


def _write_atomic(path: Path, text: str, force: bool) -> None:
    """Write beside the target, then move it into place: a killed write leaves no half file."""
    temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        with open(temp, "x", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        if force:
            os.replace(temp, path)
        else:
            os.link(temp, path)  # fails if a file appeared meanwhile
    except FileExistsError:
        raise DataError(f"{path}: the file exists; pass --force to replace it") from None
    except OSError as exc:
        raise DataError(f"{path}: cannot write ({exc.strerror or exc})") from None
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()
