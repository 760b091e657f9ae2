"""Issue 15, point 6: help a Japanese admin reads — grouped by job, Japanese examples first, the
full grammar one command away; the usual verbs as aliases; no English in Japanese replies; JST in
the audit log; the assessment names skills as nouns and recommends at most three trainings."""

from __future__ import annotations

import re

from bot.core.model import Role
from handlers.assessment import analysis
from handlers.assessment.ports import ASSESSMENT
from tests.checkins_fakes import member
from tests.support.dialogue import Person


async def test_help_is_grouped_by_job_in_japanese_with_the_grammar_one_step_away(app_factory, clock):
    app = await app_factory(clock=clock)
    室長 = Person(app, "local", "室長")
    await 室長.say("こんにちは")
    await 室長.command("help")
    text = 室長.text()
    assert "■ 会議" in text and "■ 進捗報告" in text and "例: /dx 会議 設定 毎月第2火曜 15:00" in text
    assert len(text.splitlines()) <= 20  # not 52 lines of grammar
    assert "/dx meeting send-minutes" not in text
    await 室長.command("help 会議")
    assert "/dx meeting send-minutes" in 室長.text() and "/dx faq add" not in 室長.text()

    山田 = Person(app, "yamada", "山田")
    await 山田.command("ヘルプ")
    assert "質問はそのまま書いてください" in 山田.text() and "■ 名簿" not in 山田.text()


async def test_usual_verbs_work_and_replies_stay_japanese(app_factory, clock):
    app = await app_factory(clock=clock)
    室長 = Person(app, "local", "室長")
    await 室長.say("こんにちは")
    await member(app, "tanaka", "田中", "市民課")
    await 室長.command("報告 開始 締切 2026-12-10")
    await 室長.command("報告 未提出")
    assert "市民課" in 室長.text()
    await 室長.command("faq 検索 パスワード")
    assert "→ answer" not in 室長.text() and "判定:" in 室長.text()
    await 室長.command("faq 削除 FAQ-001")
    assert "削除しました" in 室長.text() and "FAQ FAQ" not in 室長.text()
    await 室長.command("監査")
    audit = 室長.text()
    assert "（日本時間）" in audit and "UTC" not in audit and " ok" not in audit
    assert re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d（日本時間）", audit)
    await 室長.command("meeting set 毎月第2火曜 15:00")
    await 室長.command("meeting cancel")
    assert "0名" not in 室長.text() and "連絡は不要" in 室長.text()


async def test_the_assessment_names_skills_as_nouns_and_at_most_three_trainings(app_factory, clock):
    app = await app_factory(clock=clock)
    kit = app.services.get(ASSESSMENT)
    answers = {q.id: "unknown" for q in kit.bank.questions}  # knows nothing yet: every training fits
    assert len(analysis.needed_trainings(kit.bank, kit.trainings, answers)) > 3
    result = analysis.profile(kit.bank, kit.trainings, answers)
    assert len(result.trainings) == 3
    admin = await member(app, "boss", "管理者", "DX推進室", Role.ADMIN)
    await admin.command("診断 開始 全員 締切 2026-12-10")
    me = Person(app, "boss", "管理者")
    await me.command("診断")
    for _ in kit.bank.questions:
        await me.say("4")
    profile = me.text()
    assert "伸ばしたいスキル" in profile and "理解していますか" not in profile
    trainings = profile.split("おすすめの研修")[-1].splitlines() if "おすすめの研修" in profile else []
    assert sum(1 for line in trainings if line.startswith("・")) <= 3
