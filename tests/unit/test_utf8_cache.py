"""The cache of UTF-8 copies: the user's own folder, files never followed through links,
copies tied to their source by content, mixed encodings read and said, old copies removed.

Tests run as root, so "another user" is uid 65534 (nobody), set with os.chown.
"""

from __future__ import annotations

import json
import os
import stat
import time
from pathlib import Path

import pytest

from cli_runs import run
from tradetui.data import sources, utf8_cache
from tradetui.data.errors import DataError
from tradetui.data.load import load_dataset

NOBODY = 65534
HEADER = "freqCode,period,reporterCode,reporterISO,reporterDesc,flowCode,partnerCode,partnerISO,"
HEADER += "partnerDesc,partner2Code,cmdCode,cmdDesc,customsCode,mosCode,motCode,primaryValue"
ROWS = (
    "M,202301,384,CIV,Côte d'Ivoire,X,251,FRA,France,0,TOTAL,All Commodities,C00,0,0,1500000000",
    "M,202301,792,TUR,Türkiye,X,643,RUS,Russian Federation,0,TOTAL,All Commodities,C00,0,0,7",
)


@pytest.fixture(autouse=True)
def _as_root() -> None:
    if os.geteuid() != 0:
        pytest.skip("giving a folder to another user needs root")


def latin1_file(tmp_path: Path, name: str = "ct.csv") -> Path:
    path = tmp_path / name
    path.write_bytes("\n".join((HEADER, *ROWS)).encode("latin-1") + b"\n")
    return path


def names(path: Path) -> list[str]:
    return sources.open_source(path).scan().collect()["reporterDesc"].to_list()


def copy_and_marker(path: Path) -> tuple[Path, Path]:
    key = utf8_cache._key(path)
    folder = utf8_cache.cache_dir()
    return folder / f"{key}.csv", folder / f"{key}.json"


def test_the_cache_folder_is_the_users_own_and_private(tmp_path: Path) -> None:
    path = latin1_file(tmp_path)
    assert names(path) == ["Côte d'Ivoire", "Türkiye"]
    folder = utf8_cache.cache_dir()
    assert folder == Path(os.environ["XDG_CACHE_HOME"]) / "tradetui"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for made in folder.iterdir():
        assert stat.S_IMODE(made.stat().st_mode) == 0o600
        assert made.stat().st_uid == os.geteuid()


def test_a_folder_owned_by_another_user_is_refused_in_one_line(tmp_path: Path) -> None:
    path = latin1_file(tmp_path)
    folder = utf8_cache.cache_dir()
    folder.mkdir(mode=0o700, parents=True)
    # What that user could have planted: a copy of other figures, with its marker.
    copy, marker = copy_and_marker(path)
    copy.write_text(f"{HEADER}\nM,202301,384,CIV,Planted,X,251,FRA,France,0,TOTAL,x,C00,0,0,1\n")
    marker.write_text(json.dumps({"source": "x", "copy": "y", "encoding": "windows-1252"}))
    for planted in (folder, copy, marker):
        os.chown(planted, NOBODY, NOBODY)
    with pytest.raises(DataError) as raised:
        sources.open_source(path)
    message = str(raised.value)
    assert message.startswith(
        f"{path}: is not UTF-8, and the cache folder {folder} belongs to another user "
        f"(uid {NOBODY})"
    )
    assert "\n" not in message
    assert "Planted" in copy.read_text()  # not read, not written


def test_a_folder_others_can_write_in_is_refused(tmp_path: Path) -> None:
    path = latin1_file(tmp_path)
    folder = utf8_cache.cache_dir()
    folder.mkdir(parents=True)
    folder.chmod(0o770)
    with pytest.raises(DataError, match=r"can be written by other users \(mode 770\)"):
        sources.open_source(path)
    assert list(folder.iterdir()) == []


def test_a_utf8_file_needs_no_cache_even_when_the_folder_is_not_safe(tmp_path: Path) -> None:
    path = tmp_path / "utf8.csv"
    path.write_text("\n".join((HEADER, *ROWS)) + "\n", encoding="utf-8")
    folder = utf8_cache.cache_dir()
    folder.mkdir(parents=True)
    os.chown(folder, NOBODY, NOBODY)
    assert names(path) == ["Côte d'Ivoire", "Türkiye"]


def test_a_link_planted_where_the_copy_goes_is_not_followed(tmp_path: Path) -> None:
    path = latin1_file(tmp_path)
    copy, marker = copy_and_marker(path)
    copy.parent.mkdir(mode=0o700, parents=True)
    victim = tmp_path / "victim.txt"
    victim.write_text("mine\n")
    copy.symlink_to(victim)
    marker.symlink_to(tmp_path / "created-through-a-link")
    assert names(path) == ["Côte d'Ivoire", "Türkiye"]
    assert victim.read_text() == "mine\n"
    assert not (tmp_path / "created-through-a-link").exists()
    for made in (copy, marker):
        assert not made.is_symlink() and made.is_file()


def test_a_copy_of_another_user_is_not_reused_but_rewritten(tmp_path: Path) -> None:
    path = latin1_file(tmp_path)
    assert names(path) == ["Côte d'Ivoire", "Türkiye"]
    copy, _ = copy_and_marker(path)
    os.chown(copy, NOBODY, NOBODY)  # same content, but not the user's file
    assert names(path) == ["Côte d'Ivoire", "Türkiye"]
    assert copy.stat().st_uid == os.geteuid()


def test_a_marker_that_is_not_a_regular_file_is_rewritten(tmp_path: Path) -> None:
    path = latin1_file(tmp_path)
    assert names(path) == ["Côte d'Ivoire", "Türkiye"]
    _, marker = copy_and_marker(path)
    marker.unlink()
    marker.mkdir()
    assert names(path) == ["Côte d'Ivoire", "Türkiye"]
    assert marker.is_file()
    assert json.loads(marker.read_text())["encoding"] == "windows-1252"


def test_a_copy_altered_after_it_was_written_is_found_and_rewritten(tmp_path: Path) -> None:
    path = latin1_file(tmp_path)
    assert names(path) == ["Côte d'Ivoire", "Türkiye"]
    copy, _ = copy_and_marker(path)
    altered = copy.read_text(encoding="utf-8").replace("Türkiye", "Tampere")
    copy.write_text(altered, encoding="utf-8")
    assert names(path) == ["Côte d'Ivoire", "Türkiye"]
    assert "Türkiye" in copy.read_text(encoding="utf-8")


def test_a_source_changed_with_its_size_and_time_kept_gets_a_new_copy(tmp_path: Path) -> None:
    # The copy is tied to the source's content, not only to its path, size and time.
    path = latin1_file(tmp_path)
    assert names(path) == ["Côte d'Ivoire", "Türkiye"]
    before = path.stat()
    path.write_bytes(path.read_bytes().replace("Türkiye".encode("latin-1"), b"Turkiye"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert names(path) == ["Côte d'Ivoire", "Turkiye"]


def test_utf8_with_one_latin1_byte_keeps_its_utf8_and_says_how_it_was_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "mixed.csv"
    text = "\n".join((HEADER, *ROWS)) + "\n"
    # The file is UTF-8 but for one byte: the ü of Türkiye was saved as Latin-1.
    data = text.encode("utf-8").replace("Türkiye".encode(), "Türkiye".encode("latin-1"))
    path.write_bytes(data)
    source = sources.open_source(path)
    assert source.encodings == ("utf-8 and windows-1252",)
    assert names(path) == ["Côte d'Ivoire", "Türkiye"]  # never "CÃ´te d'Ivoire"
    offset = data.index(b"\xfc")
    (note,) = source.notes
    assert note == (
        f"{path}: UTF-8 text but for 1 byte that is not UTF-8 (line 3, byte {offset + 1}: "
        "0xfc); it was read as Windows-1252 ('ü'), the rest as UTF-8"
    )
    assert note in load_dataset(path).notes
    code, out, _ = run(capsys, "validate", str(path))
    assert code == 0
    assert f"  note: {note}" in out.splitlines()


def test_several_odd_bytes_are_counted_and_the_first_named(tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    text = "\n".join((HEADER, *ROWS)) + "\n"
    # Both names saved as Latin-1 inside a UTF-8 file with a UTF-8 "ü" kept elsewhere.
    data = text.encode("utf-8").replace("Côte".encode(), "Côte".encode("latin-1"))
    data = data.replace("Türkiye".encode(), "Türkiye".encode("latin-1"))
    data = data.replace(b"All Commodities", "Alle Güter".encode())
    path.write_bytes(data)
    (note,) = sources.open_source(path).notes
    first = data.index(b"\xf4") + 1
    assert note == (
        f"{path}: UTF-8 text but for 2 bytes that are not UTF-8 (the first at line 2, byte "
        f"{first}: 0xf4); those were read as Windows-1252 (the first as 'ô'), "
        "the rest as UTF-8"
    )
    frame = sources.open_source(path).scan().collect()
    assert frame["reporterDesc"].to_list() == ["Côte d'Ivoire", "Türkiye"]
    assert frame["cmdDesc"].to_list() == ["Alle Güter"] * 2


def test_a_latin1_file_is_said_to_be_read_as_windows_1252(tmp_path: Path) -> None:
    path = latin1_file(tmp_path)
    assert load_dataset(path).notes[0] == (
        f"{path}: not UTF-8 text, read as Windows-1252 (Latin-1 with €, curly quotes, dashes)"
    )


def test_old_copies_go_and_the_cache_stays_under_its_bound(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = utf8_cache.cache_dir()
    folder.mkdir(mode=0o700, parents=True)
    now = time.time()
    day = utf8_cache.DAY_SECONDS

    def pair(key: str, size: int, days_ago: float) -> None:
        for suffix, data in (("csv", b"x" * size), ("json", b"{}")):
            made = folder / f"{key}.{suffix}"
            made.write_bytes(data)
            os.utime(made, (now - days_ago * day, now - days_ago * day))

    pair("old", 10, 40)  # unused for more than 30 days
    pair("big1", 600, 5)
    pair("big2", 600, 3)
    pair("fresh", 600, 0.5)  # used today: another app may be reading it
    lone = folder / "lone.csv"  # a copy whose marker never came
    lone.write_bytes(b"x")
    os.utime(lone, (now - 2 * day, now - 2 * day))
    part = folder / ".x.csv.abc.part"  # an interrupted copy
    part.write_bytes(b"x")
    os.utime(part, (now - 2 * day, now - 2 * day))
    foreign = folder / "foreign.csv"
    foreign.write_bytes(b"x")
    os.utime(foreign, (now - 90 * day, now - 90 * day))
    os.chown(foreign, NOBODY, NOBODY)
    monkeypatch.setattr(utf8_cache, "MAX_CACHE_BYTES", 1300)
    utf8_cache.clean_up(folder, now=now)
    left = sorted(p.name for p in folder.iterdir())
    # big1 (least recently used) goes to bring 1800 bytes under 1300; big2 and fresh stay.
    assert left == ["big2.csv", "big2.json", "foreign.csv", "fresh.csv", "fresh.json"]


def test_a_folder_names_each_file_that_was_not_utf8(tmp_path: Path) -> None:
    folder = tmp_path / "downloads"
    folder.mkdir()
    (folder / "a.csv").write_text(f"{HEADER}\n{ROWS[0]}\n", encoding="utf-8")
    (folder / "b.csv").write_bytes(f"{HEADER}\n{ROWS[1]}\n".encode("latin-1"))
    source = sources.open_source(folder)
    assert source.encodings == ("utf-8", "windows-1252")
    assert source.notes == (
        f"{folder / 'b.csv'}: not UTF-8 text, read as Windows-1252 (Latin-1 with €, curly "
        "quotes, dashes)",
    )
    assert sorted(source.scan().collect()["reporterDesc"].to_list()) == ["Côte d'Ivoire", "Türkiye"]
