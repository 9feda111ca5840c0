"""Who may use `tradetui serve`: the addresses it answers to, the Origin a websocket must
come from, and the token each server start makes.

Pure checks on header values (no aiohttp), so that they can be tested one by one; the
server (serve.py) applies them to every request. The reasons are in docs/serve.md.
"""

from __future__ import annotations

import hmac
import ipaddress
import platform
import re
import secrets
from dataclasses import dataclass

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "[::1]")
DEFAULT_PORTS = {"http": 80, "https": 443}


def new_token() -> str:
    """The secret of one server start: 32 random bytes, URL-safe (43 characters)."""
    return secrets.token_urlsafe(32)


def url_host(host: str) -> str:
    """HOST as written in a URL: an IPv6 address in brackets."""
    return f"[{host}]" if ":" in host else host


def is_wildcard(host: str) -> bool:
    try:
        return host == "" or ipaddress.ip_address(host).is_unspecified
    except ValueError:
        return False


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # another name may resolve to any address


def authorities(host: str, port: int, default_port: int) -> set[str]:
    """How a Host header names HOST:PORT (lower case); both forms for the default port."""
    named = url_host(host).lower()
    forms = {f"{named}:{port}"}
    if port == default_port:
        forms.add(named)
    return forms


# scheme://host[:port][path]: a name or [IPv6], no user name, the port a number.
PUBLIC_URL = re.compile(
    r"(https?)://(\[[0-9A-Fa-f:.]+\]|[^/?#:@\[\]\s]+)(?::(\d{1,5}))?(?:[/?#]\S*)?"
)


def public_authorities(url: str) -> set[str]:
    """The Host forms of a --public-url; ValueError when it is no http(s) address."""
    parts = PUBLIC_URL.fullmatch(url)
    if parts is None or int(parts[3] or 1) > 65535:
        raise ValueError(url)
    scheme, host = parts[1], parts[2].strip("[]")
    default = DEFAULT_PORTS[scheme]
    return authorities(host, int(parts[3]) if parts[3] else default, default)


def is_public_url(url: str) -> bool:
    try:
        public_authorities(url)
    except ValueError:
        return False
    return True


def _ip_literal(authority: str) -> tuple[str, str] | None:
    """(address, port) of an ``IP:PORT`` or ``[IPv6]:PORT`` authority, else None."""
    if authority.startswith("["):
        address, _, port = authority[1:].partition("]:")
    else:
        address, _, port = authority.rpartition(":")
    try:
        ipaddress.ip_address(address)
    except ValueError:
        return None
    # A zone (fe80::1%eth0) may hold any character, and a browser never sends one.
    return None if "%" in address else (address, port)


@dataclass(frozen=True)
class Access:
    """The checks of one server: Host, Origin and token."""

    hosts: frozenset[str]  # Host header values that name this server, lower case
    any_address_port: int | None  # a wildcard bind: any IP literal on this port names it
    token: str | None  # None with --no-token

    @classmethod
    def of(cls, host: str, port: int, public_url: str | None, token: str | None) -> Access:
        """The Access of a server bound to HOST:PORT, reached at PUBLIC_URL if given."""
        hosts: set[str] = set()
        if is_wildcard(host):
            hosts |= authorities(platform.node(), port, 80)  # the name it announces
        else:
            hosts |= authorities(host, port, 80)
        if is_wildcard(host) or is_loopback(host):
            for name in LOOPBACK_NAMES:
                hosts |= authorities(name.strip("[]"), port, 80)
        if public_url is not None:
            hosts |= public_authorities(public_url)
        wildcard_port = port if is_wildcard(host) else None
        return cls(frozenset(hosts), wildcard_port, token)

    def host_ok(self, host: str | None) -> bool:
        """A Host header naming this server: a name another site controls never does."""
        if host is None:
            return False
        host = host.lower()
        if host in self.hosts:
            return True
        # DNS rebinding needs a name; an IP literal is one the browser connected to itself.
        literal = _ip_literal(host)
        return (
            self.any_address_port is not None
            and literal is not None
            and literal[1] == str(self.any_address_port)
        )

    def origin_ok(self, origin: str | None, host: str) -> bool:
        """A websocket's Origin is a page of this server: one of its names, or its Host."""
        if origin is None:
            return False
        scheme, sep, authority = origin.lower().partition("://")
        if not sep or scheme not in DEFAULT_PORTS or "/" in authority:
            return False
        return authority in self.hosts or authority == host.lower()

    def token_ok(self, given: str | None) -> bool:
        if self.token is None:
            return True
        if given is None:
            return False
        return hmac.compare_digest(given.encode(), self.token.encode())
