"""The HTTP server of `dxdesk serve`: platform endpoints, health, readiness and metrics."""

from __future__ import annotations

import asyncio
import gc
import logging
import signal
import uuid
from collections.abc import Awaitable, Callable

from aiohttp import web

from bot.logs import request_id

log = logging.getLogger(__name__)

Check = Callable[[], Awaitable[dict[str, bool]]]


@web.middleware
async def request_id_middleware(request: web.Request, handler):  # type: ignore[no-untyped-def]
    """Give every request an id (reused from X-Request-Id) for the logs."""
    rid = request.headers.get("X-Request-Id") or uuid.uuid4().hex[:12]
    token = request_id.set(rid)
    try:
        response = await handler(request)
        response.headers["X-Request-Id"] = rid
        return response
    finally:
        request_id.reset(token)


def health_routes(web_app: web.Application, readiness: Check, metrics: Callable[[], Awaitable[bytes]],
                  readiness_timeout: float = 5.0) -> None:
    """/healthz (alive), /readyz (dependencies), /metrics (Prometheus)."""
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

    async def metrics_view(_: web.Request) -> web.Response:
        body = await metrics()
        return web.Response(body=body, headers={"Content-Type": "text/plain; version=0.0.4; charset=utf-8"})

    web_app.router.add_get("/healthz", healthz)
    web_app.router.add_get("/readyz", readyz)
    web_app.router.add_get("/metrics", metrics_view)


async def run_server(settings, *, host: str, port: int, socket_mode: bool) -> None:  # type: ignore[no-untyped-def]
    """Build the app, serve until SIGTERM/SIGINT, then finish in-flight work and stop cleanly."""
    from bot.app import build_app, create_web_app, start_background, stop_background

    # Signal handlers first: a SIGTERM during start-up must still stop cleanly.
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        try:
            loop.add_signal_handler(sig, stop.set)
        except NotImplementedError:  # pragma: no cover - not on Windows
            pass
    app = await build_app(settings)
    web_app = await create_web_app(app, socket_mode=socket_mode)
    runner = web.AppRunner(web_app, handle_signals=False, shutdown_timeout=20)
    await runner.setup()
    site = web.TCPSite(runner, host, port)
    await site.start()
    await start_background(app, socket_mode=socket_mode)
    # Everything loaded at start (dictionaries, vectors, the index) lives for the whole process:
    # move it out of the garbage collector's view so full collections stop causing 100 ms pauses.
    gc.collect()
    gc.freeze()
    log.info("DX Desk listening on http://%s:%s (slack=%s, teams=%s, socket_mode=%s)",
             host, port, settings.slack_enabled, settings.teams_on, socket_mode)
    await stop.wait()
    log.info("stopping: finishing in-flight work")
    await runner.cleanup()  # stops accepting, waits for in-flight requests
    await stop_background(app)
    await app.close()
    log.info("stopped")
