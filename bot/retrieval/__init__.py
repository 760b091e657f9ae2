"""Japanese FAQ retrieval for DX Desk (no cloud service, no network at run time).

Public API::

    from bot.retrieval import Document, Hit, FaqRetriever, normalize_text, Decision, decide

See docs/retrieval.md for the design and measured figures.
"""

from .decision import Decision, decide
from .index import FaqRetriever
from .normalize import normalize_text
from .types import Document, Hit

__all__ = ["Decision", "Document", "FaqRetriever", "Hit", "decide", "normalize_text"]
