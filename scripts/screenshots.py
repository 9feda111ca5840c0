"""Make the README's screenshots from the real app, on the embedded data.

    uv run python scripts/screenshots.py          # write docs/images/*.svg
    uv run python scripts/screenshots.py --check  # exit 1 if they are out of date

tests/unit/test_readme_screenshots.py runs the check, so the pictures in the README are
always the app as it is.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
IMAGES = ROOT / "docs" / "images"
SIZE = (120, 40)
MONTH = "2025-09"


async def _settle(app) -> None:
    # Wait until no worker runs: the explorer's load, then the month screen's details.
    from textual.worker import WorkerState

    for _ in range(50):
        await app.workers.wait_for_complete()
        await asyncio.sleep(0)
        if not any(w.state in (WorkerState.PENDING, WorkerState.RUNNING) for w in app.workers):
            return


async def screenshots() -> dict[str, str]:
    """{file name: SVG} for the main screen and the month screen."""
    sys.path.insert(0, str(ROOT / "src"))
    from tradetui.app import make_app

    shots: dict[str, str] = {}
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await _settle(app)
        await pilot.pause()
        app.go_to_month(MONTH)
        await _settle(app)
        await pilot.pause()
        shots["main.svg"] = app.export_screenshot(title="tradetui")
        await pilot.press("enter")
        await _settle(app)
        await pilot.pause()
        shots["month.svg"] = app.export_screenshot(title=f"tradetui: {MONTH}")
    return shots


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args()
    stale = []
    for name, svg in asyncio.run(screenshots()).items():
        path = IMAGES / name
        if args.check:
            if not path.is_file() or path.read_text(encoding="utf-8") != svg:
                stale.append(name)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(svg, encoding="utf-8")
            print(f"wrote {path.relative_to(ROOT)}")
    if stale:
        print(f"out of date: {', '.join(stale)}; run: uv run python scripts/screenshots.py")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
