"""Settings, read once from the environment and `.env`, validated at start-up.

Nothing else in DX Desk reads `os.environ`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AliasChoices, Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.core.errors import ConfigurationError


def default_data_dir() -> Path:
    """Per-user data folder: $XDG_DATA_HOME/dxdesk, else ~/.local/share/dxdesk."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "dxdesk"


def _alias(*names: str) -> AliasChoices:
    return AliasChoices(*names)


class Settings(BaseSettings):
    """All configuration. Environment variable names are given in each field's alias."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore",
                                      populate_by_name=True)

    data_dir: Path = Field(default_factory=default_data_dir, validation_alias=_alias("DXDESK_DATA_DIR"))
    # DXDESK_DATABASE_URL like every other setting; DATABASE_URL, the name hosting platforms set, too.
    database_url: str = Field("", validation_alias=_alias("DXDESK_DATABASE_URL", "DATABASE_URL"))
    language: Literal["ja", "en"] = Field("ja", validation_alias=_alias("DXDESK_LANGUAGE"))
    timezone: str = Field("Asia/Tokyo", validation_alias=_alias("DXDESK_TIMEZONE"))
    admins: str = Field("", validation_alias=_alias("DXDESK_ADMINS"))
    escalation_mode: Literal["office", "liaison"] = Field("office", validation_alias=_alias("DXDESK_ESCALATION_MODE"))
    escalation_channel: str = Field("", validation_alias=_alias("DXDESK_ESCALATION_CHANNEL"))
    # Sample FAQ and roadmap on first start: off, so a real install starts clean (`dxdesk demo` or
    # the first run of `dxdesk chat` load them on request).
    sample_data: bool = Field(False, validation_alias=_alias("DXDESK_SAMPLE_DATA"))
    # The office's own words, used in every message (「DX推進室」 unless the city calls it otherwise).
    office_name: str = Field("DX推進室", min_length=1, max_length=40, validation_alias=_alias("DXDESK_OFFICE_NAME"))
    office_name_en: str = Field("the DX office", min_length=1, max_length=60,
                                validation_alias=_alias("DXDESK_OFFICE_NAME_EN"))
    meeting_name: str = Field("", max_length=60, validation_alias=_alias("DXDESK_MEETING_NAME"))
    # How to reach the office directly (「内線 1234」), shown on 「連絡先は？」 and 「人と話したい」.
    office_contact: str = Field("", max_length=100, validation_alias=_alias("DXDESK_OFFICE_CONTACT"))
    # A line added to every proactive message (reminders, invitations, forwarded questions).
    signature: str = Field("", max_length=200, validation_alias=_alias("DXDESK_SIGNATURE"))
    faq_vectors: bool = Field(True, validation_alias=_alias("DXDESK_FAQ_VECTORS"))
    # The sections other than the DX office that staff are pointed to for their matters (YAML, see
    # storage/faq/data/other_desks.yaml); empty: the bundled list of common city sections.
    other_desks: str = Field("", validation_alias=_alias("DXDESK_OTHER_DESKS"))
    max_message_chars: int = Field(1000, ge=50, le=10000, validation_alias=_alias("DXDESK_MAX_MESSAGE_CHARS"))
    # An open form, poll or question the bot asked closes itself after this many idle minutes
    # (a form's answers stay as a draft); 0 keeps dialogs open forever.
    dialog_timeout_minutes: int = Field(120, ge=0, le=60 * 24 * 30,
                                        validation_alias=_alias("DXDESK_DIALOG_TIMEOUT_MINUTES"))
    # A plain-words proposal (「…よろしいですか？ [はい][直す][やめる]」) the admin left for another
    # conversation is brought back once when that one ends, if proposed at most this many hours ago (0: never).
    set_aside_hours: int = Field(3, ge=0, le=24 * 7, validation_alias=_alias("DXDESK_SET_ASIDE_HOURS"))
    # A button label typed as a message presses the button of a message sent this many hours ago at
    # most (0: never); a bare number presses a button of a message this many minutes old at most.
    typed_button_hours: int = Field(72, ge=0, le=24 * 30, validation_alias=_alias("DXDESK_TYPED_BUTTON_HOURS"))
    # A member of staff's reply to an answer a person gave them (「ありがと、でもPCがないときは？」) is
    # kept with that question (a follow-up of Q-n) for this many hours after the answer (0: never).
    followup_hours: int = Field(72, ge=0, le=24 * 30, validation_alias=_alias("DXDESK_FOLLOWUP_HOURS"))
    button_number_minutes: int = Field(10, ge=0, le=24 * 60,
                                       validation_alias=_alias("DXDESK_BUTTON_NUMBER_MINUTES"))
    # CSV exports start with a UTF-8 BOM so that Japanese Excel opens them without mojibake.
    csv_bom: bool = Field(True, validation_alias=_alias("DXDESK_CSV_BOM"))
    log_level: str = Field("INFO", validation_alias=_alias("DXDESK_LOG_LEVEL"))
    log_format: Literal["text", "json"] = Field("text", validation_alias=_alias("DXDESK_LOG_FORMAT"))

    host: str = Field("0.0.0.0", validation_alias=_alias("DXDESK_HOST"))
    port: int = Field(3978, ge=1, le=65535, validation_alias=_alias("PORT", "DXDESK_PORT"))
    # /metrics and /readyz on their own listener (0 = on the public one, next to the platforms).
    metrics_port: int = Field(0, ge=0, le=65535, validation_alias=_alias("DXDESK_METRICS_PORT"))
    metrics_host: str = Field("127.0.0.1", validation_alias=_alias("DXDESK_METRICS_HOST"))
    # When set, /metrics answers only `Authorization: Bearer <token>`.
    metrics_token: str = Field("", validation_alias=_alias("DXDESK_METRICS_TOKEN"))
    # Allows what only a developer's machine may run: Teams without authentication and an
    # OpenID metadata source other than the Bot Framework's.
    development: bool = Field(False, validation_alias=_alias("DXDESK_DEVELOPMENT"))

    slack_bot_token: str = Field("", validation_alias=_alias("SLACK_BOT_TOKEN"))
    slack_signing_secret: str = Field("", validation_alias=_alias("SLACK_SIGNING_SECRET"))
    slack_app_token: str = Field("", validation_alias=_alias("SLACK_APP_TOKEN"))
    slack_api_url: str = Field("https://slack.com/api/", validation_alias=_alias("SLACK_API_URL"))
    # The workspace budget for chat.postMessage (Slack publishes no fixed figure). With the shared
    # rate budget (PostgreSQL) it holds for all replicas together; counted per process, give each
    # replica 1/N.
    slack_max_messages_per_second: float = Field(50.0, gt=0, le=1000,
                                                 validation_alias=_alias("SLACK_MAX_MESSAGES_PER_SECOND"))

    # The queue in front of the handlers (issue 19): turns running at once, turns allowed to wait
    # (oldest first), and how long one may wait before the sender is told 「混み合っています」
    # (Slack needs its acknowledgement within 3 s, and it is held while a turn waits).
    turn_concurrency: int = Field(8, ge=1, le=256, validation_alias=_alias("DXDESK_TURN_CONCURRENCY"))
    turn_queue: int = Field(512, ge=0, le=100_000, validation_alias=_alias("DXDESK_TURN_QUEUE"))
    turn_patience: float = Field(2.0, ge=0, le=2.5, validation_alias=_alias("DXDESK_TURN_PATIENCE"))

    # Where the app-wide send budgets (Slack workspace, Teams per app) are counted: "database" (shared
    # by every replica), "process" (this process only), or "auto" = database on PostgreSQL, process
    # on SQLite (one process).
    rate_budget: Literal["auto", "database", "process"] = Field("auto", validation_alias=_alias("DXDESK_RATE_BUDGET"))

    microsoft_app_id: str = Field("", validation_alias=_alias("MICROSOFT_APP_ID"))
    microsoft_app_password: str = Field("", validation_alias=_alias("MICROSOFT_APP_PASSWORD"))
    microsoft_app_type: Literal["MultiTenant", "SingleTenant", "UserAssignedMSI"] = Field(
        "MultiTenant", validation_alias=_alias("MICROSOFT_APP_TYPE"))
    microsoft_app_tenant_id: str = Field("", validation_alias=_alias("MICROSOFT_APP_TENANT_ID"))
    teams_no_auth: bool = Field(False, validation_alias=_alias("DXDESK_TEAMS_NO_AUTH"))
    # Where the Bot Framework publishes its OpenID metadata (tests point it at a local fake).
    teams_openid_metadata: str = Field("", validation_alias=_alias("DXDESK_TEAMS_OPENID_METADATA"))
    teams_enabled: bool = Field(False, validation_alias=_alias("DXDESK_TEAMS"))
    # Bot Framework channels whose activities are taken (comma-separated); Teams is `msteams`.
    teams_channels: str = Field("msteams", validation_alias=_alias("DXDESK_TEAMS_CHANNELS"))

    # Business calendar and meeting reminders (parsed and checked by scheduler/ at start-up).
    closures: str = Field("12/29-1/3", validation_alias=_alias("DXDESK_CLOSURES"))
    work_hours: str = Field("08:30-18:00", validation_alias=_alias("DXDESK_WORK_HOURS"))
    holiday_shift: Literal["next", "previous"] = Field("next", validation_alias=_alias("DXDESK_HOLIDAY_SHIFT"))
    reminder_grace: str = Field("24h", validation_alias=_alias("DXDESK_REMINDER_GRACE"))
    reminder_offsets: str = Field("3営業日前 9:00, 当日 8:30", validation_alias=_alias("DXDESK_REMINDER_OFFSETS"))
    scheduler_poll: float = Field(10.0, ge=0.05, le=600, validation_alias=_alias("DXDESK_SCHEDULER_POLL"))

    # Skill self-assessment: privacy threshold, reminders, default mode, own question/training files.
    assessment_min_group_size: int = Field(5, ge=1, le=100, validation_alias=_alias("DXDESK_ASSESSMENT_MIN_GROUP_SIZE"))
    assessment_max_reminders: int = Field(2, ge=0, le=10, validation_alias=_alias("DXDESK_ASSESSMENT_MAX_REMINDERS"))
    assessment_reminder_interval_days: int = Field(
        2, ge=1, le=30, validation_alias=_alias("DXDESK_ASSESSMENT_REMINDER_INTERVAL_DAYS"))
    assessment_reminder_hour: int = Field(10, ge=0, le=23, validation_alias=_alias("DXDESK_ASSESSMENT_REMINDER_HOUR"))
    assessment_mode: Literal["named", "pseudonymous"] = Field(
        "pseudonymous", validation_alias=_alias("DXDESK_ASSESSMENT_MODE"))
    assessment_questions_file: str = Field("", validation_alias=_alias("DXDESK_ASSESSMENT_QUESTIONS"))
    assessment_trainings_file: str = Field("", validation_alias=_alias("DXDESK_ASSESSMENT_TRAININGS"))

    # Progress check-ins: nudges (cap, spacing, time of day), deadlines, admins' own form files.
    checkin_max_nudges: int = Field(2, ge=0, le=10, validation_alias=_alias("DXDESK_CHECKIN_MAX_NUDGES"))
    checkin_nudge_every_days: int = Field(2, ge=1, le=20, validation_alias=_alias("DXDESK_CHECKIN_NUDGE_EVERY_DAYS"))
    checkin_nudge_time: str = Field("10:00", pattern=r"^([01]\d|2[0-3]):[0-5]\d$",
                                    validation_alias=_alias("DXDESK_CHECKIN_NUDGE_TIME"))
    checkin_deadline_time: str = Field("17:00", pattern=r"^([01]\d|2[0-3]):[0-5]\d$",
                                       validation_alias=_alias("DXDESK_CHECKIN_DEADLINE_TIME"))
    checkin_days_before_meeting: int = Field(5, ge=1, le=30, validation_alias=_alias("DXDESK_CHECKIN_DAYS_BEFORE_MEETING"))
    checkin_deadline_days_before_meeting: int = Field(
        1, ge=0, le=30, validation_alias=_alias("DXDESK_CHECKIN_DEADLINE_DAYS_BEFORE_MEETING"))
    checkin_forms_dir: Path | None = Field(None, validation_alias=_alias("DXDESK_CHECKIN_FORMS_DIR"))

    # --- web desk and e-mail (issue 18; docs/web.md) -----------------------------------------
    web_enabled: bool = Field(True, validation_alias=_alias("DXDESK_WEB"))
    # The address staff open (used in e-mailed links); default http://<host>:<port>.
    web_base_url: str = Field("", validation_alias=_alias("DXDESK_WEB_BASE_URL"))
    # Reverse proxies that authenticate users (IIS / Apache with Windows integrated authentication):
    # their addresses or networks, and the header naming the user. Empty: no proxy sign-in.
    web_trusted_proxies: str = Field("", validation_alias=_alias("DXDESK_WEB_TRUSTED_PROXIES"))
    web_user_header: str = Field("X-Remote-User", validation_alias=_alias("DXDESK_WEB_USER_HEADER"))
    # `DOMAIN\user` from the proxy is also looked up as user@<this domain> in the registry.
    web_login_email_domain: str = Field("", validation_alias=_alias("DXDESK_WEB_LOGIN_EMAIL_DOMAIN"))
    # Sign-in without a mail server, from this machine (localhost) only. auto = on while neither
    # SMTP nor a trusted proxy is configured.
    web_local_signin: Literal["auto", "on", "off"] = Field("auto", validation_alias=_alias("DXDESK_WEB_LOCAL_SIGNIN"))
    web_session_hours: float = Field(12, gt=0, le=24 * 30, validation_alias=_alias("DXDESK_WEB_SESSION_HOURS"))
    web_link_minutes: int = Field(15, ge=1, le=24 * 60, validation_alias=_alias("DXDESK_WEB_LINK_MINUTES"))
    web_cookie_secure: Literal["auto", "always", "never"] = Field(
        "auto", validation_alias=_alias("DXDESK_WEB_COOKIE_SECURE"))
    # Signs the desk's buttons; empty: a random secret kept in the database (shared by replicas).
    web_secret: str = Field("", validation_alias=_alias("DXDESK_WEB_SECRET"))
    smtp_host: str = Field("", validation_alias=_alias("DXDESK_SMTP_HOST"))
    smtp_port: int = Field(25, ge=1, le=65535, validation_alias=_alias("DXDESK_SMTP_PORT"))
    smtp_from: str = Field("dxdesk@localhost", validation_alias=_alias("DXDESK_SMTP_FROM"))
    smtp_username: str = Field("", validation_alias=_alias("DXDESK_SMTP_USERNAME"))
    smtp_password: str = Field("", validation_alias=_alias("DXDESK_SMTP_PASSWORD"))
    smtp_starttls: bool = Field(False, validation_alias=_alias("DXDESK_SMTP_STARTTLS"))
    smtp_tls: bool = Field(False, validation_alias=_alias("DXDESK_SMTP_TLS"))

    @property
    def web_local_signin_on(self) -> bool:
        """Whether the localhost sign-in is offered."""
        if self.web_local_signin != "auto":
            return self.web_local_signin == "on"
        return not self.smtp_host and not self.web_trusted_proxies

    # --- end of web desk settings -------------------------------------------------------------

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}") from exc
        return value

    @field_validator("escalation_channel")
    @classmethod
    def _channel_format(cls, value: str) -> str:
        if value and (":" not in value or value.split(":", 1)[0] not in ("slack", "teams", "console")):
            raise ValueError("write it as slack:CHANNEL_ID, teams:CONVERSATION_ID or console:NAME")
        return value

    @property
    def db_url(self) -> str:
        """DXDESK_DATABASE_URL (or DATABASE_URL), or the SQLite file in the data folder."""
        if self.database_url:
            return self.database_url
        return f"sqlite+aiosqlite:///{self.data_dir / 'dxdesk.db'}"

    @property
    def admin_keys(self) -> tuple[str, ...]:
        """Bootstrap admins: platform ids (slack:U123, teams:AAD-ID, console:local) or e-mails."""
        return tuple(a.strip().lower() if "@" in a else a.strip() for a in self.admins.split(",") if a.strip())

    @property
    def teams_channel_ids(self) -> tuple[str, ...]:
        """DXDESK_TEAMS_CHANNELS as a tuple (`msteams` unless configured)."""
        return tuple(c.strip() for c in self.teams_channels.split(",") if c.strip()) or ("msteams",)

    @property
    def slack_enabled(self) -> bool:
        """Slack is on when a bot token is configured."""
        return bool(self.slack_bot_token)

    @property
    def teams_on(self) -> bool:
        """Teams is on with an app id, or explicitly for local development without auth."""
        return bool(self.microsoft_app_id) or self.teams_no_auth or self.teams_enabled

    def check_serve(self, socket_mode: bool) -> None:
        """Stop start-up with one clear line when the chosen mode lacks a setting."""
        if socket_mode and not self.slack_app_token:
            raise ConfigurationError("SLACK_APP_TOKEN is required for --socket-mode (an xapp- token).")
        if socket_mode and not self.slack_bot_token:
            raise ConfigurationError("SLACK_BOT_TOKEN is required for --socket-mode (an xoxb- token).")
        if self.slack_bot_token and not socket_mode and not self.slack_signing_secret:
            raise ConfigurationError("SLACK_SIGNING_SECRET is required to verify Slack requests.")
        if self.slack_signing_secret and not self.slack_bot_token:
            raise ConfigurationError("SLACK_BOT_TOKEN is required when SLACK_SIGNING_SECRET is set.")
        if self.microsoft_app_id and not self.microsoft_app_password and self.microsoft_app_type != "UserAssignedMSI":
            raise ConfigurationError("MICROSOFT_APP_PASSWORD is required when MICROSOFT_APP_ID is set.")
        if self.microsoft_app_type == "SingleTenant" and self.microsoft_app_id and not self.microsoft_app_tenant_id:
            raise ConfigurationError("MICROSOFT_APP_TENANT_ID is required for MICROSOFT_APP_TYPE=SingleTenant.")
        if self.teams_enabled and not self.microsoft_app_id and not self.teams_no_auth:
            raise ConfigurationError(
                "MICROSOFT_APP_ID is required for Teams (or DXDESK_TEAMS_NO_AUTH=1 for local development).")
        if self.teams_no_auth and not self.microsoft_app_id and not self.development:
            raise ConfigurationError(
                "DXDESK_TEAMS_NO_AUTH=1 lets anyone post as anyone: it needs DXDESK_DEVELOPMENT=1 "
                "(never in production).")
        if self.teams_openid_metadata and self.teams_on and not self.development:
            raise ConfigurationError(
                "DXDESK_TEAMS_OPENID_METADATA replaces the Bot Framework's signing keys: it needs "
                "DXDESK_DEVELOPMENT=1 (tests only, never in production).")
        if self.metrics_port and self.metrics_port == self.port:
            raise ConfigurationError("DXDESK_METRICS_PORT must differ from PORT.")


def apply_process_defaults() -> None:
    """Process-wide defaults that must be set before numpy loads: the FAQ search does small
    matrix products, for which multi-threaded BLAS is many times slower on a busy machine."""
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, "1")


class _LanguageOnly(BaseSettings):
    """DXDESK_LANGUAGE alone, read the same way as `Settings` reads it."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    language: str = Field("ja", validation_alias=_alias("DXDESK_LANGUAGE"))


def configured_language() -> str:
    """"ja" or "en" as configured, even when other settings are wrong: the line that says what
    is wrong is written in it."""
    try:
        return "en" if _LanguageOnly().language.strip().lower() == "en" else "ja"
    except (ValidationError, OSError):
        return "ja"


def load_settings(**overrides: object) -> Settings:
    """Read and validate settings; raise ConfigurationError with one readable line per problem."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            name = ".".join(str(x) for x in err.get("loc", ()))
            field = Settings.model_fields.get(name)
            alias = field.validation_alias if field else None
            env = alias.choices[0] if isinstance(alias, AliasChoices) else name
            problems.append(f"{env}: {err.get('msg')}")
        raise ConfigurationError("; ".join(problems)) from None
