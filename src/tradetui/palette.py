"""Textual's command palette, made safe against the seeded monkey's findings.

- Paging: right after the commands arrive, the palette's list has no lines laid out yet
  (that happens on the next refresh), and Textual 8's page up / page down look them up and
  fail with a KeyError; until then paging has nothing to move through, so it waits.
- Closed before it was shown (the explorer taking over from the boot screen closes what
  opened over it, or the app exits): it sets nothing up (tradetui/screens/shown.py).
- No fixed id: a palette opened again while the last one is still being removed would
  clash with it (DuplicateIds).
"""

from __future__ import annotations

from textual.command import CommandList
from textual.command import CommandPalette as TextualPalette

from tradetui.screens.shown import SetUpWhenShown


class CommandPalette(SetUpWhenShown, TextualPalette):
    def _action_command_list(self, action: str) -> None:
        commands = self.query_one(CommandList)
        if action in ("page_up", "page_down") and not commands.scrollable_content_region:
            return
        super()._action_command_list(action)
