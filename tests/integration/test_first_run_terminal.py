"""The interactive first run of `dxdesk chat` (issue 15, point 5): on an empty data folder, in a
real terminal (a pseudo-terminal), the chat asks whether to load the demo; 「いいえ」 keeps the
install clean, 「はい」 (or Enter) loads the samples once. The piped path is tested in
test_clean_install.py."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")


class Terminal:
    """`python -m bot.app chat` attached to a pseudo-terminal, read and typed like a person would."""

    def __init__(self, data_dir: Path) -> None:
        self.master, slave = pty.openpty()
        env = {**os.environ, "DXDESK_DATA_DIR": str(data_dir), "PYTHONPATH": str(ROOT),
               "DXDESK_LANGUAGE": "ja", "TERM": "dumb", "PYTHONIOENCODING": "utf-8"}
        env.pop("DXDESK_DATABASE_URL", None)
        self.proc = subprocess.Popen([sys.executable, "-m", "bot.app", "chat"], stdin=slave, stdout=slave,
                                     stderr=slave, env=env, cwd=str(ROOT), close_fds=True)
        os.close(slave)
        self.seen = b""
        self.mark = 0  # where the output after the last typed line starts

    def wait_for(self, text: str, timeout: float = 90.0) -> str:
        deadline = time.monotonic() + timeout
        want = text.encode()
        while want not in self.seen[self.mark:]:
            left = deadline - time.monotonic()
            if left <= 0 or self.proc.poll() is not None and not select.select([self.master], [], [], 0)[0]:
                raise AssertionError(f"{text!r} never appeared; the terminal showed:\n{self.output()}")
            if select.select([self.master], [], [], min(left, 0.5))[0]:
                try:
                    self.seen += os.read(self.master, 65536)
                except OSError:  # the child closed the terminal
                    continue
        return self.output()

    def type(self, line: str) -> None:
        """Type a line; the next `wait_for` looks only at what the terminal shows after it."""
        self.mark = len(self.seen)
        os.write(self.master, (line + "\n").encode())

    def output(self) -> str:
        return self.seen.decode("utf-8", "replace")

    def close(self) -> int:
        try:
            self.type("/quit")
            return self.proc.wait(timeout=30)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
            os.close(self.master)


def test_saying_no_at_the_first_run_keeps_the_install_clean(tmp_path: Path) -> None:
    term = Terminal(tmp_path / "data")
    try:
        term.wait_for("サンプルデータ（FAQ・部署のロードマップ例）を読み込みますか？")
        term.type("いいえ")
        term.wait_for("サンプルデータは読み込みません")
        term.wait_for("終了は Ctrl+D または /quit）")
        term.wait_for("あなた>")
        term.type("VLOOKUPの使い方を教えて")
        term.wait_for("DX Desk>", timeout=60)
        shown = term.wait_for("あなた>", timeout=60)
        after = shown.split("VLOOKUPの使い方を教えて", 1)[1]
        # An empty FAQ: nothing to answer with (no sample entry was loaded).
        assert "FAQ-0" not in after and "解決しましたか" not in after
        assert "サンプルデータを読み込みました" not in shown
    finally:
        assert term.close() == 0
    # A second start on the same folder does not ask again (the choice was kept).
    again = Terminal(tmp_path / "data")
    try:
        out = again.wait_for("あなた>")
        assert "読み込みますか" not in out
    finally:
        again.close()


def test_saying_yes_at_the_first_run_loads_the_demo_once(tmp_path: Path) -> None:
    term = Terminal(tmp_path / "data")
    try:
        term.wait_for("読み込みますか？")
        term.type("はい")
        out = term.wait_for("サンプルデータを読み込みました")
        assert "FAQ " in out.split("サンプルデータを読み込みました", 1)[1]
        term.wait_for("あなた>")
        term.type("VLOOKUPの使い方を教えて")
        shown = term.wait_for("解決しましたか", timeout=60)
        assert "VLOOKUP" in shown.split("VLOOKUPの使い方を教えて", 1)[1]
    finally:
        assert term.close() == 0
