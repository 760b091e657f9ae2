"""Conversations through Slack, read as dialogues: DMs, mentions, buttons, /dx and App Home."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from tests.fakes.slack_api import FakeSlackApi, SlackBot
from tests.support.platforms import StartSlack

OFFICE = "C0OFFICE"
KNOWN = "ズームで画面共有したい"
UNKNOWN = "Power Automateのフローが動かない"  # a work question the FAQ has no entry for

Start = Callable[..., Awaitable[SlackBot]]


@pytest.fixture
def api(slack_api: FakeSlackApi) -> FakeSlackApi:
    """The workspace: a staff member and an admin."""
    slack_api.add_user("U0STAFF", "佐藤 一郎", "sato@city.example.jp")
    slack_api.add_user("U0ADMIN", "鈴木 花子", "suzuki@city.example.jp")
    return slack_api


@pytest.fixture
def start(api: FakeSlackApi, start_slack: StartSlack) -> Start:
    """Start DX Desk (`dxdesk serve`) on the test database; several starts share that database."""

    async def run(**settings: Any) -> SlackBot:
        return await start_slack(**{"admins": "slack:U0ADMIN", "escalation_channel": f"slack:{OFFICE}", **settings})

    return run


async def test_faq_dialogue_end_to_end(start: Start, api: FakeSlackApi) -> None:
    bot = await start()
    slack = bot.workspace

    # A staff member asks in the bot's DM and gets the FAQ answer card.
    await slack.dm("U0STAFF", KNOWN)
    answer = await api.next_call("chat.postMessage", channel="D0STAFF")
    assert answer.blocks[0]["type"] == "header" and "Zoom" in answer.blocks[0]["text"]["text"]
    assert "解決しましたか？" in answer.all_text() and "オンライン会議" in answer.all_text()
    assert [b["text"]["text"] for b in answer.buttons()] == ["はい", "いいえ"]

    # 「はい」 closes the question.
    await slack.press("U0STAFF", answer, "はい")
    assert "お役に立ててよかったです" in (await api.next_call("chat.postMessage", channel="D0STAFF")).all_text()

    # Something the FAQ does not know: offered to a person, and forwarded on request.
    await slack.dm("U0STAFF", UNKNOWN)
    offer = await api.next_call("chat.postMessage", channel="D0STAFF")
    assert "見つかりませんでした" in offer.all_text()
    await slack.press("U0STAFF", offer, "担当者に転送する")
    confirmation = await api.next_call("chat.postMessage", channel="D0STAFF")
    assert "DX推進室" in confirmation.all_text() and "Q-" in confirmation.all_text()
    notice = await api.next_call("chat.postMessage", channel=OFFICE)
    assert UNKNOWN in notice.all_text() and "佐藤 一郎" in notice.all_text()

    # An admin presses 「回答する」 in the office channel and types the answer in their DM.
    await slack.press("U0ADMIN", notice, "回答する")
    prompt = await api.next_call("chat.postMessage", channel=OFFICE)
    assert "回答を入力してください" in prompt.all_text()
    await slack.dm("U0ADMIN", "フローの実行履歴を確認してください。直らなければ総務課にご相談ください。")
    check = await api.next_call("chat.postMessage", channel="D0ADMIN")
    assert "宛先: 佐藤 一郎" in check.all_text()  # one check before it goes out
    await slack.dm("U0ADMIN", "送信する")
    done = await api.next_call("chat.postMessage", channel="D0ADMIN")
    assert "質問者に送りました" in done.all_text()

    # The asker receives the answer in a DM the bot opens itself.
    opened = await api.next_call("conversations.open")
    assert opened.params["users"] == "U0STAFF"
    delivered = await api.next_call("chat.postMessage", channel="D0STAFF")
    assert "総務課にご相談ください" in delivered.all_text()

    # The answer is a draft until an admin publishes it (issue 15.3); then the FAQ has learnt it.
    # Its question is still the asker's words: publishing asks once to reword it first.
    await slack.command("U0ADMIN", "faq publish D-1")
    assert "質問者の言葉のまま" in (await api.next_call("hook")).all_text()
    await slack.command("U0ADMIN", "faq publish D-1 そのまま")  # the editor keeps the wording
    category = await api.next_call("hook")
    assert "カテゴリがありません" in category.all_text()  # the closest entries' category is proposed
    await slack.dm("U0ADMIN", "はい")
    published = await api.next_call("chat.postMessage", channel="D0ADMIN")
    assert "として公開しました" in published.all_text()
    await slack.dm("U0STAFF", UNKNOWN)
    again = await api.next_call("chat.postMessage", channel="D0STAFF")
    assert "総務課にご相談ください" in again.all_text() and "解決しましたか？" in again.all_text()


async def test_mentions_are_answered_in_the_thread(start: Start, api: FakeSlackApi) -> None:
    bot = await start()
    _, body = await bot.workspace.mention("U0STAFF", KNOWN)
    reply = await api.next_call("chat.postMessage", channel="C0GENERAL")
    assert reply.params["thread_ts"] == body["event"]["ts"]
    assert "Zoom" in reply.all_text()

    _, body = await bot.workspace.mention("U0STAFF", "ありがとう", thread_ts="1767225000.000001")
    reply = await api.next_call("chat.postMessage", channel="C0GENERAL")
    assert reply.params["thread_ts"] == "1767225000.000001"


async def test_a_delivery_and_its_retries_get_one_answer(start: Start, api: FakeSlackApi) -> None:
    bot = await start()
    ts = bot.workspace.next_ts()
    for retry in (None, 1, 2):
        sent, _ = await bot.workspace.dm("U0STAFF", KNOWN, ts=ts, retry_num=retry)
        assert sent.status == 200
    await bot.idle()
    assert len(api.calls_to("chat.postMessage")) == 1


async def test_a_retry_after_a_restart_gets_no_second_answer(start: Start, api: FakeSlackApi) -> None:
    first = await start()
    ts = first.workspace.next_ts()
    await first.workspace.dm("U0STAFF", KNOWN, ts=ts)
    await api.next_call("chat.postMessage", channel="D0STAFF")
    await first.stop()

    restarted = await start()  # a new process on the same database
    sent, _ = await restarted.workspace.dm("U0STAFF", KNOWN, ts=ts, retry_num=1)
    assert sent.status == 200
    await restarted.idle()
    assert len(api.calls_to("chat.postMessage")) == 1


async def test_a_retry_whose_first_copy_never_arrived_is_answered(start: Start, api: FakeSlackApi) -> None:
    bot = await start()
    sent, _ = await bot.workspace.dm("U0STAFF", KNOWN, retry_num=1)
    assert sent.status == 200
    assert "Zoom" in (await api.next_call("chat.postMessage", channel="D0STAFF")).all_text()


async def test_typed_markup_is_echoed_as_text_not_as_mentions_or_links(start: Start, api: FakeSlackApi) -> None:
    bot = await start()
    # As Slack delivers it: typed "<!channel>" arrives escaped, @here and @someone as markup.
    typed = ("&lt;!channel&gt; 至急 <!here> <@U0BOSS> <https://evil.example/login|パスワード再設定> "
             "&amp; 宇宙船の操縦方法")
    await bot.workspace.dm("U0STAFF", typed)
    offer = await api.next_call("chat.postMessage", channel="D0STAFF")
    await bot.workspace.press("U0STAFF", offer, "担当者に転送する")
    notice = await api.next_call("chat.postMessage", channel=OFFICE)
    raw = json.dumps(notice.params, ensure_ascii=False)
    for markup in ("<!channel>", "<!here>", "<@U0BOSS>", "<https://", "<!"):
        assert markup not in raw
    text = notice.all_text()
    assert "&lt;!channel&gt; 至急 @here @U0BOSS パスワード再設定 &amp; 宇宙船の操縦方法" in text


async def test_a_long_message_is_split_within_block_kit_limits(start: Start, api: FakeSlackApi) -> None:
    bot = await start(max_message_chars=10000)
    lines = [f"{i:03d}行目: 宇宙船の操縦席の計器について詳しい状況の説明です。" for i in range(280)]
    await bot.workspace.dm("U0STAFF", "\n".join(lines))
    offer = await api.next_call("chat.postMessage", channel="D0STAFF")
    await bot.workspace.press("U0STAFF", offer, "担当者に転送する")
    notice = await api.next_call("chat.postMessage", channel=OFFICE)
    sections = [b["text"]["text"] for b in notice.blocks if b["type"] == "section" and "text" in b]
    assert len(sections) >= 3, "about 10,000 characters need several sections"
    assert all(len(t) <= 3000 for t in sections)
    assert len(notice.blocks) <= 50
    joined = "\n".join(sections)
    assert all(line in joined for line in lines)
    assert notice.button("回答する")


async def test_help_lists_only_what_the_caller_may_run(start: Start, api: FakeSlackApi) -> None:
    bot = await start()
    sent, url = await bot.workspace.command("U0STAFF", "help")
    assert sent.status == 200 and sent.body == ""
    staff = await api.next_call("hook")
    assert url.endswith(staff.path)
    assert staff.params["response_type"] == "ephemeral"
    assert "/dx ヘルプ" in staff.all_text() and "/dx 言語" in staff.all_text()
    assert "/dx FAQ 追加" not in staff.all_text() and "/dx 監査" not in staff.all_text()

    await bot.workspace.command("U0ADMIN", "help")
    admin = await api.next_call("hook")
    assert admin.params["response_type"] == "ephemeral"
    assert "/dx 監査" in admin.all_text() and "■ 名簿" in admin.all_text()
    await bot.workspace.command("U0ADMIN", "help faq")  # a job's full grammar
    admin = await api.next_call("hook")
    assert "/dx FAQ 追加" in admin.all_text()


async def test_personal_answers_are_ephemeral(start: Start, api: FakeSlackApi) -> None:
    bot = await start()
    await bot.workspace.command("U0STAFF", "lang en")
    answer = await api.next_call("hook")
    assert answer.params["response_type"] == "ephemeral"
    assert "English" in answer.all_text()

    await bot.workspace.command("U0STAFF", "audit")
    refusal = await api.next_call("hook")
    assert refusal.params["response_type"] == "ephemeral"
    assert "Only admins" in refusal.all_text()
    await bot.idle()
    assert api.calls_to("chat.postMessage") == []


async def test_a_command_in_the_bot_dm_is_answered_there_for_good(start: Start, api: FakeSlackApi) -> None:
    bot = await start()
    await bot.workspace.command("U0STAFF", "help", channel="D0STAFF", channel_name="directmessage")
    reply = await api.next_call("chat.postMessage", channel="D0STAFF")
    assert "/dx ヘルプ" in reply.all_text()
    await bot.idle()
    assert api.calls_to("hook") == []


async def test_app_home_shows_how_to_ask(start: Start, api: FakeSlackApi) -> None:
    bot = await start()
    await bot.workspace.post_json(bot.workspace.event("app_home_opened", user="U0STAFF"))
    published = await api.next_call("views.publish")
    assert published.params["user_id"] == "U0STAFF"
    view = published.params["view"]
    assert view["type"] == "home"
    text = json.dumps(view, ensure_ascii=False)
    assert "質問のしかた" in text and "/dx ヘルプ" in text

    # Opening the Messages tab publishes nothing.
    await bot.workspace.post_json(bot.workspace.event("app_home_opened", user="U0STAFF", tab="messages"))
    await bot.idle()
    assert len(api.calls_to("views.publish")) == 1
