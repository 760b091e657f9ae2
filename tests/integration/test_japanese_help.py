"""Issue 15, point 6: help a Japanese admin reads — grouped by job, Japanese examples first, the
full grammar one command away; the usual verbs as aliases; no English in Japanese replies; JST in
the audit log; the assessment names skills as nouns and recommends at most three trainings."""

from __future__ import annotations

import re

from bot.core import commands
from bot.core.model import Role
from handlers.assessment import analysis
from handlers.assessment.ports import ASSESSMENT
from tests.checkins_fakes import member
from tests.support.assessment import start_assessment
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
    assert "/dx 会議 議事録送信" in 室長.text() and "/dx FAQ 追加" not in 室長.text()
    assert "meeting" not in 室長.text()  # Japanese command words only (walk-through)

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
    await start_assessment(admin, "診断 開始 全員 締切 2026-12-10")
    me = Person(app, "boss", "管理者")
    await me.command("診断")
    for _ in kit.bank.questions:
        await me.say("4")
    profile = me.text()
    assert "伸ばしたいスキル" in profile and "理解していますか" not in profile
    trainings = profile.split("おすすめの研修")[-1].splitlines() if "おすすめの研修" in profile else []
    assert sum(1 for line in trainings if line.startswith("・")) <= 3


def shown_commands(text: str) -> list[str]:
    """Every command a help text shows: 「/dx 会議 設定 … — 説明」 lines and 「例: /dx a ／ /dx b」."""
    found = []
    for line in text.splitlines():
        for part in line.split("／"):
            m = re.search(r"/dx ([^—（」]+)", part)
            if m:
                found.append(m.group(1).strip())
    return found


def as_typed(shown: str) -> str:
    """What an admin types from a grammar line: optional parts left out, the first of 「a|b」."""
    typed = re.sub(r"\[[^\]]*\]", "", shown)
    typed = re.sub(r"(\S+?)\|\S+", r"\1", typed)
    return " ".join(typed.replace("…", "").split())


async def test_every_command_the_japanese_help_shows_runs_as_shown(app_factory, clock):
    """Walk-through: `/dx help 会議` listed `/dx meeting set …`. Each job's grammar now shows Japanese
    command words, and every command it shows — parsed the way the admin would type it — reaches its
    command and runs (no 「コマンドはありません」, no internal error)."""
    app = await app_factory(clock=clock)
    室長 = Person(app, "local", "室長")
    await 室長.say("こんにちは")
    await member(app, "tanaka", "田中", "市民課")
    await 室長.command("help")
    overview = 室長.text()
    assert not re.search(r"/dx [a-z]", overview), overview  # no English command word
    topics = re.search(r"次の言葉で: (.+)", overview).group(1).split("・")
    assert len(topics) >= 6, overview
    shown = shown_commands(overview)
    for topic in topics:
        await 室長.command(f"help {topic}")
        grammar = 室長.text()
        assert not re.search(r"/dx [a-z]", grammar), grammar  # no English command word
        shown += shown_commands(grammar)
    assert len(shown) > 50
    routes = app.dispatcher.commands
    for line in shown:
        typed = as_typed(line)
        parsed = commands.parse(typed, routes)
        assert parsed.route is not None or parsed.words[0] == "help", (line, typed)
        await 室長.command(typed)
        reply = 室長.text()
        assert "というコマンドはありません" not in reply and "エラー番号" not in reply, (typed, reply)
        assert "のみ利用できます" not in reply, (typed, reply)
        if parsed.route is not None and parsed.route.path == ("lang",):
            await 室長.command("言語 ja")  # the example switches to English: back, so replies stay checkable


async def test_the_english_help_keeps_the_english_grammar(app_factory, clock):
    app = await app_factory(clock=clock)
    室長 = Person(app, "local", "室長")
    await 室長.say("こんにちは")
    await 室長.command("lang en")
    await 室長.command("help meeting")
    assert "/dx meeting set" in 室長.text() and "会議 設定" not in 室長.text()


async def test_help_on_a_word_no_job_knows_says_so(app_factory):
    app = await app_factory()
    室長 = Person(app, "local", "室長")
    await 室長.say("こんにちは")
    await 室長.command("ヘルプ 定点")
    assert "「定点」についての説明はありません" in 室長.text() and "会議" in 室長.text()
    await 室長.command("ヘルプ 会議")
    assert "についての説明はありません" not in 室長.text()
