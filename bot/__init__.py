"""DX Desk: a consultation desk, reminder, check-in and assessment bot for a municipal DX office."""

__version__ = "0.1.0"
