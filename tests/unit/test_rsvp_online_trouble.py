"""bot.core.rsvp_words.online_trouble: not being able to join online is a connection problem (not an
RSVP); an explicit 欠席, joining online, a question or another link is not one."""

from __future__ import annotations

import pytest

from bot.core.rsvp_words import online_trouble, read_answer
from bot.core.text import fold


@pytest.mark.parametrize("said", [
    "zoomで参加できません", "Teamsにつながらなくて参加できない", "ズームに入れないです", "オンラインで参加できないんですが",
    "web会議がつながらない", "チームズの会議に入れません", "会議のリンクが開きません", "リンクが開かないので参加できません",
    "teamsの会議に出れない",
])
def test_a_connection_problem_is_one(said):
    assert online_trouble(fold(said)) and read_answer(fold(said)) is None


@pytest.mark.parametrize("said", [
    "出張でzoomも無理、欠席します", "zoomで参加します", "オンラインで出席します", "zoomで参加できますか？",
    "共有リンクが開かない", "teamsでの画面共有はどうすればいいですか",
])
def test_other_sentences_are_not(said):
    assert not online_trouble(fold(said))


def test_an_explicit_absence_with_a_tool_in_it_is_read_as_the_absence():
    assert read_answer(fold("出張でzoomも無理、欠席します")) == ("absent", "出張でzoomも無理")
