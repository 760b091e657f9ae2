"""FAQ desk, tenth round (2026-12-06): requests for a person with fillers, complaints typed later
that point at an earlier answer, complaints with details, the FAQ summary counting real questions
only. Each test reads as the conversation and fails on the code before the fix."""

from __future__ import annotations

import pytest

from tests.support.dialogue import Person, office_and_staff

NOT_FOUND = "見つかりませんでした"
PASSWORD_RULES = "パスワードはどのように設定すればよいですか"  # FAQ entry on choosing a password
VIRUS = "不審なメールの添付ファイルを開いたり"  # FAQ entry on a virus infection


async def staff(app) -> Person:
    """山田 of the staff (with the office's admin created first)."""
    return (await office_and_staff(app))[1]


async def kept(app) -> str:
    """The newest question kept for a person, as the office receives it."""
    return (await app.services.faq.list_unanswered((), 1))[0].text


# --- 1. a request for a person, with fillers or by phone ---------------------------------------
@pytest.mark.parametrize("request_", [
    "もう人と話したい、誰かいないの？",
    "担当の人に電話で聞きたいんですが",
    "人にきいてもいいですか",
    "誰かいないの？",
])
async def test_a_request_for_a_person_with_fillers_asks_what_to_forward(app_factory, clock, request_):
    app = await app_factory(clock=clock)
    山田 = await staff(app)
    await 山田.say(request_)
    said = 山田.text()
    assert "担当者にお聞きになりたい内容" in said, said  # not an FAQ list


async def test_a_meta_remark_is_never_offered_for_forwarding(app_factory, clock):
    app = await app_factory(clock=clock)
    山田 = await staff(app)
    await 山田.say("人にきいてもいいですか")
    await 山田.say("やめる")
    await 山田.say("オペレーターにつないで")
    said = 山田.text()
    assert "人にきいてもいいですか" not in said, said
    assert "担当者にお聞きになりたい内容" in said, said


# --- 2. 「さっきの…のやつ、全然だめでした」 -----------------------------------------------------
async def answered(山田: Person, question: str, shown: str) -> None:
    await 山田.say(question)
    if "近いご質問" in 山田.text():  # candidates: the asker picks the first
        await 山田.say("1")
    assert shown in 山田.text(), 山田.text()


@pytest.mark.parametrize("complaint, original, shown", [
    ("さっきのパスワードの決め方のやつ、全然だめでした", "パスワードの決め方がわからない", PASSWORD_RULES),
    ("さっきのパスワードのやつ、結局役にたたなかった", "パスワードの決め方がわからない", PASSWORD_RULES),
    ("さっきのウイルスのやつ、全然だめでした", "ウイルスに感染したかもしれない", VIRUS),
    ("先ほど聞いたウイルスの件ですが、だめでした", "ウイルスに感染したかもしれない", VIRUS),
])
async def test_a_complaint_naming_an_earlier_topic_offers_that_question(app_factory, clock, complaint, original,
                                                                       shown):
    app = await app_factory(clock=clock)
    山田 = await staff(app)
    other = "ウイルスに感染したかもしれない" if shown == PASSWORD_RULES else "パスワードの決め方がわからない"
    await answered(山田, original, shown)
    await 山田.say("解決しました")
    await answered(山田, other, VIRUS if shown == PASSWORD_RULES else PASSWORD_RULES)
    await 山田.say("ありがとう")
    clock.advance(minutes=20)
    await 山田.say(complaint)
    said = 山田.text()
    assert NOT_FOUND not in said, said
    assert original in said, said  # the original question is what is offered for a person
    assert other not in said, said
    await 山田.say("はい")
    assert "Q-" in 山田.text(), 山田.text()
    forwarded = await kept(app)
    assert original in forwarded and shown[:10] in forwarded, forwarded


async def test_a_bare_complaint_after_a_candidate_list_refers_to_the_last_answer(app_factory, clock):
    app = await app_factory(clock=clock)
    山田 = await staff(app)
    await answered(山田, "パスワードの決め方がわからない", PASSWORD_RULES)
    await 山田.say("エクセル")  # a candidate list in between
    await 山田.say("どれでもない")
    await 山田.say("いいえ")
    await 山田.say("ぜんぜんだめだった")
    said = 山田.text()
    assert "パスワードの決め方がわからない" in said, said


# --- 3. a complaint with details forwards the question, the FAQ shown and the details ----------
async def test_a_complaint_with_details_forwards_the_question_the_answer_and_the_details(app_factory, clock):
    app = await app_factory(clock=clock)
    山田 = await staff(app)
    await answered(山田, "パスワードの決め方がわからない", PASSWORD_RULES)
    await 山田.say("ぜんぜんダメ、その通りにやってもボタンがでてこない")
    assert "お役に立てず" in 山田.text(), 山田.text()
    await 山田.say("はい")
    forwarded = await kept(app)
    assert forwarded.startswith("パスワードの決め方がわからない"), forwarded  # never the complaint alone
    assert "パスワードはどのように設定" in forwarded, forwarded  # the answer it was about
    assert "ボタンがでてこない" in forwarded, forwarded


# --- 4. the FAQ summary counts real questions only, and says how many messages it left out -------
def field(me: Person, label_part: str) -> str:
    for reply in me.replies:
        for f in reply.fields:
            if label_part in f.label:
                return f.value
    raise AssertionError(f"no field {label_part!r} in {me.text()}")


async def test_the_summary_leaves_small_talk_and_answers_out_and_says_so(app_factory, clock):
    app = await app_factory(clock=clock)
    boss = Person(app, "boss", "室長")
    await boss.say("こんにちは")
    山田 = Person(app, "yamada", "山田")
    await 山田.say("きょうは寒いね")
    assert "話しかけてくださって" in 山田.text(), 山田.text()  # the small-talk reply
    await 山田.say("参加します！よろしく")  # an RSVP with nothing asking: never counted either
    await 山田.say("来週の庁内運動会の雨天時の集合場所")  # a real question the FAQ cannot answer
    await 山田.say("転送しない")
    await boss.command("summary faq")
    assert field(boss, "質問数").startswith("1件"), boss.text()
    assert field(boss, "該当するFAQなし") == "1件", boss.text()
    assert "質問ではないメッセージ（あいさつ・雑談、診断の回答、出欠の返事など）1件" in boss.text(), boss.text()


# --- 5. staff never see the entries' internal ids ------------------------------------------------
async def test_staff_see_the_answer_named_by_its_question_not_its_id(app_factory, clock):
    app = await app_factory(clock=clock)
    山田 = await staff(app)
    await 山田.say("LoGoフォームとは何ですか")
    assert "LoGoフォーム" in 山田.text(), 山田.text()
    await 山田.say("それってアンケートにもつかえる？")
    said = 山田.text()
    assert "先ほどの回答" in said and "LoGoフォームとは" in said, said
    assert "FAQ-" not in said, said
    await 山田.say("人と話したい")  # the follow-up written out names the answer it followed
    said = 山田.text()
    assert "それってアンケートにもつかえる" in said, said
    assert "FAQ-" not in said, said


async def test_an_admin_still_sees_the_id(app_factory, clock):
    app = await app_factory(clock=clock)
    boss = Person(app, "boss", "室長")
    await boss.say("こんにちは")
    await boss.say("LoGoフォームとは何ですか")
    await boss.say("それってアンケートにもつかえる？")
    assert "FAQ-104" in boss.text(), boss.text()
