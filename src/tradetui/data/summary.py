"""A summary of a month range: headline numbers and a short paragraph written from them.

Pure polars (no textual), so the CLI and the app share it. Values are USD bn, growth
is % against the same range a year earlier; anything the data does not give is None.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from tradetui.data import metrics
from tradetui.data.countries import country_name, possessive
from tradetui.data.errors import DataError
from tradetui.data.load import Dataset
from tradetui.data.periods import (
    add_months,
    month_key,
    parse_month,
    range_name,
    short_period_name,
)


@dataclass(frozen=True)
class FlowSummary:
    """One flow over the range: our value and growth, and what was published for it."""

    flow: str  # export | import | total
    label: str  # "China's exports to Russia"
    value: float | None
    previous: float | None  # the same range a year earlier
    yoy_pct: float | None
    published_value: float | None  # the chosen published figure for exactly this range
    published_yoy_pct: float | None
    published_figure: str | None


@dataclass(frozen=True)
class MissingPeriod:
    start: str
    end: str
    flows: tuple[str, ...]  # the flows without a value (all three when no row exists)


@dataclass(frozen=True)
class RangeEvent:
    date: str  # as the events table gives it: YYYY-MM-DD or YYYY-MM
    title: str
    category: str | None


@dataclass(frozen=True)
class Summary:
    origin: str
    reporter: str
    partner: str
    start: str
    end: str
    months: int  # months in the range
    months_with_data: int  # months covered by periods whose total is known
    total: FlowSummary
    export: FlowSummary
    import_: FlowSummary
    balance: float | None  # export - import; positive = reporter surplus
    largest_month: tuple[str, float] | None  # (YYYY-MM, total) of the biggest single month
    events: tuple[RangeEvent, ...]
    has_events: bool  # False when the dataset carries no events table
    missing: tuple[MissingPeriod, ...]
    # Events in the `around` months either side of the range (none unless asked for).
    events_around: tuple[RangeEvent, ...] = ()
    around: int = 0

    @property
    def flows(self) -> tuple[FlowSummary, FlowSummary, FlowSummary]:
        return (self.total, self.export, self.import_)

    @property
    def balance_favours(self) -> str | None:
        """The code of the side with the surplus, None when balanced or unknown."""
        if self.balance is None or self.balance == 0:
            return None
        return self.reporter if self.balance > 0 else self.partner

    @property
    def label(self) -> str:
        return range_name(self.start, self.end, short=True)

    @property
    def largest_month_to_tell(self) -> tuple[str, float] | None:
        """The biggest month, worth a sentence only when the range has more than one."""
        return self.largest_month if self.months > 1 else None

    def to_dict(self) -> dict:
        """The JSON shape documented in docs/cli.md (values rounded for stable output)."""

        def num(value: float | None, places: int) -> float | None:
            return None if value is None else round(value, places)

        favours = self.balance_favours
        return {
            "dataset": self.origin,
            "reporter": {"code": self.reporter, "name": country_name(self.reporter)},
            "partner": {"code": self.partner, "name": country_name(self.partner)},
            "range": {
                "from": self.start,
                "to": self.end,
                "label": self.label,
                "months": self.months,
                "months_with_data": self.months_with_data,
            },
            "unit": "USD bn",
            "flows": {
                f.flow: {
                    "label": f.label,
                    "value": num(f.value, 3),
                    "previous": num(f.previous, 3),
                    "yoy_pct": num(f.yoy_pct, 2),
                    "published_value": num(f.published_value, 3),
                    "published_yoy_pct": num(f.published_yoy_pct, 2),
                    "published_figure": f.published_figure,
                }
                for f in self.flows
            },
            "balance": {
                "value": num(self.balance, 3),
                "favours": favours,
                "favours_name": country_name(favours) if favours else None,
            },
            "largest_month": (
                {
                    "period": self.largest_month[0],
                    "label": short_period_name(self.largest_month[0], self.largest_month[0]),
                    "total": num(self.largest_month[1], 3),
                }
                if self.largest_month
                else None
            ),
            "events": (
                [{"date": e.date, "title": e.title, "category": e.category} for e in self.events]
                if self.has_events
                else None
            ),
            "missing": [
                {
                    "from": m.start,
                    "to": m.end,
                    "label": short_period_name(m.start, m.end),
                    "flows": list(m.flows),
                }
                for m in self.missing
            ],
        }


def resolve_range(
    wide: pl.DataFrame,
    start: str | None,
    end: str | None,
    names: tuple[str, str] = ("--from", "--to"),
) -> tuple[str, str]:
    """Check --from/--to against the data; fill what is not given.

    Neither given: the latest full year. Only one given: the rest of that calendar year,
    within the data. Raises DataError naming the option (``names``) when a month is
    malformed, outside the data, cuts a combined period (Jan–Feb) in two, or when from is
    after to.
    """
    from_name, to_name = names
    if wide.is_empty():
        raise DataError("the dataset has no periods to summarise")
    first_month, last_month = wide["period_start"].min(), wide["period_end"].max()
    for text, option in ((start, from_name), (end, to_name)):
        if text is None:
            continue
        month = month_key(parse_month(text, option))
        if month < first_month or month > last_month:
            raise DataError(
                f"{option} {month} is outside the data, which covers {first_month} to {last_month}"
            )
    if start is None and end is None:
        year = metrics.latest_full_year(wide)
        start, end = f"{year}-01", f"{year}-12"
    elif start is None:
        start = f"{end.strip()[:4]}-01"
    elif end is None:
        end = f"{start.strip()[:4]}-12"
    start = max(month_key(parse_month(start)), first_month)
    end = min(month_key(parse_month(end)), last_month)
    if start > end:
        raise DataError(f"{from_name} {start} is after {to_name} {end}; expected from ≤ to")
    for row in wide.select("period_start", "period_end").iter_rows():
        first, last = row
        if first < start <= last:
            raise DataError(
                f"{from_name} {start} falls inside the combined period {short_period_name(*row)}; "
                f"start at {first} or {month_key(add_months(parse_month(last), 1))}"
            )
        if first <= end < last:
            raise DataError(
                f"{to_name} {end} falls inside the combined period {short_period_name(*row)}; "
                f"end at {last} or {month_key(add_months(parse_month(first), -1))}"
            )
    return start, end


def _published(
    published: pl.DataFrame, reporter: str, partner: str, start: str, end: str, flow: str
) -> dict | None:
    """The chosen USD figure published for exactly this range and flow, if any."""
    rows = published.filter(
        pl.col("chosen").fill_null(False),
        pl.col("currency") == "USD",
        pl.col("reporter") == reporter,
        pl.col("partner") == partner,
        pl.col("period_start") == start,
        pl.col("period_end") == end,
        pl.col("flow") == flow,
    )
    return rows.row(0, named=True) if rows.height else None


def _missing(wide: pl.DataFrame, start: str, end: str) -> tuple[MissingPeriod, ...]:
    """Periods in the range lacking a flow, and months no period covers at all."""
    inside = wide.filter((pl.col("period_start") >= start) & (pl.col("period_end") <= end))
    found: list[MissingPeriod] = []
    covered: set[str] = set()
    for row in inside.iter_rows(named=True):
        first, last = parse_month(row["period_start"]), parse_month(row["period_end"])
        day = first
        while day <= last:
            covered.add(month_key(day))
            day = add_months(day, 1)
        flows = tuple(f for f in ("export", "import", "total") if row[f] is None)
        if flows:
            found.append(MissingPeriod(row["period_start"], row["period_end"], flows))
    day = parse_month(start)
    while day <= parse_month(end):
        if month_key(day) not in covered:
            found.append(
                MissingPeriod(month_key(day), month_key(day), ("export", "import", "total"))
            )
        day = add_months(day, 1)
    return tuple(sorted(found, key=lambda m: m.start))


def _months_with_total(wide: pl.DataFrame, start: str, end: str) -> int:
    known = wide.filter(
        (pl.col("period_start") >= start)
        & (pl.col("period_end") <= end)
        & pl.col("total").is_not_null()
    )
    return int(known["months"].sum() or 0)


def _count_months(start: str, end: str) -> int:
    first, last = parse_month(start), parse_month(end)
    return (last.year - first.year) * 12 + last.month - first.month + 1


def summarise(
    dataset: Dataset,
    start: str | None = None,
    end: str | None = None,
    reporter: str | None = None,
    partner: str | None = None,
    around: int = 0,
) -> Summary:
    """Summarise start..end (YYYY-MM; default the latest full year) of one pair.

    The pair defaults to the one with the most trade; ``around`` also lists the events
    of that many months before and after the range. Raises DataError for a bad range.
    """
    reporter, partner, wide = metrics.pair_periods(
        dataset.trade, reporter, partner, doing="summarise"
    )
    start, end = resolve_range(wide, start, end)
    record = metrics.range_record(wide, start, end)
    published = dataset.published.collect()
    rep, par = country_name(reporter), country_name(partner)
    labels = {
        "total": "Total trade",
        "export": f"{possessive(rep)} exports to {par}",
        "import": f"{possessive(rep)} imports from {par}",
    }
    flows = {}
    for flow, label in labels.items():
        figure = _published(published, reporter, partner, start, end, flow)
        flows[flow] = FlowSummary(
            flow=flow,
            label=label,
            value=record[flow],
            previous=record["previous"][flow],
            yoy_pct=record[f"yoy_{flow}"],
            published_value=figure["value"] if figure else None,
            published_yoy_pct=figure["yoy_pct"] if figure else None,
            published_figure=figure["figure_id"] if figure else None,
        )

    def events_between(first: str, last: str) -> tuple[RangeEvent, ...]:
        return tuple(
            RangeEvent(row["start_date"], row["title"], row["category"])
            for row in dataset.events.filter((pl.col("month") >= first) & (pl.col("month") <= last))
            .select("start_date", "title", "category")
            .collect()
            .iter_rows(named=True)
        )

    events = events_between(start, end)
    events_around: tuple[RangeEvent, ...] = ()
    if around > 0:
        before = month_key(add_months(parse_month(start), -around))
        after = month_key(add_months(parse_month(end), around))
        events_around = events_between(before, month_key(add_months(parse_month(start), -1)))
        events_around += events_between(month_key(add_months(parse_month(end), 1)), after)
    largest = record["largest_month"]
    return Summary(
        origin=dataset.origin,
        reporter=reporter,
        partner=partner,
        start=start,
        end=end,
        months=_count_months(start, end),
        months_with_data=_months_with_total(wide, start, end),
        total=flows["total"],
        export=flows["export"],
        import_=flows["import"],
        balance=record["balance"],
        largest_month=(largest[0], largest[1]) if largest else None,
        events=events,
        has_events="events" not in dataset.missing,
        missing=_missing(wide, start, end),
        events_around=events_around,
        around=around,
    )
