"""Textual's command palette, made safe against the seeded monkey's findings.

- Paging: right after the commands arrive, the palette's list has no lines laid out yet
  (that happens on the next refresh), and Textual 8's page up / page down look them up and
  fail with a KeyError; until then paging has nothing to move through, so it waits.
- Closed before it was shown (the explorer taking over from the boot screen closes what
  opened over it): Textual's mount looks for the screen under it and fails with an
  IndexError; a palette no longer on the screen stack sets nothing up.
- No fixed id: a palette opened again while the last one is still being removed would
  clash with it (DuplicateIds).
"""

from __future__ import annotations

from textual.command import CommandList
from textual.command import CommandPalette as TextualPalette
from textual.events import Mount


class CommandPalette(TextualPalette):
    def _on_mount(self, event: Mount) -> None:
        if self not in self.app.screen_stack:
            event.prevent_default()  # Textual's own set-up, which expects a screen below

    def _action_command_list(self, action: str) -> None:
        commands = self.query_one(CommandList)
        if action in ("page_up", "page_down") and not commands.scrollable_content_region:
            return
        super()._action_command_list(action)
