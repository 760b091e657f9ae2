"""The local chat: talk to DX Desk in a terminal, or pipe lines through stdin."""

from bot.adapters.console.chat import ConsoleChat, ConsoleNotifier, render_text

__all__ = ["ConsoleChat", "ConsoleNotifier", "render_text"]
