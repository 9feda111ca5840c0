"""docs/config.md lists every binding id the config's [keys] can remap."""

from __future__ import annotations

from pathlib import Path

from tradetui.screens.help import binding_ids

DOCS = Path(__file__).resolve().parents[2] / "docs" / "config.md"


def test_every_binding_id_is_documented() -> None:
    text = DOCS.read_text(encoding="utf-8")
    ids = binding_ids()
    assert len(ids) > 80
    missing = sorted(i for i in ids if f"| `{i}` |" not in text)
    assert missing == []
