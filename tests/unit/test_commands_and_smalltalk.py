"""Command grammar and small-talk recognition (pure functions)."""

from __future__ import annotations

import pytest

from bot.core import commands
from bot.core.model import Role
from bot.core.router import Router
from bot.core.text import fold
from handlers.faq import smalltalk

router = Router("t")


async def _noop(ctx, args):
    return None


for path in ("summary progress", "summary", "faq add", "faq", "users set-role"):
    router.command(path, role=Role.ADMIN)(_noop)


@pytest.mark.parametrize("text, path, args", [
    ("summary progress 2026-11", ("summary", "progress"), "2026-11"),
    ("要約 進捗 2026-11", ("summary", "progress"), "2026-11"),
    ("ＳＵＭＭＡＲＹ　進捗", ("summary", "progress"), ""),
    ("faq add 公用車は？ | 予約します", ("faq", "add"), "公用車は？ | 予約します"),
    ("faq 追加 Q | A", ("faq", "add"), "Q | A"),
    ("users 役割 U123 liaison", ("users", "set-role"), "U123 liaison"),
])
def test_longest_command_path_and_original_arguments(text, path, args):
    parsed = commands.parse(text, router.commands)
    assert parsed.route is not None and parsed.route.path == path
    assert parsed.args == args


def test_unknown_command_has_no_route():
    assert commands.parse("fly me to the moon", router.commands).route is None


@pytest.mark.parametrize("text, expected", [
    ("/dx help", "help"), ("／dx faq add", "faq add"), ("dx faq add x", "faq add x"),
    ("DXとは何ですか", None), ("dx とは何ですか", None), ("/dx", ""),
])
def test_typed_command_prefix(text, expected):
    assert commands.split_prefix(text, {"faq", "help"}) == expected


@pytest.mark.parametrize("text", ["こんにちは", "こんにちは！", "お疲れ様です。", "おはようございます", "Hello", "よろしくお願いします"])
def test_greetings(text):
    assert smalltalk.is_greeting(fold(text))


@pytest.mark.parametrize("text", ["こんにちは、VLOOKUPの使い方を教えて", "ZoomのID", "よろしく申請したい"])
def test_questions_are_not_greetings(text):
    folded = fold(text)
    assert not smalltalk.is_greeting(folded) and not smalltalk.is_thanks(folded) and not smalltalk.is_help(folded)


@pytest.mark.parametrize("text", ["ありがとう", "ありがとうございました！", "助かりました", "Thanks", "了解です"])
def test_thanks(text):
    assert smalltalk.is_thanks(fold(text))


@pytest.mark.parametrize("text", ["ヘルプ", "help", "使い方", "何ができるの？"])
def test_help(text):
    assert smalltalk.is_help(fold(text))


@pytest.mark.parametrize("text, n, expected", [("2", 3, 2), ("２番", 3, 2), ("3番目", 3, 3), ("4", 3, None), ("二", 3, None)])
def test_choice_numbers(text, n, expected):
    assert smalltalk.choice_number(fold(text), n) == expected


def test_role_parsing_in_both_languages():
    assert Role.parse("管理者") is Role.ADMIN and Role.parse("兼務職員") is Role.LIAISON
    assert Role.parse("Staff") is Role.STAFF and Role.parse("boss") is None


# --- issue 20: small talk and follow-ups ----------------------------------------------------
@pytest.mark.parametrize("text", ["今日の昼ごはん何がいいかな", "今日はいい天気ですね", "眠いなあ",
                                  "おすすめの映画ある？"])
def test_small_talk_is_recognised(text):
    from handlers.faq.smalltalk import is_chitchat
    assert is_chitchat(fold(text))


@pytest.mark.parametrize("text", ["Zoomの背景を変えたい", "会議室の予約ってどうやるの", "VLOOKUPの使い方",
                                  "在宅勤務の申請"])
def test_work_questions_are_not_small_talk(text):
    from handlers.faq.smalltalk import is_chitchat
    assert not is_chitchat(fold(text))


@pytest.mark.parametrize("text, expected", [
    ("それってZoomでも同じ？", True), ("じゃあTeamsは？", True), ("Excelの場合は？", True),
    ("Zoomで画面共有するには", False), ("VLOOKUPの使い方を教えてください", False),
])
def test_follow_ups_are_recognised(text, expected):
    from handlers.faq.smalltalk import is_follow_up
    assert is_follow_up(fold(text)) is expected
