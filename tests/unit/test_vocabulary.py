"""One set of conversation words: 「やめる」 means the same in every dialog (issue 14)."""

from __future__ import annotations

from datetime import date

import pytest

from bot.core import japanese_numbers as jn
from bot.core import vocabulary
from bot.core.dispatch import is_resume_word
from bot.core.forms import CANCEL_WORDS, FormEngine, form_from_dict
from handlers.assessment.answers import command_word
from handlers.checkins.conversation import is_resume as is_checkin_resume
from handlers.faq import smalltalk

CANCELS = ["やめる", "やめます。", "キャンセル", "きゃんせる", "ｷｬﾝｾﾙ", "中断", "中止", "あとで", "quit", "Cancel!", "STOP"]


@pytest.mark.parametrize("word", CANCELS)
def test_cancel_means_the_same_in_every_dialog(word):
    assert vocabulary.is_cancel(word)
    assert word in CANCEL_WORDS  # the forms engine (check-ins)
    assert smalltalk.is_cancel(word)  # the FAQ desk's dialogs
    assert command_word(word) == "pause"  # the assessment poll
    spec = form_from_dict({"id": "f", "title": "t", "fields": [{"id": "n", "type": "number", "label": "件数", "prompt": "件数は？"}]})
    engine = FormEngine(spec, "x")
    assert engine.handle_text(engine.start(), word, "ja", date(2026, 12, 4)).kind == "cancel"


@pytest.mark.parametrize("word", ["続きから", "つづきから", "再開", "再開します", "resume", "続ける"])
def test_resume_means_the_same_everywhere(word):
    assert is_resume_word(word) and is_checkin_resume(word)


def test_yes_and_no_are_one_set():
    for yes in ("はい", "ハイ", "うん", "お願いします", "ok", "yes"):
        assert jn.parse_yes_no(yes) is True and smalltalk.is_yes(yes)
    for no in ("いいえ", "いや", "不要です", "結構です", "no", "特になし"):
        assert jn.parse_yes_no(no) is False and smalltalk.is_no(no)


def test_no_other_module_defines_its_own_control_words():
    """The words live in bot/core/vocabulary.py only (a grep, so a new copy is noticed)."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    offenders = []
    for path in [*root.glob("bot/**/*.py"), *root.glob("handlers/**/*.py")]:
        if path.name == "vocabulary.py" or "catalogue" in path.parts or path.name == "messages.py":
            continue
        text = path.read_text(encoding="utf-8")
        if '"キャンセル"' in text or '"続きから"' in text or "やめる|" in text:
            offenders.append(path.relative_to(root).as_posix())
    assert offenders == []
