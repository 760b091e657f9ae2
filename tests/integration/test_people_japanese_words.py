"""Issue 15, round 2: the people registry as a Japanese admin types it — the short words a person
tries (「所属」「部署」) work, and every usage line shows the Japanese command words."""

from __future__ import annotations

import re

from bot.core.model import Role
from tests.support.assessment import admin_of
from tests.support.people import add_person


async def test_short_words_move_a_person_and_usage_lines_are_japanese(app_factory, clock):
    app = await app_factory(clock=clock)
    admin = await admin_of(app)
    await add_person(app, "tanaka", Role.STAFF, "総務課", name="田中")
    await admin.command("名簿 所属 田中 企画課")
    assert "所属を変更しました" in admin.text()
    assert (await app.services.people.find("tanaka")).department == "企画課"
    await admin.command("名簿 部署 田中 市民課")
    assert (await app.services.people.find("tanaka")).department == "市民課"

    for typed, shown in [("名簿 所属 田中", "/dx 名簿 所属変更 名前 部署　例: /dx 名簿 所属変更 田中 企画課"),
                         ("名簿 役割 田中", "/dx 名簿 役割変更 名前 役割 [部署]"),
                         ("名簿 取り込み", "/dx 名簿 取り込み ファイルのパス")]:
        await admin.command(typed)
        reply = admin.text()
        assert shown in reply, reply
        command_part = reply.split("（")[0]
        assert not re.search(r"users|set-role|set-department|import", command_part), reply
