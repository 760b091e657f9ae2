"""Web sessions, CSRF tokens, one-time sign-in links and signed buttons.

Everything lives in the core's state store (shared by replicas, survives restarts); only hashes of
tokens are stored, so a copy of the database lets nobody sign in. Cookies carry a random token and
nothing else.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bot.core.ports import Clock, StateStore

SESSION_COOKIE = "dxdesk_session"
PRE_COOKIE = "dxdesk_pre"  # binds the sign-in forms' CSRF token before there is a session


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass
class Session:
    """A signed-in browser: who, its CSRF token, how it signed in, until when."""

    key: str
    person_id: int
    csrf: str
    via: str
    expires: datetime
    login: str = ""  # the proxy's user name, for a proxy session
    flash: list[dict[str, object]] = field(default_factory=list)


class Sessions:
    """Server-side sessions keyed by the hash of the cookie's random token."""

    def __init__(self, state: StateStore, clock: Clock, lifetime: timedelta) -> None:
        self.state = state
        self.clock = clock
        self.lifetime = lifetime

    async def create(self, person_id: int, via: str, login: str = "") -> tuple[str, Session]:
        """A new session; returns the cookie value and the session."""
        token = secrets.token_urlsafe(32)
        session = Session(_digest(token), person_id, secrets.token_urlsafe(32), via,
                          self.clock.now() + self.lifetime, login)
        await self.save(session)
        return token, session

    async def save(self, session: Session) -> None:
        """Write the session back (e.g. after adding a flash message)."""
        await self.state.put(f"web:session:{session.key}", {
            "person": session.person_id, "csrf": session.csrf, "via": session.via,
            "expires": session.expires.isoformat(), "login": session.login, "flash": session.flash,
        })

    async def get(self, token: str) -> Session | None:
        """The live session of a cookie value; None for an unknown, forged or expired token."""
        if not token or len(token) > 100:
            return None
        key = _digest(token)
        data = await self.state.get(f"web:session:{key}")
        if not data:
            return None
        try:
            expires = datetime.fromisoformat(str(data["expires"]))
            session = Session(key, int(data["person"]), str(data["csrf"]), str(data.get("via", "")), expires,
                              str(data.get("login", "")), list(data.get("flash") or []))
        except (KeyError, TypeError, ValueError):
            return None
        if expires <= self.clock.now():
            await self.state.delete(f"web:session:{key}")
            return None
        return session

    async def end(self, token: str) -> None:
        """Sign out: forget the session."""
        if token and len(token) <= 100:
            await self.state.delete(f"web:session:{_digest(token)}")


class Signer:
    """HMAC over small payloads: buttons a person was shown, pre-session CSRF tokens."""

    def __init__(self, secret: bytes) -> None:
        self.secret = secret

    def _mac(self, purpose: str, data: str) -> str:
        mac = hmac.new(self.secret, f"{purpose}\x00{data}".encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(mac[:18]).decode("ascii")

    def sign(self, purpose: str, payload: object) -> str:
        """`payload` (JSON) readable by anyone, changeable by no one."""
        data = base64.urlsafe_b64encode(json.dumps(payload, ensure_ascii=False).encode("utf-8")).decode("ascii")
        return f"{data}.{self._mac(purpose, data)}"

    def unsign(self, purpose: str, token: str) -> object | None:
        """The payload of a token made by `sign` for the same purpose; None if altered."""
        data, _, mac = token.partition(".")
        if not data or not mac or not hmac.compare_digest(mac, self._mac(purpose, data)):
            return None
        try:
            return json.loads(base64.urlsafe_b64decode(data.encode("ascii")))
        except ValueError:
            return None

    def pre_csrf(self, pre_cookie: str) -> str:
        """The sign-in forms' CSRF token, bound to the browser's pre-session cookie."""
        return self._mac("pre-csrf", pre_cookie)

    def check_pre_csrf(self, pre_cookie: str, token: str) -> bool:
        """True when `token` was made for this browser's pre-session cookie."""
        return bool(pre_cookie) and bool(token) and hmac.compare_digest(token, self.pre_csrf(pre_cookie))


class SignInLinks:
    """One-time sign-in links: short-lived, single-use, rate-limited per person and per address."""

    def __init__(self, state: StateStore, clock: Clock, lifetime: timedelta, per_person: int = 3,
                 per_address: int = 10, window: timedelta = timedelta(minutes=15)) -> None:
        self.state = state
        self.clock = clock
        self.lifetime = lifetime
        self.per_person = per_person
        self.per_address = per_address
        self.window = window
        self._addresses: dict[str, deque[datetime]] = {}

    def _allow_address(self, address: str) -> bool:
        now = self.clock.now()
        seen = self._addresses.setdefault(address, deque())
        while seen and seen[0] <= now - self.window:
            seen.popleft()
        if len(seen) >= self.per_address:
            return False
        seen.append(now)
        if len(self._addresses) > 10000:  # bounded memory under a flood of addresses
            self._addresses.clear()
        return True

    async def _allow_person(self, person_id: int) -> bool:
        now = self.clock.now()
        key = f"web:linkrate:{person_id}"
        data = await self.state.get(key) or {}
        recent = [t for t in data.get("at", []) if datetime.fromisoformat(t) > now - self.window]
        if len(recent) >= self.per_person:
            return False
        await self.state.put(key, {"at": [*recent, now.isoformat()]})
        return True

    def address_allowed(self, address: str) -> bool:
        """Counts one request from this network address; False once it has asked too often."""
        return self._allow_address(address)

    async def issue(self, person_id: int) -> str | None:
        """A new link token for this person, or None when they asked too often."""
        if not await self._allow_person(person_id):
            return None
        token = secrets.token_urlsafe(32)
        await self.state.put(f"web:link:{_digest(token)}", {
            "person": person_id, "expires": (self.clock.now() + self.lifetime).isoformat(), "used": False})
        return token

    async def valid(self, token: str) -> bool:
        """Whether the link can still be used (the confirmation page shows before it is spent)."""
        return await self._read(token) is not None

    async def _read(self, token: str) -> dict[str, object] | None:
        if not token or len(token) > 100:
            return None
        data = await self.state.get(f"web:link:{_digest(token)}")
        if not data or data.get("used"):
            return None
        if datetime.fromisoformat(str(data["expires"])) <= self.clock.now():
            return None
        return data

    async def consume(self, token: str) -> int | None:
        """The person the link signs in, spending it; None for an expired, used or unknown link."""
        data = await self._read(token)
        if data is None:
            return None
        await self.state.put(f"web:link:{_digest(token)}", {**data, "used": True})
        return int(str(data["person"]))
