"""Who is at the browser: a trusted reverse proxy's header, a session cookie, or nobody.

The proxy header is believed only from the configured proxy addresses; from anywhere else it is
ignored (and logged), so nobody can sign in by sending the header themselves.
"""

from __future__ import annotations

import ipaddress
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from bot.core.model import Person

log = logging.getLogger(__name__)

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
EMAIL = re.compile(r"^[^@\s<>\"']{1,64}@[A-Za-z0-9.-]{1,190}\.[A-Za-z]{2,}$")
LOCAL_NAME = re.compile(r"^[\w.\-\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]{1,64}$")


class SignInDirectory(Protocol):
    """The people registry as sign-in sees it (implemented by the composition root)."""

    async def get(self, person_id: int) -> Person | None:
        """A signed-in session's person (None once removed from the registry)."""
        ...

    async def by_email(self, email: str) -> Person | None:
        """The registered person with this e-mail address."""
        ...

    async def by_login(self, login: str) -> Person | None:
        """The person a reverse proxy names (DOMAIN\\user, user@domain or user)."""
        ...

    async def local(self, name: str) -> Person:
        """The local user of a trial install, registered as the local chat registers them."""
        ...


def parse_networks(text: str) -> tuple[Network, ...]:
    """"10.0.0.5, 192.168.10.0/24, ::1" -> networks; raises ValueError on a bad entry."""
    return tuple(ipaddress.ip_network(part.strip(), strict=False) for part in text.split(",") if part.strip())


def address_in(remote: str | None, networks: Sequence[Network]) -> bool:
    """Whether the peer address is one of the networks."""
    if not remote or not networks:
        return False
    try:
        address = ipaddress.ip_address(remote)
    except ValueError:
        return False
    return any(address in net for net in networks)


def is_loopback(remote: str | None) -> bool:
    """127.0.0.0/8 or ::1."""
    try:
        return bool(remote) and ipaddress.ip_address(remote or "").is_loopback
    except ValueError:
        return False


def login_candidates(login: str, email_domain: str = "") -> list[str]:
    """Registry keys to try for a proxy user name: as given, without the Windows domain, and as
    an e-mail address in the city's domain."""
    login = login.strip()
    user = login.rsplit("\\", 1)[-1]
    keys = [login, user]
    if email_domain and "@" not in user:
        keys.append(f"{user}@{email_domain}")
    return list(dict.fromkeys(k for k in keys if k))


@dataclass(frozen=True)
class ProxyTrust:
    """Which peers may name the user, and in which header."""

    networks: tuple[Network, ...] = ()
    header: str = "X-Remote-User"

    def login_of(self, remote: str | None, headers: dict[str, str] | object) -> str:
        """The user the proxy names; "" when there is none or the peer is not a trusted proxy."""
        value = str(headers.get(self.header, "") or "").strip()
        if not value:
            return ""
        if not address_in(remote, self.networks):
            log.warning("ignored %s header from %s (not a trusted proxy address)", self.header, remote)
            return ""
        return value[:200]
