"""The Microsoft Teams adapter: `POST /api/messages` through the Bot Framework CloudAdapter.

Converts Teams activities into core events and core replies into messages and Adaptive Cards, and
back: card buttons become the same core actions as Slack buttons. Files other than images (admin
exports) go through Teams' file consent flow in personal chats (see files.py). Everything the Bot
Framework SDK is used for stays in this folder (the SDK is archived; its successor must only
replace this folder).
"""

from __future__ import annotations

import asyncio
import json
import logging
import uuid
from collections import OrderedDict
from dataclasses import replace
from typing import Any

from aiohttp import web
from botbuilder.core import InvokeResponse, TurnContext
from botbuilder.core.teams import TeamsInfo
from botbuilder.integration.aiohttp import CloudAdapter
from botbuilder.schema import Activity, ActivityTypes, ConversationReference

from bot.adapters.teams.auth import (
    InboundAuthenticator,
    TeamsConfig,
    Unauthorized,
    build_authentication,
)
from bot.adapters.teams.cards import (
    ADAPTIVE_CARD,
    offered_files,
    render_card,
    render_file_consent,
    render_file_info,
    without_files,
)
from bot.adapters.teams.connector import SdkOutlet
from bot.adapters.teams.files import FileStore, UploadFailed, upload
from bot.adapters.teams.inbound import FileConsent, Inbound, malformed, parse_activity, split_thread
from bot.adapters.teams.notifier import TeamsNotifier
from bot.adapters.teams.resilience import ConnectorError, Outlet, ResilientSender, Target
from bot.core.admission import Admission, Busy
from bot.core.dispatch import Dispatcher
from bot.core.events import (
    ActionReceived,
    Actor,
    MemberInstalled,
    MemberUninstalled,
    MessageReceived,
)
from bot.core.messages import t
from bot.core.ports import ConversationRefs, Outbox, PeopleRepository, RateShares
from bot.core.replies import Attachment, Destination, Reply
from bot.core.text import mend

log = logging.getLogger(__name__)

MESSAGE_RESPONSE = "application/vnd.microsoft.activity.message"
# Conversation references remembered as stored (per process).
KNOWN_REFS = 10_000
MEMBER_LOOKUP_SECONDS = 5.0


class TeamsAdapter:
    """Serves Teams: inbound activities to the dispatcher, replies and proactive messages out."""

    platform = "teams"

    def __init__(
        self,
        config: TeamsConfig,
        dispatcher: Dispatcher,
        refs: ConversationRefs,
        people: PeopleRepository,
        outbox: Outbox,
        *,
        sender: ResilientSender | None = None,
        files: FileStore | None = None,
        shares: RateShares | None = None,
        replica: str = "",
        admission: Admission | None = None,
    ) -> None:
        config.check()
        if config.app_id and config.no_auth:
            log.warning("DXDESK_TEAMS_NO_AUTH is ignored: MICROSOFT_APP_ID is set, so requests are authenticated")
        self.config = config
        self.dispatcher = dispatcher
        self.refs = refs
        self.people = people
        self.outbox = outbox
        # Without a store, files are announced with a notice instead of being offered.
        self.files = files
        self.authentication = build_authentication(config)
        self.authenticator = InboundAuthenticator(config, self.authentication)
        self.cloud = CloudAdapter(self.authentication)
        # `shares`: the replicas divide the per-app limit (None: this process takes all of it).
        self.sender = sender or ResilientSender(shares=shares, replica=replica)
        self.notifier = TeamsNotifier(self)
        # The bounded queue in front of the handlers (shared with the other adapters when given).
        self.admission = admission or Admission()
        # Conversations whose reference is stored (id -> service URL), so a message does not read it.
        self._known_refs: OrderedDict[str, str] = OrderedDict()

    def mount(self, web_app: web.Application) -> None:
        """Add `POST /api/messages` (the messaging endpoint of the Azure Bot registration)."""
        web_app.router.add_post("/api/messages", self.handle_request)

    async def close(self) -> None:
        """Close the shared connector clients (their pooled HTTP connections)."""
        clients = getattr(self.authentication, "clients", None)
        if not clients:
            return
        for client in list(clients.values()):
            try:
                await client.__aexit__(None, None, None)
            except Exception:  # closing is best effort: the process is stopping
                log.debug("closing a connector client failed", exc_info=True)
        clients.clear()

    # --- HTTP ----------------------------------------------------------------------------
    async def handle_request(self, request: web.Request) -> web.Response:
        """Authenticate, run the turn inline, and answer (an invoke gets its invoke response)."""
        if "application/json" not in request.headers.get("Content-Type", ""):
            return web.json_response({"error": "expected application/json"}, status=415)
        try:
            body = json.loads((await request.read()).decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            return _malformed("invalid JSON")
        # Lone UTF-16 surrogates ("\ud800" in JSON) can be neither stored nor logged: mended here.
        body = mend(body)
        reason = malformed(body)
        if reason:
            return _malformed(reason)
        try:
            activity = Activity().deserialize(body)
        except ValueError:  # the SDK's DeserializationError is a ValueError
            return _malformed("not an activity")
        try:
            auth = await self.authenticator.authenticate(activity, request.headers.get("Authorization", ""), body)
        except Unauthorized as exc:
            log.warning("refused a Teams request (%s activity): %s", body.get("type"), exc)
            return web.json_response({"error": "unauthorized"}, status=401)
        turn = _Turn(self, body)
        invoke_response = await self.cloud.process_activity(auth, activity, turn.run)
        if invoke_response is not None:
            if invoke_response.body is None:
                return web.Response(status=int(invoke_response.status))
            return web.json_response(invoke_response.body, status=int(invoke_response.status))
        return web.Response(status=200)

    # --- proactive -------------------------------------------------------------------------
    async def send_proactive(self, reference: dict[str, Any], conversation_id: str, reply: Reply,
                             lang: str = "ja") -> list[str]:
        """Post into a stored conversation (raises ConnectorError)."""
        sent: list[str] = []
        personal = str((reference.get("conversation") or {}).get("conversationType") or "") == "personal"

        async def post(turn_context: TurnContext) -> None:
            outlet = SdkOutlet.of_turn(turn_context)
            target = Target(conversation_id, limit_key=split_thread(conversation_id)[0])
            sent.extend(await self.post_reply(outlet, target, reply.with_(replace_original=False), lang,
                                              personal=personal))

        await self.cloud.continue_conversation(ConversationReference().deserialize(reference), post,
                                               bot_app_id=self.config.app_id)
        return sent

    async def post_reply(self, outlet: Outlet, target: Target, reply: Reply, lang: str, *,
                         personal: bool) -> list[str]:
        """Send a reply; in a personal chat each file becomes a file consent card after it.

        Raises ConnectorError like the sender. The bytes are stored first, so the answer to the card
        can be handled by any replica, also after a restart.
        """
        files = offered_files(reply)
        if not files or not personal or self.files is None:
            return await self.sender.send(outlet, target, reply, lang)
        sent = await self.sender.send(outlet, target, without_files(reply), lang)
        # The offers are new messages below the reply, never a replacement of a pressed card.
        offer_target = Target(target.conversation_id, target.reply_to_id, "", target.limit_key)
        for attachment in files:
            token = await self.files.put(attachment)
            sent.append(await self.sender.send_payload(outlet, offer_target,
                                                       render_file_consent(attachment, token, lang)))
        return sent

    async def answer_file_consent(self, consent: FileConsent, responder: TurnResponder) -> None:
        """The person allowed or declined a file: upload it and show it, or let it go."""
        lang = responder.lang
        store = self.files
        if consent.action == "decline":
            if store is not None and consent.file_id:
                await store.delete(consent.file_id)
            await responder.send(Reply(text=t("teams.file_declined", lang)))
            return
        if not consent.accepted:
            log.info("ignored a file consent answer with action %r", consent.action)
            return
        stored = await store.get(consent.file_id) if store is not None and consent.file_id else None
        if store is None or stored is None:
            await responder.send(Reply(text=t("teams.file_expired", lang)))
            return
        try:
            await upload(consent.upload_url, stored.content)
        except UploadFailed as exc:
            log.warning("could not upload %s (%s bytes) to OneDrive: %s", stored.filename, len(stored.content), exc)
            await responder.send(Reply(text=t("teams.file_upload_failed", lang, filename=stored.filename)))
            return
        await store.delete(consent.file_id)
        log.info("uploaded %s (%s bytes) to a person's OneDrive", stored.filename, len(stored.content))
        info = render_file_info(consent.content_url, consent.name or stored.filename, consent.unique_id,
                                consent.file_type, lang)
        inbound = responder.inbound
        target = Target(inbound.conversation_id, limit_key=inbound.base_conversation_id)
        try:
            responder.sent.append(await self.sender.send_payload(responder.outlet, target, info))
        except ConnectorError as exc:
            # The file is in the person's OneDrive already; only the chip pointing at it is missing.
            log.error("uploaded %s but could not show it in the chat: %s", stored.filename, exc)

    # --- people and conversations ------------------------------------------------------------
    async def actor_with_email(self, actor: Actor, turn_context: TurnContext) -> Actor:
        """For someone not yet in the registry, ask Teams for their e-mail so the registry can
        link them to the same person on Slack (or a pre-registered entry)."""
        if not actor.vouched:
            # The member lookup would go to the activity's serviceUrl, which nothing vouches for
            # without authentication: its answer (an admin's e-mail) must not name the sender.
            return actor
        if await self.people.find_by_actor(actor) is not None:
            return actor
        try:
            member = await asyncio.wait_for(TeamsInfo.get_member(turn_context, actor.user_id),
                                            MEMBER_LOOKUP_SECONDS)
        except Exception as exc:  # noqa: BLE001 - best effort: the person is served without an e-mail
            log.info("could not look up the Teams member %s: %r", actor.user_id, exc)
            return actor
        email = getattr(member, "email", None) or getattr(member, "user_principal_name", None) or ""
        aad = getattr(member, "aad_object_id", None) or actor.aad_object_id
        return replace(actor, email=email if "@" in email else "", aad_object_id=aad,
                       display_name=actor.display_name or getattr(member, "name", "") or "")

    async def remember_conversation(self, turn_context: TurnContext, inbound: Inbound,
                                    person_id: int | None, *, force: bool = False) -> bool:
        """Store (or refresh) the reference of the chat/channel; True if it was not known before.

        A conversation this process stored or found already (same service URL) is not read again
        on every message; an install (`force`) always checks the database."""
        base = inbound.base_conversation_id
        if not base:
            return False
        service_url = str(turn_context.activity.service_url or "")
        if not force and self._known_refs.get(base) == service_url:
            self._known_refs.move_to_end(base)
            return False
        reference = TurnContext.get_conversation_reference(turn_context.activity).serialize()
        reference["conversation"] = {**reference.get("conversation", {}), "id": base}
        reference.pop("activityId", None)
        new = await self.refs.remember("teams", base, reference, person_id if inbound.is_personal else None,
                                       inbound.is_personal)
        self._remember_ref(base, str(reference.get("serviceUrl") or ""))
        return new

    def _remember_ref(self, conversation_id: str, service_url: str) -> None:
        self._known_refs[conversation_id] = service_url
        if len(self._known_refs) > KNOWN_REFS:
            self._known_refs.popitem(last=False)


class _Turn:
    """One inbound activity being handled."""

    def __init__(self, adapter: TeamsAdapter, body: dict[str, Any]) -> None:
        self.adapter = adapter
        inbound = parse_activity(body)
        if not adapter.config.auth_required:
            # Without authentication every field is the client's word: nobody is made an admin
            # from DXDESK_ADMINS on it.
            inbound = replace(inbound, actor=replace(inbound.actor, vouched=False))
        self.inbound = inbound

    async def run(self, turn_context: TurnContext) -> None:
        inbound = self.inbound
        try:
            if inbound.kind in ("message", "action", "execute"):
                await self._converse(turn_context)
            elif inbound.kind == "file_consent":
                await self._file_consent(turn_context)
            elif inbound.kind == "install":
                await self._installed(turn_context)
            elif inbound.kind == "uninstall":
                await self._uninstalled(turn_context)
        except Exception:
            # Handler errors are answered by the dispatcher; this is the adapter's own failure.
            error_id = uuid.uuid4().hex[:8]
            log.exception("Teams turn failed (error id %s, %s activity)", error_id, inbound.kind)
            if inbound.kind == "execute":
                await _invoke_response(turn_context, {"statusCode": 500, "type": "application/vnd.microsoft.error",
                                                      "value": {"code": "InternalError", "message": error_id}})
            elif inbound.kind in ("message", "action", "file_consent"):
                await self._apologise(turn_context, error_id)

    async def _apologise(self, turn_context: TurnContext, error_id: str) -> None:
        try:
            responder = TurnResponder(self.adapter, SdkOutlet.of_turn(turn_context), self.inbound, "ja")
            await responder.send(Reply(text=t("error.internal", "ja", error_id=error_id)))
        except Exception:
            log.exception("could not tell the user about error %s", error_id)

    async def _converse(self, turn_context: TurnContext) -> None:
        adapter = self.adapter
        try:
            await adapter.admission.enter()
        except Busy:
            # No room within the wait: say so (no database work) rather than leave them unanswered.
            log.warning("busy: %s turn(s) running, %s waiting; a Teams %s was told to send again",
                        adapter.admission.active, adapter.admission.queued, self.inbound.kind)
            if self.inbound.kind == "execute":
                await _invoke_response(turn_context, {"statusCode": 200, "type": MESSAGE_RESPONSE,
                                                      "value": t("busy", "ja")})
            else:
                responder = TurnResponder(adapter, SdkOutlet.of_turn(turn_context), self.inbound, "ja")
                await responder.send(Reply(text=t("busy", "ja")))
            return
        try:
            await self._converse_admitted(turn_context)
        finally:
            adapter.admission.leave()

    async def _converse_admitted(self, turn_context: TurnContext) -> None:
        adapter, inbound = self.adapter, self.inbound
        actor = await adapter.actor_with_email(inbound.actor, turn_context)
        person = await adapter.dispatcher.resolve_person(actor)
        await adapter.remember_conversation(turn_context, inbound, person.id)
        responder = TurnResponder(adapter, SdkOutlet.of_turn(turn_context), inbound, person.language,
                                  invoke=inbound.kind == "execute", person_id=person.id)
        if inbound.kind == "message":
            event: Any = MessageReceived(actor, inbound.conversation, inbound.text, message_id=inbound.activity_id,
                                         mentioned=inbound.mentioned)
        else:
            submission = inbound.submission
            assert submission is not None
            event = ActionReceived(actor, inbound.conversation, submission.action_id, submission.value,
                                   dict(submission.inputs), message_id=inbound.reply_to_id)
        await adapter.dispatcher.dispatch(event, responder)
        if inbound.kind == "execute":
            if responder.invoke_card is not None:
                body = {"statusCode": 200, "type": ADAPTIVE_CARD, "value": responder.invoke_card}
            else:
                body = {"statusCode": 200, "type": MESSAGE_RESPONSE,
                        "value": t("teams.action_received", responder.lang)}
            await _invoke_response(turn_context, body)

    async def _file_consent(self, turn_context: TurnContext) -> None:
        adapter, inbound = self.adapter, self.inbound
        assert inbound.file_consent is not None
        try:
            person = await adapter.dispatcher.resolve_person(inbound.actor)
            responder = TurnResponder(adapter, SdkOutlet.of_turn(turn_context), inbound, person.language,
                                      person_id=person.id)
            await adapter.answer_file_consent(inbound.file_consent, responder)
        finally:
            # Teams only wants to know the answer arrived; what happened is told in the chat.
            await _invoke_response(turn_context, None)

    async def _installed(self, turn_context: TurnContext) -> None:
        adapter, inbound = self.adapter, self.inbound
        person_id: int | None = None
        actor = inbound.actor
        if actor.user_id:
            # Look the e-mail up now: the core registers whoever installed the app, and a record
            # without an e-mail address could not be linked to the same person on Slack later.
            actor = await adapter.actor_with_email(actor, turn_context)
            if inbound.is_personal:
                person_id = (await adapter.dispatcher.resolve_person(actor)).id
        is_new = await adapter.remember_conversation(turn_context, inbound, person_id, force=True)
        log.info("Teams app installed in %s conversation %s", "a personal" if inbound.is_personal else "a",
                 inbound.base_conversation_id)
        if is_new:
            # Teams announces one install twice (installationUpdate and conversationUpdate): greet once.
            reference = await adapter.refs.for_conversation(inbound.base_conversation_id) or {}
            responder = TurnResponder(adapter, SdkOutlet.of_turn(turn_context), inbound, "ja")
            await adapter.dispatcher.dispatch(MemberInstalled(actor, inbound.conversation, json.dumps(reference)),
                                              responder)

    async def _uninstalled(self, turn_context: TurnContext) -> None:
        adapter, inbound = self.adapter, self.inbound
        adapter._known_refs.pop(inbound.base_conversation_id, None)
        await adapter.refs.remove(inbound.base_conversation_id)
        log.info("Teams app removed from conversation %s", inbound.base_conversation_id)
        await adapter.dispatcher.dispatch(MemberUninstalled(inbound.actor, inbound.conversation), _Unreachable())


def _malformed(reason: str) -> web.Response:
    log.info("refused a malformed Teams request: %s", reason)
    return web.json_response({"error": "malformed request", "reason": reason}, status=400)


async def _invoke_response(turn_context: TurnContext, body: dict[str, Any] | None) -> None:
    await turn_context.send_activity(Activity(type=ActivityTypes.invoke_response,
                                              value=InvokeResponse(status=200, body=body)))


class TurnResponder:
    """Answers one inbound event: in the chat, in the channel thread, or by updating the pressed card."""

    def __init__(self, adapter: TeamsAdapter, outlet: SdkOutlet, inbound: Inbound, lang: str,
                 *, invoke: bool = False, person_id: int | None = None) -> None:
        self.adapter = adapter
        self.outlet = outlet
        self.inbound = inbound
        self.lang = lang if lang in ("ja", "en") else "ja"
        self.invoke = invoke
        # Who is answered: outside a personal chat their files go to their personal chat.
        self.person_id = person_id
        # An Action.Execute turn answers with the new card in the invoke response itself.
        self.invoke_card: dict[str, Any] | None = None
        self.sent: list[str] = []

    async def send(self, reply: Reply) -> None:
        """Deliver one reply now; if Teams keeps refusing for a while, hand it to the outbox."""
        inbound = self.inbound
        files = offered_files(reply)
        if reply.replace_original and self.invoke and self.invoke_card is None and not files:
            self.invoke_card = render_card(reply, self.lang)
            return
        if files and not inbound.is_personal:
            reply = await self._files_to_personal_chat(reply, files)
        # In a channel the answer goes into the thread of the message; chats have no threads. An
        # invoke is not a message, so its answers are posted to the thread rather than replied to.
        reply_to = inbound.activity_id if inbound.conversation.thread_id and inbound.kind != "execute" else ""
        replace_id = inbound.reply_to_id if reply.replace_original and inbound.kind == "action" else ""
        target = Target(inbound.conversation_id, reply_to, replace_id, inbound.base_conversation_id)
        personal = inbound.is_personal
        try:
            self.sent += await self.adapter.post_reply(self.outlet, target, reply, self.lang, personal=personal)
        except ConnectorError as exc:
            if replace_id and not exc.retryable:
                log.warning("could not update the card (%s); posting the reply instead", exc)
                self.sent += await self.adapter.post_reply(self.outlet, replace(target, replace_id=""),
                                                           reply.with_(replace_original=False), self.lang,
                                                           personal=personal)
            elif exc.retryable:
                log.warning("Teams is not accepting the reply now (%s); queued in the outbox", exc)
                destination = Destination("teams", "channel", inbound.base_conversation_id,
                                          thread_id=inbound.conversation.thread_id)
                await self.adapter.outbox.enqueue(destination, reply.with_(replace_original=False))
            else:
                log.error("Teams refused a reply permanently: %s", exc)

    async def _files_to_personal_chat(self, reply: Reply, files: tuple[Attachment, ...]) -> Reply:
        """Channels and group chats cannot take files: offer them in the person's personal chat
        and say so here. Without a personal chat the reply keeps its files, which the card turns
        into a notice telling the person where to ask."""
        adapter = self.adapter
        if self.person_id is None or adapter.files is None:
            return reply
        reference = await adapter.refs.for_person("teams", self.person_id)
        if reference is None:
            return reply
        conversation_id = str((reference.get("conversation") or {}).get("id") or "")
        offer = Reply(attachments=files)
        try:
            await adapter.send_proactive(reference, conversation_id, offer, self.lang)
        except ConnectorError as exc:
            if not exc.retryable:
                log.warning("could not offer the files in the personal chat (%s); leaving a notice", exc)
                return reply
            log.warning("Teams is not accepting the file offer now (%s); queued in the outbox", exc)
            await adapter.outbox.enqueue(Destination("teams", "person", str(self.person_id)), offer)
        notes = "\n".join(t("teams.file_sent_personally", self.lang, filename=a.title or a.filename) for a in files)
        rest = without_files(reply)
        return rest.with_(text=f"{rest.text}\n\n{notes}" if rest.text.strip() else notes)


class _Unreachable:
    """Responder after an uninstall: the bot can no longer post there."""

    async def send(self, reply: Reply) -> None:
        log.info("not answering in a conversation the app was removed from: %s", reply.plain_text()[:80])
