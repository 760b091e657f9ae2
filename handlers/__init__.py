"""The five jobs of DX Desk. Handlers import only `bot.core`."""
