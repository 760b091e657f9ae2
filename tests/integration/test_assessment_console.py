"""The assessment in `dxdesk chat` through stdin: start, answer by typing, pause, resume after a
restart of the process, and the profile."""

from __future__ import annotations

from tests.integration.test_console_chat import run


def test_poll_in_the_local_chat_survives_a_restart(tmp_path):
    # The poll is opened with /dx assessment: the invitation is printed by the background delivery
    # worker, so pressing its button by number would race with it.
    # 「force」: the subprocess runs on the real clock, and at night the invitation would wait for
    # office hours (campaigns, sixth round); this test is about the local chat, not the hour.
    first = run(["chat"], tmp_path,
                "/dx assessment start 締切 2099-12-31 named force\nこのまま開始\n/dx assessment\n1\n理解してる\n戻る\n4\n中断\n")
    out = first.stdout
    assert first.returncode == 0, first.stderr
    assert "スキル診断 #1 を開始しました" in out and "デジタルスキル診断のお願い" in out
    assert "■ デジタルスキル診断 1/27" in out and "[1] 理解し実践している  [2] 理解している" in out
    assert "[1] 1." not in out  # the number to type, once (Issue 15, second walk-through)
    assert "（現在の回答: 理解している）" in out  # 戻る showed question 2 with its answer
    assert "中断しました（2/27問回答済み）" in out
    answers = "\n".join(["3"] * 25)
    second = run(["chat"], tmp_path, f"続きから\n{answers}\n/dx assessment me\n")
    out = second.stdout
    assert "■ デジタルスキル診断 3/27" in out and "■ デジタルスキル診断 27/27" in out
    assert "■ あなたのデジタルスキル診断結果" in out and "おすすめの研修" in out
    assert "・基礎用語　★★☆☆（聞いたことがある）" in out  # 3 + 0 (changed) + 1 + 1 + 1 over five: 1.2
    assert "前回のスキル診断の結果です" in out
    assert "Traceback" not in second.stderr
