"""The README's screenshots are the app as it is now (scripts/screenshots.py makes them)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "screenshots.py"


async def test_readme_screenshots_are_current() -> None:
    spec = importlib.util.spec_from_file_location("screenshots", SCRIPT)
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    shots = await script.screenshots()
    assert set(shots) == {"main.svg", "month.svg"}
    for name, svg in shots.items():
        committed = (script.IMAGES / name).read_text(encoding="utf-8")
        assert committed == svg, f"docs/images/{name} is out of date: {script.__doc__}"
