"""The words every conversation understands the same way, in one place.

Handlers and the forms engine take their control words from here, so "cancel" means the same in
every dialog on every platform.
"""

from __future__ import annotations

# Export options: whether CSV files start with a UTF-8 BOM (Excel on Windows needs it for Japanese).
BOM_WORDS = {"bom": True, "bomあり": True, "nobom": False, "bomなし": False, "utf8": False, "utf-8": False}
