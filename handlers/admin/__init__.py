"""Admin commands."""

from handlers.admin.audit import router

__all__ = ["router"]
