"""The FAQ's own entries as a file from the chat (fourteenth round): 「/dx FAQ 書き出し」 gives every
entry with the headers `dxdesk faq import` reads, so the office edits the FAQ in Excel and loads it
again; 「/dx 書き出し FAQ」 (the question log) says where the entries are."""

from __future__ import annotations

from pathlib import Path

from storage.faq.files import read_faq_file
from tests.support.dialogue import office_and_staff


async def test_the_entries_go_out_as_a_file_the_import_reads_back(app_factory, clock, tmp_path):
    app = await app_factory(clock=clock)
    室長, 山田 = await office_and_staff(app)
    for said, suffix in (("/dx FAQ 書き出し", ".xlsx"), ("/dx FAQ 書き出し csv", ".csv")):
        await 室長.say(said)
        (file,) = [a for r in 室長.replies for a in r.attachments]
        assert file.filename.startswith("faq_entries_") and file.filename.endswith(suffix), file.filename
        assert "dxdesk faq import" in 室長.text(), 室長.text()
        path = Path(tmp_path / file.filename)
        path.write_bytes(file.content)
        report = read_faq_file(path)
        assert not report.errors, report.errors[:3]
        stored = {e.id: e for e in await app.services.faq.list_entries()}
        assert len(report.entries) == len(stored) > 100
        for entry in report.entries:
            kept = stored[entry.id]
            assert (entry.question, entry.answer, entry.alternates, entry.category, entry.tags, entry.answer_en) == (
                kept.question, kept.answer, kept.alternates, kept.category, kept.tags, kept.answer_en), entry.id
    if (header := (tmp_path / file.filename).read_text(encoding="utf-8-sig").splitlines()[0]):
        assert header.startswith("ID,質問,回答,言い換え,カテゴリ,タグ,担当部署"), header
    # The question log says it is not the entries; a word the command does not take gets its usage.
    await 室長.say("/dx 書き出し FAQ csv")
    assert "質問の記録です" in 室長.text() and "/dx FAQ 書き出し" in 室長.text(), 室長.text()
    await 室長.say("/dx FAQ 書き出し 2026-11")
    assert "/dx FAQ 書き出し [csv|xlsx]" in 室長.text() and not [a for r in 室長.replies for a in r.attachments]
    # Staff cannot take the FAQ's file.
    await 山田.say("/dx FAQ 書き出し")
    assert not [a for r in 山田.replies for a in r.attachments], 山田.text()


async def test_the_entries_asked_for_in_words(app_factory, clock):
    app = await app_factory(clock=clock)
    室長, _ = await office_and_staff(app)
    for said in ("FAQの一覧を書き出して", "FAQの中身をエクセルでちょうだい"):
        await 室長.say(said)
        files = [a.filename for r in 室長.replies for a in r.attachments]
        assert len(files) == 1 and files[0].startswith("faq_entries_"), (said, 室長.text())
    await 室長.say("FAQを書き出して")  # the question log, which says where the entries are
    files = [a.filename for r in 室長.replies for a in r.attachments]
    assert files[0].startswith("faq_questions_") and "/dx FAQ 書き出し" in 室長.text(), 室長.text()
