"""The dispatcher: resolves the person, routes an event, and is the one error boundary."""

from __future__ import annotations

import asyncio
import copy
import logging
import re
import time
import unicodedata
import uuid
from collections import OrderedDict
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import Any

from bot.core import buttons, commands, confirm, vocabulary
from bot.core.context import Context, Services
from bot.core.errors import DuplicateEvent, StaleDialog, UserFacingError
from bot.core.events import (
    ActionReceived,
    Actor,
    CommandReceived,
    Conversation,
    Event,
    MemberInstalled,
    MemberUninstalled,
    MessageReceived,
)
from bot.core.messages import CATALOGUE, t
from bot.core.model import Person, Role
from bot.core.ports import Responder
from bot.core.replies import Field, Reply
from bot.core.router import CommandRoute, MessageRoute, Router
from bot.core.text import fold

log = logging.getLogger(__name__)

Observer = Callable[[str, float, str], None]
# People whose dialog state is remembered between turns (the least recently active are dropped).
REMEMBERED_DIALOGS = 20_000


class _CountedResponder:
    """The adapter's responder, counting each reply sent (metrics: messages out, and whether the
    person has seen anything of this event yet: then it is not handled a second time)."""

    def __init__(self, inner: Responder, count: Callable[[], None] | None = None) -> None:
        self._inner = inner
        self._count = count
        self.sent = 0

    async def send(self, reply: Reply) -> None:
        self.sent += 1
        await self._inner.send(reply)
        if self._count is not None:
            self._count()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


class Dispatcher:
    """Routes platform-neutral events to handlers; every adapter calls `dispatch`."""

    def __init__(self, routers: Sequence[Router], services: Services) -> None:
        self.services = services
        self.messages: list[MessageRoute] = sorted(
            (m for r in routers for m in r.messages), key=lambda m: -m.priority
        )
        self.commands: list[CommandRoute] = [c for r in routers for c in r.commands]
        self.actions: dict[str, Any] = {}
        self.dialogs: dict[str, Any] = {}
        self.claiming_dialogs = {k for r in routers for k in r.claiming_dialogs}
        self.button_dialogs = {k for r in routers for k in r.button_dialogs}
        # The catalogue's texts that can be a button's label (see `_typed_button`), read once.
        self._labels: frozenset[str] | None = None
        self._numbered: tuple[tuple[str, str], ...] = ()
        for router in routers:
            for key, func in router.actions.items():
                if key in self.actions:
                    raise ValueError(f"action {key} registered by two routers")
                self.actions[key] = func
            self.dialogs.update(router.dialogs)
        self.drafts: dict[str, str] = {k: v for r in routers for k, v in r.drafts.items()}
        self.interrupts: dict[str, Any] = {k: v for r in routers for k, v in r.interrupts.items()}
        self.after_asides: dict[str, Any] = {k: v for r in routers for k, v in r.after_asides.items()}
        self.installs = [h for r in routers for h in r.installs]
        self.uninstalls = [h for r in routers for h in r.uninstalls]
        self.home_sections = [h for r in routers for h in r.home_sections]
        self.resumers: dict[str, Any] = {}
        for router in routers:
            self.resumers.update(router.resumers)
        self.first_words = {c.path[0] for c in self.commands} | {"help"}
        # Metrics hooks, set by the composition root: (event kind, seconds, outcome) per event, and
        # (platform) per reply sent to the conversation an event came from.
        self.observe: Observer | None = None
        self.observe_reply: Callable[[str], None] | None = None
        # Each person's dialog as their last turn here left it (person id -> (value,)): the next
        # turn routes on it without reading the store, and checks it before saying or storing
        # anything (Context.claim / log_question); a turn that finds it changed runs again.
        self._dialogs: OrderedDict[int, tuple[dict[str, Any] | None]] = OrderedDict()
        # Each person's buttons shown in direct replies (FAQ candidates, 「担当者に転送する」), newest
        # first, with the turn that showed them: typed later, a label presses its button on every
        # platform (`_typed_shown`). Kept here, not stored: no read or write per turn (an answered
        # question costs one transaction); another process, or a restart, does not know them.
        self._shown: OrderedDict[int, dict[str, Any]] = OrderedDict()
        # A briefly unreachable database (set by the composition root: storage knows its errors).
        # An event that fails that way before anything was answered is handled again, with backoff,
        # for up to `retry_for` seconds; then the person is told to send it again (issue 17).
        self.transient: Callable[[BaseException], bool] = lambda exc: False
        self.retry_for = 30.0

    @staticmethod
    def _admin_keys(actor: Actor) -> set[str]:
        """Ways DXDESK_ADMINS may name this sender: platform id, Teams AAD object id, e-mail
        (none for an identity the platform did not vouch for)."""
        if not actor.vouched:
            return set()
        keys = {f"{actor.platform}:{actor.user_id}", actor.user_id, actor.email.lower()}
        if actor.aad_object_id:
            keys.add(f"{actor.platform}:{actor.aad_object_id}")
        keys.discard("")
        return keys

    async def resolve_person(self, actor: Actor) -> Person:
        """Find the sender in the registry, registering newcomers as staff (or bootstrap admin)."""
        people = self.services.people
        person = await people.find_by_actor(actor)
        config = self.services.config
        if person is None:
            role = Role.STAFF
            keys = self._admin_keys(actor)
            if keys & set(config.bootstrap_admins) or (
                actor.platform == "console"
                and config.console_first_user_admin
                and await people.count_admins() == 0
            ):
                role = Role.ADMIN
            person = await people.create_from_actor(actor, role, config.default_language)
        elif person.role is not Role.ADMIN and self._admin_keys(actor) & set(config.bootstrap_admins):
            person.role = Role.ADMIN
            person = await people.save(person)
        return person

    async def dispatch(self, event: Event, responder: Responder, claim_key: str = "") -> Context | None:
        """Handle one event; never raises (errors become a polite reply with an error id).

        `claim_key` names the inbound delivery (Slack's event id): it is claimed before anything
        is said or stored, so a retried or replayed delivery is handled once (None is returned
        for a duplicate). A free-text question claims it in the transaction that logs it."""
        started = time.perf_counter()
        kind = type(event).__name__
        outcome = "ok"
        ctx: Context | None = None
        observe_reply, platform = self.observe_reply, event.actor.platform
        counted = _CountedResponder(responder, (lambda: observe_reply(platform)) if observe_reply else None)
        responder = counted
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.retry_for
        delay = 0.25
        try:
            while True:
                try:
                    person = await self.resolve_person(event.actor)
                    remembered = self._dialogs.pop(person.id, None)
                    try:
                        ctx = self._context(event, person, responder, claim_key, remembered)
                        await self._route(ctx, event)
                        await ctx.run_afterwards()
                        await ctx.flush()
                    except StaleDialog:
                        # Changed elsewhere since this process last saw it; nothing was said or stored yet.
                        log.info("the dialog of person %s changed elsewhere: routing again on the stored one",
                                 person.id)
                        ctx = self._context(event, person, responder, claim_key)
                        await self._route(ctx, event)
                        await ctx.run_afterwards()
                        await ctx.flush()
                    for reply in ctx.deferred:
                        await ctx.reply(reply)
                    await confirm.after_turn(ctx)
                    self._keep_shown(ctx)
                    final = ctx.final_dialog()
                    if final is not None:
                        self._dialogs[person.id] = copy.deepcopy(final)
                        if len(self._dialogs) > REMEMBERED_DIALOGS:
                            self._dialogs.popitem(last=False)
                except DuplicateEvent:
                    outcome = "duplicate"
                    log.info("delivery %s already handled: not answered again", claim_key)
                    return None
                except UserFacingError as exc:
                    outcome = "user_error"
                    lang = ctx.lang if ctx else self.services.config.default_language
                    if await self._claimed(ctx, claim_key):
                        await self._safe_send(responder, Reply(text=t(exc.key, lang, **exc.params), ephemeral=True))
                except Exception as exc:
                    transient = self.transient(exc)
                    if transient and not counted.sent and loop.time() + delay < deadline:
                        # Nothing reached the person yet: the whole event runs again in a moment (a
                        # claim that did succeed is not made again: that run would be a "duplicate").
                        log.warning("database unavailable while handling %s; trying again in %.1f s", kind, delay)
                        if ctx is not None and ctx.claimed:
                            claim_key = ""
                        ctx = None
                        await asyncio.sleep(delay)
                        delay = min(delay * 2, 5.0)
                        continue
                    outcome = "unavailable" if transient else "error"
                    error_id = uuid.uuid4().hex[:8]
                    log.exception("handler failed (error id %s) for %s", error_id, kind)
                    lang = ctx.lang if ctx else self.services.config.default_language
                    key = "error.unavailable" if transient else "error.internal"
                    if await self._claimed(ctx, claim_key):
                        await self._safe_send(responder, Reply(text=t(key, lang, error_id=error_id)))
                break
        finally:
            if self.observe:
                self.observe(kind, time.perf_counter() - started, outcome)
        return ctx

    async def _claimed(self, ctx: Context | None, claim_key: str) -> bool:
        """Before an error reply: claim the delivery if nothing did yet (False: a duplicate, or the
        claim itself failed — then the delivery is left for a retry, not answered)."""
        try:
            if ctx is not None:
                await ctx.flush()
                await ctx.claim()
            elif claim_key and self.services.deduper is not None:
                return await self.services.deduper.claim(claim_key)
        except DuplicateEvent:
            return False
        except StaleDialog:
            return True
        except Exception:
            log.warning("could not claim delivery %s before the error reply", claim_key, exc_info=True)
            return True
        return True

    @staticmethod
    async def _safe_send(responder: Responder, reply: Reply) -> None:
        try:
            await responder.send(reply)
        except Exception:
            log.exception("could not send the error reply")

    async def _route(self, ctx: Context, event: Event) -> None:
        if isinstance(event, MessageReceived):
            typed = commands.split_prefix(event.text, self.first_words)
            if typed is not None:
                await ctx.claim()
                await self._interrupt(ctx)
                await self._run_command(ctx, typed)
                return
            state = await ctx.active_dialog()
            if state is not None and state.get("kind") == buttons.WHICH_DIALOG:
                # The reply to 「「回答を始める」はどちらのメッセージのボタンですか？」.
                await ctx.claim()
                await ctx.end_dialog()
                picked = buttons.which_answer(event.text, list(state.get("data", {}).get("options", [])))
                if picked is not None:
                    await self._press(ctx, event, picked)
                    return
                state = None
            if await self._typed_button(ctx, event, asking=state is not None):
                return
            if await self._typed_shown(ctx, event, state):
                return
            if state is not None and self._stale_number(state, event.text):
                # 「2」 long after the buttons it could mean: never a surprise action.
                await ctx.claim()
                await ctx.reply(ctx.t("buttons.number_stale"))
                return
            if state is not None:
                handler = self.dialogs.get(state.get("kind", ""))
                if handler is None:
                    await ctx.end_dialog()
                elif self._expired(state):
                    await ctx.claim()
                    await self._expire(ctx, str(state.get("kind", "")))
                    if self.drafts.get(str(state.get("kind", ""))) and _answer_like(event.text):
                        return  # 「3」 hours later meant the old question: the note says how to go on
                else:
                    if state.get("kind") not in self.claiming_dialogs:
                        await ctx.claim()
                    if await handler(ctx, event, state.get("data", {})):
                        return
                    # The dialog gave the turn back to one it had set aside (a form that answered a
                    # side question and kept the FAQ desk's 「解決しましたか？」 under it): that one reads it.
                    restored = await ctx.active_dialog()
                    other = self.dialogs.get(str(restored.get("kind", ""))) if restored else None
                    if restored and other is not None and restored.get("kind") != state.get("kind"):
                        if restored.get("kind") not in self.claiming_dialogs:
                            await ctx.claim()
                        if await other(ctx, event, restored.get("data", {})):
                            return
            await self._route_message(ctx, event.text)
            return
        await ctx.claim()
        if isinstance(event, CommandReceived):
            await self._interrupt(ctx)
            await self._run_command(ctx, event.text)
        elif isinstance(event, ActionReceived):
            handler = self.actions.get(event.action_id)
            if handler is None:
                raise UserFacingError("action.expired")
            if ctx.person.has_role(Role.ADMIN):
                await ctx.active_dialog()  # what the press ends or replaces (a proposal set aside)
            if not await self._pressed_under(ctx, event, handler):
                await handler(ctx, event)
        elif isinstance(event, MemberInstalled):
            for handler in self.installs:
                await handler(ctx, event)
        elif isinstance(event, MemberUninstalled):
            for handler in self.uninstalls:
                await handler(ctx, event)

    async def _pressed_under(self, ctx: Context, event: ActionReceived, handler: Any) -> bool:
        """A button of the prompt a dialog set aside under it (the FAQ desk's 「解決しましたか？」 kept
        under the poll after a side question), pressed: the prompt is put back on top so the press
        works on it as when it was open, then the dialog that set it aside comes back (`after_aside`).
        False: not such a press (the handler runs as usual)."""
        if not self.after_asides:
            return False
        state = await ctx.active_dialog()
        back = self.after_asides.get(str(state.get("kind", ""))) if state else None
        data = state.get("data", {}) if state else {}
        aside = data.get("aside") if isinstance(data, dict) else None
        if back is None or not isinstance(aside, dict) or not aside.get("kind"):
            return False
        if str(aside["kind"]).split(".")[0] != event.action_id.split(".")[0]:
            return False  # a button of another job (the poll's own level buttons)
        await ctx.start_dialog(str(aside["kind"]), dict(aside.get("data") or {}))
        await handler(ctx, event)
        await back(ctx, data)
        return True

    async def _typed_button(self, ctx: Context, event: MessageReceived, asking: bool = False) -> bool:
        """A button's label typed as a message (「回答を始める」「出席」): pressed when a message sent to
        this person recently offers it; asked which in one line when two jobs' messages do — unless a
        dialog is `asking` (a form mid-way): the question would replace it, so the dialog reads it."""
        hours = self.services.config.typed_button_hours
        if hours <= 0 or not buttons.could_be_label(event.text):
            return False
        if self._labels is None:  # every job's catalogue is registered by the first message
            self._labels = buttons.known_labels(text for pair in CATALOGUE.values() for text in pair)
            self._numbered = buttons.numbered_labels(CATALOGUE.items())
        if not buttons.names_known(event.text, self._labels, self._numbered):
            return False
        # An admin reads the office channel too: its notices' buttons are theirs to type.
        office = self.services.config.escalation_channel
        also = (office,) if office is not None and ctx.person.has_role(Role.ADMIN) else ()
        recent = await self.services.outbox.recent_to(ctx.person.id, timedelta(hours=hours), also=also)
        found = [f for f in buttons.typed_buttons(recent, event.text, self._numbered) if f["action_id"] in self.actions]
        if not found or (len(found) > 1 and asking):
            return False
        await ctx.claim()
        if len(found) == 1:
            await self._press(ctx, event, found[0])
            return True
        options = "　".join(f"{n}. {f['about'] or f['label']}" for n, f in enumerate(found, 1))
        await ctx.start_dialog(buttons.WHICH_DIALOG, {"options": found})
        await ctx.reply(ctx.t("buttons.which", label=event.text.strip(), options=options,
                              words=buttons.which_words(found)))
        return True

    def _keep_shown(self, ctx: Context) -> None:
        """Remember the buttons this turn's replies showed (see `_typed_shown`). Not those shown while a
        form or the poll is the open dialog: that dialog reads its own options and numbers."""
        final = ctx.final_dialog()
        if not ctx.shown or (final is not None and final[0] is not None
                             and str(final[0].get("kind", "")) in self.drafts):
            return
        kept = self._shown.pop(ctx.person.id, None) or {"turn": 0, "entries": []}
        turn = int(kept["turn"]) + 1
        at = self.services.clock.now().isoformat()
        fresh = [{**e, "at": at} for e in buttons.shown_entries(ctx.shown, turn)]
        if not fresh:
            self._shown[ctx.person.id] = kept
            return
        self._shown[ctx.person.id] = {"turn": turn, "entries": (fresh + kept["entries"])[:buttons.SHOWN_KEPT]}
        if len(self._shown) > REMEMBERED_DIALOGS:
            self._shown.popitem(last=False)

    async def _typed_shown(self, ctx: Context, event: MessageReceived, state: dict[str, Any] | None) -> bool:
        """A button of a direct reply typed as a message (a FAQ candidate's question or a clear part of
        it, 「担当者に転送する」), within `typed_button_hours`: pressed as its button. With no dialog
        open, or with one of the desk's button prompts open (then only buttons of earlier turns: its
        own are read by it); never while a form or the poll is open (they read their own words)."""
        hours = self.services.config.typed_button_hours
        kept = self._shown.get(ctx.person.id)
        if hours <= 0 or not kept or (state is not None and state.get("kind") not in self.button_dialogs):
            return False
        now = self.services.clock.now()
        entries = []
        for e in kept["entries"]:
            try:
                fresh = now - datetime.fromisoformat(str(e["at"])) <= timedelta(hours=hours)
            except ValueError:
                fresh = False
            if fresh and e["action_id"] in self.actions and (state is None or e["turn"] < kept["turn"]):
                entries.append(e)
        if state is not None and buttons.shown_matches(
                [e for e in kept["entries"] if e["turn"] == kept["turn"]], event.text):
            return False  # a label of the open prompt's own buttons (「担当者に転送する」 again): the prompt reads it
        found = buttons.shown_matches(entries, event.text)
        if len(found) != 1:
            return False
        await self._press(ctx, event, found[0])
        return True

    async def _press(self, ctx: Context, event: MessageReceived, found: dict[str, Any]) -> None:
        """Handle a typed label as the press of its button."""
        choice = buttons.choice_of(found)
        handler = self.actions.get(choice.action_id)
        if handler is None:
            raise UserFacingError("action.expired")
        await ctx.claim()
        action = ActionReceived(event.actor, event.conversation, choice.action_id, choice.value,
                                message_id=event.message_id, typed=True)
        ctx.event = action
        await handler(ctx, action)

    def _stale_number(self, state: dict[str, Any], text: str) -> bool:
        """A bare number (「2」「２」「2番」) at a dialog whose numbers are its buttons', typed longer
        than `button_number_minutes` after that message: it cannot be known to mean that button."""
        minutes = self.services.config.button_number_minutes
        if state.get("kind") not in self.button_dialogs or minutes <= 0:
            return False
        if not re.fullmatch(r"[0-9]{1,2}\s*(番目?)?(で|です)?", unicodedata.normalize("NFKC", text).strip()):
            return False
        try:
            started = datetime.fromisoformat(str(state.get("at")))
        except ValueError:
            return False
        return self.services.clock.now() - started > timedelta(minutes=minutes)

    async def _route_message(self, ctx: Context, text: str) -> None:
        """A free-text message with no dialog taking it: resume words, then the message routes."""
        folded = fold(text)
        event = ctx.event
        if not isinstance(event, MessageReceived) or event.text != text:
            event = MessageReceived(event.actor, event.conversation, text)
        if self.resumers and is_resume_word(folded):
            await ctx.claim()
            await self._resume(ctx)
            return
        for route in self.messages:
            if route.when is None or route.when(folded):
                if not route.claims:
                    await ctx.claim()
                if await route.handler(ctx, event) is False:
                    continue  # not for this person (an admin's report hint to a member of staff)
                return
        await ctx.claim()

    def _context(self, event: Event, person: Person, responder: Responder, claim_key: str,
                 remembered: tuple[dict[str, Any] | None] | None = None) -> Context:
        ctx = Context(event, person, self.services, responder, claim_key, remembered)
        ctx.claimed_elsewhere = self.claimed_elsewhere
        ctx.asks_something_else = self.asks_something_else
        ctx.route_elsewhere = self._rerouter(ctx)
        ctx.read_by_open_dialog = lambda: self._open_dialog_reads(ctx)
        ctx.run_command = lambda text: self._run_command(ctx, text)
        ctx.route_of = self._route_of
        return ctx

    async def _open_dialog_reads(self, ctx: Context) -> bool:
        """The dialog open now reads this turn's message (see `Context.read_by_open_dialog`)."""
        state = await ctx.active_dialog()
        handler = self.dialogs.get(str(state.get("kind", ""))) if state else None
        if state is None or handler is None or not isinstance(ctx.event, MessageReceived):
            return False
        if state.get("kind") not in self.claiming_dialogs:
            await ctx.claim()
        return bool(await handler(ctx, ctx.event, state.get("data", {})))

    def _route_of(self, text: str) -> str:
        route = commands.parse(text, self.commands).route
        return " ".join(route.path) if route is not None else ""

    def _rerouter(self, ctx: Context) -> Callable[[str], Any]:
        async def route(text: str) -> None:
            await self._route_message(ctx, text)

        return route

    def claimed_elsewhere(self, text: str) -> bool:
        """True when the text is clearly not an answer to an open dialog: a question or a plea
        (「パスワードを忘れました」), or a message another job has its own handler for (an RSVP,
        an agenda item, 「続きから」). Dialogs ask this before taking a message as their answer."""
        folded = fold(text)
        if vocabulary.looks_like_question(folded) or (self.resumers and is_resume_word(folded)):
            return True
        return self.asks_something_else(text)

    def asks_something_else(self, text: str) -> bool:
        """True when the text is a request some job's route knows by its words (「今月のまとめ見せて」
        「FAQを書き出して」, an RSVP, 「会議を中止したい」): the narrower half of `claimed_elsewhere`, for
        a prompt whose answer may itself be a question (a new wording, a category) — a question is
        an answer there, a known request is not. Fourteenth round: an admin's open prompt hands such a
        message on and stays open (`Context.keep_asking_after`)."""
        folded = fold(text)
        return any(route.when is not None and 0 < route.priority < 100 and route.when(folded)
                   for route in self.messages)

    async def _interrupt(self, ctx: Context) -> None:
        """A command typed while a dialog that holds the person's text is open (an answer shown for
        confirmation): the dialog keeps that text as a draft and says so, then the command runs."""
        state = await ctx.active_dialog()
        hook = self.interrupts.get(str(state.get("kind", ""))) if state else None
        if state is None or hook is None:
            return
        await hook(ctx, state.get("data", {}))

    def _expired(self, state: dict[str, Any]) -> bool:
        minutes = self.services.config.dialog_timeout_minutes
        at = state.get("at")
        if not at or minutes <= 0:
            return False
        try:
            started = datetime.fromisoformat(str(at))
        except ValueError:
            return False
        return self.services.clock.now() - started > timedelta(minutes=minutes)

    async def _expire(self, ctx: Context, kind: str) -> None:
        """Close a dialog left unanswered too long; a form's answers stay as a draft."""
        await ctx.end_dialog()
        draft_of = self.drafts.get(kind)
        if draft_of:
            await ctx.remember_paused(draft_of)
            minutes = self.services.config.dialog_timeout_minutes
            duration = ctx.t("dialog.hours", n=minutes // 60) if minutes % 60 == 0 else ctx.t("dialog.minutes", n=minutes)
            await ctx.reply(ctx.t("dialog.expired.draft", duration=duration))

    async def home_view(self, actor: Actor, responder: Responder) -> list[Reply]:
        """The sections of a person's home view (pending check-ins, assessment, how to ask)."""
        person = await self.resolve_person(actor)
        ctx = Context(MessageReceived(actor, Conversation(actor.platform, ""), ""), person, self.services, responder)
        sections: list[Reply] = []
        for section in self.home_sections:
            try:
                result = await section(ctx)
            except Exception:
                log.exception("home section %s failed", getattr(section, "__name__", section))
                continue
            if result is not None:
                sections.append(result)
        return sections

    async def _resume(self, ctx: Context) -> None:
        """「続きから」: continue the most recently paused activity, else any paused one."""
        note = await self.services.state.get(f"paused:{ctx.person.id}") or {}
        order = [note["kind"]] if note.get("kind") in self.resumers else []
        order += [k for k in self.resumers if k not in order]
        for kind in order:
            if await self.resumers[kind](ctx):
                return
        await ctx.reply(ctx.t("resume.nothing"))

    def allowed(self, person: Person) -> list[CommandRoute]:
        """The commands this person may run (what `help` lists)."""
        return [c for c in self.commands if person.has_role(c.role)]

    async def _run_command(self, ctx: Context, text: str) -> None:
        parsed = commands.parse(text, self.commands)
        if parsed.route is None:
            if not parsed.words or parsed.words[0] == "help":
                await ctx.reply(self.help_reply(ctx, parsed.words[1] if len(parsed.words) > 1 else ""))
                return
            raise UserFacingError("command.unknown", command=" ".join(text.split()[:2]))
        route = parsed.route
        actor = f"{ctx.person.id}:{ctx.person.display_name or ctx.event.actor.user_id}"
        action = " ".join(route.path)
        ctx.commands_run.append(action)
        if not ctx.person.has_role(route.role):
            # Every refused attempt is audited, also on routes that write their own entries
            # (`faq publish`) or are read-only: who tried an admin command without the role.
            await self.services.audit.record(actor, action, parsed.args[:500], "denied")
            raise UserFacingError("command.forbidden", role=ctx.t(f"role.{route.role.value}"))
        if not route.audit:
            await route.handler(ctx, parsed.args)
            return
        result = "ok"
        try:
            await route.handler(ctx, parsed.args)
        except UserFacingError as exc:
            result = f"refused: {exc.key}"
            raise
        except Exception:
            result = "error"
            raise
        finally:
            await self.services.audit.record(actor, action, parsed.args[:500], result)

    def help_reply(self, ctx: Context, topic: str = "") -> Reply:
        """`/dx help`: grouped by job (the routers' names), a Japanese example line for each, only
        what the caller may run. `/dx help 会議` (a job's word or command word): its full grammar."""
        allowed = self.allowed(ctx.person)
        order = list(dict.fromkeys(c.group for c in self.commands))
        wanted = self._help_group(ctx, topic) if topic else ""
        word = commands.canonical(topic) if topic else ""
        # The group's commands, and others starting with the word asked about (「集計」: every summary).
        lines = [f"/dx {commands.help_line(c.path, ctx.t(c.help_key), ctx.lang)}" for c in allowed
                 if c.help_key and wanted and (c.group == wanted or c.path[0] == word)]
        if lines:
            return Reply(title=ctx.t("help.group_title", group=_catalogued(ctx, f"help.group.{wanted}", wanted)),
                         text="\n".join(lines) + "\n\n" + ctx.t("help.footer"), ephemeral=True)
        level = "admin" if ctx.person.has_role(Role.ADMIN) else "liaison" if ctx.person.has_role(Role.LIAISON) \
            else "staff"
        text: list[str] = []
        topics: list[str] = []
        for group in order:
            # A group shows when the person may run one of its commands, or when it has an example
            # for them (everyone may ask the FAQ desk by just typing).
            example = _catalogued(ctx, f"help.examples.{group}.{level}", "")
            mine = any(c.group == group and c.help_key for c in allowed)
            if not example and not mine:
                continue
            text.append(f"■ {_catalogued(ctx, f'help.group.{group}', group)}")
            if example:
                text.append(f"  {example}")
            if mine:
                topics.append(_catalogued(ctx, f"help.group.{group}.word", group))
        example_topic = topics[0] if topics else "help"
        if topic:  # 「/dx ヘルプ 定点」: a word no job knows is said so, not silently ignored
            text.insert(0, ctx.t("help.unknown_topic", topic=topic.strip()[:20], topics="・".join(topics)))
        text += ["", ctx.t("help.more", example=example_topic, topics="・".join(topics))]
        return Reply(title=ctx.t("help.commands_title"), text="\n".join(text), ephemeral=True)

    def _help_group(self, ctx: Context, topic: str) -> str:
        """The group a help topic names: its word (「会議」), a command word, or the group's name."""
        word = commands.canonical(topic)
        for route in self.commands:
            if topic.strip() == _catalogued(ctx, f"help.group.{route.group}.word", "") or word == route.group:
                return route.group
        # A command word: the group with most commands starting with it (「集計」 = summary -> admin).
        counts: dict[str, int] = {}
        for route in self.commands:
            if route.path[0] == word:
                counts[route.group] = counts.get(route.group, 0) + 1
        return max(counts, key=lambda g: counts[g]) if counts else ""


def _catalogued(ctx: Context, key: str, default: str) -> str:
    """A catalogue text, or `default` when the catalogue has none (a job without help texts)."""
    return ctx.t(key) if key in CATALOGUE else default


def is_resume_word(folded: str) -> bool:
    """「続きから」「再開」 and the like, alone (punctuation ignored)."""
    return vocabulary.is_resume(folded)


def _answer_like(text: str) -> bool:
    """「3」「はい」「12件」: a short reply that only makes sense as an answer to a question."""
    folded = fold(text)
    return len(folded) <= 4 and not vocabulary.looks_like_question(folded)


def fields_of(pairs: Sequence[tuple[str, str]]) -> tuple[Field, ...]:
    """Build card fields from label/value pairs."""
    return tuple(Field(label, value) for label, value in pairs)
