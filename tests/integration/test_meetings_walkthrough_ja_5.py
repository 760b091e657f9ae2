"""The fifth Japanese walk-through of 2026-12-05 (meetings): a short reply right after the bot spoke of
the meeting (「うーん、行けないかも」 then 「研修とかぶってるので」), 代理出席 in any phrasing with the name
asked next, 「会議の議題おくりたい」, items of a cancelled date carried over, comments without filler, and
a bare time with the meeting's id."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.conftest import FakeClock
from tests.support.dialogue import Person
from tests.support.meetings import message_for, office, rows_with, tokyo

DEC8 = "meeting:1:2026-12-08"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(tokyo(2026, 12, 2, 10, 0))  # Wednesday morning in Tokyo


def section(summary: str, head: str) -> str:
    """The lines under one heading of the RSVP summary (出席 / 代理出席 / 欠席 / 未回答)."""
    lines = summary.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(head))
    names = []
    for line in lines[start + 1:]:
        if not line.startswith("・"):
            break
        names.append(line)
    return "\n".join(names)


async def rsvps(admin: Person) -> str:
    await admin.say("/dx 会議 出欠")
    return admin.text()


async def no_unanswered_questions(admin: Person) -> None:
    await admin.say("/dx faq 未回答")
    assert "未回答の質問はありません" in admin.text(), admin.text()


async def set_meeting(admin: Person) -> None:
    await admin.say("/dx 会議 設定 毎月第2火曜 15:00 | 場所: 301会議室")
    assert "読み取れ" not in admin.text(), admin.text()


# --- 1. a short reply right after the bot spoke of the meeting ---------------------------------------
@pytest.mark.parametrize("hedge", ["うーん、行けないかも", "無理そう", "厳しいです", "微妙", "ちょっと厳しいかもです",
                                   "たぶんいけないです", "都合つかないかも"])
async def test_a_hedged_absence_after_asking_about_the_meeting_is_recorded_and_the_reason_follows(
        app_factory, clock, hedge):
    app = await app_factory(clock=clock)
    admin, (suzuki, *_rest) = await office(app)
    await set_meeting(admin)
    await suzuki.say("こんどの会議って何時からでしたっけ？")
    assert "2026年12月8日（火）15:00" in suzuki.text(), suzuki.text()
    await suzuki.say(hedge)
    reply = suzuki.text()
    assert "「欠席」で登録しました" in reply and "未確定" in reply and "理由があれば" in reply, reply
    await suzuki.say("研修とかぶってるので")
    assert "欠席の理由に「研修とかぶってる」を添えました" in suzuki.text(), suzuki.text()
    assert section(await rsvps(admin), "欠席") == "・鈴木（企画課）「研修とかぶってる（未確定）」"
    await no_unanswered_questions(admin)


async def test_a_short_absence_after_a_reminder_counts_and_a_reason_in_it_is_kept(app_factory, clock):
    app = await app_factory(clock=clock)
    admin, (suzuki, sato, _kato) = await office(app)
    await set_meeting(admin)
    await admin.say("/dx 会議 今すぐ送信 M-1")
    await sato.say("出張なので無理です")
    assert "「欠席」で登録しました" in sato.text() and "理由: 出張" in sato.text(), sato.text()
    await suzuki.say("行けないかも")
    await suzuki.say("ありがとう")  # not a reason: the desk answers it as usual
    assert "理由" not in suzuki.text(), suzuki.text()
    absent = section(await rsvps(admin), "欠席")
    assert sorted(absent.splitlines()) == ["・佐藤（税務課）「出張」", "・鈴木（企画課）「未確定」"], absent
    await no_unanswered_questions(admin)


async def test_without_the_meeting_just_spoken_of_a_hedge_is_not_an_answer(app_factory, clock):
    app = await app_factory(clock=clock)
    admin, (suzuki, sato, _kato) = await office(app)
    await set_meeting(admin)
    await sato.say("無理そう")  # nothing about a meeting was said to 佐藤
    assert "登録しました" not in sato.text(), sato.text()
    await suzuki.say("会議いつだっけ")
    clock.current += timedelta(hours=13)  # the next morning: the answer is not fresh any more
    await suzuki.say("厳しいです")
    assert "登録しました" not in suzuki.text(), suzuki.text()
    unanswered = section(await rsvps(admin), "未回答")
    assert "鈴木" in unanswered and "佐藤" in unanswered, unanswered
    staff = Person(app, "tanaka", "田中")  # not invited: a hedge is never an answer
    await staff.say("次の会議はいつ？")
    await staff.say("行けないかも")
    assert "登録しました" not in staff.text(), staff.text()


# --- 2. 代理出席 in any phrasing: the name is asked, and the next reply is the name --------------------
@pytest.mark.parametrize("wish, reply, line", [
    ("会議は代理出席で", "田中さん", "・鈴木（企画課） → 代理出席（田中）"),
    ("代理出席したいです", "田中係長でお願いします", "・鈴木（企画課） → 代理出席（田中）「係長」"),
    ("代理出席でお願いします", "係長の田中です", "・鈴木（企画課） → 代理出席（田中）「係長」"),
    ("代理を立てたいです", "田中", "・鈴木（企画課） → 代理出席（田中）"),
    ("代わりの人に出てもらいます", "企画課の田中さん", "・鈴木（企画課） → 代理出席（田中）「企画課」"),
])
async def test_a_proxy_in_any_phrasing_asks_the_name_and_takes_the_next_reply(app_factory, clock, wish, reply, line):
    app = await app_factory(clock=clock)
    admin, (suzuki, *_rest) = await office(app)
    await set_meeting(admin)
    await suzuki.say(wish)
    assert "代理で出席される方のお名前を入力してください" in suzuki.text(), suzuki.text()
    await suzuki.say(reply)
    assert "で承りました" in suzuki.text(), suzuki.text()
    assert section(await rsvps(admin), "代理出席") == line
    await no_unanswered_questions(admin)


async def test_a_question_about_proxies_is_not_an_answer(app_factory, clock):
    app = await app_factory(clock=clock)
    admin, (suzuki, *_rest) = await office(app)
    await set_meeting(admin)
    await suzuki.say("代理で出てもらうにはどうすればいい？")
    assert "承りました" not in suzuki.text(), suzuki.text()
    assert "鈴木" in section(await rsvps(admin), "未回答")


# --- 3. 「会議の議題おくりたい」 opens the 議題を送る dialog ---------------------------------------------------
@pytest.mark.parametrize("wish, item, heading", [
    ("会議の議題おくりたい", "窓口のキャッシュレス化", "議題（1件）"),
    ("議題を送りたいです", "窓口のキャッシュレス化", "議題（1件）"),
    ("次の会議に議題を追加したいんですが", "窓口のキャッシュレス化", "議題（1件）"),
    ("すみません、気づきを送りたいです", "申請書の様式が多すぎる", "小さな気づき（1件）"),
])
async def test_a_plain_request_to_send_an_item_opens_the_dialog(app_factory, clock, wish, item, heading):
    app = await app_factory(clock=clock)
    admin, (suzuki, *_rest) = await office(app)
    await set_meeting(admin)
    await suzuki.say(wish)
    assert "入力してください" in suzuki.text() and "近いご質問" not in suzuki.text(), suzuki.text()
    await suzuki.say(item)
    assert "を受け付けました" in suzuki.text(), suzuki.text()
    await admin.say("/dx 会議 議題")
    lines = admin.text().splitlines()
    assert lines[lines.index(heading) + 1].startswith(f"・{item}（鈴木（企画課））"), lines
    await no_unanswered_questions(admin)


async def test_after_a_request_to_send_an_item_a_change_of_mind_or_a_question_is_not_stored(app_factory, clock):
    app = await app_factory(clock=clock)
    admin, (suzuki, *_rest) = await office(app)
    await set_meeting(admin)
    await suzuki.say("議題を送りたいです")
    await suzuki.say("会議どこ？")
    assert "場所: 301会議室" in suzuki.text(), suzuki.text()
    await suzuki.say("議題おくりたい")
    await suzuki.say("いや、やっぱりいいです")
    assert "入力をやめました" in suzuki.text(), suzuki.text()
    await admin.say("/dx 会議 議題")
    assert "まだ届いていません" in admin.text(), admin.text()


async def test_a_request_to_send_an_item_from_someone_not_invited_goes_to_the_desk(app_factory, clock):
    app = await app_factory(clock=clock)
    admin, _ = await office(app)
    await set_meeting(admin)
    staff = Person(app, "tanaka", "田中")
    await staff.say("会議の議題おくりたい")
    assert "議題を入力してください" not in staff.text(), staff.text()


# --- 4. items of a cancelled date are carried over, and their senders told ----------------------------
@pytest.mark.parametrize("command", ["/dx 会議 中止 M-1 12/8", "/dx 会議 スキップ"])
async def test_the_items_of_a_cancelled_date_are_carried_over_to_the_next(app_factory, clock, command):
    app = await app_factory(clock=clock)
    admin, (suzuki, sato, _kato) = await office(app)
    await set_meeting(admin)
    await suzuki.say("議題: 窓口のキャッシュレス化")
    await suzuki.say("気づき: 申請書の様式が多すぎる")
    await sato.say("出席します")
    await admin.say(command)
    reply = admin.text()
    assert "議題・気づき2件は次回 2027年1月12日（火）15:00 の会議に持ち越します" in reply, reply

    await admin.say("/dx 会議 議題")
    listing = admin.text()
    assert "2027年1月12日（火）15:00" in listing and "まだ届いていません" not in listing, listing
    assert "・窓口のキャッシュレス化（鈴木（企画課））（12/8から持ち越し）" in listing.splitlines(), listing
    assert "・申請書の様式が多すぎる（鈴木（企画課））（12/8から持ち越し）" in listing.splitlines(), listing

    told = await message_for(app, f"{DEC8}:cancelled", "suzuki")
    assert "あなたが送った議題・気づき（2件）は次回 2027年1月12日（火）15:00 の会議に持ち越します" in told.text
    other = await message_for(app, f"{DEC8}:cancelled", "sato")
    assert "持ち越し" not in other.text, other.text

    await admin.say("/dx 会議 今すぐ送信 M-1")  # the January reminder carries them too
    reminder = await message_for(app, "meeting:1:2027-01-12:manual", "sato")
    assert "窓口のキャッシュレス化" in str(reminder.to_dict()), reminder


async def test_a_cancelled_date_with_no_items_says_nothing_of_them(app_factory, clock):
    app = await app_factory(clock=clock)
    admin, (suzuki, *_rest) = await office(app)
    await set_meeting(admin)
    await suzuki.say("出席します")
    await admin.say("/dx 会議 中止 M-1 12/8")
    assert "持ち越" not in admin.text() and len(await rows_with(app, f"{DEC8}:cancelled")) == 3


# --- 5. a comment keeps only a real reason or note -----------------------------------------------------
@pytest.mark.parametrize("said, head, line", [
    ("あ、その日の会議やっぱり代理で山田が出ます", "代理出席", "・鈴木（企画課） → 代理出席（山田）"),
    ("あ、その日の会議やっぱり出張で行けません", "欠席", "・鈴木（企画課）「出張」"),
    ("えっと、来週の会議は、すみません、欠席します", "欠席", "・鈴木（企画課）"),
    ("うーん、やっぱり会議は代わりに係長の田中が出ます", "代理出席", "・鈴木（企画課） → 代理出席（田中）「係長」"),
])
async def test_the_frame_of_a_sentence_is_not_kept_as_the_comment(app_factory, clock, said, head, line):
    app = await app_factory(clock=clock)
    admin, (suzuki, *_rest) = await office(app)
    await set_meeting(admin)
    await suzuki.say(said)
    assert "承りました" in suzuki.text(), suzuki.text()
    assert section(await rsvps(admin), head) == line


# --- 6. a bare time with the meeting's id changes the time only ---------------------------------------
@pytest.mark.parametrize("typed", ["/dx 会議 設定 M-1 15:30", "/dx 会議 設定 M-1 15:30〜", "/dx 会議 設定 Ｍ−１ １５：３０",
                                   "/dx 会議 設定 M‐1 15時半～"])
async def test_a_bare_time_with_the_id_changes_only_the_time(app_factory, clock, typed):
    app = await app_factory(clock=clock)
    admin, _ = await office(app)
    await set_meeting(admin)
    await admin.say(typed)
    assert "読み取れ" not in admin.text(), admin.text()
    await admin.say("/dx 会議 一覧")
    listing = admin.text()
    assert "毎月第2火曜 15:30" in listing and "場所: 301会議室" in listing, listing
