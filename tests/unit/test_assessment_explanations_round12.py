"""Every question of the bundled bank has an explanation of its term (twelfth round, 2026-12-06):
its own `explain` gloss, or the first sentence of a linked FAQ entry that defines the term — never
only the question said again. Thirteenth round: every question also has its English gloss
(`explain_en`), as the FAQ is Japanese."""

from __future__ import annotations

import re

from handlers.assessment import explanations
from storage.assessment.files import load_question_bank
from storage.faq.files import bundled, read_faq_file


def test_every_question_has_an_explanation_other_than_its_text() -> None:
    entries = {entry.id: entry for entry in read_faq_file(bundled("faq.yaml")).entries}
    bank = load_question_bank()
    assert len(bank.questions) == 27
    for question in bank.questions:
        said = question.explain or explanations.summary([entries.get(i) for i in question.faq])
        assert said, f"{question.id} has no explanation"
        assert said != question.text and question.text not in said, question.id
        assert said.endswith("。") and said.count("。") <= 2, (question.id, said)


def test_every_question_has_an_english_explanation_of_one_or_two_sentences() -> None:
    bank = load_question_bank()
    for question in bank.questions:
        said = question.explain_en
        assert said, f"{question.id} has no explain_en"
        assert not re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", said), (question.id, said)  # English only
        assert said != question.text_en and question.text_en not in said, question.id
        assert said.endswith(".") and len(re.findall(r"\.(?:\s|$)", said)) <= 2, (question.id, said)
