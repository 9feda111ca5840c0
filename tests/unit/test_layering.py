"""The data layer is usable without the UI: importing it must never pull in Textual."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import tradetui.data


def data_modules() -> list[str]:
    return sorted(
        f"tradetui.data.{info.name}" for info in pkgutil.iter_modules(tradetui.data.__path__)
    )


def test_the_core_data_modules_are_found() -> None:
    found = set(data_modules())
    core = {"load", "validate", "metrics", "build", "periods", "schema", "errors"}
    assert {f"tradetui.data.{name}" for name in core} <= found


def test_importing_every_data_module_does_not_import_textual() -> None:
    modules = ["tradetui.data", *data_modules()]
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'"
        " or m.startswith('tradetui.present')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
