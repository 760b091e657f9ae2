"""Issue 15, round 2: the progress export has a column for every question of the check-in form —
the multiple-choice 課題 and the yes/no 相談希望 too, not only the free texts."""

from __future__ import annotations

import csv
import io

from tests.checkins_fakes import member
from tests.support.dialogue import Person

ANSWERS = ["12", "8", "2", "進行中", "スキップ", "遅れてる", "業者との契約が来月にずれたため", "スキップ",
           "予算と人員", "予算の確保と業者選定がむずかしい", "はい", "フォーム作成の研修をしてほしい",
           "窓口での問い合わせが減りました"]


async def test_every_question_of_the_form_has_its_column(app_factory, clock):
    app = await app_factory(clock=clock)
    室長 = Person(app, "local", "室長")
    await 室長.say("こんにちは")
    田中 = await member(app, "tanaka", "田中", "市民課")
    await 室長.command("報告 開始 締切 2026-12-10")
    await 田中.command("報告")
    for answer in ANSWERS:
        await 田中.say(answer)
    await 田中.say("送信")

    await 室長.command("書き出し 進捗 csv")
    content = next(a for r in 室長.replies for a in r.attachments).content.decode("utf-8-sig")
    header, *rows = list(csv.reader(io.StringIO(content)))
    [row] = [r for r in rows if "市民課" in r]
    assert len(header) == len(set(header)), header  # one column per question, none twice
    answers = dict(zip(header, row, strict=True))
    assert answers["課題"] == "予算、人員・時間" and answers["相談・支援の希望"] == "はい"
    assert answers["「住民票の写しのオンライン請求」の状況"] == "進行中"
    assert answers["課題の内容"] == "予算の確保と業者選定がむずかしい"
    assert answers["小さな気づき"] == "窓口での問い合わせが減りました"
