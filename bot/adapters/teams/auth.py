"""Inbound authentication of Bot Framework requests, with every refusal mapped to 401.

The SDK validates the JWT (issuer, signature against the published keys, expiry, audience = our
app id, `serviceurl` claim = the activity's serviceUrl). Two of its habits are handled here:
- garbage, badly signed, unknown-key and expired tokens raise PyJWT/other errors that the SDK's
  aiohttp integration answers with 500; every failure here becomes `Unauthorized` (401);
- it refreshes the signing keys with a blocking `requests.get`, so validation runs in a worker
  thread (with its own event loop) and never stalls the server's loop.

Outbound, the SDK builds new credentials (a new MSAL client, hence a new Entra ID token) for every
turn; `CachingCredentialFactory` keeps one per app and scope so tokens are reused until they expire.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from botbuilder.integration.aiohttp import (
    ConfigurationBotFrameworkAuthentication,
    ConfigurationServiceClientCredentialFactory,
)
from botbuilder.schema import Activity, CallerIdConstants
from botframework.connector.auth import (
    AuthenticateRequestResult,
    AuthenticationConstants,
    BotFrameworkAuthentication,
    ServiceClientCredentialsFactory,
)
from msrest.authentication import Authentication

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
    return ConfigurationBotFrameworkAuthentication(
        settings, credentials_factory=CachingCredentialFactory(ConfigurationServiceClientCredentialFactory(settings)))


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

    async def authenticate(self, activity: Activity, auth_header: str) -> AuthenticateRequestResult:
        """The SDK's result for a valid request; `Unauthorized` for anything else."""
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
        if self.config.app_type == "SingleTenant" and self.config.tenant_id:
            self._check_tenant(activity)
        return result

    def _check_tenant(self, activity: Activity) -> None:
        data = activity.channel_data if isinstance(activity.channel_data, dict) else {}
        tenant = (data.get("tenant") or {}).get("id") or getattr(activity.conversation, "tenant_id", None)
        if tenant and tenant != self.config.tenant_id:
            raise Unauthorized(f"activity from tenant {tenant}, bot is single-tenant")


def _authenticate_blocking(authentication: BotFrameworkAuthentication, activity: Activity,
                           auth_header: str) -> AuthenticateRequestResult:
    # Runs in a worker thread: the SDK's key refresh is a blocking HTTP call.
    return asyncio.run(authentication.authenticate_request(activity, auth_header))
