"""The one dialogue helper: the same conversation on the console, Slack and Teams.

Every surface has `say`, `press`, `command` and `text()` (the text of the last turn, button labels
included as 「[label]」).

    async with surface("slack", app_factory, clock) as me:
        await me.become(Role.LIAISON, "企画課")
        assert "数字で" not in await me.say("パスワードを忘れました")
        await me.press("はい")

`say` and `press` of a surface return that text. On Slack and Teams the bot is the real `dxdesk serve` application over
HTTP, against the fake Slack Web API and the fake Bot Connector; on the console it is the
dispatcher in-process, as `dxdesk chat` runs it.

`Person` is the console person underneath, for tests that read the replies themselves: its `say`,
`command` and `press` return the turn's `Reply` objects, and `press` takes a label or a `Choice`.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from bot.app.composition import App
from bot.core.events import ActionReceived, Actor, CommandReceived, Conversation, MessageReceived
from bot.core.model import Role
from bot.core.replies import Choice, Reply
from tests.fakes.bot_connector import REPLY, SEND, UPDATE, FakeBotConnector, ServedBot, TeamsUser
from tests.fakes.slack_api import FakeSlackApi, SlackBot
from tests.support.people import add_person
from tests.support.platforms import fake_bot_connector, fake_slack_api, serve_slack, serve_teams

SURFACES = ("console", "slack", "teams")
__all__ = ["SURFACES", "ConsoleSurface", "Person", "SlackSurface", "Surface", "TeamsSurface", "office_and_staff",
           "surface"]


@dataclass
class Person:
    """One console user talking to the app; keeps the replies of the last turn."""

    app: App
    user_id: str = "local"
    name: str = ""
    replies: list[Reply] = field(default_factory=list)

    @property
    def actor(self) -> Actor:
        return Actor("console", self.user_id, self.name or self.user_id)

    @property
    def conversation(self) -> Conversation:
        return Conversation("console", f"dm:{self.user_id}")

    async def send(self, reply: Reply) -> None:
        self.replies.append(reply)

    async def say(self, text: str) -> list[Reply]:
        """Send a message; return this turn's replies."""
        self.replies = []
        await self.app.dispatcher.dispatch(MessageReceived(self.actor, self.conversation, text), self)
        return self.replies

    async def command(self, text: str) -> list[Reply]:
        """Run `/dx <text>` as a slash command."""
        self.replies = []
        await self.app.dispatcher.dispatch(CommandReceived(self.actor, self.conversation, text), self)
        return self.replies

    async def press(self, choice: Choice | str, **inputs: str) -> list[Reply]:
        """Press a button of this turn (a `Choice`, or the first whose label contains the text)."""
        if isinstance(choice, str):
            choice = self.choice(choice)
        self.replies = []
        await self.app.dispatcher.dispatch(
            ActionReceived(self.actor, self.conversation, choice.action_id, choice.value, dict(inputs)), self)
        return self.replies

    def text(self) -> str:
        """All text of this turn's replies, button labels included."""
        parts = []
        for r in self.replies:
            parts.append(r.plain_text())
            parts.extend(f"[{c.label}]" for c in r.choices)
        return "\n".join(parts)

    def choice(self, label_part: str) -> Choice:
        """The first button of this turn whose label contains `label_part`."""
        for reply in self.replies:
            for c in reply.choices:
                if label_part in c.label:
                    return c
        raise AssertionError(f"no button {label_part!r} in {[c.label for r in self.replies for c in r.choices]}")



class Surface:
    """One person talking to DX Desk on one platform."""

    platform = ""

    def __init__(self, app: App, actor: Actor) -> None:
        self.app = app
        self.actor = actor
        self.last_text = ""

    def text(self) -> str:
        """The text of the last turn (as `say` and `press` returned it)."""
        return self.last_text

    async def say(self, text: str) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    async def press(self, label: str, **inputs: str) -> str:  # pragma: no cover - overridden
        """Press the button of the last turn whose label contains `label` (with the card's inputs)."""
        raise NotImplementedError

    async def someone(self, user_id: str, name: str, email: str = "") -> Surface:  # pragma: no cover - overridden
        """Another person on the same platform, talking to the same bot."""
        raise NotImplementedError

    async def receive(self, contains: str, timeout: float = 5.0) -> str:  # pragma: no cover - overridden
        """Wait for a message the bot sends on its own (a reminder, an invitation) containing
        `contains`; it becomes the last turn (so its buttons can be pressed). Returns its text."""
        raise NotImplementedError

    async def command(self, text: str) -> str:
        """`/dx <text>`, typed as a message (works the same on every surface)."""
        return await self.say(f"/dx {text}")

    async def become(self, role: Role, department: str = "", name: str = "") -> None:
        """Give this person a role and a department in the registry (they must have written once)."""
        await add_person(self.app, self.actor.user_id, role, department, name=name, platform=self.actor.platform,
                         aad_id=self.actor.aad_object_id)


class ConsoleSurface(Surface):
    """`dxdesk chat`: the dispatcher in-process."""

    platform = "console"

    def __init__(self, app: App, user_id: str = "tanaka", name: str = "田中 花子") -> None:
        self.person = Person(app, user_id, name)
        self._seen: set[int] = set()
        super().__init__(app, self.person.actor)

    async def say(self, text: str) -> str:
        await self.person.say(text)
        self.last_text = self.person.text()
        return self.last_text

    async def press(self, label: str, **inputs: str) -> str:
        await self.person.press(label, **inputs)
        self.last_text = self.person.text()
        return self.last_text

    async def someone(self, user_id: str, name: str, email: str = "") -> Surface:
        return ConsoleSurface(self.app, user_id, name)

    async def receive(self, contains: str, timeout: float = 5.0) -> str:
        """On the console a message the bot sends on its own waits in the outbox for this person."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            person = await self.app.services.people.find_by_actor(self.actor)
            address = str(person.id) if person is not None else None
            for row in await self.app.outbox.list():
                reply = Reply.from_dict(row.payload)
                if row.destination.get("address") == address and row.id not in self._seen and contains in reply.plain_text():
                    self._seen.add(row.id)
                    self.person.replies = [reply]
                    self.last_text = self.person.text()
                    return self.last_text
            if loop.time() > deadline:
                raise AssertionError(f"no message {contains!r} for {self.actor.user_id} within {timeout}s")
            await asyncio.sleep(0.02)


class SlackSurface(Surface):
    """A Slack DM with the bot: signed events over HTTP, replies read from the fake Web API."""

    platform = "slack"

    def __init__(self, bot: SlackBot, api: FakeSlackApi, user: str = "U0TANAKA") -> None:
        super().__init__(bot.app, Actor("slack", user))
        self.bot, self.api, self.user, self.channel = bot, api, user, "D" + user.lstrip("UW")
        self.last: list[Any] = []
        self.response_urls: list[str] = []  # of this person's button presses

    def _calls(self) -> list[Any]:
        """What the bot sent this person: into the DM, or to the response_url of one of their presses
        (a card replaced in place)."""
        calls = [c for c in self.api.calls_to("chat.postMessage") + self.api.calls_to("chat.postEphemeral")
                 if c.params.get("channel") == self.channel]
        calls += [c for c in self.api.calls_to("hook") if any(url.endswith(c.path) for url in self.response_urls)]
        return sorted(calls, key=lambda c: c.at)

    async def _turn(self, act: Callable[[], Awaitable[Any]]) -> str:
        before = len(self._calls())
        sent = await act()
        if isinstance(sent, tuple) and isinstance(sent[1], str):  # a press: (answer, its response_url)
            self.response_urls.append(sent[1])
        await self.bot.idle()
        return self._show(self._calls()[before:])

    async def receive(self, contains: str, timeout: float = 5.0) -> str:
        call = await self.api.next_call("chat.postMessage", channel=self.channel, timeout=timeout,
                                        where=lambda c: contains in c.all_text())
        return self._show([call])

    def _show(self, calls: list[Any]) -> str:
        self.last = calls
        self.last_text = "\n".join(c.all_text() + "".join(f"\n[{b['text']['text']}]" for b in c.buttons())
                                   for c in self.last)
        return self.last_text

    async def say(self, text: str) -> str:
        assert self.bot.workspace is not None
        workspace = self.bot.workspace
        return await self._turn(lambda: workspace.dm(self.user, text))

    async def press(self, label: str, **inputs: str) -> str:
        assert self.bot.workspace is not None
        workspace = self.bot.workspace
        call = next((c for c in reversed(self.last) if any(label in b["text"]["text"] for b in c.buttons())), None)
        assert call is not None, f"no button {label!r} in the last turn"
        return await self._turn(lambda: workspace.press(self.user, call, label, inputs=inputs))

    async def someone(self, user_id: str, name: str, email: str = "") -> Surface:
        self.api.add_user(user_id, name, email)
        return SlackSurface(self.bot, self.api, user_id)


class TeamsSurface(Surface):
    """A Teams personal chat: activities over HTTP, replies read from the fake Bot Connector."""

    platform = "teams"

    def __init__(self, bot: ServedBot, connector: FakeBotConnector, user: TeamsUser) -> None:
        super().__init__(bot.app, user.actor)
        self.bot, self.connector, self.user = bot, connector, user
        self.last: list[Any] = []

    def _posts(self) -> list[Any]:
        """What the bot sent into this chat: new messages, replies and cards updated in place."""
        return [c for c in self.connector.calls_to(SEND, REPLY, UPDATE)
                if 200 <= c.status < 300 and c.conversation_id.startswith(self.user.conversation_id)]

    async def _turn(self, act: Callable[[], Awaitable[int]]) -> str:
        before = len(self._posts())
        assert await act() == 200
        return self._show(self._posts()[before:])  # the turn runs inline: its replies are posted already

    async def receive(self, contains: str, timeout: float = 5.0) -> str:
        return self._show([await self.connector.message(self.user.conversation_id, contains, timeout)])

    def _show(self, calls: list[Any]) -> str:
        self.last = calls
        self.last_text = "\n".join("\n".join([c.text, *c.card_texts()]) for c in self.last)
        return self.last_text

    async def say(self, text: str) -> str:
        return await self._turn(lambda: self.user.say(text))

    async def press(self, label: str, **inputs: str) -> str:
        for call in reversed(self.last):
            try:
                call.submit_data(label)
            except AssertionError:
                continue
            return await self._turn(lambda card=call: self.user.press(card, label, inputs))
        raise AssertionError(f"no button {label!r} in the last turn")

    async def someone(self, user_id: str, name: str, email: str = "") -> Surface:
        """Another Teams user who added the app (their personal chat is `a:1personal-<user_id>`)."""
        user = TeamsUser(self.bot.url, self.connector, user_id=user_id, name=name, aad_id=f"aad-{user_id}",
                         conversation_id=f"a:1personal-{user_id}")
        assert await user.install() == 200
        return TeamsSurface(self.bot, self.connector, user)


@asynccontextmanager
async def surface(platform: str, app_factory: Callable[..., Awaitable[App]], clock: Any = None,
                  **settings: Any) -> AsyncIterator[Surface]:
    """A fresh DX Desk on `platform` ("console", "slack" or "teams") and one person talking to it."""
    if platform == "console":
        app = await app_factory(clock=clock, **settings)
        try:
            yield ConsoleSurface(app)
        finally:
            await app.close()
        return
    if platform == "slack":
        async with fake_slack_api() as api:
            api.add_user("U0TANAKA", "田中 花子", "tanaka@city.example.jp")
            bot = await serve_slack(await app_factory(clock=clock, **SlackBot.settings(api), **settings), api)
            # A dialogue is about what is said, not when: Slack's per-channel budget (3 messages in any
            # 3 s, one DM channel here) would make every turn wait for the fake's clock. Pacing itself
            # is tested in tests/integration/test_slack_pacing.py and test_replicas.py.
            bot.adapter.pacer.channels.set_windows(((1000, 1.0),))
            try:
                yield SlackSurface(bot, api)
            finally:
                await bot.stop()
        return
    if platform == "teams":
        async with fake_bot_connector() as connector:
            served = await serve_teams(await app_factory(clock=clock, teams_no_auth=True, **settings))
            try:
                user = TeamsUser(served.url, connector, name="田中 花子")
                assert await user.install() == 200
                yield TeamsSurface(served, connector, user)
            finally:
                await served.stop()
        return
    raise ValueError(platform)


async def office_and_staff(app: App, department: str = "") -> tuple[Person, Person]:
    """The office's admin 「室長」 (the first console user of a fresh install) and the staff
    member 山田, both greeted once; 山田 moved to *department* by the admin when given."""
    boss = Person(app, "boss", "室長")
    await boss.say("こんにちは")  # the first console user is the admin
    yamada = Person(app, "yamada", "山田")
    await yamada.say("こんにちは")
    if department:
        await boss.say(f"/dx 名簿 所属変更 山田 {department}")
        assert department in boss.text(), boss.text()
    return boss, yamada
