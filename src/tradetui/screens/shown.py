"""Screens closed before they were shown set nothing up.

A screen pushed just as the app exits, or popped by the next key before its first turn,
gets its Mount event with none of its widgets mounted (Textual mounts nothing into a node
that is closing), and the set-up that looks for them fails: NoMatches for the claims
table, the month's body, the palette's list; an IndexError in the palette's search for
the screen below it. Such a screen is never seen, so it skips its set-up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.screen import Screen

# A mixin placed before the screen's class: not a Textual node itself, so the screen's CSS
# and component classes still come from its first Textual base.
_Base = Screen if TYPE_CHECKING else object


class SetUpWhenShown(_Base):
    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Mount) and self.closed_before_shown:
            return
        await super().on_event(event)

    @property
    def closed_before_shown(self) -> bool:
        return not self.is_attached or self not in self.app.screen_stack
