"""Browser requests as core events: a posted message, a pressed button, a dashboard command.

The person is always the signed-in one (from the session), never something the page says.
"""

from __future__ import annotations

from collections.abc import Mapping

from bot.adapters.web.render import ChoiceTarget
from bot.core.events import ActionReceived, Actor, CommandReceived, Conversation, MessageReceived
from bot.core.model import Person

INPUT_PREFIX = "in."


def web_actor(person: Person) -> Actor:
    """The web identity of a signed-in person: their registry id (sign-in has proved who they are)."""
    return Actor("web", str(person.id), person.display_name, email=person.email)


def web_conversation(person_id: int) -> Conversation:
    """Each person has one conversation with the desk on the web: their own."""
    return Conversation("web", f"web:{person_id}", is_direct=True)


def message_event(person: Person, text: str, message_id: str) -> MessageReceived:
    """A message typed in the conversation form (`/dx ...` commands included)."""
    return MessageReceived(web_actor(person), web_conversation(person.id), text, message_id=message_id)


def action_event(person: Person, target: ChoiceTarget, form: Mapping[str, str]) -> ActionReceived:
    """A pressed button, with the card's text inputs (fields named `in.<input id>`)."""
    inputs = {k[len(INPUT_PREFIX):]: v.strip() for k, v in form.items()
              if k.startswith(INPUT_PREFIX) and len(k) < 100 and v.strip()}
    return ActionReceived(web_actor(person), web_conversation(person.id), target.action_id, target.value,
                          inputs=inputs, message_id=str(target.turn))


def command_event(person: Person, text: str) -> CommandReceived:
    """A dashboard section: the same admin command as `/dx <text>` in chat (roles and audit as in chat)."""
    return CommandReceived(web_actor(person), web_conversation(person.id), text)
