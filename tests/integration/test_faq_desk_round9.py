"""FAQ desk, ninth round (2026-12-06): a section's IT is the DX desk's matter and nobody is sent
to their own section; kana and level hits put the right entry first; a contact question that
names the office by its configured name. Each test reads as the conversation and fails on the
code before the fix."""

from __future__ import annotations

import pytest

from tests.support.dialogue import Person, office_and_staff

SENT_ELSEWHERE = "にお問い合わせください"  # faq.other_desk: 「…のことは福祉課にお問い合わせください」
STAFF_PASSWORD = "庁内システムのパスワードを忘れた"  # FAQ-096, the staff member's own password
CITIZEN_PASSWORD = "市民からマイページのパスワードを忘れたと連絡があった"  # FAQ-018
SHARED_FOLDER = "人事異動のときに、アカウントやファイルの引継ぎ"  # FAQ-097 (異動したら共有フォルダが見られなくなった)
SCREEN_SHARING = "画面共有でデスクトップ全体ではなく"  # FAQ-032


async def staff(app, department: str = "") -> Person:
    """山田 of the staff (with the office's admin created first)."""
    return (await office_and_staff(app, department))[1]


# --- 1. a section's system is the DX desk's matter; nobody is sent to their own section ---------
@pytest.mark.parametrize("question", [
    "ふくし課のシステムのこと誰に聞けばいい",
    "福祉課のシステムのことは誰に聞けばいいですか",
    "福祉課の端末が動かない",
    "ふくしかのアカウントってどこにきけばいい",
])
async def test_a_question_about_a_sections_system_is_not_sent_to_that_section(app_factory, clock, question):
    app = await app_factory(clock=clock)
    山田 = await staff(app)
    await 山田.say(question)
    said = 山田.text()
    assert SENT_ELSEWHERE not in said, said


@pytest.mark.parametrize("department", ["福祉課", "健康福祉部福祉課"])
async def test_welfare_staff_asking_about_welfare_work_are_not_sent_to_their_own_section(
        app_factory, clock, department):
    app = await app_factory(clock=clock)
    山田 = await staff(app, department)
    await 山田.say("生活保護のことって誰に聞けばいい")
    said = 山田.text()
    assert SENT_ELSEWHERE not in said, said  # the FAQ or a person instead
    assert "担当者" in said, said


async def test_staff_of_another_section_are_still_told_where_welfare_work_goes(app_factory, clock):
    app = await app_factory(clock=clock)
    山田 = await staff(app, "障害福祉課")
    await 山田.say("生活保護のことって誰に聞けばいい")
    said = 山田.text()
    assert "福祉課" + SENT_ELSEWHERE in said, said


# --- 2. 「ぱすわーどわすれた」 typed all in kana: the staff's own password first -----------------
@pytest.mark.parametrize("question", ["ぱすわーどわすれた", "ぱすわーど わすれました"])
async def test_a_forgotten_password_typed_in_kana_offers_the_staff_entry_first(app_factory, clock, question):
    app = await app_factory(clock=clock)
    山田 = await staff(app)
    await 山田.say(question)
    said = 山田.text()
    assert STAFF_PASSWORD in said, said
    assert CITIZEN_PASSWORD not in said or said.index(STAFF_PASSWORD) < said.index(CITIZEN_PASSWORD), said


async def test_a_kana_question_that_fits_a_citizens_entry_clearly_better_keeps_it_first(app_factory, clock):
    app = await app_factory(clock=clock)
    山田 = await staff(app)
    await 山田.say("ふぉーむをこうかいしたい")  # FAQ-003 (フォームを市民向けに公開) fits better than オープンデータ
    said = 山田.text()
    assert "電子申請フォームを市民向けに公開" in said, said
    if "オープンデータ" in said:
        assert said.index("電子申請フォームを市民向けに公開") < said.index("オープンデータ"), said


# --- 3. 「共有ふぉるだ見れない」: the shared-folder entry first -----------------------------------
@pytest.mark.parametrize("question", ["共有ふぉるだ見れない", "共有フォルダ見れない", "共有フォルダーが見れません"])
async def test_a_shared_folder_i_cannot_see_offers_the_shared_folder_entry_first(app_factory, clock, question):
    app = await app_factory(clock=clock)
    山田 = await staff(app)
    await 山田.say(question)
    said = 山田.text()
    assert SHARED_FOLDER in said, said
    assert SCREEN_SHARING not in said or said.index(SHARED_FOLDER) < said.index(SCREEN_SHARING), said


# --- 4. the office's contact, asked by the office's own name --------------------------------------
async def test_the_extension_of_the_office_named_in_the_settings_is_the_contact(app_factory, clock):
    app = await app_factory(clock=clock, office_name="情報政策課", office_contact="内線2345")
    山田 = await staff(app)
    await 山田.say("情報政策課の内線何番？")
    assert "情報政策課の連絡先: 内線2345" in 山田.text(), 山田.text()
    await 山田.say("ＤＸ推進室の電話番号おしえて")  # what staff call the office whatever its name
    assert "内線2345" in 山田.text(), 山田.text()


async def test_the_extension_of_the_dx_office_without_a_contact_set_says_so(app_factory, clock):
    app = await app_factory(clock=clock)
    山田 = await staff(app)
    await 山田.say("DX推進室の内線何番？")
    assert "連絡先はここには登録されていません" in 山田.text(), 山田.text()
