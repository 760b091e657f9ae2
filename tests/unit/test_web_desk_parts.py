"""Pure parts of the web desk: signed buttons, who a proxy names, replies as views, mail bodies."""

from __future__ import annotations

import pytest

from bot.adapters.web.mail import Mailer, SmtpConfig, reply_mail_body
from bot.adapters.web.render import reply_view, sign_choice, verify_choice
from bot.adapters.web.sessions import Signer
from bot.adapters.web.signin import (
    ProxyTrust,
    address_in,
    is_loopback,
    login_candidates,
    parse_networks,
)
from bot.core.replies import Attachment, Choice, Field, Reply, TextInput

SIGNER = Signer(b"k" * 32)


def test_a_button_token_works_only_for_its_person_and_unaltered():
    token = sign_choice(SIGNER, 7, 12, "faq.pick", "3:FAQ-001", "1. 質問")
    target = verify_choice(SIGNER, token, 7)
    assert (target.action_id, target.value, target.turn, target.label) == ("faq.pick", "3:FAQ-001", 12, "1. 質問")
    assert verify_choice(SIGNER, token, 8) is None  # someone else's
    data, _, mac = token.partition(".")
    assert verify_choice(SIGNER, f"{data}x.{mac}", 7) is None  # altered payload
    assert verify_choice(Signer(b"other" * 8), token, 7) is None  # another secret
    assert verify_choice(SIGNER, "", 7) is None and verify_choice(SIGNER, "a" * 5000, 7) is None


def test_the_pre_session_token_is_bound_to_its_cookie():
    token = SIGNER.pre_csrf("cookie-one-1234567890")
    assert SIGNER.check_pre_csrf("cookie-one-1234567890", token)
    assert not SIGNER.check_pre_csrf("cookie-two-1234567890", token)
    assert not SIGNER.check_pre_csrf("", token) and not SIGNER.check_pre_csrf("cookie-one-1234567890", "")


def test_proxy_names_are_believed_only_from_the_proxy():
    trust = ProxyTrust(parse_networks("10.0.0.10, 192.168.5.0/24"), "X-Remote-User")
    assert trust.login_of("10.0.0.10", {"X-Remote-User": "CITY\\yamada"}) == "CITY\\yamada"
    assert trust.login_of("192.168.5.77", {"X-Remote-User": "yamada"}) == "yamada"
    assert trust.login_of("10.0.0.11", {"X-Remote-User": "yamada"}) == ""
    assert trust.login_of("10.0.0.10", {}) == ""
    assert not address_in("not-an-ip", trust.networks)
    with pytest.raises(ValueError):
        parse_networks("10.0.0.300")
    assert is_loopback("127.0.0.1") and is_loopback("::1") and not is_loopback("10.0.0.1")


def test_login_candidates_strip_the_windows_domain_and_add_the_mail_domain():
    assert login_candidates("CITY\\yamada", "city.example.lg.jp") == [
        "CITY\\yamada", "yamada", "yamada@city.example.lg.jp"]
    assert login_candidates("yamada@city.example.lg.jp", "city.example.lg.jp") == ["yamada@city.example.lg.jp"]


def test_a_reply_becomes_a_view_with_signed_buttons_and_files():
    reply = Reply(title="題", text="本文", fields=(Field("項目", "値"),), choices=(Choice("はい", "x.yes", "1", "primary"),),
                  inputs=(TextInput("proxy_name", "代理の方", "山田"),),
                  attachments=(Attachment("a.png", b"png", "image/png", "グラフ"),))
    view = reply_view(reply, signer=SIGNER, person_id=3, turn=9, files=[["tok", "a.png", "image/png", "グラフ"]])
    assert view.fields == (("項目", "値"),) and view.inputs == (("proxy_name", "代理の方", "山田"),)
    assert view.choices[0].style == "primary" and verify_choice(SIGNER, view.choices[0].token, 3).turn == 9
    assert view.files[0].url == "/files/tok" and view.files[0].is_image


def test_a_mail_is_utf8_japanese_with_the_choices_and_the_link():
    body = reply_mail_body(Reply(title="進捗報告のお願い", text="今月の報告をお願いします。",
                                 choices=(Choice("回答を始める", "checkin.start"),)), "https://desk/#t5", "ja")
    assert "「回答を始める」" in body and "https://desk/#t5" in body
    mail = Mailer(SmtpConfig("smtp", sender="dxdesk@city.example.lg.jp")).compose(
        "a@example.jp", "【DX Desk】進捗報告のお願い", body, message_id="dxdesk-outbox-5")
    assert mail["Message-ID"] == "<dxdesk-outbox-5@city.example.lg.jp>"
    assert mail.get_content_charset() == "utf-8" and "=?utf-8?" in mail.as_string().lower()
