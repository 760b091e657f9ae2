"""Fixtures of the web desk tests: an app served on 127.0.0.1 and browsers (HTTP clients) for it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest

from tests.integration.web.support import Browser, serve


@pytest.fixture
async def desk(app_factory) -> AsyncIterator[Callable[..., Awaitable[tuple[Any, str]]]]:
    """desk(**settings) -> (app, base URL); servers and apps are stopped after the test."""
    runners = []

    async def start(**overrides: Any) -> tuple[Any, str]:
        app = await app_factory(**overrides)
        runner, base = await serve(app)
        runners.append(runner)
        return app, base

    yield start
    for runner in runners:
        await runner.cleanup()


@pytest.fixture
async def browsers() -> AsyncIterator[Callable[[str], Browser]]:
    """browsers(base) -> a new cookie-keeping client; all are closed after the test."""
    made: list[Browser] = []

    def make(base: str) -> Browser:
        b = Browser(base)
        made.append(b)
        return b

    yield make
    for b in made:
        await b.close()


@pytest.fixture
async def smtp():
    """A real SMTP server for the test: (inbox, port)."""
    from tests.fakes.smtp_server import start_smtp

    server, inbox, port = await start_smtp()
    yield inbox, port
    server.close()
    await server.wait_closed()
