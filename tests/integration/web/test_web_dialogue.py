"""The web desk as dialogues over real HTTP: the same conversations as Slack, Teams and the console."""

from __future__ import annotations


async def test_local_sign_in_and_an_faq_answer_with_feedback(desk, browsers):
    app, base = await desk()
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
