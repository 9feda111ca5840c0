"""Opening what the user points at: files, folders, encodings, and telling layouts apart."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from comtrade_files import write_comtrade
from tradetui.data import schema, sources, utf8_cache
from tradetui.data.errors import DataError
from tradetui.data.load import load_dataset
from tradetui.data.progress import Cancelled, Progress

TRADE_HEADER = "period_start,period_end,reporter,partner,flow,value,unit"
TRADE_ROWS = (
    "2023-03,2023-03,CHN,RUS,export,9.5,USD bn",
    "2023-03,2023-03,CHN,RUS,import,11,USD bn",
)
COMTRADE_HEADER = (
    "freqCode,period,reporterCode,reporterISO,reporterDesc,flowCode,partnerCode,partnerISO,"
    "partnerDesc,partner2Code,cmdCode,cmdDesc,customsCode,mosCode,motCode,primaryValue"
)
# A Latin-1 file as saved from a spreadsheet: the names carry accented letters.
COMTRADE_ROWS = (
    "M,202301,384,CIV,Côte d'Ivoire,X,251,FRA,France,0,TOTAL,All Commodities,C00,0,0,1500000000",
    "M,202301,384,CIV,Côte d'Ivoire,X,251,FRA,France,0,18,Cacao et préparations,C00,0,0,900000000",
)
GACC_HEADER = "period_start,period_end,kind,flow,value,unit,currency,yoy_pct,source_url"


def write_text(path: Path, lines: tuple[str, ...] | list[str], encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return path


def recorder() -> tuple[Progress, list[tuple[int, int | None, str]]]:
    steps: list[tuple[int, int | None, str]] = []
    return Progress(report=lambda done, total, unit: steps.append((done, total, unit))), steps


# --- layouts -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("columns", "expected"),
    [
        (TRADE_HEADER.split(","), "tradetui"),
        (COMTRADE_HEADER.split(","), "comtrade"),
        (
            ["refPeriodId", "reporterCode", "partnerCode", "flowCode", "cmdCode", "primaryValue"],
            "comtrade",
        ),
        (GACC_HEADER.split(","), "gacc"),
        (["when", "amount"], None),
        (["period", "reporterISO", "flowCode"], None),
    ],
    ids=["tradetui", "comtrade", "comtrade-codes-only", "gacc", "unknown", "partial-comtrade"],
)
def test_the_layout_is_told_by_the_header(columns: list[str], expected: str | None) -> None:
    assert sources.detect_format(columns) == expected


def test_an_unknown_layout_is_one_line_naming_the_columns_and_the_layouts(tmp_path: Path) -> None:
    path = write_text(tmp_path / "mystery.csv", ["when,amount", "2023-01,1"])
    with pytest.raises(DataError) as caught:
        load_dataset(path)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: unknown layout")
    assert "found when, amount" in message
    for layout in ("tradetui trade table", "UN Comtrade export", "GACC report figures"):
        assert layout in message


def test_a_header_close_to_comtrade_names_the_missing_comtrade_columns(tmp_path: Path) -> None:
    path = write_text(
        tmp_path / "partial.csv", ["period,reporterISO,flowCode,value", "202301,CHN,X,1"]
    )
    with pytest.raises(DataError, match="looks like the UN Comtrade export layout but misses"):
        load_dataset(path)
    with pytest.raises(DataError, match="partnerISO or partnerCode, cmdCode, primaryValue;"):
        load_dataset(path)


# --- files, folders ------------------------------------------------------------------------


def test_a_utf8_csv_is_scanned_as_it_is(tmp_path: Path) -> None:
    path = write_text(tmp_path / "trade.csv", [TRADE_HEADER, *TRADE_ROWS])
    source = sources.open_source(path)
    assert (source.kind, source.format, source.file_type) == ("file", "tradetui", "csv")
    assert source.files == (path,)
    assert source.encodings == ("utf-8",)
    assert source.scan().collect().height == 2


def test_a_byte_order_mark_does_not_end_up_in_the_first_column_name(tmp_path: Path) -> None:
    path = write_text(tmp_path / "bom.csv", [TRADE_HEADER, *TRADE_ROWS], encoding="utf-8-sig")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    source = sources.open_source(path)
    assert source.columns[0] == "period_start"
    assert source.files == (path,)  # valid UTF-8: no copy
    assert load_dataset(path).trade.collect().height == 2


def test_a_latin1_csv_is_read_from_a_utf8_copy_in_the_cache(tmp_path: Path) -> None:
    path = write_text(tmp_path / "ct.csv", [COMTRADE_HEADER, *COMTRADE_ROWS], encoding="latin-1")
    with pytest.raises(UnicodeDecodeError):
        path.read_text(encoding="utf-8")
    progress, steps = recorder()
    source = sources.open_source(path, progress)
    (copy,) = source.files
    assert copy.parent == utf8_cache.cache_dir()
    assert source.encodings == ("windows-1252",)
    assert source.notes == (
        f"{path}: not UTF-8 text, read as Windows-1252 (Latin-1 with €, curly quotes, dashes)",
    )
    names = source.scan().select("reporterDesc", "cmdDesc").collect()
    assert names["reporterDesc"].to_list() == ["Côte d'Ivoire"] * 2
    assert names["cmdDesc"][1] == "Cacao et préparations"
    size = path.stat().st_size
    assert steps and steps[-1] == (size, size, "bytes")
    assert not list(copy.parent.glob("*.part"))  # written under another name, then renamed

    # The copy is made once per version of the file, then reused once the source's content
    # is found unchanged (its hash is read again: progress in bytes).
    made = copy.stat().st_mtime_ns
    progress, steps = recorder()
    assert sources.open_source(path, progress).files == (copy,)
    assert copy.stat().st_mtime_ns == made
    assert steps[-1] == (size, size, "bytes")


def test_a_character_split_between_chunks_is_still_utf8(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(utf8_cache, "CHUNK_BYTES", 1)
    path = write_text(tmp_path / "accents.csv", ["name,value", "Côte d'Ivoire,1", "Türkiye,2"])
    progress, steps = recorder()
    text = sources.utf8_file(path, progress)
    assert (text.path, text.encoding, text.note) == (path, "utf-8", None)
    size = path.stat().st_size
    assert [done for done, _, _ in steps] == list(range(1, size + 1))
    assert {(total, unit) for _, total, unit in steps} == {(size, "bytes")}


def test_checking_the_encoding_stops_when_cancelled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(utf8_cache, "CHUNK_BYTES", 8)
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 2

    for name, encoding in (("utf8.csv", "utf-8"), ("latin1.csv", "latin-1")):
        path = write_text(tmp_path / name, [COMTRADE_HEADER, *COMTRADE_ROWS], encoding=encoding)
        calls.clear()
        with pytest.raises(Cancelled):
            sources.utf8_file(path, Progress(cancelled=cancelled))
    cache = utf8_cache.cache_dir()
    assert not cache.exists() or not list(cache.glob("*.csv*"))  # no copy, whole or partial


def test_a_utf16_csv_is_copied_to_utf8(tmp_path: Path) -> None:
    path = write_text(tmp_path / "excel.csv", [TRADE_HEADER, *TRADE_ROWS], encoding="utf-16")
    source = sources.open_source(path)
    assert source.encodings == ("utf-16",)
    assert source.format == "tradetui"
    assert load_dataset(path).trade.collect().height == 2


def test_a_semicolon_separated_csv_is_read(tmp_path: Path) -> None:
    rows = [line.replace(",", ";") for line in (TRADE_HEADER, *TRADE_ROWS)]
    path = write_text(tmp_path / "semicolons.csv", rows)
    assert sources.open_source(path).separator == ";"
    assert load_dataset(path).trade.collect().height == 2


def test_own_schema_in_parquet(tmp_path: Path) -> None:
    csv = write_text(tmp_path / "trade.csv", [TRADE_HEADER, *TRADE_ROWS])
    expected = load_dataset(csv).trade.collect()
    parquet = tmp_path / "trade.parquet"
    pl.read_csv(csv).write_parquet(parquet)
    source = sources.open_source(parquet)
    assert (source.format, source.file_type) == ("tradetui", "parquet")
    assert source.row_count() == 2
    loaded = load_dataset(parquet)
    assert loaded.source_format == "tradetui"
    assert_frame_equal(loaded.trade.collect(), expected)


def test_a_hive_partitioned_folder_turns_its_keys_into_columns(tmp_path: Path) -> None:
    folder = tmp_path / "hive"
    rows = {
        "2022": ("2022-03,2022-03,CHN,RUS,export,7.5,USD bn",),
        "2023": TRADE_ROWS,
    }
    for year, lines in rows.items():
        part = folder / f"year={year}" / "part-0.parquet"
        part.parent.mkdir(parents=True)
        pl.read_csv(write_text(tmp_path / f"{year}.csv", [TRADE_HEADER, *lines])).write_parquet(
            part
        )
    (folder / "_SUCCESS").write_text("")  # written by Spark: not data
    source = sources.open_source(folder)
    assert (source.kind, source.format, source.file_type) == ("folder", "tradetui", "parquet")
    assert "year" in source.columns
    scanned = source.scan().collect().sort("period_start", "flow")
    assert scanned["year"].to_list() == [2022, 2023, 2023]
    assert source.row_count() == 3
    trade = load_dataset(folder).trade.collect()
    assert trade.height == 3


def test_a_folder_of_csv_files_is_read_as_one_table(tmp_path: Path) -> None:
    folder = tmp_path / "files"
    write_text(folder / "a.csv", [TRADE_HEADER, TRADE_ROWS[0]])
    write_text(folder / "b.csv", [TRADE_HEADER, TRADE_ROWS[1]])
    write_text(folder / "events.csv", ["start_date,title", "2023-03-21,A visit"])
    source = sources.open_source(folder)
    assert (source.kind, source.file_type) == ("folder", "csv")
    assert len(source.files) == 2  # events.csv is a companion table, not trade
    data = load_dataset(folder)
    assert data.trade.collect().height == 2
    assert data.events.collect()["title"].to_list() == ["A visit"]
    assert "events" not in data.missing


def test_a_folder_mixing_csv_and_parquet_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    csv = write_text(folder / "a.csv", [TRADE_HEADER, *TRADE_ROWS])
    pl.read_csv(csv).write_parquet(folder / "b.parquet")
    with pytest.raises(DataError, match="holds both CSV and Parquet files; expected files of one"):
        sources.open_source(folder)


def test_csv_files_with_different_columns_are_refused(tmp_path: Path) -> None:
    folder = tmp_path / "files"
    write_text(folder / "a.csv", [TRADE_HEADER, TRADE_ROWS[0]])
    other = write_text(folder / "b.csv", ["period,value", "2023-01,1"])
    with pytest.raises(DataError) as caught:
        sources.open_source(folder)
    assert str(caught.value).startswith(f"{other}: columns differ from a.csv")


def test_a_dataset_folder_is_still_a_dataset(tmp_path: Path) -> None:
    write_text(tmp_path / schema.TRADE_FILE, [TRADE_HEADER, *TRADE_ROWS])
    source = sources.open_source(tmp_path)
    assert (source.kind, source.format) == ("dataset", "tradetui")
    assert source.files == (tmp_path / schema.TRADE_FILE,)


def test_an_empty_folder_is_not_a_dataset(tmp_path: Path) -> None:
    with pytest.raises(DataError, match=r"not a tradetui dataset; expected trade_monthly\.csv"):
        sources.open_source(tmp_path)


def test_a_gacc_report_file_is_recognised(tmp_path: Path) -> None:
    path = write_text(
        tmp_path / "reports.csv",
        [GACC_HEADER, "2023-01,2023-02,month,total,33.685,bn,USD,,https://example.org/1"],
    )
    source = sources.open_source(path)
    assert source.format == "gacc"
    assert source.describe() == f"GACC report file {path}"


@pytest.mark.parametrize("name", ["trade [2023].csv", "trade*.csv", "trade?.csv", "t{a,b}.csv"])
def test_glob_characters_in_a_file_name_are_part_of_the_name(tmp_path: Path, name: str) -> None:
    folder = tmp_path / "exports [v2]"
    folder.mkdir()
    path = folder / name
    path.write_text("\n".join((TRADE_HEADER, *TRADE_ROWS)) + "\n", encoding="utf-8")
    trade = load_dataset(path).trade.collect()
    assert trade["value"].to_list() == [9.5, 11.0]


def test_glob_characters_in_parquet_and_comtrade_file_names(tmp_path: Path) -> None:
    folder = tmp_path / "data [1]"
    folder.mkdir()
    parquet = folder / "trade [2023].parquet"
    load_dataset(_written(tmp_path)).trade.collect().write_parquet(parquet)
    assert load_dataset(parquet).trade.collect().height == 2
    comtrade = write_comtrade(folder / "comtrade [hs].csv")
    assert load_dataset(comtrade).trade.collect().height > 0


def _written(tmp_path: Path) -> Path:
    path = tmp_path / "plain.csv"
    path.write_text("\n".join((TRADE_HEADER, *TRADE_ROWS)) + "\n", encoding="utf-8")
    return path
