"""Admin and console, fourth round (2026-12-05): a usability tester played the office's admin in
`dxdesk chat`. Each test reads like what they typed and what they should have seen."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.adapters.console import render_text
from bot.core.messages import CATALOGUE
from bot.core.model import Role
from handlers.admin.audit import RESULT_KEYS
from tests.support.admin import ADMIN, seed_people, seed_progress
from tests.support.dialogue import Person
from tests.support.people import add_person

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
async def app(app_factory):
    app = await app_factory()
    await seed_people(app)
    await seed_progress(app)
    return app


# --- 1. the audit log names every result the code writes -------------------------------------------

async def test_a_confirmed_meeting_change_reads_as_confirmed_in_the_audit_log(app):
    # 「/dx 会議 設定 M-1 毎月第3木曜 15:30」 confirmed and applied: stored as result='confirmed'.
    await app.services.audit.record("1:DX室長", "meeting set", "M-1 毎月第3木曜 15:30", "confirmed")
    await app.services.audit.record("1:DX室長", "meeting set", "M-1 毎月第4木曜", "dropped")
    室長 = Person(app, ADMIN, "DX室長")
    await 室長.command("監査 3")
    lines = 室長.text().splitlines()
    confirmed = next(x for x in lines if "第3木曜" in x)
    dropped = next(x for x in lines if "第4木曜" in x)
    assert "/dx 会議 設定 M-1 毎月第3木曜 15:30" in confirmed and confirmed.endswith("確定・反映"), confirmed
    assert dropped.endswith("取りやめ") and "エラー" not in 室長.text(), 室長.text()


def test_every_result_written_to_the_audit_log_has_a_label_in_both_languages():
    """The results the code writes (literals in `audit.record(...)`, the `result = "…"` they are
    built from and the words helpers return for them), found in the source: each has a label,
    Japanese and English."""
    written: set[str] = set()
    for path in [*ROOT.glob("bot/**/*.py"), *ROOT.glob("handlers/**/*.py")]:
        source = path.read_text(encoding="utf-8")
        if "audit.record(" not in source:
            continue
        for call in re.findall(r"audit\.record\(((?:[^()]|\([^()]*\))*)\)", source):
            written.update(re.findall(r'"([a-z]+)"', call))
        written.update(re.findall(r'\bresult = f?"([a-z]+)', source))
        # A result handed back by a helper (`result = await _publish_or_hold(...)`: 「held」「ok」).
        written.update(re.findall(r'\breturn "([a-z]+)"$', source, re.MULTILINE))
    assert {"ok", "held", "denied", "refused", "error", "confirmed", "dropped"} <= written, written
    for result in written:
        key = RESULT_KEYS.get(result)
        assert key, f"audit result {result!r} has no label"
        ja, en = CATALOGUE[key]
        assert ja and en and ja != "エラー" or result == "error", (result, ja)


# --- 2. a read-only report asked for in plain words is shown -----------------------------------------

@pytest.mark.parametrize("typed, command, shown", [
    ("会議の出欠どうなってる", "/dx 会議 出欠", ""),
    ("今月の進捗まとめて", "/dx 要約 進捗", "市民課"),
    ("進捗どんな感じ？", "/dx 要約 進捗", "市民課"),
    ("まだ報告出してない課ってどこ", "/dx 報告 未提出", ""),
    ("監査ログみせてください", "/dx 監査", ""),
])
async def test_an_admin_asking_in_plain_words_sees_the_report_and_learns_its_command(app, typed, command, shown):
    室長 = Person(app, ADMIN, "DX室長")
    await 室長.say(typed)
    first, *report = 室長.replies
    assert first.text.startswith(f"「{command}」の結果です") and "\n" not in first.text, first.text
    assert report, "the report itself follows the line naming its command"
    text = "\n".join(r.plain_text() for r in report)
    assert "で表示できます" not in text and "使い方" not in text and "近いご質問" not in text, text
    assert shown in text, text


async def test_a_change_asked_for_in_plain_words_is_only_named(app):
    室長 = Person(app, ADMIN, "DX室長")
    await 室長.say("これ公開しといて")
    [reply] = 室長.replies
    assert "「/dx FAQ 下書き」" in reply.text and "結果です" not in reply.text
    # An export asked for is made and given since the eleventh round (it changes nothing):
    # tests/integration/test_admin_plain_words_round11.py.
    await 室長.say("出欠をエクセルでちょうだい")
    assert "「/dx 書き出し 出欠」の結果です" in 室長.replies[0].text
    assert any(r.attachments for r in 室長.replies), 室長.text()


async def test_two_reports_in_one_message_are_both_named_not_guessed(app):
    室長 = Person(app, ADMIN, "DX室長")
    await 室長.say("会議の出欠と進捗まとめて")
    [reply] = 室長.replies
    assert "「/dx 会議 出欠」" in reply.text and "「/dx 要約 進捗」" in reply.text and "結果です" not in reply.text


# --- 3. people named by surname, given name or full name ---------------------------------------------

async def test_a_role_is_given_by_surname_when_only_one_person_has_it(app):
    await add_person(app, "yamada", Role.STAFF, "市民課", name="山田 次郎")
    室長 = Person(app, ADMIN, "DX室長")
    for typed in ("名簿 役割 山田 兼務職員", "名簿 役割 次郎 兼務職員", "名簿 役割 山田次郎 兼務職員",
                  "名簿 役割 山田　次郎 兼務職員", "名簿 役割 山田さん 兼務職員"):
        await 室長.command(typed)
        assert "役割を変更しました" in 室長.text() and "山田 次郎（市民課）兼務職員" in 室長.text(), (typed, 室長.text())


async def test_two_people_with_one_surname_are_listed_with_their_departments_and_asked_which(app):
    await add_person(app, "yamada", Role.STAFF, "市民課", name="山田 次郎")
    hanako = await add_person(app, "yamada2", Role.STAFF, "税務課", name="山田 花子")
    室長 = Person(app, ADMIN, "DX室長")
    await 室長.command("名簿 役割 山田 兼務職員")
    text = 室長.text()
    assert "「山田」に当たる人が2名います" in text and "どなたですか" in text, text
    assert "山田 次郎（市民課）" in text and "山田 花子（税務課）" in text and "役割を変更しました" not in text
    await 室長.command(f"名簿 役割 #{hanako.id} 兼務職員")
    assert "山田 花子（税務課）兼務職員" in 室長.text()
    await 室長.command("名簿 所属 花子 会計課")
    assert "山田 花子（会計課）" in 室長.text()
    await 室長.command("名簿 役割 鈴木一郎 兼務職員")
    assert "に該当する人が名簿にいません" in 室長.text()


# --- 4. a block of the summary starts under its heading ---------------------------------------------

async def test_the_departments_own_words_start_on_the_line_under_their_heading(app):
    室長 = Person(app, ADMIN, "DX室長")
    await 室長.command("要約 進捗 2026-11")
    shown = "\n".join(render_text(r) for r in 室長.replies)
    heading = next(line for line in shown.splitlines() if "各課のことば" in line)
    assert heading.rstrip().endswith(":") and "市民課" not in heading, shown
    after = shown.splitlines()[shown.splitlines().index(heading) + 1]
    assert after.startswith("    ") and "市民課" in after, shown


# --- 5. one wording ----------------------------------------------------------------------------------

def test_liaisons_are_called_kenmu_shokuin_and_the_faq_command_is_written_faq():
    for key, (ja, _en) in CATALOGUE.items():
        assert "/dx faq" not in ja, (key, ja)
        if key.startswith(("checkin.", "faq.", "admin.", "users.", "meeting.")):
            assert "推進員" not in ja.replace("兼務職員（DX推進員）", "").replace("DX推進員）", ""), (key, ja)


async def test_an_impossible_month_is_said_with_an_example(app):
    室長 = Person(app, ADMIN, "DX室長")
    await 室長.command("報告 開始 2026-13")
    text = 室長.text()
    assert "「2026-13」は年月として読み取れません" in text and "「2026-12」" in text, text
