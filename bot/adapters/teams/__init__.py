"""Microsoft Teams adapter (Bot Framework SDK). Every botbuilder/botframework import of DX Desk
lives in this folder."""

from bot.adapters.teams.adapter import TeamsAdapter
from bot.adapters.teams.auth import TeamsConfig

__all__ = ["TeamsAdapter", "TeamsConfig"]
