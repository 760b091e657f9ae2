"""`/dx 集計 FAQ`, eleventh round (2026-12-06): questions the desk sent to another section (「児童手当は
子育て支援課へ」「固定資産税は税務課へ」) and messages it turned away as outside its work (「好きな野球チーム
はどこ？」) were counted as the office's questions the FAQ could not answer (該当するFAQなし, 回答できなかった
質問). They are now logged as such and said apart in one line. Reads as the conversation."""

from __future__ import annotations

from tests.integration.test_faq_summary_round6 import exported, field
from tests.integration.test_faq_walkthrough_round4 import people


async def test_other_sections_matters_and_turned_away_messages_are_counted_apart(app_factory, clock):
    app = await app_factory(clock=clock)
    boss, 山田 = await people(app)
    for question, desk in (("児童手当の申請ってどこでやるの？", "子育て支援課"),
                           ("保育園の入所申込について教えて", "子育て支援課"),
                           ("固定資産税の納付書をなくしました", "税務課"),
                           ("住民税の特別徴収の変更はどうすれば？", "税務課")):
        await 山田.say(question)
        assert f"{desk}にお問い合わせください" in 山田.text(), 山田.text()
    await 山田.say("好きな野球チームはどこ？")
    assert "お仕事のご質問でしたら" in 山田.text()
    await 山田.say("来週の庁内運動会の雨天時の集合場所")  # the office's own gap
    assert "担当者に質問を転送しますか" in 山田.text()
    await 山田.say("転送しない")

    await boss.say("/dx 集計 FAQ")
    assert field(boss, "質問数").startswith("1件"), boss.text()
    assert field(boss, "該当するFAQなし") == "1件", boss.text()
    assert "1. 来週の庁内運動会の雨天時の集合場所（1回）" in boss.text()
    assert "児童手当" not in boss.text() and "固定資産税" not in boss.text() and "野球" not in boss.text()
    assert "他課への案内 4件・対象外 1件（集計から除外）" in boss.text()

    await boss.say("/dx 書き出し FAQ csv")
    assert [row[2] for row in exported(boss)[1:]] == ["来週の庁内運動会の雨天時の集合場所"]


async def test_a_month_with_nothing_sent_elsewhere_has_no_such_line(app_factory, clock):
    app = await app_factory(clock=clock)
    boss, 山田 = await people(app)
    await 山田.say("来週の庁内運動会の雨天時の集合場所")
    await boss.say("/dx 集計 FAQ")
    assert "他課への案内" not in boss.text() and "集計から除外" not in boss.text()
