"""`dxdesk serve` with no Slack or Teams settings serves the web desk alone: one command, then a
browser on this machine signs in locally (no mail server) and asks a question."""

from __future__ import annotations

import asyncio
import os
import signal
import sys

from tests.integration.test_serve_process import free_port, wait_healthy
from tests.integration.web.support import Browser


async def test_serve_alone_is_the_web_desk_with_a_local_sign_in(tmp_path):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DXDESK_", "SLACK_", "MICROSOFT_", "DATABASE_URL"))}
    # A real `dxdesk serve` starts with an empty FAQ (issue 15.5): this one asks for the samples.
    env.update({"DXDESK_DATA_DIR": str(tmp_path / "data"), "DXDESK_LOG_FORMAT": "json", "DXDESK_SAMPLE_DATA": "true"})
    proc = await asyncio.create_subprocess_exec(sys.executable, "-m", "bot.app", "serve", "--host", "127.0.0.1",
                                                "--port", str(port), env=env, cwd=tmp_path,
                                                stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    me = Browser(base)
    try:
        await wait_healthy(f"{base}/healthz", proc)
        page = await me.sign_in_locally("local")
        assert "local さん（管理者）" in page.text  # the first local user, as in `dxdesk chat`
        await me.say("VLOOKUPってどう使うの？")
        assert "解決しましたか？" in me.last_bot_text()
        proc.send_signal(signal.SIGTERM)
        _, stderr = await asyncio.wait_for(proc.communicate(), timeout=30)
    finally:
        await me.close()
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
    log = stderr.decode()
    assert proc.returncode == 0 and "Traceback" not in log
