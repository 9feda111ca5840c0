"""The tradetui command line: open the explorer, or summarise, validate, reconcile, check
claims, export period tables and rebuild data.

Output is plain text (or JSON) fit for pipes. Bad input ends with one line on stderr and
exit code 2; an unexpected failure with one line and exit code 1; never a traceback.
"""

from __future__ import annotations

import argparse
import math
import os
import re
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from tradetui import __version__, article_cli, panic_noise
from tradetui.data.errors import DataError, clipped, first_line
from tradetui.data.locations import SCHEMES, Location, is_remote, scheme
from tradetui.data.spark_url import is_spark
from tradetui.data.text import json_text, visible
from tradetui.data.tolerances import RECONCILE_THRESHOLD_BN

if TYPE_CHECKING:
    from tradetui.config import Config
    from tradetui.data.load import Dataset

# polars and the data layer are imported inside the commands that use them, so plain
# `tradetui` can draw the explorer's first frame before paying for polars' import.

PROG = "tradetui"
MAX_PROBLEMS = 20
EXIT_OK, EXIT_FAILURE, EXIT_BAD_INPUT = 0, 1, 2


class UsageError(Exception):
    """A command-line usage error, already worded as the one line to print."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        # One line instead of argparse's usage block; the help names the options.
        command = self.prog.removeprefix(PROG).strip()
        hint = f"see '{PROG} {command} --help'" if command else f"see '{PROG} --help'"
        raise UsageError(f"{PROG}: error: {message}; {hint}")


def _formatter(prog: str) -> argparse.HelpFormatter:
    return argparse.RawDescriptionHelpFormatter(prog, max_help_position=32)


def _para(text: str) -> str:
    # Raw formatting keeps the examples' layout, so descriptions are wrapped here.
    return textwrap.fill(text, 79)


def _threshold(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value < 0:
        raise argparse.ArgumentTypeError(
            f"found {text!r}, expected a non-negative number of USD bn such as 0.2"
        )
    return value


def _bounded(low: int, high: int) -> Callable[[str], int]:
    def whole(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = low - 1
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(
                f"found {text!r}, expected a whole number from {low} to {high}"
            )
        return value

    return whole


def _local_path(text: str) -> Path:
    # polars would fetch a URL; tradetui reads local files only. '' would be the folder '.'.
    web = re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", text)
    if web or not text.strip():
        where = f"the web address {text!r}; tradetui reads local files only: download it first"
        raise argparse.ArgumentTypeError(f"found {where if web else 'an empty path'}")
    return Path(text)


def _data_path(text: str) -> Path | Location:
    # Data may be remote (tradetui.data.remote reads it), or a table on a Spark Connect
    # server (tradetui.data.spark.engine); other web addresses are not read.
    if is_spark(text):
        return text
    if is_remote(text):
        return Location(text)
    if not text.strip():  # '' would be the folder '.'
        raise argparse.ArgumentTypeError("found an empty path")
    if scheme(text) is not None:
        raise argparse.ArgumentTypeError(
            f"found the address {text!r}; tradetui reads local paths and "
            + ", ".join(f"{s}://" for s in SCHEMES)
            + " addresses only"
        )
    return Path(text)


def _checkout_data() -> Path | None:
    """data/ of a source checkout (it holds research/), or None in an installed wheel."""
    data = Path(__file__).resolve().parents[2] / "data"
    return data if (data / "research").is_dir() else None


def build_parser() -> argparse.ArgumentParser:
    data_help = (
        "dataset to use: a folder with trade_monthly.csv (or .parquet) and optional "
        "events.csv, commodities.csv, published_figures.csv; or a CSV/Parquet file, or a "
        "folder of them, in the tradetui, UN Comtrade or GACC report layout; or a remote "
        "one: s3://bucket/folder/, gs://..., https://host/file.parquet; or a UN Comtrade "
        "table on a Spark Connect server, sc://HOST:PORT/TABLE;token=… (default: the "
        "config file's 'data', else the embedded China–Russia dataset)"
    )
    with_pair = argparse.ArgumentParser(add_help=False)
    with_pair.add_argument(
        "--reporter", metavar="ISO3", help="reporting country, e.g. CHN (default: largest pair)"
    )
    with_pair.add_argument(
        "--partner", metavar="ISO3", help="partner country, e.g. RUS (default: largest pair)"
    )
    with_data = argparse.ArgumentParser(add_help=False)
    # SUPPRESS keeps a global --data when the subcommand is not given its own.
    with_data.add_argument(
        "--data", type=_data_path, metavar="PATH", default=argparse.SUPPRESS, help=data_help
    )

    parser = _Parser(
        prog=PROG,
        formatter_class=_formatter,
        description=_para(
            "Explore bilateral trade in the terminal. Without a command, opens the "
            "keyboard-driven explorer; the commands below print plain text or JSON."
        ),
        epilog="""examples:
  tradetui                                   open the explorer on the embedded data
  tradetui --data my_dataset/                open the explorer on another dataset
  tradetui summary --from 2023-01 --to 2023-09
  tradetui summary --json | jq .flows.total
  tradetui validate my_trade.csv
  tradetui reconcile --threshold 0.1
  tradetui check my_claims.toml
  tradetui export 2023.csv --from 2023-01 --to 2023-12
  tradetui serve                             the explorer in a browser (open the printed address)

exit codes: 0 ok; 1 a claim that `check` finds not consistent, or an unexpected failure
(one line naming the log); 2 bad input (file, column, period or option)""",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    parser.add_argument("--data", type=_data_path, metavar="PATH", default=None, help=data_help)
    parser.add_argument(
        "--reporter",
        metavar="ISO3",
        help="explorer: show this reporter's trade first, e.g. CHN (with --partner; default: "
        "China–Russia when the data has it, else the largest pair)",
    )
    parser.add_argument("--partner", metavar="ISO3", help="explorer: the partner, e.g. RUS")
    parser.add_argument(
        "--config",
        type=_local_path,
        metavar="FILE",
        help="settings file (default: ~/.config/tradetui/config.toml; see docs/config.md)",
    )
    parser.add_argument("--theme", metavar="NAME", help="explorer theme, e.g. nord or gruvbox")
    parser.add_argument("--unit", choices=("bn", "mn"), help="explorer values in USD bn or USD mn")
    parser.add_argument(
        "--decimals", type=_bounded(0, 3), metavar="N", help="explorer decimal places (0 to 3)"
    )
    parser.add_argument(
        "--event-window",
        type=_bounded(1, 24),
        metavar="N",
        help="months before and after an event compared in the explorer (1 to 24)",
    )
    commands = parser.add_subparsers(dest="command", title="commands", metavar="COMMAND")

    summary_cmd = commands.add_parser(
        "summary",
        parents=[with_data, with_pair],
        formatter_class=_formatter,
        help="headline numbers and a short paragraph for a range of months",
        description=_para(
            "Totals of the range (USD bn) with growth against the same months a "
            "year earlier, the balance and which side it favours (balance = exports − imports "
            "from the reporter's side; negative = a deficit of the reporter), the biggest single "
            "month, the events in the range and any periods without figures. Where the data "
            "holds a published growth rate for exactly the range, it is shown as 'published' "
            "next to the computed one. A range starting in January uses the published "
            "year-to-date figures."
        ),
        epilog="""default range: the latest full year in the data. With only --from (or --to),
the rest of that calendar year. A range may not cut a combined period (Jan–Feb) in two.

examples:
  tradetui summary                                  the latest full year
  tradetui summary --from 2023-01 --to 2023-09      January–September 2023
  tradetui summary --from 2024-01 --json            2024 as JSON (see docs/cli.md)
  tradetui summary --data comtrade.csv --reporter RUS --partner CHN""",
    )
    summary_cmd.add_argument(
        "--from", dest="start", metavar="YYYY-MM", help="first month of the range"
    )
    summary_cmd.add_argument("--to", dest="end", metavar="YYYY-MM", help="last month of the range")
    summary_cmd.add_argument("--json", action="store_true", help="print JSON instead of text")
    summary_cmd.set_defaults(run=_summary)

    validate_cmd = commands.add_parser(
        "validate",
        parents=[with_data],
        formatter_class=_formatter,
        help="check a dataset folder or trade file and report every problem",
        description=_para(
            "Load and check a dataset: a dataset folder, or a CSV or Parquet file (or a "
            "folder of them) in the tradetui, UN Comtrade or GACC report layout, told apart "
            "by its columns. Prints one OK line (layout, rows, pairs, periods) and one line "
            "per note on the import (rows kept apart, how totals were taken), and exits 0; "
            "or prints one line per problem (at most 20) on stderr and exits 2."
        ),
        epilog="""examples:
  tradetui validate my_trade.csv
  tradetui validate my_dataset/
  tradetui validate comtrade_export.csv     a UN Comtrade+ download (CSV or Parquet)
  tradetui validate exports/                a folder of files, Hive-partitioned Parquet too
  tradetui validate                         check the embedded dataset (or --data PATH)""",
    )
    validate_cmd.add_argument(
        "path",
        nargs="?",
        type=_data_path,
        metavar="PATH",
        help="dataset folder or trade file (default: --data, else the embedded dataset)",
    )
    validate_cmd.set_defaults(run=_validate)

    reconcile_cmd = commands.add_parser(
        "reconcile",
        parents=[with_data],
        formatter_class=_formatter,
        help="compare derived monthly values with directly published month figures",
        description=_para(
            "Monthly values are derived from cumulative (year-to-date) releases "
            "(method ytd_diff, or ytd_first for the first release of a year). Where a page also "
            "published the single month directly, this lists both values, their difference "
            "(derived − published, USD bn) and the pages behind each, then every difference "
            "above the threshold."
        ),
        epilog="""examples:
  tradetui reconcile                       differences above 0.2 USD bn
  tradetui reconcile --threshold 0.05
  tradetui reconcile --json | jq '.rows[] | select(.above_threshold)'""",
    )
    reconcile_cmd.add_argument(
        "--threshold",
        type=_threshold,
        default=RECONCILE_THRESHOLD_BN,
        metavar="BN",
        help="list differences larger than this, in USD bn (default: %(default)s)",
    )
    reconcile_cmd.add_argument("--json", action="store_true", help="print JSON instead of text")
    reconcile_cmd.set_defaults(run=_reconcile)

    check_cmd = commands.add_parser(
        "check",
        parents=[with_data],
        formatter_class=_formatter,
        help="check published claims (statements of a figure) against the data",
        description=textwrap.fill(
            "Read claims from TOML files (one [[claim]] table each: text, source, period, "
            "flow, metric, value or sign, unit, bound; see docs/claims.md) and print for each "
            "the stated figure, the figure from the data, the difference and a verdict: "
            "consistent (the data's figure or one GACC published, such as a first release), "
            "direction-swapped (fits the opposite flow), different-basis (fits a yuan-based "
            "figure), inconsistent or not-checkable (the data lacks the period or flow). A "
            "stated figure holds to half a unit of its last written digit (176.4 means "
            '±0.05), or 2% when bound = "about". A growth rate is compared with the '
            "published one where there is one, else with the growth computed from the data "
            "and the range its inputs' rounding and revisions allow.",
            79,
            break_on_hyphens=False,  # keeps verdict names such as not-checkable whole
        ),
        epilog="""default FILE: the claims shipped with the embedded data (some deliberately
wrong, so the default check exits 1).

exit codes: 0 every claim consistent, 1 any claim not consistent, 2 a bad claims file
(one line naming the file, the claim and the field)

examples:
  tradetui check                          the shipped claims
  tradetui check my_claims.toml
  tradetui check claims/ --json | jq '.[] | select(.verdict != "consistent")'""",
    )
    check_cmd.add_argument(
        "files",
        nargs="*",
        type=_local_path,
        metavar="FILE",
        help="claims file (.toml) or a folder of them (default: the shipped claims)",
    )
    check_cmd.add_argument("--json", action="store_true", help="print JSON instead of text")
    article_cli.add_options(check_cmd)
    check_cmd.set_defaults(run=_check)

    export_cmd = commands.add_parser(
        "export",
        parents=[with_data, with_pair],
        formatter_class=_formatter,
        help="write the period table of a pair to CSV, Parquet, JSON or Markdown",
        description=_para(
            "Write the period table of one reporter–partner pair (one row per month, "
            "quarter or year: period, period_start, period_end, months, reporter, partner, "
            "export, import, total, balance, yoy_export, yoy_import, yoy_total, pop_total, "
            "ytd_export, ytd_import, ytd_total; USD bn and %) to OUT. The format comes from "
            "OUT's extension: .csv, .parquet, .json or .md. The file is written beside OUT "
            "and renamed into place, so it is never left half written; an existing OUT is "
            "kept unless --force is given. In CSV, text cells starting with = + - @ are "
            "prefixed with ' so a spreadsheet does not run them as formulas."
        ),
        epilog="""default range: all the data. With only --from (or --to), the data's last (or
first) month ends the range. A range may not cut a combined period (Jan–Feb),
or a quarter or year of the granularity, in two.

examples:
  tradetui export trade.csv                                 every month, largest pair
  tradetui export 2023.md --from 2023-01 --to 2023-12       2023 as a Markdown table
  tradetui export quarters.parquet --granularity quarter
  tradetui export years.json --granularity year --force     replace years.json
  tradetui export rus.csv --data comtrade.csv --reporter RUS --partner CHN""",
    )
    export_cmd.add_argument(
        "out", type=_local_path, metavar="OUT", help="file to write: .csv, .parquet, .json or .md"
    )
    export_cmd.add_argument(
        "--from", dest="start", metavar="YYYY-MM", help="first month (default: the data's first)"
    )
    export_cmd.add_argument(
        "--to", dest="end", metavar="YYYY-MM", help="last month (default: the data's last)"
    )
    export_cmd.add_argument(
        "--granularity",
        choices=("month", "quarter", "year"),
        default="month",
        help="one row per month (default), quarter or year",
    )
    export_cmd.add_argument("--force", action="store_true", help="overwrite OUT if it exists")
    export_cmd.set_defaults(run=_export)

    build_cmd = commands.add_parser(
        "build-data",
        formatter_class=_formatter,
        help="rebuild the dataset files from the research files",
        description=_para(
            "Rebuild published_figures.csv, trade_monthly.csv, events.csv and "
            "commodities.csv from the research files (cn_ru_gacc_reports.csv, cn_ru_events.csv, "
            "cn_ru_commodities.csv), then load the result to check it. The research files ship "
            "with the source checkout, not with an installed package."
        ),
        epilog="""defaults: --research is data/research of the source checkout; --out is --data when
given, else data/ of the source checkout.

examples:
  tradetui build-data
  tradetui build-data --research data/research --out /tmp/cn_ru""",
    )
    build_cmd.add_argument(
        "--research", type=_local_path, metavar="DIR", help="folder with the research CSV files"
    )
    # Here the dataset is the one to write, so --data is another name for --out.
    build_cmd.add_argument(
        "--data", type=_local_path, metavar="DIR", default=argparse.SUPPRESS, help="same as --out"
    )
    build_cmd.add_argument(
        "--out",
        type=_local_path,
        metavar="DIR",
        help="folder to write the dataset into (created if needed)",
    )
    build_cmd.set_defaults(run=_build_data)

    serve_cmd = commands.add_parser(
        "serve",
        parents=[with_data],
        formatter_class=_formatter,
        help="serve the explorer to a web browser (textual-serve)",
        description=_para(
            "Serve the explorer to web browsers with textual-serve: open the printed address "
            "and the same app runs in the page. Each browser tab starts its own explorer "
            "process, with the same --data and the options given before 'serve' (--config, "
            "--theme, --unit, --decimals, --event-window). --data is checked before serving, "
            "as for the explorer. The printed address holds a secret token made at each "
            "start: without it the page is refused, and so is any request naming another "
            "host and any websocket from another site's page. By default only this machine "
            "can connect (127.0.0.1); another --host lets anyone who can reach it on the "
            "network and has the address use the explorer and read its data. ctrl+c stops "
            "the server and every app it runs."
        ),
        epilog="""examples:
  tradetui serve                                then open the address it prints
  tradetui serve --port 8080 --data my_dataset/
  tradetui --theme nord serve
  tradetui serve --host 0.0.0.0 --public-url http://myhost.lan:8000""",
    )
    serve_cmd.add_argument(
        "--host",
        default="127.0.0.1",
        metavar="HOST",
        help="address to listen on (default: %(default)s, this machine only)",
    )
    serve_cmd.add_argument(
        "--port",
        type=_bounded(1, 65535),
        default=8000,
        metavar="PORT",
        help="port to listen on, 1 to 65535 (default: %(default)s)",
    )
    serve_cmd.add_argument(
        "--public-url",
        metavar="URL",
        help="address browsers use to reach the server, when it is not http://HOST:PORT "
        "(e.g. behind a proxy, or with --host 0.0.0.0)",
    )
    serve_cmd.add_argument(
        "--max-sessions",
        type=_bounded(1, 64),
        default=4,
        metavar="N",
        help="browser tabs that may run an explorer at once, 1 to 64 (default: %(default)s)",
    )
    serve_cmd.add_argument(
        "--no-token",
        action="store_true",
        help="serve without the secret token in the address (only behind your own proxy "
        "that checks who connects)",
    )
    serve_cmd.set_defaults(run=_serve)

    parser.set_defaults(run=_open_app)
    return parser


# --- commands ----------------------------------------------------------------------------


def _write(text: str) -> None:
    # Titles, sources, notes and names come from data files: their control characters are
    # shown as marks, so an ANSI escape in a title cannot clear the user's terminal.
    sys.stdout.write(visible(text, newlines=True) + "\n")
    sys.stdout.flush()


def _write_json(value: object) -> None:
    sys.stdout.write(json_text(value) + "\n")  # strict JSON, safe to print (data/text.py)
    sys.stdout.flush()


# Data up to this size is read and checked before the explorer opens, so a bad file ends
# with one line and exit 2; bigger data is only checked by its header here, then read in
# the app, where the user sees its progress and can cancel it.
PRECHECK_BYTES = 64 * 1024 * 1024


def _settings(args: argparse.Namespace) -> tuple[Config, str | None]:
    """The config file's settings with the command line's options over them.

    A config file that cannot be used gives the defaults and the line saying why.
    """
    from tradetui import config

    try:
        settings = config.load(args.config)
        problem = None
    except config.ConfigError as error:
        settings, problem = config.Config(path=args.config or config.default_path()), str(error)
    if args.config is not None and not args.config.is_file() and problem is None:
        problem = f"{args.config}: no such file"
    return settings.but(
        theme=getattr(args, "theme", None),
        unit=getattr(args, "unit", None),
        decimals=getattr(args, "decimals", None),
        event_window=getattr(args, "event_window", None),
    ), problem


def _config_data(args: argparse.Namespace) -> tuple[Path | None, Path]:
    """The config file's dataset, for commands not given --data (a bad file is named), and
    the file it was set in."""
    settings, problem = _settings(args)
    if problem:
        print(f"{PROG}: warning: {_one_line(problem)}; using the default settings", file=sys.stderr)
    return settings.data, settings.path


def _check_data(data: Path | str) -> Dataset | None:
    """Check data before the explorer opens: its path and header always, and all of it up
    to PRECHECK_BYTES, returned so that the explorer need not read it again."""
    # polars only when there is data to check: plain `tradetui` draws first.
    from tradetui.data import sources
    from tradetui.data.load import load_dataset

    if is_spark(data):
        return None  # the explorer connects, and says there why it cannot
    with panic_noise.hidden():
        if is_remote(data):
            from tradetui.data.remote import open_remote

            open_remote(str(data))  # a wrong address or layout ends here, with one line
            return None
        sources.peek(data)  # a wrong path or layout ends here, with one line
        if sources.data_size(data) <= PRECHECK_BYTES:
            return load_dataset(data)
    return None


def _open_app(args: argparse.Namespace) -> int:
    settings, problem = _settings(args)
    data = args.data if args.data is not None else settings.data
    dataset, data_problem = None, None
    if data is not None:
        try:
            dataset = _check_data(data)
        except DataError as error:
            if args.data is not None:
                raise
            # A saved setting never stops the explorer: the embedded data, and why.
            data_problem = (
                f"{error} (the 'data' setting in {settings.path}); showing the embedded data"
            )
            data = None
    from tradetui.app import make_app  # textual loads only when the explorer opens

    reporter, partner = _pair(args)
    pair = (reporter, partner) if reporter else None
    app = make_app(data, dataset, settings, problem, pair, data_problem)
    app.run()
    return app.return_code or EXIT_OK


def _pair(args: argparse.Namespace) -> tuple[str | None, str | None]:
    """--reporter and --partner in upper case; both or neither."""
    if (args.reporter is None) != (args.partner is None):
        raise DataError("give both --reporter and --partner, or neither (the largest pair)")
    return (
        args.reporter.upper() if args.reporter else None,
        args.partner.upper() if args.partner else None,
    )


def _summary(args: argparse.Namespace) -> int:
    from tradetui.data import summary
    from tradetui.data.load import load_dataset
    from tradetui.present.format import Format
    from tradetui.present.summary import render_text, write_text

    settings, _ = _settings(args)  # a bad config file leaves the default format
    fmt = Format(settings.unit, settings.decimals)
    result = summary.summarise(load_dataset(args.data), args.start, args.end, *_pair(args))
    if args.json:
        _write_json({**result.to_dict(), "text": write_text(result, fmt.for_machine())})
    else:
        _write(render_text(result, fmt))
    return EXIT_OK


def _describe(dataset: Dataset) -> str:
    import polars as pl

    trade = dataset.trade.collect()
    pairs = dataset.aggregates.pair_ranking()
    shown = [f"{r}→{p}" for r, p in pairs.select("reporter", "partner").head(5).iter_rows()]
    if pairs.height > len(shown):
        shown.append(f"and {pairs.height - len(shown)} more")
    names = ", ".join(shown)
    counts = []
    for name, frame in (
        ("events", dataset.events),
        ("commodities", dataset.commodities),
        ("published figures", dataset.published),
    ):
        if name not in dataset.missing:
            counts.append(f"{frame.select(pl.len()).collect().item()} {name}")
    if dataset.detail is not None:
        counts.append("commodity detail by HS code")
    extra = f"; {', '.join(counts)}" if counts else ""
    absent = f"; no {', '.join(dataset.missing)}" if dataset.missing else ""
    periods = trade.select("period_start", "period_end").n_unique()
    return (
        f"{trade.height} trade rows, {pairs.height} pair{'s' if pairs.height != 1 else ''} "
        f"({names}), periods {trade['period_start'].min()} to {trade['period_end'].max()} "
        f"({periods} in all){extra}{absent}"
    )


def _validate(args: argparse.Namespace) -> int:
    from tradetui.data.load import load_dataset

    path = args.path if args.path is not None else args.data
    try:
        dataset = load_dataset(path)
    except DataError as err:
        problems = [_one_line(p) for p in err.problems]
        for problem in problems[:MAX_PROBLEMS]:
            print(problem, file=sys.stderr)
        if len(problems) > MAX_PROBLEMS:
            print(f"... and {len(problems) - MAX_PROBLEMS} more", file=sys.stderr)
        return EXIT_BAD_INPUT
    from tradetui.data.sources import FORMAT_LABELS

    layout = FORMAT_LABELS.get(dataset.source_format, dataset.source_format)
    lines = [f"OK: {dataset.origin} ({layout}): {_describe(dataset)}"]
    lines += [f"  note: {note}" for note in dataset.notes]
    lines += _flow_sum_lines(dataset)
    _write("\n".join(lines))
    return EXIT_OK


def _flow_sum_lines(dataset: Dataset) -> list[str]:
    """Every period whose exports + imports miss the total beyond rounding, one line each."""
    import polars as pl

    from tradetui.data import adds_up
    from tradetui.data.periods import period_label

    sums = adds_up.flow_sums(dataset.trade)
    if sums.is_empty():
        return []
    wrong = sums.filter(~pl.col("adds_up"))
    if wrong.is_empty():
        return [
            f"  flows add up: exports + imports = total within their rounding in all "
            f"{sums.height:,} periods that have all three"
        ]
    lines = [
        f"  {wrong.height:,} of {sums.height:,} periods do not add up "
        "(exports + imports ≠ total beyond their rounding):"
    ]
    for row in wrong.iter_rows(named=True):
        period = period_label(row["period_start"], row["period_end"])
        lines.append(f"    {period} {row['reporter']}→{row['partner']}: {adds_up.explain(row)}")
    return lines


def _format_number(value: float | None, sign: bool = False) -> str:
    """A reconcile figure: USD bn to three decimals whatever the explorer's unit, since the
    differences it lists are a few millions; signs and minus as everywhere for people."""
    from tradetui.present.format import Format

    return Format("bn", 3).number(value, sign=sign)


def _sources(ids: list, titles: list, urls: list) -> list[str]:
    return [
        f"{fid or '(no figure id)'}  {title or '(title unknown)'}  {url or '(no link)'}"
        for fid, title, url in zip(ids, titles, urls, strict=True)
    ]


def _reconcile(args: argparse.Namespace) -> int:
    from tradetui.data import reconcile
    from tradetui.data.load import load_dataset

    table = reconcile.reconcile(load_dataset(args.data), args.threshold)
    if args.json:
        _write_json(reconcile.to_dict(table, args.threshold))
        return EXIT_OK
    if table.is_empty():
        _write("No derived month has a directly published figure to compare with.")
        return EXIT_OK
    lines = [
        "Derived monthly values (from year-to-date releases) vs single months published "
        f"directly, USD bn; * marks |difference| > {args.threshold:g}",
        f"{'period':<8} {'pair':<8} {'flow':<7} {'derived':>8} {'published':>9} {'diff':>7}  "
        "derived from  published",
    ]
    for row in table.iter_rows(named=True):
        lines.append(
            f"{row['period_start']:<8} {row['reporter'] + '→' + row['partner']:<8} "
            f"{row['flow']:<7} {_format_number(row['derived']):>8} "
            f"{_format_number(row['published']):>9} "
            f"{_format_number(row['difference'], sign=True):>7}"
            f"{'*' if row['above_threshold'] else ' '} "
            f"{';'.join(row['derived_figures'] or []) or '—':<13} {row['published_figure'] or '—'}"
        )
    flagged = reconcile.above(table)
    lines += [
        "",
        f"{flagged.height} of {table.height} differences exceed {args.threshold:g} USD bn"
        + (":" if flagged.height else "."),
    ]
    for row in flagged.iter_rows(named=True):
        lines.append(
            f"{row['period_start']} {row['flow']}: derived {_format_number(row['derived'])} "
            f"vs published {_format_number(row['published'])}, difference "
            f"{_format_number(row['difference'], sign=True)}"
        )
        derived = _sources(row["derived_figures"], row["derived_titles"], row["derived_urls"])
        lines += [f"    derived from  {line}" for line in derived[:1]]
        lines += [f"                  {line}" for line in derived[1:]]
        lines += [
            f"    published     {line}"
            for line in _sources(
                [row["published_figure"]], [row["published_title"]], [row["published_url"]]
            )
        ]
    legend: dict[str, str] = {}
    for row in table.iter_rows(named=True):
        ids = [*row["derived_figures"], row["published_figure"]]
        titles = [*row["derived_titles"], row["published_title"]]
        urls = [*row["derived_urls"], row["published_url"]]
        for fid, line in zip(ids, _sources(ids, titles, urls), strict=True):
            if fid is not None:
                legend.setdefault(fid, line)
    if legend:
        lines += ["", "Sources (figure id, page title, link):"]
        lines += [f"  {legend[fid]}" for fid in sorted(legend)]
    _write("\n".join(lines))
    return EXIT_OK


def _check(args: argparse.Namespace) -> int:
    if args.article is not None:
        return article_cli.check_article(args)
    article_cli.without_article(args)
    from tradetui.data import claims
    from tradetui.data.load import load_dataset

    found = [c for path in claims.claim_files(args.files) for c in claims.read_claims(path)]
    checks = claims.check_claims(found, load_dataset(args.data))
    if args.json:
        _write_json([claims.to_dict(c) for c in checks])
    else:
        _write(claims.render_text(checks))
    return EXIT_OK if all(c.verdict == claims.CONSISTENT for c in checks) else EXIT_FAILURE


def _export(args: argparse.Namespace) -> int:
    from tradetui.data import export, metrics
    from tradetui.data.load import load_dataset

    pair = _pair(args)
    try:  # a wrong extension or an existing file ends before any reading
        out = export.check_target(args.out, args.force)
    except export.FileExists:
        raise DataError(f"{args.out}: the file exists; pass --force to overwrite it") from None
    reporter, partner, wide = metrics.pair_periods(
        load_dataset(args.data).trade, *pair, doing="export"
    )
    table = export.period_table(wide, args.granularity, args.start, args.end, reporter, partner)
    try:
        written = export.write_frame(table, out, force=args.force)
    except export.FileExists:  # created while the data was read
        raise DataError(f"{out}: the file exists; pass --force to overwrite it") from None
    span = (
        f"{table['period_start'].min()} to {table['period_end'].max()}"
        if table.height
        else "no periods"
    )
    _write(
        f"Wrote {table.height} {args.granularity} row{'s' if table.height != 1 else ''} of "
        f"{reporter}→{partner} ({span}) to {written}"
    )
    return EXIT_OK


def _build_data(args: argparse.Namespace) -> int:
    import polars as pl

    from tradetui.data.build import build
    from tradetui.data.load import load_dataset

    checkout = _checkout_data()
    research = args.research or (checkout / "research" if checkout else None)
    out = args.out or args.data or checkout
    if research is None:
        raise DataError(
            "no research folder: the research files ship with the source checkout only; "
            "pass --research DIR"
        )
    if out is None:
        raise DataError("no output folder outside a source checkout; pass --out DIR")
    if not research.is_dir():
        raise DataError(f"{research}: not a folder; expected the folder of research CSV files")
    try:
        counts = build(research, out)
    except pl.exceptions.PolarsError as exc:
        raise DataError(f"{research}: cannot build the dataset ({first_line(exc)})") from None
    except OSError as exc:
        raise DataError(f"{out}: cannot write ({exc.strerror or exc})") from None
    width = max(len(name) for name in counts)
    lines = [f"Built {out} from {research}:"]
    lines += [f"  {name:<{width}}  {rows:>5} rows" for name, rows in counts.items()]
    lines.append(f"Check: {_describe(load_dataset(out))}")
    _write("\n".join(lines))
    return EXIT_OK


def _serve(args: argparse.Namespace) -> int:
    import errno

    from tradetui import serve_access

    data = args.data  # main() has put the config file's dataset here when not given
    if data is not None:
        _check_data(data)  # bad data ends here, not in a browser tab
    if args.public_url is not None and not serve_access.is_public_url(args.public_url):
        raise UsageError(
            f"{PROG}: error: argument --public-url: found {args.public_url!r}, expected an "
            "http:// or https:// address such as http://myhost.lan:8000"
        )
    from tradetui import serve  # textual-serve and aiohttp load only here

    # Each tab runs this command: the same explorer, data and options as `tradetui`.
    command = [sys.executable, "-m", PROG]
    for option, value in (
        ("--config", args.config),
        ("--theme", getattr(args, "theme", None)),
        ("--unit", getattr(args, "unit", None)),
        ("--decimals", getattr(args, "decimals", None)),
        ("--event-window", getattr(args, "event_window", None)),
        ("--data", data),
    ):
        if isinstance(value, Path):
            value = value.expanduser().absolute()
        if value is not None:
            command += [option, str(value)]
    host, port = args.host, args.port
    if not serve_access.is_loopback(host):
        print(
            f"{PROG}: warning: --host {host or '(all addresses)'} is not loopback: anyone who "
            f"can reach this machine on port {port} can use the explorer and read its data",
            file=sys.stderr,
        )
    try:
        serve.serve(
            command, host, port, args.public_url, not args.no_token, args.max_sessions, PROG
        )
    except OSError as error:  # binding failed: nothing was served
        where = f"{serve_access.url_host(host)}:{port}"
        if error.errno == errno.EADDRINUSE:
            raise UsageError(
                f"{PROG}: error: cannot serve on {where}: the port is in use; "
                "pick another with --port"
            ) from None
        raise UsageError(
            f"{PROG}: error: cannot serve on {where} ({error.strerror or error})"
        ) from None
    return EXIT_OK


# --- entry point -------------------------------------------------------------------------


def _one_line(text: str) -> str:
    """Whitespace runs as one space, other control characters (a quoted ESC) as marks."""
    return clipped(visible(" ".join(text.split())))


def _quiet_stdout() -> None:
    """After a closed pipe, point stdout at /dev/null so the exit flush stays silent."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass  # stdout without a file descriptor (captured): nothing will be flushed


def _polars_error() -> tuple[type[BaseException], ...]:
    """What polars raises on bad data, once a command has read data (else nothing)."""
    errors = sys.modules.get("tradetui.data.polars_errors")
    return errors.READ_ERRORS if errors is not None else (_NeverRaised,)


class _NeverRaised(Exception):
    pass


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 ok, 1 unexpected, 2 bad input)."""
    parser = build_parser()
    configured: tuple[str, Path] | None = None  # the 'data' setting used, and its file
    try:
        try:
            args = parser.parse_args(argv)
        except SystemExit as exc:  # --help and --version print, then exit through argparse
            return exc.code if isinstance(exc.code, int) else EXIT_OK
        if args.run not in (_open_app, _build_data) and getattr(args, "data", None) is None:
            args.data, setting_file = _config_data(args)
            if args.data is not None:  # errors about it name the setting it came from
                configured = (str(args.data), setting_file)
        with panic_noise.hidden(args.run not in (_open_app, _serve)):  # the explorer's terminal
            return args.run(args)
    except UsageError as err:
        print(_one_line(str(err)), file=sys.stderr)
        return EXIT_BAD_INPUT
    except DataError as err:
        more = len(err.problems) - 1
        tail = (
            f" (and {more} more problem{'s' if more > 1 else ''}; '{PROG} validate PATH' lists all)"
            if more > 0
            else ""
        )
        if configured and str(err).startswith(configured[0]):
            tail += f" (the 'data' setting in {configured[1]})"
        print(f"{PROG}: error: {_one_line(str(err))}{tail}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except _polars_error() as exc:
        # Raised while reading a table lazily: the data, not the command, is at fault.
        from tradetui.data.polars_errors import reason

        print(f"{PROG}: error: cannot read the data ({_one_line(reason(exc))})", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        _quiet_stdout()
        return EXIT_FAILURE
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        from tradetui import crash

        print(crash.message(exc, crash.write_log(exc)), file=sys.stderr)
        return EXIT_FAILURE
