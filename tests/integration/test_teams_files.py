"""Files for Teams users over real HTTP: an admin's export is offered with Teams' file consent card
in the personal chat; "Allow" makes the bot PUT the bytes to the OneDrive upload URL Teams hands
over (played by the fake connector) and show the file; "Decline", expired or unknown files and a
failing upload are answered politely; the offer survives a restart; in channels and group chats
the file goes to the person's personal chat, or a notice says where to ask.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from bot.core.model import Role
from bot.core.replies import Attachment, Destination, Reply
from storage import db
from storage.shared.blob_models import FileBlobRow
from storage.shared.blobs import SqlFileBlobs
from tests.fakes.bot_connector import UPLOAD, Call, FakeBotConnector, ServedBot, TeamsUser
from tests.support.admin import seed_questions
from tests.support.people import add_person
from tests.support.platforms import StartTeams

ADMIN_CHAT = "a:1personal-admin"
CHANNEL = "19:dx-office@thread.tacv2"
GROUP = "19:a1b2c3-group-chat@thread.v2"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# `dx export faq xlsx 2026-11`: the eight November questions of tests/support/admin.py.
EXPORT = "dx export faq xlsx 2026-11"
EXPORT_NAME = "faq_questions_2026-11.xlsx"

Start = Callable[..., Awaitable[ServedBot]]


@pytest.fixture
def start_bot(app_factory: Any, clock: Any, start_teams: StartTeams) -> Start:
    """Serve `dxdesk serve`'s web app with 29:1admin as admin; every start uses the same database."""

    async def start(*, seed: bool = True) -> ServedBot:
        app = await app_factory(clock=clock, teams_no_auth=True)
        await add_person(app, "29:1admin", Role.ADMIN, name="鈴木 花子", platform="teams", aad_id="aad-admin",
                         keep_existing=True)
        if seed:
            await seed_questions(app)
        return await start_teams(app)

    return start


def admin_of(bot: ServedBot, connector: FakeBotConnector) -> TeamsUser:
    return TeamsUser(bot.url, connector, user_id="29:1admin", name="鈴木 花子", aad_id="aad-admin",
                     conversation_id=ADMIN_CHAT)


async def installed_admin(bot: ServedBot, connector: FakeBotConnector) -> TeamsUser:
    """The admin added the app for themselves (so the bot has their personal chat)."""
    admin = admin_of(bot, connector)
    assert await admin.install() == 200
    await connector.message(ADMIN_CHAT, "DX Desk")
    return admin


def offers(connector: FakeBotConnector, conversation_prefix: str) -> list[Call]:
    """File consent cards the bot posted into a conversation."""
    return [c for c in connector.posts() if c.file_consent and c.conversation_id.startswith(conversation_prefix)]


async def next_offer(connector: FakeBotConnector, conversation_prefix: str, already: int = 0) -> Call:
    """Wait for file consent card number `already + 1` in the conversation."""
    await connector.wait_for(lambda fake: len(offers(fake, conversation_prefix)) > already)
    return offers(connector, conversation_prefix)[already]


async def blob_count(bot: ServedBot) -> int:
    async with db.sessionmaker(bot.app.engine)() as s:
        return int((await s.execute(select(func.count()).select_from(FileBlobRow))).scalar_one())


async def test_admin_export_is_offered_and_uploaded_to_onedrive_on_allow(
        start_bot: Start, connector: FakeBotConnector) -> None:
    bot = await start_bot()
    admin = await installed_admin(bot, connector)
    assert await admin.say(EXPORT) == 200
    done = await connector.message(ADMIN_CHAT, f"{EXPORT_NAME} を作成しました（8行）")
    assert not any("送れません" in text for text in done.card_texts())
    offer = await next_offer(connector, ADMIN_CHAT)
    consent = offer.file_consent
    assert consent is not None and consent["name"] == EXPORT_NAME
    content = consent["content"]
    file_id = content["acceptContext"]["file_id"]
    assert content["declineContext"] == {"file_id": file_id} and len(file_id) >= 32
    assert content["description"].startswith("質問の記録（2026年11月）、") and "OneDrive" in content["description"]
    size = content["sizeInBytes"]
    assert size > 1000

    status, _ = await admin.answer_file(offer, "accept")
    assert status == 200
    put = await connector.next_call(UPLOAD)
    assert put.method == "PUT" and put.activity_id == EXPORT_NAME
    assert put.headers["Content-Range"] == f"bytes 0-{size - 1}/{size}"
    assert int(put.headers["Content-Length"]) == size == len(put.raw)
    assert "Authorization" not in put.headers  # an upload session URL must not get the bot's token
    sheet = load_workbook(io.BytesIO(connector.uploads[EXPORT_NAME])).active
    assert sheet.max_row == 1 + 8
    questions = {sheet.cell(row, column).value for row in range(2, 10) for column in range(1, sheet.max_column + 1)}
    assert {"VLOOKUPの使い方", "公用車の予約"} <= questions and "古い質問" not in questions

    shown = await connector.message(ADMIN_CHAT, "OneDrive に保存しました")
    info = shown.file_info
    assert info is not None and info["name"] == EXPORT_NAME
    assert info["contentUrl"].endswith(f"/Applications/{EXPORT_NAME}")
    assert info["content"] == {"uniqueId": "1150D938-8870-4044-9F2C-5BBDEBA70C8C", "fileType": "xlsx"}

    # Uploaded once: the same card cannot fetch the file a second time.
    assert await blob_count(bot) == 0
    status, _ = await admin.answer_file(offer, "accept")
    assert status == 200
    await connector.message(ADMIN_CHAT, "受け取り期限")
    assert len(connector.calls_to(UPLOAD)) == 1


async def test_declined_file_is_dropped_with_a_polite_word(start_bot: Start, connector: FakeBotConnector) -> None:
    bot = await start_bot()
    admin = await installed_admin(bot, connector)
    await admin.say("dx export faq csv 2026-11")
    offer = await next_offer(connector, ADMIN_CHAT)
    assert offer.file_consent is not None and offer.file_consent["name"].endswith(".csv")
    assert await blob_count(bot) == 1

    status, _ = await admin.answer_file(offer, "decline")
    assert status == 200
    await connector.message(ADMIN_CHAT, "ファイルはお送りしません")
    assert await blob_count(bot) == 0
    # A late "Allow" on the same card finds nothing to upload.
    await admin.answer_file(offer, "accept")
    await connector.message(ADMIN_CHAT, "受け取り期限")
    assert connector.calls_to(UPLOAD) == []


async def test_expired_or_unknown_file_is_explained_and_old_files_are_cleaned_up(
        start_bot: Start, connector: FakeBotConnector, clock: Any) -> None:
    bot = await start_bot()
    admin = await installed_admin(bot, connector)
    await admin.say(EXPORT)
    first = await next_offer(connector, ADMIN_CHAT)
    await admin.say("dx export faq csv 2026-11")
    await next_offer(connector, ADMIN_CHAT, already=1)
    assert await blob_count(bot) == 2

    clock.advance(hours=24, minutes=1)
    status, _ = await admin.answer_file(first, "accept")
    assert status == 200
    await connector.message(ADMIN_CHAT, "受け取り期限（24時間）が過ぎた")
    assert connector.calls_to(UPLOAD) == []
    # The next file stored sweeps out every expired one.
    await admin.say(EXPORT)
    await next_offer(connector, ADMIN_CHAT, already=2)
    assert await blob_count(bot) == 1

    forged = admin.activity("file_consent_invoke", card_id="bot-msg-999", value={
        "type": "fileUpload", "action": "accept", "context": {"file_id": "no-such-file"},
        "uploadInfo": {"uploadUrl": connector.upload_url("x.xlsx"), "name": "x.xlsx", "contentUrl": "https://x",
                       "uniqueId": "u", "fileType": "xlsx"}})
    status, _ = await admin.post(forged)
    assert status == 200
    await connector.message(ADMIN_CHAT, "受け取り期限")
    assert connector.calls_to(UPLOAD) == []


async def test_failed_upload_is_reported_and_logged(start_bot: Start, connector: FakeBotConnector,
                                                    caplog: pytest.LogCaptureFixture) -> None:
    bot = await start_bot()
    admin = await installed_admin(bot, connector)
    await admin.say(EXPORT)
    offer = await next_offer(connector, ADMIN_CHAT)
    connector.queue(UPLOAD, 503, body={"error": {"code": "serviceNotAvailable"}})
    with caplog.at_level(logging.WARNING, logger="bot.adapters.teams"):
        status, _ = await admin.answer_file(offer, "accept")
    assert status == 200
    await connector.message(ADMIN_CHAT, f"{EXPORT_NAME} をアップロードできませんでした")
    assert [c.status for c in connector.calls_to(UPLOAD)] == [503]
    assert EXPORT_NAME not in connector.uploads
    assert not any(c.file_info for c in connector.posts())
    assert any("could not upload" in r.getMessage() and "503" in r.getMessage() for r in caplog.records)


async def test_offer_made_before_a_restart_is_uploaded_by_the_next_process(
        start_bot: Start, connector: FakeBotConnector) -> None:
    first = await start_bot()
    admin = await installed_admin(first, connector)
    await admin.say(EXPORT)
    offer = await next_offer(connector, ADMIN_CHAT)
    size = offer.file_consent["content"]["sizeInBytes"]  # type: ignore[index]
    await first.stop()

    # Another process on the same database answers the card (a restart, or another replica).
    second = await start_bot(seed=False)
    admin = admin_of(second, connector)
    status, _ = await admin.answer_file(offer, "accept")
    assert status == 200
    await connector.next_call(UPLOAD)
    assert len(connector.uploads[EXPORT_NAME]) == size
    assert load_workbook(io.BytesIO(connector.uploads[EXPORT_NAME])).active.max_row == 9
    await connector.message(ADMIN_CHAT, "OneDrive に保存しました")


async def test_proactive_file_to_a_person_is_offered_in_their_personal_chat(
        start_bot: Start, connector: FakeBotConnector) -> None:
    bot = await start_bot(seed=False)
    admin = await installed_admin(bot, connector)
    person = await bot.app.services.people.find_by_actor(admin.actor)
    assert person is not None
    report = Attachment("monthly.csv", "部署,件数\n市民課,3\n".encode(), "text/csv", "月次レポート")
    await bot.app.outbox.enqueue(Destination("teams", "person", str(person.id)),
                                 Reply(text="月次レポートです。", attachments=(report,)), dedupe_key="report:1")
    await connector.message(ADMIN_CHAT, "月次レポートです。")
    offer = await next_offer(connector, ADMIN_CHAT)
    assert offer.file_consent["name"] == "monthly.csv"  # type: ignore[index]
    await admin.answer_file(offer, "accept")
    await connector.next_call(UPLOAD)
    assert connector.uploads["monthly.csv"] == report.content


async def test_export_asked_in_a_channel_is_offered_in_the_personal_chat(
        start_bot: Start, connector: FakeBotConnector) -> None:
    bot = await start_bot()
    admin = await installed_admin(bot, connector)
    status, post_id = await admin.mention(CHANNEL, EXPORT)
    assert status == 200
    said = await connector.message(CHANNEL, "個人チャットにお送りしました")
    assert said.conversation_id == f"{CHANNEL};messageid={post_id}"  # in the thread of the request
    assert any(f"{EXPORT_NAME} を作成しました" in text for text in said.card_texts())
    offer = await next_offer(connector, ADMIN_CHAT)
    assert offer.body["recipient"]["id"] == admin.user_id
    assert offers(connector, CHANNEL) == []

    await admin.answer_file(offer, "accept")
    await connector.next_call(UPLOAD)
    assert load_workbook(io.BytesIO(connector.uploads[EXPORT_NAME])).active.max_row == 9


async def test_export_in_a_group_chat_without_a_personal_chat_says_where_to_ask(
        start_bot: Start, connector: FakeBotConnector) -> None:
    bot = await start_bot()
    admin = admin_of(bot, connector)  # never opened a personal chat with the bot
    status, _ = await admin.post(admin.activity("group_mention", group_id=GROUP, text=EXPORT))
    assert status == 200
    notice = await connector.message(GROUP, "個人チャットで同じコマンドを送ると受け取れます")
    assert any(EXPORT_NAME in text for text in notice.card_texts())
    assert [c for c in connector.posts() if c.file_consent] == []
    assert await blob_count(bot) == 0


async def test_file_store_keeps_bytes_for_a_day(any_db_url: str, app_factory: Any, clock: Any) -> None:
    app = await app_factory(database_url=any_db_url, clock=clock)
    store = SqlFileBlobs(db.sessionmaker(app.engine), clock=clock)
    data = bytes(range(256)) * 40  # every byte value survives the round trip
    token = await store.put(Attachment("bin.dat", data, "application/octet-stream"))
    other = await store.put(Attachment("b.csv", b"a,b\n", "text/csv"))
    assert token != other
    stored = await store.get(token)
    assert stored is not None and (stored.filename, stored.content, stored.mime_type) == (
        "bin.dat", data, "application/octet-stream")
    assert await store.delete(token) and await store.get(token) is None
    assert not await store.delete(token)
    clock.advance(hours=24)
    assert await store.get(other) is None
    assert await store.purge() == 0  # the expired file went when it was asked for
    await store.put(Attachment("c.csv", b"c", "text/csv"))
    clock.advance(hours=25)
    assert await store.purge() == 1
