"""Open what the user points at and tell its layout from the header.

A path may be a dataset folder (``trade_monthly.csv`` or ``.parquet`` with optional
companions), one CSV or Parquet file, or a folder of CSV or Parquet files, Hive-partitioned
Parquet included (``year=2023/part-0.parquet``: the ``year`` becomes a column).

CSV files are read by polars, which reads UTF-8 only. A file that is not valid UTF-8 is
copied to UTF-8 once, chunk by chunk, into a cache folder, and the copy is scanned; nothing
reads a whole file into memory. Layouts (docs/data.md, "Bringing your own data"):
``tradetui`` (the trade table's own columns), ``comtrade`` (a UN Comtrade export) and
``gacc`` (GACC-style cumulative report figures).
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import errno
import hashlib
import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from tradetui.data import schema
from tradetui.data.errors import DataError, first_line, quoted, short, shown_columns
from tradetui.data.progress import SILENT, Progress

FORMAT_TRADETUI = "tradetui"
FORMAT_COMTRADE = "comtrade"
FORMAT_GACC = "gacc"
FORMATS = (FORMAT_TRADETUI, FORMAT_COMTRADE, FORMAT_GACC)
FORMAT_LABELS = {
    FORMAT_TRADETUI: "tradetui trade table",
    FORMAT_COMTRADE: "UN Comtrade export",
    FORMAT_GACC: "GACC report figures",
}

KIND_DATASET = "dataset"  # a folder holding trade_monthly.csv (or .parquet)
KIND_FILE = "file"
KIND_FOLDER = "folder"  # a folder of CSV or Parquet files

SUFFIXES = (".csv", ".parquet")

# Every column of a UN Comtrade+ export, as the site and the API write them.
COMTRADE_COLUMNS = (
    "typeCode",
    "freqCode",
    "refPeriodId",
    "refYear",
    "refMonth",
    "period",
    "reporterCode",
    "reporterISO",
    "reporterDesc",
    "flowCode",
    "flowDesc",
    "partnerCode",
    "partnerISO",
    "partnerDesc",
    "partner2Code",
    "partner2ISO",
    "partner2Desc",
    "classificationCode",
    "classificationSearchCode",
    "isOriginalClassification",
    "cmdCode",
    "cmdDesc",
    "aggrLevel",
    "isLeaf",
    "customsCode",
    "customsDesc",
    "mosCode",
    "motCode",
    "motDesc",
    "qtyUnitCode",
    "qtyUnitAbbr",
    "qty",
    "isQtyEstimated",
    "altQtyUnitCode",
    "altQtyUnitAbbr",
    "altQty",
    "isAltQtyEstimated",
    "netWgt",
    "isNetWgtEstimated",
    "grossWgt",
    "isGrossWgtEstimated",
    "cifvalue",
    "fobvalue",
    "primaryValue",
    "legacyEstimationFlag",
    "isReported",
    "isAggregate",
)
# Each entry is satisfied by any one of its alternatives.
COMTRADE_REQUIRED = (
    ("period", "refPeriodId"),
    ("reporterISO", "reporterCode"),
    ("partnerISO", "partnerCode"),
    ("flowCode",),
    ("cmdCode",),
    ("primaryValue",),
)

# The research layout of China's customs (GACC) figures, as in cn_ru_gacc_reports.csv.
GACC_COLUMNS = (
    "period_start",
    "period_end",
    "kind",
    "flow",
    "value",
    "unit",
    "currency",
    "yoy_pct",
    "source_url",
    "source_title",
    "published",
    "quote",
)
GACC_REQUIRED = GACC_COLUMNS[:7]

# A dataset folder's other tables: not trade files when the folder is read as data files.
COMPANION_STEMS = tuple(
    Path(name).stem for name in (schema.EVENTS_FILE, schema.COMMODITIES_FILE, schema.PUBLISHED_FILE)
)

CHUNK_BYTES = 4 << 20
HEAD_BYTES = 1 << 16  # what is read of a file to tell binary data from text
PARQUET_MAGIC = b"PAR1"
CACHE_DIR_NAME = "tradetui-cache"
_LATIN1_FALLBACK = "tradetui-latin1"


def _latin1(error: UnicodeError) -> tuple[str, int]:
    # The five bytes Windows-1252 leaves undefined read as their Latin-1 characters.
    assert isinstance(error, UnicodeDecodeError)
    return error.object[error.start : error.end].decode("latin-1"), error.end


codecs.register_error(_LATIN1_FALLBACK, _latin1)


@dataclass(frozen=True)
class Source:
    """What a path holds: where, which layout, and the files to scan.

    ``files`` are the files to read: for a CSV that was not UTF-8, its UTF-8 copy in the
    cache. ``encodings`` names the encodings found (``utf-8``, ``windows-1252``, ``utf-16``).
    For a dataset folder, ``files`` holds only its trade file and ``columns`` is empty.
    """

    path: Path
    kind: str
    format: str
    file_type: str  # "csv" or "parquet"
    files: tuple[Path, ...]
    columns: tuple[str, ...] = ()
    separator: str = ","
    encodings: tuple[str, ...] = ()
    originals: tuple[Path, ...] = ()  # the user's files behind ``files`` (default: the same)

    @property
    def name(self) -> str:
        return str(self.path)

    @property
    def row_word(self) -> str:
        """How a problem row is named: a line of one CSV file (header = line 1), else a row."""
        return "line" if self.kind == KIND_FILE and self.file_type == "csv" else "row"

    @property
    def first_row(self) -> int:
        return 2 if self.row_word == "line" else 1

    def scan(self) -> pl.LazyFrame:
        """Every row of every file: CSV columns as text (so nothing is lost to type
        guessing: '01' stays '01'), Parquet columns as typed in the file."""
        if self.file_type == "parquet":
            if self.kind == KIND_FOLDER:
                return pl.scan_parquet(list(self.files), hive_partitioning=True, glob=False)
            return pl.scan_parquet(self.files[0], glob=False)
        files = list(self.files) if len(self.files) > 1 else self.files[0]
        # glob=False: the files are listed already, and "[" or "*" in a name is a name.
        return pl.scan_csv(files, infer_schema=False, separator=self.separator, glob=False)

    def scan_text(self) -> pl.LazyFrame:
        """Every column as text, as validation wants to see what was written."""
        lf = self.scan()
        if self.file_type == "csv":
            return lf
        try:
            types = lf.collect_schema()
        except pl.exceptions.PolarsError as exc:
            reason = first_line(exc)
            raise DataError(f"{self.name}: not a readable parquet file ({reason})") from None
        check_plain(types, self.name)
        return lf.with_columns(pl.all().cast(pl.String))

    def read_error(self, reason: str) -> DataError:
        """The one line for a file polars could not read: the CSV line at fault when it can
        be found (a row with too many fields, a broken quote), else polars' own reason."""
        if self.file_type == "csv":
            for scanned, original in zip(self.files, self.originals or self.files, strict=True):
                problem = csv_problem(scanned, self.separator, str(original))
                if problem is not None:
                    return DataError(problem)
        if self.file_type == "parquet":
            return DataError(
                f"{self.name}: damaged Parquet data ({reason}); expected a complete, "
                "undamaged Parquet file"
            )
        return DataError(f"{self.name}: cannot be read as a table ({reason})")

    def row_count(self) -> int | None:
        """Rows in all files, from Parquet metadata; None for CSV (it would need a full read)."""
        if self.file_type != "parquet":
            return None
        try:
            return self.scan().select(pl.len()).collect().item()
        except pl.exceptions.PolarsError:
            return None

    def describe(self) -> str:
        """A readable origin, e.g. 'UN Comtrade file x.csv'."""
        if self.format == FORMAT_TRADETUI:
            return self.name
        what = {FORMAT_COMTRADE: "UN Comtrade", FORMAT_GACC: "GACC report"}[self.format]
        if self.kind == KIND_FOLDER:
            return f"{what} files in {self.name}"
        return f"{what} file {self.name}"


def check_plain(types: pl.Schema | dict, name: str, columns: Iterable[str] | None = None) -> None:
    """Raise for a column (of ``columns``, default all) holding lists, structs or bytes:
    a Parquet file may, but no trade value or code can be read from them."""
    for column in types if columns is None else columns:
        dtype = types[column]
        if dtype.is_nested() or dtype in (pl.Binary, pl.Object):
            raise DataError(
                f"{name}: column {short(column)}: found {short(dtype)} values, expected plain "
                "numbers or text"
            )


def csv_problem(path: Path, separator: str, name: str) -> str | None:
    """The first line of a CSV file that no reader can split into the header's columns:
    more fields than the header, or a broken quote; None when every line splits."""
    with path.open(newline="", encoding="utf-8-sig", errors="replace") as handle:
        reader = csv.reader(handle, delimiter=separator, strict=True)
        try:
            width = len(next(reader))
            line = reader.line_num + 1  # where the next record starts
            for record in reader:
                if len(record) > width:
                    return (
                        f"{name}: line {line}: found {len(record)} fields, expected at most "
                        f"{width} (the header's columns)"
                    )
                line = reader.line_num + 1
        except StopIteration:
            return None
        except csv.Error as exc:
            reason = str(exc)
            if "end of data" in reason or "field limit" in reason:
                reason = "a quoted field is not closed"
            return f'{name}: line {line}: {reason}; expected fields quoted as "..."'
    return None


# --- layouts ------------------------------------------------------------------------------


def detect_format(columns: Iterable[str]) -> str | None:
    """The layout a header belongs to, or None when it holds none of them completely."""
    names = set(columns)
    # Comtrade's names are matched in any case: some tools lower-case them.
    lowered = {name.lower() for name in names}
    if all(any(a.lower() in lowered for a in alt) for alt in COMTRADE_REQUIRED):
        return FORMAT_COMTRADE
    # The trade table has reporter and partner; the research layout leaves them implied.
    if set(GACC_REQUIRED) <= names and "reporter" not in names:
        return FORMAT_GACC
    if set(schema.TRADE_REQUIRED) <= names:
        return FORMAT_TRADETUI
    return None


def _closest_format(columns: Sequence[str]) -> str | None:
    """The layout sharing most required columns with the header (ties: tradetui first)."""
    names = set(columns)
    shared = {
        FORMAT_TRADETUI: len(names & {*schema.TRADE_REQUIRED, "period"}),
        FORMAT_COMTRADE: len(
            {n.lower() for n in names} & {c.lower() for alt in COMTRADE_REQUIRED for c in alt}
        ),
        FORMAT_GACC: len(names & set(GACC_REQUIRED)),
    }
    best = max(shared, key=lambda f: shared[f])
    return best if shared[best] else None


def _required(fmt: str) -> list[str]:
    if fmt == FORMAT_COMTRADE:
        return [" or ".join(alternatives) for alternatives in COMTRADE_REQUIRED]
    if fmt == FORMAT_GACC:
        return list(GACC_REQUIRED)
    return list(schema.TRADE_REQUIRED)


def _shown(columns: Sequence[str]) -> str:
    return shown_columns(tuple(columns))


def layout_format(name: str, columns: Sequence[str]) -> str:
    """The layout of a header, or a DataError naming what is missing.

    A header close to the tradetui layout is left to the trade table's validation, which
    names the missing columns the same way for every tradetui file.
    """
    found = detect_format(columns)
    if found is not None:
        return found
    if len(columns) == 1 and any(not c.isalnum() and c not in "_ " for c in columns[0]):
        raise DataError(
            f"{name}: the header is one column, {quoted(columns[0])}; expected columns "
            "separated by commas, semicolons or tabs"
        )
    closest = _closest_format(columns)
    if closest == FORMAT_TRADETUI:
        return FORMAT_TRADETUI
    if closest is not None:
        names = set(columns)
        missing = [
            " or ".join(alt)
            for alt in (
                COMTRADE_REQUIRED if closest == FORMAT_COMTRADE else [(c,) for c in GACC_REQUIRED]
            )
            if not any(a in names for a in alt)
        ]
        raise DataError(
            f"{name}: looks like the {FORMAT_LABELS[closest]} layout but misses column"
            f"{'s' if len(missing) > 1 else ''} {', '.join(missing)}; "
            f"expected {', '.join(_required(closest))} (found {_shown(columns)})"
        )
    layouts = "; ".join(f"{FORMAT_LABELS[fmt]}: {', '.join(_required(fmt))}" for fmt in FORMATS)
    raise DataError(
        f"{name}: unknown layout, missing columns of every layout tradetui reads (found "
        f"{_shown(columns)}); expected one of: {layouts}"
    )


# --- encodings ----------------------------------------------------------------------------


def cache_dir() -> Path:
    return Path(tempfile.gettempdir()) / CACHE_DIR_NAME


def _cache_key(path: Path) -> str:
    stat = path.stat()
    key = f"{path.resolve()}\0{stat.st_size}\0{stat.st_mtime_ns}"
    return hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()[:32]


def _is_utf8(path: Path, progress: Progress, done: int, total: int | None) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK_BYTES):
            # ASCII needs no decoding, unless a character began in the chunk before.
            if not (chunk.isascii() and not decoder.getstate()[0]):
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError:
                    return False
            done += len(chunk)
            progress.step(done, total, "bytes")
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False  # the file ends inside a character
    return True


def _transcode(
    path: Path, target: Path, codec: str, progress: Progress, done: int, total: int | None
) -> None:
    """Copy ``path`` to ``target`` as UTF-8, chunk by chunk; the target appears whole or not
    at all (written under another name, then renamed)."""
    errors = _LATIN1_FALLBACK if codec == "windows-1252" else "strict"
    decoder = codecs.getincrementaldecoder(codec)(errors=errors)
    # A name of its own, so two loads of one file (two threads, two apps) never share it.
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=f"{target.name}.", suffix=".part")
    part = Path(name)
    try:
        with os.fdopen(handle, "wb") as out, path.open("rb") as source:
            while chunk := source.read(CHUNK_BYTES):
                out.write(decoder.decode(chunk).encode("utf-8"))
                done += len(chunk)
                progress.step(done, total, "bytes")
            out.write(decoder.decode(b"", final=True).encode("utf-8"))
        part.replace(target)
    finally:
        with contextlib.suppress(OSError):
            part.unlink()


def _sniff_codec(path: Path) -> str:
    with path.open("rb") as handle:
        head = handle.read(2)
    # A byte order mark of UTF-16 (e.g. Excel's "Unicode text"); anything else not UTF-8
    # is read as Windows-1252, the Western code page that extends ISO-8859-1 (Latin-1).
    return "utf-16" if head in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE) else "windows-1252"


def utf8_file(
    path: Path, progress: Progress = SILENT, done: int = 0, total: int | None = None
) -> tuple[Path, str]:
    """A UTF-8 version of a CSV file: the file itself when it is UTF-8 (a BOM is fine),
    else its UTF-8 copy in the cache (made once per file version, then reused).

    Returns (path to scan, encoding found). Progress is reported in bytes, counted from
    ``done`` of ``total`` (the file's size by default) so a folder's files add up.
    """
    total = path.stat().st_size if total is None else total
    cache = cache_dir()
    key = _cache_key(path)
    checked = cache / f"{key}.utf8"
    copy = cache / f"{key}.csv"
    if checked.exists():
        return path, "utf-8"
    if copy.exists():
        return copy, _sniff_codec(path)
    if _is_utf8(path, progress, done, total):
        # Remembered so that a big file is checked once; losing the mark costs a re-check.
        with contextlib.suppress(OSError):
            cache.mkdir(parents=True, exist_ok=True)
            checked.touch()
        return path, "utf-8"
    codec = _sniff_codec(path)
    try:
        cache.mkdir(parents=True, exist_ok=True)
        _transcode(path, copy, codec, progress, done, total)
    except UnicodeDecodeError:
        raise DataError(
            f"{path}: not readable as {codec}; expected UTF-8 or Latin-1 text"
        ) from None
    except OSError as exc:
        raise DataError(
            f"{path}: is not UTF-8 and its UTF-8 copy cannot be written to {cache} "
            f"({exc.strerror or exc}); expected a UTF-8 file or a writable temporary folder"
        ) from None
    return copy, codec


def _sniff_separator(path: Path) -> str:
    with path.open("rb") as handle:
        header = handle.read(1 << 16).split(b"\n", 1)[0]
    counts = {sep: header.count(sep.encode()) for sep in (",", ";", "\t")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else ","


# --- files --------------------------------------------------------------------------------


def not_found(path: Path) -> DataError:
    """The error for a path that leads nowhere: missing, or a symbolic link that does."""
    if path.is_symlink():
        try:
            path.resolve(strict=True)
        except RuntimeError:  # Python 3.11 reports a loop this way
            return DataError(f"{path}: a symbolic link loop; expected a file or folder")
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                return DataError(f"{path}: a symbolic link loop; expected a file or folder")
        return DataError(
            f"{path}: a symbolic link to {os.readlink(path)!r}, which does not "
            "exist; expected a file or folder"
        )
    return DataError(f"{path}: no such file or directory")


def _parquet_ends(path: Path, head: bytes) -> None:
    """A Parquet file starts and ends with its magic bytes; a cut file lacks the end."""
    if head[:4] != PARQUET_MAGIC:
        raise DataError(
            f"{path}: not a Parquet file (it starts with {quoted(head[:4])}); expected a file "
            "written as Parquet, which starts with PAR1"
        )
    with path.open("rb") as handle:
        handle.seek(max(0, path.stat().st_size - 4))
        tail = handle.read(4)
    if path.stat().st_size < 12 or tail not in (PARQUET_MAGIC, b"PARE"):
        raise DataError(
            f"{path}: the Parquet file is cut short or damaged (it does not end with PAR1); "
            "expected a complete Parquet file"
        )


def check_file(path: Path) -> str:
    """Check that ``path`` is a non-empty, readable CSV or Parquet file; return its type."""
    if not path.exists():
        raise not_found(path)
    if path.is_dir():
        raise DataError(f"{path}: is a directory, expected a .csv or .parquet file")
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise DataError(f"{path}: unsupported file type {path.suffix!r}; expected .csv or .parquet")
    if not path.is_file():
        # Reading a pipe or a device could wait forever or never end.
        raise DataError(f"{path}: not a regular file (a pipe, socket or device); expected a file")
    try:
        with path.open("rb") as handle:
            head = handle.read(HEAD_BYTES)
        if head and suffix == ".parquet":
            _parquet_ends(path, head)
    except OSError as exc:
        raise DataError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if not head:
        raise DataError(f"{path}: the file is empty; expected a header row and data")
    if suffix == ".csv" and head[:2] not in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        nul = head.find(b"\0")
        if nul >= 0:
            raise DataError(
                f"{path}: binary data, not text (a NUL byte at byte {nul + 1}); expected a "
                "CSV file of text"
            )
    return suffix[1:]


def _parquet_columns(path: Path | list[Path], name: str, hive: bool = False) -> tuple[str, ...]:
    try:
        lf = pl.scan_parquet(path, hive_partitioning=hive, glob=False)
        return tuple(lf.collect_schema().names())
    except (pl.exceptions.PolarsError, OSError) as exc:
        raise DataError(f"{name}: not a readable parquet file ({first_line(exc)})") from None


def _csv_columns(path: Path, separator: str, name: str) -> tuple[str, ...]:
    try:
        lf = pl.scan_csv(path, infer_schema=False, separator=separator, glob=False)
        return tuple(lf.collect_schema().names())
    except pl.exceptions.NoDataError:
        raise DataError(
            f"{name}: no header row (the file holds only blank lines); expected a header row "
            "and data"
        ) from None
    except (pl.exceptions.PolarsError, OSError) as exc:
        raise DataError(f"{name}: not a readable csv file ({first_line(exc)})") from None


def scan_file(path: Path, progress: Progress = SILENT) -> pl.LazyFrame:
    """One CSV (every column as text, so validation sees what was written) or Parquet file
    (columns cast to text), checked and made UTF-8 first."""
    return open_table(path, progress).scan_text()


def open_table(path: Path, progress: Progress = SILENT) -> Source:
    """One CSV or Parquet file of a dataset folder (its layout is known), checked and made
    UTF-8 first."""
    return _open_file(path, progress, detect=False)


def _open_file(path: Path, progress: Progress, detect: bool = True) -> Source:
    file_type = check_file(path)
    if file_type == "parquet":
        columns = _parquet_columns(path, str(path))
        fmt = layout_format(str(path), columns) if detect else FORMAT_TRADETUI
        return Source(path, KIND_FILE, fmt, "parquet", (path,), columns)
    scanned, encoding = utf8_file(path, progress)
    separator = _sniff_separator(scanned)
    columns = _csv_columns(scanned, separator, str(path))
    fmt = layout_format(str(path), columns) if detect else FORMAT_TRADETUI
    return Source(path, KIND_FILE, fmt, "csv", (scanned,), columns, separator, (encoding,), (path,))


def find_table(folder: Path, file_name: str) -> Path | None:
    """``folder/<stem>.csv`` or ``.parquet`` for a dataset file name such as events.csv."""
    for suffix in SUFFIXES:
        candidate = folder / f"{Path(file_name).stem}{suffix}"
        if candidate.is_file():
            return candidate
    return None


def _data_files(folder: Path) -> list[Path]:
    """CSV and Parquet files under ``folder``, sorted; hidden files (``.x``, ``_SUCCESS``)
    and a dataset folder's companion tables (events.csv...) left out."""
    found = []
    for path in folder.rglob("*"):
        parts = path.relative_to(folder).parts
        if any(part.startswith((".", "_")) for part in parts):
            continue
        if path.suffix.lower() not in SUFFIXES or not path.is_file():
            continue
        if len(parts) == 1 and path.stem in COMPANION_STEMS:
            continue
        found.append(path)
    return sorted(found)


def _no_data_files(folder: Path) -> DataError:
    # A folder named like a data file (x.csv) is most likely a mistake for the file.
    what = "a folder, not a file, and " if folder.suffix.lower() in SUFFIXES else ""
    return DataError(
        f"{folder}: {what}not a tradetui dataset; expected {schema.TRADE_FILE} (or .parquet) "
        "in it, or CSV or Parquet files of trade data"
    )


def _open_folder(folder: Path, progress: Progress) -> Source:
    files = _data_files(folder)
    if not files:
        raise _no_data_files(folder)
    types = {path.suffix.lower() for path in files}
    if len(types) > 1:
        raise DataError(f"{folder}: holds both CSV and Parquet files; expected files of one type")
    for path in files:
        check_file(path)
    name = str(folder)
    if types == {".parquet"}:
        columns = _parquet_columns(files, name, hive=True)
        fmt = layout_format(name, columns)
        return Source(folder, KIND_FOLDER, fmt, "parquet", tuple(files), columns)

    total = sum(path.stat().st_size for path in files)
    done = 0
    scanned, encodings = [], []
    for path in files:
        utf8, encoding = utf8_file(path, progress, done, total)
        done += path.stat().st_size
        scanned.append(utf8)
        encodings.append(encoding)
    separator = _sniff_separator(scanned[0])
    columns = _csv_columns(scanned[0], separator, str(files[0]))
    for path, utf8 in zip(files[1:], scanned[1:], strict=True):
        other = _csv_columns(utf8, separator, str(path))
        if other != columns:
            raise DataError(
                f"{path}: columns differ from {files[0].name} (found {_shown(other)}); "
                f"expected the same columns in every file: {_shown(columns)}"
            )
    fmt = layout_format(name, columns)
    return Source(
        folder,
        KIND_FOLDER,
        fmt,
        "csv",
        tuple(scanned),
        columns,
        separator,
        tuple(sorted(set(encodings))),
        tuple(files),
    )


def open_source(path: Path | str, progress: Progress = SILENT) -> Source:
    """What ``path`` holds and its layout; DataError with one line when it is unusable.

    CSV files are checked to be UTF-8 (and copied to UTF-8 when they are not), reporting
    progress in bytes; :class:`~tradetui.data.progress.Cancelled` stops it.
    """
    path = Path(path).expanduser()
    try:
        exists, folder = path.exists(), path.is_dir()
    except OSError as error:  # a name too long for the file system, say
        raise DataError(f"{short(path, 80)}: cannot be opened ({error.strerror})") from None
    if not exists:
        raise not_found(path)
    if folder:
        trade = find_table(path, schema.TRADE_FILE)
        if trade is not None:
            return Source(path, KIND_DATASET, FORMAT_TRADETUI, trade.suffix[1:], (trade,))
        return _open_folder(path, progress)
    return _open_file(path, progress)


# --- a quick look -------------------------------------------------------------------------


def data_size(path: Path) -> int:
    """Bytes of a file, or of the data files in a folder (0 when there is nothing)."""
    if path.is_file():
        return path.stat().st_size
    if path.is_dir():
        return sum(p.stat().st_size for p in _data_files(path))
    return 0


def _csv_header(path: Path, name: str) -> tuple[str, ...]:
    """The first line of a CSV, read without scanning the rest of the file."""
    with path.open("rb") as handle:
        head = handle.read(HEAD_BYTES)
    # The header is the first line with anything on it, as polars reads it.
    line = next((raw.strip(b"\r") for raw in head.split(b"\n") if raw.strip()), b"")
    if not line:
        raise DataError(
            f"{name}: no header row (the file holds only blank lines); expected a header row "
            "and data"
        )
    try:
        text = line.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = line.decode("cp1252", errors="replace")
    separator = _sniff_separator(path)
    return tuple(c.strip().strip('"') for c in text.split(separator))


def peek(path: Path | str) -> str:
    """Check what ``path`` is from its header alone (cheap for any size); return its layout.

    Problems found here are the same one-line DataErrors a full load raises; problems in
    the rows are found by the full load.
    """
    path = Path(path).expanduser()
    if not path.exists():
        raise not_found(path)
    if path.is_dir():
        if find_table(path, schema.TRADE_FILE) is not None:
            return FORMAT_TRADETUI
        files = _data_files(path)
        if not files:
            raise _no_data_files(path)
        first = files[0]
    else:
        first = path
    if check_file(first) == "parquet":
        columns = _parquet_columns(first, str(first))
    else:
        columns = _csv_header(first, str(first))
    return layout_format(str(path), columns)
