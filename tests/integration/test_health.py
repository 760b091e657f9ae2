"""/healthz, /readyz and /metrics of the real aiohttp application."""

from __future__ import annotations

import asyncio
import re

import aiohttp
from aiohttp import web

from bot.app.composition import create_web_app
from bot.core.events import Actor, Conversation, MessageReceived


async def serve(app):
    return await serve_web(await create_web_app(app))


async def serve_web(web_app):
    runner = web.AppRunner(web_app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    return runner, f"http://127.0.0.1:{port}"


class Sink:
    async def send(self, reply):
        pass


async def test_health_readiness_and_metrics(app_factory):
    app = await app_factory()
    runner, base = await serve(app)
    try:
        await app.dispatcher.dispatch(
            MessageReceived(Actor("console", "u"), Conversation("console", "c"), "VLOOKUPの使い方"), Sink())
        async with aiohttp.ClientSession() as http:
            async with http.get(f"{base}/healthz") as r:
                assert r.status == 200 and (await r.json())["status"] == "ok"
                assert r.headers["X-Request-Id"]
            async with http.get(f"{base}/readyz") as r:
                body = await r.json()
                assert r.status == 200, body
                assert body["checks"]["database"] and body["checks"]["migrations"]
            async with http.get(f"{base}/metrics") as r:
                text = await r.text()
                assert 'dxdesk_events_in_total{kind="MessageReceived",outcome="ok"} 1.0' in text
                assert "dxdesk_outbox_depth" in text and "dxdesk_handler_seconds_bucket" in text
                # The FAQ answer rate and messages out (the answer, plus its follow-up, if any).
                assert re.search(r'dxdesk_faq_questions_total\{outcome="(answer|candidates|none)"\} 1\.0', text)
                assert 'dxdesk_messages_out_total{platform="console",result="reply"}' in text
            async with http.post(f"{base}/slack/events", data="x") as r:
                assert r.status == 404  # Slack is off without a token
    finally:
        await runner.cleanup()


async def test_readiness_fails_when_the_database_is_gone(app_factory):
    from sqlalchemy.ext.asyncio import create_async_engine

    app = await app_factory()
    runner, base = await serve(app)
    healthy = app.engine
    app.engine = create_async_engine("sqlite+aiosqlite:////nonexistent/dir/x.db")
    try:
        async with aiohttp.ClientSession() as http:
            async with http.get(f"{base}/readyz") as r:
                assert r.status == 503
                assert (await r.json())["status"] == "not ready"
            async with http.get(f"{base}/healthz") as r:
                assert r.status == 200  # alive, just not ready
    finally:
        await app.engine.dispose()
        app.engine = healthy
        await runner.cleanup()


async def test_a_slow_readiness_check_is_reported_and_not_cancelled():
    from bot.app.server import health_routes

    release = asyncio.Event()
    calls: list[str] = []

    async def readiness():
        calls.append("start")
        await release.wait()  # a database that answers slowly
        calls.append("finished")
        return {"database": True}

    async def metrics():
        return b""

    web_app = web.Application()
    health_routes(web_app, readiness, metrics, readiness_timeout=0.1)
    runner, base = await serve_web(web_app)
    try:
        async with aiohttp.ClientSession() as http:
            for _ in range(2):  # the second probe waits for the same check, not a new one
                async with http.get(f"{base}/readyz") as r:
                    assert r.status == 503 and (await r.json())["checks"] == {"timeout": False}
            release.set()
            async with http.get(f"{base}/readyz") as r:
                assert r.status == 200
        assert calls[:2] == ["start", "finished"]  # the slow check ran to its end (then a new one)
    finally:
        await runner.cleanup()
