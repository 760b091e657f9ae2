"""Issue 15, point 4: natural Japanese in every job — free-text RSVPs near a meeting, meeting rules
as people say them, choice answers by number, label, kana, polite or casual form, a 「特になし」
that ends the question, a refused reply that never moves on, short errors with an example, and
the form's footer once."""

from __future__ import annotations

from bot.core.model import Role
from handlers.checkins.ports import CHECKINS
from tests.support.assessment import start_assessment
from tests.support.checkins import member
from tests.support.meetings import office


async def test_a_meeting_set_and_answered_the_way_people_talk(app_factory, clock):
    app = await app_factory(clock=clock)
    室長, (鈴木, 佐藤, _) = await office(app)
    await 室長.command("meeting set 毎月2週目の火曜日の午後3時から | 場所: 会議室A")
    assert "会議 M-1 を登録しました" in 室長.text() and "2027年1月12日（火）15:00" in 室長.text()

    await 鈴木.say("来週の会議、参加でお願いします")
    assert "「出席」で承りました" in 鈴木.text()
    await 佐藤.say("すみません、その日は出張で行けません")
    assert "「欠席（出張）」で承りました" in 佐藤.text()
    assert await app.services.faq.list_unanswered() == []  # nothing went to the FAQ desk

    await 室長.command("meeting rsvps")
    assert "出張" in 室長.text()

    for rule in ("毎月第二火曜 15時", "第2火曜日 15:00", "毎月第2週の火曜 午後3時"):
        await 室長.command(f"meeting set M-1 {rule}")
        assert "会議 M-1 を更新しました" in 室長.text() and "15:00" in 室長.text(), rule


async def test_a_second_week_rule_in_any_words_is_shown_as_the_second_tuesday(app_factory, clock):
    """Issue 15, second walk-through: 「2週目の火曜」 is 第2火曜 — set in kanji, full-width or kana
    numbers, the meeting is listed as 「毎月第2火曜 15:00」, not in the words it was typed with."""
    app = await app_factory(clock=clock)
    室長, _ = await office(app)
    await 室長.command("会議 設定 毎月2週目の火曜日の午後3時から | 場所: 会議室A")
    assert "毎月第2火曜 15:00" in 室長.text() and "2週目" not in 室長.text()
    for rule in ("毎月２週目の火曜 15時", "毎月二週目の火曜日 午後3時", "毎月第二火曜日の15時から", "2週目の火曜 15:00"):
        await 室長.command(f"会議 設定 M-1 {rule}")
        assert "会議 M-1 を更新しました" in 室長.text(), rule
        await 室長.command("会議 一覧")
        assert "M-1" in 室長.text() and "毎月第2火曜 15:00" in 室長.text(), (rule, 室長.text())
        assert "週目" not in 室長.text() and "二" not in 室長.text(), rule


async def test_check_in_answers_in_the_words_people_use(app_factory, clock):
    app = await app_factory(clock=clock)
    admin = await member(app, "boss", "管理者", "DX推進室", Role.ADMIN)
    田中 = await member(app, "tanaka", "田中", "市民課")
    await admin.command("checkin start 締切 2026-12-10")

    await 田中.command("checkin")
    assert "「やめる」で中断" in 田中.text()  # the footer, on the first question
    await 田中.say("たくさん")
    assert 田中.text().count("\n") == 0 and "例:「12」" in 田中.text()  # one short line with an example
    await 田中.say("12件です")
    assert "「やめる」で中断" not in 田中.text()  # ...and not on every turn
    await 田中.say("8")
    await 田中.say("2")
    assert "の状況" in 田中.text()
    await 田中.say("たぶん")  # refused: the same question again, nothing moved on
    assert "番号または言葉で" in 田中.text()
    await 田中.say("進行中です")
    assert "補足があれば" in 田中.text()
    await 田中.say("スキップ")
    await 田中.say("遅れてます")
    assert "遅れている理由" in 田中.text()
    await 田中.say("業者との契約が来月にずれたため")
    await 田中.say("スキップ")
    assert "課題になっていること" in 田中.text()
    await 田中.press(田中.choice("特になし"))  # ends the question: no 「確定」 step
    assert "相談したいこと" in 田中.text()
    await 田中.say("いいえ")
    await 田中.say("スキップ")
    await 田中.say("送信")
    result = await app.services.get(CHECKINS).repo.result_for(1, "市民課")
    statuses = sorted(v for k, v in result.answers.items() if k.endswith(".status"))
    assert statuses == ["delayed", "in_progress"] and result.answers["obstacles"] == ["nothing"]


async def test_status_words_by_kana_and_casual_form(app_factory, clock):
    app = await app_factory(clock=clock)
    admin = await member(app, "boss", "管理者", "DX推進室", Role.ADMIN)
    田中 = await member(app, "tanaka", "田中", "市民課")
    await admin.command("checkin start 締切 2026-12-10")
    await 田中.command("checkin")
    for text in ("じゅうに", "１２けん", "に", "しんこうちゅう", "スキップ", "かんりょう"):
        await 田中.say(text)
    assert "補足があれば" in 田中.text()


# --- the final walk-through (casual, typo'd Japanese in `dxdesk chat`) ----------------------
async def _to_the_obstacles(app, clock):  # type: ignore[no-untyped-def]
    admin = await member(app, "boss", "管理者", "DX推進室", Role.ADMIN)
    田中 = await member(app, "tanaka", "田中", "市民課")
    await admin.command("checkin start 締切 2026-12-10")
    await 田中.command("checkin")
    for text in ("１２", "8", "2", "しんこうちゅう", "とくになし", "かんりょう", "スキップ"):
        await 田中.say(text)
    assert "課題になっていること" in 田中.text() and "[選択を確定]" in 田中.text()
    return 田中


async def _submit(app, 田中):  # type: ignore[no-untyped-def]
    await 田中.say("いいえ")  # no consultation
    await 田中.say("スキップ")
    await 田中.say("送信")
    return await app.services.get(CHECKINS).repo.result_for(1, "市民課")


async def test_a_typed_multi_choice_moves_on_and_a_stray_9_is_not_stored_as_the_next_answer(app_factory, clock):
    app = await app_factory(clock=clock)
    田中 = await _to_the_obstacles(app, clock)
    await 田中.say("2と5")
    assert "「人員・時間」「庁内調整」を記録しました" in 田中.text()  # one line says what was recorded
    assert "選択を確定" not in 田中.text() and "課題の内容を具体的に" in 田中.text()
    await 田中.say("９")  # meant for the 「選択を確定」 button [9] of the question before
    assert "「9」は「課題の内容」への回答ですか？" in 田中.text() and "[いいえ、書き直します]" in 田中.text()
    await 田中.say("いいえ")
    assert "「9」は記録していません" in 田中.text() and "課題の内容を具体的に" in 田中.text()
    await 田中.say("人手が足りない、予算もない")
    assert "相談したいこと" in 田中.text()
    result = await _submit(app, 田中)
    assert result.answers["obstacles"] == ["staffing", "coordination"]
    assert result.answers["obstacles_detail"] == "人手が足りない、予算もない"  # nothing shifted by one


async def test_free_text_to_a_choice_is_kept_as_other_or_set_aside_never_lost(app_factory, clock):
    app = await app_factory(clock=clock)
    admin = await member(app, "boss", "管理者", "DX推進室", Role.ADMIN)
    田中 = await member(app, "tanaka", "田中", "市民課")
    await admin.command("checkin start 締切 2026-12-10")
    await 田中.command("checkin")
    for text in ("12", "8", "2"):
        await 田中.say(text)
    # A status has no 「その他」: one line with the choices; the words are kept for later.
    await 田中.say("業者さんとの調整で止まってる")
    assert 田中.replies[-1].text.count("\n") == 0 and "1.未着手 2.進行中 3.完了 4.遅延" in 田中.text()
    assert "「業者さんとの調整で止まってる」は控えてあり" in 田中.text()
    await 田中.say("おくれてる")
    assert "遅れている理由" in 田中.text() and "さきほどの「業者さんとの調整で止まってる」" in 田中.text()
    await 田中.say("はい")
    assert "記録しました（「住民票の写しのオンライン請求」の遅延理由: 業者さんとの調整で止まってる）" in 田中.text()
    for text in ("スキップ", "完了", "スキップ"):
        await 田中.say(text)
    # The obstacles have 「その他」 and a detail question: the text is kept there.
    await 田中.say("LoGoフォームで住民票の申請フォーム作った")
    assert "「その他」として記録し、「LoGoフォームで住民票の申請フォーム作った」を「課題の内容」に入れました" in 田中.text()
    assert "相談したいこと" in 田中.text()
    result = await _submit(app, 田中)
    assert result.answers["obstacles"] == ["other"]
    assert result.answers["obstacles_detail"] == "LoGoフォームで住民票の申請フォーム作った"
    assert "業者さんとの調整で止まってる" in result.answers.values()


async def test_a_conditional_question_is_announced_so_the_count_never_jumps_silently(app_factory, clock):
    app = await app_factory(clock=clock)
    admin = await member(app, "boss", "管理者", "DX推進室", Role.ADMIN)
    田中 = await member(app, "tanaka", "田中", "市民課")
    await admin.command("checkin start 締切 2026-12-10")
    await 田中.command("checkin")
    for text in ("12", "8", "2", "進行中"):
        await 田中.say(text)
    before = 田中.replies[-1].title
    await 田中.say("スキップ")
    assert 田中.replies[-1].title.endswith(before[before.index("/"):])  # same total
    await 田中.say("遅れてます")
    assert "（「遅延」とのお答えなので、1問追加でお聞きします）" in 田中.text()
    # The title counts every question the form may ask (「/最大14問」): the added one changes nothing.
    assert 田中.replies[-1].title.endswith(before[before.index("/"):])
    for text in ("業者との契約が来月にずれたため", "スキップ", "特になし", "いいえ", "スキップ"):
        await 田中.say(text)
    assert "回答内容の確認" in 田中.text()
    await 田中.say("6を変更")
    await 田中.say("進行中")
    assert "お聞きする質問が1問減りました" in 田中.text()


async def test_every_dialog_names_the_same_word_to_stop(app_factory, clock):
    app = await app_factory(clock=clock)
    admin = await member(app, "boss", "管理者", "DX推進室", Role.ADMIN)
    田中 = await member(app, "tanaka", "田中", "市民課")
    await admin.command("checkin start 締切 2026-12-10")
    await 田中.command("checkin")
    assert "「やめる」" in 田中.text()
    await start_assessment(admin, "診断 開始 全員 締切 2026-12-10")
    await 田中.command("診断")
    assert "「やめる」" in 田中.text() and "「中断」" not in 田中.text() and "[やめる]" in 田中.text()
    await 田中.say("ぷりんと")  # not a level: the refusal names the same words
    assert "「戻る」で前の質問、「やめる」で中断" in 田中.text()
    await 田中.say("やめる")
    assert "続きから" in 田中.text()


async def test_a_walk_through_in_casual_typed_japanese(app_factory, clock):
    app = await app_factory(clock=clock)
    admin = await member(app, "boss", "管理者", "DX推進室", Role.ADMIN)
    田中 = await member(app, "tanaka", "田中", "市民課")
    await admin.command("checkin start 締切 2026-12-10")
    await 田中.command("checkin")
    await 田中.say("１２けん")
    await 田中.say("エクセルでVLOOKUPってどうやるの？")  # leaves the form for a question
    assert "VLOOKUP" in 田中.text() and "（進捗報告の続き: そのうち、すでにオンライン" in 田中.text()
    await 田中.say("続きから")
    assert "すでにオンラインで申請できる" in 田中.text()
    for text in ("はち", "ぜろ", "しんこーちゅう"):
        await 田中.say(text)
    assert "状況: 進行中" in 田中.text()
    await 田中.say("特に無し")  # to an optional note: skipped, not stored as the words
    assert "この質問はスキップしました" in 田中.text()
    await 田中.say("おわった")
    assert "状況: 完了" in 田中.text()
    await 田中.say("とくになし")
    await 田中.say("特に無し")  # the obstacles' none item ends the question
    assert "相談したいこと" in 田中.text()
    await 田中.say("いいえ")
    await 田中.say("おねがいします")  # to a free-text question: checked, not stored
    assert "「おねがいします」は「小さな気づき」への回答ですか？" in 田中.text()
    await 田中.say("LoGoの使い方おしえてほしい")  # a clear question: the FAQ desk at once (ninth round)
    assert "への回答ですか？" not in 田中.text() and "（進捗報告の続き: " in 田中.text(), 田中.text()
    await 田中.say("続きから")
    await 田中.say("スキップ")
    await 田中.say("そうしん")
    result = await app.services.get(CHECKINS).repo.result_for(1, "市民課")
    assert result.answers["obstacles"] == ["nothing"] and "small_findings" not in result.answers
    assert not any("特に無し" == v for v in result.answers.values())


# --- round 2 of the walk-through (issue 15) -------------------------------------------------
async def test_free_text_rsvps_with_reasons_proxies_and_a_change_of_mind(app_factory, clock):
    app = await app_factory(clock=clock)
    室長, (鈴木, 佐藤, 高橋) = await office(app)
    await 室長.command("meeting set 毎月第2火曜 15:00")

    await 鈴木.say("その日は出張なのでむりです、代わりに鈴木が出ます")
    assert "代理" in 鈴木.text() and "鈴木" in 鈴木.text() and "承りました" in 鈴木.text()
    await 佐藤.say("すみません、その日は休みます")
    assert "「欠席」で承りました" in 佐藤.text()
    await 高橋.say("代わりに佐々木が出席します")
    assert "佐々木" in 高橋.text() and "承りました" in 高橋.text()
    await 佐藤.say("やっぱり出れそうです")
    assert "「出席」で承りました" in 佐藤.text()
    assert await app.services.faq.list_unanswered() == []  # nothing went to the FAQ desk

    await 室長.command("meeting rsvps")
    listing = 室長.text()
    assert "出張" in listing and "佐々木" in listing  # the reason and the proxy are kept
    assert "欠席" not in listing.split("佐藤")[1].split("\n")[0]  # the change of mind replaced 欠席

    # Inside an open check-in form the same sentences are RSVPs, and the form waits.
    admin = await member(app, "boss", "管理者", "DX推進室", Role.ADMIN)
    await admin.command("checkin start 締切 2026-12-10")
    await 佐藤.command("checkin")
    await 佐藤.say("その日は出張なのでむりです、代わりに鈴木が出ます")
    said = 佐藤.text()  # recorded by the meetings job, then the form's question comes again
    assert "承りました" in said and said.rindex("承りました") < said.rindex("全部で何件ですか"), said


async def test_hedged_answers_stay_in_the_form_and_never_reach_the_faq(app_factory, clock):
    """Issue 15, F1: 「うーん、８件かな」 at a number question and 「人手がたりないのと予算かな」 at the
    課題 question are answers; a hedge the form cannot use is asked again, not logged as an
    unanswered FAQ question; 「さっきの続き」 resumes."""
    app = await app_factory(clock=clock)
    admin = await member(app, "boss", "管理者", "DX推進室", Role.ADMIN)
    田中 = await member(app, "tanaka", "田中", "市民課")
    await admin.command("checkin start 締切 2026-12-10")
    await 田中.command("checkin")
    await 田中.say("うーん、たくさんかな")  # nothing to read: the same question again, in the form
    assert "例:「12」" in 田中.text() and "担当者に" not in 田中.text()
    await 田中.say("えーと、12件くらいです")
    await 田中.say("うーん、８件かな")
    assert "8" in 田中.text()  # the echo of the answer taken
    await 田中.say("たぶん2件だと思います")
    for text in ("しんこうちゅう", "とくになし", "かんりょう", "スキップ"):
        await 田中.say(text)
    assert "課題になっていること" in 田中.text()
    await 田中.say("人手がたりないのと予算かな")
    assert "「予算」「人員・時間」を記録しました" in 田中.text() and "担当者に" not in 田中.text()
    await 田中.say("窓口の担当が1名欠員で、改修費も来年度予算待ち")
    assert "相談したいこと" in 田中.text()
    assert await app.services.faq.list_unanswered() == []  # no slipped answer became a FAQ question
    await 田中.say("Teamsの会議室はどう予約するの？")  # a clear question leaves the form
    assert "（進捗報告の続き: " in 田中.text()
    await 田中.say("さっきの続き")
    assert "相談したいこと" in 田中.text()
    result = await _submit(app, 田中)
    answers = result.answers
    assert sorted(answers["obstacles"]) == ["budget", "staffing"]
    assert sorted(v for v in answers.values() if isinstance(v, int) and not isinstance(v, bool))[:3] == [2, 8, 12]


# --- s23 tester findings (check-in form) ----------------------------------------------------
async def _liaison_in_form(app_factory, clock):
    app = await app_factory(clock=clock)
    admin = await member(app, "boss", "管理者", "DX推進室", Role.ADMIN)
    田中 = await member(app, "tanaka", "田中", "市民課")
    await admin.command("checkin start 締切 2026-12-10")
    return app, 田中


async def test_i_dont_know_at_a_number_question_is_answered_in_the_form(app_factory, clock):
    app, 田中 = await _liaison_in_form(app_factory, clock)
    await 田中.command("checkin")
    for text in ("わからない", "不明", "まだわからない"):
        await 田中.say(text)
        assert "見込み" in 田中.text() and "「0」" in 田中.text(), text  # one line, in the form
        assert 田中.text().count("\n") == 0 and "続きから" not in 田中.text(), text
    await 田中.say("ぜんぶで１２件")
    assert "12件" in 田中.text()
    await 田中.say("たぶん３つくらい")
    assert "3件" in 田中.text()
    await 田中.say("合計1件")
    assert "1件" in 田中.text()
    assert await app.services.faq.list_unanswered() == []


async def test_a_button_number_answers_the_one_line_check(app_factory, clock):
    app = await app_factory(clock=clock)
    田中 = await _to_the_obstacles(app, clock)
    await 田中.say("2と5")
    await 田中.say("はい")
    assert "「はい」は「課題の内容」への回答ですか？" in 田中.text()
    await 田中.say("2")  # [2]いいえ、書き直します
    assert "「はい」は記録していません" in 田中.text() and "への回答ですか" not in 田中.text()
    await 田中.say("はい")
    await 田中.say("１")  # [1]はい、回答です
    assert "への回答ですか" not in 田中.text() and "相談したいこと" in 田中.text()


async def test_saying_you_will_report_starts_the_check_in(app_factory, clock):
    for text in ("あ、報告のやつやります", "報告したい", "進捗報告やる"):
        app, 田中 = await _liaison_in_form(app_factory, clock)
        await 田中.say(text)
        assert "全部で何件" in 田中.text(), text
        assert await app.services.faq.list_unanswered() == [], text


async def test_check_in_replies_name_japanese_command_words(app_factory, clock):
    app = await app_factory(clock=clock)
    田中 = await _to_the_obstacles(app, clock)
    await 田中.press(田中.choice("特になし"))
    await _submit(app, 田中)
    assert "「/dx 報告 修正」" in 田中.text() and "checkin" not in 田中.text()
    admin = await member(app, "boss2", "管理者2", "DX推進室", Role.ADMIN)
    await admin.command("報告 みていしゅつ")
    assert "使い方" not in admin.text() and "checkin" not in admin.text()
    await 田中.command("報告 みていしゅつ")
    assert "checkin" not in 田中.text()
