"""A check-in answered in `dxdesk chat` through stdin, across two processes (the first one ends
in the middle of the form), with typed numbers and the console's numbered buttons."""

from __future__ import annotations

from pathlib import Path

from tests.integration.test_console_chat import run


def test_form_in_the_console_survives_the_process_ending_mid_form(tmp_path: Path):
    people = tmp_path / "people.csv"
    people.write_text("name,department,role,local_id\n管理者,DX推進室,admin,local\n田中,市民課,liaison,tanaka\n"
                      "佐藤,市民課,liaison,sato\n", encoding="utf-8")
    assert run(["users", "import", str(people)], tmp_path).returncode == 0
    # 「強制」: the real clock may be at night, when invitations wait for office hours (sixth round).
    started = run(["chat"], tmp_path, "/dx 報告 開始 締切 2099-12-18 強制\n")
    assert "兼務職員2名に依頼を送りました" in started.stdout, started.stdout + started.stderr
    # 田中's request is one marked line here, and waits for 田中's own chat (with its button).
    assert "📨 → 田中（tanaka）宛: " in started.stdout and "回答を始める" not in started.stdout

    first = run(["chat", "--user", "tanaka"], tmp_path, "/dx checkin\n１２件\n8\n二\n2\n")
    out = first.stdout
    assert "留守中に届いたメッセージ（1件）" in out and "[1] 報告の回答を始める" in out
    assert "全部で何件" in out and "記録しました（対象手続数: 12件）" in out
    assert "記録しました（今月作成したフォーム数: 2件）" in out  # 「二」
    assert "[2] 進行中" in out and "記録しました（「住民票の写しのオンライン請求」の状況: 進行中）" in out

    second = run(["chat", "--user", "tanaka"], tmp_path,
                 "スキップ\n遅延\n予算待ち\nスキップ\n特になし\nいいえ\nスキップ\n送信\n")
    out = second.stdout
    assert "Traceback" not in out + second.stderr
    for line in ("1. 対象手続数: 12件", "2. オンライン化済みの手続数: 8件", "3. 今月作成したフォーム数: 2件",
                 "「住民票の写しのオンライン請求」の状況: 進行中", "「転出届のオンライン化」の遅延理由: 予算待ち",
                 "オンライン化率（自動計算）: 66.7%"):
        assert line in out, line
    # The change buttons carry the item's own number and 送信 comes last (walk-through round 7).
    # (the console shows the number once: 「[3] 変更: …」 for the label 「変更 3: …」).
    assert "[1] 変更: 対象手続数" in out and "[3] 変更: 今月作成したフォーム数" in out
    assert "[11] 変更: 小さな気づき  [12] この内容で送信" in out
    assert "進捗報告（市民課）を提出しました" in out
    assert "📨 → 佐藤（sato）宛: " in out and "提出しました" in out
