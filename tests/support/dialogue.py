"""One dialogue helper for every surface: the same conversation on the console, Slack and Teams.

    async with surface("slack", app_factory, clock) as me:
        await me.become(Role.LIAISON, "企画課")
        assert "数字で" not in await me.say("パスワードを忘れました")
        await me.press("はい")

`say` and `press` return the text of everything the bot answered in that turn (button labels
included as 「[label]」). On Slack and Teams the bot is the real `dxdesk serve` application over
HTTP, against the fake Slack Web API and the fake Bot Connector; on the console it is the
dispatcher in-process, as `dxdesk chat` runs it. `Person` (the in-process console person, with
its replies and buttons) is re-exported for dialogues that need several people at once.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

from bot.app.composition import App, create_web_app
from bot.core.events import Actor
from bot.core.model import Role
from tests.dialogue import Person
from tests.fakes.bot_connector import FakeBotConnector, ServedBot, TeamsUser
from tests.fakes.slack_api import FakeSlackApi, SlackBot

SURFACES = ("console", "slack", "teams")
__all__ = ["SURFACES", "ConsoleSurface", "Person", "SlackSurface", "Surface", "TeamsSurface", "surface"]


class Surface:
    """One person talking to DX Desk on one platform."""

    platform = ""

    def __init__(self, app: App, actor: Actor) -> None:
        self.app = app
        self.actor = actor

    async def say(self, text: str) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    async def press(self, label: str) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    async def command(self, text: str) -> str:
        """`/dx <text>`, typed as a message (works the same on every surface)."""
        return await self.say(f"/dx {text}")

    async def become(self, role: Role, department: str = "", name: str = "") -> None:
        """Give this person a role and a department in the registry (they must have written once)."""
        people = self.app.services.people
        person = await people.find_by_actor(self.actor)
        if person is None:
            person = await people.create_from_actor(self.actor, role, "ja")
        person.role, person.department = role, department
        if name:
            person.display_name = name
        await people.save(person)


class ConsoleSurface(Surface):
    """`dxdesk chat`: the dispatcher in-process."""

    platform = "console"

    def __init__(self, app: App, user_id: str = "tanaka", name: str = "田中 花子") -> None:
        self.person = Person(app, user_id, name)
        super().__init__(app, self.person.actor)

    async def say(self, text: str) -> str:
        await self.person.say(text)
        return self.person.text()

    async def press(self, label: str) -> str:
        await self.person.press(self.person.choice(label))
        return self.person.text()


class SlackSurface(Surface):
    """A Slack DM with the bot: signed events over HTTP, replies read from the fake Web API."""

    platform = "slack"

    def __init__(self, bot: SlackBot, api: FakeSlackApi, user: str = "U0TANAKA") -> None:
        super().__init__(bot.app, Actor("slack", user))
        self.bot, self.api, self.user, self.channel = bot, api, user, "D" + user.lstrip("UW")
        self.last: list[Any] = []

    def _calls(self) -> list[Any]:
        calls = self.api.calls_to("chat.postMessage") + self.api.calls_to("chat.postEphemeral")
        return sorted((c for c in calls if c.params.get("channel") == self.channel), key=lambda c: c.at)

    async def _turn(self, act: Callable[[], Awaitable[Any]]) -> str:
        before = len(self._calls())
        await act()
        await self.bot.idle()
        self.last = self._calls()[before:]
        return "\n".join(c.all_text() + "".join(f"\n[{b['text']['text']}]" for b in c.buttons()) for c in self.last)

    async def say(self, text: str) -> str:
        assert self.bot.workspace is not None
        workspace = self.bot.workspace
        return await self._turn(lambda: workspace.dm(self.user, text))

    async def press(self, label: str) -> str:
        assert self.bot.workspace is not None
        workspace = self.bot.workspace
        call = next((c for c in reversed(self.last) if any(label in b["text"]["text"] for b in c.buttons())), None)
        assert call is not None, f"no button {label!r} in the last turn"
        return await self._turn(lambda: workspace.press(self.user, call, label))


class TeamsSurface(Surface):
    """A Teams personal chat: activities over HTTP, replies read from the fake Bot Connector."""

    platform = "teams"

    def __init__(self, bot: ServedBot, connector: FakeBotConnector, user: TeamsUser) -> None:
        super().__init__(bot.app, user.actor)
        self.bot, self.connector, self.user = bot, connector, user
        self.last: list[Any] = []

    def _posts(self) -> list[Any]:
        return [c for c in self.connector.posts() if c.conversation_id.startswith(self.user.conversation_id)]

    async def _turn(self, act: Callable[[], Awaitable[int]]) -> str:
        before = len(self._posts())
        assert await act() == 200
        self.last = self._posts()[before:]  # the turn runs inline: its replies are posted already
        return "\n".join("\n".join([c.text, *c.card_texts()]) for c in self.last)

    async def say(self, text: str) -> str:
        return await self._turn(lambda: self.user.say(text))

    async def press(self, label: str) -> str:
        for call in reversed(self.last):
            try:
                call.submit_data(label)
            except AssertionError:
                continue
            return await self._turn(lambda card=call: self.user.press(card, label))
        raise AssertionError(f"no button {label!r} in the last turn")


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
        api = await FakeSlackApi().start()
        api.add_user("U0TANAKA", "田中 花子", "tanaka@city.example.jp")
        bot = await SlackBot(await app_factory(clock=clock, **SlackBot.settings(api), **settings), api).start()
        try:
            yield SlackSurface(bot, api)
        finally:
            await bot.stop()
            await api.close()
        return
    if platform == "teams":
        connector = await FakeBotConnector().start()
        app = await app_factory(clock=clock, teams_no_auth=True, **settings)
        served = await ServedBot(app, await create_web_app(app)).start()
        try:
            user = TeamsUser(served.url, connector, name="田中 花子")
            assert await user.install() == 200
            yield TeamsSurface(served, connector, user)
        finally:
            await served.stop()
            await connector.close()
        return
    raise ValueError(platform)
