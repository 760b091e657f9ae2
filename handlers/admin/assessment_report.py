"""`chart assessment`: the skill assessment's category means as a chart.

`summary assessment` and `export assessment` belong to the assessment job itself
(`handlers/assessment/results.py`), so that its privacy rules live in one place.
"""

from __future__ import annotations

import re

from bot.core.context import Context, Services
from bot.core.errors import UserFacingError
from bot.core.model import Role
from bot.core.replies import Reply
from bot.core.router import Router
from bot.core.text import fold
from handlers.admin.ports import BarChart
from handlers.admin.reports import chart_attachment
from handlers.assessment import analysis
from handlers.assessment.model import Campaign
from handlers.assessment.ports import ASSESSMENT, AssessmentServices
from handlers.assessment.render import category_name, on_choice_scale

router = Router("admin.assessment")


def kit(services: Services) -> AssessmentServices:
    """The assessment services (a clear message when the assessment is not wired)."""
    found = services.get(ASSESSMENT)
    if found is None:
        raise UserFacingError("assessment.unavailable")
    return found


async def chosen_campaign(ctx: Context, args: str) -> Campaign:
    """`#3` / `3` names a campaign; otherwise the open one, else the latest."""
    store = kit(ctx.services).store
    words = args.split()
    for word in words:
        if not re.fullmatch(r"#?\d+", fold(word)):
            raise UserFacingError("admin.args.unknown", words=word, usage=ctx.t("admin.usage.chart_assessment"))
    if words:
        number = int(fold(words[-1]).lstrip("#"))
        campaign = await store.get_campaign(number)
        if campaign is None:
            raise UserFacingError("assessment.campaign_not_found", id=number)
        return campaign
    campaign = await store.open_campaign() or await store.latest_campaign()
    if campaign is None:
        raise UserFacingError("assessment.no_campaigns")
    return campaign


@router.command("chart assessment", role=Role.ADMIN, help_key="admin.cmd.chart_assessment")
async def chart_assessment(ctx: Context, args: str) -> None:
    """`chart assessment [#回]`: mean score per category, next to the previous run's."""
    services = kit(ctx.services)
    campaign = await chosen_campaign(ctx, args)
    min_size = services.config.min_group_size
    results = analysis.summarize(services.bank, services.trainings, await services.store.responses(campaign.id),
                                 min_size, campaign.question_ids)
    if results.overall is None:
        # Too few answers to show even the whole group without pointing at individuals.
        raise UserFacingError("admin.assessment.too_few", n=results.n, min=min_size)
    before: dict[str, float] = {}
    previous = await services.store.previous_campaign(campaign.id)
    if previous is not None:
        earlier = analysis.summarize(services.bank, services.trainings, await services.store.responses(previous.id),
                                     min_size, previous.question_ids)
        if earlier.overall is not None:
            before = earlier.overall.category_means
    # On the 1–4 scale of the choices, as the summary card and the staff result show it.
    bank = services.bank
    means = {k: on_choice_scale(v, bank) for k, v in results.overall.category_means.items()}
    before = {k: on_choice_scale(v, bank) for k, v in before.items()}
    categories = [c for c in services.bank.categories if c.key in means]
    chart = BarChart(
        title=ctx.t("admin.chart.assessment_title", id=campaign.id, n=results.n),
        labels=tuple(category_name(c, ctx.lang) for c in categories),
        values=tuple(means[c.key] for c in categories),
        axis_label=ctx.t("admin.chart.mean_score", max=len(bank.levels)),
        percent=False,
        maximum=float(len(bank.levels)),
        previous=tuple(before.get(c.key) for c in categories) if before else (),
        legend=(ctx.t("admin.chart.this_run", id=campaign.id),
                ctx.t("admin.chart.previous_run", id=previous.id) if previous else ""),
    )
    attachment = await chart_attachment(ctx, chart, f"assessment_{campaign.id}_categories")
    await ctx.reply(Reply(title=chart.title, text=ctx.t("admin.chart.done"), attachments=(attachment,),
                          ephemeral=True))
