"""Issue 15, round 2: the assessment as a city's staff and admin speak to it — casual level words
and pauses inside the poll, a result read at a glance, targets by role and spoken deadlines."""

from __future__ import annotations

from bot.core.model import Role
from handlers.assessment.ports import ASSESSMENT
from tests.support.assessment import admin_of, answer_all, staff, start_assessment
from tests.support.dialogue import Person
from tests.support.people import add_person


async def test_casual_level_words_and_pauses_inside_the_poll(app_factory, clock):
    app = await app_factory(clock=clock)
    admin = await admin_of(app)
    me = await staff(app, "kato", "税務課")
    await start_assessment(admin, "診断 開始 全員 締切 2026-12-20 記名")
    await me.command("診断")
    for said, title in [("まあまあできる", "2/27"), ("ぜんぜん", "3/27"), ("ちょっとだけ", "4/27"),
                        ("ばっちり", "5/27"), ("全然わからない", "6/27"), ("なんとなく", "7/27"),
                        ("だいたい", "8/27"), ("実践してる", "9/27"), ("知らない", "10/27"),
                        ("たぶんわかってる", "11/27")]:
        await me.say(said)
        assert me.replies[-1].title == f"デジタルスキル診断 {title}", (said, me.text())
    await me.say("ちょっと休憩")
    assert "10/27問回答済み" in me.text()
    await me.say("続きから")
    assert me.replies[-1].title == "デジタルスキル診断 11/27"
    await me.say("あとで")
    assert "10/27問回答済み" in me.text()
    part = await app.services.get(ASSESSMENT).store.get_participation(1, (await app.services.people.find("kato")).id)
    assert [part.answers[q] for q in ("B01", "B02", "B03", "B04", "B05", "E01")] == [
        "understand", "unknown", "heard", "practice", "unknown", "heard"]
    assert list(part.answers.values())[-1] == "understand"  # 「たぶんわかってる」


async def test_a_casual_level_is_echoed_with_the_level_it_was_recorded_as(app_factory, clock):
    """Issue 15, second walk-through: 「まあまあ」 was recorded without a word, so nobody knew it had
    become 「理解している」. A casual answer now gets one line naming the level in the catalogue's
    words; a number or a level's own label needs none; 「戻る」 mends it."""
    app = await app_factory(clock=clock)
    admin = await admin_of(app)
    me = await staff(app, "kato", "税務課")
    await start_assessment(admin, "診断 開始 全員 締切 2026-12-20 記名")
    await me.command("診断")
    await me.say("まあまあ")
    assert "「まあまあ」→ 2. 理解している として記録しました（違うときは「戻る」で直せます）" in me.text()
    assert me.replies[-1].title == "デジタルスキル診断 2/27"
    await me.say("ぜんぜんわからん")
    assert "「ぜんぜんわからん」→ 4. 知らない として記録しました" in me.text()
    for plain in ("3", "理解している"):
        await me.say(plain)
        assert "として記録しました" not in me.text(), plain
    await me.say("戻る")
    await me.say("1")
    part = await app.services.get(ASSESSMENT).store.get_participation(1, (await app.services.people.find("kato")).id)
    assert list(part.answers.values())[:4] == ["understand", "unknown", "heard", "practice"]


async def test_the_result_reads_at_a_glance_with_faq_titles_and_the_footnote_last(app_factory, clock):
    app = await app_factory(clock=clock)
    admin = await admin_of(app)
    me = await staff(app, "ito", "市民課")
    await start_assessment(admin, "診断 開始 全員 締切 2026-12-20 匿名")
    # Basics understood, Excel unknown, the rest "heard of".
    await answer_all(me, [2] * 5 + [4] * 6 + [3] * 16)
    profile = me.replies[-1]
    text = profile.text
    assert "★4つ＝「理解し実践している」" in text
    assert "・基礎用語　★★★☆（理解している）" in text and "・エクセル関数　★☆☆☆（知らない）" in text
    assert "いちばん得意な分野は「基礎用語」、伸ばしどころは「エクセル関数」です。" in text
    assert "/ 3" not in text and "0.0" not in text and not profile.fields
    assert "FAQ-" not in text and all("FAQ-" not in c.label for c in profile.choices)
    assert "予習: 「VLOOKUP関数の使い方を教えてください。」" in text
    assert text.rstrip().splitlines()[-1].startswith("⚠ この結果を表示するのは今回かぎりです")  # the footnote comes last
    assert sum(1 for line in text.splitlines() if line[:2] in ("1.", "2.", "3.", "4.")) <= 3
    buttons = [c for c in profile.choices if c.action_id == "faq.open"]
    assert buttons and buttons[0].label.startswith("解説: ")
    await me.press(buttons[0])  # one tap opens the entry the button names
    assert me.replies[-1].title == buttons[0].label.removeprefix("解説: ")


async def test_an_admin_targets_liaisons_with_a_spoken_deadline(app_factory, clock):
    app = await app_factory(clock=clock)  # the fake clock's today: 2026-12-01 (Tue)
    admin = await admin_of(app)
    await add_person(app, "ueda", Role.LIAISON, "市民課", name="上田")
    await add_person(app, "mori", Role.LIAISON, "税務課", name="森")
    clerk = await staff(app, "kudo", "市民課")
    await start_assessment(admin, "診断 開始 兼務職員 締切 来週金曜")
    assert "対象: 兼務職員（DX推進員）（2名）" in admin.text() and "締切: 2026年12月11日（金）" in admin.text()
    await clerk.command("診断")
    assert "対象外" in clerk.text()
    liaison = Person(app, "ueda", "上田")
    await liaison.command("診断")
    assert liaison.replies[-1].title == "デジタルスキル診断 1/27"
    await admin.command("診断 締切る")
    await start_assessment(admin, "診断 開始 推進員 締切 12月18日")
    assert "対象: 兼務職員（DX推進員）（2名）" in admin.text() and "締切: 2026年12月18日（金）" in admin.text()


async def test_a_wrong_start_line_answers_with_a_working_example(app_factory, clock):
    app = await app_factory(clock=clock)
    admin = await admin_of(app)
    await staff(app, "kudo", "市民課")
    await start_assessment(admin, "診断 開始 人事課 締切 今月末")
    assert "部署「人事課」は名簿に見つかりません" in admin.text()
    assert "「/dx 診断 開始 兼務職員 締切 来週金曜」" in admin.text()
    await start_assessment(admin, "診断 開始 全員 締切 らいげつ")
    assert "締切「らいげつ」を読み取れません" in admin.text() and "「締切 12/18」" in admin.text()
    await start_assessment(admin, "診断 開始 市民課 締切 今月末")
    # 12/31 is closed (年末年始): the deadline is the business day before, and the admin is told.
    assert "対象: 市民課（1名）" in admin.text() and "締切: 2026年12月28日（月）" in admin.text()
    assert "締切の2026年12月31日（木）は休日（年末年始）のため、前の業務日" in admin.text()
