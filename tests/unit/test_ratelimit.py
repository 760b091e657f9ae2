"""The one sliding-window rate limiter both adapters pace their sends with (bot/core/ratelimit.py)."""

from __future__ import annotations

import asyncio

from bot.core.ratelimit import KeyedLimiter, KeyedLocks, SlidingWindows


def test_a_send_waits_until_the_oldest_counted_one_left_every_window() -> None:
    windows = SlidingWindows(((3, 3.0), (5, 10.0)))
    for at in (0.0, 0.1, 0.2):
        assert windows.wait("C1", at) == 0.0
        windows.record("C1", at)
    assert windows.wait("C1", 0.3) == 3.0 - 0.3  # the 4th in 3 s waits for the 1st to leave
    assert windows.wait("C2", 0.3) == 0.0  # keys are counted apart
    windows.record("C1", 3.0)
    windows.record("C1", 3.1)
    assert abs(windows.wait("C1", 3.2) - (10.0 - 3.2)) < 1e-9  # 5 in 10 s: the longer window rules


def test_the_margin_lengthens_every_window_and_shares_can_change_the_limits() -> None:
    windows = SlidingWindows(((1, 1.0),), margin=0.05)
    windows.record("", 0.0)
    assert abs(windows.wait("", 0.0) - 1.05) < 1e-9
    windows.set_windows(((2, 1.0),))  # a larger share: past sends still count
    assert windows.wait("", 0.0) == 0.0


def test_idle_keys_are_forgotten_once_many_keys_were_seen() -> None:
    windows = SlidingWindows(((1, 1.0),))
    for n in range(1002):
        windows.record(f"C{n}", float(n) * 2)
    assert len(windows._stamps) < 10


async def test_callers_of_one_key_go_in_arrival_order_and_other_keys_do_not_wait() -> None:
    now = [0.0]

    async def sleep(seconds: float) -> None:
        now[0] += seconds
        await asyncio.sleep(0)

    limiter = KeyedLimiter(((2, 1.0),), clock=lambda: now[0], sleep=sleep)
    order: list[tuple[str, int, float]] = []

    async def send(key: str, n: int) -> None:
        await limiter.acquire(key)
        order.append((key, n, now[0]))

    await asyncio.gather(*(send("a", n) for n in range(5)))
    assert [n for _, n, _ in order] == [0, 1, 2, 3, 4]
    assert [at for _, _, at in order] == [0.0, 0.0, 1.0, 1.0, 2.0]
    assert limiter.wait_time("b") == 0.0
    assert not limiter.locks._locks  # nobody holds or waits: no lock kept


async def test_keyed_locks_serialise_one_key_only() -> None:
    locks = KeyedLocks()
    inside: list[str] = []
    async with locks.hold("a"):
        async with locks.hold("b"):  # another key is free
            inside.append("b")
        waiter = asyncio.create_task(_enter(locks, "a", inside))
        await asyncio.sleep(0.01)
        assert inside == ["b"]  # "a" is still held
    await waiter
    assert inside == ["b", "a"]


async def _enter(locks: KeyedLocks, key: str, inside: list[str]) -> None:
    async with locks.hold(key):
        inside.append(key)
