"""Inbound authentication of Bot Framework requests, with every refusal mapped to 401.

The SDK validates the JWT (issuer, signature against the published keys, expiry, audience = our
app id, `serviceurl` claim = the activity's serviceUrl). Two of its habits are handled here:
- garbage, badly signed, unknown-key and expired tokens raise PyJWT/other errors that the SDK's
  aiohttp integration answers with 500; every failure here becomes `Unauthorized` (401);
- it refreshes the signing keys with a blocking `requests.get`, so validation runs in a worker
  thread (with its own event loop) and never stalls the server's loop.

Outbound, the SDK builds new credentials (a new MSAL client, hence a new Entra ID token) and a new
connector client (a new HTTP session, and ~3.6 ms of CPU in msrest's retry-policy set-up) for every
turn; `CachingCredentialFactory` keeps one credentials object per app and scope so tokens are reused
until they expire, and `CachingConnectorFactory` keeps one connector client per service URL (what the
SDK's own legacy BotFrameworkAdapter does "for a significant boost in throughput").
"""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from botbuilder.integration.aiohttp import (
    ConfigurationBotFrameworkAuthentication,
    ConfigurationServiceClientCredentialFactory,
)
from botbuilder.schema import Activity, CallerIdConstants
from botframework.connector.aio import ConnectorClient
from botframework.connector.auth import (
    AuthenticateRequestResult,
    AuthenticationConstants,
    BotFrameworkAuthentication,
    ClaimsIdentity,
    ConnectorFactory,
    ServiceClientCredentialsFactory,
    UserTokenClient,
)
from msrest.authentication import Authentication

from bot.adapters.teams.inbound import tenants_of
from bot.core.errors import ConfigurationError

log = logging.getLogger(__name__)

APP_TYPES = ("MultiTenant", "SingleTenant", "UserAssignedMSI")


@dataclass(frozen=True)
class TeamsConfig:
    """Bot registration settings (MICROSOFT_APP_*) and the explicit no-authentication switch."""

    app_id: str = ""
    app_password: str = ""
    app_type: str = "MultiTenant"
    tenant_id: str = ""
    # DXDESK_TEAMS_NO_AUTH=1: accept unauthenticated requests (Bot Framework Emulator, local only).
    no_auth: bool = False
    # Override of the Bot Framework OpenID metadata URL (tests serve their own keys).
    openid_metadata: str = ""
    # Channels whose activities are taken (DXDESK_TEAMS_CHANNELS): Teams vouches for the sender of
    # an `msteams` activity; Web Chat or Direct Line would let a client name any sender.
    channels: tuple[str, ...] = ("msteams",)

    @property
    def auth_required(self) -> bool:
        """Requests must carry a valid token unless there is no app id and no_auth is explicit."""
        return bool(self.app_id) or not self.no_auth

    def check(self) -> None:
        """Refuse settings that would open the endpoint by accident or cannot work."""
        if self.app_type not in APP_TYPES:
            raise ConfigurationError(f"MICROSOFT_APP_TYPE must be one of {', '.join(APP_TYPES)}.")
        if not self.app_id and not self.no_auth:
            raise ConfigurationError(
                "MICROSOFT_APP_ID is required for Teams (or DXDESK_TEAMS_NO_AUTH=1 for local development).")
        if self.app_id and self.app_type != "UserAssignedMSI" and not self.app_password:
            raise ConfigurationError("MICROSOFT_APP_PASSWORD is required when MICROSOFT_APP_ID is set.")
        if self.app_id and self.app_type in ("SingleTenant", "UserAssignedMSI") and not self.tenant_id:
            raise ConfigurationError(f"MICROSOFT_APP_TENANT_ID is required for MICROSOFT_APP_TYPE={self.app_type}.")


class Unauthorized(Exception):
    """The request must be refused with 401."""


def build_authentication(config: TeamsConfig) -> BotFrameworkAuthentication:
    """The SDK's authentication for these settings (public cloud, or the given OpenID metadata)."""
    values: dict[str, Any] = {
        "APP_ID": config.app_id,
        "APP_PASSWORD": config.app_password,
        "APP_TYPE": config.app_type,
        "APP_TENANTID": config.tenant_id,
    }
    if config.openid_metadata:
        # Any override switches the SDK to its "parameterized" mode, which then needs every
        # public-cloud value spelled out (it has no defaults of its own).
        values.update({
            "TO_BOT_FROM_CHANNEL_OPENID_METADATA_URL": config.openid_metadata,
            "TO_BOT_FROM_EMULATOR_OPENID_METADATA_URL": config.openid_metadata,
            "TO_BOT_FROM_CHANNEL_TOKEN_ISSUER": AuthenticationConstants.TO_BOT_FROM_CHANNEL_TOKEN_ISSUER,
            "TO_CHANNEL_FROM_BOT_LOGIN_URL": AuthenticationConstants.TO_CHANNEL_FROM_BOT_LOGIN_URL_PREFIX,
            "TO_CHANNEL_FROM_BOT_OAUTH_SCOPE": AuthenticationConstants.TO_CHANNEL_FROM_BOT_OAUTH_SCOPE,
            "OAUTH_URL": AuthenticationConstants.OAUTH_URL,
            "CALLER_ID": CallerIdConstants.public_azure_channel,
        })
    settings = SimpleNamespace(**values)
    return CachingAuthentication(
        settings, credentials_factory=CachingCredentialFactory(ConfigurationServiceClientCredentialFactory(settings)))


# Service URLs are few (one per Teams region); the bound only guards against a flood of made-up ones.
MAX_CACHED_CLIENTS = 64


class CachingAuthentication(ConfigurationBotFrameworkAuthentication):  # type: ignore[misc]
    """The SDK's configuration authentication, whose connector factories share connector clients."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.clients: OrderedDict[tuple[str, str, str], ConnectorClient] = OrderedDict()
        self._token_clients: dict[str, UserTokenClient] = {}

    async def authenticate_request(self, activity: Activity, auth_header: str) -> AuthenticateRequestResult:
        """Delegated; the result's connector factory (used for replies) reuses clients."""
        result = await super().authenticate_request(activity, auth_header)
        if result.connector_factory is not None:
            result.connector_factory = CachingConnectorFactory(result.connector_factory, self.clients)
        return result

    def create_connector_factory(self, claims_identity: ClaimsIdentity) -> ConnectorFactory:
        """Delegated (proactive messages); the factory reuses clients."""
        return CachingConnectorFactory(super().create_connector_factory(claims_identity), self.clients)

    async def create_user_token_client(self, claims_identity: ClaimsIdentity) -> UserTokenClient:
        """One user token client per app id (the SDK makes one for every turn, unused by DX Desk:
        building its msrest configuration alone costs ~3.6 ms of CPU)."""
        claims = claims_identity.claims or {}
        app_id = str(claims.get(AuthenticationConstants.AUDIENCE_CLAIM)
                     or claims.get(AuthenticationConstants.APP_ID_CLAIM) or "")
        client = self._token_clients.get(app_id)
        if client is None:
            client = self._token_clients[app_id] = await super().create_user_token_client(claims_identity)
        return client


class CachingConnectorFactory(ConnectorFactory):  # type: ignore[misc]
    """Hands out one connector client per (app, audience, service URL), created on first use.

    A client carries no per-conversation state: the activity names the conversation. Its requests
    session pools connections, so consecutive sends to a service reuse one TLS connection.
    """

    def __init__(self, inner: ConnectorFactory, clients: OrderedDict[tuple[str, str, str], ConnectorClient]) -> None:
        self._inner = inner
        self._clients = clients

    async def create(self, service_url: str, audience: str | None = None) -> ConnectorClient:
        """The cached client for this service URL (the inner factory makes it the first time)."""
        scope = audience or str(getattr(self._inner, "_to_channel_from_bot_oauth_scope", "") or "")
        key = (str(getattr(self._inner, "_app_id", "") or ""), scope, service_url)
        client = self._clients.get(key)
        if client is None:
            client = await self._inner.create(service_url, audience)
            self._clients[key] = client
            while len(self._clients) > MAX_CACHED_CLIENTS:
                self._clients.popitem(last=False)
        else:
            self._clients.move_to_end(key)
        return client


class CachingCredentialFactory(ServiceClientCredentialsFactory):  # type: ignore[misc]
    """Reuses one credentials object per (app, scope, authority) for the life of the process.

    The SDK asks for credentials on every turn; each new MicrosoftAppCredentials builds a new MSAL
    client that discovers the tenant and fetches a token again. Reusing it keeps MSAL's token cache.
    """

    def __init__(self, inner: ServiceClientCredentialsFactory) -> None:
        self._inner = inner
        self._cache: dict[tuple[str, str, str, bool], Authentication] = {}

    async def is_valid_app_id(self, app_id: str) -> bool:
        """Delegated."""
        return bool(await self._inner.is_valid_app_id(app_id))

    async def is_authentication_disabled(self) -> bool:
        """Delegated."""
        return bool(await self._inner.is_authentication_disabled())

    async def create_credentials(self, app_id: str, oauth_scope: str, login_endpoint: str,
                                 validate_authority: bool) -> Authentication:
        """The cached credentials for this app and scope (created on first use)."""
        key = (app_id or "", oauth_scope or "", login_endpoint or "", bool(validate_authority))
        if key not in self._cache:
            self._cache[key] = await self._inner.create_credentials(app_id, oauth_scope, login_endpoint,
                                                                    validate_authority)
        return self._cache[key]


class InboundAuthenticator:
    """Checks one inbound request; the result tells the SDK how to answer (connector, audience)."""

    def __init__(self, config: TeamsConfig, authentication: BotFrameworkAuthentication) -> None:
        self.config = config
        self.authentication = authentication

    async def authenticate(self, activity: Activity, auth_header: str,
                           body: Mapping[str, Any] | None = None) -> AuthenticateRequestResult:
        """The SDK's result for a valid request; `Unauthorized` for anything else.

        `body` is the activity as received (JSON): the SDK's schema drops fields Teams sends,
        such as `conversation.tenantId`, so the tenant is read from it.
        """
        raw: Mapping[str, Any] = body if body is not None else activity.serialize()
        channel = str(raw.get("channelId") or "")
        if channel not in self.config.channels:
            raise Unauthorized(f"channel {channel[:40]!r} is not one of {', '.join(self.config.channels)}")
        if not self.config.auth_required:
            # Explicit development mode: the SDK returns anonymous claims for an empty app id.
            return await self.authentication.authenticate_request(activity, "")
        if not auth_header.strip():
            raise Unauthorized("no Authorization header")
        try:
            result = await asyncio.to_thread(_authenticate_blocking, self.authentication, activity, auth_header)
        except Exception as exc:
            raise Unauthorized(f"{type(exc).__name__}: {exc}") from exc
        identity = getattr(result, "claims_identity", None)
        if identity is None or not identity.is_authenticated:
            raise Unauthorized("token not authenticated")
        self._check_claims(identity.claims or {}, str(raw.get("serviceUrl") or ""))
        if self.config.app_type in ("SingleTenant", "UserAssignedMSI") and self.config.tenant_id:
            # A managed identity is a single-tenant registration too.
            self._check_tenant(raw)
        return result

    @staticmethod
    def _check_claims(claims: Mapping[str, Any], service_url: str) -> None:
        # PyJWT checks `exp` and `nbf` only when present, and the SDK does not ask for them: a
        # token without an expiry would be valid for ever.
        for claim in ("exp", "nbf"):
            if not isinstance(claims.get(claim), int | float):
                raise Unauthorized(f"token without {claim}")
        if not service_url or claims.get(AuthenticationConstants.SERVICE_URL_CLAIM) != service_url:
            raise Unauthorized("token's serviceurl claim does not name the activity's serviceUrl")

    def _check_tenant(self, raw: Mapping[str, Any]) -> None:
        tenants = tenants_of(raw)
        if not tenants:
            raise Unauthorized("activity names no tenant, bot is single-tenant")
        foreign = sorted(t for t in tenants if t != self.config.tenant_id)
        if foreign:
            raise Unauthorized(f"activity from tenant {foreign[0][:64]!r}, bot is single-tenant")


def _authenticate_blocking(authentication: BotFrameworkAuthentication, activity: Activity,
                           auth_header: str) -> AuthenticateRequestResult:
    # Runs in a worker thread: the SDK's key refresh is a blocking HTTP call.
    return asyncio.run(authentication.authenticate_request(activity, auth_header))
