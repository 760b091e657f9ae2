"""Block Kit rendering and Slack text parsing: limits met by splitting, user text never markup."""

from __future__ import annotations

import json

import pytest

from bot.adapters.slack.inbound import action_inbound, ignore_reason, message_inbound
from bot.adapters.slack.render import (
    MAX_BLOCKS_HOME,
    MAX_BLOCKS_MESSAGE,
    core_action_id,
    decode_value,
    encode_value,
    escape,
    iter_blocks,
    plain_text,
    render_home,
    render_reply,
    split_text,
    submitted_inputs,
)
from bot.core.replies import Attachment, Choice, Field, Reply, TextInput
from tests.fakes.slack_api import payload


def section_texts(rendered) -> list[str]:
    return [b["text"]["text"] for b in iter_blocks(rendered) if b["type"] == "section" and "text" in b]


def assert_within_limits(rendered) -> None:
    """Every limit Slack enforces on a message (it would reject the message otherwise)."""
    for message in rendered.messages:
        assert 1 <= len(message.blocks) <= MAX_BLOCKS_MESSAGE
        assert message.text
        action_ids = []
        for block in message.blocks:
            if block["type"] == "section":
                if "text" in block:
                    assert 1 <= len(block["text"]["text"]) <= 3000
                for f in block.get("fields", []):
                    assert 1 <= len(f["text"]) <= 2000
                assert len(block.get("fields", [])) <= 10
            if block["type"] == "header":
                assert len(block["text"]["text"]) <= 150
            if block["type"] == "actions":
                assert 1 <= len(block["elements"]) <= 25
                for button in block["elements"]:
                    assert 1 <= len(button["text"]["text"]) <= 75
                    assert len(button.get("value", "")) <= 2000
                    action_ids.append(button["action_id"])
        assert len(action_ids) == len(set(action_ids)), "action ids must be unique within a message"


# --- escaping --------------------------------------------------------------------------------
@pytest.mark.parametrize("typed", ["<!channel>", "<!here>", "<@U0BOSS>", "<https://evil.example|給与明細>",
                                   "<#C0SECRET>", "<!subteam^S0ALL>"])
def test_user_text_never_becomes_markup(typed: str) -> None:
    rendered = render_reply(Reply(title=f"Q {typed}", text=f"質問: {typed}",
                                  fields=(Field("質問", typed),), choices=(Choice(typed, "x.y", typed),)))
    mrkdwn = [t for t in section_texts(rendered)] + [
        f["text"] for b in iter_blocks(rendered) for f in b.get("fields", [])] + [rendered.messages[0].text]
    for text in mrkdwn:
        assert "<" not in text and ">" not in text, text
    assert any(escape(typed) in t for t in mrkdwn)


def test_escape_handles_ampersand_first() -> None:
    assert escape("a & <b>") == "a &amp; &lt;b&gt;"
    assert escape("&lt;") == "&amp;lt;"


# --- splitting -------------------------------------------------------------------------------
def test_long_text_is_split_into_sections_of_at_most_3000_characters() -> None:
    text = "\n".join(f"{i:04d} " + "あ" * 95 for i in range(300))  # ~30,000 characters
    rendered = render_reply(Reply(text=text))
    assert_within_limits(rendered)
    joined = "\n".join(section_texts(rendered))
    assert joined == text


def test_escaping_counts_towards_the_limit() -> None:
    text = "<>" * 2000  # 4,000 characters, 16,000 once escaped
    pieces = split_text(text, 3000)
    assert all(len(escape(p)) <= 3000 for p in pieces)
    assert "".join(pieces) == text


def test_more_than_50_blocks_become_several_messages_with_buttons_last() -> None:
    text = "\n".join("x" * 2900 for _ in range(70))
    choices = tuple(Choice(f"候補 {i}", "faq.pick", f"1:FAQ-{i:03d}") for i in range(30))
    rendered = render_reply(Reply(title="長い回答", text=text, choices=choices))
    assert len(rendered.messages) == 2
    assert_within_limits(rendered)
    last = rendered.messages[-1].blocks
    assert [b["type"] for b in last[-2:]] == ["actions", "actions"]
    assert sum(len(b["elements"]) for b in last if b["type"] == "actions") == 30


def test_fields_are_grouped_by_ten_and_long_fields_get_their_own_section() -> None:
    fields = tuple(Field(f"項目{i}", f"値{i}") for i in range(23)) + (Field("備考", "長" * 2500),)
    rendered = render_reply(Reply(fields=fields))
    assert_within_limits(rendered)
    groups = [len(b["fields"]) for b in iter_blocks(rendered) if "fields" in b]
    assert groups == [10, 10, 3]
    assert "長" * 2500 in "".join(section_texts(rendered))


def test_buttons_unique_ids_short_labels_and_core_ids_restored() -> None:
    choices = tuple(Choice("とても長い候補の質問文です" * 10, "faq.pick", f"1:FAQ-{i}") for i in range(3))
    rendered = render_reply(Reply(text="選んでください", choices=choices + (Choice("どれでもない", "faq.none", "1"),)))
    assert_within_limits(rendered)
    buttons = [e for b in iter_blocks(rendered) if b["type"] == "actions" for e in b["elements"]]
    assert [core_action_id(b["action_id"]) for b in buttons] == ["faq.pick"] * 3 + ["faq.none"]
    assert buttons[0]["text"]["text"].endswith("…")


def test_long_button_value_survives_the_round_trip() -> None:
    value = ",".join(f"survey.answer:Q{i % 40:02d}:とてもそう思う" for i in range(200))
    assert len(value) > 2000
    encoded = encode_value(value)
    assert encoded is not None and len(encoded) <= 2000
    assert decode_value(encoded) == value
    assert decode_value(encode_value("yes:1:FAQ-001") or "") == "yes:1:FAQ-001"


def test_inputs_travel_with_their_buttons_and_come_back_by_id() -> None:
    reply = Reply(text="代理出席者を入力してください", inputs=(TextInput("proxy", "代理出席者", "氏名"),),
                  choices=(Choice("送信", "meeting.proxy", "42"),))
    blocks = list(iter_blocks(render_reply(reply)))
    assert [b["type"] for b in blocks] == ["section", "input", "actions"]
    state = {"values": {"proxy": {"proxy": {"type": "plain_text_input", "value": "山田 花子"}}}}
    assert submitted_inputs(state) == {"proxy": "山田 花子"}


def test_attachments_only_reply_has_no_empty_message() -> None:
    rendered = render_reply(Reply(attachments=(Attachment("chart.png", b"\x89PNG", "image/png"),)))
    assert rendered.messages == [] and rendered.steps == 1


def test_home_view_stays_within_100_blocks() -> None:
    sections = [Reply(title=f"セクション{i}", text="\n".join("y" * 2900 for _ in range(5))) for i in range(30)]
    view = render_home(sections)
    assert view["type"] == "home"
    assert len(view["blocks"]) <= MAX_BLOCKS_HOME
    assert view["blocks"][0]["type"] == "header"


# --- incoming text ---------------------------------------------------------------------------
def test_plain_text_resolves_markup_and_removes_the_bot_mention() -> None:
    text = ("<@UBOT> <@U0BOSS|sato> さんに <#C0GENERAL|general> で &lt;!channel&gt; と "
            "<https://x.example|ここ> &amp; <!here>")
    assert plain_text(text, "UBOT") == "@U0BOSS さんに #general で <!channel> と ここ & @here"


def test_messages_that_must_not_be_answered() -> None:
    for name in ("message_changed", "message_deleted", "bot_message", "other_bot_user_message",
                 "message_file_share", "own_message"):
        assert ignore_reason(payload(name)["event"], "UBOT"), name
    channel_message = {**payload("message_im")["event"], "channel_type": "channel", "channel": "C0GENERAL"}
    assert ignore_reason(channel_message, "UBOT")
    assert ignore_reason(payload("message_im")["event"], "UBOT") == ""


def test_mention_is_answered_in_its_thread() -> None:
    event = payload("app_mention")["event"]
    inbound = message_inbound(event, "UBOT")
    assert inbound is not None
    assert inbound.target.thread_ts == event["ts"]
    assert inbound.event.text == "ズームで画面共有したい"
    assert inbound.dedupe_key == f"slack:{event['channel']}:{event['ts']}"


def test_button_press_becomes_the_core_action() -> None:
    body = payload("block_actions")
    inbound = action_inbound(json.loads(json.dumps(body)))
    assert inbound is not None
    assert inbound.event.action_id == "faq.feedback"
    assert inbound.event.value == "yes:1:FAQ-001"
    assert inbound.target.response_url == body["response_url"]
