"""The reason of an absence without its conjunctive ending (thirteenth round)."""

import pytest

from bot.core.rsvp_words import absence_reason


@pytest.mark.parametrize(("reason", "kept"), [
    ("出張が入ったので", "出張が入った"),
    ("出張が入ったの", "出張が入った"),  # what a parser left of ので
    ("体調不良なん", "体調不良"),  # what a parser left of なんで
    ("研修があって", "研修"),
    ("研修があるので", "研修"),
    ("出張ですので", "出張"),
    ("出張だから", "出張"),
    ("急用のため", "急用"),
    ("窓口がいそがしくて", "窓口がいそがしくて"),  # a reason in て-form stays as said
    ("研修とかぶってる", "研修とかぶってる"),
    ("行けないかも（未確定）", "行けないかも（未確定）"),
    ("", ""),
])
def test_absence_reason(reason, kept):
    assert absence_reason(reason) == kept
