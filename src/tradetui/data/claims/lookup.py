"""The figures a claim is compared with: the data's wide table of the dataset's top pair,
its published figures (first releases, other versions, yuan rates), precisions and gaps."""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

import polars as pl

from tradetui.data import metrics, mirror
from tradetui.data.errors import DataError
from tradetui.data.load import Dataset
from tradetui.data.periods import add_months, month_key, parse_month, short_period_name

# excluded_because of a USD figure that is an outlet's conversion of a yuan figure.
YUAN_CONVERSION = "conversion of a yuan figure"


def half_unit(value: float) -> float:
    """Half a unit of the last digit a figure is written with: 176.4 -> 0.05, 190 -> 0.5.

    A figure stored as '245.0' was written '245' (the CSV keeps floats), so a bare '.0'
    counts as no decimals.
    """
    if not math.isfinite(value):
        return 0.0
    text = repr(float(value)).removesuffix(".0")
    exponent = int(Decimal(text).as_tuple().exponent)
    return float(Decimal(1).scaleb(exponent) / 2)


def _agreed(rows: list[Row], figure, precise_counts: bool) -> list[Row]:
    """The rows whose figure is the chosen one's, is given by two pages or is the only one
    given; with ``precise_counts``, also any as precise as the chosen figure."""
    pages: dict[float, set[str | None]] = {}
    for row in rows:
        pages.setdefault(figure(row), set()).add(row.source_url)
    chosen = [half_unit(figure(r)) for r in rows if r.chosen]
    finest = min(chosen) if chosen else math.inf
    return [
        r
        for r in rows
        if r.chosen
        or len(pages[figure(r)]) >= 2
        or len(pages) == 1
        or (precise_counts and half_unit(figure(r)) <= finest)
    ]


def year_earlier(month: str) -> str:
    return f"{int(month[:4]) - 1}{month[4:]}"


@dataclass(frozen=True)
class Row:
    """One published figure of the pair, flows named from the reporter's side."""

    figure_id: str
    start: str
    end: str
    kind: str
    flow: str  # export | import | total | balance
    value: float | None  # USD bn (balance from the reporter's side), or bn CNY
    currency: str | None
    yoy_pct: float | None
    usable: bool
    chosen: bool
    excluded_because: str | None
    source_url: str | None


class ClaimData:
    """The wide table and published figures of the dataset's top pair, with lookups."""

    def __init__(self, dataset: Dataset) -> None:
        pair = metrics.top_pair(dataset.trade)
        if pair is None:
            raise DataError("the dataset has no trade rows to check claims against")
        self.reporter, self.partner = pair
        self.wide = metrics.periods(dataset.trade, self.reporter, self.partner)
        self.first = self.wide["period_start"].min()
        self.last = self.wide["period_end"].max()
        self._records: dict[tuple[str, str], dict] = {}
        # The partner's own customs record of the same trade, when the dataset holds it.
        self.mirror = (
            metrics.periods(dataset.trade, self.partner, self.reporter)
            if mirror.has_mirror(dataset.trade, self.reporter, self.partner)
            else None
        )
        self._mirror_records: dict[tuple[str, str], dict] = {}
        published = dataset.published.collect().filter(
            pl.col("reporter") == self.reporter, pl.col("partner") == self.partner
        )
        self.rows: dict[tuple[str, str, str], list[Row]] = {}
        for row in published.iter_rows(named=True):
            flow, value = row["flow"], row["value"]
            if flow == "partner_surplus":  # the partner's surplus is the reporter's deficit
                flow, value = "balance", None if value is None else -value
            found = Row(
                figure_id=row["figure_id"], start=row["period_start"], end=row["period_end"],
                kind=row["kind"], flow=flow, value=value, currency=row["currency"],
                yoy_pct=row["yoy_pct"], usable=bool(row["usable"]), chosen=bool(row["chosen"]),
                excluded_because=row["excluded_because"], source_url=row["source_url"],
            )  # fmt: skip
            self.rows.setdefault((found.start, found.end, flow), []).append(found)
        self._inputs = self._month_inputs(dataset)

    # --- names ---------------------------------------------------------------------------

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

    # --- the data's figures --------------------------------------------------------------

    def record(self, start: str, end: str) -> dict:
        key = (start, end)
        if key not in self._records:
            self._records[key] = metrics.range_record(self.wide, start, end)
        return self._records[key]

    def value(self, start: str, end: str, flow: str) -> float | None:
        """The data's level for a reporter-side flow (USD bn)."""
        return self.record(start, end)[flow]

    def mirror_value(self, start: str, end: str, flow: str) -> float | None:
        """The partner's record of a reporter-side flow: its imports for our exports, its
        exports for our imports, its total; the balance from our side. None without one."""
        if self.mirror is None:
            return None
        key = (start, end)
        if key not in self._mirror_records:
            self._mirror_records[key] = metrics.range_record(self.mirror, start, end)
        record = self._mirror_records[key]
        if flow == "balance":
            return None if record["balance"] is None else -record["balance"]
        return record[{"export": "import", "import": "export"}.get(flow, flow)]

    def share(self, start: str, end: str, flow: str) -> float | None:
        record = self.record(start, end)
        part, total = record[flow], record["total"]
        return part / total * 100 if part is not None and total else None

    # --- published figures ---------------------------------------------------------------

    def published(self, start: str, end: str, flow: str) -> list[Row]:
        """GACC's USD figures for exactly this period and flow, as pages published them;
        the chosen one first."""
        rows = self.rows.get((start, end, flow), [])
        usd = [r for r in rows if r.usable and r.currency == "USD"]
        return sorted(usd, key=lambda r: (not r.chosen, r.figure_id))

    def published_versions(self, start: str, end: str, flow: str) -> list[Row]:
        """The published levels a claim may match: the chosen figure, and any other that
        two pages give or that is as precise as the chosen one (a figure one page alone
        gives, coarser than the chosen one, is a rounding by that page, not GACC's: "191"
        beside 190.271)."""
        rows = [r for r in self.published(start, end, flow) if r.value is not None]
        return _agreed(rows, lambda r: r.value, precise_counts=True)

    def published_rates(self, start: str, end: str, flow: str) -> list[Row]:
        """GACC's USD growth rates for this period and flow, by the same rule: a rate one
        page alone gives against the others (a yuan rate beside a dollar figure), or a
        coarser rate than the chosen figure's ("30%" beside 29.3%), is left out."""
        rows = [r for r in self.published(start, end, flow) if r.yoy_pct is not None]
        agreed = _agreed(rows, lambda r: r.yoy_pct, precise_counts=False)
        chosen = [half_unit(r.yoy_pct) for r in agreed if r.chosen and r.yoy_pct is not None]
        finest = min(chosen) if chosen else math.inf
        return [r for r in agreed if r.chosen or half_unit(r.yoy_pct or 0.0) <= finest]

    def unstated_rates(self, start: str, end: str, flow: str) -> list[Row]:
        """Growth rates whose page names no currency, where GACC's dollar rate is not
        published, leaving out any equal to a yuan rate of the period or to a near period's
        dollar rate (that is what it is)."""
        if self.published_rates(start, end, flow):
            return []
        # A rate equal to the year to date's (up to this month, the next or the one before)
        # is that period's, given for this one: "+75.6% in May" for Jan–May's +75.6%.
        year, last = end[:4], parse_month(end)
        near = {
            r.yoy_pct
            for month in (last, add_months(last, 1), add_months(last, -1))
            if month_key(month)[:4] == year and (f"{year}-01", month_key(month)) != (start, end)
            for r in self.published_rates(f"{year}-01", month_key(month), flow)
        }
        other = {r.yoy_pct for r in self.yuan_rates(start, end, flow)} | near
        rows = self.rows.get((start, end, flow), [])
        return [
            r
            for r in rows
            if r.currency is None and r.yoy_pct is not None and r.yoy_pct not in other
        ]

    def yuan_values(self, start: str, end: str, flow: str) -> list[Row]:
        """GACC's yuan figures (bn CNY) for this period and flow, the chosen one first."""
        rows = self.rows.get((start, end, flow), [])
        found = [r for r in rows if r.currency == "CNY" and r.value is not None]
        return sorted(found, key=lambda r: (not r.chosen, r.figure_id))

    def yuan_rates(self, start: str, end: str, flow: str) -> list[Row]:
        """Growth rates published in yuan for this period and flow."""
        rows = self.rows.get((start, end, flow), [])
        return [r for r in rows if r.currency == "CNY" and r.yoy_pct is not None]

    def yuan_conversions(self, start: str, end: str, flow: str) -> list[Row]:
        """Outlets' dollar conversions of a yuan figure (not GACC's USD series)."""
        rows = self.rows.get((start, end, flow), [])
        return [r for r in rows if YUAN_CONVERSION in (r.excluded_because or "")]

    # --- precision -----------------------------------------------------------------------

    def _month_inputs(self, dataset: Dataset) -> dict[tuple[str, str, str], float]:
        """Half-unit of each period's value: the sum over the figures it is derived from."""
        halves = {
            r.figure_id: half_unit(r.value)
            for rs in self.rows.values()
            for r in rs
            if r.value is not None
        }
        trade = dataset.trade.filter(
            pl.col("reporter") == self.reporter, pl.col("partner") == self.partner
        ).collect()
        has_inputs = "value_figures" in trade.columns
        out: dict[tuple[str, str, str], float] = {}
        for row in trade.drop_nulls("value").iter_rows(named=True):
            ids = (row.get("value_figures") or "").split(";") if has_inputs else []
            known = [halves[i] for i in ids if i in halves]
            precision = sum(known) if known and len(known) == len(ids) else half_unit(row["value"])
            out[(row["period_start"], row["period_end"], row["flow"])] = precision
        return out

    def precision(self, start: str, end: str, flow: str) -> float:
        """Half-unit of the data's level for this range and flow (USD bn): of the published
        YTD figure where the range is one, else summed over the periods inside."""
        if start[5:] == "01" and start[:4] == end[:4]:
            value = self.value(start, end, flow)
            for row in self.published(start, end, flow):
                if row.value is not None and abs(row.value - (value or 0)) < 1e-9:
                    return half_unit(row.value)
        inside = self.wide.filter((pl.col("period_start") >= start) & (pl.col("period_end") <= end))
        total = 0.0
        for first, last in inside.select("period_start", "period_end").iter_rows():
            if flow == "total" and (first, last, "total") not in self._inputs:
                parts = ("export", "import")
            else:
                parts = (flow,)
            total += sum(self._inputs.get((first, last, part), 0.0) for part in parts)
        return total

    # --- gaps ----------------------------------------------------------------------------

    def why_missing(self, start: str, end: str, flow: str, metric: str) -> str | None:
        """Why the data gives no figure for this range and flow (None when it does)."""
        record = self.record(start, end)
        needed = {"balance": ("export", "import"), "total": ("total",)}.get(flow, (flow,))
        if metric == "share_pct":
            needed = (flow, "total")
        reason = self._gap(start, end, needed, record)
        if reason or metric != "yoy_pct":
            return reason
        before = year_earlier(start), year_earlier(end)
        gap = self._gap(*before, needed, self.record(*before))
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
