"""sc:// addresses: parsed without Spark, and without the extra one line naming it."""

from __future__ import annotations

import builtins

import pytest

from cli_runs import assert_one_error_line, run
from tradetui.data.errors import DataError
from tradetui.data.spark_url import hide_token, parse


def test_the_table_goes_in_the_path_and_the_parameters_to_spark() -> None:
    found = parse("sc://spark.example.org:15002/db.comtrade;token=abc;user_id=me")
    assert found.remote == "sc://spark.example.org:15002/;token=abc;user_id=me"
    assert found.table == "db.comtrade"
    assert found.describe() == "Spark table db.comtrade at spark.example.org:15002"


def test_the_default_port_and_a_path_the_cluster_reads() -> None:
    found = parse("sc://localhost/parquet.`s3a://bucket/comtrade/`")
    assert found.remote == "sc://localhost:15002/"
    assert found.table == "parquet.`s3a://bucket/comtrade/`"


def test_no_host_takes_the_server_from_spark_remote() -> None:
    found = parse("sc:///trade;user_id=me", {"SPARK_REMOTE": "sc://h:1234/;token=t"})
    assert found.remote == "sc://h:1234/;token=t;user_id=me"
    assert found.table == "trade"


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("sc://h:15002/", "no table"),
        ("sc://h:15002", "no table"),
        ("sc://h:port/t", "the port 'port' is not a number"),
        ("sc:///t", "SPARK_REMOTE holds no sc:// address"),
        ("sc://h;token=x/t", "put the table before the parameters"),
    ],
)
def test_a_wrong_address_is_one_line(text: str, said: str) -> None:
    with pytest.raises(DataError, match=said) as found:
        parse(text, {})
    assert "\n" not in str(found.value)


def test_a_token_is_never_shown() -> None:
    assert hide_token("sc://h/t;token=s3cret;user_id=me") == "sc://h/t;token=…;user_id=me"
    with pytest.raises(DataError) as found:
        parse("sc://h:x/t;token=s3cret", {})
    assert "s3cret" not in str(found.value)


def test_without_the_extra_sc_says_which_to_install(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    real_import = builtins.__import__

    def no_spark(name: str, *args, **kwargs):
        if name.startswith("pyspark") or name == "tradetui.data.spark.engine":
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_spark)
    code, out, err = run(capsys, "summary", "--data", "sc://localhost:15002/comtrade;token=t")
    line = assert_one_error_line(code, out, err)
    assert "install the extra tradetui[spark]" in line
    assert ";token=t" not in line
