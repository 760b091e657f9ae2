"""The bounded, oldest-first queue in front of the handlers (bot/core/admission.py)."""

from __future__ import annotations

import asyncio

import pytest

from bot.core.admission import Admission, Busy


async def test_turns_beyond_the_running_limit_start_oldest_first() -> None:
    admission = Admission(running=2, waiting=10, patience=5)
    started: list[int] = []
    release = asyncio.Event()

    async def turn(n: int) -> None:
        async with admission.slot():
            started.append(n)
            await release.wait()

    tasks = []
    for n in range(6):
        tasks.append(asyncio.create_task(turn(n)))
        await asyncio.sleep(0)
    await asyncio.sleep(0.01)
    assert started == [0, 1] and admission.active == 2 and admission.queued == 4
    release.set()
    await asyncio.gather(*tasks)
    assert started == [0, 1, 2, 3, 4, 5]
    assert admission.active == 0 and admission.queued == 0


async def test_a_full_queue_refuses_at_once_and_a_long_wait_is_refused_after_the_patience() -> None:
    admission = Admission(running=1, waiting=1, patience=0.05)
    await admission.enter()
    waiting = asyncio.create_task(admission.enter())
    await asyncio.sleep(0)
    with pytest.raises(Busy):  # the one waiting place is taken
        await admission.enter()
    with pytest.raises(Busy):  # nobody left in 50 ms
        await waiting
    assert admission.refused == 2 and admission.queued == 0
    admission.leave()
    await admission.enter()  # the slot is free again
    admission.leave()
    assert admission.active == 0


async def test_a_cancelled_waiter_gives_its_place_up() -> None:
    admission = Admission(running=1, waiting=5, patience=5)
    await admission.enter()
    first = asyncio.create_task(admission.enter())
    second = asyncio.create_task(admission.enter())
    await asyncio.sleep(0)
    first.cancel()
    await asyncio.sleep(0)
    admission.leave()
    await asyncio.wait_for(second, 1)  # the slot went to the next one still waiting
    assert admission.active == 1
    admission.leave()
    assert admission.active == 0
