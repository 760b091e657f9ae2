"""Admin leftovers, thirteenth round (2026-12-06).

1. 「今月のまとめ」 ran the FAQ summary under 「「/dx 要約 FAQ」の結果です」 and 「先月のまとめ」 was not read.
   A month said with the summary in words — 「先月のまとめ」「10月のまとめ」「先月の集計」 — now runs
   `/dx 要約 FAQ` for that month. The office has no one summary of everything, so 「今月のまとめ」 keeps
   the FAQ summary and its first line says which summary it is (the others are named after it).
"""

from __future__ import annotations

import pytest

from tests.integration.test_faq_walkthrough_round4 import people


@pytest.mark.parametrize(("said", "period", "shown"), [
    ("先月のまとめ", "2026年11月", "先月"),
    ("先月の集計", "2026年11月", "先月"),
    ("せんげつのまとめみせて", "2026年11月", "先月"),
    ("10月のまとめ", "2026年10月", "10月"),
    ("2026年10月の集計ちょうだい", "2026年10月", "2026-10"),
])
async def test_a_month_said_with_the_summary_runs_it_for_that_month(app_factory, clock, said, period, shown):
    app = await app_factory(clock=clock)
    boss, _山田 = await people(app)
    await boss.say(said)
    first = boss.replies[0].text
    assert first == (f"{'今月' if shown == '' else shown}の相談窓口（FAQ）のまとめです"
                     f"（「/dx 要約 FAQ {shown}」。進捗報告・スキル診断は含みません）。"), first
    assert f"FAQ利用状況（{period}）" in boss.text(), boss.text()
    assert "「/dx 要約 進捗」" in boss.text(), boss.text()


async def test_this_months_summary_says_which_summary_it_is(app_factory, clock):
    app = await app_factory(clock=clock)
    boss, _山田 = await people(app)
    await boss.say("今月のまとめ")
    assert boss.replies[0].text == "今月の相談窓口（FAQ）のまとめです（「/dx 要約 FAQ」。進捗報告・スキル診断は含みません）。"
    assert "FAQ利用状況（2026年12月）" in boss.text(), boss.text()

