"""Who an all-staff assessment addresses (final walk-through of issue 15: the local admin, who has no
department, was counted in 「対象 N名」).

The decision: the targets counted (「対象 N名」) are the people registered with a department — the
staff roster a city compares its participation with. Someone without one (the bootstrap admin, an
account not yet imported) still gets the invitation of an all-staff campaign (nobody loses it because
the roster is late; the admin starting it only when they ask, 「自分も」, sixth round), but is no department's target: the start reply names them and how to give them a
department, the status shows them apart, and the results' 「対象」 leaves them out."""

from __future__ import annotations

import re

from tests.support.assessment import admin_of, answer_all, staff, start_assessment
from tests.support.dialogue import Person


async def test_people_without_a_department_are_not_counted_as_targets(app_factory, clock):
    app = await app_factory(clock=clock)
    admin = await admin_of(app)  # the local admin: no department
    for user, department in (("suzuki", "市民課"), ("sato", "市民課"), ("ito", "税務課")):
        await staff(app, user, department)
    高橋 = Person(app, "takahashi", "高橋")
    await 高橋.say("こんにちは")  # registered by writing, no department yet

    await start_assessment(admin, "診断 開始 全員 締切 2099-12-31 自分も")
    started = admin.text()
    assert "全職員（3名）" in started, started
    assert "所属部署が名簿にない2名" in started and "高橋" in started and "「/dx 名簿 所属変更 名前 部署」" in started

    await admin.command("診断 状況")
    status = admin.text()
    assert "回答完了 0/3名" in status and "所属未登録（対象の人数に含めない）: 2名、うち完了 0名" in status

    # Someone without a department answers; they are shown apart, not as a target.
    await 高橋.say("スキル診断やりたい")
    assert "1/27" in 高橋.replies[0].title
    await answer_all(高橋, 2, start=False)
    await admin.command("診断 状況")
    status = admin.text()
    assert "回答完了 0/3名" in status, status
    assert "所属未登録（対象の人数に含めない）: 2名、うち完了 1名" in status
    await admin.command("診断 結果")
    assert re.search(r"対象 3名", admin.replies[0].title), admin.replies[0].title
