"""Teams end to end over real HTTP: activities are POSTed to /api/messages of the real web app, and
the bot's replies land on a fake Bot Connector (`serviceUrl` points at it).

Personal chat, channel mentions (answers in the thread), card buttons (Action.Submit and
Action.Execute), cards updated in place, install/uninstall with stored conversation references,
proactive messages (also after a restart), and the FAQ desk dialogue from question to answer.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp
import pytest
from aiohttp import web

from bot.adapters.teams import TeamsAdapter, TeamsConfig
from bot.core.context import Context
from bot.core.dispatch import Dispatcher
from bot.core.errors import DeliveryError
from bot.core.events import ActionReceived, MessageReceived
from bot.core.model import Person, Role
from bot.core.replies import Choice, Destination, Reply
from bot.core.router import Router
from tests.fakes.bot_connector import (
    MEMBER,
    REPLY,
    SEND,
    UPDATE,
    FakeBotConnector,
    ServedBot,
    TeamsUser,
)
from tests.support.people import add_person
from tests.support.platforms import StartTeams, fake_bot_connector, serve_teams

OFFICE = "19:dx-office@thread.tacv2"
GENERAL = "19:general-somu@thread.tacv2"

Start = Callable[..., Awaitable[ServedBot]]


@pytest.fixture
def start_bot(start_teams: StartTeams) -> Start:
    """Build the app on the test database and serve `dxdesk serve`'s web app for it (no auth)."""
    return start_teams


async def installed_user(bot: ServedBot, connector: FakeBotConnector, **who: Any) -> TeamsUser:
    """A user who added the app (their welcome message is consumed)."""
    user = TeamsUser(bot.url, connector, **who)
    assert await user.install() == 200
    await connector.message(user.conversation_id, "DX Desk")
    return user


async def test_personal_question_gets_the_faq_answer_card(start_bot: Start, connector: FakeBotConnector) -> None:
    bot = await start_bot()
    user = await installed_user(bot, connector)
    assert await user.say("ズームで画面共有したい") == 200
    answer = await connector.message("a:1personal-yamada", "Zoomで画面共有")
    assert answer.route == SEND  # a personal chat has no threads
    assert answer.card is not None and answer.card["version"] == "1.4"
    assert {"はい", "いいえ", "カテゴリ: オンライン会議"} <= set(answer.card_texts())
    assert answer.body["recipient"]["id"] == user.user_id


async def test_channel_mention_is_answered_in_the_thread_without_the_mention(
        start_bot: Start, connector: FakeBotConnector) -> None:
    bot = await start_bot()
    user = TeamsUser(bot.url, connector)
    status, post_id = await user.mention(GENERAL, "こんにちは")
    assert status == 200
    reply = await connector.message(GENERAL, "こんにちは、DX Desk です")
    # A greeting is only recognised if "<at>DX Desk</at>" was stripped before the core saw the text.
    assert reply.route == REPLY
    assert reply.conversation_id == f"{GENERAL};messageid={post_id}"
    assert reply.activity_id == post_id


async def test_group_chat_mention_is_answered_in_the_chat(start_bot: Start, connector: FakeBotConnector) -> None:
    bot = await start_bot()
    user = TeamsUser(bot.url, connector)
    group = "19:a1b2c3-group-chat@thread.v2"
    status, _ = await user.post(user.activity("group_mention", group_id=group, text="ズームで画面共有したい"))
    assert status == 200
    answer = await connector.message(group, "Zoomで画面共有")
    assert answer.route == SEND and answer.conversation_id == group  # group chats have no threads


async def test_channel_message_without_mention_is_left_alone(start_bot: Start, connector: FakeBotConnector) -> None:
    bot = await start_bot()
    user = TeamsUser(bot.url, connector)
    activity = user.activity("channel_mention", channel_id=GENERAL, root_id="777", text="今日の会議は何時から？")
    activity["text"] = "今日の会議は何時から？"
    activity["entities"] = []
    status, _ = await user.post(activity)
    assert status == 200
    assert connector.calls_to(SEND, REPLY) == []


async def test_card_button_reaches_the_same_core_action(start_bot: Start, connector: FakeBotConnector) -> None:
    bot = await start_bot()
    user = await installed_user(bot, connector)
    await user.say("ズームで画面共有したい")
    answer = await connector.message(user.conversation_id, "Zoomで画面共有")
    assert await user.press(answer, "はい") == 200
    await connector.message(user.conversation_id, "お役に立ててよかったです")


async def test_execute_invoke_gets_an_invoke_response_and_runs_the_action(
        start_bot: Start, connector: FakeBotConnector) -> None:
    bot = await start_bot()
    user = await installed_user(bot, connector)
    await user.say("ズームで画面共有したい")
    answer = await connector.message(user.conversation_id, "Zoomで画面共有")
    status, body = await user.execute(answer, "いいえ")
    assert status == 200
    assert body["statusCode"] == 200 and body["type"] == "application/vnd.microsoft.activity.message"
    offer = await connector.message(user.conversation_id, "担当者に転送する")
    assert offer.card is not None


def poll_router() -> Router:
    """A two-question poll whose answered question is replaced by the next one."""
    router = Router("poll")

    @router.message(when=lambda text: text == "poll", priority=1000)
    async def ask(ctx: Context, msg: MessageReceived) -> None:
        await ctx.reply(Reply(title="Q1 研修の満足度", choices=(Choice("満足", "poll.answer", "q1:good"),
                                                                Choice("不満", "poll.answer", "q1:bad"))))

    @router.action("poll.answer")
    async def answer(ctx: Context, action: ActionReceived) -> None:
        question, value = action.value.split(":")
        if question == "q1":
            await ctx.reply(Reply(title="Q2 来年も参加しますか", choices=(Choice("はい", "poll.answer", "q2:yes"),),
                                  replace_original=True))
        else:
            await ctx.reply(Reply(title="回答ありがとうございました", text=f"Q2: {value}", replace_original=True))

    return router


async def serve_with_router(app: Any, router: Router) -> ServedBot:
    """The Teams adapter in front of a dispatcher with an extra feature router."""
    dispatcher = Dispatcher([router], app.services)
    adapter = TeamsAdapter(TeamsConfig(no_auth=True), dispatcher, app.refs, app.services.people, app.outbox)
    web_app = web.Application()
    adapter.mount(web_app)
    return await ServedBot(app, web_app).start()


async def test_answered_poll_question_becomes_the_next_one_in_place(
        app_factory: Any, connector: FakeBotConnector) -> None:
    app = await app_factory()
    bot = await serve_with_router(app, poll_router())
    try:
        user = TeamsUser(bot.url, connector)
        await user.say("poll")
        first = await connector.message(user.conversation_id, "Q1 研修の満足度")
        assert await user.press(first, "満足") == 200
        updated = await connector.message(user.conversation_id, "Q2 来年も参加しますか")
        assert updated.route == UPDATE and updated.activity_id == first.response_id
        # The same card, pressed as a universal action, is replaced through the invoke response.
        status, body = await user.execute(updated, "はい")
        assert status == 200
        assert body["type"] == "application/vnd.microsoft.card.adaptive"
        assert body["value"]["body"][0]["inlines"][0]["text"] == "回答ありがとうございました"
        assert len(connector.calls_to(SEND)) == 1
    finally:
        await bot.runner.cleanup()


async def test_install_stores_the_reference_and_uninstall_removes_it(
        start_bot: Start, connector: FakeBotConnector) -> None:
    bot = await start_bot()
    app = bot.app
    user = await installed_user(bot, connector)
    # Teams announces one install twice; the person is welcomed once.
    assert len([c for c in connector.posts() if "DX Desk" in c.text]) == 1
    person = await app.services.people.find_by_actor(user.actor)
    assert person is not None and person.teams_id == user.aad_id
    notifier = app.notifiers["teams"]
    assert await notifier.can_reach(person)

    status, _ = await user.post(user.activity("uninstall_personal"))
    assert status == 200
    assert not await notifier.can_reach(person)
    with pytest.raises(DeliveryError) as refused:
        await notifier.deliver(Destination("teams", "person", str(person.id)), person, Reply(text="お知らせ"))
    assert refused.value.permanent
    assert connector.calls_to(SEND)[-1].text.startswith("こんにちは")  # nothing was sent after the removal


async def test_proactive_message_reaches_a_person_after_a_restart(
        app_factory: Any, connector: FakeBotConnector) -> None:
    first_app = await app_factory(teams_no_auth=True)
    first = await serve_teams(first_app)
    user = await installed_user(first, connector)
    person = await first_app.services.people.find_by_actor(user.actor)
    assert person is not None
    await first.stop()

    # A new process on the same database: only the stored reference knows where to write.
    second_app = await app_factory(teams_no_auth=True)
    second = await serve_teams(second_app)
    try:
        await second_app.outbox.enqueue(Destination("teams", "person", str(person.id)),
                                        Reply(text="明日10時から定例会議です。"), dedupe_key="reminder:1")
        reminder = await connector.message(user.conversation_id, "明日10時から定例会議です。")
        assert reminder.route == SEND
        assert reminder.body["recipient"]["id"] == user.user_id
        assert reminder.body["from"]["id"] == user.bot_id
    finally:
        await second.runner.cleanup()


async def test_without_authentication_nobody_is_linked_by_an_email_the_service_url_claims(
        start_bot: Start, connector: FakeBotConnector) -> None:
    # Without authentication the serviceUrl is the client's own: the member lookup there would
    # let anyone take over a person known from Slack by naming their e-mail. (With
    # authentication the lookup goes to the Bot Connector the token names; that needs an Entra ID
    # token from the internet, so it is not exercised here.)
    bot = await start_bot()
    people = bot.app.services.people
    known = await people.save(Person(id=0, display_name="山田 太郎", slack_id="U0YAMADA",
                                     email="taro.yamada@city.example.lg.jp", department="総務課"))
    connector.members["29:1yamada-taro"] = {"id": "29:1yamada-taro", "name": "山田 太郎",
                                            "aadObjectId": "aad-yamada", "email": "Taro.Yamada@city.example.lg.jp",
                                            "userPrincipalName": "taro.yamada@city.example.lg.jp"}
    user = TeamsUser(bot.url, connector)
    await user.say("こんにちは")
    await connector.message(user.conversation_id, "こんにちは、DX Desk です")
    assert connector.calls_to(MEMBER) == []
    linked = await people.get(known.id)
    assert linked is not None
    assert (linked.slack_id, linked.teams_id, linked.teams_user_id) == ("U0YAMADA", "", "")
    assert len(await people.list()) == 2


async def test_faq_dialogue_from_question_to_answer_runs_through_teams(
        start_bot: Start, connector: FakeBotConnector) -> None:
    bot = await start_bot(escalation_channel=f"teams:{OFFICE}")
    await add_person(bot.app, "29:office-suzuki", Role.ADMIN, name="鈴木 一郎", platform="teams", aad_id="aad-suzuki",
                     keep_existing=True)
    suzuki = TeamsUser(bot.url, connector, user_id="29:office-suzuki", name="鈴木 一郎", aad_id="aad-suzuki",
                       conversation_id="a:1personal-suzuki")
    # The DX office adds the app to its team: the channel becomes reachable for notices.
    status, _ = await suzuki.post(suzuki.activity("install_team", channel_id=OFFICE))
    assert status == 200
    welcome = await connector.message(OFFICE, "DX Desk")
    assert welcome.route == SEND  # a new post in the channel, not a reply to the install event
    yamada = await installed_user(bot, connector)

    # A question the FAQ knows: answer card, 「はい」, thanks.
    await yamada.say("ズームで画面共有したい")
    answer = await connector.message(yamada.conversation_id, "Zoomで画面共有")
    await yamada.press(answer, "はい")
    await connector.message(yamada.conversation_id, "お役に立ててよかったです")

    # A question it does not know: offered to a person, forwarded to the office channel.
    await yamada.say("庁舎屋上の気象観測装置の校正手順")
    offer = await connector.message(yamada.conversation_id, "担当者に転送する")
    await yamada.press(offer, "担当者に転送する")
    await connector.message(yamada.conversation_id, "転送しました")
    notice = await connector.message(OFFICE, "庁舎屋上の気象観測装置の校正手順")
    assert notice.route == SEND and notice.conversation_id == OFFICE

    # The office answers in the notice's thread.
    await suzuki.press(notice, "回答する")
    prompt = await connector.message(f"{OFFICE};messageid={notice.response_id}", "Q-")
    assert prompt.route == REPLY
    await suzuki.mention(OFFICE, "総務課が年に一度、業者に依頼して校正しています。", root_id=notice.response_id)
    await connector.message(f"{OFFICE};messageid={notice.response_id}", "宛先")  # one check before it goes out
    await suzuki.mention(OFFICE, "送信する", root_id=notice.response_id)
    await connector.message(f"{OFFICE};messageid={notice.response_id}", "FAQ")

    # The asker gets the answer in their personal chat.
    delivered = await connector.message(yamada.conversation_id, "総務課が年に一度")
    assert delivered.route == SEND


async def test_without_authentication_dxdesk_admins_names_nobody(
        start_bot: Start, connector: FakeBotConnector) -> None:
    # A forged sender whose (attacker-run) serviceUrl answers the member lookup with the admin's
    # e-mail and object id, and whose id is the one DXDESK_ADMINS lists: still staff.
    bot = await start_bot(admins="Suzuki.Ichiro@city.example.lg.jp,teams:29:office-suzuki,teams:aad-suzuki")
    connector.members["29:office-suzuki"] = {"id": "29:office-suzuki", "name": "鈴木 一郎",
                                             "aadObjectId": "aad-suzuki", "email": "suzuki.ichiro@city.example.lg.jp"}
    suzuki = TeamsUser(bot.url, connector, user_id="29:office-suzuki", name="鈴木 一郎", aad_id="aad-suzuki",
                       conversation_id="a:1personal-suzuki")
    await suzuki.say("dx faq unanswered")
    await connector.message(suzuki.conversation_id, "のみ利用できます")
    assert [p.role for p in await bot.app.services.people.list()] == [Role.STAFF]


async def test_malformed_requests_are_refused_without_running_anything(
        start_bot: Start, connector: FakeBotConnector) -> None:
    bot = await start_bot()
    user = TeamsUser(bot.url, connector)
    broken = user.activity("personal_message", text="こんにちは")
    broken["timestamp"] = "yesterday"
    cases = [("text/plain", "hello", 415), ("application/json", "{not json", 400),
             ("application/json", "[1, 2]", 400), ("application/json", '{"text": "no type"}', 400)]
    async with aiohttp.ClientSession() as session:
        for content_type, body, expected in cases:
            async with session.post(f"{bot.url}/api/messages", data=body,
                                    headers={"Content-Type": content_type}) as response:
                assert response.status == expected, body
    status, _ = await user.post(broken)
    assert status == 400
    assert connector.calls == []
    assert await bot.app.services.people.list() == []


async def test_replies_and_proactive_messages_share_one_connector_client_per_service(
        start_bot: Start, connector: FakeBotConnector) -> None:
    bot = await start_bot()
    user = await installed_user(bot, connector)
    async with fake_bot_connector() as other_region:  # a second region: its own connector
        elsewhere = await installed_user(bot, other_region, user_id="29:1other-region",
                                         conversation_id="a:1other-region", aad_id="aad-other")
        await user.say("こんにちは")
        await connector.message(user.conversation_id, "こんにちは、DX Desk です")
        people = bot.app.services.people
        for teams_user in (user, user, elsewhere):
            person = await people.find_by_actor(teams_user.actor)
            assert person is not None
            await bot.app.outbox.enqueue(Destination("teams", "person", str(person.id)), Reply(text="定例会議のお知らせ"))
        await bot.app.worker.drain()
        assert len([c for c in connector.posts() if c.text == "定例会議のお知らせ"]) == 2
        assert len([c for c in other_region.posts() if c.text == "定例会議のお知らせ"]) == 1
        # The SDK would build a client (and a new HTTP session) for every turn; DX Desk keeps one
        # per service URL for the inbound replies and the outbox alike.
        adapter = bot.app.platforms["teams"]
        assert sorted(key[2] for key in adapter.authentication.clients) == sorted([connector.url, other_region.url])
