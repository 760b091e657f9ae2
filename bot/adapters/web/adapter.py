"""The web desk: DX Desk in the browser, the fourth adapter on the same core.

HTTP in, core events to the dispatcher, core replies rendered as HTML (buttons are real buttons
that post signed tokens). Every page carries a Content-Security-Policy without inline script;
every POST carries a CSRF token; a person only ever reaches their own conversation.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, quote, urlsplit

import jinja2
from aiohttp import web

from bot.adapters.web import messages as _messages  # noqa: F401  (registers the web texts)
from bot.adapters.web.dashboard import TABS, export_command, tab
from bot.adapters.web.inbound import action_event, command_event, message_event, web_actor
from bot.adapters.web.mail import Mailer
from bot.adapters.web.notifier import WebNotifier, seen_key
from bot.adapters.web.outbound import CollectingResponder, FileShelf, LogResponder, Transcript
from bot.adapters.web.render import reply_view, turn_views, verify_choice
from bot.adapters.web.sessions import (
    PRE_COOKIE,
    SESSION_COOKIE,
    Session,
    Sessions,
    Signer,
    SignInLinks,
)
from bot.adapters.web.signin import (
    EMAIL,
    LOCAL_NAME,
    ProxyTrust,
    SignInDirectory,
    address_in,
    is_loopback,
)
from bot.core.dispatch import Dispatcher
from bot.core.messages import t
from bot.core.model import Person, Role
from bot.core.ports import AuditLog, Clock, StateStore
from bot.core.replies import Reply

log = logging.getLogger(__name__)

HERE = Path(__file__).parent
FETCH_HEADER = "X-DXDesk-Fetch"
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass(frozen=True)
class WebConfig:
    """Settings of the web desk (read from settings by the composition root)."""

    base_url: str = ""
    proxy: ProxyTrust = field(default_factory=ProxyTrust)
    local_signin: bool = False
    session_lifetime: timedelta = timedelta(hours=12)
    link_lifetime: timedelta = timedelta(minutes=15)
    cookie_secure: str = "auto"  # auto | always | never
    # A 4,000-character Japanese message is about 36 KB urlencoded: the body limit leaves room for it.
    max_body: int = 64 * 1024
    max_text: int = 4000
    language: str = "ja"


class Refusal(Exception):
    """A request refused with a clear page (and nothing changed)."""

    def __init__(self, status: int, key: str, **params: Any) -> None:
        super().__init__(key)
        self.status = status
        self.key = key
        self.params = params


@dataclass
class Visitor:
    """The signed-in person of one request, and their session."""

    person: Person
    session: Session
    new_cookie: str = ""

    @property
    def lang(self) -> str:
        return self.person.language if self.person.language in ("ja", "en") else "ja"


class WebDesk:
    """Routes, sign-in and rendering of the web desk; `mount` adds it to the server's app."""

    def __init__(self, config: WebConfig, dispatcher: Dispatcher, directory: SignInDirectory, state: StateStore,
                 audit: AuditLog, clock: Clock, secret: bytes, mailer: Mailer | None = None) -> None:
        self.config = config
        self.dispatcher = dispatcher
        self.directory = directory
        self.state = state
        self.audit = audit
        self.clock = clock
        self.mailer = mailer
        self.signer = Signer(secret)
        self.sessions = Sessions(state, clock, config.session_lifetime)
        self.links = SignInLinks(state, clock, config.link_lifetime)
        self.shelf = FileShelf()
        self._background: set[asyncio.Task[None]] = set()
        self.transcript = Transcript(state, self.shelf, clock)
        self.notifier = WebNotifier(self.transcript, state, config.base_url, mailer)
        self.templates = jinja2.Environment(
            loader=jinja2.FileSystemLoader(HERE / "templates"),
            autoescape=jinja2.select_autoescape(default=True, default_for_string=True),
            undefined=jinja2.StrictUndefined,
            trim_blocks=True, lstrip_blocks=True,
        )

    # --- wiring ---------------------------------------------------------------------------
    async def close(self) -> None:
        """Let sign-in mails being sent finish (requests in flight finish with the server)."""
        if self._background:
            await asyncio.wait(set(self._background), timeout=10)
    def mount(self, app: web.Application) -> None:
        """Add the desk's routes to the server's application."""
        r = app.router
        r.add_get("/", self._guard(self.chat_page))
        r.add_post("/say", self._guard(self.say))
        r.add_get("/log", self._guard(self.log_since))
        r.add_post("/action", self._guard(self.press))
        r.add_get("/files/{token}", self._guard(self.file))
        r.add_get("/signin", self._guard(self.signin_page))
        r.add_post("/signin/email", self._guard(self.signin_email))
        r.add_get("/signin/link", self._guard(self.link_page))
        r.add_post("/signin/link", self._guard(self.link_use))
        r.add_post("/signin/local", self._guard(self.signin_local))
        r.add_post("/signout", self._guard(self.signout))
        r.add_get("/admin", self._guard(self.admin_page))
        r.add_post("/admin/export", self._guard(self.admin_export))
        r.add_static("/static/", HERE / "static", show_index=False, append_version=False)

    def _guard(self, handler: Handler) -> Handler:
        """Security headers on every answer; a refusal becomes a clear page (or text for fetch)."""
        async def guarded(request: web.Request) -> web.StreamResponse:
            try:
                response = await handler(request)
            except Refusal as exc:
                response = self._refusal(request, exc)
            self._secure_headers(response)
            return response
        guarded.__name__ = handler.__name__
        return guarded

    @staticmethod
    def _secure_headers(response: web.StreamResponse) -> None:
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        # Not "no-referrer": with it Chrome posts forms with `Origin: null`, which the CSRF check refuses.
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("Cache-Control", "no-store")

    def _refusal(self, request: web.Request, exc: Refusal) -> web.Response:
        lang = self.config.language
        text = t(exc.key, lang, **exc.params)
        if request.headers.get(FETCH_HEADER):
            return web.Response(status=exc.status, text=text, content_type="text/plain")
        return self._page("message.html", lang, status=exc.status, message=text, visitor=None, csrf="")

    def _page(self, name: str, lang: str, status: int = 200, **values: Any) -> web.Response:
        def tr(key: str, **params: Any) -> str:
            return t(key, lang, **params)
        body = self.templates.get_template(name).render(t=tr, lang=lang, tabs=TABS, **values)
        return web.Response(status=status, text=body, content_type="text/html", charset="utf-8")

    # --- who is asking ------------------------------------------------------------------------
    def _secure(self, request: web.Request) -> bool:
        if self.config.cookie_secure != "auto":
            return self.config.cookie_secure == "always"
        if request.scheme == "https" or self.config.base_url.startswith("https://"):
            return True
        # Behind a TLS-terminating proxy: believed only from the proxy addresses.
        return request.headers.get("X-Forwarded-Proto", "") == "https" and \
            address_in(request.remote, self.config.proxy.networks)

    def _set_session_cookie(self, request: web.Request, response: web.StreamResponse, token: str) -> None:
        response.set_cookie(SESSION_COOKIE, token, httponly=True, samesite="Lax", secure=self._secure(request),
                            path="/", max_age=int(self.config.session_lifetime.total_seconds()))

    async def _visitor(self, request: web.Request) -> Visitor | None:
        """The signed-in person, or None. A trusted proxy's header wins over any cookie."""
        cookie = request.cookies.get(SESSION_COOKIE, "")
        session = await self.sessions.get(cookie) if cookie else None
        login = self.config.proxy.login_of(request.remote, request.headers)
        if login:
            if session is not None and session.via == "proxy" and session.login == login:
                person = await self.directory.get(session.person_id)
                if person is not None:
                    return Visitor(person, session)
            person = await self.directory.by_login(login)
            if person is None:
                raise Refusal(403, "web.signin.proxy.unknown", login=login)
            token, session = await self.sessions.create(person.id, "proxy", login)
            await self._first_visit(person)
            return Visitor(person, session, new_cookie=token)
        if session is None or session.via == "proxy":
            # A proxy session is only good while the proxy keeps naming the same user.
            return None
        person = await self.directory.get(session.person_id)
        if person is None:
            return None
        return Visitor(person, session)

    async def _require(self, request: web.Request) -> Visitor:
        visitor = await self._visitor(request)
        if visitor is None:
            raise Refusal(401, "web.refused.signin")
        return visitor

    async def _first_visit(self, person: Person) -> None:
        if await self.state.get(seen_key(person.id)) is None:
            await self.state.put(seen_key(person.id), {"at": self.clock.now().isoformat()})

    # --- reading posted forms -------------------------------------------------------------------
    async def _form(self, request: web.Request) -> dict[str, str]:
        """The urlencoded form, refused beyond `max_body` (nothing is read further or changed)."""
        limit = self.config.max_body
        if request.content_length is not None and request.content_length > limit:
            raise Refusal(413, "web.refused.too_large", limit=f"{limit // 1024} KB")
        chunks: list[bytes] = []
        size = 0
        while True:  # one read() may return only part of the body
            chunk = await request.content.read(16 * 1024)
            if not chunk:
                break
            size += len(chunk)
            if size > limit:
                raise Refusal(413, "web.refused.too_large", limit=f"{limit // 1024} KB")
            chunks.append(chunk)
        body = b"".join(chunks)
        ctype = request.headers.get("Content-Type", "")
        if body and not ctype.startswith("application/x-www-form-urlencoded"):
            raise Refusal(400, "web.refused.csrf")
        try:
            pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True, max_num_fields=50)
        except (UnicodeDecodeError, ValueError):
            raise Refusal(400, "web.refused.csrf") from None
        return {k: v for k, v in pairs}

    def _same_origin(self, request: web.Request) -> bool:
        origin = request.headers.get("Origin")
        if origin is None:
            return True  # some browsers send no Origin on same-origin posts; the token decides
        allowed = {f"{request.scheme}://{request.host}"}
        if self.config.base_url:
            parts = urlsplit(self.config.base_url)
            allowed.add(f"{parts.scheme}://{parts.netloc}")
        return origin in allowed or (self._secure(request) and f"https://{request.host}" == origin)

    async def _posted(self, request: web.Request) -> tuple[Visitor, dict[str, str]]:
        """A signed-in POST with its form, after the CSRF check."""
        visitor = await self._require(request)
        form = await self._form(request)
        token = form.get("csrf", "")
        if not self._same_origin(request) or not token or not hmac.compare_digest(token, visitor.session.csrf):
            log.warning("refused a web POST to %s without a valid CSRF token", request.path)
            raise Refusal(403, "web.refused.csrf")
        return visitor, form

    async def _posted_anonymous(self, request: web.Request) -> dict[str, str]:
        """A sign-in form's POST, checked against the browser's pre-session cookie."""
        form = await self._form(request)
        pre = request.cookies.get(PRE_COOKIE, "")
        if not self._same_origin(request) or not self.signer.check_pre_csrf(pre, form.get("csrf", "")):
            log.warning("refused a sign-in POST to %s without a valid CSRF token", request.path)
            raise Refusal(403, "web.refused.csrf")
        return form

    @staticmethod
    def _redirect(location: str) -> web.Response:
        return web.Response(status=303, headers={"Location": location})

    def _done(self, request: web.Request, visitor: Visitor, location: str = "/#end") -> web.StreamResponse:
        response = self._redirect(location)
        if visitor.new_cookie:
            self._set_session_cookie(request, response, visitor.new_cookie)
        return response

    # --- the conversation ----------------------------------------------------------------------
    async def _log_html(self, visitor: Visitor, turns_data: list[dict[str, Any]] | None = None) -> str:
        partial = turns_data is not None
        if turns_data is None:
            turns_data = await self.transcript.read(visitor.person.id)
        turns = turn_views(turns_data, signer=self.signer,
                           person_id=visitor.person.id,
                           file_exists=lambda tok: self.shelf.get(tok, visitor.person.id) is not None)
        lang = visitor.lang

        def tr(key: str, **params: Any) -> str:
            return t(key, lang, **params)
        return self.templates.get_template("log.html").render(t=tr, turns=turns, csrf=visitor.session.csrf,
                                                              partial=partial)

    async def chat_page(self, request: web.Request) -> web.StreamResponse:
        """The conversation, the person's notices, and the message form."""
        visitor = await self._visitor(request)
        if visitor is None:
            return self._redirect("/signin")
        collector = CollectingResponder()
        home = await self.dispatcher.home_view(web_actor(visitor.person), collector)
        home_views = [reply_view(r, signer=self.signer, person_id=visitor.person.id) for r in home]
        response = self._page("chat.html", visitor.lang, visitor=visitor, csrf=visitor.session.csrf,
                              log_html=jinja2.utils.markupsafe.Markup(await self._log_html(visitor)),
                              home=home_views, is_admin=visitor.person.has_role(Role.ADMIN))
        if visitor.new_cookie:
            self._set_session_cookie(request, response, visitor.new_cookie)
        return response

    async def _answer(self, request: web.Request, visitor: Visitor,
                      turns: list[dict[str, Any]] | None = None) -> web.StreamResponse:
        """After a post: for the page's script, the turns added or changed (it puts them in place by
        id); without script, back to the page."""
        if request.headers.get(FETCH_HEADER):
            response = web.Response(text=await self._log_html(visitor, turns or []), content_type="text/html",
                                    charset="utf-8")
            if visitor.new_cookie:
                self._set_session_cookie(request, response, visitor.new_cookie)
            return response
        return self._done(request, visitor)

    async def log_since(self, request: web.Request) -> web.StreamResponse:
        """Turns after `after` (an open page asks now and then, so a reminder shows without a reload)."""
        visitor = await self._require(request)
        try:
            after = int(request.query.get("after", "0"))
        except ValueError:
            raise Refusal(400, "web.refused.not_found") from None
        turns = [turn for turn in await self.transcript.read(visitor.person.id) if int(turn.get("id", 0)) > after]
        if not turns:
            return web.Response(status=204)
        return web.Response(text=await self._log_html(visitor, turns), content_type="text/html", charset="utf-8")

    async def say(self, request: web.Request) -> web.StreamResponse:
        """A typed message (or `/dx` command) from the conversation form."""
        visitor, form = await self._posted(request)
        text = form.get("text", "").replace("\r\n", "\n").strip()
        if len(text) > self.config.max_text:
            raise Refusal(413, "web.refused.too_large", limit=f"{self.config.max_text} 文字")
        turns = None
        if text:
            responder = LogResponder(self.transcript, visitor.person.id, user_text=text)
            await self.dispatcher.dispatch(message_event(visitor.person, text, secrets.token_hex(8)), responder)
            turns = await responder.flush()
        return await self._answer(request, visitor, turns)

    async def press(self, request: web.Request) -> web.StreamResponse:
        """A pressed button: only a button this person was shown works."""
        visitor, form = await self._posted(request)
        target = verify_choice(self.signer, form.get("choice", ""), visitor.person.id)
        if target is None:
            raise Refusal(400, "web.refused.choice")
        responder = LogResponder(self.transcript, visitor.person.id, pressed_turn=target.turn,
                                 pressed_label=target.label)
        await self.dispatcher.dispatch(action_event(visitor.person, target, form), responder)
        turns = await responder.flush()
        if target.back:
            # Pressed on the dashboard: back there, with what the desk answered.
            visitor.session.flash = [r.with_(attachments=()).to_dict() for r in responder.replies][:5]
            await self.sessions.save(visitor.session)
            return self._done(request, visitor, f"/admin?tab={quote(tab(target.back).key)}")
        return await self._answer(request, visitor, turns)

    async def file(self, request: web.Request) -> web.StreamResponse:
        """A chart or export sent to this person (nobody else's)."""
        visitor = await self._require(request)
        found = self.shelf.get(request.match_info["token"], visitor.person.id)
        if found is None:
            raise Refusal(404, "web.refused.not_found")
        return self._file_response(found.filename, found.content, found.mime_type, inline=found.is_image)

    @staticmethod
    def _file_response(filename: str, content: bytes, mime: str, inline: bool = False) -> web.Response:
        ascii_name = "".join(c if c.isascii() and (c.isalnum() or c in "._-") else "_" for c in filename) or "file"
        disposition = "inline" if inline else "attachment"
        response = web.Response(body=content, content_type=mime)
        response.headers["Content-Disposition"] = (
            f"{disposition}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}")
        return response

    # --- sign-in --------------------------------------------------------------------------------
    def _pre_cookie(self, request: web.Request) -> tuple[str, bool]:
        pre = request.cookies.get(PRE_COOKIE, "")
        if pre and 20 <= len(pre) <= 100:
            return pre, False
        return secrets.token_urlsafe(24), True

    def _anonymous_page(self, request: web.Request, name: str, status: int = 200, **values: Any) -> web.Response:
        pre, fresh = self._pre_cookie(request)
        response = self._page(name, self.config.language, status=status, visitor=None,
                              csrf=self.signer.pre_csrf(pre), **values)
        if fresh:
            response.set_cookie(PRE_COOKIE, pre, httponly=True, samesite="Strict", secure=self._secure(request),
                                path="/")
        return response

    def _local_allowed(self, request: web.Request) -> bool:
        return self.config.local_signin and is_loopback(request.remote)

    async def signin_page(self, request: web.Request, notice: str = "", status: int = 200) -> web.StreamResponse:
        """E-mail link and/or local sign-in (a proxy signs people in without this page)."""
        if await self._visitor(request) is not None:
            return self._redirect("/")
        return self._anonymous_page(request, "signin.html", status=status, notice=notice,
                                    email_on=self.mailer is not None, local_on=self._local_allowed(request))

    async def signin_email(self, request: web.Request) -> web.StreamResponse:
        """Mail a one-time link to a registered address; the answer never says who is registered."""
        form = await self._posted_anonymous(request)
        lang = self.config.language
        if self.mailer is None:
            raise Refusal(404, "web.signin.email.unavailable")
        email = form.get("email", "").strip()
        if not EMAIL.match(email):
            return await self.signin_page(request, t("web.signin.email.invalid", lang), status=400)
        if not self.links.address_allowed(request.remote or ""):
            raise Refusal(429, "web.link.rate_limited")
        # Looked up and mailed in the background: the answer comes as fast for an unknown address
        # as for a registered one, so its timing does not tell who is registered either.
        task = asyncio.create_task(self._mail_link(email, lang), name="web-signin-link")
        self._background.add(task)
        task.add_done_callback(self._background.discard)
        minutes = int(self.config.link_lifetime.total_seconds() // 60)
        return self._anonymous_page(request, "message.html", message=t("web.signin.email.sent", lang, email=email,
                                                                           minutes=minutes))

    async def _mail_link(self, email: str, lang: str) -> None:
        assert self.mailer is not None
        try:
            person = await self.directory.by_email(email)
            if person is None:
                return
            token = await self.links.issue(person.id)
            if token is None:
                log.warning("sign-in links for person %s rate-limited", person.id)
                return
            minutes = int(self.config.link_lifetime.total_seconds() // 60)
            url = f"{self.config.base_url.rstrip('/')}/signin/link?token={token}"
            await self.mailer.send(person.email, t("web.mail.link.subject", lang),
                                   t("web.mail.link.body", lang, minutes=minutes, url=url))
        except Exception:
            log.exception("could not mail a sign-in link")

    async def link_page(self, request: web.Request) -> web.StreamResponse:
        """The link from the mail shows a button: mail scanners that open links spend nothing."""
        token = request.query.get("token", "")
        if not await self.links.valid(token):
            raise Refusal(400, "web.link.invalid")
        return self._anonymous_page(request, "link.html", token=token)

    async def link_use(self, request: web.Request) -> web.StreamResponse:
        """Spend the link and sign in."""
        form = await self._posted_anonymous(request)
        person_id = await self.links.consume(form.get("token", ""))
        person = await self.directory.get(person_id) if person_id is not None else None
        if person is None:
            raise Refusal(400, "web.link.invalid")
        return await self._signed_in(request, person, "link")

    async def signin_local(self, request: web.Request) -> web.StreamResponse:
        """Trial sign-in from this machine only, when enabled."""
        if not self._local_allowed(request):
            raise Refusal(403, "web.signin.none")
        form = await self._posted_anonymous(request)
        name = form.get("name", "").strip()
        if not LOCAL_NAME.match(name):
            return await self.signin_page(request, t("web.signin.local.invalid", self.config.language), status=400)
        person = await self.directory.local(name)
        return await self._signed_in(request, person, "local")

    async def _signed_in(self, request: web.Request, person: Person, via: str) -> web.StreamResponse:
        token, _ = await self.sessions.create(person.id, via)
        await self._first_visit(person)
        response = self._redirect("/")
        self._set_session_cookie(request, response, token)
        response.del_cookie(PRE_COOKIE, path="/")
        return response

    async def signout(self, request: web.Request) -> web.StreamResponse:
        """Forget the session."""
        visitor, _ = await self._posted(request)
        await self.sessions.end(request.cookies.get(SESSION_COOKIE, ""))
        response = self._anonymous_page(request, "message.html", message=t("web.signed_out", visitor.lang))
        response.del_cookie(SESSION_COOKIE, path="/")
        return response

    # --- the admin dashboard ----------------------------------------------------------------------
    async def _admin(self, request: web.Request) -> Visitor:
        visitor = await self._require(request)
        if not visitor.person.has_role(Role.ADMIN):
            await self.audit.record(f"{visitor.person.id}:{visitor.person.display_name}", "web admin",
                                    request.path_qs[:200], "denied")
            raise Refusal(403, "web.refused.admin")
        return visitor

    async def admin_page(self, request: web.Request) -> web.StreamResponse:
        """One dashboard tab: the answers of its admin commands, with charts and downloads."""
        visitor = await self._admin(request)
        current = tab(request.query.get("tab", ""))
        period = request.query.get("period", "")
        period = period if period in current.periods else ""
        sections = []
        for command in current.commands_for(period):
            collector = CollectingResponder()
            await self.dispatcher.dispatch(command_event(visitor.person, command), collector)
            views = []
            for reply in collector.replies:
                files = [[self.shelf.put(visitor.person.id, a), a.filename, a.mime_type, a.title]
                         for a in reply.attachments]
                views.append(reply_view(reply, signer=self.signer, person_id=visitor.person.id,
                                        back=current.key, files=files))
            sections.append(views)
        flash = []
        if visitor.session.flash:
            flash = [reply_view(Reply.from_dict(r), signer=self.signer, person_id=visitor.person.id)
                     for r in visitor.session.flash]
            visitor.session.flash = []
            await self.sessions.save(visitor.session)
        response = self._page("admin.html", visitor.lang, visitor=visitor, csrf=visitor.session.csrf,
                              current=current, period=period, sections=sections, flash=flash, is_admin=True)
        if visitor.new_cookie:
            self._set_session_cookie(request, response, visitor.new_cookie)
        return response

    async def admin_export(self, request: web.Request) -> web.StreamResponse:
        """A table as XLSX or CSV: the very file `/dx export` makes (audited as in chat)."""
        visitor = await self._admin(request)
        _, form = await self._posted(request)
        command = export_command(form.get("subject", ""), form.get("format", ""))
        if command is None:
            raise Refusal(404, "web.refused.not_found")
        collector = CollectingResponder()
        await self.dispatcher.dispatch(command_event(visitor.person, command), collector)
        for reply in collector.replies:
            for attachment in reply.attachments:
                return self._file_response(attachment.filename, attachment.content, attachment.mime_type)
        texts = "\n".join(r.plain_text() for r in collector.replies) or t("web.admin.no_file", visitor.lang)
        return self._page("message.html", visitor.lang, status=409, message=texts, visitor=visitor,
                          csrf=visitor.session.csrf)
