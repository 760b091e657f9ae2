"""Platform-neutral core of DX Desk.

Only the standard library is imported here; adapters, storage and the scheduler implement the
protocols in :mod:`bot.core.ports`.
"""
