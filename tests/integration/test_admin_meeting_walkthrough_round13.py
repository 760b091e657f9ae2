"""Admin and meeting walk-through, fourteenth round (2026-12-06): the DX office's admin and the
liaisons on the console. Each test reads as the conversation and failed on the code before.

1. While the admin's category prompt of an FAQ draft was open, 「FAQを書き出して」 published the draft in
   the category 「FAQを書き出」 and 「今月のまとめ見せて」 would have been a category too. A request some
   job knows by its words now runs, and the prompt stays open, asked again in one line after it.
2. A month with no questions read 「質問数: 0件（前月 0件、+0件）」「0件（質問の—）」: now 「0件（質問なし）」.
3. The check-in and assessment status named the pending people as 「田中［依頼送信待ち］」 and times as
   「12/08(月) 8:30」; someone with no chat address was only 「依頼なし」 or 「送信失敗」. Now
   「田中さん（依頼送信待ち）」, 「12月8日（月）08:30」 and 「チャットの宛先なし」, counted in one line.
4. 「DX連絡会は毎月2週目の火曜午後3時から」 (no 第) went to the FAQ desk; it sets that meeting's name and rule.
5. The help of 中止 showed no date, and 「会議を中止したい」 went to the FAQ desk: both show a date now.
6. 「窓口が混みそうなんで」 after 「欠席します」 was kept as 「窓口が混みそうな」, and 「出張なくなったので出ます」
   was kept as 「出席（出張なくなった）」.
"""

from __future__ import annotations

import pytest

from bot.core.model import Role
from tests.conftest import FakeClock
from tests.integration.test_faq_walkthrough_round4 import kept_draft, people
from tests.support.assessment import admin_of, staff, start_assessment
from tests.support.campaigns import app_at_night
from tests.support.checkins import member
from tests.support.meetings import office, tokyo


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(tokyo(2026, 12, 2, 10, 0))  # Wednesday morning in Tokyo; the meeting is next Tuesday


# --- 1. another request at an open prompt runs, and the prompt stays -----------------------------
async def category_prompt(app_factory, clock):
    app = await app_factory(clock=clock)
    boss, 山田 = await people(app)
    await 山田.say("こんにちは")
    await kept_draft(app, boss, "Teamsの会議で背景をぼかすにはどうすればよいですか？", "「背景効果」から「ぼかし」を選びます。")
    await boss.command("faq publish D-1 そのまま")
    assert "カテゴリがありません" in boss.text(), boss.text()
    return app, boss


async def test_faq_export_asked_at_the_category_prompt_runs_and_the_prompt_stays(app_factory, clock):
    app, boss = await category_prompt(app_factory, clock)
    await boss.say("FAQを書き出して")
    assert "公開しました" not in boss.text(), boss.text()
    assert not [e for e in await app.faq.list_entries() if "背景をぼかす" in e.question]
    assert "「/dx 書き出し FAQ」の結果です" in boss.text() and ".xlsx を作成しました" in boss.text(), boss.text()
    assert boss.replies[-1].text == ("D-1 のカテゴリはまだ決まっていません（「はい」で「オンライン会議」、"
                                     "ほかは番号かカテゴリ名。やめる場合は「やめる」）。"), boss.text()
    await boss.say("はい")  # the prompt is still open
    [entry] = [e for e in await app.faq.list_entries() if "背景をぼかす" in e.question]
    assert entry.category == "オンライン会議"


async def test_the_months_summary_asked_at_the_category_prompt_runs_and_the_prompt_stays(app_factory, clock):
    app, boss = await category_prompt(app_factory, clock)
    await boss.say("今月のまとめ見せて")
    assert "FAQ利用状況（2026年12月）" in boss.text() and "公開しました" not in boss.text(), boss.text()
    assert "D-1 のカテゴリはまだ決まっていません" in boss.replies[-1].text, boss.text()
    await boss.say("2")
    [entry] = [e for e in await app.faq.list_entries() if "背景をぼかす" in e.question]
    assert entry.category != "今月のまとめ見せて"


async def test_a_category_name_is_still_a_category(app_factory, clock):
    app, boss = await category_prompt(app_factory, clock)
    await boss.say("ウェビナー")
    [entry] = [e for e in await app.faq.list_entries() if "背景をぼかす" in e.question]
    assert entry.category == "ウェビナー"


async def test_the_summary_asked_at_the_publish_question_keeps_the_question(app_factory, clock):
    app, boss = await category_prompt(app_factory, clock)
    await boss.say("やめる")
    await boss.say("D-1を公開して")
    assert "D-1 を公開しますか" in boss.text(), boss.text()
    await boss.say("今月のまとめ見せて")
    assert "FAQ利用状況（2026年12月）" in boss.text(), boss.text()
    assert boss.replies[-1].text == "D-1 を公開しますか？（「はい」で公開、「いいえ」でそのまま）", boss.text()


# --- 2. an empty month reads 「0件（質問なし）」 ----------------------------------------------------------
@pytest.mark.parametrize("said", ["今月のまとめ", "/dx 要約 FAQ 2025-01"])
async def test_a_month_with_no_questions_reads_none_asked(app_factory, clock, said):
    app = await app_factory(clock=clock)
    boss, _山田 = await people(app)
    await boss.say(said)
    text = boss.text()
    assert "質問数: 0件（質問なし）" in text, text
    assert "前月 0件" not in text and "+0件" not in text and "質問の—" not in text, text
    assert "FAQの回答をそのまま表示: 0件\n" in text, text
    assert "解決率（評価のあった質問のうち）: —（評価なし）" in text and "評価 0件のうち" not in text, text


# --- 3. the status names who is pending, with their state; short JST times ---------------------
async def test_check_in_status_names_the_pending_people_with_their_state(app_factory):
    app = await app_at_night(app_factory)
    boss = await member(app, "boss", "室長", "DX推進室", Role.ADMIN)
    await member(app, "tanaka", "田中", "市民課")
    takahashi = await app.services.people.find("takahashi") or None
    assert takahashi is None
    await member(app, "takahashi", "高橋", "税務課")
    person = await app.services.people.find("takahashi")
    person.local_id = ""  # imported from the roster: no chat address at all
    await app.services.people.save(person)
    await boss.command("報告 開始 締切 12/18")
    await boss.command("報告 状況")
    text = boss.text()
    assert "市民課: 未回答 田中さん（依頼送信待ち）" in text, text
    assert "税務課: 未回答 高橋さん（チャットの宛先なし）" in text, text
    assert "チャットの宛先がない1人には依頼が届きません" in text, text
    assert "未送信のうち2件は 12月8日（月）08:30 に送信予定" in text, text
    assert "［" not in text and "12/08" not in text, text


async def test_assessment_status_names_the_pending_people_with_their_state(app_factory):
    app = await app_at_night(app_factory)
    admin = await admin_of(app)
    for i in range(5):
        await staff(app, f"s{i}", "税務課")
    await start_assessment(admin, "診断 開始 全員 締切 12/19")
    await admin.command("診断 状況")
    text = admin.text()
    assert "s0さん（依頼送信待ち）" in text and "［" not in text, text
    assert "未送信のうち5件は 12月8日（月）08:30 に送信予定" in text, text


# --- 4. a rule with the meeting's name before it --------------------------------------------------
@pytest.mark.parametrize(("said", "title"), [
    ("定例会を毎月第2火曜15時に", "定例会"),
    ("DX連絡会は毎月2週目の火曜午後3時から", "DX連絡会"),
    ("課長会議は毎月3週目の水曜10時から", "課長会議"),
])
async def test_a_rule_after_the_meetings_name_sets_both(app_factory, clock, said, title):
    app = await app_factory(clock=clock)
    admin, _liaisons = await office(app)
    await admin.say(said)
    assert f"次の内容で設定します: {title}・毎月第" in admin.text(), admin.text()
    await admin.say("はい")
    await admin.say("/dx 会議 一覧")
    assert f"M-1 {title}: 毎月第" in admin.text(), admin.text()
    assert "15:00" in admin.text() or "10:00" in admin.text(), admin.text()


# --- 5. 中止 shows a date ----------------------------------------------------------------------------
async def meeting_set(app_factory, clock):
    app = await app_factory(clock=clock)
    admin, liaisons = await office(app)
    await admin.say("/dx 会議 設定 毎月第2火曜 15:00 | 場所: 301会議室")
    return app, admin, liaisons


async def test_the_help_of_cancel_shows_a_date(app_factory, clock):
    _app, admin, _liaisons = await meeting_set(app_factory, clock)
    await admin.say("/dx help 会議")
    assert "/dx 会議 中止 [M-番号] [日付] — 会議を中止（日付を付けるとその日だけ。例:「/dx 会議 中止 12/8」）" in admin.text(), admin.text()


@pytest.mark.parametrize("said", ["会議を中止したい", "会議中止したい", "会議の中止"])
async def test_cancel_in_words_without_a_date_shows_the_command_with_the_next_date(app_factory, clock, said):
    _app, admin, _liaisons = await meeting_set(app_factory, clock)
    await admin.say(said)
    assert admin.text() == ("一日だけ中止するときは、日付を付けて「/dx 会議 中止 12/8」と入力してください（会議 M-1 の次回です）。"
                            "会議そのものをやめて今後のリマインドを止めるときは「/dx 会議 中止 M-1」です。"), admin.text()
    await admin.say("/dx 会議 中止 12/8")  # the example works as shown
    assert "2026年12月8日（火）15:00 の会議は開催しません" in admin.text(), admin.text()


async def test_cancel_in_words_with_two_meetings_names_the_meeting_of_the_next_date(app_factory, clock):
    _app, admin, _liaisons = await meeting_set(app_factory, clock)
    await admin.say("課長会議を毎月第1月曜10時に")
    await admin.say("はい")
    await admin.say("会議を中止したい")
    assert "「/dx 会議 中止 M-2 12/7」" in admin.text(), admin.text()
    await admin.say("/dx 会議 中止 M-2 12/7")
    assert "2026年12月7日（月）10:00 の会議は開催しません" in admin.text(), admin.text()


async def test_a_liaisons_cancel_in_words_is_not_a_command_hint(app_factory, clock):
    _app, _admin, (suzuki, *_rest) = await meeting_set(app_factory, clock)
    await suzuki.say("会議を中止したい")
    assert "/dx 会議 中止" not in suzuki.text(), suzuki.text()


async def test_a_date_the_cancel_command_cannot_read_is_shown_with_an_example_date(app_factory, clock):
    _app, admin, _liaisons = await meeting_set(app_factory, clock)
    await admin.say("/dx 会議 中止 あさって以降")
    assert admin.text() == "中止する日付を「/dx 会議 中止 M-1 12/8」のように指定してください。", admin.text()


# --- 6. absence reasons ------------------------------------------------------------------------------
async def test_a_reason_sent_after_the_absence_in_a_na_n_de_form_is_kept_whole(app_factory, clock):
    _app, admin, (suzuki, sato, *_rest) = await meeting_set(app_factory, clock)
    await suzuki.say("窓口が混みそうなんで行けないです")
    assert "「欠席（窓口が混みそう）」" in suzuki.text(), suzuki.text()
    await sato.say("欠席します")
    await sato.say("窓口が混みそうなんで")
    assert sato.text() == "欠席の理由に「窓口が混みそう」を添えました。", sato.text()
    await admin.say("/dx 会議 出欠")
    assert "鈴木（企画課）「窓口が混みそう」" in admin.text() and "佐藤（税務課）「窓口が混みそう」" in admin.text(), admin.text()


@pytest.mark.parametrize("said", ["出張なくなったので出ます", "出張が中止になったので出席します", "研修が終わったので出られます"])
async def test_attending_after_an_absence_drops_the_old_reason_and_keeps_no_new_one(app_factory, clock, said):
    _app, admin, (_suzuki, _sato, kato) = await meeting_set(app_factory, clock)
    await kato.say("出張のため欠席します")
    assert "「欠席（出張）」" in kato.text(), kato.text()
    await kato.say(said)
    assert "に「出席」で承りました" in kato.text(), kato.text()
    await admin.say("/dx 会議 出欠")
    text = admin.text()
    assert "・加藤（福祉課）\n" in text + "\n" and "出張" not in text and "なくなった" not in text, text
