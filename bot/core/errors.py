"""Expected failures that the user should hear about in their language."""

from __future__ import annotations

from typing import Any


class UserFacingError(Exception):
    """An expected failure: the dispatcher replies with the catalogue message `key`."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


class DuplicateEvent(Exception):
    """The inbound delivery was claimed before (a platform retry, or another replica has it): the
    dispatcher drops the turn silently, before anything was said or stored."""


class StaleDialog(Exception):
    """The person's dialog, as remembered from an earlier turn, has changed since (another replica
    or a job wrote it): the dispatcher runs the turn again on the stored state. Raised before
    anything was said or stored."""


class ConfigurationError(Exception):
    """Settings are missing or invalid; raised at start-up with one clear line."""


class DeliveryError(Exception):
    """A proactive message could not be delivered now (`permanent=False`) or ever."""

    def __init__(self, reason: str, *, permanent: bool = False, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.permanent = permanent
        self.retry_after = retry_after
