"""Claims files: TOML tables read into Claim records, or one line naming what is wrong.

TOML numbers are read as Decimal, so the written digits survive parsing ("176.50" keeps its
two decimals, which a float would lose); a stated figure holds to half a unit of its last
written digit.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal
from pathlib import Path

from tradetui.data.claims.model import (
    BOUNDS,
    CURRENCIES,
    METRIC_UNITS,
    METRICS,
    SHARE_TOTAL,
    SIGNS,
    Claim,
    claim_label,
)
from tradetui.data.errors import DataError, quoted
from tradetui.data.load import embedded_dir
from tradetui.data.paths import usable
from tradetui.data.periods import YEAR_PATTERN, YEARS, in_years, month_key, parse_month
from tradetui.data.tomlfile import MAX_CLAIMS_BYTES, read_toml

CLAIMS_DIR = "claims"

REQUIRED = ("text", "period", "flow", "metric")
OPTIONAL = (
    "source", "value", "sign", "unit", "currency", "bound", "approx", "share_of", "record",
)  # fmt: skip
# No trade figure or percentage comes near this; beyond it a float loses the figure.
LARGEST_VALUE = 1e12

_FLOW = re.compile(r"^([A-Z]{3})->([A-Z]{3})$")
_SHARE_OF = re.compile(r"^([A-Z]{3}) (exports|imports|trade)$")
_MONTH = re.compile(r"^[0-9]{4}-[0-9]{2}$")  # ASCII digits: \d also takes ٢٠٢٣
_YEAR = re.compile(YEAR_PATTERN)


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


def flow_codes(flow: str) -> tuple[str, str] | None:
    """('CHN', 'RUS') for a direction 'CHN->RUS'; None for total and balance."""
    match = _FLOW.match(flow)
    return (match.group(1), match.group(2)) if match else None


def share_of_code(share_of: str) -> str | None:
    """The country a world share is of ('CHN imports' -> 'CHN'); None for the pair's total."""
    match = _SHARE_OF.match(share_of)
    return match.group(1) if match else None


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
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return Decimal(raw)
    if isinstance(raw, Decimal) and raw.is_finite():
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


def parse_claim(table: dict, file: str, index: int) -> Claim:
    """One ``[[claim]]`` table as a Claim; DataError naming the file, claim and field.

    ``file`` and ``index`` (from 1) only name the claim in messages and output.
    """
    where = claim_label(file, index, table.get("text"))
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
    codes = flow_codes(flow)
    if codes and codes[0] == codes[1]:
        raise DataError(f"{where}: field flow: {flow!r} names one country twice")
    metric = text_field("metric", "value, yoy_pct, mom_pct or share_pct")
    if metric not in METRICS:
        raise DataError(
            f"{where}: field metric: unknown metric {metric!r}; expected value, yoy_pct, "
            "mom_pct or share_pct"
        )
    if metric == "mom_pct" and start != end:
        raise DataError(
            f"{where}: field period: mom_pct (the change on the month before) needs one "
            f"month such as '2024-08', found {period!r}"
        )
    if metric == "share_pct" and not codes:
        raise DataError(
            f"{where}: field flow: share_pct needs a direction such as CHN->RUS, found {flow!r}"
        )
    share_of = _share_of(table, metric, where, text_field)
    record = _record(table, metric, flow, where)
    if ("value" in table) == ("sign" in table) and not (record and "value" not in table):
        raise DataError(
            f"{where}: give either field 'value' (the stated figure) or field 'sign' "
            "(positive or negative, for a claim without a figure)"
            + (", not both" if "value" in table else "")
        )
    if "unit" in table:
        unit = text_field("unit", "USD bn, USD mn or pct")
    elif "value" not in table:
        unit = next(iter(METRIC_UNITS[metric]))
    else:
        raise DataError(f"{where}: missing field 'unit'")
    allowed = METRIC_UNITS[metric]
    if unit not in allowed:
        known = any(unit in units for units in METRIC_UNITS.values())
        problem = f"{unit!r} does not match metric {metric}" if known else f"unknown unit {unit!r}"
        raise DataError(
            f"{where}: field unit: {problem}; expected "
            f"{' or '.join(repr(u) for u in allowed)} for metric {metric}"
        )
    currency = _currency(table, metric, unit, where, text_field)
    bound = _bound(table, where, text_field)
    if "value" not in table and "sign" not in table:  # a record, without a figure
        if bound is not None:
            raise DataError(f"{where}: field bound: a claim without a value has no bound")
        return Claim(
            file=file, index=index, text=text, source=source, period=period, start=start,
            end=end, flow=flow, metric=metric, value=None, written=None, half_unit=0.0,
            unit=unit, currency=currency, record=True,
        )  # fmt: skip
    if "sign" in table:
        sign = text_field("sign", "positive or negative")
        if sign not in SIGNS:
            raise DataError(f"{where}: field sign: found {sign!r}, expected positive or negative")
        signed = metric == "yoy_pct" or flow == "balance" or metric == "mom_pct"
        signed = signed and metric != "share_pct"
        if not signed:
            raise DataError(
                f"{where}: field sign: only a growth rate (yoy_pct, mom_pct) or a balance "
                f"has a sign to check, found metric {metric} of flow {flow}"
            )
        if bound is not None:
            raise DataError(f"{where}: field bound: a claim without a value has no bound")
        return Claim(
            file=file, index=index, text=text, source=source, period=period, start=start,
            end=end, flow=flow, metric=metric, value=None, written=None, half_unit=0.0,
            unit=unit, sign=sign, currency=currency,
        )  # fmt: skip
    raw = table["value"]
    number = _number(raw)
    if number is None:
        expected = "a finite number" if isinstance(raw, Decimal) else "a number"
        raise DataError(f"{where}: field value: found {_found(raw)}, expected {expected}")
    value = float(number)
    if not math.isfinite(value) or abs(value) > LARGEST_VALUE:
        raise DataError(
            f"{where}: field value: {number} is beyond any trade figure "
            f"(at most {LARGEST_VALUE:g} in size)"
        )
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
        value=value,
        written=str(number),
        half_unit=float(Decimal(1).scaleb(exponent) / 2),
        unit=unit,
        bound=bound,
        share_of=share_of,
        currency=currency,
        record=record,
    )


def _share_of(table: dict, metric: str, where: str, text_field) -> str:
    if "share_of" not in table:
        return SHARE_TOTAL
    if metric != "share_pct":
        raise DataError(f"{where}: field share_of: only a share_pct claim has it")
    share_of = text_field("share_of", "total, or a country's world trade such as 'CHN imports'")
    if share_of != SHARE_TOTAL and not _SHARE_OF.match(share_of):
        raise DataError(
            f"{where}: field share_of: found {share_of!r}, expected 'total' (the pair's trade) "
            "or a country's trade with the world such as 'CHN imports', 'RUS exports', "
            "'CHN trade'"
        )
    return share_of


def _currency(table: dict, metric: str, unit: str, where: str, text_field) -> str:
    """USD unless the claim says yuan: a CNY unit for a value, ``currency`` for a rate."""
    in_unit = unit.split(" ")[0] if metric == "value" else None
    if "currency" not in table:
        return in_unit or "USD"
    currency = text_field("currency", "USD or CNY")
    if currency not in CURRENCIES:
        raise DataError(f"{where}: field currency: found {currency!r}, expected USD or CNY")
    if metric in ("share_pct", "mom_pct") and currency != "USD":
        raise DataError(f"{where}: field currency: only values and yoy_pct are given in yuan")
    if in_unit is not None and in_unit != currency:
        raise DataError(f"{where}: field currency: {currency} does not match unit {unit!r}")
    return currency


def _record(table: dict, metric: str, flow: str, where: str) -> bool:
    record = table.get("record", False)
    if not isinstance(record, bool):
        raise DataError(f"{where}: field record: found {_found(record)}, expected true or false")
    if record and (metric != "value" or flow == "balance"):
        raise DataError(
            f"{where}: field record: only a level of trade (metric value of total or a "
            f"direction) can be a record, found metric {metric} of flow {flow}"
        )
    if record and "sign" in table:
        raise DataError(f"{where}: field record: a record has no sign")
    return record


def _bound(table: dict, where: str, text_field) -> str | None:
    approx = table.get("approx", False)
    if not isinstance(approx, bool):
        raise DataError(f"{where}: field approx: found {_found(approx)}, expected true or false")
    if "bound" not in table:
        return "about" if approx else None
    if "approx" in table:
        raise DataError(f"{where}: give field bound or field approx, not both")
    bound = text_field("bound", ", ".join(BOUNDS))
    if bound not in BOUNDS:
        raise DataError(f"{where}: field bound: found {bound!r}, expected {', '.join(BOUNDS)}")
    return bound


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
    return [parse_claim(table, name, i) for i, table in enumerate(tables, start=1)]
