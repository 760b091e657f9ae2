"""Core replies as what the HTML templates draw: buttons become signed form buttons, files links.

Pure functions over `Reply`; the templates (Jinja2, autoescaped) do all the escaping, so text a
person typed can never become markup, in the conversation or in the admin's views.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.adapters.web.sessions import Signer
from bot.core.replies import Reply

CHOICE = "choice"


@dataclass(frozen=True)
class ChoiceView:
    """A real <button>: pressing it posts its signed token."""

    label: str
    style: str
    token: str


@dataclass(frozen=True)
class FileView:
    """A file sent with a reply: an image shown inline, any file downloadable."""

    url: str
    filename: str
    title: str
    is_image: bool
    gone: bool = False


@dataclass(frozen=True)
class ReplyView:
    """One bot message ready for the template."""

    title: str
    text: str
    fields: tuple[tuple[str, str], ...]
    inputs: tuple[tuple[str, str, str], ...]
    choices: tuple[ChoiceView, ...]
    files: tuple[FileView, ...]
    note: str = ""


@dataclass(frozen=True)
class TurnView:
    """One turn of the conversation log."""

    id: int
    mine: bool
    text: str = ""
    reply: ReplyView | None = None
    notice: bool = False
    at: str = ""
    pressed: str = ""


@dataclass
class ChoiceTarget:
    """What a signed button stands for once verified."""

    person_id: int
    turn: int
    action_id: str
    value: str
    label: str
    back: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def sign_choice(signer: Signer, person_id: int, turn: int, action_id: str, value: str, label: str,
                back: str = "") -> str:
    """The token of one button shown to one person (binds person, turn, action and value)."""
    return signer.sign(CHOICE, [person_id, turn, action_id, value, label[:80], back])


def verify_choice(signer: Signer, token: str, person_id: int) -> ChoiceTarget | None:
    """The button behind a token if it was shown to this person; None if forged or someone else's."""
    if not token or len(token) > 4000:
        return None
    payload = signer.unsign(CHOICE, token)
    if not isinstance(payload, list) or len(payload) != 6:
        return None
    owner, turn, action_id, value, label, back = payload
    if owner != person_id or not isinstance(turn, int):
        return None
    return ChoiceTarget(int(owner), turn, str(action_id), str(value), str(label), str(back))


def reply_view(reply: Reply, *, signer: Signer, person_id: int, turn: int = 0, back: str = "",
               files: list[list[str]] | None = None, file_exists: Any = None) -> ReplyView:
    """A reply for the template; `files` are [token, filename, mime, title] kept by the shelf."""
    file_views = []
    for token, filename, mime, title in files or []:
        gone = file_exists is not None and not file_exists(token)
        file_views.append(FileView(f"/files/{token}", filename, title or filename, mime.startswith("image/"), gone))
    return ReplyView(
        title=reply.title,
        text=reply.text,
        fields=tuple((f.label, f.value) for f in reply.fields),
        inputs=tuple((i.input_id, i.label, i.placeholder) for i in reply.inputs),
        choices=tuple(ChoiceView(c.label, c.style, sign_choice(signer, person_id, turn, c.action_id, c.value,
                                                                 c.label, back))
                      for c in reply.choices),
        files=tuple(file_views),
        note=reply.note,
    )


def turn_views(turns: list[dict[str, Any]], *, signer: Signer, person_id: int, file_exists: Any) -> list[TurnView]:
    """The stored log as views (a malformed turn is skipped, never shown raw)."""
    views: list[TurnView] = []
    for turn in turns:
        try:
            if turn.get("who") == "me":
                views.append(TurnView(int(turn["id"]), True, text=str(turn.get("text", "")), at=turn.get("at", "")))
                continue
            data = turn["reply"]
            reply = Reply.from_dict(data)
            views.append(TurnView(int(turn["id"]), False, notice=bool(turn.get("notice")), at=turn.get("at", ""),
                                  pressed=str(turn.get("pressed", "")),
                                  reply=reply_view(reply, signer=signer, person_id=person_id, turn=int(turn["id"]),
                                                   files=data.get("files", []), file_exists=file_exists)))
        except (KeyError, TypeError, ValueError):
            continue
    return views
