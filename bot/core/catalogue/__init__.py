"""Per-feature message catalogues, merged into `bot.core.messages.CATALOGUE` at import."""
