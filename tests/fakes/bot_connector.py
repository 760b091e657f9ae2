"""A fake Bot Connector (the REST service Teams bots send replies to) and a fake Bot Framework
token issuer, as one aiohttp server on 127.0.0.1 with an ephemeral port.

Inbound activities posted to the bot carry `serviceUrl` = `fake.url`, so every reply, update and
proactive message the bot sends lands here and is recorded. Overrides are queued per route
(`fake.queue("send", 429, headers={"Retry-After": "1"})`) and used once each, in order.

The same server publishes an OpenID metadata document and signing keys, and `fake.token(...)`
signs Bot Framework channel tokens with them, so authentication can be exercised with a token
that passes as well as with tokens that must be refused.

It also plays OneDrive's upload session for Teams file consent: `fake.upload_url(name)` is what a
test puts into the `uploadInfo` of a `fileConsent/invoke` activity; the bytes the bot PUTs there
are recorded in `fake.uploads[name]` (queue a failure with `fake.queue(UPLOAD, 500)`).
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
import time
import uuid
from collections import defaultdict, deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jwt
from aiohttp import web
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

ISSUER = "https://api.botframework.com"

# Route names, as used by `queue`, `next_call` and `calls_to`.
SEND = "send"  # POST /v3/conversations/{id}/activities
REPLY = "reply"  # POST /v3/conversations/{id}/activities/{activityId}
UPDATE = "update"  # PUT  /v3/conversations/{id}/activities/{activityId}
MEMBER = "member"  # GET  /v3/conversations/{id}/members/{memberId}
UPLOAD = "upload"  # PUT  /upload/{name} (a OneDrive upload session URL)
FILE_CONSENT = "application/vnd.microsoft.teams.card.file.consent"
FILE_INFO = "application/vnd.microsoft.teams.card.file.info"
POSTS = (SEND, REPLY)


@dataclass
class Call:
    """One request the bot made to the fake."""

    route: str
    method: str
    conversation_id: str
    activity_id: str
    body: Any
    headers: dict[str, str]
    at: float
    status: int = 0
    # The message id the fake gave a posted activity (what a later button press refers to).
    response_id: str = ""
    # The request body exactly as sent (uploads are binary).
    raw: bytes = b""

    def attachment(self, content_type: str) -> dict[str, Any] | None:
        """The first attachment of a posted activity with this content type, if any."""
        attachments = self.body.get("attachments") if isinstance(self.body, dict) else None
        for attachment in attachments or []:
            if attachment.get("contentType") == content_type:
                return dict(attachment)
        return None

    @property
    def file_consent(self) -> dict[str, Any] | None:
        """The file consent card of a posted activity (Teams' Allow / Decline offer), if any."""
        return self.attachment(FILE_CONSENT)

    @property
    def file_info(self) -> dict[str, Any] | None:
        """The file info card of a posted activity (an uploaded file), if any."""
        return self.attachment(FILE_INFO)

    @property
    def text(self) -> str:
        """The plain text of a posted activity ('' for cards)."""
        return str((self.body or {}).get("text") or "")

    @property
    def card(self) -> dict[str, Any] | None:
        """The first Adaptive Card attached to a posted activity, if any."""
        for attachment in (self.body or {}).get("attachments") or []:
            if attachment.get("contentType") == "application/vnd.microsoft.card.adaptive":
                return dict(attachment["content"])
        return None

    def card_texts(self) -> list[str]:
        """Every piece of visible text in the card (text blocks, rich text runs, facts, buttons)."""
        return visible_texts(self.card)

    def submit_data(self, label_part: str) -> dict[str, Any]:
        """The `data` of the card action whose title (or clickable row text) contains `label_part`."""
        if self.card is None:
            raise AssertionError("the message has no Adaptive Card")
        matches: list[dict[str, Any]] = []

        def walk(node: Any, row_text: str) -> None:
            if isinstance(node, dict):
                if node.get("type") in ("Action.Submit", "Action.Execute"):
                    if label_part in str(node.get("title", "")) or label_part in row_text:
                        matches.append(dict(node.get("data") or {}))
                    return
                if "selectAction" in node:
                    walk(node["selectAction"], " ".join(visible_texts(node.get("items", []))))
                for key, value in node.items():
                    if key != "selectAction":
                        walk(value, row_text)
            elif isinstance(node, list):
                for item in node:
                    walk(item, row_text)

        walk(self.card, "")
        if not matches:
            raise AssertionError(f"no action {label_part!r} in {self.card_texts()}")
        return matches[0]


def visible_texts(node: Any) -> list[str]:
    """Text a person would see in (part of) an Adaptive Card, in document order."""
    found: list[str] = []

    def walk(item: Any) -> None:
        if isinstance(item, dict):
            kind = str(item.get("type", ""))
            if kind in ("TextBlock", "TextRun") and item.get("text"):
                found.append(str(item["text"]))
            elif kind.startswith("Action.") and item.get("title"):
                found.append(str(item["title"]))
            elif kind == "FactSet":
                found.extend(f"{f['title']}: {f['value']}" for f in item.get("facts", []))
            for value in item.values():
                walk(value)
        elif isinstance(item, list):
            for element in item:
                walk(element)

    walk(node)
    return found


@dataclass
class Override:
    """A canned answer for the next request to one route."""

    status: int
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)


class FakeBotConnector:
    """Bot Connector + OpenID/JWKS fake; start with `await FakeBotConnector().start()`."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.members: dict[str, dict[str, Any]] = {}
        self.uploads: dict[str, bytes] = {}
        self._overrides: dict[str, deque[Override]] = defaultdict(deque)
        self._seen: dict[str | None, int] = defaultdict(int)
        self._given: set[int] = set()
        self._changed = asyncio.Condition()
        self._ids = itertools.count(1)
        self._runner: web.AppRunner | None = None
        self.port = 0
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.kid = "fake-key-1"
        self.metadata_requests = 0

    # --- life cycle ----------------------------------------------------------------------
    async def start(self) -> FakeBotConnector:
        """Serve on 127.0.0.1 with an ephemeral port."""
        app = web.Application()
        base = "/v3/conversations/{conversation_id}"
        app.router.add_post(base + "/activities", self._send)
        app.router.add_post(base + "/activities/{activity_id}", self._reply)
        app.router.add_put(base + "/activities/{activity_id}", self._update)
        app.router.add_get(base + "/members/{member_id}", self._member)
        app.router.add_get("/v1/.well-known/openidconfiguration", self._openid)
        app.router.add_get("/v1/keys", self._keys)
        app.router.add_put("/upload/{name}", self._upload)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self

    async def close(self) -> None:
        """Stop serving."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    @property
    def url(self) -> str:
        """The `serviceUrl` to put in inbound activities (with the trailing slash Teams uses)."""
        return f"http://127.0.0.1:{self.port}/"

    def upload_url(self, name: str) -> str:
        """An upload session URL for a file called `name` (what Teams sends in `uploadInfo`)."""
        return f"{self.url}upload/{name}"

    @property
    def openid_url(self) -> str:
        """The OpenID metadata document (for DXDESK_TEAMS_OPENID_METADATA)."""
        return f"{self.url}v1/.well-known/openidconfiguration"

    # --- test controls --------------------------------------------------------------------
    def queue(self, route: str, status: int, body: Any = None, headers: dict[str, str] | None = None) -> None:
        """Answer the next request to `route` with this status instead of succeeding."""
        self._overrides[route].append(Override(status, body, dict(headers or {})))

    def calls_to(self, *routes: str) -> list[Call]:
        """Recorded calls to the given routes (all routes when none given)."""
        return [c for c in self.calls if not routes or c.route in routes]

    def posts(self) -> list[Call]:
        """Activities the bot posted (new messages and replies), answered with success."""
        return [c for c in self.calls if c.route in POSTS and 200 <= c.status < 300]

    async def next_call(self, *routes: str, timeout: float = 5.0) -> Call:
        """Wait for the next call (to one of `routes`) that this helper has not returned yet."""
        key = ",".join(sorted(routes)) or None

        async def arrived() -> None:
            async with self._changed:
                await self._changed.wait_for(lambda: len(self.calls_to(*routes)) > self._seen[key])

        await asyncio.wait_for(arrived(), timeout)
        call = self.calls_to(*routes)[self._seen[key]]
        self._seen[key] += 1
        return call

    async def message(self, conversation_prefix: str, contains: str = "", timeout: float = 5.0) -> Call:
        """Wait for a message (post or card update) into a conversation whose id starts with
        `conversation_prefix` and whose text or card contains `contains`; each is returned once."""

        def find() -> Call | None:
            for call in self.calls:
                if (call.route in (SEND, REPLY, UPDATE) and 200 <= call.status < 300 and id(call) not in self._given
                        and call.conversation_id.startswith(conversation_prefix)
                        and (contains in call.text or any(contains in t for t in call.card_texts()))):
                    return call
            return None

        async def arrived() -> None:
            async with self._changed:
                await self._changed.wait_for(lambda: find() is not None)

        try:
            await asyncio.wait_for(arrived(), timeout)
        except TimeoutError:
            seen = [(c.route, c.conversation_id, c.text or c.card_texts()) for c in self.calls]
            raise AssertionError(f"no message {contains!r} in {conversation_prefix!r}; got {seen}") from None
        call = find()
        assert call is not None
        self._given.add(id(call))
        return call

    async def wait_for(self, predicate: Any, timeout: float = 5.0) -> None:
        """Wait until `predicate(self)` is true."""
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(lambda: predicate(self)), timeout)

    # --- tokens ---------------------------------------------------------------------------
    def token(self, app_id: str, service_url: str, *, expires_in: int = 3600, kid: str | None = None,
              key: Any = None, issuer: str = ISSUER, **claims: Any) -> str:
        """A Bot Framework channel token for `app_id` signed with this fake's key (or `key`)."""
        now = int(time.time())
        payload = {"iss": issuer, "aud": app_id, "serviceurl": service_url, "nbf": now - 60,
                   "iat": now - 60, "exp": now + expires_in, "jti": uuid.uuid4().hex}
        payload.update(claims)
        return jwt.encode(payload, key or self.key, algorithm="RS256", headers={"kid": kid or self.kid})

    # --- handlers -------------------------------------------------------------------------
    async def _record(self, request: web.Request, route: str) -> tuple[Call, Override | None]:
        body: Any = None
        raw = b""
        if request.can_read_body:
            raw = await request.read()
            try:
                body = json.loads(raw)
            except ValueError:
                body = raw.decode("utf-8", "replace")
        call = Call(route, request.method, request.match_info.get("conversation_id", ""),
                    request.match_info.get("activity_id", request.match_info.get("member_id",
                                                                                 request.match_info.get("name", ""))),
                    body, dict(request.headers), asyncio.get_running_loop().time(), raw=raw)
        queued = self._overrides[route]
        override = queued.popleft() if queued else None
        call.status = override.status if override else 200
        if route in POSTS and override is None:
            call.response_id = f"bot-msg-{next(self._ids)}"
        async with self._changed:
            self.calls.append(call)
            self._changed.notify_all()
        return call, override

    @staticmethod
    def _canned(override: Override) -> web.Response:
        body = override.body if override.body is not None else {
            "error": {"code": f"Http{override.status}", "message": "canned failure from the fake"}}
        return web.json_response(body, status=override.status, headers=override.headers)

    async def _send(self, request: web.Request) -> web.Response:
        call, override = await self._record(request, SEND)
        if override:
            return self._canned(override)
        return web.json_response({"id": call.response_id}, status=201)

    async def _reply(self, request: web.Request) -> web.Response:
        call, override = await self._record(request, REPLY)
        if override:
            return self._canned(override)
        return web.json_response({"id": call.response_id}, status=201)

    async def _update(self, request: web.Request) -> web.Response:
        call, override = await self._record(request, UPDATE)
        if override:
            return self._canned(override)
        return web.json_response({"id": call.activity_id}, status=200)

    async def _member(self, request: web.Request) -> web.Response:
        call, override = await self._record(request, MEMBER)
        if override:
            return self._canned(override)
        member = self.members.get(call.activity_id)
        if member is None:
            return web.json_response({"error": {"code": "MemberNotFoundInConversation", "message": "no"}},
                                     status=404)
        return web.json_response(member)

    async def _upload(self, request: web.Request) -> web.Response:
        """OneDrive's upload session: takes the whole file in one range and answers 201 with the item."""
        call, override = await self._record(request, UPLOAD)
        if override:
            return self._canned(override)
        name = call.activity_id
        self.uploads[name] = call.raw
        return web.json_response({"id": f"item-{name}", "name": name, "size": len(call.raw)}, status=201)

    async def _openid(self, request: web.Request) -> web.Response:
        self.metadata_requests += 1
        return web.json_response({"issuer": ISSUER, "jwks_uri": f"{self.url}v1/keys",
                                  "id_token_signing_alg_values_supported": ["RS256"],
                                  "token_endpoint_auth_methods_supported": ["private_key_jwt"]})

    async def _keys(self, request: web.Request) -> web.Response:
        jwk = json.loads(RSAAlgorithm.to_jwk(self.key.public_key()))
        jwk.update({"kid": self.kid, "use": "sig", "endorsements": ["msteams", "emulator"]})
        return web.json_response({"keys": [jwk]})


# --- the Teams side of the conversation ------------------------------------------------------
PAYLOADS = Path(__file__).resolve().parent.parent / "payloads" / "teams"
BOT_ID = "28:dxdesk-bot-app-id"
TENANT_ID = "11111111-2222-4333-8444-555555555555"


def load_activity(name: str, **values: Any) -> dict[str, Any]:
    """A recorded Teams activity from tests/payloads/teams with its {{PLACEHOLDERS}} filled in.

    A string that is exactly "{{KEY}}" takes the value as is (so card data can be an object);
    placeholders inside longer strings are replaced as text.
    """
    data = json.loads((PAYLOADS / f"{name}.json").read_text(encoding="utf-8"))
    values = {k.upper(): v for k, v in values.items()}

    def fill(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: fill(v) for k, v in node.items()}
        if isinstance(node, list):
            return [fill(v) for v in node]
        if isinstance(node, str):
            whole = re.fullmatch(r"\{\{(\w+)\}\}", node)
            if whole and whole.group(1) in values:
                return values[whole.group(1)]
            return re.sub(r"\{\{(\w+)\}\}", lambda m: str(values.get(m.group(1), m.group(0))), node)
        return node

    return fill(data)


class TeamsUser:
    """A person using Teams: posts activities to the bot over HTTP as Teams would.

    Replies land on the fake connector (`serviceUrl` points at it).
    """

    counter = itertools.count(1000)

    def __init__(self, bot_url: str, connector: FakeBotConnector, *, user_id: str = "29:1yamada-taro",
                 name: str = "山田 太郎", aad_id: str = "aad-yamada", conversation_id: str = "a:1personal-yamada",
                 bot_id: str = BOT_ID, token: Any = None) -> None:
        self.bot_url = bot_url
        self.connector = connector
        self.user_id = user_id
        self.name = name
        self.aad_id = aad_id
        self.conversation_id = conversation_id
        self.bot_id = bot_id
        # A callable (activity -> Authorization header value) when authentication is on.
        self.token = token

    @property
    def actor(self) -> Any:
        """How the core knows this user."""
        from bot.core.events import Actor

        return Actor("teams", self.user_id, self.name, aad_object_id=self.aad_id)

    def activity(self, name: str, **values: Any) -> dict[str, Any]:
        """A payload from this user, in their personal chat unless the payload says otherwise."""
        base: dict[str, Any] = {"id": str(next(self.counter)), "service_url": self.connector.url,
                                "user_id": self.user_id, "user_name": self.name, "aad_id": self.aad_id,
                                "conversation_id": self.conversation_id, "bot_id": self.bot_id}
        base.update(values)
        return load_activity(name, **base)

    async def post(self, activity: dict[str, Any], authorization: str | None = None) -> tuple[int, Any]:
        """POST one activity to /api/messages; returns (status, JSON body or text)."""
        import aiohttp

        headers = {"Content-Type": "application/json"}
        if authorization is None and self.token is not None:
            authorization = self.token(activity)
        if authorization:
            headers["Authorization"] = authorization
        async with aiohttp.ClientSession() as session, session.post(
                f"{self.bot_url}/api/messages", data=json.dumps(activity), headers=headers) as response:
            raw = await response.text()
            try:
                return response.status, json.loads(raw) if raw else None
            except ValueError:
                return response.status, raw

    async def install(self) -> int:
        """Add the app for themselves (Teams sends installationUpdate and conversationUpdate)."""
        status, _ = await self.post(self.activity("install_personal"))
        second, _ = await self.post(self.activity("conversation_update_personal"))
        return max(status, second)

    async def say(self, text: str) -> int:
        """Write in the personal chat."""
        status, _ = await self.post(self.activity("personal_message", text=text))
        return status

    async def mention(self, channel_id: str, text: str, root_id: str = "") -> tuple[int, str]:
        """@mention the bot in a channel; a new post unless `root_id` names a thread. Returns
        (status, the activity id)."""
        activity_id = str(next(self.counter))
        status, _ = await self.post(self.activity("channel_mention", id=activity_id, channel_id=channel_id,
                                                  root_id=root_id or activity_id, text=text))
        return status, activity_id

    async def press(self, card: Call, label: str, inputs: dict[str, str] | None = None) -> int:
        """Press a button (Action.Submit) on a card the bot posted, where it was posted."""
        data = card.submit_data(label)
        data.update({f"dx_in_{k}": v for k, v in (inputs or {}).items()})
        card_id = card.response_id or card.activity_id
        if card.conversation_id.startswith("19:"):
            channel, _, root = card.conversation_id.partition(";messageid=")
            activity = self.activity("channel_card_submit", card_id=card_id, value=data, channel_id=channel,
                                     root_id=root or card_id)
        else:
            activity = self.activity("card_submit", card_id=card_id, value=data)
        status, _ = await self.post(activity)
        return status

    async def answer_file(self, offer: Call, action: str, *, upload_url: str = "",
                          name: str = "") -> tuple[int, Any]:
        """Choose Allow ("accept") or Decline on a file consent card, as Teams reports it.

        On accept Teams has created the file in the user's OneDrive and passes its upload session
        URL (`upload_url`, usually `connector.upload_url(name)`) and where the file will be.
        """
        consent = offer.file_consent
        if consent is None:
            raise AssertionError("the message has no file consent card")
        name = name or str(consent.get("name") or "file")
        context = consent["content"]["acceptContext" if action == "accept" else "declineContext"]
        value: dict[str, Any] = {"type": "fileUpload", "action": action, "context": context}
        if action == "accept":
            value["uploadInfo"] = {
                "contentUrl": f"https://contoso-my.sharepoint.com/personal/user/Documents/Applications/{name}",
                "name": name,
                "uploadUrl": upload_url or self.connector.upload_url(name),
                "uniqueId": "1150D938-8870-4044-9F2C-5BBDEBA70C8C",
                "fileType": name.rsplit(".", 1)[-1],
            }
        card_id = offer.response_id or offer.activity_id
        return await self.post(self.activity("file_consent_invoke", card_id=card_id, value=value,
                                             conversation_id=offer.conversation_id))

    async def execute(self, card: Call, label: str) -> tuple[int, Any]:
        """Press a button as an Action.Execute (universal action) invoke; returns the invoke response."""
        data = card.submit_data(label)
        card_id = card.response_id or card.activity_id
        return await self.post(self.activity("execute_invoke", card_id=card_id, title=label,
                                             verb=data.get("dx_action", ""), data=data))


class ServedBot:
    """The real aiohttp application of `dxdesk serve` on 127.0.0.1 with an ephemeral port."""

    def __init__(self, app: Any, web_app: web.Application) -> None:
        self.app = app
        self.web_app = web_app
        self.runner = web.AppRunner(web_app)
        self.url = ""

    async def start(self) -> ServedBot:
        """Serve and start the outbox worker (so proactive messages flow)."""
        await self.runner.setup()
        site = web.TCPSite(self.runner, "127.0.0.1", 0)
        await site.start()
        self.url = f"http://127.0.0.1:{site._server.sockets[0].getsockname()[1]}"  # type: ignore[union-attr]
        self.app.worker.start()
        return self

    async def stop(self) -> None:
        """Stop serving and close the app (as a process exit would)."""
        await self.runner.cleanup()
        await self.app.close()
