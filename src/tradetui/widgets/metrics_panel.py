"""The metrics panel: the highlighted period in detail, then its year as a whole."""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Sparkline, Static

from tradetui.data import metrics
from tradetui.data.mirror import mirror_row
from tradetui.data.periods import long_period_name, short_period_name
from tradetui.data.text import visible
from tradetui.state import Loaded, monthly_series

BAR_WIDTH = 20


class MetricsPanel(VerticalScroll, can_focus=True):
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "metrics--heading",
        "metrics--label",
        "metrics--up",
        "metrics--down",
        "metrics--missing",
        "metrics--note",
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "scroll_down", "Scroll down", show=False, id="metrics.down"),
        Binding("k", "scroll_up", "Scroll up", show=False, id="metrics.up"),
        Binding("down", "scroll_down", "Scroll down", show=False, id="metrics.down_arrow"),
        Binding("up", "scroll_up", "Scroll up", show=False, id="metrics.up_arrow"),
        Binding("home", "scroll_home", "Top", show=False, id="metrics.top"),
        Binding("end", "scroll_end", "Bottom", show=False, id="metrics.bottom"),
    ]

    def compose(self) -> ComposeResult:
        yield Static(id="metrics-period")
        yield Static(id="metrics-year")
        yield Sparkline([], id="metrics-sparkline")
        yield Static(id="metrics-spark-note")

    def _style(self, name: str):
        return self.get_component_rich_style(f"metrics--{name}", partial=True)

    def _growth(self, value: float | None) -> Text:
        if value is None:
            return Text("—", style=self._style("missing"))
        style = self._style("up" if value >= 0 else "down")
        return Text(self.app.number_format.growth(value), style=style)

    def _value(self, value: float | None, sign: bool = False) -> Text:
        if value is None:
            return Text("—", style=self._style("missing"))
        return Text(self.app.number_format.money(value, sign=sign))

    def _grid(self) -> Table:
        grid = Table.grid(padding=(0, 1))
        grid.add_column(style=self._style("label"), no_wrap=True)
        grid.add_column(justify="right", no_wrap=True)
        grid.add_column()
        return grid

    def _balance_note(self, loaded: Loaded, balance: float | None) -> Text:
        """Which side the balance favours, with the sign convention spelled out."""
        reporter, partner = loaded.reporter_name, loaded.partner_name
        text = Text()
        if balance is not None:
            if balance < 0:
                side = f"{reporter} deficit / {partner} surplus"
            elif balance > 0:
                side = f"{reporter} surplus / {partner} deficit"
            else:
                side = "balanced"
            text.append(f"Balance: {side}\n", style=self._style("label"))
        text.append(
            f"(exports − imports from {reporter}'s side; negative = {reporter} deficit)",
            style=self._style("note"),
        )
        return text

    def show_message(self, message: str) -> None:
        self.query_one("#metrics-period", Static).update(Text(visible(message, newlines=True)))
        self.query_one("#metrics-year", Static).update("")
        self.query_one(Sparkline).data = []
        self.query_one("#metrics-spark-note", Static).update("")

    def show(self, loaded: Loaded, row: dict | None, granularity: str, year: int) -> None:
        self.query_one("#metrics-period", Static).update(
            self._period(loaded, row, granularity) if row else Text("")
        )
        self.query_one("#metrics-year", Static).update(self._year(loaded, year))
        values, missing, spread = monthly_series(loaded.wide, year)
        self.query_one(Sparkline).data = values
        notes = []
        if spread:
            notes.append("Jan–Feb shown as its monthly mean")
        if missing:
            notes.append(f"{missing} month{'s' if missing > 1 else ''} missing, left out")
        self.query_one("#metrics-spark-note", Static).update(
            Text("; ".join(notes), style=self._style("note"))
        )

    def _period(self, loaded: Loaded, row: dict, granularity: str) -> Group:
        reporter, partner = loaded.reporter_name, loaded.partner_name
        if granularity == "month":
            title = long_period_name(row["period_start"], row["period_end"])
        elif granularity == "quarter":
            months = short_period_name(row["period_start"], row["period_end"]).rsplit(" ", 1)[0]
            title = f"{row['label'][5:]} {row['year']} ({months})"
        else:
            title = f"Year {row['year']}"
        heading = Text(title, style=self._style("heading"))
        heading.append(f"  {self.app.number_format.unit_label}", style=self._style("note"))
        if row.get("months", 1) > 1 and granularity == "month":
            heading.append("  (one combined release)", style=self._style("note"))
        grid = self._grid()
        grid.add_row(
            Text(f"{reporter}→{partner} (exports)"),
            self._value(row["export"]),
            Text.assemble("YoY ", self._growth(row.get("yoy_export"))),
        )
        grid.add_row(
            Text(f"{partner}→{reporter} (imports)"),
            self._value(row["import"]),
            Text.assemble("YoY ", self._growth(row.get("yoy_import"))),
        )
        grid.add_row("Total", self._value(row["total"]), "")
        balance = row["balance"]
        signed = self._value(balance, sign=True)
        grid.add_row("Balance", signed, "")
        grid.add_row("YoY (total)", self._growth(row.get("yoy_total")), "")
        if granularity != "year":
            step = "QoQ" if granularity == "quarter" else "MoM"
            grid.add_row(f"{step} (total)", self._growth(row.get("mom_total")), "")
        grid.add_row("YTD total", self._value(row.get("ytd_total")), "")
        grid.add_row("YTD YoY", self._growth(row.get("ytd_yoy_total")), "")
        if granularity != "year":
            share = row.get("share_of_year")
            # A Jan–Feb release is two months: its share says so, its rank is per month.
            several = row.get("months", 1) > 1
            note = self._style("note")
            grid.add_row(
                "Share of year",
                Text(self.app.number_format.share(share))
                if share is not None
                else self._value(None),
                Text(f"{row['months']} months", style=note) if several else "",
            )
            rank = row.get("rank")
            grid.add_row(
                "Rank in year",
                Text(f"{rank} of {row['ranked']}") if rank is not None else self._value(None),
                Text("per month", style=note) if several else "",
            )
        parts = [heading, grid, self._balance_note(loaded, balance)]
        mirror = self._mirror(loaded, row) if granularity == "month" else None
        if mirror is not None:
            parts.append(mirror)
        return Group(*parts, Text(""))

    def _mirror(self, loaded: Loaded, row: dict) -> Group | None:
        """The partner's own record of the same flows, and the gap to the reporter's."""
        if loaded.mirror is None:
            return None
        found = mirror_row(loaded.mirror, row["period_start"], row["period_end"])
        reporter, partner = loaded.reporter_name, loaded.partner_name
        heading = Text(f"As {partner} records it", style=self._style("label"))
        if found is None:
            heading.append("  — not reported for this period", style=self._style("note"))
            return Group(heading)
        grid = self._grid()
        for own, flow, name in (
            ("export", "mirror_export", f"{partner} imports from {reporter}"),
            ("import", "mirror_import", f"{partner} exports to {reporter}"),
        ):
            gap = found[f"{own}_gap"]
            signed = self._value(gap)
            if gap is not None and gap > 0:
                signed = Text("+") + signed
            grid.add_row(
                Text(name),
                self._value(found[flow]),
                Text.assemble("gap ", signed, " ", self._growth(found[f"{own}_gap_pct"])),
            )
        note = Text(
            f"(gap = {reporter}'s record − {partner}'s; imports are valued CIF, exports FOB)",
            style=self._style("note"),
        )
        return Group(heading, grid, note)

    def _year(self, loaded: Loaded, year: int) -> Group:
        record = metrics.year_record(loaded.wide, year)
        heading = Text(f"Year {year}", style=self._style("heading"))
        heading.append(f"  {self.app.number_format.unit_label}", style=self._style("note"))
        heading.append(
            "  complete" if record.complete else f"  {record.months_covered} of 12 months",
            style=self._style("note"),
        )
        grid = self._grid()
        grid.add_row(
            "Exports",
            self._value(record.export),
            Text.assemble("YoY ", self._growth(record.yoy_export)),
        )
        grid.add_row(
            "Imports",
            self._value(record.import_),
            Text.assemble("YoY ", self._growth(record.yoy_import)),
        )
        grid.add_row(
            "Total",
            self._value(record.total),
            Text.assemble("YoY ", self._growth(record.yoy_total)),
        )
        balance = self._value(record.balance, sign=True)
        grid.add_row("Balance", balance, "")
        for label, point in (("Peak month", record.peak), ("Trough month", record.trough)):
            if point is None:
                grid.add_row(label, self._value(None), "")
            else:
                grid.add_row(label, self._value(point[1]), short_period_name(point[0], point[0]))
        parts = [heading, grid, self._balance_note(loaded, record.balance)]
        if loaded.targets:
            targets = Table.grid(padding=(0, 1))
            targets.add_column(style=self._style("label"), no_wrap=True)
            targets.add_column(no_wrap=True)
            targets.add_column(justify="right", no_wrap=True)
            for target in loaded.targets:
                progress = metrics.target_progress(record.total, target)
                targets.add_row(f"Target ${target:,.0f} bn", *self._bar(progress))
            parts += [Text("Toward the annual trade targets:"), targets]
        if not record.complete and record.total is not None:
            parts.append(Text("(year not complete: total so far)", style=self._style("note")))
        parts.append(Text("Monthly totals:", style=self._style("label")))
        return Group(*parts)

    def _bar(self, progress: float | None) -> tuple[Text, Text]:
        if progress is None:
            return Text("·" * BAR_WIDTH, style=self._style("missing")), Text("—")
        filled = min(BAR_WIDTH, round(progress / 100 * BAR_WIDTH))
        bar = Text("█" * filled, style=self._style("up" if progress >= 100 else "label"))
        bar.append("░" * (BAR_WIDTH - filled), style=self._style("missing"))
        return bar, Text(f"{progress:.0f}%")
