"""Scheduled jobs registered by name, the way routers register handlers.

A job is a module-level coroutine `async def job(services, *ids)` that reloads its state from the
database. Its job module declares it with `@jobs.job("send_reminder")` on a `JobRegistry("meetings")`;
the scheduler stores only the name (`"meetings.send_reminder"`) and the ids, never a module path,
so code can move without breaking a stored reminder.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from typing import Any

JobFunc = Callable[..., Awaitable[Any]]


class JobRegistry:
    """The jobs of one feature, named `"<namespace>.<name>"`."""

    def __init__(self, namespace: str) -> None:
        self.namespace = namespace
        self.entries: dict[str, JobFunc] = {}

    def name(self, short: str) -> str:
        """The full name a job is scheduled under."""
        return f"{self.namespace}.{short}"

    def job(self, short: str) -> Callable[[JobFunc], JobFunc]:
        """Register the decorated coroutine as job `short`; returns it unchanged."""

        def register(func: JobFunc) -> JobFunc:
            full = self.name(short)
            if full in self.entries:
                raise ValueError(f"job {full!r} is registered twice")
            self.entries[full] = func
            return func

        return register


def merge(registries: Iterable[JobRegistry]) -> dict[str, JobFunc]:
    """One name -> job table from several registries (names must be unique)."""
    table: dict[str, JobFunc] = {}
    for registry in registries:
        clash = set(table) & set(registry.entries)
        if clash:
            raise ValueError(f"jobs registered twice: {sorted(clash)}")
        table.update(registry.entries)
    return table
