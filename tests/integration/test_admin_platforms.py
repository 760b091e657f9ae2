"""Admin reports over real HTTP: `/dx …` in Slack (answers on the response_url, files uploaded to
the admin's DM) and `dx …` in Teams (cards, charts as inline images); staff are refused on both."""

from __future__ import annotations

import base64
import io
from typing import Any

import pytest
from openpyxl import load_workbook
from PIL import Image

from bot.core.model import Role
from tests.fakes.bot_connector import FakeBotConnector, ServedBot, TeamsUser
from tests.fakes.slack_api import FakeSlackApi, SlackBot
from tests.support.admin import (
    checkins_service,
    seed_people,
    seed_progress,
    seed_questions,
)
from tests.support.people import add_person
from tests.support.platforms import StartSlack, StartTeams


async def seed(app: Any) -> None:
    await seed_people(app)
    await seed_questions(app)
    checkins_service(app)
    await seed_progress(app)


# --- Slack ---------------------------------------------------------------------------------
@pytest.fixture
def api(slack_api: FakeSlackApi) -> FakeSlackApi:
    """The workspace: an admin and a staff member."""
    slack_api.add_user("U0ADMIN", "鈴木 花子", "suzuki@city.example.jp")
    slack_api.add_user("U0STAFF", "佐藤 一郎", "sato@city.example.jp")
    return slack_api


@pytest.fixture
async def slack(app_factory, clock, api: FakeSlackApi, start_slack: StartSlack) -> SlackBot:
    app = await app_factory(clock=clock, **SlackBot.settings(api, admins="slack:U0ADMIN"))
    await seed(app)
    return await start_slack(app)


async def test_slack_admin_gets_the_summary_on_the_response_url(slack: SlackBot, api: FakeSlackApi) -> None:
    sent, url = await slack.workspace.command("U0ADMIN", "summary faq 2026-11")
    assert sent.status == 200
    answer = await api.next_call("hook")
    assert url.endswith(answer.path) and answer.params["response_type"] == "ephemeral"
    text = answer.all_text()
    assert "FAQ利用状況（2026年11月）" in text and "4件（質問の50%）" in text and "庁内運動会" in text


async def test_slack_export_and_chart_are_uploaded_to_the_admins_dm(slack: SlackBot, api: FakeSlackApi) -> None:
    await slack.workspace.command("U0ADMIN", "export progress xlsx")
    done = await api.next_call("files.completeUploadExternal")
    upload = await api.next_call("upload")
    assert done.params["files"][0]["title"] == "進捗報告（全期間）"
    assert done.params.get("channel_id", "").startswith("D")  # private: the admin's DM, not #general
    sheet = load_workbook(io.BytesIO(api.uploads[upload.params["file_id"]])).active
    assert sheet["A1"].value == "年月" and sheet.max_row == 7

    await slack.workspace.command("U0ADMIN", "グラフ 進捗")
    await api.next_call("files.completeUploadExternal")
    picture = await api.next_call("upload")
    image = Image.open(io.BytesIO(api.uploads[picture.params["file_id"]]))
    assert image.format == "PNG" and image.size[0] == 900


async def test_slack_staff_is_refused_and_nothing_is_uploaded(slack: SlackBot, api: FakeSlackApi) -> None:
    await slack.workspace.command("U0STAFF", "export faq csv")
    refusal = await api.next_call("hook")
    assert refusal.params["response_type"] == "ephemeral"
    assert "管理者のみ" in refusal.all_text() and "質問" not in refusal.all_text().replace("管理者のみ", "")
    await slack.idle()
    assert api.calls_to("files.getUploadURLExternal") == [] and api.uploads == {}
    entries = await slack.app.services.audit.list(1)
    assert (entries[0].action, entries[0].result) == ("export faq", "denied")


# --- Teams ---------------------------------------------------------------------------------
def image_urls(call: Any) -> list[str]:
    """The URLs of the Image elements anywhere in a posted Adaptive Card."""
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "Image" and node.get("url"):
                found.append(str(node["url"]))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(call.card)
    return found


@pytest.fixture
async def teams(app_factory, clock, start_teams: StartTeams) -> ServedBot:
    app = await app_factory(clock=clock, teams_no_auth=True)
    await add_person(app, "29:1admin", Role.ADMIN, name="鈴木 花子", platform="teams", aad_id="aad-admin",
                     keep_existing=True)
    await seed(app)
    return await start_teams(app)


async def test_teams_admin_reads_the_summary_card_and_sees_the_chart(teams: ServedBot,
                                                                     connector: FakeBotConnector) -> None:
    admin = TeamsUser(teams.url, connector, user_id="29:1admin", name="鈴木 花子", aad_id="aad-admin",
                      conversation_id="a:1personal-admin")
    assert await admin.say("dx summary progress") == 200
    card = await connector.message("a:1personal-admin", "進捗状況")
    texts = " ".join(card.card_texts())
    assert "1. 市民課　65%（26/40件）前月比 +15.0pt" in texts and "福祉課" in texts

    assert await admin.say("dx chart trend 市民課") == 200
    await connector.wait_for(lambda fake: any(image_urls(c) for c in fake.posts()
                                              if c.conversation_id.startswith("a:1personal-admin")))
    url = next(u for c in connector.posts() for u in image_urls(c))
    prefix = "data:image/png;base64,"
    assert url.startswith(prefix)
    picture = Image.open(io.BytesIO(base64.b64decode(url[len(prefix):])))
    assert picture.size == (1000, 560)


async def test_teams_staff_is_refused(teams: ServedBot, connector: FakeBotConnector) -> None:
    staff = TeamsUser(teams.url, connector)
    assert await staff.say("dx summary faq") == 200
    refusal = await connector.message("a:1personal-yamada", "管理者のみ")
    assert "FAQ利用状況" not in refusal.text + " ".join(refusal.card_texts() if refusal.card else [])
