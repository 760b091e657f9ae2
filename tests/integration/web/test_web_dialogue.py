"""The web desk as dialogues over real HTTP: the same conversations as Slack, Teams and the console."""

from __future__ import annotations

import re


async def test_local_sign_in_and_an_faq_answer_with_feedback(desk, browsers):
    _app, base = await desk()
    me = browsers(base)
    page = await me.get("/")
    assert "サインイン" in page.text  # redirected to the sign-in page
    page = await me.sign_in_locally("local")
    assert page.status == 200 and "ご質問をどうぞ" in page.text
    page = await me.say("Zoomで画面を共有するにはどうしたらいい？")
    assert "解決しましたか？" in me.last_bot_text()
    assert "はい" in page.buttons() and "いいえ" in page.buttons()
    page = await me.press("はい")
    assert "よかった" in me.last_bot_text()


async def test_faq_candidates_are_buttons_and_none_of_them_offers_forwarding(desk, browsers):
    _app, base = await desk()
    me = browsers(base)
    await me.sign_in_locally("local")
    page = await me.say("パスワード")
    assert "どれでもない" in page.buttons() and len(page.buttons()) >= 3
    page = await me.press("庁内システムのパスワード")
    assert "庁内システム" in me.last_bot_text()
    page = await me.say("会議")
    page = await me.press("どれでもない")
    assert "転送" in me.last_bot_text()
    # Typing instead of pressing also works (the same dialogue as in Slack).
    await me.say("VLOOKUPってどう使うの？")
    await me.say("はい")
    assert "よかった" in me.last_bot_text()


async def registry(app, *people):
    """Put people in the registry as the roster import would (name, department, role, local id, e-mail)."""
    from bot.core.model import Role
    from tests.support.people import add_person

    return [await add_person(app, local_id, Role(role), department, name=name, email=email)
            for name, department, role, local_id, email in people]


async def test_check_in_form_with_a_correction_resumes_after_a_reload_and_a_restart(desk, browsers, clock):
    app, base = await desk(clock=clock)  # office hours: the invitation goes out at once
    await registry(app, ("管理者", "DX推進室", "admin", "local", ""), ("田中", "市民課", "liaison", "tanaka", ""))
    admin, tanaka = browsers(base), browsers(base)
    await admin.sign_in_locally("local")
    await tanaka.sign_in_locally("tanaka")
    await admin.say("/dx 報告 開始 締切 2099-12-18")
    assert "依頼を送りました" in admin.last_bot_text()
    await app.worker.drain(timeout=10)  # the invitation reaches 田中 on the web desk
    page = await tanaka.get("/")
    assert "報告の回答を始める" in page.buttons()
    page = await tanaka.press("回答を始める")
    assert "全部で何件" in tanaka.last_bot_text()
    await tanaka.say("１２件")
    await tanaka.say("8")
    await tanaka.say("戻る")  # the correction: question 2 again, with the answer given
    assert "すでにオンラインで申請できる" in tanaka.last_bot_text() and "現在の回答: 8件" in tanaka.last_bot_text()
    await tanaka.say("9")
    await tanaka.say("二")
    # A reload (or another tab) shows the same open question with its buttons.
    page = await tanaka.get("/")
    assert "進行中" in page.buttons()
    await tanaka.press("進行中")

    # The server restarts: a new process on the same database; the same browser carries on.
    _app2, base2 = await desk(clock=clock)
    tanaka.base = base2
    page = await tanaka.get("/")
    assert "遅延" in page.text
    for answer in ("スキップ", "遅延", "予算待ち", "スキップ", "特になし", "いいえ", "スキップ", "送信"):
        await tanaka.say(answer)
    page = await tanaka.get("/")
    for line in ("1. 対象手続数 12件", "2. オンライン化済みの手続数 9件", "3. 今月作成したフォーム数 2件",
                 "「転出届のオンライン化」の遅延理由 予算待ち", "進捗報告（市民課）を提出しました",
                 "オンライン化率は 75% です"):
        assert line in page.text, line


async def test_five_assessment_questions_as_polls_with_progress_and_resume(desk, browsers, clock):
    _app, base = await desk(clock=clock)  # office hours: the invitation goes out at once
    admin = browsers(base)
    await admin.sign_in_locally("local")
    await admin.say("/dx assessment start 締切 2099-12-31 named")
    await admin.say("このまま開始")  # one person targeted: the preview asks first
    page = await admin.say("/dx assessment")
    assert "デジタルスキル診断 1/27" in page.text
    for n in range(1, 6):
        assert f"デジタルスキル診断 {n}/27" in admin.last_bot_text()
        page = await admin.press("3.")
    assert "デジタルスキル診断 6/27" in admin.last_bot_text()
    # The answered questions were replaced in place, not stacked up.
    assert page.text.count("デジタルスキル診断 ") <= 2
    page = await admin.get("/")
    assert "デジタルスキル診断 6/27" in page.text and any(b.startswith("1.") for b in page.buttons())


async def test_meeting_rsvp_by_proxy_agenda_item_and_small_insight(desk, browsers):
    app, base = await desk()
    await registry(app, ("室長", "DX推進室", "admin", "local", ""), ("田中", "企画課", "liaison", "tanaka", ""))
    admin, tanaka = browsers(base), browsers(base)
    await admin.sign_in_locally("local")
    await tanaka.sign_in_locally("tanaka")
    await admin.say("/dx meeting set 毎月第2火曜 15:00 | 場所: 本庁舎3階会議室")
    await admin.say("/dx meeting send-now 強制")
    assert "兼務職員1名に送信しました" in admin.last_bot_text(), admin.last_bot_text()
    await app.worker.drain(timeout=10)
    page = await tanaka.get("/")
    assert {"出席", "欠席", "代理出席"} <= set(page.buttons())
    assert 'name="in.proxy_name"' in page.html  # the card's text box for the proxy's name
    await tanaka.press("代理出席", proxy_name="山田")
    assert "代理出席（山田）" in tanaka.last_bot_text()
    await tanaka.say("議題: 電子申請の進捗共有")
    assert "議題を受け付けました" in tanaka.last_bot_text()
    await tanaka.press("気づきを送る")
    await tanaka.say("窓口の待ち時間が減りました")
    assert "気づきを受け付けました" in tanaka.last_bot_text()
    page = await admin.get("/admin?tab=meetings")
    assert "代理出席 1名" in page.text and "山田" in page.text


async def test_the_page_script_gets_only_the_turns_that_changed(desk, browsers):
    _app, base = await desk()
    me = browsers(base)
    page = await me.sign_in_locally("local")
    csrf = page.csrf()
    for _ in range(3):
        await me.say("パスワード")
    async with me.http.post(base + "/say", data={"csrf": csrf, "text": "VLOOKUPってどう使うの？"},
                            headers={"X-DXDesk-Fetch": "1"}) as r:
        fragment = await r.text()
    assert r.status == 200 and fragment.count('<li class="turn') == 2  # my question and the answer
    assert "解決しましたか？" in fragment and "<html" not in fragment
    token = fragment.split('name="choice" value="')[1].split('"')[0]
    async with me.http.post(base + "/action", data={"csrf": csrf, "choice": token},
                            headers={"X-DXDesk-Fetch": "1"}) as r:
        fragment = await r.text()
    # The answered message (now showing what was chosen) and the desk's reply.
    assert fragment.count('<li class="turn') == 2 and "選択: はい" in fragment and "よかった" in fragment
    async with me.http.post(base + "/say", data={"csrf": "forged", "text": "x"}, headers={"X-DXDesk-Fetch": "1"}) as r:
        assert r.status == 403 and r.content_type == "text/plain" and "何も変更していません" in await r.text()


async def test_a_forwarded_question_answered_from_the_dashboard_reaches_the_asker(desk, browsers):
    app, base = await desk()
    await registry(app, ("室長", "DX推進室", "admin", "local", ""), ("鈴木", "市民課", "staff", "suzuki", ""))
    admin, staff = browsers(base), browsers(base)
    await admin.sign_in_locally("local")
    await staff.sign_in_locally("suzuki")
    await staff.say("庁内運動会の雨天時の集合場所はどこですか")
    await staff.press("転送する")
    assert "Q-1" in staff.last_bot_text()
    await app.worker.drain(timeout=10)
    page = await admin.get("/admin?tab=faq")
    page = await admin.press("Q-1 に回答")
    assert "回答を入力してください" in page.text and "会話で続ける" in page.text
    await admin.get("/")
    await admin.say("体育館に集合です。")
    assert "宛先: 鈴木" in admin.last_bot_text()  # one check before it goes out
    await admin.say("送信する")
    assert "FAQ案 D-1" in admin.last_bot_text()
    await app.worker.drain(timeout=10)
    page = await staff.get("/")
    assert "体育館に集合です。" in page.text
    # The answer reached the asker at once, but the FAQ gets it only once an admin publishes the draft.
    assert not any("体育館に集合です。" in e.answer for e in await app.faq.list_entries())


async def test_sessions_conversation_and_buttons_on_postgresql(desk, browsers, pg_url):
    _app, base = await desk(database_url=pg_url)
    me = browsers(base)
    await me.sign_in_locally("local")
    await me.say("パスワード")
    await me.press("どれでもない")
    assert "転送" in me.last_bot_text()
    # A second server on the same database (a replica) knows the session and the conversation.
    _app2, base2 = await desk(database_url=pg_url)
    me.base = base2
    page = await me.get("/")
    assert any("転送する" in b for b in page.buttons())
    await me.press("転送する")
    assert "Q-1" in me.last_bot_text()


async def test_an_open_page_fetches_turns_that_arrived_since(desk, browsers):
    from bot.core.replies import Destination, Reply

    app, base = await desk()
    me = browsers(base)
    await me.sign_in_locally("local")
    await me.say("こんにちは")
    last = max(int(i) for i in re.findall(r'id="t(\d+)"', me.page.html))
    async with me.http.get(f"{base}/log?after={last}") as r:
        assert r.status == 204
    person = await app.services.people.find("local")
    await app.outbox.enqueue(Destination("", "person", str(person.id)), Reply(title="定例会のお知らせ", text="明日です"))
    await app.worker.drain(timeout=10)
    async with me.http.get(f"{base}/log?after={last}") as r:
        fragment = await r.text()
    assert r.status == 200 and fragment.count('<li class="turn') == 1 and "定例会のお知らせ" in fragment


async def test_a_cancelled_check_in_resumes_in_another_tab(desk, browsers):
    app, base = await desk()
    await registry(app, ("管理者", "DX推進室", "admin", "local", ""), ("田中", "市民課", "liaison", "tanaka", ""))
    admin, tab1 = browsers(base), browsers(base)
    await admin.sign_in_locally("local")
    await admin.say("/dx 報告 開始 締切 2099-12-18")
    await app.worker.drain(timeout=10)
    await tab1.sign_in_locally("tanaka")
    await tab1.press("回答を始める")
    await tab1.say("12")
    await tab1.say("やめる")
    assert "中断" in tab1.last_bot_text()
    tab2 = browsers(base)  # another tab (its own session)
    await tab2.sign_in_locally("tanaka")
    await tab2.say("続きから")
    text = tab2.last_bot_text()
    assert "すでにオンラインで申請できる" in text, text


async def test_a_person_who_chose_english_gets_the_page_in_english(desk, browsers):
    app, base = await desk()
    me = browsers(base)
    await me.sign_in_locally("local")
    await me.say("/dx lang en")
    page = await me.get("/")
    assert "Sign out" in page.text and "Conversation with DX Desk" in page.text and "<html lang=\"en\">" in page.html
