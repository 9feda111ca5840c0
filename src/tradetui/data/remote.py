"""Data in an object store or on a web server, read by polars' own cloud scanning.

``--data s3://bucket/path/`` (a folder: every Parquet file under it, Hive partitions such
as ``year=2023/`` becoming columns), ``s3://bucket/x.parquet``, ``gs://…``, ``az://…`` or
``https://host/x.parquet`` (one file: a web server lists no folders). The same filters
reach the reader as for a local file, so a month's drill-down fetches only the row groups
it needs. Credentials and endpoints come from each cloud's usual environment and
configuration, as polars finds them (``AWS_ACCESS_KEY_ID``, ``AWS_PROFILE``,
``AWS_ENDPOINT_URL``..., ``GOOGLE_APPLICATION_CREDENTIALS``, ``AZURE_STORAGE_ACCOUNT_NAME``...);
tradetui stores none.

This is the one module that reads from the network, and only what the user names.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from tradetui.data import sources
from tradetui.data.errors import DataError, first_line, short
from tradetui.data.locations import SCHEMES, Location, scheme
from tradetui.data.sources import KIND_FILE

_MOST_SHOWN = 160
# Not sources.KIND_REMOTE_FOLDER: no companion tables (events.csv) are looked for beside it.
KIND_REMOTE_FOLDER = "remote folder"


def _reason(error: BaseException) -> str:
    """polars' object-store error without the server's XML: its first part only."""
    text = first_line(error)
    for cut in (" - Server returned", ": <?xml", " in "):
        if cut in text and not text.startswith(cut):
            text = text.split(cut, 1)[0]
    return text[:_MOST_SHOWN]


def _unreadable(url: str, error: BaseException) -> DataError:
    text = str(error)
    if isinstance(error, FileNotFoundError) or "NoSuch" in text or "404 Not Found" in text:
        return DataError(f"{url}: no such object, folder or bucket; expected a CSV or Parquet file")
    if "AccessDenied" in text or "403 Forbidden" in text:
        return DataError(
            f"{url}: access denied; expected credentials for it in the environment "
            "(AWS_ACCESS_KEY_ID, AWS_PROFILE, GOOGLE_APPLICATION_CREDENTIALS...)"
        )
    return DataError(f"{url}: cannot be read ({_reason(error)})")


@dataclass(frozen=True)
class RemoteSource:
    """What a remote location holds; the same reading interface as sources.Source."""

    url: str
    kind: str
    format: str
    file_type: str
    columns: tuple[str, ...]

    @property
    def name(self) -> str:
        return self.url

    @property
    def path(self) -> Location:
        return Location(self.url)

    @property
    def files(self) -> tuple[str, ...]:
        return (self.url,)

    @property
    def several_files(self) -> bool:
        return self.kind == KIND_REMOTE_FOLDER

    row_word = "row"
    first_row = 1

    def _target(self) -> str:
        return (
            self.url.rstrip("/") + "/**/*.parquet" if self.kind == KIND_REMOTE_FOLDER else self.url
        )

    def scan(self, file_column: str | None = None) -> pl.LazyFrame:
        if self.file_type == "parquet":
            return pl.scan_parquet(
                self._target(),
                hive_partitioning=self.kind == KIND_REMOTE_FOLDER,
                include_file_paths=file_column,
            )
        return pl.scan_csv(self.url, infer_schema=False, include_file_paths=file_column)

    def scan_text(self) -> pl.LazyFrame:
        lf = self.scan()
        return lf if self.file_type == "csv" else lf.with_columns(pl.all().cast(pl.String))

    def read_error(self, reason: str) -> DataError:
        return DataError(f"{self.url}: cannot be read as a table ({reason[:_MOST_SHOWN]})")

    def row_count(self) -> int | None:
        if self.file_type != "parquet":
            return None
        try:
            return self.scan().select(pl.len()).collect().item()
        except (pl.exceptions.PolarsError, OSError):
            return None

    def describe(self) -> str:
        if self.format == sources.FORMAT_TRADETUI:
            return self.url
        what = {sources.FORMAT_COMTRADE: "UN Comtrade", sources.FORMAT_GACC: "GACC report"}[
            self.format
        ]
        return f"{what} {'files in' if self.kind == KIND_REMOTE_FOLDER else 'file'} {self.url}"


def open_remote(url: str) -> RemoteSource:
    """What ``url`` holds and its layout, from its metadata or header alone."""
    found = scheme(url)
    if found not in SCHEMES:
        raise DataError(
            f"{short(url)}: unsupported address; expected a local path or one of "
            + ", ".join(f"{s}://" for s in SCHEMES)
        )
    path = url.split("?", 1)[0].lower()
    if path.endswith(".csv"):
        kind, file_type = KIND_FILE, "csv"
    elif path.endswith(".parquet"):
        kind, file_type = KIND_FILE, "parquet"
    elif found not in ("http", "https"):  # a web server lists no folders
        kind, file_type = KIND_REMOTE_FOLDER, "parquet"
    else:
        raise DataError(
            f"{url}: a web address of a folder cannot be listed; expected the address of "
            "one .parquet or .csv file"
        )
    probe = RemoteSource(url, kind, sources.FORMAT_TRADETUI, file_type, ())
    try:
        columns = tuple(probe.scan().collect_schema().names())
    except (pl.exceptions.PolarsError, OSError) as error:
        raise _unreadable(url, error) from None
    fmt = sources.layout_format(url, columns)
    return RemoteSource(url, kind, fmt, file_type, columns)
