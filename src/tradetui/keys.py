"""Key hints read from the bindings: the key a binding id is bound to now, after [keys] remaps.

Every title, subtitle, palette entry and "press x to…" text names keys through these
functions, so a remapped key is named everywhere it is mentioned.
"""

from __future__ import annotations

import sys

from textual.app import App
from textual.binding import Binding

_BINDINGS: dict[str, Binding] = {}


def _binding(binding_id: str) -> Binding:
    """The declared binding with this id, from the modules imported so far.

    A hint names a binding of its own screen or of one it imports, so nothing is imported
    here (the boot screen imports the explorer on a thread meanwhile).
    """
    if binding_id not in _BINDINGS:
        for name, module in list(sys.modules.items()):
            if name == "tradetui.app" or name.startswith(
                ("tradetui.screens.", "tradetui.widgets.")
            ):
                for value in list(vars(module).values()):
                    if isinstance(value, type):
                        for binding in value.__dict__.get("BINDINGS", []):
                            if isinstance(binding, Binding) and binding.id:
                                _BINDINGS.setdefault(binding.id, binding)
    return _BINDINGS[binding_id]


def key(app: App, binding_id: str) -> str:
    """How the key now bound to `binding_id` is shown ("s", "^o", "["): the first if several."""
    binding = _binding(binding_id)
    # Textual keeps the active keymap (set_keymap) without a public reader.
    remapped = getattr(app, "_keymap", {}).get(binding_id)
    if remapped:
        first = remapped.split(",")[0].strip()
        return app.get_key_display(Binding(first, binding.action))
    first = binding.key.split(",")[0].strip()
    return binding.key_display or app.get_key_display(Binding(first, binding.action))


def keys(app: App, *binding_ids: str) -> str:
    """The keys of several bindings for one hint, "escape / q"; a key named twice is named once."""
    shown: list[str] = []
    for binding_id in binding_ids:
        display = key(app, binding_id)
        if display not in shown:
            shown.append(display)
    return " / ".join(shown)


def hints(app: App, *pairs: tuple[str | tuple[str, ...], str]) -> str:
    """A subtitle of hints, "enter open · escape cancel", from (binding id(s), what it does)."""
    parts = []
    for ids, what in pairs:
        names = keys(app, *((ids,) if isinstance(ids, str) else ids))
        parts.append(f"{names} {what}")
    return " · ".join(parts)


def shown(app: App, name: str) -> str:
    """A key no binding declares (an input's or a list's own enter), shown as bindings are."""
    return app.get_key_display(Binding(name, ""))
