"""Remote locations told from local paths, without importing polars (the CLI and the
first frame use this before any data is read). Reading them: tradetui.data.remote."""

from __future__ import annotations

import re

SCHEMES = ("s3", "s3a", "gs", "gcs", "az", "abfs", "abfss", "http", "https")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")


def scheme(text: object) -> str | None:
    """The URL scheme of ``text`` (lower case), or None for a local path."""
    found = _SCHEME.match(str(text))
    return found.group(1).lower() if found else None


def is_remote(text: object) -> bool:
    """Whether ``text`` names a remote location tradetui reads (see SCHEMES)."""
    return scheme(text) in SCHEMES


class Location(str):
    """A remote location, passed where a local Path goes (``.name`` is its last part)."""

    @property
    def name(self) -> str:
        return self.rstrip("/").rsplit("/", 1)[-1]

    def expanduser(self) -> Location:
        return self
