"""`dxdesk serve` as a real process: it starts, answers health checks, and stops cleanly on SIGTERM."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys

import aiohttp


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def wait_healthy(url: str, proc: asyncio.subprocess.Process, timeout: float = 60) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    async with aiohttp.ClientSession() as http:
        while loop.time() < deadline:
            if proc.returncode is not None:
                raise AssertionError(f"serve exited early with {proc.returncode}")
            try:
                async with http.get(url) as r:
                    if r.status == 200:
                        return
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.1)
    raise AssertionError("serve did not become healthy in time")


async def test_serve_starts_and_stops_cleanly_on_sigterm(tmp_path):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DXDESK_", "SLACK_", "MICROSOFT_", "DATABASE_URL"))}
    env.update({"DXDESK_DATA_DIR": str(tmp_path / "data"), "DXDESK_LOG_FORMAT": "json", "PORT": str(port)})
    proc = await asyncio.create_subprocess_exec(sys.executable, "-m", "bot.app", "serve", "--host", "127.0.0.1",
                                                env=env, cwd=tmp_path, stdout=asyncio.subprocess.PIPE,
                                                stderr=asyncio.subprocess.PIPE)
    try:
        await wait_healthy(f"http://127.0.0.1:{port}/healthz", proc)
        async with aiohttp.ClientSession() as http:
            async with http.get(f"http://127.0.0.1:{port}/readyz") as r:
                assert r.status == 200
        proc.send_signal(signal.SIGTERM)
        _, stderr = await asyncio.wait_for(proc.communicate(), timeout=30)
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
    assert proc.returncode == 0
    log = stderr.decode()
    assert '"msg": "stopped"' in log and "Traceback" not in log
