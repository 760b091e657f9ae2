"""Progress check-ins as dialogues: the whole form, the department's other liaison, editing
until the deadline, pausing, resuming, and a restart in the middle of a form."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.core.model import Role
from handlers.checkins.model import CampaignStatus
from handlers.checkins.ports import CHECKINS
from tests.conftest import FakeClock
from tests.support.checkins import member, outbox, person_id

ANSWERS_CITIZEN = [  # 市民課 has two sample roadmap items
    "１２件", "8", "二", "進行中", "スキップ", "遅れ", "業者との契約が来月にずれたため", "スキップ",
    "1と3", "予算の確保と業者選定", "はい", "フォーム作成の研修をしてほしい", "窓口での問い合わせが減りました",
]


async def setup(app_factory, clock, **kw):
    app = await app_factory(clock=clock, **kw)
    admin = await member(app, "boss", "管理者", "DX推進室", Role.ADMIN)
    tanaka = await member(app, "tanaka", "田中", "市民課")
    sato = await member(app, "sato", "佐藤", "市民課")
    suzuki = await member(app, "suzuki", "鈴木", "税務課")
    return app, admin, tanaka, sato, suzuki


async def test_the_whole_form_submit_other_liaison_told_and_edit_until_deadline(app_factory, clock):
    app, admin, tanaka, sato, suzuki = await setup(app_factory, clock)
    await admin.command("checkin start 2026-12 締切 12/8")
    # No notifier in this process: the invitations wait in the outbox, and the reply says so.
    assert "兼務職員3名のうち、依頼を送信: 0名／送信待ち: 3名" in admin.text() and "12月8日（火）17:00" in admin.text()
    assert "・田中（市民課）: 送信待ち（本人が端末のチャットを開いたときに表示されます）" in admin.text()
    invites = [m for m in await outbox(app) if "進捗報告のお願い" in m.text]
    assert {m.person_id for m in invites} == {await person_id(app, u) for u in ("tanaka", "sato", "suzuki")}
    assert invites[0].reply.choices[0].label == "報告の回答を始める"

    await tanaka.press(invites[0].reply.choices[0]) if invites[0].person_id == await person_id(app, "tanaka") \
        else await tanaka.command("checkin")
    assert "対象としている手続は、全部で何件" in tanaka.text() and "（1/" in tanaka.text()
    assert tanaka.replies[-1].choices == ()  # a numeric question: typing 12 can only mean 12
    await tanaka.say("１２件")
    await tanaka.say("15")
    assert "オンライン化済みの手続数（15）が対象手続数（12）を超えています" in tanaka.text()
    for text in ANSWERS_CITIZEN[1:]:
        await tanaka.say(text)
    summary = tanaka.text()
    assert "回答内容の確認" in summary and "オンライン化率（自動計算）: 66.7%" in summary
    assert "「転出届のオンライン化」の遅延理由: 業者との契約が来月にずれたため" in summary
    await tanaka.say("3を変更")
    assert "（現在の回答: 2件。" in tanaka.text()
    await tanaka.say("10")
    assert "今月作成したフォーム数: 10件" in tanaka.text()
    await tanaka.press(tanaka.choice("この内容で送信"))
    assert "進捗報告（市民課）を提出しました" in tanaka.text() and "66.7%" in tanaka.text()

    told = [m for m in await outbox(app) if m.person_id == await person_id(app, "sato") and "提出しました" in m.text]
    assert len(told) == 1 and "田中さん" in told[0].text
    await sato.command("checkin")
    assert "田中さんが" in sato.text() and "提出済み" in sato.text()

    result = await app.services.get(CHECKINS).repo.result_for(1, "市民課")
    assert (result.in_scope, result.online, result.rate, result.forms_created) == (12, 8, 66.7, 10)
    assert (result.items_total, result.items_late) == (2, 1)
    assert result.answers["obstacles"] == ["budget", "system"] and result.answers["needs_consultation"] is True

    await sato.command("checkin edit")  # any liaison of the department may correct it
    assert "提出済みの回答です" in sato.text() and "1. 対象手続数: 12件" in sato.text()
    await sato.say("変更 1")
    await sato.say("16")
    await sato.say("送信")
    assert "修正を保存しました" in sato.text() and "50%" in sato.text()
    assert (await app.services.get(CHECKINS).repo.result_for(1, "市民課")).rate == 50.0

    clock.current = datetime(2026, 12, 8, 9, 0, tzinfo=UTC)  # 18:00 in Tokyo: past the deadline
    await tanaka.command("checkin edit")
    assert "締切（12月8日（火）17:00）を過ぎたため" in tanaka.text()


async def test_back_skip_help_cancel_and_resume(app_factory, clock):
    app, admin, tanaka, *_ = await setup(app_factory, clock)
    await admin.command("checkin start 締切 2026-12-10")
    await tanaka.command("checkin")
    await tanaka.say("スキップ")
    assert "必須の質問のため、スキップできません" in tanaka.text()
    await tanaka.say("ヘルプ")
    assert "手続棚卸し" in tanaka.text() and "「戻る」前の質問へ" in tanaka.text()
    await tanaka.say("12")
    await tanaka.say("戻る")
    assert "全部で何件" in tanaka.text() and "（現在の回答: 12件。" in tanaka.text()
    await tanaka.say("13")
    await tanaka.say("やめる")
    assert "入力を中断しました" in tanaka.text()
    await tanaka.say("VLOOKUPの使い方")  # the paused form does not catch other questions
    assert "VLOOKUP" in tanaka.text() and "何件" not in tanaka.text()
    await tanaka.say("続きから")
    assert "前回の続きから" in tanaka.text() and "すでにオンラインで申請できる" in tanaka.text()
    await tanaka.say("戻る")
    assert "（現在の回答: 13件。" in tanaka.text()


async def test_restart_in_the_middle_of_a_form_loses_nothing(app_factory, clock, tmp_path):
    url = f"sqlite+aiosqlite:///{tmp_path / 'restart.db'}"
    app, admin, tanaka, *_ = await setup(app_factory, clock, database_url=url)
    await admin.command("checkin start 締切 2026-12-10")
    await tanaka.command("checkin")
    for text in ("20件", "十五", "3", "完了"):
        await tanaka.say(text)
    await app.close()  # the process dies without "やめる"

    again = await app_factory(clock=clock, database_url=url)
    tanaka.app = again
    await tanaka.say("メモはありません")  # the answer to the question that was waiting
    assert "記録しました（「住民票の写しのオンライン請求」の補足: メモはありません）" in tanaka.text()
    for text in ANSWERS_CITIZEN[5:]:
        await tanaka.say(text)
    summary = tanaka.text()
    for line in ("1. 対象手続数: 20件", "2. オンライン化済みの手続数: 15件", "3. 今月作成したフォーム数: 3件",
                 "「住民票の写しのオンライン請求」の状況: 完了", "オンライン化率（自動計算）: 75%"):
        assert line in summary, line
    await tanaka.say("送信")
    assert "提出しました" in tanaka.text()


async def test_last_months_answers_are_offered_as_defaults(app_factory):
    clock = FakeClock(datetime(2026, 11, 2, 1, 0, tzinfo=UTC))
    app, admin, tanaka, sato, _ = await setup(app_factory, clock)
    await admin.command("checkin start 2026-11 締切 2026-11-20")
    await tanaka.command("checkin")
    for text in ["10", "4", "1", "進行中", "スキップ", "未着手", "スキップ", "特になし", "いいえ", "スキップ", "送信"]:
        await tanaka.say(text)
    assert "提出しました" in tanaka.text()
    clock.current = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)
    await app.services.get(CHECKINS).repo.set_campaign_status(1, CampaignStatus.CLOSED)
    await admin.command("checkin start 2026-12 締切 2026-12-18")
    await sato.command("checkin")
    assert "先月の回答は「10件」です" in sato.text()
    await sato.say("先月と同じ")
    await sato.say("6")
    await sato.say("0")
    assert sato.replies[-1].choices[-1].label == "先月と同じ（進行中）"
    await sato.say("5")  # the fifth button: same as last month
    assert "記録しました（「住民票の写しのオンライン請求」の状況: 進行中）" in sato.text()
    for text in ["スキップ", "完了", "スキップ", "特になし", "いいえ", "スキップ", "送信"]:
        await sato.say(text)
    assert "オンライン化率は 60%（前回比 +20ポイント）" in sato.text()
    history = await app.services.get(CHECKINS).repo.department_history("市民課")
    assert [(m.period, m.rate, m.change) for m in history] == [("2026-11", 40.0, None), ("2026-12", 60.0, 20.0)]


async def test_one_figure_reads_the_same_in_every_reply(app_factory, clock):
    """Issue 15, second walk-through: the same rate was 「25%」 to the liaison and 「25.0%」 in the
    admin's status and summary. One formatter (`percent_text`) now writes it everywhere."""
    _app, admin, tanaka, *_ = await setup(app_factory, clock)
    await admin.command("報告 開始 2026-12 締切 12/8")
    await tanaka.command("報告")
    for text in ["８件", "2", *ANSWERS_CITIZEN[2:]]:
        await tanaka.say(text)
    assert "オンライン化率（自動計算）: 25%" in tanaka.text()
    await tanaka.say("送信")
    assert "オンライン化率は 25% です" in tanaka.text()
    for command in ("報告 未提出", "要約 進捗"):
        await admin.command(command)
        assert "25%" in admin.text() and "25.0%" not in admin.text(), (command, admin.text())
