"""The trade chart pane, and the small across-the-years chart of the month screen.

Both draw with textual-plot's PlotWidget. What is drawn comes from ``tradetui.data.chart``;
this module only turns it into plot calls, a legend and a one-line readout.
"""

from __future__ import annotations

from collections.abc import Sequence
from math import ceil, floor
from typing import ClassVar

import polars as pl
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.color import Color
from textual.containers import Vertical
from textual.events import Resize
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Static
from textual_plot import HiResMode, PlotWidget
from textual_plot.axis_formatter import (
    AxisFormatter,
    CategoricalAxisFormatter,
    NumericAxisFormatter,
)

from tradetui.data import chart as data
from tradetui.data.periods import MONTH_NAMES
from tradetui.data.text import visible
from tradetui.keys import hints, key
from tradetui.present.format import Format
from tradetui.present.wording import event_category, plural
from tradetui.state import Loaded

# Line colours that read on dark and light themes; the rest come from the theme.
EXPORT_COLOUR = "#3d9be9"
IMPORT_COLOUR = "#e0883a"
COMBINED_MARK = "◇"
# Columns one x-axis label needs, with room between labels.
TICK_WIDTH = 7
# The narrowest left margin for the value axis (the old fixed width).
MIN_AXIS_MARGIN = 5


def _variable_colour(value: str) -> tuple[Color, float]:
    # A theme variable is a colour, optionally followed by an opacity as .tcss writes it
    # ("#0178d4 50%"); the ANSI themes use that form for their muted colours too.
    colour, _, opacity = value.strip().partition(" ")
    opacity = opacity.strip()
    alpha = float(opacity[:-1]) / 100 if opacity.endswith("%") else 1.0
    parsed = Color.parse(colour)
    return parsed, parsed.a * alpha


# For themes whose colours are the terminal's own (ansi-dark, ansi-light): a grey that
# reads on dark and light backgrounds.
TERMINAL_THEME_COLOUR = "#8a8a8a"


def theme_colour(widget: Widget, name: str) -> str:
    """A theme colour as a plot style: '#rrggbb' (plot styles take no alpha: a translucent
    colour is blended onto the background), or for the ANSI themes, whose colours are the
    terminal's own and cannot be blended, the ANSI colour, dimmed when translucent."""
    variables = widget.app.theme_variables
    colour, alpha = _variable_colour(variables.get(name, "white"))
    background, _ = _variable_colour(variables.get("background", "black"))
    if colour.ansi is not None or (alpha < 1 and background.ansi is not None):
        style = colour.rich_color.name if colour.ansi is not None else colour.hex6
        return f"dim {style}" if alpha < 1 else style
    if alpha < 1:
        colour = background + colour.with_alpha(alpha)
    return colour.hex6


class MonthAxis(AxisFormatter):
    """Ticks on month indexes (``data.chart.month_index``): years, or quarters in short ranges."""

    def __init__(self) -> None:
        self.columns = 80  # the plot's width in cells, set by the chart before each drawing

    def get_ticks(self, min_: float, max_: float, max_ticks: int = 8) -> list[float]:
        low, high = ceil(min_), floor(max_)
        limit = max(min(self.columns // TICK_WIDTH, max_ticks), 1)
        step = next((s for s in (1, 3, 6, 12, 24, 60) if (high - low) / s < limit), 120)
        # A centred label needs half its width on each side, or it is cut at the edge.
        margin = (max_ - min_) * (TICK_WIDTH / 2) / max(self.columns, 1)
        return [
            float(i)
            for i in range(low, high + 1)
            if i % step == 0 and min_ + margin <= i <= max_ - margin
        ]

    def get_labels_for_ticks(self, ticks: Sequence[float]) -> list[str]:
        labels = []
        for tick in ticks:
            month = data.index_month(int(tick))
            first = month.endswith("-01")
            labels.append(month[:4] if first else MONTH_NAMES[int(month[5:]) - 1][:3])
        return labels


class ValueAxis(NumericAxisFormatter):
    """The plot's tick positions, labelled by the explorer's number format."""

    def __init__(self, number_format: Format) -> None:
        self.number_format = number_format

    def get_labels_for_ticks(self, ticks: Sequence[float]) -> list[str]:
        return self.number_format.axis_labels(ticks)


def fit_value_axis(plot: PlotWidget, number_format: Format, low: float, high: float) -> None:
    """Label the y axis with ``number_format`` and make the left margin wide enough for its
    widest label: the plot cuts labels to the margin, which once turned 25,000 into 2500."""
    axis = ValueAxis(number_format)
    plot.set_y_formatter(axis)
    ticks = axis.get_ticks(low, high)
    plot.margin_left = max(MIN_AXIS_MARGIN, number_format.axis_width(ticks) + 1)


class TradeChart(Vertical, can_focus=True):
    """Monthly exports, imports and total, balance bars, event markers and a month cursor."""

    # The border's subtitle names the keys the footer leaves out (no room at 80 columns).
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "step(-1)", "◂ Month", show=False, id="chart.previous"),
        Binding("right", "step(1)", "Month ▸", show=False, id="chart.next"),
        Binding("h", "step(-1)", "◂ Month", show=False, id="chart.previous_h"),
        Binding("l", "step(1)", "Month ▸", show=False, id="chart.next_l"),
        Binding("home", "step(-100000)", "First period", show=False, id="chart.first"),
        Binding("end", "step(100000)", "Last period", show=False, id="chart.last"),
        Binding("enter", "open", "Open", id="chart.open"),
        Binding("f", "cycle_category", "Events", id="chart.filter"),
        Binding("r", "cycle_range", "Range", show=False, id="chart.range"),
    ]

    class CursorMoved(Message):
        """The user moved the chart's cursor to the period starting at ``period_start``."""

        def __init__(self, period_start: str) -> None:
            super().__init__()
            self.period_start = period_start

    class Opened(Message):
        """Enter on the chart: open the period starting at ``period_start``."""

        def __init__(self, period_start: str) -> None:
            super().__init__()
            self.period_start = period_start

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.loaded: Loaded | None = None
        self.spec = data.ALL
        self.category: str | None = None
        self.cursor: str | None = None
        self.chart: data.ChartData | None = None
        self.note: str | None = None
        self.axis = MonthAxis()

    def compose(self) -> ComposeResult:
        plot = PlotWidget(id="chart-plot", allow_pan_and_zoom=False)
        # The pane takes the keys; the plot's own (pan, zoom) would fight the cursor.
        plot.can_focus = False
        yield plot
        yield Static(id="chart-readout")
        yield Static(id="chart-events")
        yield Static(id="chart-legend")

    @property
    def plot(self) -> PlotWidget:
        return self.query_one(PlotWidget)

    def on_mount(self) -> None:
        plot = self.plot
        plot.margin_top = 0
        plot.margin_bottom = 1
        plot.margin_left = 5
        plot.set_x_formatter(self.axis)
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.redraw())
        self._update_title()

    # -- state from the screen -----------------------------------------------------

    def set_data(self, loaded: Loaded | None, note: str | None = None) -> None:
        """Show a loaded dataset (None: nothing to draw, with ``note`` saying why)."""
        self.loaded = loaded
        self.note = note
        if self.spec not in self.ranges:  # a year the new data does not have
            self.spec = data.ALL
        self.rebuild()

    @property
    def categories(self) -> list[str]:
        if self.loaded is None or self.loaded.events.is_empty():
            return []
        return sorted(self.loaded.events["category"].drop_nulls().unique().to_list())

    @property
    def ranges(self) -> list[str]:
        return data.range_choices(self.loaded.years) if self.loaded else [data.ALL]

    def set_range(self, spec: str) -> None:
        if spec not in self.ranges:
            return
        self.spec = spec
        self.rebuild()

    def set_category(self, category: str | None) -> None:
        self.category = category
        self.rebuild()

    def follow(self, start: str, end: str) -> None:
        """Keep the cursor in step with a period shown elsewhere (a month, quarter or year).

        The cursor stays put when it already lies within start..end.
        """
        if self.chart is None or (self.cursor is not None and start <= self.cursor <= end):
            return
        target = data.step_cursor(self.chart.periods, start, 0)
        if target is not None and target != self.cursor:
            self.cursor = target
            self.redraw()

    def rebuild(self) -> None:
        """Recompute the series (range, events filter) and draw them."""
        loaded = self.loaded
        if loaded is None or loaded.wide.is_empty():
            self.chart = None
        else:
            self.chart = data.build_chart(loaded.wide, loaded.events, self.spec, self.category)
            self.cursor = data.place_cursor(self.chart.periods, self.cursor)
        self.redraw()

    # -- drawing ---------------------------------------------------------------------

    def _colour(self, name: str) -> str:
        return theme_colour(self, name)

    def redraw(self) -> None:
        self._update_title()
        plot = self.plot
        plot.clear()
        chart = self.chart
        if chart is None or chart.periods.is_empty():
            plot.set_xlimits(0, 1)
            plot.set_ylimits(0, 1)
            self._readout(None)
            return
        periods = chart.periods
        means = [f"{flow}_mean" for flow in (*data.FLOWS, "balance")]
        # Values are held in USD bn and drawn in the explorer's unit.
        k = self.app.number_format.scale
        values = [v * k for column in means for v in periods[column].drop_nulls().to_list()]
        low = min([0.0, *values])
        top = max([k, *values])
        high = top * 1.15
        x_low = data.month_index(chart.start) - 0.5
        x_high = data.month_index(chart.end) + 0.5
        plot.set_xlimits(x_low, x_high)
        plot.set_ylimits(low, high)
        fit_value_axis(plot, self.app.number_format, low, high)
        self.axis.columns = self.plot.size.width - plot.margin_left

        # Event markers first, so the data lines are drawn over them. Markers for every
        # event would hatch the whole chart, so they stand in a strip above the lines; the
        # events of one chosen category run the full height.
        muted = self._colour("foreground-muted")
        marker_low = low if self.category else top * 1.05
        for x in chart.markers["x"].to_list():
            plot.plot([x, x], [marker_low, high], line_style=muted, hires_mode=HiResMode.BRAILLE)
        balance = periods.filter(pl.col("balance_mean").is_not_null())
        if balance.height:
            styles = [
                self._colour("success" if value >= 0 else "error")
                for value in balance["balance_mean"].to_list()
            ]
            plot.bar(
                balance["x"].to_list(),
                [v * k for v in balance["balance_mean"].to_list()],
                width=(balance["months"] * 0.6).to_list(),
                bar_style=styles,
                hires_mode=HiResMode.QUADRANT,
            )
        colours = {
            "export": EXPORT_COLOUR,
            "import": IMPORT_COLOUR,
            "total": f"bold {self._colour('foreground')}",
        }
        for flow, colour in colours.items():
            for xs, bn in chart.runs[flow]:
                ys = [v * k for v in bn]
                if len(xs) == 1:
                    # A month between two gaps: a dot, since a line needs two points.
                    plot.scatter(xs, ys, marker="•", marker_style=colour)
                else:
                    plot.plot(xs, ys, line_style=colour, hires_mode=HiResMode.BRAILLE)
        combined = periods.filter((pl.col("months") > 1) & pl.col("total_mean").is_not_null())
        if combined.height:
            plot.scatter(
                combined["x"].to_list(),
                [v * k for v in combined["total_mean"].to_list()],
                marker=COMBINED_MARK,
                marker_style=colours["total"],
            )
        row = data.period_at(periods, self.cursor) if self.cursor else None
        if row is not None:
            plot.add_v_line(row["x"], line_style=f"bold {self._colour('accent')}")
        self._readout(row)

    def on_resize(self, event: Resize) -> None:
        # The number of x labels that fit depends on the width.
        if self.chart is not None:
            self.redraw()

    def _update_title(self) -> None:
        parts = [f"[{key(self.app, 'main.focus_chart')}] Chart"]
        if self.chart is not None:
            parts.append(self.chart.range_name)
        parts.append(f"events: {event_category(self.category) or 'all'}")
        self.border_title = Text(" · ".join(parts))
        arrows = f"{key(self.app, 'chart.previous')}{key(self.app, 'chart.next')}"
        self.border_subtitle = Text(
            f"{arrows} month · "
            + hints(
                self.app,
                ("chart.filter", "events"),
                ("chart.range", "range"),
                ("chart.open", "open"),
            )
        )

    def _readout(self, row: dict | None) -> None:
        readout = self.query_one("#chart-readout", Static)
        events = self.query_one("#chart-events", Static)
        legend = self.query_one("#chart-legend", Static)
        legend.update(self._legend())
        if row is None or self.chart is None:
            readout.update(Text(visible(self.note) or "No trade data to draw."))
            events.update("")
            return
        text = Text()
        text.append(self.chart.period_name(row), style="bold")
        combined = row["months"] > 1
        if combined:
            text.append(" (one release for 2 months)")
        loaded = self.loaded
        reporter = loaded.reporter_name if loaded else "Reporter"
        partner = loaded.partner_name if loaded else "Partner"
        for name, flow in (
            (f"{reporter}→{partner}", "export"),
            (f"{partner}→{reporter}", "import"),
            ("total", "total"),
            ("balance", "balance"),
        ):
            text.append(f"  {name} ", style="dim")
            text.append(self.app.number_format.money(row[flow]))
        if combined and row["total"] is not None:
            text.append(f"  {COMBINED_MARK} drawn as ", style="dim")
            text.append(f"{self.app.number_format.money(row['total_mean'])} a month")
        readout.update(text)
        titles = data.events_in_period(self.chart.markers, row["period_start"], row["period_end"])
        line = Text(no_wrap=True, overflow="ellipsis")
        kind = f"{event_category(self.category)} event" if self.category else "event"
        if titles:
            line.append(f"{plural(len(titles), kind)}: ", style="bold")
            line.append(visible(" · ".join(titles)))
        else:
            line.append(f"no {kind}s this period", style="dim")
        events.update(line)

    def _legend(self) -> Text:
        loaded = self.loaded
        reporter = loaded.reporter_name if loaded else "Reporter"
        partner = loaded.partner_name if loaded else "Partner"
        text = Text()
        items = (
            ("━", EXPORT_COLOUR, f"{reporter}→{partner}"),
            ("━", IMPORT_COLOUR, f"{partner}→{reporter}"),
            ("━", f"bold {self._colour('foreground')}", "total"),
            ("▆", self._colour("error"), "balance"),
            ("⡇", self._colour("foreground-muted"), "event"),
            ("│", self._colour("accent"), "cursor"),
            (COMBINED_MARK, self._colour("foreground"), "Jan–Feb monthly mean"),
        )
        for glyph, style, name in items:
            text.append(glyph, style=style)
            text.append(f" {name}  ")
        unit = self.app.number_format.unit_label
        text.append(f"· {unit} a month; gaps are missing months", style="dim")
        return text

    # -- actions --------------------------------------------------------------------

    def action_step(self, by: int) -> None:
        if self.chart is None:
            return
        target = data.step_cursor(self.chart.periods, self.cursor, by)
        if target is None or target == self.cursor:
            return
        self.cursor = target
        self.redraw()
        self.post_message(self.CursorMoved(target))

    def action_open(self) -> None:
        if self.cursor is not None:
            self.post_message(self.Opened(self.cursor))

    def action_cycle_category(self) -> None:
        choices = [None, *self.categories]
        index = choices.index(self.category) if self.category in choices else 0
        self.set_category(choices[(index + 1) % len(choices)])

    def action_cycle_range(self) -> None:
        ranges = self.ranges
        index = ranges.index(self.spec) if self.spec in ranges else 0
        self.set_range(ranges[(index + 1) % len(ranges)])
        if self.cursor is not None:
            self.post_message(self.CursorMoved(self.cursor))


class YearsChart(PlotWidget):
    """The month screen's chart: one period's total in each year, the shown year highlighted."""

    def __init__(self, **kwargs) -> None:
        super().__init__(allow_pan_and_zoom=False, **kwargs)
        self.can_focus = False

    def on_mount(self) -> None:
        self.margin_top = 0
        self.margin_bottom = 1
        self.margin_left = 5

    def show(self, other_years: pl.DataFrame) -> None:
        """Bars of ``total`` by ``year``; a year without a total has no bar (never 0)."""
        self.clear()
        if other_years.is_empty():
            return
        years = [str(year) for year in other_years["year"].to_list()]
        self.set_x_formatter(CategoricalAxisFormatter(years))
        self.set_xticks(list(range(1, len(years) + 1)))
        self.set_xlimits(0.4, len(years) + 0.6)
        accent, primary = theme_colour(self, "accent"), theme_colour(self, "primary")
        xs, totals, styles = [], [], []
        for x, row in enumerate(other_years.iter_rows(named=True), start=1):
            if row["total"] is not None:
                xs.append(x)
                totals.append(row["total"] * self.app.number_format.scale)
                styles.append(accent if row["current"] else primary)
        high = max([self.app.number_format.scale, *totals]) * 1.1
        self.set_ylimits(0, high)
        fit_value_axis(self, self.app.number_format, 0, high)
        if xs:
            self.bar(xs, totals, width=0.6, bar_style=styles, hires_mode=HiResMode.QUADRANT)
