"""Teams file rendering and parsing without a server: the file consent card that offers a file,
the file info card that shows an uploaded one, the notice where files cannot go, and the
`fileConsent/invoke` answers read back into what the adapter needs."""

from __future__ import annotations

import json

import pytest

from bot.adapters.teams.cards import (
    FILE_CONSENT,
    FILE_INFO,
    human_size,
    offered_files,
    payload_size,
    render_activity,
    render_file_consent,
    render_file_info,
    without_files,
)
from bot.adapters.teams.files import UploadFailed, upload
from bot.adapters.teams.inbound import parse_activity
from bot.core.replies import Attachment, Reply
from tests.fakes.bot_connector import Call, load_activity

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
REPORT = Attachment("faq_questions_2026-11.xlsx", b"x" * 5800, XLSX, "質問の記録（2026年11月）")
CHART = Attachment("trend.png", b"\x89PNG....", "image/png", "推移")


def consent_invoke(value: dict) -> dict:
    return load_activity("file_consent_invoke", id="7", service_url="http://127.0.0.1:1/", user_id="29:1admin",
                         user_name="鈴木 花子", aad_id="aad-admin", conversation_id="a:1personal-admin",
                         bot_id="28:bot", card_id="bot-msg-3", value=value)


def test_consent_card_offers_the_file_with_its_size_and_token() -> None:
    activity = render_file_consent(REPORT, "tok-123", "ja")
    (attachment,) = activity["attachments"]
    assert attachment["contentType"] == FILE_CONSENT == "application/vnd.microsoft.teams.card.file.consent"
    assert attachment["name"] == "faq_questions_2026-11.xlsx"
    content = attachment["content"]
    assert content["sizeInBytes"] == 5800
    assert content["acceptContext"] == {"file_id": "tok-123"} == content["declineContext"]
    assert content["description"] == "質問の記録（2026年11月）、5.7 KB。「許可」を押すと、あなたの OneDrive に保存されます。"
    assert activity["summary"] == "📎 faq_questions_2026-11.xlsx"
    # The bytes are not in the message: Teams fetches nothing from it, the bot uploads on "Allow".
    assert payload_size(activity) < 2000 and "xxxx" not in json.dumps(activity)


def test_consent_card_speaks_english_and_falls_back_to_the_filename() -> None:
    untitled = Attachment("export.csv", b"a,b\n1,2\n", "text/csv")
    content = render_file_consent(untitled, "t", "en")["attachments"][0]["content"]
    assert content["description"] == 'export.csv, 8 bytes. Choose "Allow" to save it to your OneDrive.'


def test_file_info_card_points_at_the_uploaded_file() -> None:
    activity = render_file_info("https://contoso-my.sharepoint.com/personal/u/Documents/Applications/a.xlsx",
                                "a.xlsx", "UID-1", "xlsx", "ja")
    assert activity["text"] == "📎 a.xlsx を OneDrive に保存しました。" and activity["textFormat"] == "plain"
    (attachment,) = activity["attachments"]
    assert attachment == {"contentType": FILE_INFO,
                          "contentUrl": "https://contoso-my.sharepoint.com/personal/u/Documents/Applications/a.xlsx",
                          "name": "a.xlsx", "content": {"uniqueId": "UID-1", "fileType": "xlsx"}}


def test_only_non_image_files_need_consent_and_images_stay_inline() -> None:
    reply = Reply(title="レポート", text="作成しました", attachments=(CHART, REPORT))
    assert offered_files(reply) == (REPORT,)
    rest = without_files(reply)
    assert rest.attachments == (CHART,) and rest.title == "レポート"
    body = render_activity(rest)["attachments"][0]["content"]["body"]
    assert any(b["type"] == "Image" and b["url"].startswith("data:image/png;base64,") for b in body)


def test_where_files_cannot_go_the_card_says_to_ask_in_the_personal_chat() -> None:
    texts = Call("send", "POST", "c", "", render_activity(Reply(text="作成しました", attachments=(REPORT,))), {},
                 0.0).card_texts()
    assert texts[-1] == ("📎 質問の記録（2026年11月）（Teams のチャンネルやグループチャットにはファイルを送れません。"
                         "DX Desk との個人チャットで同じコマンドを送ると受け取れます）")
    english = Call("send", "POST", "c", "", render_activity(Reply(attachments=(REPORT,)), "en"), {}, 0.0)
    assert "personal chat with DX Desk" in english.card_texts()[-1]


@pytest.mark.parametrize(("size", "lang", "shown"), [
    (0, "ja", "0 バイト"), (1023, "en", "1023 bytes"), (1024, "ja", "1.0 KB"), (5800, "en", "5.7 KB"),
    (3 * 1024 * 1024, "ja", "3.0 MB"), (5 * 1024 ** 3, "en", "5.0 GB"),
])
def test_sizes_read_naturally(size: int, lang: str, shown: str) -> None:
    assert human_size(size, lang) == shown


def test_accepted_consent_is_read_with_its_upload_info() -> None:
    inbound = parse_activity(consent_invoke({
        "type": "fileUpload", "action": "accept", "context": {"file_id": "tok-123"},
        "uploadInfo": {"contentUrl": "https://contoso/a.xlsx", "name": "a.xlsx", "uploadUrl": "https://up/a",
                       "uniqueId": "UID", "fileType": "xlsx"}}))
    assert inbound.kind == "file_consent" and inbound.is_personal
    consent = inbound.file_consent
    assert consent is not None and consent.accepted
    assert (consent.file_id, consent.upload_url, consent.content_url, consent.name, consent.unique_id,
            consent.file_type) == ("tok-123", "https://up/a", "https://contoso/a.xlsx", "a.xlsx", "UID", "xlsx")
    assert inbound.actor.user_id == "29:1admin" and inbound.reply_to_id == "bot-msg-3"


def test_declined_or_malformed_consent_is_read_without_upload_info() -> None:
    declined = parse_activity(consent_invoke({"type": "fileUpload", "action": "decline",
                                              "context": {"file_id": "tok-9"}})).file_consent
    assert declined is not None and not declined.accepted
    assert (declined.action, declined.file_id, declined.upload_url) == ("decline", "tok-9", "")
    broken = parse_activity(consent_invoke({"action": "accept", "context": "not an object"})).file_consent
    assert broken is not None and broken.file_id == "" and broken.upload_url == ""


def test_other_invokes_are_not_taken_for_file_answers() -> None:
    activity = consent_invoke({"action": "accept", "context": {"file_id": "x"}})
    activity["name"] = "composeExtension/query"
    inbound = parse_activity(activity)
    assert inbound.kind == "invoke" and inbound.file_consent is None


async def test_upload_refuses_anything_but_an_http_url() -> None:
    with pytest.raises(UploadFailed) as refused:
        await upload("file:///etc/passwd", b"data")
    assert refused.value.status == 0
