"""The event timeline: a searchable, filterable list of dated events with a detail view."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

import polars as pl
from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from tradetui.data.text import visible
from tradetui.keys import key, shown
from tradetui.messages import EventChosen
from tradetui.present.wording import event_category
from tradetui.state import filter_events

CATEGORY_WIDTH = 12


def _link_style(url: str) -> Style:
    """A clickable link only for an address with nothing to hide: the address goes into an
    escape sequence to the terminal, where a control character could end it early."""
    plain = url == visible(url) and " " not in url
    return Style(link=url if plain else None, underline=True)


class EventList(OptionList):
    COMPONENT_CLASSES: ClassVar[set[str]] = OptionList.COMPONENT_CLASSES | {
        "event-list--marked",
        "event-list--date",
        "event-list--category",
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Go to month", show=False, id="timeline.choose"),
        Binding("j", "cursor_down", "Down", show=False, id="timeline.down"),
        Binding("k", "cursor_up", "Up", show=False, id="timeline.up"),
    ]

    # Textual pages by the lines on show; squeezed to no height there are none, and its
    # lookup would fail. With nothing on show there is nothing to page through.
    def action_page_down(self) -> None:
        if self.scrollable_content_region:
            super().action_page_down()

    def action_page_up(self) -> None:
        if self.scrollable_content_region:
            super().action_page_up()


class Timeline(Vertical):
    """Events in date order; the ones in the trade table's period carry a ● marker."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "search", "Search", id="timeline.search"),
        Binding("f", "cycle_category", "Filter", id="timeline.filter"),
        Binding("escape", "close_search", "Close search", show=False, id="timeline.close"),
        Binding("y", "copy_event", "Copy event", show=False, id="timeline.copy"),
    ]

    DEFAULT_CSS = """
    Timeline #event-search.-hidden { display: none; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.events = pl.DataFrame()
        self.shown = pl.DataFrame()
        self.query_text = ""
        self.category: str | None = None
        self.marked: set[str] = set()
        self.note: str | None = None
        # Set by the screen: extra lines about an event (trade around it), or None.
        self.context: Callable[[dict], Text | None] | None = None

    def compose(self) -> ComposeResult:
        yield Input(
            placeholder=f"{key(self.app, 'timeline.search')} search titles and summaries · "
            f"{shown(self.app, 'enter')} keeps · {key(self.app, 'timeline.close')} clears",
            id="event-search",
            classes="-hidden",
            compact=True,
        )
        yield EventList(id="event-list")
        with VerticalScroll(id="event-detail-scroll", can_focus=False):
            yield Static(id="event-detail")

    @property
    def event_list(self) -> EventList:
        return self.query_one(EventList)

    @property
    def categories(self) -> list[str]:
        if self.events.is_empty():
            return []
        return sorted(self.events["category"].drop_nulls().unique().to_list())

    def set_events(self, events: pl.DataFrame, note: str | None = None) -> None:
        self.events = events
        self.note = note
        self.refresh_list()

    def set_marked(self, ids: set[str], start: str) -> None:
        """Mark the events of the trade table's period (from month ``start``).

        While the user is elsewhere, the list also follows: it highlights the first marked
        event, or the first one after ``start`` when none is marked.
        """
        if ids != self.marked:
            self.marked = ids
            self.refresh_list()
        if self.has_focus_within or self.shown.is_empty():
            return
        months = self.shown["month"].to_list()
        event_ids = self.shown["event_id"].to_list()
        marked = [i for i, event_id in enumerate(event_ids) if event_id in ids]
        later = [i for i, month in enumerate(months) if month and month >= start]
        target = marked[0] if marked else (later[0] if later else len(months) - 1)
        self.event_list.highlighted = target
        # After the next refresh the list has its final size, so the scroll lands the same
        # way every time.
        self.event_list.call_after_refresh(self.event_list.scroll_to_highlight, top=True)

    def refresh_list(self) -> None:
        """Rebuild the options from the filters, keeping the highlighted event if still shown."""
        listing = self.event_list
        current = listing.highlighted_option.id if listing.highlighted_option else None
        self.shown = (
            filter_events(self.events, self.query_text, self.category)
            if not self.events.is_empty()
            else self.events
        )
        marked_style = listing.get_component_rich_style("event-list--marked", partial=True)
        date_style = listing.get_component_rich_style("event-list--date", partial=True)
        category_style = listing.get_component_rich_style("event-list--category", partial=True)
        options = []
        first_marked = None
        for row in self.shown.iter_rows(named=True):
            marked = row["event_id"] in self.marked
            prompt = Text(no_wrap=True, overflow="ellipsis", end="")
            prompt.append("● " if marked else "  ", style=marked_style)
            prompt.append(visible(row["start_date"]).ljust(10), style=date_style)
            prompt.append("  ")
            prompt.append(
                event_category(row["category"]).ljust(CATEGORY_WIDTH)[:CATEGORY_WIDTH],
                style=category_style,
            )
            prompt.append("  ")
            prompt.append(visible(row["title"]), style=marked_style if marked else "")
            options.append(Option(prompt, id=row["event_id"]))
            if marked and first_marked is None:
                first_marked = row["event_id"]
        listing.set_options(options)
        ids = self.shown["event_id"].to_list() if not self.shown.is_empty() else []
        if current in ids:
            listing.highlighted = ids.index(current)
        elif ids:
            listing.highlighted = ids.index(first_marked) if first_marked else 0
        self._update_title()
        self._show_detail()

    def _update_title(self) -> None:
        total = self.events.height
        name = f"[{key(self.app, 'main.focus_timeline')}] Events"
        parts = [f"{name} {self.shown.height}/{total}" if total else name]
        if self.category:
            parts.append(f"category: {event_category(self.category)}")
        if self.query_text:
            parts.append(f"search: {visible(self.query_text)}")
        # Built as Text so a typed query is never read as markup.
        self.border_title = Text(" · ".join(parts))

    def highlighted_row(self) -> dict | None:
        option = self.event_list.highlighted_option
        if option is None or self.shown.is_empty():
            return None
        rows = self.shown.filter(pl.col("event_id") == option.id)
        return rows.row(0, named=True) if rows.height else None

    def _show_detail(self) -> None:
        detail = self.query_one("#event-detail", Static)
        row = self.highlighted_row()
        if row is None:
            if self.note:
                detail.update(Text(visible(self.note, newlines=True)))
            elif self.events.is_empty():
                detail.update(Text("No events in this dataset."))
            else:
                detail.update(Text("No event matches the search or filter."))
            return
        # Every field is data: controls shown as marks; only the summary keeps its lines.
        text = Text()
        text.append(visible(row["title"]), style="bold")
        when = visible(row["start_date"])
        if row["end_date"]:
            when += f" – {visible(row['end_date'])}"
        text.append(f"\n{when}")
        if row["location"]:
            text.append(f" · {visible(row['location'])}")
        if row["category"]:
            text.append(f" · {event_category(row['category'])}")
        if row["summary"]:
            text.append(f"\n{visible(row['summary'], newlines=True)}")
        extra = self.context(row) if self.context else None
        if extra is not None:
            text.append("\n")
            text.append_text(extra)
        if row["actors"]:
            text.append("\nActors: ", style="bold")
            text.append(visible(row["actors"]))
        if row["source_url"] or row["source_title"]:
            text.append("\nSource: ", style="bold")
            text.append(visible(row["source_title"]))
            if row["source_url"]:
                text.append("\n")
                text.append(visible(row["source_url"]), style=_link_style(row["source_url"]))
        detail.update(text)

    @on(OptionList.OptionHighlighted, "#event-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._show_detail()

    @on(OptionList.OptionSelected, "#event-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        row = self.highlighted_row()
        if row is not None and row["month"]:
            self.post_message(EventChosen(row["month"]))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Escape only belongs to the timeline while a search is open; else it reaches the screen.
        if action == "close_search":
            search = self.query_one("#event-search", Input)
            return not search.has_class("-hidden") or bool(self.query_text)
        return True

    def action_copy_event(self) -> None:
        """The highlighted event (date, title, summary, source) to the clipboard."""
        option = self.event_list.highlighted_option
        if option is None or self.shown.is_empty():
            return
        row = self.shown.filter(pl.col("event_id") == option.id).row(0, named=True)
        lines = [f"{row['start_date']} · {row['title']}", row.get("summary"), row.get("source_url")]
        text = visible("\n".join(line for line in lines if line), newlines=True)
        self.app.copy_to_clipboard(text)
        self.notify("Event copied to the clipboard.", timeout=3)

    def action_search(self) -> None:
        search = self.query_one("#event-search", Input)
        search.remove_class("-hidden")
        search.focus()
        self.refresh_bindings()

    def action_close_search(self) -> None:
        search = self.query_one("#event-search", Input)
        if search.has_class("-hidden") and not self.query_text:
            return
        search.add_class("-hidden")
        search.value = ""
        self.event_list.focus()
        self.refresh_bindings()

    def action_cycle_category(self) -> None:
        choices = [None, *self.categories]
        index = choices.index(self.category) if self.category in choices else 0
        self.category = choices[(index + 1) % len(choices)]
        self.refresh_list()

    @on(Input.Changed, "#event-search")
    def _search_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.query_text = event.value
        self.refresh_list()

    @on(Input.Submitted, "#event-search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not self.query_text:
            self.query_one("#event-search", Input).add_class("-hidden")
        self.event_list.focus()
