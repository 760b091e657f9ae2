"""The Slack side of a test: a fake Web API server and a client that delivers signed requests.

`FakeSlackApi` is an aiohttp app on 127.0.0.1 (port 0) that answers the Web API methods DX Desk
uses, `response_url` hooks, file uploads and Socket Mode; it records every call and accepts
queued overrides per route (a 429 with Retry-After, a 500, an error, a delay). `SlackWorkspace`
builds requests from Slack's documented payload formats (tests/payloads/slack/*.json), signs them
like Slack does and POSTs them to the bot's Request URL.
"""

from __future__ import annotations

import asyncio
import copy
import hashlib
import hmac
import itertools
import json
import time
import urllib.parse
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web

PAYLOADS = Path(__file__).resolve().parent.parent / "payloads" / "slack"
BOT_TOKEN = "xoxb-test-token"
APP_TOKEN = "xapp-1-test-token"
SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
JSON_FIELDS = ("blocks", "files", "view", "attachments", "metadata")


def payload(name: str) -> dict[str, Any]:
    """A fresh copy of a recorded payload from tests/payloads/slack/<name>.json."""
    return json.loads((PAYLOADS / f"{name}.json").read_text(encoding="utf-8"))


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """Slack's v0 request signature."""
    base = b"v0:" + timestamp.encode() + b":" + body
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


@dataclass
class Call:
    """One request the fake received."""

    method: str  # Web API method, "hook" (response_url) or "upload" (files upload URL)
    params: dict[str, Any]
    headers: dict[str, str]
    at: float
    path: str = ""
    # What the fake answered by default (e.g. the ts it gave a posted message).
    response: dict[str, Any] = field(default_factory=dict)

    @property
    def blocks(self) -> list[dict[str, Any]]:
        """The Block Kit blocks of a message call."""
        return list(self.params.get("blocks") or [])

    def all_text(self) -> str:
        """Every text of the call (blocks, fields, buttons, fallback), for assertions."""
        out: list[str] = [str(self.params.get("text") or "")]

        def walk(node: Any) -> None:
            if isinstance(node, dict):
                for key, value in node.items():
                    if key == "text" and isinstance(value, str):
                        out.append(value)
                    else:
                        walk(value)
            elif isinstance(node, list):
                for item in node:
                    walk(item)

        walk(self.blocks)
        return "\n".join(out)

    def buttons(self) -> list[dict[str, Any]]:
        """All buttons of the message, in order."""
        return [e for b in self.blocks if b.get("type") == "actions" for e in b["elements"]]

    def button(self, label: str) -> dict[str, Any]:
        """The button whose text contains `label`."""
        for b in self.buttons():
            if label in b["text"]["text"]:
                return b
        raise AssertionError(f"no button {label!r} in {[b['text']['text'] for b in self.buttons()]}")


@dataclass
class Override:
    """A queued answer for the next call of one route."""

    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


class FakeSlackApi:
    """A Slack Web API on 127.0.0.1 that records calls and accepts queued overrides."""

    def __init__(self, *, bot_user_id: str = "UBOT", bot_id: str = "BBOT", team_id: str = "T0CITY") -> None:
        self.bot_user_id = bot_user_id
        self.bot_id = bot_id
        self.team_id = team_id
        self.calls: list[Call] = []
        self.users: dict[str, dict[str, Any]] = {}
        self.overrides: dict[str, deque[Override]] = defaultdict(deque)
        # 429 stretches per route (`rate_limit_for`): until when, and the Retry-After; 429s answered.
        self.storms: dict[str, tuple[float, int]] = {}
        self.throttled = 0
        self.uploads: dict[str, bytes] = {}
        # Messages Slack accepted, per channel, oldest first (conversations.history / .replies).
        self.history: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self._taken: set[int] = set()
        self._changed = asyncio.Condition()
        self._ts = itertools.count(1)
        self._file_ids = itertools.count(1)
        self._sockets: list[web.WebSocketResponse] = []
        self._socket_ready = asyncio.Event()
        self._acks: dict[str, asyncio.Future[dict[str, Any]]] = {}
        self._runner: web.AppRunner | None = None
        self.port = 0
        # Called with every recorded call (benchmarks time replies this way).
        self.listeners: list[Callable[[Call], None]] = []
        # Benchmarks turn recording off so that memory stays flat over thousands of calls.
        self.keep_calls = True

    # --- server ---------------------------------------------------------------------------
    async def start(self) -> FakeSlackApi:
        """Listen on an ephemeral port."""
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/api/{method}", self._api)
        app.router.add_post("/hooks/{name:.*}", self._hook)
        app.router.add_post("/upload/{file_id}", self._upload)
        app.router.add_get("/socket", self._socket)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self

    async def close(self) -> None:
        """Stop listening and drop Socket Mode connections."""
        for ws in list(self._sockets):
            await ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def root(self) -> str:
        """http://127.0.0.1:PORT"""
        return f"http://127.0.0.1:{self.port}"

    @property
    def base_url(self) -> str:
        """The Web API base URL to give the bot as SLACK_API_URL."""
        return f"{self.root}/api/"

    def hook_url(self, name: str) -> str:
        """A response_url served by this fake."""
        return f"{self.root}/hooks/{name}"

    # --- test controls --------------------------------------------------------------------
    def add_user(self, user_id: str, name: str, email: str = "") -> None:
        """Make users.info know a person."""
        self.users[user_id] = {
            "id": user_id, "name": name.lower().replace(" ", "."), "real_name": name,
            "profile": {"display_name": name, "real_name": name, "email": email},
        }

    def queue(self, route: str, *, status: int = 200, body: Any = None, headers: dict[str, str] | None = None,
              delay: float = 0.0, times: int = 1) -> None:
        """Answer the next `times` calls of `route` ("chat.postMessage", "hook", "upload") this way."""
        for _ in range(times):
            self.overrides[route].append(Override(status, body, dict(headers or {}), delay))

    def queue_rate_limit(self, route: str, retry_after: int = 1, times: int = 1) -> None:
        """Slack's 429 answer with Retry-After."""
        self.queue(route, status=429, body={"ok": False, "error": "ratelimited"},
                   headers={"Retry-After": str(retry_after)}, times=times)

    def rate_limit_for(self, route: str, seconds: float, retry_after: int = 1) -> None:
        """Answer every call of `route` with 429 + Retry-After for the next `seconds` (a storm)."""
        self.storms[route] = (asyncio.get_running_loop().time() + seconds, retry_after)

    def calls_to(self, route: str) -> list[Call]:
        """Every call of one route so far."""
        return [c for c in self.calls if c.method == route]

    async def next_call(self, route: str, timeout: float = 5.0, where: Callable[[Call], bool] | None = None,
                        channel: str | None = None) -> Call:
        """The first call of `route` (optionally matching `where` / posted to `channel`) that no
        earlier next_call returned; waits up to `timeout` seconds for it."""

        def match(index: int, call: Call) -> bool:
            return (call.method == route and index not in self._taken
                    and (channel is None or call.params.get("channel") == channel)
                    and (where is None or where(call)))

        def find() -> int | None:
            return next((i for i, c in enumerate(self.calls) if match(i, c)), None)

        async with self._changed:
            try:
                await asyncio.wait_for(self._changed.wait_for(lambda: find() is not None), timeout)
            except TimeoutError:
                raise AssertionError(f"no {route} call{f' to {channel}' if channel else ''} within {timeout}s; "
                                     f"calls: {[(c.method, c.params.get('channel')) for c in self.calls]}") from None
        index = find()
        assert index is not None
        self._taken.add(index)
        return self.calls[index]

    async def _record(self, call: Call) -> None:
        for listener in self.listeners:
            listener(call)
        if not self.keep_calls:
            return
        self.calls.append(call)
        async with self._changed:
            self._changed.notify_all()

    async def _answer(self, route: str, default: Any) -> web.StreamResponse:
        storm = self.storms.get(route)
        if storm is not None and asyncio.get_running_loop().time() < storm[0]:
            self.throttled += 1
            return web.json_response({"ok": False, "error": "ratelimited"}, status=429,
                                     headers={"Retry-After": str(storm[1])})
        override = self.overrides[route].popleft() if self.overrides[route] else None
        if override is None:
            return web.json_response(default) if isinstance(default, dict) else web.Response(
                text=str(default), content_type="text/plain")
        if override.delay:
            await asyncio.sleep(override.delay)
        body = default if override.body is None else override.body
        if isinstance(body, dict):
            return web.json_response(body, status=override.status, headers=override.headers)
        return web.Response(text=str(body), status=override.status, headers=override.headers,
                            content_type="text/plain")

    # --- routes ---------------------------------------------------------------------------
    async def _api(self, request: web.Request) -> web.StreamResponse:
        method = request.match_info["method"]
        params: dict[str, Any] = dict(request.query)
        raw = await request.read()
        if raw:
            if request.content_type == "application/json":
                params.update(json.loads(raw))
            else:
                params.update(dict(urllib.parse.parse_qsl(raw.decode())))
        for key in JSON_FIELDS:
            if isinstance(params.get(key), str):
                try:
                    params[key] = json.loads(params[key])
                except ValueError:
                    pass
        default = self._default(method, params)
        await self._record(Call(method, params, dict(request.headers), time.monotonic(), request.path, default))
        token = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
        expected = APP_TOKEN if method == "apps.connections.open" else BOT_TOKEN
        if token != expected:
            return web.json_response({"ok": False, "error": "invalid_auth"})
        response = await self._answer(method, default)
        if method == "chat.postMessage" and response.status == 200:
            message = dict(default["message"])
            if params.get("thread_ts"):
                message["thread_ts"] = params["thread_ts"]
            if isinstance(params.get("metadata"), dict):
                message["metadata"] = params["metadata"]
            self.history[str(params.get("channel"))].append(message)
        return response

    def _default(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        ok: dict[str, Any] = {"ok": True}
        if method == "auth.test":
            return {**ok, "url": "https://city.slack.com/", "team": "City", "user": "dxdesk",
                    "team_id": self.team_id, "user_id": self.bot_user_id, "bot_id": self.bot_id}
        if method in ("chat.postMessage", "chat.update"):
            ts = params.get("ts") or f"{1767225600 + next(self._ts)}.000100"
            return {**ok, "channel": params.get("channel"), "ts": ts,
                    "message": {"type": "message", "text": params.get("text", ""), "ts": ts,
                                "bot_id": self.bot_id, "user": self.bot_user_id}}
        if method == "chat.postEphemeral":
            return {**ok, "message_ts": f"{1767225600 + next(self._ts)}.000200"}
        if method in ("conversations.history", "conversations.replies"):
            return {**ok, "messages": self._messages(method, params), "has_more": False}
        if method == "conversations.open":
            return {**ok, "channel": {"id": "D" + str(params.get("users", "")).lstrip("UW")}}
        if method == "users.info":
            user_id = str(params.get("user", ""))
            user = self.users.get(user_id) or {
                "id": user_id, "name": user_id.lower(), "real_name": f"User {user_id}",
                "profile": {"display_name": "", "real_name": f"User {user_id}", "email": ""}}
            return {**ok, "user": user}
        if method == "files.getUploadURLExternal":
            file_id = f"F{next(self._file_ids):06d}"
            return {**ok, "upload_url": f"{self.root}/upload/{file_id}", "file_id": file_id}
        if method == "files.completeUploadExternal":
            files = params.get("files") or []
            return {**ok, "files": [{"id": f.get("id"), "title": f.get("title")} for f in files]}
        if method == "apps.connections.open":
            return {**ok, "url": f"ws://127.0.0.1:{self.port}/socket"}
        return ok

    def _messages(self, method: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        """Newest first (history: the channel's top level; replies: one thread), as Slack does;
        metadata only with include_all_metadata."""
        messages = self.history.get(str(params.get("channel")), [])
        if method == "conversations.replies":
            messages = [m for m in messages if m.get("thread_ts") == params.get("ts")]
        else:
            messages = [m for m in messages if "thread_ts" not in m]
        oldest = float(params.get("oldest") or 0)
        with_metadata = str(params.get("include_all_metadata", "")).lower() in ("1", "true")
        found = [m if with_metadata else {k: v for k, v in m.items() if k != "metadata"}
                 for m in reversed(messages) if float(m["ts"]) >= oldest]
        return found[:int(params.get("limit") or 100)]

    async def _hook(self, request: web.Request) -> web.StreamResponse:
        body = await request.json()
        await self._record(Call("hook", body, dict(request.headers), time.monotonic(), request.path))
        return await self._answer("hook", "ok")

    async def _upload(self, request: web.Request) -> web.StreamResponse:
        data = await request.read()
        file_id = request.match_info["file_id"]
        self.uploads[file_id] = data
        await self._record(Call("upload", {"file_id": file_id, "size": len(data)}, dict(request.headers),
                                time.monotonic(), request.path))
        return await self._answer("upload", f"OK - {len(data)}")

    # --- Socket Mode ----------------------------------------------------------------------
    async def _socket(self, request: web.Request) -> web.StreamResponse:
        ws = web.WebSocketResponse(autoping=True)
        await ws.prepare(request)
        self._sockets.append(ws)
        await ws.send_json({"type": "hello", "num_connections": 1,
                            "debug_info": {"host": "fake", "approximate_connection_time": 3600},
                            "connection_info": {"app_id": "A0DXDESK"}})
        self._socket_ready.set()
        try:
            async for msg in ws:
                if msg.type == aiohttp.WSMsgType.TEXT:
                    data = json.loads(msg.data)
                    future = self._acks.get(str(data.get("envelope_id")))
                    if future is not None and not future.done():
                        future.set_result(data)
        finally:
            self._sockets.remove(ws)
        return ws

    async def socket_send(self, envelope_type: str, body: dict[str, Any], timeout: float = 5.0) -> dict[str, Any]:
        """Push one envelope to the connected app and return its acknowledgement."""
        await asyncio.wait_for(self._socket_ready.wait(), timeout)
        envelope_id = f"env-{next(self._ts)}"
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self._acks[envelope_id] = future
        await self._sockets[-1].send_json({"envelope_id": envelope_id, "type": envelope_type, "payload": body,
                                           "accepts_response_payload": envelope_type != "events_api",
                                           "retry_attempt": 0, "retry_reason": ""})
        return await asyncio.wait_for(future, timeout)


@dataclass
class Sent:
    """The bot's HTTP answer to one delivered request."""

    status: int
    body: str
    seconds: float

    def json(self) -> Any:
        """The answer as JSON."""
        return json.loads(self.body)


class SlackWorkspace:
    """Slack delivering events, slash commands and button presses to the bot's Request URL."""

    def __init__(self, url: str, api: FakeSlackApi, secret: str = SIGNING_SECRET) -> None:
        self.url = url
        self.api = api
        self.secret = secret
        self.session = aiohttp.ClientSession()
        self._ts = itertools.count(1)

    async def close(self) -> None:
        """Release the HTTP session."""
        await self.session.close()

    def next_ts(self) -> str:
        """A new, unique message timestamp."""
        return f"{1767225600 + next(self._ts)}.{next(self._ts):06d}"

    async def deliver(self, body: bytes, content_type: str, *, timestamp: str | None = None,
                      signature: str | None = None, secret: str | None = None,
                      headers: dict[str, str] | None = None) -> Sent:
        """POST a raw body, signed like Slack does unless told otherwise."""
        ts = str(int(time.time())) if timestamp is None else timestamp
        all_headers = {"Content-Type": content_type, "X-Slack-Request-Timestamp": ts,
                       "X-Slack-Signature": signature if signature is not None else sign(secret or self.secret, ts,
                                                                                          body)}
        all_headers.update(headers or {})
        all_headers = {k: v for k, v in all_headers.items() if v is not None}
        started = time.perf_counter()
        async with self.session.post(self.url, data=body, headers=all_headers) as response:
            text = await response.text()
            return Sent(response.status, text, time.perf_counter() - started)

    async def post_json(self, body: dict[str, Any], *, retry_num: int | None = None, **options: Any) -> Sent:
        """An Events API delivery."""
        headers = dict(options.pop("headers", {}) or {})
        if retry_num is not None:
            headers["X-Slack-Retry-Num"] = str(retry_num)
            headers["X-Slack-Retry-Reason"] = "http_timeout"
        raw = json.dumps(body, ensure_ascii=False).encode()
        return await self.deliver(raw, "application/json", headers=headers, **options)

    async def post_form(self, form: dict[str, str], **options: Any) -> Sent:
        """A form-encoded delivery (slash commands; interactivity wraps JSON in `payload`)."""
        return await self.deliver(urllib.parse.urlencode(form).encode(), "application/x-www-form-urlencoded",
                                  **options)

    # --- documented payloads --------------------------------------------------------------
    def event(self, name: str, **fields: Any) -> dict[str, Any]:
        """An event_callback from a recorded payload, with event fields replaced."""
        body = payload(name)
        body["team_id"] = self.api.team_id
        body["event_id"] = f"Ev{next(self._ts):08d}"
        body["event"].update(fields)
        return body

    async def dm(self, user: str, text: str, *, ts: str | None = None, channel: str | None = None,
                 retry_num: int | None = None, **fields: Any) -> tuple[Sent, dict[str, Any]]:
        """A person writes to the bot in its DM (message.im)."""
        body = self.event("message_im", user=user, text=text, ts=ts or self.next_ts(),
                          channel=channel or "D" + user.lstrip("UW"), **fields)
        body["event"]["event_ts"] = body["event"]["ts"]
        return await self.post_json(body, retry_num=retry_num), body

    async def mention(self, user: str, text: str, *, channel: str = "C0GENERAL", ts: str | None = None,
                      **fields: Any) -> tuple[Sent, dict[str, Any]]:
        """A person mentions the bot in a channel (app_mention)."""
        body = self.event("app_mention", user=user, text=f"<@{self.api.bot_user_id}> {text}",
                          ts=ts or self.next_ts(), channel=channel, **fields)
        body["event"]["event_ts"] = body["event"]["ts"]
        return await self.post_json(body), body

    async def command(self, user: str, text: str, *, channel: str = "C0GENERAL", channel_name: str = "general",
                      name: str = "/dx") -> tuple[Sent, str]:
        """A slash command; returns the answer and the response_url it carried."""
        form = payload("slash_command")
        response_url = self.api.hook_url(f"commands/{self.api.team_id}/{next(self._ts)}/secret")
        form.update(user_id=user, user_name=user.lower(), text=text, channel_id=channel,
                    channel_name=channel_name, command=name, response_url=response_url, team_id=self.api.team_id)
        return await self.post_form(form), response_url

    async def press(self, user: str, message: Call, label: str, *, inputs: dict[str, str] | None = None,
                    ephemeral: bool = False) -> tuple[Sent, str]:
        """A person presses the button labelled `label` on a message the bot posted."""
        button = message.button(label)
        body = payload("block_actions")
        response_url = self.api.hook_url(f"actions/{self.api.team_id}/{next(self._ts)}/secret")
        channel = str(message.params.get("channel") or "")
        ts = str(message.response.get("ts") or message.params.get("ts") or self.next_ts())
        body["user"].update(id=user, username=user.lower(), name=user.lower(), team_id=self.api.team_id)
        body["team"]["id"] = self.api.team_id
        body["container"].update(channel_id=channel, message_ts=ts, is_ephemeral=ephemeral)
        body["channel"]["id"] = channel
        body["message"].update(ts=ts, blocks=copy.deepcopy(message.blocks), text=message.params.get("text", ""))
        if message.params.get("thread_ts"):
            body["message"]["thread_ts"] = message.params["thread_ts"]
            body["container"]["thread_ts"] = message.params["thread_ts"]
        body["response_url"] = response_url
        body["actions"] = [{"type": "button", "action_id": button["action_id"], "block_id": "b1",
                            "text": button["text"], "value": button.get("value", ""),
                            "action_ts": f"{time.time():.6f}"}]
        body["state"] = {"values": {k: {k: {"type": "plain_text_input", "value": v}}
                                    for k, v in (inputs or {}).items()}}
        return await self.post_form({"payload": json.dumps(body, ensure_ascii=False)}), response_url


class SlackBot:
    """DX Desk's real `dxdesk serve` aiohttp application, listening on 127.0.0.1 (port 0), wired to a
    FakeSlackApi, with a SlackWorkspace that delivers signed requests to it."""

    def __init__(self, app: Any, api: FakeSlackApi) -> None:
        self.app = app
        self.api = api
        self.runner: web.AppRunner | None = None
        self.workspace: SlackWorkspace | None = None

    @staticmethod
    def settings(api: FakeSlackApi, **overrides: Any) -> dict[str, Any]:
        """Settings overrides that point the bot at the fake."""
        values: dict[str, Any] = {"slack_bot_token": BOT_TOKEN, "slack_signing_secret": SIGNING_SECRET,
                                  "slack_api_url": api.base_url}
        values.update(overrides)
        return values

    async def start(self, *, worker: bool = True) -> SlackBot:
        """Build the web app exactly as `dxdesk serve` does and listen."""
        from bot.app.composition import create_web_app

        # The FAQ index builds on the first question (tests that ask none skip the cost).
        web_app = await create_web_app(self.app)
        self.runner = web.AppRunner(web_app, access_log=None)
        await self.runner.setup()
        site = web.TCPSite(self.runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.workspace = SlackWorkspace(f"http://127.0.0.1:{port}/slack/events", self.api)
        if worker:
            self.app.worker.start()
        return self

    @property
    def adapter(self) -> Any:
        """The running SlackAdapter."""
        return self.app.platforms["slack"]

    async def idle(self, timeout: float = 10.0) -> None:
        """Wait until every request delivered so far is fully handled by the bot."""
        assert await self.adapter.wait_idle(timeout), "the bot did not finish in time"

    async def stop(self) -> None:
        """Stop serving and close the app (like SIGTERM)."""
        if self.workspace is not None:
            await self.workspace.close()
        if self.runner is not None:
            await self.runner.cleanup()
        await self.app.close()
