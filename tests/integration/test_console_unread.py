"""The local chat as a faithful stand-in for Slack and Teams (fourth round, 2026-12-05): a message
for someone else is one marked line in the terminal that caused it and waits for them; when they
open `chat --user …` they read it first, and its buttons work by number or by their label."""

from __future__ import annotations

from pathlib import Path

from tests.integration.test_console_chat import run

ROSTER = ("name,department,role,local_id\n管理者,DX推進室,admin,local\n佐藤 花子,税務課,liaison,sato\n"
          "鈴木 一郎,市民課,liaison,suzuki\n")


def test_a_request_for_sato_waits_for_her_and_her_button_works_by_its_label(tmp_path: Path):
    (tmp_path / "people.csv").write_text(ROSTER, encoding="utf-8")
    assert run(["users", "import", str(tmp_path / "people.csv")], tmp_path).returncode == 0
    # 「強制」: the real clock may be at night, when invitations wait for office hours (sixth round).
    admin = run(["chat"], tmp_path, "/dx 報告 開始 締切 2099-12-18 強制\n")
    out = admin.stdout
    assert "兼務職員2名に依頼を送りました" in out, out + admin.stderr
    # One line each, marked with whom it is for; not printed as if the bot spoke to the admin.
    [for_sato] = [line for line in out.splitlines() if "佐藤 花子" in line]
    assert for_sato.startswith("📨 → 佐藤 花子（sato）宛: ") and "進捗報告のお願い" in for_sato, out
    assert "DX Desk>" not in for_sato and "回答を始める" not in out, out

    # 佐藤 opens her chat later: the request is shown first, and typing the button's words presses it.
    sato = run(["chat", "--user", "sato"], tmp_path, "回答を始める\n")
    out = sato.stdout
    assert "留守中に届いたメッセージ（1件）" in out and "進捗報告のお願い" in out and "[1] 報告の回答を始める" in out, out
    assert "全部で何件" in out, out  # the form started: not FAQ candidates
    assert "近いご質問" not in out and "選ぶボタンはありません" not in out, out
    # Read once: the next time she opens the chat nothing is waiting.
    again = run(["chat", "--user", "sato"], tmp_path, "")
    assert "留守中に届いた" not in again.stdout

    # 鈴木's waits too; a typed number presses it as before.
    suzuki = run(["chat", "--user", "suzuki"], tmp_path, "1\n")
    assert "留守中に届いたメッセージ（1件）" in suzuki.stdout and "全部で何件" in suzuki.stdout, suzuki.stdout
    assert "Traceback" not in admin.stderr + sato.stderr + suzuki.stderr


def test_the_bot_speaking_to_this_user_and_to_someone_else_look_different(tmp_path: Path):
    # A question nobody can answer is forwarded: the notice is for the admin (not running), the
    # asker reads the bot's reply as usual.
    run(["chat"], tmp_path, "こんにちは\n")  # the first local user is the admin
    asker = run(["chat", "--user", "tanaka"], tmp_path, "来週の庁内運動会の雨天時の集合場所\n1\n")
    lines = asker.stdout.splitlines()
    notices = [line for line in lines if line.startswith("📨 → ")]
    assert notices and all("DX Desk>" not in line for line in notices), asker.stdout
    admin = run(["chat"], tmp_path, "")
    assert "留守中に届いたメッセージ" in admin.stdout and "Q-1" in admin.stdout, admin.stdout
