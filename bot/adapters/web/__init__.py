"""The web desk adapter: DX Desk in the browser (staff on LGWAN terminals, the admin dashboard)."""

from bot.adapters.web.adapter import WebConfig, WebDesk
from bot.adapters.web.mail import Mailer, SmtpConfig
from bot.adapters.web.notifier import WebNotifier
from bot.adapters.web.signin import ProxyTrust, SignInDirectory, login_candidates, parse_networks

__all__ = ["Mailer", "ProxyTrust", "SignInDirectory", "SmtpConfig", "WebConfig", "WebDesk", "WebNotifier",
           "login_candidates", "parse_networks"]
