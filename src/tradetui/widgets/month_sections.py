"""Renderables for the sections of the month screen, built from a MonthDetails.

Every piece of data text goes into rich ``Text`` objects through ``visible()``, so titles
and URLs from the data are shown literally (a '[bold]' in an event title stays '[bold]', an
ANSI escape shows as '␛[2J').
"""

from __future__ import annotations

from datetime import date

import polars as pl
from rich import box
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from tradetui.data.month import MonthDetails
from tradetui.data.periods import (
    add_months,
    long_period_name,
    month_key,
    parse_month,
    period_label,
)
from tradetui.data.text import visible
from tradetui.present.format import MISSING, TRUE_MINUS, Format
from tradetui.present.wording import event_category

GROWTH_UP = "green"
GROWTH_DOWN = "red"
DIM = "dim"

METHODS = {
    "ytd_first": "first release of the year (the Jan–Feb YTD figure, taken as is)",
    "ytd_diff": "YTD difference (YTD to this month minus YTD to the month before)",
    "published_month": "a published figure for the month itself",
    "sum_of_flows": "export + import",
    "flow_difference": "the total less the other flow of the same period (see the note)",
    "flow_sum": "export + import of the same period (see the note)",
    "ytd_less_months": "year-to-date figures less the other months they cover (see the note)",
}

# Values are shown to one decimal (±0.05 bn): only a coarser precision is worth saying.
SHOWN_PRECISION = 0.05
# A gap between exports + imports and the total that shows at one decimal.
SHOWN_GAP = 0.05
WARNING = "bold yellow"


def plus_minus(precision: float | None) -> Text:
    """'±0.5' for a value known only to within half a billion; '' when the one decimal
    shown already says as much."""
    if precision is None or precision <= SHOWN_PRECISION + 1e-12:
        return Text("")
    return Text(f" ±{precision:g}", style=DIM)


def number(fmt: Format, value: float | None, sign: bool = False) -> Text:
    """A USD bn value in the explorer's unit ('21.3', '1,234.5'), or a dim '—' when missing."""
    return Text(fmt.money(value, sign=sign), style=DIM if value is None else "")


def growth(fmt: Format, value: float | None) -> Text:
    """A signed percentage, green up and red down; '—' when missing."""
    style = DIM if value is None else GROWTH_UP if value > 0 else GROWTH_DOWN if value < 0 else ""
    return Text(fmt.growth(value), style=style)


def text(value: str | None) -> Text:
    return Text(MISSING, style=DIM) if value is None or value == "" else Text(visible(value))


def method_text(method: str | None) -> Text:
    if method is None:
        return Text("missing: no published figure covers this period", style=DIM)
    return Text(METHODS.get(method) or visible(method))


def _table(*headers: str, right: tuple[int, ...] = ()) -> Table:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, header_style="bold")
    for index, header in enumerate(headers):
        table.add_column(Text(header), justify="right" if index in right else "left")
    return table


def heading(details: MonthDetails, fmt: Format) -> Text:
    out = Text(details.title, style="bold")
    out.append(
        f"\n{details.reporter_name} ↔ {details.partner_name} goods trade, {fmt.unit_label}, "
        f"seen from {details.reporter_name}'s side",
        style=DIM,
    )
    return out


def flow_names(details: MonthDetails) -> dict[str, str]:
    r, p = details.reporter_name, details.partner_name
    return {
        "export": f"Export ({r} → {p})",
        "import": f"Import ({p} → {r})",
        "total": "Total",
        "balance": "Balance (export − import)",
    }


def flows(details: MonthDetails, fmt: Format) -> RenderableType:
    names = flow_names(details)
    precision = dict(zip(details.provenance["flow"], details.provenance["precision"], strict=True))
    coarse = any(plus_minus(p).plain for p in precision.values())
    table = _table("Flow", "Value", "YoY", f"YTD {details.ytd_label}", right=(1, 2, 3))
    rows = (
        ("export", details.export, details.yoy_export, details.ytd_export),
        ("import", details.import_, details.yoy_import, details.ytd_import),
        ("total", details.total, details.yoy_total, details.ytd_total),
        ("balance", details.balance, None, details.ytd_balance),
    )
    for flow, value, yoy, ytd in rows:
        cells = [
            Text(names[flow], style="bold" if flow == "total" else ""),
            number(fmt, value, sign=flow == "balance"),
        ]
        if value is not None:
            cells[1].append_text(plus_minus(precision.get(flow)))
        if flow == "total" and details.flows_add_up is False:
            cells[1].append(" ≠", style=WARNING)
        table.add_row(*cells, growth(fmt, yoy) if flow != "balance" else Text(""), number(fmt, ytd))
    notes = Text()
    if coarse:
        notes.append(
            "± the value is known only to within this: its least precise input was published "
            "rounded (±0.5: to the billion).\n",
            style=DIM,
        )
    if details.flows_add_up is False:
        notes.append("Flows do not add up: ", style=WARNING)
        notes.append(f"{details.flow_sum_text}.\n")
    elif details.flow_sums is not None and abs(details.flow_sums["difference"]) >= SHOWN_GAP:
        notes.append(f"Flows add up within their rounding: {details.flow_sum_text}.\n", style=DIM)
    notes.append("Balance: ")
    notes.append_text(number(fmt, details.balance, sign=True))
    favours = details.balance_favours
    notes.append(f"  {favours}" if favours else "", style="bold")
    notes.append("\nMonth on month (total): ")
    notes.append_text(growth(fmt, details.mom_total))
    if details.previous_label:
        notes.append(f"  vs {details.previous_label}", style=DIM)
    else:
        notes.append("  only between two single months with data", style=DIM)
    notes.append(f"\nYTD {details.ytd_label} total: ")
    notes.append_text(number(fmt, details.ytd_total))
    notes.append("  YoY ")
    notes.append_text(growth(fmt, details.ytd_yoy_total))
    year = details.period_end[:4]
    notes.append(f"\nRank in {year}: ")
    if details.rank is None:
        notes.append(MISSING, style=DIM)
    else:
        notes.append(f"{details.rank} of {details.periods_in_year} periods by monthly average")
        if details.months > 1 and details.total is not None:
            mean = fmt.money(details.total / details.months)
            notes.append(f"  ({details.months} months: ranked at {mean} a month)", style=DIM)
        elif details.combined_in_year:
            notes.append("  (Jan–Feb ranked at its monthly average)", style=DIM)
    notes.append(f"\nShare of {year}: ")
    if details.share_of_year is None:
        notes.append(MISSING, style=DIM)
        if not details.year_complete:
            notes.append("  (the year is not complete)", style=DIM)
    else:
        notes.append(f"{fmt.number(details.share_of_year)}%")
        if details.months > 1:
            per_month = fmt.number(details.share_of_year / details.months)
            notes.append(f"  ({details.months} months: {per_month}% a month)", style=DIM)
    missing = [m for m in details.provenance["method"].to_list() if m is None]
    if missing:
        notes.append(
            "\nSome figures for this period were never published: they are missing, not zero.",
            style="italic",
        )
    if details.partner_reports:
        return Group(table, notes, Text(""), mirror(details, fmt))
    return Group(table, notes)


def mirror(details: MonthDetails, fmt: Format) -> RenderableType:
    """Both sides' records of the same flows: the reporter's, the partner's, and the gap."""
    r, p = details.reporter_name, details.partner_name
    found = details.mirror
    if found is None:
        return Text(f"{p} reports this trade too, but not for this period.", style=DIM)
    table = _table("Flow", f"{r}'s record", f"{p}'s record", "Gap", "Gap %", right=(1, 2, 3, 4))
    for own, other, name in (
        ("export", "mirror_export", f"{r} → {p}"),
        ("import", "mirror_import", f"{p} → {r}"),
    ):
        gap = number(fmt, found[f"{own}_gap"])
        if found[f"{own}_gap"] is not None and found[f"{own}_gap"] > 0:
            gap = Text("+") + gap
        table.add_row(
            Text(name),
            number(fmt, found[own]),
            number(fmt, found[other]),
            gap,
            growth(fmt, found[f"{own}_gap_pct"]),
        )
    note = Text(
        f"Mirror statistics: {r}'s exports are {p}'s imports. Gap = {r}'s record − {p}'s; "
        "imports are valued CIF, exports FOB, so some gap is expected.",
        style=DIM,
    )
    return Group(Text(f"Both records: {r}'s and {p}'s", style="bold"), table, note)


def other_years(details: MonthDetails, fmt: Format) -> RenderableType:
    frame = details.other_years
    if frame.is_empty():
        return Text("No other year has this period.", style=DIM)
    table = _table("Year", "Period", "Export", "Import", "Total", "YoY total", right=(2, 3, 4, 5))
    for row in frame.iter_rows(named=True):
        current = row["current"]
        style = "bold" if current else ""
        period = Text(period_label(row["period_start"], row["period_end"]))
        if current:
            period.append(" ◀ shown")
        table.add_row(
            Text(str(row["year"])),
            period,
            number(fmt, row["export"]),
            number(fmt, row["import"]),
            number(fmt, row["total"]),
            growth(fmt, row["yoy_total"]),
            style=style,
        )
    return table


def commodities(details: MonthDetails, fmt: Format) -> RenderableType:
    frame = details.commodities
    note = Text(
        "As published, each in its own unit (never summed). Series not from China's customs "
        "name their source in the product.",
        style=DIM,
    )
    if frame.is_empty():
        return Group(note, Text("No goods figures were published for this period.", style=DIM))
    # Product on the left, its figure and source wrapping beside it: readable at 80 columns.
    grid = Table.grid(padding=(0, 2))
    grid.add_column(min_width=12, max_width=26)
    grid.add_column(ratio=1, overflow="fold")
    for row in frame.iter_rows(named=True):
        body = number_exact(row["value"])
        body.stylize("bold")
        body.append(f" {visible(row['unit'])}" if row["unit"] else "")
        body.append("  YoY ")
        body.append_text(growth(fmt, row["yoy_pct"]))
        facts = [row["flow"], row["measure"], f"HS {row['hs_code']}" if row["hs_code"] else None]
        body.append("  " + visible(" · ".join(x for x in facts if x)), style=DIM)
        body.append("\n")
        body.append_text(text(row["source_title"]))
        if row["source_url"]:
            body.append(f"\n{visible(row['source_url'])}", style=DIM)
        grid.add_row(Text(visible(row["product"]) or MISSING, style="bold"), body)
    return Group(note, _indented(grid))


def _when(row: dict) -> str:
    start: date | None = row["start"]
    end: date | None = row["end"]
    if start is None:
        return visible(row["month"]) or MISSING
    if row["date_precision"] == "month":
        return f"{start:%Y-%m}"
    if end is not None and end != start:
        return f"{start:%Y-%m-%d}..{end:%Y-%m-%d}"
    return f"{start:%Y-%m-%d}"


def event_group_titles(details: MonthDetails) -> dict[str, str]:
    before = month_key(add_months(parse_month(details.period_start), -1))
    after = month_key(add_months(parse_month(details.period_end), 1))
    return {
        "before": f"Month before: {long_period_name(before, before)}",
        "in": f"This period: {details.name}",
        "after": f"Month after: {long_period_name(after, after)}",
    }


def _grid(label_width: int) -> Table:
    """Two columns: a label and text that wraps under itself (a hanging indent)."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True, min_width=label_width)
    grid.add_column(ratio=1, overflow="fold")
    return grid


def _indented(grid: Table) -> Padding:
    return Padding(grid, (0, 0, 0, 2))


def events(details: MonthDetails, fmt: Format) -> RenderableType:
    parts: list[RenderableType] = []
    for group, title in event_group_titles(details).items():
        rows = details.events.filter(pl.col("group") == group)
        if parts:
            parts.append(Text(""))
        parts.append(Text(title, style="bold underline"))
        if rows.is_empty():
            parts.append(Text("  no events recorded", style=DIM))
            continue
        grid = _grid(len("2023-09-10..2023-09-13"))
        for row in rows.iter_rows(named=True):
            body = Text()
            if row["category"]:
                body.append(f"{event_category(row['category'])} · ", style=DIM)
            body.append(visible(row["title"]) or MISSING)
            where = " · ".join(x for x in (row["location"], row["source_title"]) if x)
            if where:
                body.append(f"\n{visible(where)}", style=DIM)
            if row["source_url"]:
                body.append(f"\n{visible(row['source_url'])}", style=DIM)
            grid.add_row(Text(_when(row), style="bold"), body)
        parts.append(_indented(grid))
    return Group(*parts)


def sources(details: MonthDetails, fmt: Format) -> RenderableType:
    names = flow_names(details)
    parts: list[RenderableType] = []
    for row in details.provenance.iter_rows(named=True):
        flow = row["flow"]
        if parts:
            parts.append(Text(""))
        head = Text(names.get(flow) or visible(flow), style="bold")
        head.append(": ")
        head.append_text(number(fmt, row["value"]))
        parts.append(head)
        grid = _grid(len("Published month"))
        grid.add_row(Text("Method"), method_text(row["method"]))
        if row["precision"] is not None:
            grid.add_row(
                Text("Precision"),
                Text(f"±{row['precision']:g}, half a unit of its least precise input's last digit"),
            )
        if row["published_value"] is not None:
            published = number_exact(row["published_value"])
            if row["difference"] is None:
                published.append("  (same as the value shown)", style=DIM)
            else:
                published.append("; the derived value ")
                published.append_text(number_exact(row["value"]))
                published.append(
                    f" differs by {fmt.number(row['difference'], sign=True, decimals=2)}",
                    style="bold",
                )
            grid.add_row(Text("Published month"), published)
        if row["note"]:
            grid.add_row(Text("Note"), Text(visible(row["note"], newlines=True), style=DIM))
        figures = details.sources.filter(pl.col("flow") == flow)
        for fig in figures.iter_rows(named=True):
            body = Text(f"{fig['roles']}: ")
            body.append(visible(fig["figure_period"]) or MISSING)
            body.append(" = ")
            body.append_text(number_exact(fig["value"]))
            unit = " ".join(x for x in (fig["currency"], fig["unit"]) if x)
            if unit:
                body.append(f" {visible(unit)}")
            body.append("\n")
            body.append(visible(fig["source_title"]) or "not among the published figures")
            if fig["published"]:
                body.append(f"  ({visible(fig['published'])})", style=DIM)
            if fig["source_url"]:
                body.append(f"\n{visible(fig['source_url'])}", style=DIM)
            grid.add_row(Text(visible(fig["figure_id"]), style="bold"), body)
        parts.append(_indented(grid))
    if not parts:
        parts.append(Text("No trade rows for this period.", style=DIM))
    return Group(*parts)


def number_exact(value: float | None) -> Text:
    """A published figure as it was written (no rounding), '—' when missing."""
    return (
        Text(MISSING, style=DIM) if value is None else Text(f"{value:,g}".replace("-", TRUE_MINUS))
    )
