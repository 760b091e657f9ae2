"""Buttons typed as words in a later `dxdesk chat` (sixth round, 2026-12-05, issues #15 and #20): a
label of a message shown in an earlier session presses that message's button; when the check-in's
and the assessment's invitations both offer 「回答を始める」 the chat asks which, in one line, and a
number or the job's word answers. Fails on the code before (the label was searched in the FAQ)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.integration.test_console_chat import run

ROSTER = "name,department,role,local_id\n管理者,DX推進室,admin,local\n佐藤 花子,税務課,liaison,sato\n"


def invited(tmp_path: Path, assessment: bool) -> None:
    (tmp_path / "people.csv").write_text(ROSTER, encoding="utf-8")
    assert run(["users", "import", str(tmp_path / "people.csv")], tmp_path).returncode == 0
    # subprocess on the real clock: 強制 sends at once whatever the hour (invitations wait at night)
    script = "/dx 報告 開始 締切 2099-12-18 強制\n" + ("/dx 診断 開始 強制\n1\n" if assessment else "")
    run(["chat"], tmp_path, script)
    first = run(["chat", "--user", "sato"], tmp_path, "")  # reads the invitations, presses nothing
    assert "留守中に届いたメッセージ" in first.stdout, first.stdout


@pytest.fixture(scope="module")
def invited_to_both(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One folder where sato was invited to the check-in and the assessment (four `dxdesk` runs):
    each test below starts from a copy of it."""
    folder = tmp_path_factory.mktemp("invited_to_both")
    invited(folder, assessment=True)
    return folder


def test_a_label_from_yesterdays_session_presses_that_messages_button(tmp_path: Path):
    invited(tmp_path, assessment=False)
    later = run(["chat", "--user", "sato"], tmp_path, "回答を始める\n")
    out = later.stdout
    assert "留守中に届いた" not in out and "全部で何件" in out, out
    assert "近いご質問" not in out and "選ぶボタンはありません" not in out, out


@pytest.mark.parametrize(("answer", "expected"), [("診断", "1/27"), ("報告のほう", "全部で何件"), ("2", "全部で何件"),
                                                  ("アンケート", "1/27")])
def test_two_messages_offering_one_label_are_asked_about_in_one_line(tmp_path: Path, invited_to_both: Path,
                                                                    answer, expected):
    shutil.copytree(invited_to_both / "data", tmp_path / "data")
    later = run(["chat", "--user", "sato"], tmp_path, f"回答を始める\n{answer}\n")
    out = later.stdout
    [asked] = [line for line in out.splitlines() if "どちらのメッセージのボタンですか" in line]
    assert "1. デジタルスキル診断のお願い" in asked and "2. 2026年12月の進捗報告のお願い" in asked, out
    assert "「診断」" in asked and "「報告」" in asked, asked
    assert expected in out and "近いご質問" not in out, out
    assert "Traceback" not in later.stderr
