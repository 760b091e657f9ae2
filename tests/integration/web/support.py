"""Talk to the web desk over real HTTP as one browser would (forms, cookies, CSRF tokens), without
a browser: say, press, expect."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

import aiohttp
from aiohttp import web

from bot.app.composition import App, create_web_app


@dataclass
class Form:
    """A form on a page: where it posts, its hidden fields, and its buttons (label, name, value)."""

    action: str
    hidden: dict[str, str] = field(default_factory=dict)
    buttons: list[tuple[str, str, str]] = field(default_factory=list)


class PageParser(HTMLParser):
    """Forms, buttons and visible text of a page (enough for dialogue tests)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.text_parts: list[str] = []
        self._button: list[str] | None = None
        self._button_attrs: dict[str, str] = {}
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag in ("script", "style"):
            self._skip += 1
        if tag == "form":
            self.forms.append(Form(a.get("action", "")))
        elif tag == "input" and a.get("type") == "hidden" and self.forms:
            self.forms[-1].hidden[a.get("name", "")] = a.get("value", "")
        elif tag == "button":
            self._button = []
            self._button_attrs = a

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1
        if tag == "button" and self._button is not None and self.forms:
            label = "".join(self._button).strip()
            self.forms[-1].buttons.append((label, self._button_attrs.get("name", ""), self._button_attrs.get("value", "")))
            self._button = None

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._button is not None:
            self._button.append(data)
        self.text_parts.append(data)


@dataclass
class Page:
    """One answer of the desk: status, HTML, text and forms."""

    status: int
    html: str
    headers: Any = None

    @property
    def parsed(self) -> PageParser:
        parser = PageParser()
        parser.feed(self.html)
        return parser

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.parsed.text_parts).split())

    @property
    def forms(self) -> list[Form]:
        return self.parsed.forms

    def buttons(self) -> list[str]:
        return [label for f in self.forms for label, _, _ in f.buttons]

    def button(self, label_part: str, last: bool = True) -> tuple[Form, str, str]:
        exact = [(f, name, value) for f in self.forms for label, name, value in f.buttons if label_part == label]
        found = exact or [(f, name, value) for f in self.forms for label, name, value in f.buttons
                          if label_part in label]
        if not found:
            raise AssertionError(f"no button {label_part!r} in {self.buttons()}")
        return found[-1] if last else found[0]

    def csrf(self) -> str:
        for f in self.forms:
            if "csrf" in f.hidden:
                return f.hidden["csrf"]
        raise AssertionError("no CSRF token on the page")


class Browser:
    """A cookie-keeping HTTP client for one person."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.http = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
        self.page: Page | None = None

    async def close(self) -> None:
        await self.http.close()

    async def get(self, path: str, **kw: Any) -> Page:
        async with self.http.get(self.base + path, **kw) as r:
            self.page = Page(r.status, await r.text(), r.headers)
        return self.page

    async def post(self, path: str, data: dict[str, str] | str | bytes, *, follow: bool = True, **kw: Any) -> Page:
        async with self.http.post(self.base + path, data=data, allow_redirects=follow, **kw) as r:
            body = await r.read()
            ctype = r.headers.get("Content-Type", "")
            text = body.decode("utf-8", "replace") if ctype.startswith("text") else ""
            page = Page(r.status, text, r.headers)
            page.body = body  # type: ignore[attr-defined]
        if ctype.startswith("text/html"):
            self.page = page
        return page

    async def sign_in_locally(self, name: str = "local") -> Page:
        page = await self.get("/signin")
        form = next(f for f in page.forms if f.action == "/signin/local")
        await self.post("/signin/local", {"csrf": form.hidden["csrf"], "name": name})
        return await self.get("/")

    async def say(self, text: str) -> Page:
        assert self.page is not None
        await self.post("/say", {"csrf": self.page.csrf(), "text": text})
        return self.page

    async def press(self, label_part: str, **inputs: str) -> Page:
        assert self.page is not None
        form, name, value = self.page.button(label_part)
        data = {**form.hidden, name: value, **{f"in.{k}": v for k, v in inputs.items()}}
        await self.post(form.action, data)
        return self.page

    def last_bot_text(self) -> str:
        assert self.page is not None
        chunks = self.page.html.split('class="turn bot')
        parser = PageParser()
        parser.feed('<li class="turn bot' + chunks[-1])
        return html.unescape(" ".join(" ".join(parser.text_parts).split()))


async def serve(app: App) -> tuple[web.AppRunner, str]:
    """The app's aiohttp application (web desk included) on 127.0.0.1, a free port."""
    web_app = await create_web_app(app)
    runner = web.AppRunner(web_app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    return runner, f"http://127.0.0.1:{port}"
