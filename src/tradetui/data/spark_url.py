"""``--data sc://HOST:PORT/TABLE;param=value``: a table on a Spark Connect server.

The form is Spark Connect's own connection string (``sc://host:port/;token=…;user_id=…``,
as in ``SPARK_REMOTE``) with the table in its path: a catalog table (``db.comtrade``) or
files the cluster reads (``parquet.`s3a://bucket/comtrade/```). ``sc:///TABLE`` (no host)
takes the server and its parameters from ``SPARK_REMOTE``. Parsed here without Spark, so
a wrong address is one line before anything is imported.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from tradetui.data.errors import DataError

SCHEME = "sc://"
EXTRA = "tradetui[spark]"
DEFAULT_PORT = 15002
_SECRET = re.compile(r"(;\s*token\s*=)[^;]*", re.IGNORECASE)


def is_spark(text: object) -> bool:
    return isinstance(text, str) and text.lower().startswith(SCHEME)


@dataclass(frozen=True)
class SparkTable:
    """Where the table is: ``remote`` is the connection string Spark is given."""

    remote: str
    table: str

    @property
    def server(self) -> str:
        """host:port, for messages (never the token)."""
        return self.remote[len(SCHEME) :].split("/", 1)[0].split(";", 1)[0]

    def describe(self) -> str:
        return f"Spark table {self.table} at {self.server}"


def hide_token(text: str) -> str:
    """A connection string or message with its token replaced."""
    return _SECRET.sub(r"\1…", text)


def parse(text: str, environ: dict[str, str] | None = None) -> SparkTable:
    """``sc://host[:port]/TABLE[;params]`` as a :class:`SparkTable`; DataError when not."""
    environ = os.environ if environ is None else environ
    shown = hide_token(text)
    rest = text[len(SCHEME) :]
    server, _, tail = rest.partition("/")
    table, _, params = tail.partition(";")
    if ";" in server:  # sc://host;token=…/TABLE: parameters before the table
        raise DataError(f"{shown}: put the table before the parameters, as sc://HOST:PORT/TABLE;…")
    table = table.strip()
    if not table:
        raise DataError(
            f"{shown}: no table; expected sc://HOST:PORT/TABLE, e.g. sc://localhost:15002/comtrade"
        )
    if not server:
        remote = environ.get("SPARK_REMOTE", "")
        if not is_spark(remote):
            raise DataError(f"{shown}: no server, and SPARK_REMOTE holds no sc:// address")
        base, _, env_params = remote[len(SCHEME) :].partition(";")
        server = base.rstrip("/")
        params = ";".join(p for p in (env_params, params) if p)
    host, colon, port = server.rpartition(":") if ":" in server else (server, "", "")
    if colon and not port.isdigit():
        raise DataError(f"{shown}: the port {port!r} is not a number")
    if not (host if colon else server):
        raise DataError(f"{shown}: no host name")
    if not colon:
        server = f"{server}:{DEFAULT_PORT}"
    remote = f"{SCHEME}{server}/" + (f";{params}" if params else "")
    return SparkTable(remote=remote, table=table)
