"""Where answers go, for reply kinds the FAQ desk does not produce yet: inputs submitted with a
button, replace-in-place, private answers in a channel, files for a slash command, Home buttons.

The Slack adapter runs on real HTTP against the fake Web API; the core is replaced by a small
dispatcher that records each event and answers with the replies a test gives it.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp import web

from bot.adapters.slack import SlackAdapter, SlackConfig
from bot.core.events import ActionReceived, Actor, CommandReceived, Event, MessageReceived
from bot.core.ports import Responder
from bot.core.replies import Attachment, Choice, Reply, TextInput
from tests.fakes.slack_api import BOT_TOKEN, SIGNING_SECRET, FakeSlackApi, SlackWorkspace, payload


class ScriptedDispatcher:
    """Records events; answers each with the next scripted replies."""

    def __init__(self) -> None:
        self.events: list[Event] = []
        self.script: list[list[Reply]] = []
        self.home: list[Reply] = [Reply(title="質問のしかた", text="DMで質問してください。")]

    async def dispatch(self, event: Event, responder: Responder, claim_key: str = "") -> ScriptedDispatcher:
        self.events.append(event)
        for reply in self.script.pop(0) if self.script else []:
            await responder.send(reply)
        return self

    async def home_view(self, actor: Actor, responder: Responder) -> list[Reply]:
        return list(self.home)


class Rig:
    """Adapter + fake API + workspace."""

    def __init__(self, api: FakeSlackApi, adapter: SlackAdapter, dispatcher: ScriptedDispatcher,
                 workspace: SlackWorkspace) -> None:
        self.api, self.adapter, self.dispatcher, self.slack = api, adapter, dispatcher, workspace


@pytest.fixture
async def rig(app_factory, slack_api: FakeSlackApi) -> AsyncIterator[Rig]:
    api = slack_api
    app = await app_factory()  # its database gives the adapter a real deduper and outbox
    dispatcher = ScriptedDispatcher()
    adapter = SlackAdapter(SlackConfig(BOT_TOKEN, SIGNING_SECRET, "", api.base_url), dispatcher, app.deduper,
                           app.outbox)
    web_app = web.Application()
    adapter.mount(web_app)
    runner = web.AppRunner(web_app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    workspace = SlackWorkspace(f"http://127.0.0.1:{port}/slack/events", api)
    yield Rig(api, adapter, dispatcher, workspace)
    await workspace.close()
    await runner.cleanup()
    await adapter.close()


async def test_inputs_are_submitted_with_the_button(rig: Rig) -> None:
    long_value = ",".join(f"meeting.proxy:{i % 7}" for i in range(400))
    rig.dispatcher.script = [[Reply(text="代理出席者を入力して送信してください。",
                                    inputs=(TextInput("proxy", "代理出席者", "氏名"),),
                                    choices=(Choice("送信", "meeting.proxy", long_value, "primary"),))]]
    await rig.slack.dm("U0STAFF", "会議に出られません")
    card = await rig.api.next_call("chat.postMessage", channel="D0STAFF")
    assert [b["type"] for b in card.blocks] == ["section", "input", "actions"]
    await rig.slack.press("U0STAFF", card, "送信", inputs={"proxy": "山田 花子"})
    await rig.adapter.wait_idle()
    action = rig.dispatcher.events[-1]
    assert isinstance(action, ActionReceived)
    assert (action.action_id, action.value, action.inputs) == ("meeting.proxy", long_value, {"proxy": "山田 花子"})


async def test_replace_original_goes_through_response_url(rig: Rig) -> None:
    rig.dispatcher.script = [[Reply(text="質問 1/2", choices=(Choice("はい", "survey.answer", "1:yes"),))],
                             [Reply(text="質問 2/2", choices=(Choice("はい", "survey.answer", "2:yes"),),
                                    replace_original=True)]]
    await rig.slack.dm("U0STAFF", "アンケート")
    first = await rig.api.next_call("chat.postMessage", channel="D0STAFF")
    _, response_url = await rig.slack.press("U0STAFF", first, "はい")
    replaced = await rig.api.next_call("hook")
    assert response_url.endswith(replaced.path)
    assert replaced.params["replace_original"] is True
    assert "質問 2/2" in replaced.all_text()
    await rig.adapter.wait_idle()
    assert len(rig.api.calls_to("chat.postMessage")) == 1


async def test_private_answers_in_a_channel_are_ephemeral_in_the_thread(rig: Rig) -> None:
    rig.dispatcher.script = [[Reply(text="あなたの未回答アンケートは2件です。", ephemeral=True)]]
    _, body = await rig.slack.mention("U0STAFF", "私の状況は？")
    whisper = await rig.api.next_call("chat.postEphemeral")
    assert whisper.params["user"] == "U0STAFF" and whisper.params["channel"] == "C0GENERAL"
    assert whisper.params["thread_ts"] == body["event"]["ts"]
    event = rig.dispatcher.events[-1]
    assert isinstance(event, MessageReceived) and event.mentioned and event.text == "私の状況は？"
    await rig.adapter.wait_idle()
    assert rig.api.calls_to("chat.postMessage") == []


async def test_files_for_a_slash_command_go_to_the_persons_dm(rig: Rig) -> None:
    rig.dispatcher.script = [[Reply(text="書き出しました。", ephemeral=True,
                                    attachments=(Attachment("people.csv", b"id,name\n1,sato\n", "text/csv"),))]]
    await rig.slack.command("U0ADMIN", "users export", channel="C0GENERAL")
    answer = await rig.api.next_call("hook")
    assert answer.params["response_type"] == "ephemeral"
    complete = await rig.api.next_call("files.completeUploadExternal")
    assert complete.params["channel_id"] == "D0ADMIN", "an export must not land in a public channel"
    event = rig.dispatcher.events[-1]
    assert isinstance(event, CommandReceived) and event.text == "users export"


async def test_a_home_button_answers_in_the_dm_and_refreshes_home(rig: Rig) -> None:
    rig.dispatcher.home = [Reply(title="未回答のチェックイン", text="11月分が未回答です。",
                                 choices=(Choice("回答する", "checkin.start", "2026-11"),))]
    rig.dispatcher.script = [[Reply(text="11月のチェックインを始めます。")]]
    await rig.slack.post_json(rig.slack.event("app_home_opened", user="U0STAFF"))
    home = await rig.api.next_call("views.publish")
    button = next(e for b in home.params["view"]["blocks"] if b["type"] == "actions" for e in b["elements"])
    body: dict[str, Any] = payload("block_actions_home")
    body["actions"][0].update(action_id=button["action_id"], value=button["value"], text=button["text"])
    await rig.slack.post_form({"payload": json.dumps(body, ensure_ascii=False)})
    answer = await rig.api.next_call("chat.postMessage")
    assert answer.params["channel"] == "D0STAFF" and "チェックイン" in answer.all_text()
    assert (await rig.api.next_call("views.publish")).params["user_id"] == "U0STAFF"
    action = rig.dispatcher.events[-1]
    assert isinstance(action, ActionReceived)
    assert (action.action_id, action.value) == ("checkin.start", "2026-11")
