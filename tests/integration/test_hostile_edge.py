"""The HTTP edge of `dxdesk serve` under hostile input (issue 16): request ids, log lines,
the `Server` header, /metrics and /readyz, and what a production start refuses."""

from __future__ import annotations

import asyncio
import io
import json
import logging
import os
import re
import signal
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp import web

from bot.app.composition import create_web_app
from bot.app.logs import JsonFormatter, RequestIdFilter, TextFormatter
from bot.app.settings import Settings
from tests.db_snapshot import snapshot
from tests.fakes.slack_api import FakeSlackApi, SlackBot, sign
from tests.integration.test_serve_process import free_port, wait_healthy
from tests.support.platforms import serve_slack

ROOT = Path(__file__).resolve().parents[2]
RECORD_START = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} (DEBUG|INFO|WARNING|ERROR|CRITICAL) [\w.]+ \[")
FORGED = "2026-12-04 09:00:00,000 INFO bot.core.dispatch [-] admin rights granted to U0EVIL"
HOSTILE_IDS = ["abc\tdef", FORGED, "x" * 8000, "has spaces", "ümlaut", "a;b", "", "-starts-with-dash"]


@pytest.fixture
def log_text() -> Iterator[io.StringIO]:
    """What `dxdesk serve` writes with the default (text) log format, captured."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(TextFormatter())
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    yield stream
    root.removeHandler(handler)
    root.setLevel(level)


async def serve(web_app: web.Application) -> tuple[web.AppRunner, str]:
    runner = web.AppRunner(web_app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    return runner, f"http://127.0.0.1:{site._server.sockets[0].getsockname()[1]}"  # type: ignore[union-attr]


def assert_unforgeable(text: str) -> None:
    """Every line is a record's first line or an indented continuation of one."""
    for line in text.splitlines():
        assert RECORD_START.match(line) or line.startswith("    "), line[:200]


async def test_a_client_request_id_is_kept_only_when_short_and_plain(app_factory: Any, slack_api: FakeSlackApi,
                                                                     log_text: io.StringIO) -> None:
    bot = await serve_slack(await app_factory(**SlackBot.settings(slack_api)), slack_api)
    try:
        before = await snapshot(bot.app, skip=("apscheduler_jobs",))
        # A malformed but signed request: it is refused and logged, with the request's id.
        sent = await bot.workspace.deliver(b"[]", "application/json", headers={"X-Request-Id": "lb-7f3a.01"})
        assert sent.status == 400
        async with aiohttp.ClientSession() as http, http.post(bot.workspace.url, data=b"[]",
                                                              headers={"X-Request-Id": "lb-7f3a.01"}) as r:
            assert r.headers["X-Request-Id"] == "lb-7f3a.01"
        for hostile in HOSTILE_IDS:
            sent_id = await deliver_with_id(bot, hostile)
            assert sent_id != hostile and re.fullmatch(r"[0-9a-f]{12}", sent_id), hostile[:40]
        text = log_text.getvalue()
        assert "[lb-7f3a.01] refused a verified but malformed Slack request" in text
        assert "x" * 100 not in text and "\t" not in text and "ümlaut" not in text
        assert "admin rights granted" not in text
        assert_unforgeable(text)
        assert await snapshot(bot.app, skip=("apscheduler_jobs",)) == before
    finally:
        await bot.stop()


async def deliver_with_id(bot: SlackBot, request_id: str) -> str:
    """POST a signed malformed body with this X-Request-Id (raw bytes, as a client can send them)."""
    assert bot.workspace is not None
    port = int(bot.workspace.url.split(":")[2].split("/")[0])
    body = b"[]"
    timestamp = str(int(time.time()))
    head = (f"POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\nX-Slack-Request-Timestamp: {timestamp}\r\n"
            f"X-Slack-Signature: {sign(bot.workspace.secret, timestamp, body)}\r\nConnection: close\r\n")
    raw = head.encode() + b"X-Request-Id: " + request_id.encode("utf-8") + b"\r\n\r\n" + body
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(raw)
    await writer.drain()
    answer = (await asyncio.wait_for(reader.read(), 10)).decode("utf-8", "replace")
    writer.close()
    assert answer.startswith("HTTP/1.1 400"), answer[:200]
    return re.search(r"^X-Request-Id: (.*?)\r$", answer, re.MULTILINE).group(1)  # type: ignore[union-attr]


async def test_log_lines_cannot_be_forged_by_an_unauthenticated_client(app_factory: Any,
                                                                       log_text: io.StringIO) -> None:
    app = await app_factory(microsoft_app_id="5a7c1e2d-3b4f-4a6e-9c8d-0f1e2d3c4b5a",
                            microsoft_app_password="client-secret")
    runner, base = await serve(await create_web_app(app))
    try:
        activity = {"type": f"message\n{FORGED}\r\n\u2028{FORGED}\x1b[2J", "channelId": f"msteams\n{FORGED}",
                    "text": "hi", "from": {"id": "29:1"}, "conversation": {"id": "a:1"}}
        async with aiohttp.ClientSession() as http, http.post(f"{base}/api/messages", data=json.dumps(activity),
                                                              headers={"Content-Type": "application/json"}) as r:
            assert r.status == 401
        text = log_text.getvalue()
        assert "refused a Teams request" in text
        assert_unforgeable(text)
        assert not any(line.startswith(FORGED[:19]) for line in text.splitlines())
        assert "\x1b" not in text and "\u2028" not in text
        # The same record as JSON (DXDESK_LOG_FORMAT=json) is one line of valid JSON.
        record = logging.LogRecord("bot.x", logging.WARNING, __file__, 1, "refused %s", (activity["type"],), None)
        line = JsonFormatter().format(record)
        assert "\n" not in line and "\u2028" not in line and "\r" not in line
        assert json.loads(line)["msg"] == f"refused {activity['type']}"
    finally:
        await runner.cleanup()


async def test_no_response_names_python_or_aiohttp_versions(app_factory: Any, slack_api: FakeSlackApi) -> None:
    bot = await serve_slack(await app_factory(**SlackBot.settings(slack_api, teams_no_auth=True)), slack_api)
    try:
        assert bot.workspace is not None
        base = bot.workspace.url.removesuffix("/slack/events")
        seen: list[str] = []
        async with aiohttp.ClientSession() as http:
            for method, path, data, headers in (("GET", "/healthz", None, {}), ("GET", "/nowhere", None, {}),
                                                ("POST", "/slack/events", b"{}", {"Content-Type": "application/json"}),
                                                ("POST", "/api/messages", b"[", {"Content-Type": "application/json"}),
                                                ("POST", "/api/messages", b"x", {"Content-Type": "text/plain"}),
                                                ("PUT", "/healthz", None, {})):
                async with http.request(method, base + path, data=data, headers=headers) as r:
                    seen.append(r.headers.get("Server", ""))
        sent = await bot.workspace.deliver(b"[]", "application/json")
        assert sent.status == 400
        # A request aiohttp cannot parse at all.
        port = int(base.rsplit(":", 1)[1])
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: zz\r\n\r\n")
        await writer.drain()
        answer = (await asyncio.wait_for(reader.read(), 10)).decode("latin-1")
        writer.close()
        seen.append(re.search(r"^Server: (.*?)\r$", answer, re.MULTILINE).group(1))  # type: ignore[union-attr]
        assert set(seen) == {"DX Desk"}, seen
    finally:
        await bot.stop()


async def test_metrics_need_the_bearer_token_when_one_is_set(app_factory: Any) -> None:
    app = await app_factory(metrics_token="s3cret-metrics")
    runner, base = await serve(await create_web_app(app))
    try:
        async with aiohttp.ClientSession() as http:
            for header in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic czNjcmV0LW1ldHJpY3M="},
                           {"Authorization": "s3cret-metrics"}, {"Authorization": "Bearer s3cret-metrics-and-more"}):
                async with http.get(f"{base}/metrics", headers=header) as r:
                    assert r.status == 401, header
                    assert "dxdesk_" not in await r.text()
            async with http.get(f"{base}/metrics", headers={"Authorization": "Bearer s3cret-metrics"}) as r:
                assert r.status == 200 and "dxdesk_outbox_depth" in await r.text()
            async with http.get(f"{base}/healthz") as r:
                assert r.status == 200
    finally:
        await runner.cleanup()


def serve_env(tmp_path: Path, **values: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("DXDESK_", "SLACK_", "MICROSOFT_", "DATABASE_URL"))}
    env.update({"DXDESK_DATA_DIR": str(tmp_path / "data"), "DXDESK_LOG_FORMAT": "json", **values})
    return env


async def run_serve(tmp_path: Path, **values: str) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(sys.executable, "-m", "bot.app", "serve", "--host", "127.0.0.1",
                                                env=serve_env(tmp_path, **values), cwd=tmp_path,
                                                stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)


@pytest.mark.parametrize("values", [
    {"DXDESK_TEAMS": "1", "DXDESK_TEAMS_NO_AUTH": "1"},
    {"MICROSOFT_APP_ID": "5a7c1e2d-3b4f-4a6e-9c8d-0f1e2d3c4b5a", "MICROSOFT_APP_PASSWORD": "x",
     "DXDESK_TEAMS_OPENID_METADATA": "http://127.0.0.1:9/v1/.well-known/openidconfiguration"},
], ids=["no-auth", "test OpenID metadata"])
async def test_a_production_start_with_development_settings_is_refused(tmp_path: Path,
                                                                       values: dict[str, str]) -> None:
    port = free_port()
    proc = await run_serve(tmp_path, PORT=str(port), **values)
    _, stderr = await asyncio.wait_for(proc.communicate(), timeout=60)
    assert proc.returncode == 2
    assert "DXDESK_DEVELOPMENT=1" in stderr.decode() and "Traceback" not in stderr.decode()
    assert not (tmp_path / "data" / "dxdesk.db").exists(), "refused before touching the database"


async def test_management_listener_serves_metrics_and_readiness_apart(tmp_path: Path) -> None:
    port, management = free_port(), free_port()
    # With the explicit development flag, a no-auth Teams endpoint starts (and is still checked).
    proc = await run_serve(tmp_path, PORT=str(port), DXDESK_METRICS_PORT=str(management),
                           DXDESK_METRICS_TOKEN="s3cret", DXDESK_DEVELOPMENT="1", DXDESK_TEAMS="1",
                           DXDESK_TEAMS_NO_AUTH="1")
    try:
        await wait_healthy(f"http://127.0.0.1:{port}/healthz", proc)
        public, internal = f"http://127.0.0.1:{port}", f"http://127.0.0.1:{management}"
        async with aiohttp.ClientSession() as http:
            for path in ("/metrics", "/readyz"):
                async with http.get(public + path) as r:
                    assert r.status == 404, path
            async with http.get(internal + "/metrics") as r:
                assert r.status == 401
            async with http.get(internal + "/metrics", headers={"Authorization": "Bearer s3cret"}) as r:
                assert r.status == 200 and "dxdesk_outbox_depth" in await r.text()
                assert r.headers["Server"] == "DX Desk"
            async with http.get(internal + "/readyz") as r:
                assert r.status == 200
            async with http.post(public + "/api/messages", data=b"[", headers={"Content-Type": "application/json"}) as r:
                assert r.status == 400
        proc.send_signal(signal.SIGTERM)
        _, stderr = await asyncio.wait_for(proc.communicate(), timeout=30)
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
    assert proc.returncode == 0
    assert "Traceback" not in stderr.decode()


def test_docs_and_the_default_log_format_agree() -> None:
    default = Settings.model_fields["log_format"].default
    operations = (ROOT / "docs" / "operations.md").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"DXDESK_LOG_FORMAT` / `DXDESK_LOG_LEVEL` | `{default}` / `INFO`" in readme
    assert f"Logs are {default} lines by default" in operations
