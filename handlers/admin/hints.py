"""A report asked for in plain words is shown, or its exact command named (final walk-through of
issue 15; fourth round of 2026-12-05).

「今月の進捗まとめて」「会議の出欠どうなってる」 typed by an admin as a plain message were searched in
the FAQ, offered unrelated candidates and logged as questions. Now, when the words name one
read-only report (a summary, the attendance, a status list), it is run for whoever may run it, under
one line naming its command so they learn it (an export too: 「出欠をエクセルでちょうだい」 gives the
file, eleventh round); a command that changes something (publish) is only named (「「/dx FAQ 下書き」で…」). Nothing is searched or logged. Someone
who may not run it is not told about it: the message goes on to the FAQ desk.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.core.commands import japanese_path
from bot.core.context import Context
from bot.core.events import MessageReceived
from bot.core.model import Role
from bot.core.router import Router
from bot.core.text import fold

router = Router("admin.hints")

_SHOW = (r"(書き出|かきだ|エクスポート|ダウンロード|まとめ|要約|進み具合|すすみぐあい|集まって|あつまって|ようやく|集計|サマリ|状況|じょうきょう|ど[うーお]?なって|どうなっとる|どうなん|どんな感じ|どう[?？]?$|一覧|いちらん|"
         r"見せ|みせ|見たい|みたい|教え|おしえ|知りたい|しりたい|確認|かくにん|出して|だして|ちょうだい|ください|よろ|どこ|だれ|誰|(ある|は|って)[?？]*$|"
         r"ほしい|欲しい|くれる|くれない|もらえ|いただけ|頂戴|送って|おくって|作って|つくって|"
         r"公開して|公開しといて|公開しておいて|公開お願い|公開で|こうかいして|こうかいしといて)")
# How-to questions are the FAQ desk's (「進捗の更新のやり方」「出欠の回答方法」).
_HOW_TO = re.compile(r"(やり方|やりかた|方法|どうやって|どうすれば|どうしたら|更新|入力|するには|とは|って何|登録|回答し|答え)")


# A status question: 「状況」「どうなってる」「どんな感じ」「進み具合」.
_STATUS = r"(状況|じょうきょう|ど[うーお]?なって|どうなっとる|どんな感じ|どんなかんじ|進み具合|すすみぐあい|集まって|あつまって)"


@dataclass(frozen=True)
class Hint:
    """A report asked for in words: the pattern, who may run its command, and the hint's key.
    `runs` is the read-only command shown in its place (empty: the command is only named);
    `covers` are hints a message matching this one also matches without meaning them
    (「進捗グラフ」 is the chart, not also the summary)."""

    pattern: re.Pattern[str]
    role: Role
    key: str
    runs: str = ""
    covers: tuple[str, ...] = ()
    after: str = ""
    monthly: bool = False  # `runs` takes a month: the month said (「先月」「10月」) is passed on


HINTS = (
    Hint(re.compile(r"(未提出|出してない|だしてない|まだ出して|提出状況|報告状況|報告して(ない|いない)|未報告|"
                    # 「報告まだの人だれ」「報告がまだの課は？」 (twelfth round).
                    r"(報告|ほうこく|提出)(が|は)?(まだ|未だ)|"
                    # 「報告の状況は？」「進捗報告のじょうきょう教えて」「報告どうなってる」: the campaign's status list.
                    r"(報告|ほうこく).*" + _STATUS + ")"), Role.ADMIN,
         "admin.hint.checkin_status", runs="checkin status", covers=("admin.hint.summary_progress",)),
    Hint(re.compile(r"(グラフ|ぐらふ|チャート)"), Role.ADMIN, "admin.hint.chart", runs="chart progress",
         covers=("admin.hint.summary_progress",)),
    Hint(re.compile(r"(エクセル|excel|csv|xlsx|書き出|エクスポート|ダウンロード).*(進捗|報告|しんちょく)|"
                    r"(進捗|報告|しんちょく).*(エクセル|excel|csv|xlsx|書き出|エクスポート|ダウンロード)"),
         Role.ADMIN, "admin.hint.export_progress", runs="export progress",
         covers=("admin.hint.summary_progress", "admin.hint.chart")),
    Hint(re.compile(r"(エクセル|excel|csv|xlsx|書き出|エクスポート|ダウンロード|ファイル).*(出欠|しゅっけつ|出席)|"
                    r"(出欠|しゅっけつ|出席).*(エクセル|excel|csv|xlsx|書き出|エクスポート|ダウンロード|ファイル)"),
         Role.ADMIN, "admin.hint.export_attendance", runs="export rsvps", covers=("admin.hint.rsvps",)),
    # 「FAQの一覧を書き出して」「FAQの中身をエクセルで」: the FAQ's entries as a file, not the log.
    Hint(re.compile(r"^(?=.*(エクセル|excel|csv|xlsx|書き出|かきだ|エクスポート|ダウンロード))"
                    r"(?=.*(faq|よくある質問)の?(一覧|全件|全部|すべて|登録内容|中身|内容|エントリ|そのもの))"),
         Role.ADMIN, "admin.hint.faq_export", runs="faq export",
         covers=("admin.hint.export_faq", "admin.hint.summary_faq", "admin.hint.unanswered")),
    # Fourteenth round: 「FAQを書き出して」「相談の記録をエクセルで」 — the FAQ question log as a file.
    Hint(re.compile(r"(エクセル|excel|csv|xlsx|書き出|かきだ|エクスポート|ダウンロード).*(faq|相談|質問|問い合わせ)|"
                    r"(faq|相談|質問|問い合わせ).*(エクセル|excel|csv|xlsx|書き出|かきだ|エクスポート|ダウンロード)"),
         Role.ADMIN, "admin.hint.export_faq", runs="export faq", monthly=True,
         covers=("admin.hint.summary_faq", "admin.hint.unanswered", "admin.hint.summary_month")),
    Hint(re.compile(r"(出欠|しゅっけつ|出席状況|参加状況|誰が(来る|出る|出席))"), Role.ADMIN, "admin.hint.rsvps", runs="meeting rsvps"),
    Hint(re.compile(r"(進捗|しんちょく|オンライン化率)"), Role.ADMIN, "admin.hint.summary_progress",
         runs="summary progress", monthly=True),
    # 「診断どうなってる？」「しんだんの状況は」: the campaign's status list; 「診断の結果…」 is the summary below.
    Hint(re.compile(r"^(?!.*(結果|けっか|集計)).*(診断|しんだん|アセスメント).*(" + _STATUS + "|回答率)"), Role.ADMIN,
         "admin.hint.assessment_status", runs="assessment status", covers=("admin.hint.assessment",)),
    Hint(re.compile(r"(診断|しんだん|アセスメント).*(結果|集計|回答状況|回答率|状況|どうなって)"), Role.ADMIN,
         "admin.hint.assessment", runs="summary assessment", covers=("admin.hint.my_assessment",)),
    Hint(re.compile(r"(診断|しんだん|アセスメント).*(結果|けっか)"), Role.STAFF, "admin.hint.my_assessment", runs="assessment me"),
    Hint(re.compile(r"(相談|質問|faq|問い合わせ|といあわせ).*(件数|集計|統計|まとめ|傾向|ランキング|何件|なんけん)"),
         Role.ADMIN, "admin.hint.summary_faq", runs="summary faq", covers=("admin.hint.unanswered",), monthly=True),
    Hint(re.compile(r"(未回答|みかいとう|答えてない|回答待ち|返事してない)"), Role.LIAISON, "admin.hint.unanswered", runs="faq unanswered"),
    Hint(re.compile(r"(公開|こうかい)(して|しといて|しておいて|お願い|おねがい|よろ|頼|たの|で)"), Role.ADMIN,
         "admin.hint.publish"),
    Hint(re.compile(r"(下書き|したがき|faq案)"), Role.LIAISON, "admin.hint.drafts", runs="faq drafts"),
    Hint(re.compile(r"(監査|操作記録|操作ログ|操作履歴)"), Role.ADMIN, "admin.hint.audit", runs="audit"),
    # 「今月のまとめ」「今月の集計」「月次の集計ちょうだい」 with no subject: this month's FAQ summary (the
    # monthly one every office reads), with a line naming the other summaries. Thirteenth round: another
    # month said — 「先月のまとめ」「10月のまとめ」「先月の集計」「2026年10月の集計」 — is that month's.
    Hint(re.compile(r"^(?:今月|こんげつ|先月|せんげつ|前月|月次|げつじ|月間|げっかん|今月分|先月分|全体|(?:\d{4}年)?\d{1,2}月分?)?"
                    r"(?:の|分の)?\s*"
                    r"(?:まとめ|集計|しゅうけい|要約|ようやく|サマリー?|レポート|月報)(?:を|は|って)?\s*"
                    r"(?:見せて|みせて|出して|だして|して|ちょうだい|ください|ほしい|欲しい|おねがい|お願い|よろしく|よろ|教えて|おしえて|"
                    r"くれる|見たい|みたい)?(?:ください|お願いします|おねがいします)?[\s。．.!！?？〜ー～]*$"),
         Role.ADMIN, "admin.hint.summary_month", runs="summary faq", after="admin.hint.summary_others", monthly=True),
)
# The month said with a monthly report, as `handlers/admin/period.parse_month` reads it.
_MONTH_SAID = re.compile(r"(?P<word>今月|こんげつ|先月|せんげつ|前月)|(?:(?P<year>\d{4})年)?(?P<month>\d{1,2})月")
_MONTH_WORDS = {"こんげつ": "今月", "せんげつ": "先月"}


def month_said(folded: str) -> str:
    """「先月」「10月」「2026-10」 for the month a report is asked for in words, or "" (this month)."""
    m = _MONTH_SAID.search(folded)
    if m is None:
        return ""
    if m.group("word"):
        word = _MONTH_WORDS.get(m.group("word"), m.group("word"))
        return "" if word == "今月" else word
    return f"{m.group('year')}-{int(m.group('month')):02d}" if m.group("year") else f"{int(m.group('month'))}月"
MAX_CHARS = 40


def hints_for(folded: str) -> list[Hint]:
    """The hints a message asks for, most specific first (empty for anything else)."""
    if not folded or len(folded) > MAX_CHARS or folded.startswith(("/", "／")) or _HOW_TO.search(folded):
        return []
    if not re.search(_SHOW, folded):
        return []
    return [h for h in HINTS if h.pattern.search(folded)]


def asks_for_report(folded: str) -> bool:
    """「今月の進捗まとめて」「会議の出欠どうなってる」「未提出の課は？」 (folded text)."""
    return bool(hints_for(folded))


def meant(hints: list[Hint]) -> list[Hint]:
    """The hints a message means: those no other matching hint covers (「進捗グラフ」 → the chart)."""
    covered = {key for h in hints for key in h.covers}
    return [h for h in hints if h.key not in covered]


@router.message(when=asks_for_report, priority=55)
async def hint_report_command(ctx: Context, msg: MessageReceived) -> bool:
    """One read-only report meant: shown, under a line naming its command. Otherwise one line per
    command meant (a change, a file, or several reports). Declined (to the FAQ desk) for someone
    who may not run any of them."""
    hints = meant([h for h in hints_for(fold(msg.text)) if ctx.person.has_role(h.role)])
    if not hints:
        return False
    if len(hints) == 1 and hints[0].runs and ctx.run_command is not None:
        command = hints[0].runs
        shown = command if ctx.lang == "en" else japanese_path(tuple(command.split()))
        month = month_said(fold(msg.text)) if hints[0].monthly else ""
        if month:
            command, shown = f"{command} {month}", f"{shown} {month}"
        # 「今月のまとめ」: the office has no one summary of everything, so say which one this is.
        key = "admin.hint.ran_month" if hints[0].key == "admin.hint.summary_month" else "admin.hint.ran"
        await ctx.reply(ctx.t(key, command=shown, period=month or ctx.t("admin.hint.this_month")))
        await ctx.run_command(command)
        if hints[0].after:
            await ctx.reply(ctx.t(hints[0].after))
        return True
    await ctx.reply("\n".join(ctx.t(h.key) for h in hints))
    return True


# --- an admin's request the bot does not understand (eleventh round) ----------------------------------
# 「会議の報告なんとかして」「名簿を更新しといて」「D-3どうにかして」 typed by an admin were searched in the
# FAQ and ended in 「担当者に質問を転送しますか？」 — to the admin, who is the 担当者 — and were counted as
# unanswered questions. A message that names an admin's object (Q-n, D-n, M-n) or an admin's topic with
# a request to the bot is answered in one line: what was understood and the nearest commands of that
# job. A question (「パスワード忘れた」「会議室の予約方法は？」) still goes to the FAQ desk.
_ID = re.compile(r"(?<![a-z0-9])(?P<kind>[qdm])\s*[-－ー‐−]?\s*\d{1,5}(?![0-9])")
# The topic words, each with its job: the first found names the job (ids first).
_TOPICS = (
    (re.compile(r"(会議|かいぎ|ミーティング|出欠|しゅっけつ|出席|欠席|議事録|招集)"), "meetings"),
    (re.compile(r"(診断|しんだん|アセスメント|アンケート)"), "assessment"),
    (re.compile(r"(報告|ほうこく|進捗|しんちょく|チェックイン|未提出)"), "checkins"),
    (re.compile(r"(名簿|めいぼ|利用者|ユーザー|推進員|担当者の?(登録|一覧|変更)|権限)"), "people"),
    (re.compile(r"(下書き|したがき|faq案|未回答|みかいとう)"), "faq"),
    (re.compile(r"(集計|しゅうけい|まとめ|要約|ようやく|サマリ|エクセル|excel|csv|xlsx|書き出|エクスポート|グラフ|ぐらふ|統計)"),
     "admin"),
)
# A request to the bot: an imperative or a wish at the end (「…して」「…しといて」「…ちょうだい」「なんとかして」).
_REQUEST = re.compile(r"(して|しといて|しておいて|しちゃって|やって|やっといて|ちょうだい|ください|下さい|頼む|たのむ|頼みます|"
                      r"お願い|おねがい|よろしく|よろ|ほしい|欲しい|くれ|くれる|くれない|もらえる|送って|作って|つくって|消して|"
                      r"止めて|とめて|変えて|かえて|直して|なおして|どうにか|なんとか)"
                      r"(します|します?か|ね|よ|な|ー|〜|～)?[\s。．.!！〜ー～]*$")
# How-to and trouble words: the FAQ desk's (「エクセルの使い方」「会議室の予約方法」「報告できない」).
_FAQ_WORDS = re.compile(r"(使い方|つかいかた|使いかた|関数|できない|できません|出来ない|わからない|分からない|わかりません|忘れ|"
                        r"つながらない|エラー|予約)")
# 「…のやり方」「…するには」: how-to (「名簿を更新しといて」 is a request, so not `_HOW_TO`'s 更新).
_ASKS_HOW = re.compile(r"(やり方|やりかた|方法|どうやって|どうすれば|どうしたら|するには|とは|って何|ってなに|ってなん)")
# Each job's nearest commands (English paths; shown in the reader's words) and its help word.
NEAREST = {
    "meetings": ("meeting list", "meeting rsvps", "export rsvps"),
    "assessment": ("assessment status", "summary assessment", "export assessment"),
    "checkins": ("checkin status", "summary progress", "export progress"),
    "people": ("users list",),  # its other commands need a name and a role: the help shows them
    "faq": ("faq unanswered", "faq drafts", "summary faq"),
    "admin": ("summary faq", "summary progress", "export rsvps"),
}
_ID_JOBS = {"q": "faq", "d": "faq", "m": "meetings"}


def unclear_request_job(folded: str) -> str:
    """The job an admin's request the bot did not understand is about (「meetings」 for 「会議の報告
    なんとかして」), or "" when the message is not such a request (a question, a how-to, chat)."""
    if not folded or len(folded) > 60 or folded.startswith(("/", "／")):
        return ""
    if _ASKS_HOW.search(folded) or _FAQ_WORDS.search(folded) or re.search(r"[?？]", folded):
        return ""
    if (m := _ID.search(folded)) is not None:
        return _ID_JOBS[m.group("kind")]
    if not _REQUEST.search(folded):
        return ""
    return next((job for pattern, job in _TOPICS if pattern.search(folded)), "")


# No predicate: a dialog asking for free text must not take these words for another job's (see
# `Dispatcher.claimed_elsewhere`); only the FAQ desk's search (priority 0) comes after this.
@router.message(priority=1, claims=True)
async def name_nearest_commands(ctx: Context, msg: MessageReceived) -> bool:
    """「会議の報告なんとかして」 from an admin: 「会議のご依頼と受け取りましたが、どの操作か分かりませんでした。
    近いコマンド: …」 in one line; nothing is searched or logged. Anyone else goes on to the FAQ desk."""
    if not ctx.person.has_role(Role.ADMIN):
        return False
    job = unclear_request_job(fold(msg.text))
    if not job:
        return False
    await ctx.claim()
    shown = [("/dx " + c) if ctx.lang == "en" else "/dx " + japanese_path(tuple(c.split())) for c in NEAREST[job]]
    await ctx.reply(ctx.t("admin.unclear_request", job=ctx.t(f"admin.unclear_request.{job}"),
                          commands="・".join(f"「{c}」" for c in shown), topic=ctx.t(f"admin.unclear_request.{job}.word")))
    return True
