"""Slack: events, slash commands and buttons on one Request URL (or Socket Mode), Block Kit
replies, and proactive delivery. slack-bolt and slack-sdk are imported only inside this folder."""

from bot.adapters.slack.adapter import SlackAdapter, SlackConfig, SlackResponder
from bot.adapters.slack.notifier import SlackNotifier

__all__ = ["SlackAdapter", "SlackConfig", "SlackNotifier", "SlackResponder"]
