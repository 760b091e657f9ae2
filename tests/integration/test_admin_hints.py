"""A report asked for in plain words (final walk-through of issue 15): 「今月の進捗まとめて」 typed by an
admin got FAQ candidates and was logged as a question. Now the admin gets one line with the exact
command — and that command runs as shown; staff who may not run it still reach the FAQ desk."""

from __future__ import annotations

import re

import pytest

from tests.support.admin import ADMIN, LIAISON, STAFF, seed_people, seed_progress
from tests.support.dialogue import Person


@pytest.fixture
async def app(app_factory):
    app = await app_factory()
    await seed_people(app)
    await seed_progress(app)
    return app


ASKED = {
    "今月の進捗まとめて": "/dx 要約 進捗",
    "会議の出欠どうなってる": "/dx 会議 出欠",
    "会議の出欠どーなってる": "/dx 会議 出欠",  # typed with a long-vowel mark (console walk-through)
    "今月のしんちょくおしえて": "/dx 要約 進捗",
    "未提出の課ある？": "/dx 報告 未提出",
    "進捗グラフ出して": "/dx グラフ 進捗",
    "相談の件数まとめて": "/dx 要約 よくある質問",
    "未回答の質問見せて": "/dx よくある質問 未回答",
    "診断の結果どうなってる？": "/dx 要約 診断",
    # second walk-through of 2026-12-05
    "みかいとうの質問みせて": "/dx よくある質問 未回答",
    "出欠をエクセルでちょうだい": "/dx 書き出し 出欠",
    "これ公開しといて": "/dx FAQ 下書き",
    "下書きどこ？": "/dx FAQ 下書き",
}


# Read-only reports are shown at once (fourth round of 2026-12-05), under the line naming them.
RUN = {"今月の進捗まとめて", "会議の出欠どうなってる", "会議の出欠どーなってる", "今月のしんちょくおしえて",
       "未提出の課ある？", "進捗グラフ出して", "相談の件数まとめて", "未回答の質問見せて", "診断の結果どうなってる？",
       "みかいとうの質問みせて", "下書きどこ？",
       "出欠をエクセルでちょうだい"}  # an export gives its file (eleventh round)


@pytest.mark.parametrize("typed", list(ASKED))
async def test_an_admin_asking_for_a_report_gets_the_command_in_one_line(app, typed):
    admin = Person(app, ADMIN, "DX室長")
    asked_before = (await app.faq.stats())["asked"]
    await admin.say(typed)
    first = admin.replies[0]
    assert "\n" not in first.text and not first.choices, first.text
    assert (await app.faq.stats())["asked"] == asked_before  # not logged as a question
    assert await app.faq.list_unanswered() == []
    if typed in RUN:
        # The report itself follows; the first line names its command (FAQ in the help's words).
        expected = ASKED[typed].replace("よくある質問", "FAQ")
        assert f"「{expected}」の結果です" in first.text and len(admin.replies) > 1, admin.text()
        shown = "\n".join(r.plain_text() for r in admin.replies[1:])
        assert "使い方" not in shown and "エラー" not in shown, shown
        return
    assert f"「{ASKED[typed]}」" in first.text and len(admin.replies) == 1, admin.text()
    # The command runs as shown (Japanese command words), and is not refused or unknown.
    for command in re.findall(r"「/dx ([^」]+)」", first.text):
        await admin.command(command)
        shown = admin.text()
        assert "コマンド" not in shown.split("\n")[0] and "使い方" not in shown and "エラー" not in shown, (command, shown)


async def test_a_liaison_gets_their_own_command_and_staff_still_get_the_faq_desk(app):
    佐藤 = Person(app, LIAISON, "佐藤")
    await 佐藤.say("未回答の質問見せて")
    assert "「/dx FAQ 未回答」" in 佐藤.text()
    await 佐藤.say("今月の進捗まとめて")  # an admin's report: not offered to a liaison
    assert "/dx 要約" not in 佐藤.text()
    鈴木 = Person(app, STAFF, "鈴木")
    await 鈴木.say("会議の出欠どうなってる")
    assert "/dx 会議 出欠" not in 鈴木.text()
    await 鈴木.say("診断の結果見たい")
    assert "「/dx 診断 自分」" in 鈴木.text()


async def test_a_how_to_question_about_reports_still_goes_to_the_faq(app):
    admin = Person(app, ADMIN, "DX室長")
    await admin.say("ロードマップの進捗を更新するにはどうすればいい？")
    assert "/dx 要約" not in admin.text() and "進捗" in admin.text()
