"""The HTTP server of `dxdesk serve`: platform endpoints, health, readiness and metrics."""

from __future__ import annotations

import asyncio
import hmac
import logging
import re
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web, web_response

from bot.app.logs import request_id

log = logging.getLogger(__name__)

Check = Callable[[], Awaitable[dict[str, bool]]]


# A client's X-Request-Id is kept only if it is this short and this plain (a load balancer's or
# Slack's id); anything else (tabs, new lines, a fake timestamp, 8,000 characters) is replaced.
SAFE_REQUEST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,63}")
# What every response says it is: no product versions.
SERVER_NAME = "DX Desk"


def request_id_of(header: str | None) -> str:
    """The client's request id if it is safe to log and echo, else a new one."""
    if header and SAFE_REQUEST_ID.fullmatch(header):
        return header
    return uuid.uuid4().hex[:12]


@web.middleware
async def request_id_middleware(request: web.Request, handler):  # type: ignore[no-untyped-def]
    """Give every request an id (a safe X-Request-Id is reused) for the logs."""
    rid = request_id_of(request.headers.get("X-Request-Id"))
    token = request_id.set(rid)
    try:
        try:
            response = await handler(request)
        except web.HTTPException as exc:
            exc.headers["X-Request-Id"] = rid
            raise
        response.headers["X-Request-Id"] = rid
        return response
    finally:
        request_id.reset(token)


async def _server_header(_: web.Request, response: web.StreamResponse) -> None:
    response.headers["Server"] = SERVER_NAME


def web_application(**options: Any) -> web.Application:
    """An aiohttp application with DX Desk's request ids and `Server` header."""
    # A request aiohttp cannot even parse is answered before any application sees it, with
    # aiohttp's default `Server` value (Python's and aiohttp's versions): replace the default too.
    web_response.SERVER_SOFTWARE = SERVER_NAME
    web_app = web.Application(middlewares=[request_id_middleware], **options)
    web_app.on_response_prepare.append(_server_header)
    return web_app


def health_routes(web_app: web.Application, readiness: Check, metrics: Callable[[], Awaitable[bytes]],
                  readiness_timeout: float = 5.0, *, probes: bool = True, metrics_token: str = "") -> None:
    """/healthz (alive), and unless `probes` is False (they are served on a management listener
    then) /readyz (dependencies) and /metrics (Prometheus; with a token, for its bearer only)."""
    running: list[asyncio.Task[dict[str, bool]]] = []  # the check in progress, shared by probes

    async def healthz(_: web.Request) -> web.Response:
        return web.json_response({"status": "ok"})

    def check() -> asyncio.Task[dict[str, bool]]:
        if running and not running[0].done():
            return running[0]  # probes arriving meanwhile wait for the same check
        task = asyncio.create_task(readiness(), name="readiness-check")
        task.add_done_callback(lambda t: t.cancelled() or t.exception())  # retrieved even if nobody waits
        running[:] = [task]
        return task

    async def readyz(_: web.Request) -> web.Response:
        task = check()
        # A slow check is reported, never cancelled: cancelling a query half-way invalidates its
        # connection (and with aiosqlite can leave a close that never ends behind).
        done, _ = await asyncio.wait({task}, timeout=readiness_timeout)
        if not done:
            checks = {"timeout": False}
            log.warning("readiness check still running after %.0f s", readiness_timeout)
        else:
            try:
                checks = task.result()
            except Exception as exc:
                checks = {"error": False}
                log.warning("readiness check failed: %r", exc)
        ok = all(checks.values())
        return web.json_response({"status": "ready" if ok else "not ready", "checks": checks},
                                 status=200 if ok else 503)

    async def metrics_view(request: web.Request) -> web.Response:
        if metrics_token and not _bearer_is(request.headers.get("Authorization", ""), metrics_token):
            return web.json_response({"error": "unauthorized"}, status=401,
                                     headers={"WWW-Authenticate": 'Bearer realm="metrics"'})
        body = await metrics()
        return web.Response(body=body, headers={"Content-Type": "text/plain; version=0.0.4; charset=utf-8"})

    web_app.router.add_get("/healthz", healthz)
    if probes:
        web_app.router.add_get("/readyz", readyz)
        web_app.router.add_get("/metrics", metrics_view)


def _bearer_is(header: str, token: str) -> bool:
    scheme, _, given = header.partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), token.encode())


def management_app(readiness: Check, metrics: Callable[[], Awaitable[bytes]], *,
                   metrics_token: str = "") -> web.Application:
    """The management listener (DXDESK_METRICS_PORT): /healthz, /readyz and /metrics only."""
    web_app = web_application()
    health_routes(web_app, readiness, metrics, metrics_token=metrics_token)
    return web_app
