"""The reason of an absence without its conjunctive ending (thirteenth round); 「…そうなんで」 and the
note that only says why an absence went away (fourteenth round)."""

import pytest

from bot.core.rsvp_words import absence_reason, plan_changed


@pytest.mark.parametrize(("reason", "kept"), [
    ("出張が入ったので", "出張が入った"),
    ("出張が入ったの", "出張が入った"),  # what a parser left of ので
    ("体調不良なん", "体調不良"),  # what a parser left of なんで
    ("研修があって", "研修"),
    ("研修があるので", "研修"),
    ("出張ですので", "出張"),
    ("出張だから", "出張"),
    ("急用のため", "急用"),
    ("窓口が混みそうな", "窓口が混みそう"),  # what a parser left of なんで after そう
    ("窓口が混みそうなんで", "窓口が混みそう"),
    ("窓口がいそがしくて", "窓口がいそがしくて"),  # a reason in て-form stays as said
    ("研修とかぶってる", "研修とかぶってる"),
    ("行けないかも（未確定）", "行けないかも（未確定）"),
    ("", ""),
])
def test_absence_reason(reason, kept):
    assert absence_reason(reason) == kept


@pytest.mark.parametrize(("note", "changed"), [
    ("出張なくなった", True),
    ("出張なくなったので", True),
    ("研修が中止になった", True),
    ("体調が良くなった", True),
    ("都合がついた", True),
    ("15分くらい遅れて参加", False),
    ("オンライン", False),
    ("テレワーク", False),
])
def test_plan_changed(note, changed):
    assert plan_changed(note) is changed
