"""Replies and export tables of the assessment (pure functions of their inputs)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from bot.core.japanese_numbers import percent_text
from bot.core.messages import t
from bot.core.model import Person
from bot.core.replies import Choice, Field, Reply
from handlers.assessment.analysis import OTHER, Change, Profile, Results, department_groups
from handlers.assessment.model import (
    Campaign,
    CampaignMode,
    Category,
    Level,
    Participation,
    Question,
    QuestionBank,
    Table,
    Training,
    TrainingCatalogue,
)

_WEEKDAYS = {"ja": "月火水木金土日", "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")}


def day_text(day: date, lang: str) -> str:
    """「12月15日（火）」 / "Tue 15 Dec 2026"."""
    if lang == "en":
        return f"{_WEEKDAYS['en'][day.weekday()]} {day.day} {day.strftime('%b')} {day.year}"
    return f"{day.year}年{day.month}月{day.day}日（{_WEEKDAYS['ja'][day.weekday()]}）"


def category_name(category: Category | None, lang: str) -> str:
    """A category's display name in the reader's language."""
    if category is None:
        return "?"
    return category.name_en if lang == "en" and category.name_en else category.name


def question_text(question: Question, lang: str) -> str:
    """A question's text in the reader's language (the Japanese original if no translation)."""
    return question.text_en if lang == "en" and question.text_en else question.text


def level_label(level: Level | None, lang: str) -> str:
    """A level's display label."""
    if level is None:
        return "-"
    return level.label_en if lang == "en" and level.label_en else level.label


def training_title(training: Training, lang: str) -> str:
    """A training's display title."""
    return training.title_en if lang == "en" and training.title_en else training.title


def group_name(name: str, lang: str) -> str:
    """A department group's display name (the pooled group gets a label)."""
    return t("assessment.group.other", lang) if name in (OTHER, "") else name


def on_choice_scale(value: float, bank: QuestionBank) -> float:
    """A mean score on the scale of the choices people saw (1 = the lowest level … 4 = the best),
    not the internal 0–3 points: the card and the staff result speak one scale."""
    lowest = min((lv.score for lv in bank.levels), default=0)
    return value - lowest + 1


def score_text(value: float, bank: QuestionBank) -> str:
    """「3.3 / 4」 (4 levels, 4 = 「理解し実践している」)."""
    return f"{on_choice_scale(value, bank):.1f} / {len(bank.levels)}"


def mode_text(mode: CampaignMode, lang: str) -> str:
    """記名 / 匿名（仮名）."""
    return t(f"assessment.mode.{mode.value}", lang)


# --- the poll ---------------------------------------------------------------------------------
def render_question(bank: QuestionBank, campaign: Campaign, question: Question, index: int, total: int,
                    current: str, lang: str, ephemeral: bool = False) -> Reply:
    """One question with a button per level, 「戻る」 and 「中断」; replaces the previous card."""
    text = f"【{category_name(bank.category(question.category), lang)}】\n{question_text(question, lang)}"
    if current:
        text += "\n" + t("assessment.poll.current", lang, level=level_label(bank.level(current), lang))
    if index == 0:
        text += "\n\n" + t("assessment.poll.hint", lang, max=len(bank.levels))
    choices = [Choice(f"{n}. {level_label(level, lang)}", "assessment.answer",
                      f"{campaign.id}:{question.id}:{level.key}", "primary" if level.key == current else "default")
               for n, level in enumerate(bank.levels, 1)]
    if index > 0:
        choices.append(Choice(t("assessment.poll.back", lang), "assessment.back", f"{campaign.id}:{question.id}"))
    choices.append(Choice(t("assessment.poll.pause", lang), "assessment.pause", str(campaign.id)))
    return Reply(title=t("assessment.poll.title", lang, n=index + 1, total=total), text=text,
                 choices=tuple(choices), replace_original=True, ephemeral=ephemeral)


def render_invitation(campaign: Campaign, total: int, lang: str, reminder: int = 0,
                      answered: int = 0) -> Reply:
    """The invitation (or a reminder) with 「回答を始める」 and 「あとで」."""
    key = "assessment.reminder.text" if reminder else "assessment.invite.text"
    text = t(key, lang, total=total, deadline=day_text(campaign.deadline, lang), answered=answered)
    text += "\n" + t(f"assessment.privacy.{campaign.mode.value}", lang)
    title = t("assessment.reminder.title" if reminder else "assessment.invite.title", lang)
    start = "assessment.invite.resume" if answered else "assessment.invite.start"
    return Reply(title=title, text=text, choices=(
        Choice(t(start, lang), "assessment.resume", str(campaign.id), "primary"),
        Choice(t("assessment.invite.later", lang), "assessment.later", str(campaign.id)),
    ))


def render_paused(answered: int, total: int, lang: str, ephemeral: bool = False) -> Reply:
    """Confirmation of a pause, and how to resume."""
    return Reply(text=t("assessment.poll.paused", lang, answered=answered, total=total),
                 replace_original=True, ephemeral=ephemeral)


# 「…の概念を理解していますか」 names a skill as a question; the profile names it as a noun.
_SKILL_ENDINGS = re.compile(
    r"(?:を理解しデータを活用していますか|を理解し、?実践していますか|を理解していますか|を活用していますか|"
    r"ができますか|していますか)[？?]?$")
_EN_SKILL = re.compile(r"^(?:do you|can you|are you able to)\s+(?:understand|know|use)\s+(?:how to use\s+)?", re.IGNORECASE)


def skill_name(question: Question, lang: str) -> str:
    """「Excel関数のCOUNTIFの使い方を理解していますか」 -> 「Excel関数のCOUNTIFの使い方」;
    「KPI（…）の概念を理解していますか」 -> 「KPI（…）」."""
    if lang == "en" and question.text_en:
        name = _EN_SKILL.sub("", question.text_en).rstrip("?？ ")
        return re.sub(r",? and (?:use (?:them|it) with data|follow them|practise them|practice them)$", "", name)
    name = _SKILL_ENDINGS.sub("", question.text.strip())
    name = re.sub(r"の概念$", "", name)
    return name or question.text


def level_stars(value: float, bank: QuestionBank) -> str:
    """A mean score as stars on the scale of the choices: 4 levels -> 「★★★☆」 (★★★★ = the best level)."""
    count = len(bank.levels)
    filled = min(count, max(1, round(value) + 1)) if bank.max_score else 1
    return "★" * filled + "☆" * (count - filled)


def nearest_level(value: float, bank: QuestionBank) -> Level:
    """The level whose score is closest to a mean (the better one on a tie)."""
    return min(bank.levels, key=lambda lv: (abs(lv.score - value), -lv.score))


def _short(title: str, limit: int = 28) -> str:
    # Buttons are narrow on Slack and Teams: a long FAQ title is cut with 「…」.
    return title if len(title) <= limit else title[: limit - 1] + "…"


def render_profile(bank: QuestionBank, catalogue: TrainingCatalogue, result: Profile, mode: CampaignMode,
                   lang: str, ephemeral: bool = False, finished_now: bool = True,
                   faq_titles: dict[str, str] | None = None) -> Reply:
    """The person's own profile, read at a glance: stars per field on the scale of the choices, the
    strongest and weakest field named, skills to work on (each with a one-tap button to the FAQ entry
    that explains it, named by its question), at most three trainings, the footnote last.
    `faq_titles` maps FAQ ids to their questions; an id without a title is not offered."""
    titles = faq_titles or {}
    lines = [t("assessment.profile.done" if finished_now else "assessment.profile.intro", lang), "",
             t("assessment.profile.fields", lang, best=level_label(bank.levels[0], lang))]
    means = [(c, result.category_means[c.key]) for c in bank.categories if c.key in result.category_means]
    for category, mean in means:
        lines.append(t("assessment.profile.field_line", lang, field=category_name(category, lang),
                       stars=level_stars(mean, bank), level=level_label(nearest_level(mean, bank), lang)))
    lines.append(t("assessment.profile.field_line", lang, field=t("assessment.profile.overall", lang),
                   stars=level_stars(result.overall_mean, bank),
                   level=level_label(nearest_level(result.overall_mean, bank), lang)))
    # Compared at the precision shown (the stars): fields that look equal are never called the
    # strongest and the weakest; fields tied at the top (or bottom) are named together.
    shown = [(c, len(level_stars(m, bank).rstrip("☆"))) for c, m in means]
    if len(shown) > 1 and max(s for _, s in shown) > min(s for _, s in shown):
        top, bottom = max(s for _, s in shown), min(s for _, s in shown)
        joiner = "」「" if lang == "ja" else ", "
        lines.append(t("assessment.profile.strong_weak", lang,
                       strong=joiner.join(category_name(c, lang) for c, s in shown if s == top),
                       weak=joiner.join(category_name(c, lang) for c, s in shown if s == bottom)))
    links: list[Choice] = []

    def link(entry_id: str) -> str:
        """The FAQ question shown for an id, with a button once (only ids the FAQ knows)."""
        title = titles.get(entry_id, "")
        if title and entry_id not in {c.value for c in links} and len(links) < 5:
            links.append(Choice(t("assessment.profile.faq_button", lang, title=_short(title)), "faq.open", entry_id))
        return title

    if result.gaps:
        lines += ["", t("assessment.profile.gaps", lang)]
        for qid in result.gaps[:6]:
            question = bank.question(qid)
            if question is None:
                continue
            line = f"・{skill_name(question, lang)}"
            explained = [title for f in question.faq[:1] if (title := link(f))]
            if explained:
                line += t("assessment.profile.faq_hint", lang, title=explained[0])
            lines.append(line)
        if len(result.gaps) > 6:
            lines.append(t("assessment.profile.more", lang, count=len(result.gaps) - 6))
    if result.trainings:
        lines += ["", t("assessment.profile.trainings", lang)]
        for n, training in enumerate(result.trainings, 1):
            suffix = f" — {training.description}" if training.description and lang == "ja" else ""
            gap_questions = [bank.question(qid) for qid in training.questions if qid in result.gaps]
            faq = dict.fromkeys(f for q in gap_questions if q is not None for f in q.faq)
            read_first = [title for f in faq if (title := link(f))][:2]
            if read_first:
                suffix += t("assessment.profile.training_faq", lang, titles="、".join(f"「{x}」" for x in read_first))
            lines.append(f"{n}. {training_title(training, lang)}{suffix}")
    if not result.gaps and not result.trainings:
        lines += ["", t("assessment.profile.no_gaps", lang)]
    if links:
        lines += ["", t("assessment.profile.faq_buttons", lang)]
    if mode is CampaignMode.PSEUDONYMOUS and finished_now:
        lines += ["", t("assessment.profile.not_kept", lang)]
    return Reply(title=t("assessment.profile.title", lang), text="\n".join(lines),
                 choices=tuple(links), replace_original=finished_now, ephemeral=ephemeral)


# --- admin views ---------------------------------------------------------------------------
def participation_by_department(rows: Sequence[Participation]) -> list[tuple[str, int, int, int]]:
    """(department, invited, finished, answering) per department, sorted by name."""
    table: dict[str, list[int]] = {}
    for p in rows:
        entry = table.setdefault(p.department, [0, 0, 0])
        entry[0] += 1
        if p.finished:
            entry[1] += 1
        elif p.answered_count:
            entry[2] += 1
    return [(d, *table[d]) for d in sorted(table)]  # type: ignore[misc]


def merged_participation(rows: Sequence[Participation], min_size: int) -> tuple[list[tuple[str, int, int, int]], int]:
    """`participation_by_department`, with every department of fewer than `min_size` targets merged
    into one line (OTHER) — grown with the smallest others until it too reaches the minimum, so no
    small department's completion (「福祉課 1/1名」) can be read or subtracted out. Also how many
    departments were merged; when even the merged line would be too small, no line is shown."""
    lines = participation_by_department(rows)
    mapping = department_groups({d: n for d, n, _, _ in lines}, min_size)
    shown = [line for line in lines if mapping.get(line[0]) == line[0]]
    merged = [line for line in lines if mapping.get(line[0]) != line[0]]
    if merged and all(mapping.get(d) == OTHER for d, *_ in merged):
        shown.append((OTHER, sum(line[1] for line in merged), sum(line[2] for line in merged),
                      sum(line[3] for line in merged)))
    return shown, len(merged)


def render_status(campaign: Campaign, rows: Sequence[Participation], lang: str, min_size: int = 1) -> Reply:
    """Participation of the open campaign, by department. The targets are the participants with a
    department; someone without one who answered on their own is shown apart and not counted.
    Departments with fewer than `min_size` targets are shown merged (see `merged_participation`)."""
    unplaced = [p for p in rows if not p.department.strip()]
    rows = [p for p in rows if p.department.strip()]
    invited = len(rows)
    finished = sum(1 for p in rows if p.finished)
    lines = [t("assessment.status.summary", lang, invited=invited, finished=finished,
               rate=percent_text(finished / invited, fraction=True) if invited else "0%",
               deadline=day_text(campaign.deadline, lang), mode=mode_text(campaign.mode, lang))]
    lines.append("")
    lines.append(t("assessment.status.by_department", lang))
    departments, merged = merged_participation(rows, min_size)
    for dept, n, done, answering in departments:
        name = t("assessment.status.merged", lang, min=min_size) if dept == OTHER else dept
        lines.append(t("assessment.status.department_line", lang,
                       department=name or t("assessment.no_department", lang), invited=n, finished=done,
                       answering=answering, rate=percent_text(done / n, fraction=True) if n else "0%"))
    if merged:
        lines.append(t("assessment.status.merged_note", lang, count=merged, min=min_size))
    if unplaced:
        lines.append(t("assessment.status.unplaced", lang, count=len(unplaced),
                       finished=sum(1 for p in unplaced if p.finished)))
    return Reply(title=t("assessment.status.title", lang, id=campaign.id), text="\n".join(lines))


def render_results(bank: QuestionBank, catalogue: TrainingCatalogue, campaign: Campaign, results: Results,
                   invited: int, changes: Sequence[Change], previous_id: int | None, lang: str) -> Reply:
    """The admin summary card: categories, departments, weakest questions, training plan, change."""
    title = t("assessment.results.title", lang, id=campaign.id, n=results.n, invited=invited)
    if not results.visible or results.overall is None:
        return Reply(title=title, text=t("assessment.results.too_few", lang, min=results.min_group_size))
    overall = results.overall
    fields = [Field(category_name(c, lang),
                    t("assessment.results.category_value", lang,
                      mean=score_text(overall.category_means[c.key], bank),
                      rate=percent_text(_category_rate(results, bank, c.key), fraction=True)))
              for c in bank.categories if c.key in overall.category_means]
    lines = [t("assessment.results.overall", lang, mean=score_text(overall.overall_mean, bank),
               rate=percent_text(overall.understood_rate, fraction=True))]
    if results.groups:
        lines += ["", t("assessment.results.departments", lang)]
        short = [category_name(c, lang) for c in bank.categories]
        for group in results.groups:
            values = " / ".join(f"{name} {on_choice_scale(group.category_means[c.key], bank):.1f}"
                                for name, c in zip(short, bank.categories) if c.key in group.category_means)
            lines.append(f"・{group_name(group.name, lang)}（{group.n}）: {values}")
    if results.hidden_departments:
        lines.append(t("assessment.results.hidden", lang, count=results.hidden_departments,
                       min=results.min_group_size))
    if results.weakest:
        lines += ["", t("assessment.results.weakest", lang)]
        for stat in results.weakest:
            question = bank.question(stat.question_id)
            if question is not None:
                lines.append(f"・{percent_text(stat.understood_rate, fraction=True)} {question_text(question, lang)}")
    if results.plan_totals:
        lines += ["", t("assessment.results.plan", lang)]
        by_id = {tr.id: tr for tr in catalogue.trainings}
        for tid, total in results.plan_totals.items():
            parts = [f"{group_name(p.group, lang)} {p.count}" for p in results.plan if p.training_id == tid]
            detail = f"（{'、'.join(parts)}）" if parts else ""
            lines.append(t("assessment.results.plan_line", lang, title=training_title(by_id[tid], lang),
                           count=total, detail=detail))
    if changes and previous_id is not None:
        lines += ["", t("assessment.results.change", lang, previous=previous_id)]
        for change in changes:
            lines.append(_change_line(change, bank, lang))
    lines += ["", t("assessment.results.export_hint", lang)]
    return Reply(title=title, text="\n".join(lines), fields=tuple(fields))


def _category_rate(results: Results, bank: QuestionBank, category: str) -> float:
    stats = [s for s in results.questions if (q := bank.question(s.question_id)) and q.category == category]
    total = sum(s.n for s in stats)
    return sum(s.understood_rate * s.n for s in stats) / total if total else 0.0


def _change_line(change: Change, bank: QuestionBank, lang: str) -> str:
    if change.kind == "understood":
        return t("assessment.results.change_rate", lang, before=percent_text(change.before, fraction=True),
                 after=percent_text(change.after, fraction=True),
                 delta=f"{round(change.delta * 100):+d}")
    label = category_name(bank.category(change.key), lang) if change.kind == "category" else change.key
    return f"・{label}: {change.before:.1f} → {change.after:.1f}（{change.delta:+.1f}）"


# --- export tables -------------------------------------------------------------------------
def result_tables(bank: QuestionBank, catalogue: TrainingCatalogue, results: Results,
                  changes: Sequence[Change], lang: str) -> list[Table]:
    """The aggregated results as tables (the small-group rule already applied)."""
    h = lambda key: t(f"assessment.export.{key}", lang)
    overall = results.overall
    tables: list[Table] = []
    if overall is None:
        return tables
    cat_rows = tuple((category_name(c, lang), overall.n, round(overall.category_means[c.key], 2),
                      round(_category_rate(results, bank, c.key) * 100, 1))
                     for c in bank.categories if c.key in overall.category_means)
    tables.append(Table(h("sheet.categories"), (h("category"), h("responses"), h("mean"), h("rate")), cat_rows))
    dept_rows = tuple((group_name(g.name, lang), category_name(c, lang), g.n, round(g.category_means[c.key], 2))
                      for g in results.groups for c in bank.categories if c.key in g.category_means)
    tables.append(Table(h("sheet.departments"), (h("department"), h("category"), h("responses"), h("mean")),
                        dept_rows))
    level_headers = tuple(level_label(lv, lang) for lv in bank.levels)
    q_rows = []
    for stat in results.questions:
        question = bank.question(stat.question_id)
        if question is None:
            continue
        q_rows.append((question.id, category_name(bank.category(question.category), lang),
                       question_text(question, lang), stat.n, round(stat.mean, 2),
                       round(stat.understood_rate * 100, 1),
                       *(stat.distribution.get(lv.key, 0) for lv in bank.levels)))
    tables.append(Table(h("sheet.questions"), (h("question_id"), h("category"), h("question"), h("responses"),
                                               h("mean"), h("rate"), *level_headers), tuple(q_rows)))
    by_id = {tr.id: tr for tr in catalogue.trainings}
    plan_rows = tuple((p.training_id, training_title(by_id[p.training_id], lang), group_name(p.group, lang), p.count)
                      for p in results.plan)
    plan_rows += tuple((tid, training_title(by_id[tid], lang), h("all"), n) for tid, n in results.plan_totals.items())
    tables.append(Table(h("sheet.plan"), (h("training_id"), h("training"), h("department"), h("people")), plan_rows))
    if changes:
        change_rows = tuple((h(f"kind.{c.kind}"),
                             category_name(bank.category(c.key), lang) if c.kind == "category" else c.key,
                             round(c.before * (100 if c.kind == "understood" else 1), 2),
                             round(c.after * (100 if c.kind == "understood" else 1), 2),
                             round(c.delta * (100 if c.kind == "understood" else 1), 2)) for c in changes)
        tables.append(Table(h("sheet.change"), (h("kind"), h("item"), h("before"), h("after"), h("delta")),
                            change_rows))
    return tables


def individual_table(bank: QuestionBank, question_ids: Sequence[str],
                     rows: Sequence[tuple[Person | None, Participation]], lang: str) -> Table:
    """Named campaigns only: one row per finished person with each answer's label."""
    questions = [q for q in bank.questions if q.id in question_ids]
    headers = (t("assessment.export.name", lang), t("assessment.export.department", lang),
               *(q.id for q in questions))
    out = []
    for person, part in rows:
        name = (person.display_name if person else "") or f"#{part.person_id}"
        out.append((name, part.department,
                    *(level_label(bank.level(part.answers.get(q.id, "")), lang) for q in questions)))
    return Table(t("assessment.export.sheet.individual", lang), headers, tuple(out))
