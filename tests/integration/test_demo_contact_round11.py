"""Eleventh round: the demo's office contact. The sample FAQ's answers say 「DX推進室（内線1234）へ…」;
with DXDESK_OFFICE_CONTACT empty the demo's office answered 「連絡先はここには登録されていません」 to
「DX推進室の内線何番？」. Now the demo names the contact its samples name (kept for the next start), a
configured contact replaces 内線1234 in the samples, and a real install without the demo names none."""

from __future__ import annotations

from bot.app.composition import load_demo
from tests.support.dialogue import Person


async def test_the_demo_office_has_the_extension_its_faq_names(app_factory):
    app = await app_factory(sample_data=False)  # `dxdesk chat` on a fresh folder, then the demo
    assert await load_demo(app) is not None
    yamada = Person(app, "yamada", "山田")
    await yamada.say("DX推進室の内線何番？")
    assert "内線1234" in yamada.text() and "登録されていません" not in yamada.text()
    await yamada.say("DX推進室にはどうやって相談すればよいですか？")
    assert "内線1234" in yamada.text()

    again = await app_factory(sample_data=False)  # the next `dxdesk chat` on the same folder
    suzuki = Person(again, "suzuki", "鈴木")
    await suzuki.say("連絡先おしえて")
    assert "内線1234" in suzuki.text()


async def test_a_configured_contact_is_the_one_the_demo_faq_names(app_factory):
    app = await app_factory(sample_data=False, office_contact="内線5678（平日 8:30–17:15）")
    assert await load_demo(app) is not None
    answers = "".join(e.answer for e in await app.faq.list_entries())
    assert "内線1234" not in answers and "内線5678（平日 8:30–17:15）" in answers
    yamada = Person(app, "yamada", "山田")
    await yamada.say("電話番号おしえて")
    assert "内線5678" in yamada.text() and "1234" not in yamada.text()


async def test_a_real_install_names_no_made_up_extension(app_factory):
    app = await app_factory(sample_data=False)  # `dxdesk serve`, no demo
    yamada = Person(app, "yamada", "山田")
    await yamada.say("DX推進室の内線何番？")
    assert "登録されていません" in yamada.text() and "1234" not in yamada.text()
