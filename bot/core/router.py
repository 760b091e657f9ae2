"""Routers: handlers register for messages, commands, actions and dialogs with decorators.

Decorators return the function unchanged so handlers stay plain, testable coroutines.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from bot.core.model import Role

F = TypeVar("F", bound=Callable[..., Awaitable[Any]])
TextPredicate = Callable[[str], bool]


@dataclass(frozen=True)
class MessageRoute:
    """A message handler with an optional predicate; higher priority is tried first."""

    handler: Callable[..., Awaitable[Any]]
    when: TextPredicate | None
    priority: int
    name: str
    # The handler claims the inbound delivery itself, in the transaction of its first write
    # (`Context.take_claim`), or on its first reply; other handlers run after a separate claim.
    claims: bool = False


@dataclass(frozen=True)
class CommandRoute:
    """A `/dx` sub-command such as ("faq", "add"), the least role allowed to run it, and help."""

    path: tuple[str, ...]
    handler: Callable[..., Awaitable[Any]]
    role: Role
    help_key: str
    audit: bool
    name: str
    # The job it belongs to in `/dx help` (the router's name up to the first dot: "admin.audit" -> "admin").
    group: str = ""


class Router:
    """Collects the handlers of one feature (`Router("faq")`)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.messages: list[MessageRoute] = []
        self.commands: list[CommandRoute] = []
        self.actions: dict[str, Callable[..., Awaitable[Any]]] = {}
        self.dialogs: dict[str, Callable[..., Awaitable[bool]]] = {}
        self.claiming_dialogs: set[str] = set()
        # Dialogs whose numbers are the numbers of their message's buttons (「1」 = [1] はい), not
        # answers: a number typed long after that message is not taken by them (see `Dispatcher`).
        self.button_dialogs: set[str] = set()
        # Dialog kind -> the resumable kind whose answers it keeps as a draft (see `resumer`).
        self.drafts: dict[str, str] = {}
        # Dialog kind -> what keeps the person's typed text when a command interrupts the dialog.
        self.interrupts: dict[str, Callable[..., Awaitable[Any]]] = {}
        self.installs: list[Callable[..., Awaitable[Any]]] = []
        self.home_sections: list[Callable[..., Awaitable[Any]]] = []
        self.resumers: dict[str, Callable[..., Awaitable[bool]]] = {}
        # Dialog kind -> what brings it back on top after a button of the prompt it set aside was pressed.
        self.after_asides: dict[str, Callable[..., Awaitable[Any]]] = {}
        self.uninstalls: list[Callable[..., Awaitable[Any]]] = []

    def message(self, *, when: TextPredicate | None = None, priority: int = 0,
                claims: bool = False) -> Callable[[F], F]:
        """Handle free-text messages for which `when(normalised_text)` holds. With `claims`, the
        handler claims the delivery itself with its first write (one transaction less). A handler
        that returns False declines the message (it is not for this person): the next route gets it."""

        def register(func: F) -> F:
            self.messages.append(MessageRoute(func, when, priority, f"{self.name}.{func.__name__}", claims))
            return func

        return register

    def command(
        self,
        path: str,
        *,
        role: Role = Role.STAFF,
        help_key: str = "",
        audit: bool | None = None,
    ) -> Callable[[F], F]:
        """Handle `/dx <path> ...`; callers below `role` are refused; admin commands are audited."""

        def register(func: F) -> F:
            self.commands.append(
                CommandRoute(
                    path=tuple(path.split()),
                    handler=func,
                    role=role,
                    help_key=help_key,
                    audit=(role is Role.ADMIN) if audit is None else audit,
                    name=f"{self.name}.{func.__name__}",
                    group=self.name.split(".")[0],
                )
            )
            return func

        return register

    def action(self, action_id: str) -> Callable[[F], F]:
        """Handle a button or card submit whose namespaced id is `action_id`."""

        def register(func: F) -> F:
            if action_id in self.actions:
                raise ValueError(f"action {action_id} registered twice")
            self.actions[action_id] = func
            return func

        return register

    def dialog(self, kind: str, *, claims: bool = False, draft_of: str = "",
               buttons: bool = False,
               on_interrupt: Callable[..., Awaitable[Any]] | None = None,
               after_aside: Callable[..., Awaitable[Any]] | None = None) -> Callable[[F], F]:
        """Handle messages while a dialog of `kind` is active; return False to pass the message on.

        With `claims`, the handler claims the delivery itself (`await ctx.claim()`) before it
        stores or says anything, so a message it passes on costs no separate claim.
        `draft_of` names the resumable kind (a form, a poll) whose answers stay saved when the
        dialog expires: the person is told so, and 「続きから」 continues it.
        With `buttons`, a bare number it reads is a button's number (see `button_dialogs`).
        `on_interrupt(ctx, data)` runs when a command arrives while this dialog is open, before the
        command: it keeps what the person typed (a draft) and says so — nothing typed is lost.
        `after_aside(ctx, data)` runs after a button of the prompt this dialog set aside under it
        (its data's `aside`, another job's prompt after a side question) was pressed: the press works
        on that prompt as when it was open, then this dialog comes back on top (see `Dispatcher`).
        """

        def register(func: F) -> F:
            self.dialogs[kind] = func
            if claims:
                self.claiming_dialogs.add(kind)
            if draft_of:
                self.drafts[kind] = draft_of
            if buttons:
                self.button_dialogs.add(kind)
            if on_interrupt is not None:
                self.interrupts[kind] = on_interrupt
            if after_aside is not None:
                self.after_asides[kind] = after_aside
            return func

        return register

    def installed(self, func: F) -> F:
        """Handle the bot being added to a conversation."""
        self.installs.append(func)
        return func

    def resumer(self, kind: str) -> Callable[[F], F]:
        """Continue something this person paused (a form, a poll) when they type 「続きから」.

        The function returns True when it resumed something. The most recently paused kind
        (see `Context.remember_paused`) is tried first, then the others.
        """

        def register(func: F) -> F:
            self.resumers[kind] = func
            return func

        return register

    def home(self, func: F) -> F:
        """Contribute a section (a Reply, or None) to a person's home view (Slack App Home)."""
        self.home_sections.append(func)
        return func

    def uninstalled(self, func: F) -> F:
        """Handle the bot being removed from a conversation."""
        self.uninstalls.append(func)
        return func
