"""`dxdesk chat` driven through stdin, as a newcomer would use it (say, expect)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

DXDESK = [sys.executable, "-m", "bot.app"]


def run(args: list[str], tmp_path: Path, stdin: str = "", **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DXDESK_", "DATABASE_URL", "SLACK_"))}
    environment.update({"DXDESK_DATA_DIR": str(tmp_path / "data"), **env})
    return subprocess.run(DXDESK + args, input=stdin, capture_output=True, text=True, env=environment,
                          timeout=120, cwd=tmp_path)


def test_first_run_creates_the_data_folder_and_answers_in_japanese(tmp_path):
    # 「VLOOKUPってどう使うの？」 used to be answered here, confidently, with the XLOOKUP entry;
    # it now gets candidates (the two entries tie). The entry's own question is answered.
    result = run(["chat"], tmp_path, "こんにちは\nVLOOKUPの使い方を教えてください\n1\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "DX Desk です" in out
    assert "VLOOKUP関数の使い方" in out and "解決しましたか？" in out and "[1] はい" in out
    assert "よかったです" in out
    assert (tmp_path / "data" / "dxdesk.db").exists()
    assert "Traceback" not in result.stderr


def test_unanswered_question_forwarding_and_answer_across_restarts(tmp_path):
    first = run(["chat"], tmp_path, "こんにちは\n来週の庁内運動会の雨天時の集合場所\n1\n")
    assert "見つかりませんでした" in first.stdout and "Q-1" in first.stdout
    # The local user is admin on a fresh install, so the notice reached them too.
    assert "📨" in first.stdout
    second = run(["chat"], tmp_path, "/dx faq unanswered\n/dx faq answer Q-1 体育館に集合です。\n"
                 "/dx faq edit D-1 質問 庁内運動会が雨天のときの集合場所は？\n/dx faq publish D-1\n1\n")
    assert "Q-1" in second.stdout and "FAQ案 D-1" in second.stdout and "FAQ-" in second.stdout
    third = run(["chat", "--user", "newcomer"], tmp_path, "庁内運動会の雨天時の集合場所はどこ\n")
    assert "体育館に集合です。" in third.stdout


def test_other_users_are_staff_and_cannot_edit(tmp_path):
    run(["chat"], tmp_path, "こんにちは\n")
    result = run(["chat", "--user", "tanaka"], tmp_path, "/dx faq add Q | A\n/dx help\n")
    assert "管理者のみ" in result.stdout
    assert "faq add" not in result.stdout.split("使えるコマンド")[1]


def test_bad_input_lines_never_crash_the_chat(tmp_path):
    lines = ["", "   ", "\x1b[31m", "😀" * 50, "あ" * 10000, "ＤＸってなに？ what is DX?"]
    result = run(["chat"], tmp_path, "\n".join(lines) + "\n")
    assert result.returncode == 0
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout.count("DX Desk>") >= len(lines)


def test_faq_search_json_and_stdin(tmp_path):
    assert run(["demo"], tmp_path).returncode == 0  # a fresh install has no FAQ until one is loaded
    result = run(["faq", "search", "ズーム 画面共有", "--json", "--limit", "3"], tmp_path)
    import json

    data = json.loads(result.stdout)
    assert data["query"] == "ズーム 画面共有" and len(data["results"]) == 3
    assert all({"id", "score", "question"} <= set(r) for r in data["results"])
    piped = run(["faq", "search", "--stdin", "--limit", "2"], tmp_path, "VLOOKUP\n\nRPAとは\n")
    lines = [json.loads(line) for line in piped.stdout.splitlines()]
    assert [x["query"] for x in lines] == ["VLOOKUP", "RPAとは"]
    assert all(len(x["results"]) == 2 and set(x["results"][0]) == {"id", "score"} for x in lines)


def test_faq_test_prints_p_at_1_mrr_and_misses(tmp_path):
    csv_file = tmp_path / "check.csv"
    csv_file.write_text("question,expected_id\nズームで画面共有したい,FAQ-999\n", encoding="utf-8")
    result = run(["faq", "test", str(csv_file)], tmp_path)
    assert "P@1: 0.000" in result.stdout and "MRR: 0.000" in result.stdout
    assert "1位が正解でなかった質問: 1" in result.stdout and "「ズームで画面共有したい」: 正解 FAQ-999" in result.stdout
    english = run(["faq", "test", str(csv_file)], tmp_path, DXDESK_LANGUAGE="en")
    assert "misses: 1" in english.stdout and "'ズームで画面共有したい': expected FAQ-999" in english.stdout


@pytest.mark.parametrize("env, message", [
    ({"DXDESK_TIMEZONE": "Mars/Olympus"}, "DXDESK_TIMEZONE"),
    ({"DXDESK_ESCALATION_CHANNEL": "nowhere"}, "DXDESK_ESCALATION_CHANNEL"),
])
def test_bad_settings_stop_with_one_clear_line(tmp_path, env, message):
    result = run(["chat"], tmp_path, "", **env)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_serve_without_needed_slack_setting_names_it(tmp_path):
    result = run(["serve", "--socket-mode"], tmp_path, "")
    assert result.returncode == 2 and "SLACK_APP_TOKEN" in result.stderr
