"""English at the FAQ desk (fourteenth round): staff who ask in English get English replies from
then on, and the FAQ's entries in English where the office wrote them; 「英語でお願いします」 /
"English please" / 「日本語で」 switch at any time; an entry written in Japanese only says so in
English; admins add an entry's English wording with 「/dx FAQ 英訳」, and it goes in and out of the
FAQ files."""

from __future__ import annotations

import re

import pytest

from bot.core.model import FaqEntry
from bot.core.text import writes_english
from handlers.people.preferences import asks_for_language
from storage.faq.files import export_faq, read_faq_file
from tests.support.dialogue import office_and_staff

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


async def test_a_question_in_english_gets_the_english_entry_and_english_from_then_on(app_factory, clock):
    app = await app_factory(clock=clock)
    _, 山田 = await office_and_staff(app)
    await 山田.say("How do I connect to the VPN from home?")
    text = 山田.text()
    assert "reply in English from now on" in text and "日本語で" in text, text  # the way back, in Japanese
    # The bundled entry about working from home, by its English question, in the candidates.
    assert "from home (VPN, telework)" in text, text
    await 山田.say("I forgot my password")
    text = 山田.text()
    assert "temporary password" in text and "Category: Accounts and other" in text, text
    assert not JAPANESE.search(text), text
    await 山田.say("パスワードを忘れました")  # a Japanese question: still in English (the choice is kept)
    assert "Did this solve your question?" in 山田.text() or "close questions" in 山田.text(), 山田.text()


async def test_an_entry_in_japanese_only_says_so_in_english(app_factory, clock):
    app = await app_factory(clock=clock)
    _, 山田 = await office_and_staff(app)
    await 山田.say("English please")
    assert 山田.text().startswith("I'll reply in English from now on"), 山田.text()
    await 山田.say("How do I use COUNTIF in Excel?")
    text = 山田.text()
    if "close questions" in text:  # candidates: pick the COUNTIF one
        await 山田.press("COUNTIF")
        text = 山田.text()
    assert "(This entry is written in Japanese only.)" in text and "COUNTIF" in text, text
    # No Japanese category label under an English reply for an entry without an English one.
    assert "Category:" not in text and "Did this solve your question?" in text, text


@pytest.mark.parametrize("said, lang", [
    ("English please", "en"), ("English", "en"), ("Can you reply in English?", "en"), ("english pls", "en"),
    ("英語でお願いします", "en"), ("英語にしてください", "en"), ("えいごで", "en"),
    ("日本語で", "ja"), ("日本語に戻して", "ja"), ("Japanese please", "ja"), ("にほんごでおねがい", "ja"),
])
def test_asking_for_a_language_in_words(said, lang):
    from bot.core.text import fold
    assert asks_for_language(fold(said)) == lang


@pytest.mark.parametrize("said", [
    "How do I write English e-mails?", "英語の研修はありますか", "Excelで英語と日本語を分けたい",
    "日本語入力ができない", "TeamsとZoomの違い",
])
def test_a_question_about_a_language_is_not_a_switch(said):
    from bot.core.text import fold
    assert asks_for_language(fold(said)) is None


@pytest.mark.parametrize("text, english", [
    ("How do I connect to the VPN from home?", True), ("my computer is very slow", True),
    ("I can't print", True), ("VPN", False), ("Teams error", False), ("VPNがつながらない", False),
    ("Excel COUNTIF IF", False), ("how do i reset my パスワード", False),
])
def test_what_counts_as_written_in_english(text, english):
    assert writes_english(text) is english


async def test_the_language_is_asked_for_in_words_under_open_candidates(app_factory, clock):
    app = await app_factory(clock=clock)
    _, 山田 = await office_and_staff(app)
    await 山田.say("パスワードを忘れました")
    assert "近いご質問" in 山田.text(), 山田.text()
    await 山田.say("英語でお願いします")
    assert "I'll reply in English from now on" in 山田.text(), 山田.text()
    await 山田.say("I forgot my password")
    assert "temporary password" in 山田.text() and "Did this solve your question?" in 山田.text(), 山田.text()
    await 山田.say("日本語で")
    assert 山田.text().startswith("これからは日本語でお答えします"), 山田.text()


async def test_an_admin_adds_the_english_wording_and_removes_it(app_factory, clock):
    app = await app_factory(clock=clock)
    室長, 山田 = await office_and_staff(app)
    await 室長.say("/dx FAQ 英訳 FAQ-050 How do I use COUNTIF? | Type =COUNTIF(range, condition). | Excel")
    assert "FAQ-050" in 室長.text() and "英訳を登録しました" in 室長.text(), 室長.text()
    entry = await app.services.faq.get_entry("FAQ-050")
    assert (entry.question_en, entry.answer_en, entry.category_en) == (
        "How do I use COUNTIF?", "Type =COUNTIF(range, condition).", "Excel")
    assert entry.question.startswith("ExcelのCOUNTIF関数")  # the Japanese entry is unchanged
    await 室長.say("/dx FAQ 表示 FAQ-050")
    assert "質問（英語）" in 室長.text() and "How do I use COUNTIF?" in 室長.text(), 室長.text()
    await 山田.say("/dx lang en")
    await 山田.say("How do I use COUNTIF?")
    text = 山田.text()
    assert "Type =COUNTIF(range, condition)." in text and "Category: Excel" in text, text
    # Without a wording, usage with an example; an unknown entry is said to be unknown.
    await 室長.say("/dx FAQ 英訳 FAQ-050")
    assert "/dx FAQ 英訳 FAQ-012 How do I" in 室長.text(), 室長.text()
    await 室長.say("/dx FAQ 英訳 FAQ-999 Q | A")
    assert "FAQ-999" in 室長.text() and "Traceback" not in 室長.text(), 室長.text()
    await 室長.say("/dx FAQ 英訳 FAQ-050 -")
    assert "英訳を削除しました" in 室長.text(), 室長.text()
    assert (await app.services.faq.get_entry("FAQ-050")).answer_en == ""


async def test_an_edited_or_restored_entry_keeps_its_english(app_factory, clock):
    app = await app_factory(clock=clock)
    室長, _ = await office_and_staff(app)
    before = await app.services.faq.get_entry("FAQ-096")
    assert before.answer_en  # bundled with English
    await 室長.say("/dx FAQ 削除 FAQ-096")
    await 室長.say("/dx FAQ 元に戻す FAQ-096")
    after = await app.services.faq.get_entry("FAQ-096")
    assert (after.question_en, after.answer_en, after.category_en) == (
        before.question_en, before.answer_en, before.category_en), 室長.text()


@pytest.mark.parametrize("suffix", [".csv", ".yaml", ".xlsx"])
def test_the_english_wording_goes_through_the_faq_files(tmp_path, suffix):
    entries = [FaqEntry(id="FAQ-001", question="質問", answer="回答", category="分類",
                        question_en="Question", answer_en="Answer", category_en="Kind"),
               FaqEntry(id="FAQ-002", question="質問2", answer="回答2")]
    path = tmp_path / f"faq{suffix}"
    export_faq(entries, path, japanese_headers=suffix == ".xlsx")
    report = read_faq_file(path)
    assert not report.errors, report.errors
    got = {e.id: (e.question_en, e.answer_en, e.category_en) for e in report.entries}
    assert got == {"FAQ-001": ("Question", "Answer", "Kind"), "FAQ-002": ("", "", "")}


def test_a_japanese_only_faq_exports_the_same_columns_as_before(tmp_path):
    path = tmp_path / "faq.csv"
    export_faq([FaqEntry(id="FAQ-001", question="質問", answer="回答")], path)
    header = path.read_text(encoding="utf-8-sig").splitlines()[0]
    assert header == "id,question,answer,alternates,category,tags,department", header


@pytest.mark.parametrize("asked, shown", [
    ("the printer on 3rd floor isnt working", "I cannot print on the printer"),  # words no entry has left out
    ("how do I share my screen in teams?", "Teamsの会議で画面共有"),  # a Japanese-only entry, by its Latin word
    ("I got a strange email", "suspicious e-mail"),
])
async def test_english_questions_meet_the_entries_by_the_words_they_share(app_factory, clock, asked, shown):
    app = await app_factory(clock=clock)
    _, 山田 = await office_and_staff(app)
    await 山田.say("/dx lang en")
    await 山田.say(asked)
    assert shown in 山田.text(), 山田.text()


@pytest.mark.parametrize("said", ["what a nice day today", "I want to eat lunch"])
async def test_english_small_talk_meets_no_entry(app_factory, clock, said):
    app = await app_factory(clock=clock)
    _, 山田 = await office_and_staff(app)
    await 山田.say("/dx lang en")
    await 山田.say(said)
    assert "close questions" not in 山田.text() and "Did this solve" not in 山田.text(), 山田.text()


async def test_the_walk_through_english_replies(app_factory, clock):
    """Emily's walk-through (fourteenth round): 「that didnt help」 under an answer, the status of her
    questions, the office's contact and thanks, all read in English."""
    app = await app_factory(clock=clock, office_contact="内線1234、メール dx@city.example.jp")
    _, 山田 = await office_and_staff(app)
    await 山田.say("I forgot my password")
    await 山田.say("that didnt help")
    assert "Sorry that didn't help" in 山田.text(), 山田.text()
    await 山田.press("Forward to a person")
    assert "Q-" in 山田.text(), 山田.text()
    for said in ("whats the status of my question?", "my questions", "any reply yet?"):
        await 山田.say(said)
        assert "I forgot my password" in 山田.text() and "FAQ" not in 山田.text().split("\n")[0], (said, 山田.text())
    await 山田.say("how can I contact the DX office by phone?")
    await 山田.say("what is the phone number of the office")
    text = 山田.text()
    assert "内線" not in text and "ext. 1234" in text and not JAPANESE.search(text), text


@pytest.mark.parametrize("said", ["thank you very much!", "thanks a lot", "ok thanks"])
async def test_english_thanks_from_a_japanese_reader_are_thanks(app_factory, clock, said):
    app = await app_factory(clock=clock)
    _, 山田 = await office_and_staff(app)
    await 山田.say(said)
    assert 山田.text().startswith("どういたしまして"), 山田.text()
    assert not await app.services.faq.list_unanswered((), 5)
