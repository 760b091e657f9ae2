"""`dxdesk serve --socket-mode`: no public URL; events arrive over a WebSocket and are acknowledged."""

from __future__ import annotations

from aiohttp import web

from bot.app.composition import create_web_app, start_background
from tests.fakes.slack_api import APP_TOKEN, BOT_TOKEN, FakeSlackApi, payload


async def test_socket_mode_answers_a_dm_and_a_command(app_factory, slack_api: FakeSlackApi) -> None:
    api = slack_api
    app = await app_factory(slack_bot_token=BOT_TOKEN, slack_app_token=APP_TOKEN, slack_api_url=api.base_url)
    try:
        web_app = await create_web_app(app, socket_mode=True)
        # No Request URL in Socket Mode: the route is not even served.
        assert all(r.resource is None or r.resource.canonical != "/slack/events" for r in web_app.router.routes())
        runner = web.AppRunner(web_app)
        await runner.setup()
        await start_background(app, socket_mode=True)
        opened = await api.next_call("apps.connections.open")
        assert opened.headers["Authorization"] == f"Bearer {APP_TOKEN}"

        event = payload("message_im")
        event["event"].update(text="ズームで画面共有したい", ts="1767225700.000100")
        ack = await api.socket_send("events_api", event)
        assert set(ack) == {"envelope_id"}
        reply = await api.next_call("chat.postMessage", channel="D0STAFF")
        assert "Zoom" in reply.all_text()

        command = payload("slash_command")
        command.update(text="help", response_url=api.hook_url("commands/socket"))
        ack = await api.socket_send("slash_commands", command)
        assert "envelope_id" in ack
        assert "使えるコマンド" in (await api.next_call("hook")).all_text()
        await runner.cleanup()
    finally:
        await app.close()


async def test_socket_mode_mends_lone_surrogates_too(app_factory, slack_api: FakeSlackApi) -> None:
    api = slack_api
    app = await app_factory(slack_bot_token=BOT_TOKEN, slack_app_token=APP_TOKEN, slack_api_url=api.base_url)
    try:
        runner = web.AppRunner(await create_web_app(app, socket_mode=True))
        await runner.setup()
        await start_background(app, socket_mode=True)
        await api.next_call("apps.connections.open")
        event = payload("message_im")
        # Sent as JSON, the lone surrogates travel as \ud800 escapes.
        event["event"].update(text="ズーム\ud800で画面共有したい", ts="1767225700.000200")
        await api.socket_send("events_api", event)
        reply = await api.next_call("chat.postMessage", channel="D0STAFF")
        assert "Zoom" in reply.all_text() and "エラー番号" not in reply.all_text()
        await runner.cleanup()
    finally:
        await app.close()
