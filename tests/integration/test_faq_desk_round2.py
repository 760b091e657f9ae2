"""The FAQ desk as staff really talk to it (issue 15, round 2): casual Japanese for yes, no,
thanks and "none of these"; asking for a person; checking on one's own questions; when a
forwarded question will be looked at; drafts published with care; a short self-introduction."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from bot.core.model import Role, SuggestionStatus
from bot.core.replies import Choice
from tests.support.checkins import member
from tests.support.dialogue import Person

ANSWERED = "パソコンが遅い"            # the sample FAQ answers this at once
CANDIDATES = "Excelの関数"             # ...and offers candidates for this
UNKNOWN = "ふるさと納税のページにログインできないんだけど"  # ...and has nothing for this


async def staff(app, user_id="yamada", name="山田"):
    boss = Person(app, "boss", "室長")
    await boss.say("こんにちは")  # the first console user is the admin
    return boss, Person(app, user_id, name)


# --- 1. a request for a person -------------------------------------------------------------
async def test_asking_for_a_person_offers_to_forward_the_last_question(app_factory, clock):
    app = await app_factory(clock=clock)
    _, 山田 = await staff(app)
    await 山田.say(ANSWERED)
    await 山田.say("人と話したい")
    assert "担当者に転送しますか" in 山田.text() and ANSWERED in 山田.text()
    assert "ビジネスチャット" not in 山田.text()
    await 山田.say("はい")
    assert "Q-1" in 山田.text()
    assert (await app.faq.get_unanswered(1)).text == ANSWERED


async def test_asking_for_a_person_with_no_question_asks_what_to_forward(app_factory, clock):
    app = await app_factory(clock=clock)
    _, 佐藤 = await staff(app, "sato", "佐藤")
    await 佐藤.say("だれか詳しい人に聞きたい")
    assert "担当者にお聞きになりたい内容" in 佐藤.text() and "[1]" not in 佐藤.text()
    assert "市民アンケート" not in 佐藤.text()
    await 佐藤.say("公用車の予約システムの管理者権限がほしい")
    assert "転送しました" in 佐藤.text() and "Q-1" in 佐藤.text()
    await 佐藤.say("Excelの関数のことを担当者に聞きたい")  # has a topic of its own: searched as a question
    assert "担当者にお聞きになりたい内容" not in 佐藤.text()
    for words in ("担当者に聞きたい", "人と話したい"):
        other = Person(app, f"p{len(words)}", "別の人")
        await other.say(words)
        assert "担当者にお聞きになりたい内容" in other.text(), words


# --- 2. casual yes / no / thanks / none of these -------------------------------------------
async def test_casual_feedback_after_an_answer_is_understood(app_factory, clock):
    app = await app_factory(clock=clock)
    _, 山田 = await staff(app)
    for reply, expected in (("役に立たなかった", "お役に立てず"), ("いいえ、違いました😢", "お役に立てず"),
                            ("ありがとう！助かった", "よかった"), ("はい！解決しました🙏", "よかった"),
                            ("助かりました〜ありがとうございます！", "よかった")):
        await 山田.say(ANSWERED)
        assert "解決しましたか" in 山田.text()
        await 山田.say(reply)
        assert expected in 山田.text(), (reply, 山田.text())
        if "転送しますか" in 山田.text():
            await 山田.say("転送しない")
    await 山田.say(ANSWERED)
    await 山田.say("Teamsが使えない、ダメ")  # a new question, not feedback on the answer
    assert "お役に立てず" not in 山田.text() and "よかった" not in 山田.text()


async def test_a_lukewarm_reply_to_candidates_means_none_of_these(app_factory, clock):
    app = await app_factory(clock=clock)
    _, 山田 = await staff(app)
    for reply in ("うーん、微妙", "微妙です…", "どれも違うかも"):
        await 山田.say(CANDIDATES)
        assert "[どれでもない]" in 山田.text()
        await 山田.say(reply)
        assert "転送しますか" in 山田.text(), (reply, 山田.text())
        await 山田.say("転送しない")


# --- 3. the asker checks on their questions ------------------------------------------------
async def test_the_asker_can_check_on_their_own_questions(app_factory, clock):
    app = await app_factory(clock=clock)
    _, 山田 = await staff(app)
    await 山田.say(UNKNOWN)
    await 山田.say("はい")
    assert "Q-1" in 山田.text()
    鈴木 = Person(app, "suzuki", "鈴木")
    await 鈴木.say("公用車の予約システムの管理者権限がほしい")
    await 鈴木.say("はい")
    for ask in ("ふるさと納税のログインのこと、返事きた？", "さっきの質問どうなった？"):
        await 山田.say(ask)
        text = 山田.text()
        assert "Q-1" in text and "転送済み" in text and re.search(r"\d+月\d+日 \d+:\d\d", text), (ask, text)
        assert "公用車" not in text and "[どれでもない]" not in text
    await 山田.command("FAQ 自分")
    assert "Q-1" in 山田.text() and "ふるさと納税" in 山田.text()
    await 山田.say("アンケートの回答はどうやって集計する？")  # a question about 回答, not a status check
    assert "お預かりしている" not in 山田.text()
    新人 = Person(app, "new", "新人")
    await 新人.say("さっきの質問どうなった？")
    assert "お預かりしている質問はありません" in 新人.text()


async def test_the_office_is_told_which_entry_did_not_help(app_factory, clock):
    app = await app_factory(clock=clock)
    _, 山田 = await staff(app)
    await 山田.say(ANSWERED)
    shown = 山田.replies[0].choices[0].value.split(":")[2]
    await 山田.say("役に立たなかった")
    await 山田.say("はい")
    notices = [r.payload.get("text", "") for r in await app.outbox.list() if "Q-1" in r.payload.get("title", "")]
    assert notices and shown in notices[0] and "役に立たなかった" in notices[0], notices


# --- 4. when will someone look at it -------------------------------------------------------
async def test_a_question_forwarded_on_saturday_says_when_it_will_be_read(app_factory, clock):
    clock.current = datetime(2026, 12, 5, 2, 0, tzinfo=UTC)  # Saturday 11:00 in Tokyo
    app = await app_factory(clock=clock)
    _, 山田 = await staff(app)
    await 山田.say(UNKNOWN)
    await 山田.say("はい")
    assert "12月7日（月）" in 山田.text() and "営業時間外" in 山田.text(), 山田.text()


async def test_a_question_forwarded_in_office_hours_says_today(app_factory, clock):
    app = await app_factory(clock=clock)  # Tuesday 09:00 in Tokyo
    _, 山田 = await staff(app)
    await 山田.say(UNKNOWN)
    await 山田.say("はい")
    assert "本日中" in 山田.text() and "営業時間外" not in 山田.text(), 山田.text()


# --- 5. drafts ----------------------------------------------------------------------------
async def forwarded_and_answered(app, asker, liaison, question, answer):
    await asker.say(question)
    await asker.say("はい")
    qid = re.search(r"Q-(\d+)", asker.text()).group(1)
    await liaison.command(f"FAQ 回答 Q-{qid} {answer}")
    return qid


async def test_the_drafts_hint_names_a_real_draft(app_factory, clock):
    app = await app_factory(clock=clock)
    室長, 山田 = await staff(app)
    await forwarded_and_answered(app, 山田, 室長, UNKNOWN, "ふるさと納税サイトのパスワード再設定をしてください。")
    await forwarded_and_answered(app, 山田, 室長, "公用車の予約システムの管理者権限がほしい", "総務課に申請してください。")
    await 室長.command("FAQ 破棄 D-1")
    await 室長.command("FAQ 下書き")
    assert "D-2" in 室長.text() and "D-1" not in 室長.text(), 室長.text()


async def test_publishing_the_askers_own_words_asks_first(app_factory, clock):
    app = await app_factory(clock=clock)
    室長, 山田 = await staff(app)
    await forwarded_and_answered(app, 山田, 室長, UNKNOWN, "ふるさと納税サイトのパスワード再設定をしてください。")
    before = len(await app.faq.list_entries())
    await 室長.command("FAQ 公開 D-1")
    assert "質問文が質問者の言葉のままです" in 室長.text()
    assert len(await app.faq.list_entries()) == before  # nothing went live
    await 室長.press("このまま公開")
    await 室長.press("で公開")  # the closest entries' category
    assert "として公開しました" in 室長.text()
    assert len(await app.faq.list_entries()) == before + 1


async def test_a_reworded_draft_is_published_without_asking(app_factory, clock):
    app = await app_factory(clock=clock)
    室長, 山田 = await staff(app)
    await forwarded_and_answered(app, 山田, 室長, UNKNOWN, "ふるさと納税サイトのパスワード再設定をしてください。")
    await 室長.command("FAQ 編集 D-1 質問 ふるさと納税サイトにログインできないときは？")
    await 室長.command("FAQ 公開 D-1")
    assert "言葉のまま" not in 室長.text()
    await 室長.press("で公開")  # the closest entries' category
    assert "として公開しました" in 室長.text()


async def test_an_answer_given_with_the_button_is_in_the_audit_log(app_factory, clock):
    app = await app_factory(clock=clock)
    _, 山田 = await staff(app)
    鈴木 = await member(app, "suzuki", "鈴木", "企画課", Role.LIAISON)
    await 山田.say(UNKNOWN)
    await 山田.say("はい")
    await 鈴木.press(Choice("回答する", "faq.answer", "1"))
    await 鈴木.say("ふるさと納税サイトのパスワード再設定をしてください。")
    assert "宛先: 山田" in 鈴木.text()  # one check before it goes out
    await 鈴木.say("送信する")
    assert "質問者に送りました" in 鈴木.text()
    entries = [(a.action, a.detail) for a in await app.services.audit.list(20)]
    assert any(action == "faq answer" and "Q-1" in detail for action, detail in entries), entries


# --- 6. small things ----------------------------------------------------------------------
async def test_candidates_are_numbered_once(app_factory, clock):
    app = await app_factory(clock=clock)
    _, 山田 = await staff(app)
    await 山田.say(CANDIDATES)
    labels = [c.label for c in 山田.replies[0].choices]
    assert len(labels) == 4 and not any(re.match(r"\s*\d", label) for label in labels), labels
    await 山田.say("2")
    assert "解決しましたか" in 山田.text()


async def test_approving_with_the_placeholder_shows_an_example(app_factory, clock):
    app = await app_factory(clock=clock)
    室長, 山田 = await staff(app)
    await 山田.say(ANSWERED)
    await 山田.say("はい")
    assert len(await app.faq.list_suggestions(SuggestionStatus.PENDING)) == 1
    await 室長.command("FAQ 承認 S-番号")
    assert "S-S" not in 室長.text() and "S-1" in 室長.text(), 室長.text()


async def test_who_are_you_gets_a_short_self_introduction(app_factory, clock):
    app = await app_factory(clock=clock, office_name="デジタル変革戦略室")
    _, 山田 = await staff(app)
    for ask in ("あなたは誰？", "なにができるの？", "きみ、なにもの？"):
        await 山田.say(ask)
        text = 山田.text()
        assert "デジタル変革戦略室" in text, (ask, text)
        for job in ("質問", "会議", "進捗報告", "スキル診断", "集計"):
            assert job in text, (ask, job, text)
        assert "お話ししたいところ" not in text


async def test_a_test_message_is_told_it_arrived_and_nothing_is_searched_or_logged(app_factory, clock):
    # The first thing many people type into a new chat: not a question about test submissions.
    app = await app_factory(clock=clock)
    _, 山田 = await staff(app)
    for text in ("テスト", "test", "てすと！", "これ届いてる？"):
        await 山田.say(text)
        assert "メッセージは届いています" in 山田.text(), text
        assert "転送" not in 山田.text() and "FAQ-" not in 山田.text(), text
    await 山田.say("電子申請のテスト送信のやり方")  # a real question about tests is still searched
    assert "メッセージは届いています" not in 山田.text()
    assert await app.faq.get_unanswered(1) is None
