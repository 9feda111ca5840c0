"""The presentation layer is shared by the CLI and the app: it never pulls in Textual or polars."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import tradetui.present


def test_importing_every_present_module_imports_neither_textual_nor_polars() -> None:
    modules = ["tradetui.present"] + [
        f"tradetui.present.{info.name}" for info in pkgutil.iter_modules(tradetui.present.__path__)
    ]
    assert "tradetui.present.format" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'polars')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
