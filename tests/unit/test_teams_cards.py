"""Teams rendering and parsing without a server: Adaptive Cards from core replies, card submissions
back to core actions, mention stripping, activity classification, and splitting of large replies."""

from __future__ import annotations

import json

from bot.adapters.teams.cards import (
    ADAPTIVE_CARD,
    MAX_PAYLOAD_BYTES,
    neutralise,
    parse_submission,
    payload_size,
    presplit,
    render_activity,
    render_card,
    split_reply,
)
from bot.adapters.teams.inbound import parse_activity, strip_mentions
from bot.core.replies import Attachment, Choice, Field, Reply, TextInput
from tests.fakes.bot_connector import BOT_ID, Call, load_activity, visible_texts


def card_call(activity: dict) -> Call:
    return Call("send", "POST", "c", "", activity, {}, 0.0)


def test_plain_reply_is_plain_text_shown_as_typed() -> None:
    activity = render_activity(Reply(text="**重要** [ここ](https://evil.example) <at>全員</at>"))
    assert activity["textFormat"] == "plain"
    assert activity["text"] == "**重要** [ここ](https://evil.example) <at>全員</at>"
    assert "attachments" not in activity


def test_answer_card_is_adaptive_card_14_with_title_text_fields_and_buttons() -> None:
    reply = Reply(title="Zoomで画面共有", text="共有ボタンを押します。\n\n解決しましたか？",
                  fields=(Field("カテゴリ", "オンライン会議"),),
                  choices=(Choice("はい", "faq.feedback", "yes:1:FAQ-1", "primary"),
                           Choice("いいえ", "faq.feedback", "no:1:FAQ-1")))
    activity = render_activity(reply)
    attachment = activity["attachments"][0]
    card = attachment["content"]
    assert attachment["contentType"] == ADAPTIVE_CARD
    assert tuple(int(p) for p in card["version"].split(".")) >= (1, 4)
    assert activity["summary"] == "Zoomで画面共有"
    call = card_call(activity)
    assert call.card_texts() == ["Zoomで画面共有", "共有ボタンを押します。", "解決しましたか？",
                                 "カテゴリ: オンライン会議", "はい", "いいえ"]
    yes = call.submit_data("はい")
    assert parse_submission(yes).action_id == "faq.feedback"
    assert parse_submission(yes).value == "yes:1:FAQ-1"
    assert card["actions"][0]["style"] == "positive"


def test_user_text_in_cards_cannot_become_links_or_markup() -> None:
    typed = "[公式サイト](https://evil.example) **至急** <at>全員</at>"
    card = render_card(Reply(title=typed, text=typed, fields=(Field("質問", typed),)))
    runs = [b for b in card["body"] if b["type"] == "RichTextBlock"]
    # Rich text runs do not interpret Markdown: the text is shown exactly as typed.
    assert all(run["inlines"][0]["text"] == typed for run in runs)
    fact = card["body"][-1]["facts"][0]["value"]
    assert "](" not in fact.replace("\\]", "").replace("\\(", "")
    assert fact == neutralise(typed)
    assert '"TextBlock"' not in json.dumps(card)


def test_long_choice_labels_become_readable_rows_and_inputs_are_submitted_with_them() -> None:
    long_labels = [f"{i}. Teamsの会議で外部の参加者を招待する方法（ゲストアクセス）" for i in range(1, 4)]
    reply = Reply(text="候補です", choices=tuple(Choice(label, "faq.pick", f"7:FAQ-{i}") for i, label in
                                                enumerate(long_labels, 1)) + (Choice("どれでもない", "faq.none", "7"),),
                  inputs=(TextInput("proxy", "代理出席者", "氏名"),))
    activity = render_activity(reply)
    call = card_call(activity)
    assert "actions" not in activity["attachments"][0]["content"]
    for label in long_labels:
        assert label in call.card_texts()
    data = call.submit_data("3. Teams")
    data["dx_in_proxy"] = "佐藤 花子"
    submission = parse_submission(data)
    assert (submission.action_id, submission.value, submission.inputs) == ("faq.pick", "7:FAQ-3",
                                                                           {"proxy": "佐藤 花子"})
    assert call.submit_data("どれでもない")["dx_action"] == "faq.none"


def test_execute_data_falls_back_to_the_verb_and_foreign_values_are_not_actions() -> None:
    assert parse_submission({"dx_value": "3"}, verb="poll.answer").action_id == "poll.answer"
    assert parse_submission({"something": "else"}) is None
    assert parse_submission("text") is None


def test_images_are_inline_and_other_files_are_explained() -> None:
    png = b"\x89PNG\r\n\x1a\n" + b"0" * 50
    card = render_card(Reply(text="グラフ", attachments=(Attachment("chart.png", png, "image/png", "進捗"),
                                                      Attachment("faq.csv", b"a,b", "text/csv"))), "ja")
    image = next(b for b in card["body"] if b["type"] == "Image")
    assert image["url"].startswith("data:image/png;base64,")
    assert any("faq.csv" in text and "Teams" in text for text in visible_texts(card))


def test_split_keeps_everything_and_buttons_stay_with_the_last_part() -> None:
    text = "\n".join(f"{i}行目: " + "あ" * 40 for i in range(1, 21))
    reply = Reply(title="長い回答", text=text, choices=(Choice("はい", "faq.feedback", "yes"),),
                  replace_original=True)
    first, second = split_reply(reply)
    assert first.title == "長い回答" and not first.choices and first.replace_original
    assert second.choices == reply.choices and not second.replace_original
    assert first.text + "\n" + second.text == text
    assert split_reply(Reply(text="a")) == []


def test_presplit_brings_every_part_under_the_teams_limit() -> None:
    text = "\n".join("とても長い説明文です。" * 30 for _ in range(60))
    reply = Reply(title="大きな一覧", text=text, choices=(Choice("閉じる", "x.close"),))
    assert payload_size(render_activity(reply)) > MAX_PAYLOAD_BYTES
    parts = presplit(reply)
    assert len(parts) > 1
    assert all(payload_size(render_activity(p)) <= MAX_PAYLOAD_BYTES for p in parts)
    assert "".join(p.text.replace("\n", "") for p in parts) == text.replace("\n", "")
    assert parts[-1].choices == reply.choices


def test_mention_of_the_bot_is_removed_and_other_mentions_become_names() -> None:
    entities = [{"type": "mention", "text": "<at>DX Desk</at>", "mentioned": {"id": BOT_ID, "name": "DX Desk"}},
                {"type": "mention", "text": "<at>佐藤</at>", "mentioned": {"id": "29:sato", "name": "佐藤"}}]
    text, mentioned = strip_mentions("<at>DX Desk</at> <at>佐藤</at>さんの件&nbsp;です &amp; 質問", entities, BOT_ID)
    assert (text, mentioned) == ("佐藤さんの件 です & 質問", True)
    assert strip_mentions("こんにちは", [], BOT_ID) == ("こんにちは", False)


def test_activities_are_classified() -> None:
    channel = parse_activity(load_activity("channel_mention", id="55", service_url="http://x/", user_id="29:a",
                                           user_name="A", aad_id="aad-a", channel_id="19:c@thread.tacv2",
                                           root_id="50", bot_id=BOT_ID, text="質問です"))
    assert channel.kind == "message" and channel.text == "質問です" and channel.mentioned
    assert channel.conversation.channel_id == "19:c@thread.tacv2"
    assert channel.conversation.thread_id == "50" and not channel.conversation.is_direct
    assert channel.actor.aad_object_id == "aad-a"

    unmentioned = load_activity("channel_mention", id="56", service_url="http://x/", user_id="29:a", user_name="A",
                                aad_id="", channel_id="19:c@thread.tacv2", root_id="56", bot_id=BOT_ID, text="雑談")
    unmentioned["entities"] = []
    unmentioned["text"] = "雑談"
    assert parse_activity(unmentioned).kind == "ignore"

    values = {"id": "1", "service_url": "http://x/", "user_id": "29:a", "aad_id": "aad-a",
              "conversation_id": "a:1", "bot_id": BOT_ID, "channel_id": "19:team@thread.tacv2"}
    assert parse_activity(load_activity("install_personal", **values)).kind == "install"
    assert parse_activity(load_activity("conversation_update_personal", **values)).kind == "install"
    team = parse_activity(load_activity("install_team", **values))
    assert team.kind == "install" and not team.is_personal and team.base_conversation_id == "19:team@thread.tacv2"
    assert parse_activity(load_activity("uninstall_personal", **values)).kind == "uninstall"
    submit = parse_activity(load_activity("card_submit", card_id="bot-msg-1", value={"dx_action": "faq.none",
                                                                                      "dx_value": "3"}, **values))
    assert submit.kind == "action" and submit.reply_to_id == "bot-msg-1"
    execute = parse_activity(load_activity("execute_invoke", card_id="bot-msg-1", title="はい", verb="faq.feedback",
                                           data={"dx_action": "faq.feedback", "dx_value": "yes:1:F"}, **values))
    assert execute.kind == "execute" and execute.submission.value == "yes:1:F"


def test_bot_framework_sdk_is_imported_only_inside_the_teams_adapter() -> None:
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    teams_folder = root / "bot" / "adapters" / "teams"
    sdk = ("botbuilder", "botframework", "msrest", "msal")
    offenders = []
    for folder in ("bot", "handlers", "storage", "scheduler"):
        for path in (root / folder).rglob("*.py"):
            if teams_folder in path.parents:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                    [node.module or ""] if isinstance(node, ast.ImportFrom) else []
                offenders += [f"{path.relative_to(root)}: {n}" for n in names if n.split(".")[0] in sdk]
    assert offenders == []
