"""The Bot Framework SDK's connector client behind the adapter's `Outlet` protocol."""

from __future__ import annotations

import asyncio
from typing import Any

import requests
from botbuilder.core import TurnContext
from botbuilder.schema import Activity, ErrorResponseException
from botframework.connector.aio import ConnectorClient
from msrest.exceptions import ClientRequestError
from urllib3.util.retry import Retry

from bot.adapters.teams.resilience import ConnectorError, parse_retry_after

REQUEST_TIMEOUT_SECONDS = 20


class SdkOutlet:
    """Posts and updates activities with the connector client of one (inbound or proactive) turn."""

    def __init__(self, client: ConnectorClient, activity: Activity) -> None:
        self.client = client
        # The SDK's HTTP layer retries some statuses on its own (urllib3, 3 times, ignoring our
        # budget and rate limits). Our ResilientSender is the one place that decides.
        client.config.retry_policy.policy = Retry(total=0, redirect=0, raise_on_status=False)
        client.config.connection.timeout = REQUEST_TIMEOUT_SECONDS
        self.bot = activity.recipient
        self.user = activity.from_property
        self.service_url = activity.service_url
        self.channel_id = activity.channel_id or "msteams"

    @classmethod
    def of_turn(cls, turn_context: TurnContext) -> SdkOutlet:
        """The outlet of the turn's connector client (created by the SDK for the serviceUrl)."""
        adapter = turn_context.adapter
        client = turn_context.turn_state.get(adapter.BOT_CONNECTOR_CLIENT_KEY)
        if client is None:
            raise RuntimeError("the turn has no connector client")
        return cls(client, turn_context.activity)

    def _activity(self, conversation_id: str, payload: dict[str, Any], **extra: Any) -> Activity:
        activity = Activity().deserialize({**payload, "channelId": self.channel_id, "serviceUrl": self.service_url,
                                           "conversation": {"id": conversation_id}, **extra})
        activity.from_property = self.bot
        activity.recipient = self.user
        return activity

    async def _ensure_token(self) -> None:
        """Get the Entra ID token in a worker thread: the SDK would fetch it with a blocking call on
        the event loop when it signs the request (cached afterwards, so this is usually instant)."""
        credentials = self.client.config.credentials
        if not getattr(credentials, "microsoft_app_id", "") or not hasattr(credentials, "get_access_token"):
            return
        try:
            await asyncio.to_thread(credentials.get_access_token)
        except PermissionError as exc:
            raise ConnectorError(401, f"Entra ID refused the bot's credentials: {exc}") from exc
        except (requests.RequestException, OSError, ValueError) as exc:
            raise ConnectorError(0, f"could not get a token from Entra ID: {exc!r}") from exc

    async def post(self, conversation_id: str, payload: dict[str, Any], reply_to_id: str = "") -> str:
        """A new message, or a reply in the thread of `reply_to_id`."""
        await self._ensure_token()
        try:
            if reply_to_id:
                activity = self._activity(conversation_id, payload, replyToId=reply_to_id)
                response = await self.client.conversations.reply_to_activity(conversation_id, reply_to_id, activity)
            else:
                activity = self._activity(conversation_id, payload)
                response = await self.client.conversations.send_to_conversation(conversation_id, activity)
        except ErrorResponseException as exc:
            raise _connector_error(exc) from exc
        except (ClientRequestError, requests.RequestException) as exc:
            raise ConnectorError(0, f"no answer from the Bot Connector: {exc}") from exc
        return str(getattr(response, "id", "") or "")

    async def update(self, conversation_id: str, activity_id: str, payload: dict[str, Any]) -> None:
        """Replace a message the bot sent earlier."""
        activity = self._activity(conversation_id, payload, id=activity_id)
        await self._ensure_token()
        try:
            await self.client.conversations.update_activity(conversation_id, activity_id, activity)
        except ErrorResponseException as exc:
            raise _connector_error(exc) from exc
        except (ClientRequestError, requests.RequestException) as exc:
            raise ConnectorError(0, f"no answer from the Bot Connector: {exc}") from exc


def _connector_error(exc: ErrorResponseException) -> ConnectorError:
    response = getattr(exc, "response", None)
    status = int(getattr(response, "status_code", 0) or 0)
    headers = getattr(response, "headers", None) or {}
    detail = ""
    try:
        detail = (response.json().get("error") or {}).get("code", "") if response is not None else ""
    except (ValueError, AttributeError):
        detail = ""  # not the connector's JSON error body
    return ConnectorError(status, detail or str(exc), parse_retry_after(headers.get("Retry-After")))
