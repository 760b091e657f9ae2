"""Logging set-up: readable text for a terminal (the default), one JSON object per line for
servers (DXDESK_LOG_FORMAT=json, as the container image sets).

Log lines cannot be forged: whatever a client sent (a name, a message, a header) is logged with
its control characters escaped, so it never starts a line of its own; in text logs, lines that
belong to a record (a traceback) are indented, so only a record's first line starts at column 0.
"""

from __future__ import annotations

import contextvars
import json
import logging
import re
import sys
from datetime import UTC, datetime

request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")

# C0 and C1 controls, DEL, and the Unicode line and paragraph separators.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def escape(text: str) -> str:
    """`text` on one line: control characters as `\\n`, `\\t`, `\\x1b`, `\\u2028`..."""
    return _CONTROL.sub(lambda m: _NAMED.get(m.group(), f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                                             else f"\\u{ord(m.group()):04x}"), text)


class JsonFormatter(logging.Formatter):
    """Structured logs with the current request id."""

    def format(self, record: logging.LogRecord) -> str:
        data = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
        }
        rid = request_id.get()
        if rid:
            data["request_id"] = rid
        if record.exc_info:
            data["exc"] = self.formatException(record.exc_info)
        # json.dumps escapes C0 controls; U+2028/2029 and C1 controls it leaves as they are.
        return _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(data, ensure_ascii=False))


class TextFormatter(logging.Formatter):
    """`time level logger [request id] message`, one line per record plus an indented traceback."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s")

    def formatMessage(self, record: logging.LogRecord) -> str:
        record.message = escape(record.message)
        return super().formatMessage(record)

    def format(self, record: logging.LogRecord) -> str:
        head, *rest = super().format(record).split("\n")
        return "\n".join([head, *("    " + escape(line) for line in rest)])


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to text records."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = escape(request_id.get() or "-")
        return True


def configure(level: str = "INFO", fmt: str = "text") -> None:
    """Configure the root logger once."""
    handler = logging.StreamHandler(sys.stderr)
    if fmt == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.addFilter(RequestIdFilter())
        handler.setFormatter(TextFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
