"""The eleventh round's FAQ thread on Slack (the real `dxdesk serve` against the fake Web API): an
admin answers in plain words in their DM, and the asker's 「ありがと、でも…」 reaches the office as a
follow-up of that question."""

from __future__ import annotations

from typing import Any

import pytest

from tests.fakes.slack_api import FakeSlackApi, SlackBot
from tests.support.platforms import StartSlack

OFFICE = "C0OFFICE"
UNKNOWN = "Power Automateのフローが動かない"  # a work question the FAQ has no entry for


@pytest.fixture
def api(slack_api: FakeSlackApi) -> FakeSlackApi:
    slack_api.add_user("U0STAFF", "佐藤 一郎", "sato@city.example.jp")
    slack_api.add_user("U0ADMIN", "鈴木 花子", "suzuki@city.example.jp")
    return slack_api


async def start(start_slack: StartSlack, **settings: Any) -> SlackBot:
    return await start_slack(**{"admins": "slack:U0ADMIN", "escalation_channel": f"slack:{OFFICE}", **settings})


async def test_a_reply_to_an_answer_given_in_plain_words_reaches_the_office_as_a_follow_up(
        start_slack: StartSlack, api: FakeSlackApi) -> None:
    bot = await start(start_slack)
    slack = bot.workspace
    await slack.dm("U0STAFF", UNKNOWN)
    offer = await api.next_call("chat.postMessage", channel="D0STAFF")
    await slack.press("U0STAFF", offer, "担当者に転送する")
    await api.next_call("chat.postMessage", channel="D0STAFF")
    notice = await api.next_call("chat.postMessage", channel=OFFICE)
    assert "Q-1" in notice.all_text(), notice.all_text()

    # The admin answers in their DM in plain words.
    await slack.dm("U0ADMIN", "Q-1は『フローの実行履歴を確認してください』と返しておいて")
    done = await api.next_call("chat.postMessage", channel="D0ADMIN")
    assert "Q-1 の回答を質問者に送りました" in done.all_text(), done.all_text()
    delivered = await api.next_call("chat.postMessage", channel="D0STAFF")
    assert "フローの実行履歴を確認してください" in delivered.all_text()

    # The asker's reply stays with Q-1.
    await slack.dm("U0STAFF", "ありがと、でも履歴が空っぽのときはどうすれば？")
    told = await api.next_call("chat.postMessage", channel="D0STAFF")
    assert "Q-1 のご質問の続きとして" in told.all_text(), told.all_text()
    follow_up = await api.next_call("chat.postMessage", channel=OFFICE)
    text = follow_up.all_text()
    assert "Q-2" in text and "Q-1 の続き" in text and "フローの実行履歴を確認してください" in text, text
    assert UNKNOWN in text, text
