"""`summary assessment` and `export assessment`: the admin command set's names for the assessment's
own `assessment results` / `assessment export`, so that the privacy rules (groups below the
minimum size pooled or hidden; individual rows only in named mode) live in one place."""

from __future__ import annotations

from dataclasses import replace

from bot.core.context import Context
from bot.core.model import Role
from bot.core.ports import Responder
from bot.core.replies import Reply
from bot.core.text import fold
from bot.core.vocabulary import BOM_WORDS
from handlers.assessment import campaigns
from handlers.assessment.registry import router


@router.command("summary assessment", role=Role.ADMIN, help_key="admin.cmd.summary_assessment")
async def summarize_assessment(ctx: Context, args: str) -> None:
    """`summary assessment [#回]`: categories, departments (large enough groups), change, plan."""
    await campaigns.show_results(ctx, args)


BOM = b"\xef\xbb\xbf"


class _WithoutBom:
    """Passes replies on, with the UTF-8 BOM taken off CSV attachments (`BOMなし`)."""

    def __init__(self, inner: Responder) -> None:
        self.inner = inner

    async def send(self, reply: Reply) -> None:
        files = tuple(replace(a, content=a.content.removeprefix(BOM)) if a.filename.endswith(".csv") else a
                      for a in reply.attachments)
        await self.inner.send(reply.with_(attachments=files))


@router.command("export assessment", role=Role.ADMIN, help_key="admin.cmd.export_assessment")
async def export_assessment(ctx: Context, args: str) -> None:
    """`export assessment [csv|xlsx] [#回] [個人] [BOMなし]`: the aggregated tables as files."""
    words = args.split()
    bom_words = [w for w in words if fold(w) in BOM_WORDS]
    rest = " ".join(w for w in words if w not in bom_words)
    if bom_words and not BOM_WORDS[fold(bom_words[-1])]:
        # The assessment exporter always writes the BOM; take it off on the way out.
        ctx = Context(ctx.event, ctx.person, ctx.services, _WithoutBom(ctx.responder))
    await campaigns.export_results(ctx, rest)


