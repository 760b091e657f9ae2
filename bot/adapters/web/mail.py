"""E-mail through the city's SMTP server (aiosmtplib): Japanese subject and body in UTF-8."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

import aiosmtplib

from bot.core.errors import DeliveryError
from bot.core.messages import t
from bot.core.replies import Reply

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SmtpConfig:
    """Where and how to send mail (every value a setting)."""

    host: str
    port: int = 25
    sender: str = "dxdesk@localhost"
    username: str = ""
    password: str = ""
    starttls: bool = False
    implicit_tls: bool = False
    timeout: float = 20.0


def reply_mail_body(reply: Reply, url: str, lang: str) -> str:
    """The plain-text body of a proactive message: its text, fields, choices and the link."""
    lines = [reply.plain_text()]
    if reply.choices:
        lines.append("")
        lines.append(t("web.mail.choices", lang, labels=" / ".join(f"「{c.label}」" for c in reply.choices)))
    lines += ["", t("web.mail.open", lang, url=url), "", "--", t("web.mail.footer", lang)]
    return "\n".join(lines)


class Mailer:
    """Sends one message per call; raises DeliveryError (permanent for a refused address)."""

    def __init__(self, config: SmtpConfig) -> None:
        self.config = config

    def compose(self, to: str, subject: str, body: str, message_id: str = "") -> EmailMessage:
        """A UTF-8 text mail; `message_id` lets receiving systems drop a repeat."""
        msg = EmailMessage()
        msg["From"] = self.config.sender
        msg["To"] = to
        msg["Subject"] = subject
        msg["Date"] = formatdate(localtime=True)
        domain = self.config.sender.rpartition("@")[2] or "dxdesk.local"
        msg["Message-ID"] = f"<{message_id}@{domain}>" if message_id else make_msgid(domain=domain)
        msg.set_content(body, charset="utf-8")
        return msg

    async def send(self, to: str, subject: str, body: str, message_id: str = "") -> None:
        """Hand the mail to the SMTP server."""
        msg = self.compose(to, subject, body, message_id)
        c = self.config
        try:
            await aiosmtplib.send(msg, hostname=c.host, port=c.port, username=c.username or None,
                                  password=c.password or None, start_tls=c.starttls, use_tls=c.implicit_tls,
                                  timeout=c.timeout)
        except aiosmtplib.SMTPRecipientsRefused as exc:
            raise DeliveryError(f"mail address refused: {to}", permanent=True) from exc
        except aiosmtplib.SMTPResponseException as exc:
            raise DeliveryError(f"SMTP {exc.code}", permanent=500 <= exc.code < 600) from exc
        except (aiosmtplib.SMTPException, OSError, TimeoutError) as exc:
            raise DeliveryError(f"SMTP unavailable ({type(exc).__name__})") from exc
