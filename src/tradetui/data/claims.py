"""Claims: published statements of a figure, checked against the data.

A claims file is TOML with one ``[[claim]]`` table per claim (format in docs/claims.md).
Each claim gets a verdict: consistent, direction-swapped, inconsistent or not-checkable.

A stated figure is taken to be exact to half a unit of its last written digit (176.5 means
176.45..176.55). TOML numbers are read as Decimal, so the written digits survive parsing
("176.50" keeps its two decimals, which a float would lose).

Pure polars (no textual), like the rest of the data layer.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import polars as pl

from tradetui.data import metrics
from tradetui.data.errors import DataError, quoted
from tradetui.data.load import Dataset, embedded_dir
from tradetui.data.paths import usable
from tradetui.data.periods import (
    YEAR_PATTERN,
    YEARS,
    add_months,
    in_years,
    month_key,
    parse_month,
    short_period_name,
)
from tradetui.data.tolerances import YOY_MARGIN_PP
from tradetui.data.tomlfile import MAX_CLAIMS_BYTES, read_toml

CLAIMS_DIR = "claims"

CONSISTENT = "consistent"
DIRECTION_SWAPPED = "direction-swapped"
INCONSISTENT = "inconsistent"
NOT_CHECKABLE = "not-checkable"
VERDICTS = (CONSISTENT, DIRECTION_SWAPPED, INCONSISTENT, NOT_CHECKABLE)

METRICS = ("value", "yoy_pct", "share_pct")
# Units allowed per metric, with their factor from USD bn where it applies.
METRIC_UNITS: dict[str, dict[str, float | None]] = {
    "value": {"USD bn": 1.0, "USD mn": 1000.0},
    "yoy_pct": {"pct": None},
    "share_pct": {"pct": None},
}
REQUIRED = ("text", "period", "flow", "metric", "value", "unit")
OPTIONAL = ("source", "approx")

APPROX_SHARE = 0.02  # "about", "nearly": within 2% of the stated figure

_FLOW = re.compile(r"^([A-Z]{3})->([A-Z]{3})$")
_MONTH = re.compile(r"^[0-9]{4}-[0-9]{2}$")  # ASCII digits: \d also takes ٢٠٢٣
_YEAR = re.compile(YEAR_PATTERN)


@dataclass(frozen=True)
class Claim:
    """One claim as written, with its period resolved to months and its precision."""

    file: str
    index: int  # 1-based position in its file
    text: str
    source: str | None
    period: str  # as written
    start: str  # YYYY-MM
    end: str
    flow: str  # as written: total | balance | XXX->YYY
    metric: str
    value: float  # in ``unit``
    written: str  # the value as written in the file, e.g. "176.4"
    half_unit: float  # half a unit of the last stated digit, in ``unit``
    unit: str
    approx: bool

    @property
    def label(self) -> str:
        return _claim_label(self.file, self.index, self.text)


@dataclass(frozen=True)
class Check:
    """The verdict on one claim. Figures are in the claim's unit."""

    claim: Claim
    verdict: str
    computed: float | None  # the figure from the data for the stated flow
    difference: float | None  # stated - computed
    tolerance: float  # largest |difference| still consistent
    basis: str | None  # "data" (levels), "published" or "computed" (growth rates)
    margin_pp: float | None  # the YoY margin in the tolerance, when basis is "computed"
    published_figure: str | None  # figure id of the published growth rate used
    opposite_flow: str | None  # the flow the claim fits instead (direction-swapped)
    opposite_value: float | None
    reason: str | None  # why not checkable


# --- reading -----------------------------------------------------------------------------


def _claim_label(file: str, index: int, text: object) -> str:
    """'claims.toml: claim 3 ("Trade in the first three…")'."""
    words = text.split() if isinstance(text, str) else []
    kept: list[str] = []
    for word in words[:6]:
        if kept and len(" ".join([*kept, word])) > 48:
            break
        kept.append(word)
    snippet = " ".join(kept) + ("…" if len(kept) < len(words) else "")
    return f'{file}: claim {index} ("{snippet}")' if snippet else f"{file}: claim {index}"


def claim_files(paths: list[Path] | None = None) -> list[Path]:
    """The files to read: the given ones (a folder means its *.toml), else the shipped claims."""
    if not paths:
        folder = embedded_dir() / CLAIMS_DIR
        found = sorted(folder.glob("*.toml")) if folder.is_dir() else []
        if not found:
            raise DataError(f"{folder}: no claims files (*.toml); pass FILE")
        return found
    out: list[Path] = []
    for path in map(usable, paths):
        if path.is_dir():
            inside = sorted(path.glob("*.toml"))
            if not inside:
                raise DataError(f"{path}: no claims files (*.toml) in this folder")
            out += inside
        else:
            out.append(path)
    return out


def _period(text: str, where: str) -> tuple[str, str]:
    """'2023-09', '2023-01..2023-09' or '2023' -> (first month, last month)."""

    def bad() -> DataError:
        return DataError(
            f"{where}: field period: found {quoted(text)}, expected a month '2023-09', "
            f"a range '2023-01..2023-09' or a year '2023', of {YEARS}"
        )

    text = text.strip()
    if _YEAR.match(text):
        if not in_years(int(text)):
            raise bad()
        return f"{text}-01", f"{text}-12"
    first, sep, last = text.partition("..")
    if not sep:
        first = last = text
    if not (_MONTH.match(first.strip()) and _MONTH.match(last.strip())):
        raise bad()
    try:
        start, end = month_key(parse_month(first)), month_key(parse_month(last))
    except DataError:
        raise bad() from None
    if start > end:
        raise DataError(f"{where}: field period: {text!r} ends before it starts")
    return start, end


def _number(raw: object) -> Decimal | None:
    """The stated number, or None when it is not one that can be checked: not a number,
    or one that is not finite as a float (1e400 is a finite Decimal, but inf as a float)."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        raw = Decimal(raw)
    if isinstance(raw, Decimal) and raw.is_finite() and math.isfinite(float(raw)):
        return raw
    return None


def _found(raw: object) -> str:
    kind = {
        bool: "a boolean",
        str: "a string",
        int: "a number",
        Decimal: "a number",
        list: "a list",
        dict: "a table",
    }.get(type(raw), type(raw).__name__)
    shown = str(raw) if isinstance(raw, int | Decimal) and not isinstance(raw, bool) else repr(raw)
    return f"{kind} ({shown})" if not isinstance(raw, list | dict) else kind


def _parse_claim(table: dict, file: str, index: int) -> Claim:
    where = _claim_label(file, index, table.get("text"))
    for key in table:
        if key not in REQUIRED + OPTIONAL:
            raise DataError(
                f"{where}: unknown field {key!r}; expected {', '.join(REQUIRED + OPTIONAL)}"
            )
    for key in REQUIRED:
        if key not in table:
            raise DataError(f"{where}: missing field {key!r}")

    def text_field(key: str, expected: str) -> str:
        raw = table[key]
        if not isinstance(raw, str) or not raw.strip():
            raise DataError(f"{where}: field {key}: found {_found(raw)}, expected {expected}")
        return raw.strip()

    text = text_field("text", "the claim's text as published")
    source = text_field("source", "the address of the page") if "source" in table else None
    period = text_field("period", "a month '2023-09', a range '2023-01..2023-09' or a year")
    start, end = _period(period, where)
    flow = text_field("flow", "total, balance or a direction such as CHN->RUS")
    if flow not in ("total", "balance") and not _FLOW.match(flow):
        raise DataError(
            f"{where}: field flow: unknown flow {flow!r}; expected total, balance or "
            "a direction written with ISO3 codes such as CHN->RUS"
        )
    match = _FLOW.match(flow)
    if match and match.group(1) == match.group(2):
        raise DataError(f"{where}: field flow: {flow!r} names one country twice")
    metric = text_field("metric", "value, yoy_pct or share_pct")
    if metric not in METRICS:
        raise DataError(
            f"{where}: field metric: unknown metric {metric!r}; expected value, yoy_pct or "
            "share_pct"
        )
    if metric == "share_pct" and not match:
        raise DataError(
            f"{where}: field flow: share_pct needs a direction such as CHN->RUS, found {flow!r}"
        )
    unit = text_field("unit", "USD bn, USD mn or pct")
    allowed = METRIC_UNITS[metric]
    if unit not in allowed:
        known = any(unit in units for units in METRIC_UNITS.values())
        problem = f"{unit!r} does not match metric {metric}" if known else f"unknown unit {unit!r}"
        raise DataError(
            f"{where}: field unit: {problem}; expected "
            f"{' or '.join(repr(u) for u in allowed)} for metric {metric}"
        )
    raw = table["value"]
    number = _number(raw)
    if number is None:
        numeric = isinstance(raw, Decimal | int) and not isinstance(raw, bool)
        expected = "a finite number (at most about 1.8e308)" if numeric else "a number"
        raise DataError(f"{where}: field value: found {_found(raw)}, expected {expected}")
    approx = table.get("approx", False)
    if not isinstance(approx, bool):
        raise DataError(f"{where}: field approx: found {_found(approx)}, expected true or false")
    exponent = int(number.as_tuple().exponent)  # an int for every finite number
    return Claim(
        file=file,
        index=index,
        text=text,
        source=source,
        period=period,
        start=start,
        end=end,
        flow=flow,
        metric=metric,
        value=float(number),
        written=str(number),
        half_unit=float(Decimal(1).scaleb(exponent) / 2),
        unit=unit,
        approx=approx,
    )


def read_claims(path: Path) -> list[Claim]:
    """The claims of one file; DataError naming the file, claim and field when it is bad."""
    name = str(path)
    # Decimal keeps the written digits, from which the precision is read.
    document = read_toml(path, "a claims file (.toml)", MAX_CLAIMS_BYTES, parse_float=Decimal)
    for key in document:
        if key != "claim":
            raise DataError(f"{name}: unknown top-level key {key!r}; expected [[claim]] tables")
    tables = document.get("claim")
    if tables is None:
        raise DataError(f"{name}: no [[claim]] tables; expected at least one claim")
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        raise DataError(f"{name}: 'claim' must be [[claim]] tables, found {_found(tables)}")
    return [_parse_claim(table, name, i) for i, table in enumerate(tables, start=1)]


# --- checking ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Figure:
    value: float | None  # USD bn for value, % otherwise
    basis: str | None
    figure_id: str | None
    reason: str | None


class _Data:
    """The wide table and published figures of the dataset's top pair, with lookups."""

    def __init__(self, dataset: Dataset) -> None:
        pair = metrics.top_pair(dataset.trade)
        if pair is None:
            raise DataError("the dataset has no trade rows to check claims against")
        self.reporter, self.partner = pair
        self.wide = metrics.periods(dataset.trade, self.reporter, self.partner)
        self.published = dataset.published.collect().filter(
            pl.col("chosen").fill_null(False),
            pl.col("currency") == "USD",
            pl.col("reporter") == self.reporter,
            pl.col("partner") == self.partner,
            pl.col("yoy_pct").is_not_null(),
        )
        self.first = self.wide["period_start"].min()
        self.last = self.wide["period_end"].max()
        self._records: dict[tuple[str, str], dict] = {}

    def direction(self, flow: str) -> str:
        """The reporter-side name (export, import, total, balance) of a claim's flow."""
        if flow in ("total", "balance"):
            return flow
        return "export" if flow == f"{self.reporter}->{self.partner}" else "import"

    def code(self, flow: str) -> str:
        """A flow named the way claims write it."""
        return {
            "export": f"{self.reporter}->{self.partner}",
            "import": f"{self.partner}->{self.reporter}",
        }.get(flow, flow)

    def record(self, start: str, end: str) -> dict:
        key = (start, end)
        if key not in self._records:
            self._records[key] = metrics.range_record(self.wide, start, end)
        return self._records[key]

    def figure(self, start: str, end: str, flow: str, metric: str) -> _Figure:
        """The data's figure for a reporter-side flow (balance may be negated: '-balance')."""
        sign = -1.0 if flow == "-balance" else 1.0
        flow = flow.lstrip("-")
        record = self.record(start, end)
        if metric == "value":
            value = record[flow]
            value = None if value is None else sign * value
            return _Figure(value, "data", None, self.why_missing(start, end, flow, metric))
        if metric == "share_pct":
            part, total = record[flow], record["total"]
            value = part / total * 100 if part is not None and total else None
            return _Figure(value, "data", None, self.why_missing(start, end, flow, metric))
        if flow == "balance":
            reason = "growth of a balance is not computed (a balance can change sign)"
            return _Figure(None, None, None, reason)
        published = self.published.filter(
            pl.col("period_start") == start,
            pl.col("period_end") == end,
            pl.col("flow") == flow,
        )
        if published.height:
            row = published.row(0, named=True)
            return _Figure(row["yoy_pct"], "published", row["figure_id"], None)
        value = record[f"yoy_{flow}"]
        return _Figure(value, "computed", None, self.why_missing(start, end, flow, metric))

    def why_missing(self, start: str, end: str, flow: str, metric: str) -> str | None:
        """Why the data gives no figure for this range and flow (None when it does)."""
        record = self.record(start, end)
        needed = {"balance": ("export", "import"), "total": ("total",)}.get(flow, (flow,))
        if metric == "share_pct":
            needed = (flow, "total")
        reason = self._gap(start, end, needed, record)
        if reason or metric != "yoy_pct":
            return reason
        previous = self.record(*(_year_earlier(start), _year_earlier(end)))
        gap = self._gap(_year_earlier(start), _year_earlier(end), needed, previous)
        if gap:
            return f"for the same months a year earlier: {gap}"
        return None if record[f"yoy_{flow}"] is not None else "no growth rate can be computed"

    def _gap(self, start: str, end: str, needed: tuple[str, ...], record: dict) -> str | None:
        if all(record[f] is not None for f in needed):
            return None
        if start < self.first or end > self.last:
            return f"the data covers {self.first} to {self.last}"
        for first, last in self.wide.select("period_start", "period_end").iter_rows():
            if first < start <= last or first <= end < last:
                return f"the data gives {short_period_name(first, last)} only as one period"
        inside = self.wide.filter((pl.col("period_start") >= start) & (pl.col("period_end") <= end))
        covered = {
            month_key(add_months(parse_month(row["period_start"]), i))
            for row in inside.iter_rows(named=True)
            for i in range(row["months"])
        }
        gaps: list[str] = []
        day = parse_month(start)
        while day <= parse_month(end):
            if month_key(day) not in covered:
                gaps.append(f"no data for {short_period_name(month_key(day), month_key(day))}")
            day = add_months(day, 1)
        for flow in needed:
            missing = inside.filter(pl.col(flow).is_null())
            if missing.height:
                names = ", ".join(
                    short_period_name(a, b)
                    for a, b in missing.select("period_start", "period_end").iter_rows()
                )
                gaps.append(f"no {self.code(flow)} figure for {names}")
        return "; ".join(gaps) or "the data cannot give this figure"


def _year_earlier(month: str) -> str:
    return f"{int(month[:4]) - 1}{month[4:]}"


def _tolerance(claim: Claim, basis: str | None) -> tuple[float, float | None]:
    """(tolerance, YoY margin used) for a claim checked on this basis."""
    tolerance = claim.half_unit
    if claim.approx:
        tolerance = max(tolerance, APPROX_SHARE * abs(claim.value))
    if claim.metric == "yoy_pct" and basis == "computed":
        return tolerance + YOY_MARGIN_PP, YOY_MARGIN_PP
    return tolerance, None


def _within(difference: float, tolerance: float) -> bool:
    # The small slack absorbs float noise at the edge (176.45 vs 176.4 at ±0.05).
    return abs(difference) <= tolerance + 1e-9


def _scaled(claim: Claim, value: float | None) -> float | None:
    factor = METRIC_UNITS[claim.metric][claim.unit]
    return value if value is None or factor is None else value * factor


def _check(claim: Claim, data: _Data) -> Check:
    flow = data.direction(claim.flow)
    figure = data.figure(claim.start, claim.end, flow, claim.metric)
    computed = _scaled(claim, figure.value)
    tolerance, margin = _tolerance(claim, figure.basis)
    base = {
        "claim": claim,
        "computed": computed,
        "tolerance": tolerance,
        "basis": figure.basis,
        "margin_pp": margin,
        "published_figure": figure.figure_id,
        "opposite_flow": None,
        "opposite_value": None,
        "reason": None,
    }
    if computed is None:
        reason = figure.reason or "the data cannot give this figure"
        return Check(verdict=NOT_CHECKABLE, difference=None, **{**base, "reason": reason})
    difference = claim.value - computed
    if _within(difference, tolerance):
        return Check(verdict=CONSISTENT, difference=difference, **base)
    opposite = {"export": "import", "import": "export", "balance": "-balance"}.get(flow)
    if opposite is not None:
        other = data.figure(claim.start, claim.end, opposite, claim.metric)
        other_value = _scaled(claim, other.value)
        other_tolerance, _ = _tolerance(claim, other.basis)
        if other_value is not None and _within(claim.value - other_value, other_tolerance):
            name = (
                f"the balance from {data.partner}'s side"
                if opposite == "-balance"
                else data.code(opposite)
            )
            return Check(
                verdict=DIRECTION_SWAPPED,
                difference=difference,
                **{**base, "opposite_flow": name, "opposite_value": other_value},
            )
    return Check(verdict=INCONSISTENT, difference=difference, **base)


def check_claims(claims: list[Claim], dataset: Dataset) -> list[Check]:
    """A verdict per claim against the dataset's top pair.

    Raises DataError (naming the claim and field) when a claim names a country code that
    is not one of the pair's two.
    """
    data = _Data(dataset)
    codes = {data.reporter, data.partner}
    for claim in claims:
        match = _FLOW.match(claim.flow)
        if match and {match.group(1), match.group(2)} != codes:
            raise DataError(
                f"{claim.label}: field flow: {claim.flow!r} is not a direction of the data's "
                f"pair; expected {data.reporter}->{data.partner} or "
                f"{data.partner}->{data.reporter}"
            )
    return [_check(claim, data) for claim in claims]


def yoy_margins(dataset: Dataset) -> pl.DataFrame:
    """Published USD growth rates against the same growth recomputed from the data.

    One row per published figure with a yoy_pct whose range the data can rebuild for
    both years: figure_id, period_start, period_end, flow, published, computed,
    difference (|published - computed|, percentage points).
    """
    data = _Data(dataset)
    published = dataset.published.collect().filter(
        pl.col("currency") == "USD",
        pl.col("yoy_pct").is_not_null(),
        pl.col("flow").is_in(["export", "import", "total"]),
        pl.col("reporter") == data.reporter,
        pl.col("partner") == data.partner,
    )
    rows = []
    for row in published.iter_rows(named=True):
        computed = data.record(row["period_start"], row["period_end"])[f"yoy_{row['flow']}"]
        if computed is not None:
            rows.append(
                (
                    row["figure_id"],
                    row["period_start"],
                    row["period_end"],
                    row["flow"],
                    row["yoy_pct"],
                    computed,
                    abs(row["yoy_pct"] - computed),
                )
            )
    return pl.DataFrame(
        rows,
        schema={
            "figure_id": pl.String,
            "period_start": pl.String,
            "period_end": pl.String,
            "flow": pl.String,
            "published": pl.Float64,
            "computed": pl.Float64,
            "difference": pl.Float64,
        },
        orient="row",
    )


# --- output ------------------------------------------------------------------------------


# Decimals shown for figures from the data, by unit.
SHOWN_DECIMALS = {"USD bn": 3, "USD mn": 1, "pct": 2}


def format_figure(claim: Claim, value: float, difference: bool = False) -> str:
    """A figure in the claim's unit; a difference of percentages is in points (pp)."""
    places = SHOWN_DECIMALS[claim.unit]
    if difference:
        return f"{value:+.{places}f}" + (" pp" if claim.unit == "pct" else f" {claim.unit}")
    return f"{value:.{places}f}" + ("%" if claim.unit == "pct" else f" {claim.unit}")


def stated_text(claim: Claim) -> str:
    """'176.4 USD bn ±0.05', 'about 81.4 USD bn ±1.628 (2%)'."""
    unit = "%" if claim.unit == "pct" else f" {claim.unit}"
    tolerance, _ = _tolerance(claim, None)
    if claim.approx:
        return f"about {claim.written}{unit} ±{tolerance:.4g} ({APPROX_SHARE:.0%})"
    return f"{claim.written}{unit} ±{tolerance:g}"


def basis_note(check: Check) -> str:
    if check.basis == "published":
        return f" (published, {check.published_figure})"
    if check.basis == "computed":
        return f" (computed, ±{check.margin_pp:g} pp margin)"
    return ""


def to_dict(check: Check) -> dict:
    """One claim's result as the JSON object documented in docs/claims.md."""
    claim = check.claim
    return {
        "file": claim.file,
        "index": claim.index,
        "text": claim.text,
        "source": claim.source,
        "period": claim.period,
        "from": claim.start,
        "to": claim.end,
        "flow": claim.flow,
        "metric": claim.metric,
        "unit": claim.unit,
        "approx": claim.approx,
        "stated": claim.value,
        "tolerance": round(check.tolerance, 6),
        "computed": None if check.computed is None else round(check.computed, 6),
        "difference": None if check.difference is None else round(check.difference, 6),
        "basis": check.basis,
        "margin_pp": check.margin_pp,
        "published_figure": check.published_figure,
        "verdict": check.verdict,
        "opposite_flow": check.opposite_flow,
        "opposite_value": None if check.opposite_value is None else round(check.opposite_value, 6),
        "reason": check.reason,
    }


def render_text(checks: list[Check]) -> str:
    """Plain text: per claim its verdict, text, stated and data figures, difference, source."""
    lines: list[str] = []
    current_file = None
    for check in checks:
        claim = check.claim
        if claim.file != current_file:
            lines += [*([""] if current_file is not None else []), claim.file]
            current_file = claim.file
        lines += [
            "",
            f"{claim.index:>3}. {check.verdict}  ({claim.period}, {claim.flow}, {claim.metric})",
            f"     {claim.text}",
        ]
        if check.computed is None:
            lines.append(f"     stated {stated_text(claim)}   data —")
        else:
            lines.append(
                f"     stated {stated_text(claim)}   data {format_figure(claim, check.computed)}"
                f"{basis_note(check)}   difference "
                f"{format_figure(claim, check.difference or 0.0, difference=True)}"
            )
        if check.verdict == DIRECTION_SWAPPED and check.opposite_value is not None:
            lines.append(
                f"     consistent with {check.opposite_flow} "
                f"({format_figure(claim, check.opposite_value)})"
            )
        if check.reason:
            lines.append(f"     not in the data: {check.reason}")
        if claim.source:
            lines.append(f"     source: {claim.source}")
    counts = {verdict: sum(c.verdict == verdict for c in checks) for verdict in VERDICTS}
    tally = ", ".join(f"{n} {verdict}" for verdict, n in counts.items() if n)
    lines += ["", f"{len(checks)} claim{'s' if len(checks) != 1 else ''}: {tally}"]
    return "\n".join(lines)
