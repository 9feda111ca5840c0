"""UTF-8 copies of CSV files that are not UTF-8, kept in the user's own cache folder.

polars reads UTF-8 only. A CSV that is not UTF-8 is copied to UTF-8 once, chunk by chunk
(read as tradetui.data.decoding says), and the copy is scanned; nothing reads a whole file
into memory. The copies live in the user's cache folder (platformdirs: ``~/.cache/tradetui``
on Linux), which must be the user's own and writable by no one else: another user who
could write there could plant a copy (then read as the victim's data) or a link (then
followed to write elsewhere).

Each copy has a marker beside it naming, by content hash, the source it was made from and
the copy as written. A copy is reused only when both hashes still match; a marker or copy
that is not a regular file of the user's, or does not match, is ignored and written anew.
Files are created without following links, under a temporary name, then renamed.
"""

from __future__ import annotations

import codecs
import contextlib
import hashlib
import json
import os
import secrets
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from platformdirs import user_cache_dir

from tradetui.data.decoding import (
    BYTES_AS_1252,
    MIXED,
    UTF8,
    UTF16,
    Found,
    decoding,
    note_on,
    sniff_codec,
)
from tradetui.data.errors import DataError
from tradetui.data.progress import SILENT, Progress

CHUNK_BYTES = 4 << 20
MARKER_BYTES = 1 << 12  # a marker is a line of JSON; anything bigger is not one
MAX_CACHE_BYTES = 2 << 30  # copies beyond this are removed, least recently used first
DAY_SECONDS = 24 * 3600
MAX_AGE_SECONDS = 30 * DAY_SECONDS  # copies unused this long are removed
_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW
_OPEN = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK


@dataclass(frozen=True)
class Utf8Text:
    """The file to scan (the source itself when it is UTF-8, else its copy), the encoding
    found, and a note saying how a file that was not plain UTF-8 was read."""

    path: Path
    encoding: str
    note: str | None = None


def cache_dir() -> Path:
    return Path(user_cache_dir("tradetui"))


def _own_folder() -> Path:
    """The cache folder, created 0700; DataError unless it is the user's and no one else's
    may write in it."""
    folder = cache_dir()
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        _check_folder(folder, folder.stat())
    except OSError as exc:
        raise DataError(
            f"the cache folder {folder} cannot be made ({exc.strerror or exc}); expected a "
            "folder where the UTF-8 copy of a file that is not UTF-8 can be written"
        ) from None
    return folder


def _check_folder(folder: Path, found: os.stat_result) -> None:
    if not stat.S_ISDIR(found.st_mode):
        raise DataError(f"the cache folder {folder} is not a folder; remove it and try again")
    if found.st_uid != os.geteuid():
        raise DataError(
            f"the cache folder {folder} belongs to another user (uid {found.st_uid}); expected "
            "a folder of your own, so no one else can plant the copies read as your data"
        )
    if found.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        raise DataError(
            f"the cache folder {folder} can be written by other users (mode "
            f"{stat.S_IMODE(found.st_mode):o}); expected one only you can write (chmod 700 it)"
        )


def _usable_folder(folder: Path) -> bool:
    """Whether copies may be taken from ``folder``: it exists and is safely the user's."""
    try:
        _check_folder(folder, folder.stat())
    except (OSError, DataError):
        return False
    return True


def _key(path: Path) -> str:
    # Finds the copy of this version of the file; the content hashes then prove it.
    found = path.stat()
    key = f"{path.resolve()}\0{found.st_size}\0{found.st_mtime_ns}"
    return hashlib.blake2b(key.encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()


def _new_hash() -> hashlib.blake2b:
    return hashlib.blake2b(digest_size=32)


def _open_own(path: Path) -> int | None:
    """A read descriptor on ``path`` when it is a regular file of the user's (never through
    a link); None otherwise."""
    try:
        fd = os.open(path, _OPEN)
    except OSError:
        return None
    found = os.fstat(fd)
    if not stat.S_ISREG(found.st_mode) or found.st_uid != os.geteuid():
        os.close(fd)
        return None
    return fd


def _hash_of(fd: int, progress: Progress = SILENT, done: int = 0, total: int | None = None) -> str:
    """The content hash of what ``fd`` reads (it is closed after), reporting bytes read."""
    digest = _new_hash()
    with os.fdopen(fd, "rb") as handle:
        while chunk := handle.read(CHUNK_BYTES):
            digest.update(chunk)
            done += len(chunk)
            progress.step(done, total, "bytes")
    return digest.hexdigest()


def _read_marker(marker: Path) -> dict | None:
    fd = _open_own(marker)
    if fd is None:
        return None
    with os.fdopen(fd, "rb") as handle:
        data = handle.read(MARKER_BYTES + 1)
    try:
        found = json.loads(data) if len(data) <= MARKER_BYTES else None
    except (ValueError, RecursionError):
        return None
    fields = ("source", "copy", "encoding")
    if not isinstance(found, dict) or not all(isinstance(found.get(f), str) for f in fields):
        return None
    return found


def _reuse(
    source: Path, copy: Path, marker: Path, progress: Progress, done: int, total: int
) -> dict | None:
    """The marker's facts when the copy and its source are still what it says; else None."""
    facts = _read_marker(marker)
    if facts is None:
        return None
    copy_fd = _open_own(copy)
    if copy_fd is None or _hash_of(copy_fd) != facts["copy"]:
        return None
    if _hash_of(os.open(source, os.O_RDONLY), progress, done, total) != facts["source"]:
        return None
    with contextlib.suppress(OSError):
        os.utime(marker)  # when it was last used, for the clean-up
    return facts


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


def _write_new(folder: Path, name: str, write: Callable[[BinaryIO], object]) -> None:
    """Create ``folder/name`` whole or not at all: written to a new file of its own (never
    through a link), then renamed over whatever stood there."""
    part = folder / f".{name}.{secrets.token_hex(6)}.part"
    try:
        with os.fdopen(os.open(part, _CREATE, 0o600), "wb") as out:
            write(out)
        target = folder / name
        if target.is_dir() and not target.is_symlink():
            target.rmdir()  # rename replaces a file or a link, not a folder
        os.replace(part, target)
    finally:
        with contextlib.suppress(OSError):
            part.unlink()


def _transcode(
    source: Path, out: BinaryIO, codec: str, progress: Progress, done: int, total: int | None
) -> tuple[str, str, Found, bool]:
    """Write ``source`` to ``out`` as UTF-8; return the source's hash, the copy's hash, the
    bytes that were not UTF-8, and whether UTF-8 sequences were found among them."""
    found = Found()
    if codec == UTF16:
        decoder = codecs.getincrementaldecoder(UTF16)()
    else:
        decoder = codecs.getincrementaldecoder("utf-8")(errors=BYTES_AS_1252)
    source_hash, copy_hash = _new_hash(), _new_hash()
    read = chars = 0
    decoding.found = found
    try:
        with source.open("rb") as handle:
            while chunk := handle.read(CHUNK_BYTES):
                found.base_offset = read - len(decoder.getstate()[0])
                text = decoder.decode(chunk)
                source_hash.update(chunk)
                data = text.encode("utf-8")
                copy_hash.update(data)
                out.write(data)
                read += len(chunk)
                chars += len(text)
                found.base_lines += chunk.count(b"\n")
                progress.step(done + read, total, "bytes")
            found.base_offset = read - len(decoder.getstate()[0])
            text = decoder.decode(b"", final=True)
    finally:
        decoding.found = None
    chars += len(text)
    data = text.encode("utf-8")
    copy_hash.update(data)
    out.write(data)
    # Bytes that were UTF-8 sequences of two or more shrink to one character each.
    mixed = codec != UTF16 and read > chars
    return source_hash.hexdigest(), copy_hash.hexdigest(), found, mixed


def has_copy(path: Path) -> bool:
    """Whether this version of ``path`` was copied before (it was then not UTF-8)."""
    return (cache_dir() / f"{_key(path)}.csv").exists()


def utf8_file(
    path: Path, progress: Progress = SILENT, done: int = 0, total: int | None = None
) -> Utf8Text:
    """A UTF-8 version of a CSV file: the file itself when it is UTF-8 (a BOM is fine),
    else its UTF-8 copy in the cache (made once per file version, then reused).

    Progress is reported in bytes, counted from ``done`` of ``total`` (the file's size by
    default) so a folder's files add up.
    """
    total = path.stat().st_size if total is None else total
    key = _key(path)
    copy_name, marker_name = f"{key}.csv", f"{key}.json"
    folder = cache_dir()
    if _usable_folder(folder):
        facts = _reuse(path, folder / copy_name, folder / marker_name, progress, done, total)
        if facts is not None:
            return Utf8Text(folder / copy_name, facts["encoding"], facts.get("note"))
    if _is_utf8(path, progress, done, total):
        return Utf8Text(path, UTF8)
    codec = sniff_codec(path)
    try:
        folder = _own_folder()
    except DataError as error:
        raise DataError(f"{path}: is not UTF-8, and {error}") from None
    made: list = []
    try:
        _write_new(
            folder,
            copy_name,
            lambda out: made.extend(_transcode(path, out, codec, progress, done, total)),
        )
        source_hash, copy_hash, found, mixed = made
        encoding = MIXED if mixed and found.odd_bytes else codec
        note = note_on(encoding, found)
        facts = {"source": source_hash, "copy": copy_hash, "encoding": encoding, "note": note}
        _write_new(folder, marker_name, lambda out: out.write(json.dumps(facts).encode()))
    except UnicodeDecodeError:
        raise DataError(
            f"{path}: not readable as {codec}; expected UTF-8 or Latin-1 text"
        ) from None
    except OSError as exc:
        raise DataError(
            f"{path}: is not UTF-8 and its UTF-8 copy cannot be written to {folder} "
            f"({exc.strerror or exc}); expected a UTF-8 file or a writable cache folder"
        ) from None
    clean_up(folder, keep=(copy_name, marker_name))
    return Utf8Text(folder / copy_name, encoding, note)


def clean_up(folder: Path, keep: tuple[str, ...] = (), now: float | None = None) -> None:
    """Remove copies unused for MAX_AGE_SECONDS, then the least recently used until the
    copies hold at most MAX_CACHE_BYTES, and leftovers (a part, a copy or a marker alone).

    Nothing touched in the last day goes (another app may be reading it, or writing it),
    and only the user's own regular files named as this module names them are touched.
    """
    now = time.time() if now is None else now
    touched: dict[str, float] = {}  # key -> when its marker (else its copy) last changed
    sizes: dict[str, int] = {}
    pairs: dict[str, set[str]] = {}
    for entry in os.scandir(folder):
        with contextlib.suppress(OSError):
            found = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(found.st_mode) or found.st_uid != os.geteuid():
                continue
            if entry.name.endswith(".part"):
                if now - found.st_mtime > DAY_SECONDS:
                    os.unlink(entry.path)
                continue
            key, _, suffix = entry.name.partition(".")
            if suffix not in ("csv", "json"):
                continue
            pairs.setdefault(key, set()).add(suffix)
            if suffix == "csv":
                sizes[key] = found.st_size
            if suffix == "json" or key not in touched:
                touched[key] = found.st_mtime
    kept = {name.partition(".")[0] for name in keep}
    total = sum(sizes.values())
    for key in sorted(touched, key=touched.__getitem__):
        age = now - touched[key]
        if key in kept or age < DAY_SECONDS:
            continue
        whole = pairs[key] == {"csv", "json"}
        if whole and age < MAX_AGE_SECONDS and total <= MAX_CACHE_BYTES:
            continue
        for suffix in pairs[key]:
            with contextlib.suppress(OSError):
                os.unlink(folder / f"{key}.{suffix}")
        total -= sizes.get(key, 0)
