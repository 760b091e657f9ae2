"""The Slack adapter: one Request URL (`POST /slack/events`) or Socket Mode, through slack-bolt.

Every request is verified (signature and a timestamp within five minutes) and acknowledged at
once; the work runs afterwards in a task this adapter tracks, so a slow FAQ search or export
never delays the acknowledgement, and shutdown can finish what was accepted. Answers go back by
chat.postMessage (in the thread for mentions), chat.postEphemeral or `response_url`; what cannot
be sent inline is handed to the durable outbox.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import logging
import re
import time
import uuid
from collections import OrderedDict
from collections.abc import AsyncIterator, Awaitable, Coroutine
from dataclasses import dataclass, replace
from typing import Any, Protocol

import aiohttp
from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response
from slack_bolt.async_app import AsyncApp
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_sdk.web.async_client import AsyncWebClient

from bot.adapters.slack.body import Malformed, read_body, replay_key
from bot.adapters.slack.inbound import (
    Inbound,
    ReplyTarget,
    action_inbound,
    command_inbound,
    home_opened_user,
    message_inbound,
)
from bot.adapters.slack.notifier import SKIP_KEY, SlackNotifier
from bot.adapters.slack.outbound import (
    PartialSend,
    SlackSender,
    error_code,
    inline_retry_handlers,
    outbox_retry_handlers,
)
from bot.adapters.slack.pacing import DEFAULT_MAX_PER_SECOND, SlackPacer
from bot.adapters.slack.render import render_home, render_reply
from bot.core.admission import Admission, Busy
from bot.core.events import Actor, Event
from bot.core.messages import t
from bot.core.ports import EventDeduper, Outbox, RateShares, Responder
from bot.core.replies import Destination, Reply
from bot.core.text import mend

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
# Bot scopes the adapter uses; slack/manifest.yaml asks for exactly these (a test compares them).
REQUIRED_SCOPES = frozenset({
    "app_mentions:read",  # app_mention events
    "chat:write",  # chat.postMessage / postEphemeral / update
    "commands",  # /dx
    "files:write",  # files upload v2 (exports, charts)
    "im:history",  # message.im events
    "im:write",  # conversations.open for DMs
    "users:read",  # users.info: display name
    "users:read.email",  # users.info: e-mail, to link people imported by e-mail
})
SUBSCRIBED_EVENTS = frozenset({"app_home_opened", "app_mention", "message.im"})
# Slack's own replay window; a signature older or newer than this is refused.
SIGNATURE_MAX_AGE = 5 * 60
PROFILE_TTL = 3600.0
# Where handle_http leaves the replay key of a command or interaction for the listener.
REPLAY_KEY = "dxdesk_replay_key"



class EventDispatcher(Protocol):
    """What the adapter needs of the core dispatcher."""

    async def dispatch(self, event: Event, responder: Responder, claim_key: str = "") -> Any: ...
    async def home_view(self, actor: Actor, responder: Responder) -> list[Reply]: ...


@dataclass(frozen=True)
class SlackConfig:
    """Slack settings: tokens, signing secret and the Web API base URL (GovSlack, a proxy, a fake)."""

    bot_token: str
    signing_secret: str = ""
    app_token: str = ""
    api_url: str = "https://slack.com/api/"
    language: str = "ja"
    # The workspace budget for chat.postMessage (Slack publishes none): for all replicas together
    # when the adapter is given a shared budget, else for this process.
    max_messages_per_second: float = DEFAULT_MAX_PER_SECOND


def _signature_ok(secret: bytes, body: bytes, headers: Any) -> bool:
    """Slack's v0 signature and timestamp check, over the bytes as received; never raises (a
    malformed timestamp is just invalid; the SDK's verifier decodes the body first, so a signed
    body that is not UTF-8 would fail there with an exception)."""
    if not secret:
        return False
    timestamp = headers.get("X-Slack-Request-Timestamp", "")
    signature = headers.get("X-Slack-Signature", "")
    if not (timestamp.isascii() and timestamp.isdigit()) or not signature.isascii() or not signature:
        return False
    if abs(time.time() - int(timestamp)) > SIGNATURE_MAX_AGE:
        return False
    expected = "v0=" + hmac.new(secret, b"v0:" + timestamp.encode() + b":" + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected.encode(), signature.encode())


# Recording a message (its dedupe claim) is retried this long before Slack gets a 500 (its limit
# for an answer is 3 s; Slack then retries after about 1 and 5 minutes).
RECORD_WITHIN = 2.0
# With a wait for room in the admission queue first, recording gets what is left of this (and at
# least RECORD_MIN), so the ack still goes out within Slack's 3 s.
ACK_WITHIN = 2.6
RECORD_MIN = 0.3
# Commands and buttons are acknowledged first (their answer is the work): recording them is retried
# in the background this long, as the dispatcher retries handling.
HANDLE_WITHIN = 30.0


class NotRecorded(Exception):
    """The event could not be recorded in the database: it is not acknowledged."""


class SlackAdapter:
    """Converts Slack traffic to core events and core replies to Block Kit."""

    def __init__(self, config: SlackConfig, dispatcher: EventDispatcher, deduper: EventDeduper,
                 outbox: Outbox, *, max_concurrency: int = 64, max_backlog: int = 5000,
                 shares: RateShares | None = None, replica: str = "",
                 admission: Admission | None = None) -> None:
        self.config = config
        # The bounded queue in front of the handlers (shared with the other adapters when given).
        self.admission = admission or Admission()
        self.dispatcher = dispatcher
        self.deduper = deduper
        self.outbox = outbox
        api_url = config.api_url if config.api_url.endswith("/") else config.api_url + "/"
        # One connection pool for every call (the SDK would otherwise open a session per call).
        self.session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30))
        self.client = AsyncWebClient(token=config.bot_token, base_url=api_url, session=self.session,
                                     retry_handlers=inline_retry_handlers())
        # One pacer for answers and outbox deliveries: they share Slack's budgets.
        self.pacer = SlackPacer(config.max_messages_per_second, shares=shares, replica=replica)
        self.sender = SlackSender(self.client, self.session, pacer=self.pacer, urgent=True)
        outbox_client = AsyncWebClient(token=config.bot_token, base_url=api_url, session=self.session,
                                       retry_handlers=outbox_retry_handlers())
        self.notifier = SlackNotifier(SlackSender(outbox_client, self.session, outbox_retry_handlers(),
                                                  pacer=self.pacer), outbox)
        self._secret = config.signing_secret.encode()
        self.bolt = AsyncApp(
            client=self.client,
            signing_secret=config.signing_secret or None,
            # handle_http verifies every request itself (strictly) before bolt sees its body.
            request_verification_enabled=False,
            # Listeners only start a tracked task and return, so processing "before the response"
            # still answers at once, and every accepted event is tracked from the first moment.
            process_before_response=True,
            logger=logging.getLogger("bot.adapters.slack.bolt"),
            user_facing_authorize_error_message=t("slack.authorize_failed", config.language),
        )
        self._register_listeners()
        self._tasks: set[asyncio.Task[None]] = set()
        self._limit = asyncio.Semaphore(max_concurrency)
        self._locks: dict[str, asyncio.Lock] = {}
        self._lock_users: dict[str, int] = {}
        self._profiles: OrderedDict[str, tuple[float, asyncio.Task[Actor]]] = OrderedDict()
        self._socket: Any = None
        # Accepted events not yet finished; beyond this a flood is refused (503) so that Slack
        # retries later instead of memory growing without bound. Deduplication keeps the
        # retried copy to one answer.
        self.max_backlog = max_backlog
        self._shed = 0

    # --- HTTP -------------------------------------------------------------------------------
    def mount(self, web_app: web.Application) -> None:
        """Serve events, slash commands and interactivity on `POST /slack/events`."""
        web_app.router.add_post(EVENTS_PATH, self.handle_http)

    async def handle_http(self, request: web.Request) -> web.Response:
        """Verify, then let bolt parse, acknowledge and route the request."""
        body = await request.read()
        # Verified here, before anything reads the body: a malformed timestamp must be a 401 (not
        # a 500), and no request, not even an ssl_check, gets anywhere without a valid signature.
        # Bolt does not verify again: it is handed the checked (and possibly mended) body.
        if not _signature_ok(self._secret, body, request.headers):
            log.info("refused a Slack request with a missing, bad or stale signature")
            return web.json_response({"error": "invalid request"}, status=401)
        if len(self._tasks) >= self.max_backlog:
            self._shed += 1
            if self._shed == 1 or self._shed % 1000 == 0:
                log.warning("Slack backlog full (%s events in progress): %s request(s) refused with 503",
                            len(self._tasks), self._shed)
            return web.json_response({"error": "busy"}, status=503, headers={"Retry-After": "10"})
        self._shed = 0
        try:
            checked = read_body(body, request.content_type)
        except Malformed as exc:
            log.info("refused a verified but malformed Slack request: %s", exc.reason)
            return web.json_response({"error": "malformed request", "reason": exc.reason}, status=400)
        context: dict[str, Any] = {}
        if checked.once:
            # Slack never resends a command or an interaction: the same signed bytes again are a
            # replay, run once (the key lives in the database, so across replicas too).
            context[REPLAY_KEY] = replay_key(request.headers.get("X-Slack-Request-Timestamp", ""), body)
        bolt_request = AsyncBoltRequest(body=checked.text, query=request.query_string,
                                        headers=dict(request.headers), context=context)
        bolt_response = await self.bolt.async_dispatch(bolt_request)
        return await to_aiohttp_response(bolt_response)

    # --- Socket Mode ------------------------------------------------------------------------
    async def start_socket_mode(self) -> None:
        """Connect by Socket Mode (no public URL needed); returns once connected."""
        from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

        self._socket = AsyncSocketModeHandler(self.bolt, self.config.app_token)
        await self._socket.connect_async()
        log.info("connected to Slack by Socket Mode")

    # --- lifecycle --------------------------------------------------------------------------
    async def wait_idle(self, timeout: float = 30.0) -> bool:
        """Wait until every accepted event is fully handled; False if `timeout` ran out."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while self._tasks:
            remaining = deadline - loop.time()
            if remaining <= 0:
                return False
            await asyncio.wait(set(self._tasks), timeout=remaining)
        return True

    async def close(self) -> None:
        """Stop receiving, finish accepted events (up to 20 s), release connections."""
        if self._socket is not None:
            try:
                await self._socket.close_async()
            except Exception:
                log.warning("closing the Socket Mode connection failed", exc_info=True)
            self._socket = None
        if not await self.wait_idle(timeout=20):
            log.warning("stopping with %s Slack event(s) still in progress", len(self._tasks))
            for task in set(self._tasks):
                task.cancel()
            await asyncio.gather(*self._tasks, return_exceptions=True)
        if not self.session.closed:
            await self.session.close()

    def _spawn(self, work: Coroutine[Any, Any, None], name: str) -> None:
        task = asyncio.create_task(self._guarded(work, name), name=name)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _guarded(self, work: Awaitable[None], name: str) -> None:
        try:
            async with self._limit:
                await work
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("Slack work %s failed", name)

    # --- listeners --------------------------------------------------------------------------
    def _register_listeners(self) -> None:
        app = self.bolt

        async def on_message(ack: Any, body: dict[str, Any], context: Any, request: Any) -> None:
            # Wait for room in the queue before acknowledging (at most the admission's patience,
            # well within Slack's 3 s): senders are slowed down instead of piling work up.
            inbound, retry = self._message_of(body, context, request)
            loop = asyncio.get_running_loop()
            started = loop.time()
            admitted = await self._admit()
            fresh = True
            if admitted and inbound is not None and inbound.dedupe_key:
                # Recorded before Slack is answered (issue 17): if the database cannot record the
                # message in time, no ack — bolt answers 500 and Slack sends it again. The turn
                # itself then claims nothing (its question stays one statement).
                within = max(RECORD_MIN, min(RECORD_WITHIN, ACK_WITHIN - (loop.time() - started)))
                try:
                    fresh = await self._record(inbound.dedupe_key, within=within)
                except BaseException:
                    self.admission.leave()
                    raise
            await ack()
            if inbound is not None and not fresh:
                log.info("Slack delivery %s already handled (retry %s): not answered again",
                         inbound.dedupe_key, retry or "-")
                inbound = None
            self._start(inbound, admitted, "slack.message", retry, recorded=True)

        async def on_home_opened(ack: Any, body: dict[str, Any]) -> None:
            await ack()
            user = home_opened_user(body.get("event") or {})
            if user:
                self._spawn(self._publish_home(user), "slack.home")

        async def on_command(ack: Any, body: dict[str, Any], context: Any) -> None:
            admitted = await self._admit()
            await ack()
            inbound = command_inbound(_mended(body))
            self._start(_once(inbound, context) if inbound is not None else None, admitted, "slack.command")

        async def on_action(ack: Any, body: dict[str, Any], context: Any) -> None:
            admitted = await self._admit()
            await ack()
            inbound = action_inbound(_mended(body))
            self._start(_once(inbound, context) if inbound is not None else None, admitted, "slack.action")

        async def acknowledge_only(ack: Any) -> None:
            # Other event types, shortcuts, modal submissions: a 200 so Slack does not retry.
            await ack()

        app.event("message")(on_message)
        app.event("app_mention")(on_message)
        app.event("app_home_opened")(on_home_opened)
        app.command(re.compile(r".*"))(on_command)
        app.action(re.compile(r".*"))(on_action)
        app.event(re.compile(r".*"))(acknowledge_only)
        app.view(re.compile(r".*"))(acknowledge_only)
        app.shortcut(re.compile(r".*"))(acknowledge_only)
        app.options(re.compile(r".*"))(acknowledge_only)

    def _message_of(self, body: dict[str, Any], context: Any, request: Any) -> tuple[Inbound | None, str]:
        event = body.get("event") or {}
        inbound = message_inbound(_mended(event), str(context.bot_user_id or ""), str(body.get("team_id") or ""))
        retry = (getattr(request, "headers", None) or {}).get("x-slack-retry-num", [""])
        return inbound, retry[0] if retry else ""

    async def _record(self, key: str, within: float | None = None) -> bool:
        """Claim an event in the database (True: first time), retrying a briefly unreachable
        database for `within` seconds (default RECORD_WITHIN, inside Slack's 3-second limit);
        raises NotRecorded when it could not."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + (RECORD_WITHIN if within is None else within)
        delay = 0.1
        while True:
            try:
                return await self.deduper.claim(key)
            except Exception as exc:
                if loop.time() + delay >= deadline:
                    log.warning("could not record Slack delivery %s: %s", key, type(exc).__name__)
                    raise NotRecorded(key) from exc
                await asyncio.sleep(delay)
                delay = min(delay * 2, 1.0)

    async def _admit(self) -> bool:
        """Take a slot in the queue (oldest first); False when there is no room in time."""
        try:
            await self.admission.enter()
        except Busy:
            return False
        return True

    def _start(self, inbound: Inbound | None, admitted: bool, name: str, retry_num: str = "",
               recorded: bool = False) -> None:
        """Handle an accepted event in a tracked task, or tell its sender the desk is busy."""
        if inbound is None:
            if admitted:
                self.admission.leave()
            return
        if admitted:
            self._spawn(self._handle_admitted(inbound, retry_num, recorded), name)
        else:
            self._spawn(self._tell_busy(inbound), name + ".busy")

    async def _handle_admitted(self, inbound: Inbound, retry_num: str, recorded: bool) -> None:
        try:
            await self._handle(inbound, retry_num=retry_num, recorded=recorded)
        finally:
            self.admission.leave()

    async def _tell_busy(self, inbound: Inbound) -> None:
        """No room: say so (no database work at all) rather than leave the question unanswered."""
        log.warning("busy: %s turn(s) running, %s waiting; told %s to send again", self.admission.active,
                    self.admission.queued, inbound.target.user)
        await SlackResponder(self, inbound.target).send(Reply(text=t("busy", self.config.language), ephemeral=True))

    # --- handling ---------------------------------------------------------------------------
    async def _handle(self, inbound: Inbound, retry_num: str = "", recorded: bool = False) -> None:
        target = inbound.target
        # One person's events run in arrival order: a typed "1" must not overtake the question.
        async with self._person_lock(target.user):
            if inbound.dedupe_key and not recorded:
                try:
                    fresh = await self._record(inbound.dedupe_key, within=HANDLE_WITHIN)
                except NotRecorded:
                    # Slack has had its 200 (commands, buttons): tell the person instead of dropping it.
                    error_id = uuid.uuid4().hex[:8]
                    await SlackResponder(self, target).send(Reply(text=t("error.unavailable", self.config.language,
                                                                          error_id=error_id)))
                    return
                if not fresh:
                    log.info("Slack delivery %s already handled (retry %s): not answered again",
                             inbound.dedupe_key, retry_num or "-")
                    return
            actor = await self.actor(inbound.event.actor)
            event = replace(inbound.event, actor=actor)
            if target.command and target.is_direct and await self._is_bot_dm(target):
                # /dx typed in the bot's own DM: answer there for good, not as ephemeral messages
                # that vanish on reload.
                target = replace(target, command=False)
            # The delivery is recorded already (above, or before the ack): the dispatcher claims
            # nothing more.
            await self.dispatcher.dispatch(event, SlackResponder(self, target))
            if target.from_home:
                await self._publish_home(target.user, actor)

    async def _is_bot_dm(self, target: ReplyTarget) -> bool:
        try:
            return await self.sender.open_dm(target.user) == target.channel
        except Exception as exc:
            log.info("could not open the DM of %s: %s", target.user, error_code(exc))
            return False

    async def _publish_home(self, user: str, actor: Actor | None = None) -> None:
        actor = actor or await self.actor(Actor("slack", user))
        responder = SlackResponder(self, ReplyTarget(user=user, is_direct=True))
        sections = await self.dispatcher.home_view(actor, responder)
        try:
            await self.client.views_publish(user_id=user, view=render_home(sections))
        except Exception as exc:
            log.warning("could not publish the App Home of %s: %s", user, error_code(exc))

    @contextlib.asynccontextmanager
    async def _person_lock(self, user: str) -> AsyncIterator[None]:
        """One lock per person while any of their events is waiting or running."""
        self._lock_users[user] = self._lock_users.get(user, 0) + 1
        lock = self._locks.setdefault(user, asyncio.Lock())
        try:
            async with lock:
                yield
        finally:
            self._lock_users[user] -= 1
            if not self._lock_users[user]:
                del self._lock_users[user]
                del self._locks[user]

    async def actor(self, bare: Actor) -> Actor:
        """The sender with display name and e-mail from users.info (cached for an hour)."""
        now = time.monotonic()
        cached = self._profiles.get(bare.user_id)
        if cached is None or now - cached[0] > PROFILE_TTL:
            cached = (now, asyncio.ensure_future(self._fetch_profile(bare)))
            self._profiles[bare.user_id] = cached
            if len(self._profiles) > 5000:
                self._profiles.popitem(last=False)
        profile = await asyncio.shield(cached[1])
        if not profile.display_name and bare.display_name:
            return replace(profile, display_name=bare.display_name)
        return profile

    async def _fetch_profile(self, bare: Actor) -> Actor:
        try:
            user = (await self.client.users_info(user=bare.user_id))["user"]
        except Exception as exc:
            # Answering matters more than the name: go on with the id, ask again next time.
            log.warning("users.info failed for %s: %s", bare.user_id, error_code(exc))
            self._profiles.pop(bare.user_id, None)
            return bare
        profile = user.get("profile") or {}
        name = (profile.get("display_name") or profile.get("real_name") or user.get("real_name")
                or user.get("name") or bare.display_name)
        return replace(bare, display_name=str(name or ""), email=str(profile.get("email") or ""))


def _mended(body: dict[str, Any]) -> dict[str, Any]:
    """The body with lone surrogates replaced (HTTP bodies are mended already; Socket Mode's not)."""
    mended = mend(body)
    return mended if isinstance(mended, dict) else {}


def _once(inbound: Inbound, context: Any) -> Inbound:
    """The inbound keyed by its replay key (HTTP), so that a replayed copy is not run again."""
    key = str(context.get(REPLAY_KEY) or "") if context is not None else ""
    return replace(inbound, dedupe_key=key) if key and not inbound.dedupe_key else inbound


class SlackResponder:
    """Answers one inbound event where it came from; hands what fails to the outbox."""

    def __init__(self, adapter: SlackAdapter, target: ReplyTarget) -> None:
        self.adapter = adapter
        self.target = target

    def _private(self, reply: Reply) -> bool:
        # In a DM everything is private already; an ephemeral message there would vanish on reload.
        return (reply.ephemeral or self.target.private_source) and not self.target.is_direct

    async def send(self, reply: Reply) -> None:
        """Send one reply (split into several messages when Block Kit's limits require it)."""
        rendered = render_reply(reply)
        if not rendered.steps:
            return
        target = self.target
        sender = self.adapter.sender
        try:
            if target.response_url and (target.command or self._private(reply) or reply.replace_original):
                await self._respond(reply, rendered)
            elif self._private(reply) and target.channel:
                await sender.post(target.channel, rendered, thread_ts=target.thread_ts,
                                  ephemeral_user=target.user, files_channel=target.user)
            else:
                # No channel: a Home tab button; the answer goes to the person's DM.
                channel = target.channel or await sender.open_dm(target.user)
                await sender.post(channel, rendered, thread_ts=target.thread_ts)
        except PartialSend as exc:
            await self._hand_over(reply, exc)
        except Exception as exc:  # e.g. the DM could not be opened: nothing went out yet
            await self._hand_over(reply, PartialSend(0, exc))

    async def _respond(self, reply: Reply, rendered: Any) -> None:
        target = self.target
        sender = self.adapter.sender
        # Slash command answers are only for the person who typed the command: the channel
        # they typed it in may be public.
        private = True if target.command else self._private(reply)
        for number, message in enumerate(rendered.messages):
            body: dict[str, Any] = {"blocks": message.blocks, "text": message.text,
                                    "response_type": "ephemeral" if private else "in_channel"}
            if not target.command:
                body["replace_original"] = bool(reply.replace_original and number == 0)
            try:
                await sender.respond(target.response_url, body)
            except Exception as exc:
                raise PartialSend(number, exc) from exc
        if rendered.files:
            # Files cannot go through response_url: the person's DM keeps them private, the
            # channel (thread) when the answer is public and the bot may post there.
            files_to = target.user if (private or target.command or not target.channel) else target.channel
            try:
                await sender.upload(await sender.channel_for(files_to), rendered.files,
                                    thread_ts="" if files_to == target.user else target.thread_ts,
                                    comment=rendered.file_comment)
            except Exception as exc:
                raise PartialSend(len(rendered.messages), exc) from exc

    async def _hand_over(self, reply: Reply, exc: PartialSend) -> None:
        """The inline send failed even after retries: the outbox retries it and, if it can never
        be delivered, reports it to the office. Private answers go to the person's DM."""
        target = self.target
        private = target.command or self._private(reply) or not target.channel
        address = target.user if private else target.channel
        destination = Destination("slack", "channel", address, thread_id="" if private else target.thread_ts,
                                  extra={SKIP_KEY: str(exc.done)})
        log.warning("Slack reply to %s failed after %s step(s) (%s); handed to the outbox",
                    address, exc.done, error_code(exc.cause))
        await self.adapter.outbox.enqueue(destination, reply.with_(ephemeral=False, replace_original=False))
