"""Recognise typed meeting answers: 「出席します」「欠席します」「代理で山田が出ます」「議題: …」.

Patterns take folded text (NFKC, lower case). They match a whole message only, so a question
such as 「出席簿の作り方」 still reaches the FAQ desk.
"""

from __future__ import annotations

import re
import unicodedata

from bot.core.errors import UserFacingError
from bot.core.rsvp_words import bare_mode, online_trouble, read_answer, read_mode_answer
from bot.core.text import fold
from handlers.meetings.model import (
    ItemKind,
    RsvpAnswer,
    clean_place,
    find_time,
    monthly_rule,
    normalise,
)

_END = r"(?P<rest>[。、,.!！\s].*)?$"
_ABSENT = re.compile(
    r"^(?:(欠席|不参加|お休み)(します|いたします|致します|です|させてください|させていただきます|でお願いします|で|する)?"
    r"|(出席|参加)(できません|出来ません|しません|できない)|出られません|行けません"
    r"|(i )?(can't|cannot|won't) (attend|come|make it)|absent|not attending|decline)" + _END, re.DOTALL | re.IGNORECASE)
_ATTEND = re.compile(
    r"^(?:(出席|参加)(します|いたします|致します|です|予定です|でお願いします|で|する)?|出ます|出れます|出られます|行きます"
    r"|(i )?(will|'ll) (attend|come)|attend(ing)?|accept)" + _END, re.DOTALL | re.IGNORECASE)
_PROXY = re.compile(
    r"^(?:代理(出席)?|proxy)\s*(?:で|は|:|：|-|\s)\s*(?P<name>(?:(?!に変更|へ変更)[^\s、。,:：])+?)\s*(さん|氏|様)?\s*(が|に)?\s*"
    r"(出ます|出席します|参加します|出席|参加|行きます|お願いします|です|will attend|attends)?[。.!！\s]*$", re.DOTALL | re.IGNORECASE)
_ITEM = re.compile(r"^(議題|議題案|提案|気づき|小さな気づき|きづき|agenda|idea|note)\s*[:：]\s*(?P<text>\S.*)$", re.DOTALL)

_ITEM_KINDS = {"議題": ItemKind.AGENDA, "議題案": ItemKind.AGENDA, "提案": ItemKind.AGENDA, "agenda": ItemKind.AGENDA}


# Free-text RSVPs as people write them near a meeting: an apology or a greeting first, then the
# meeting (「来週の会議、」「その日は」), then the answer at the end, maybe with a reason before it.
_PREAMBLE = re.compile(r"^(?:すみません|すいません|申し訳(?:ありません|ございません)|恐れ入りますが|お疲れ(?:様|さま)です|"
                       r"おつかれさまです|失礼します)[、,。!！\s]*")
_MEETING_REF = re.compile(
    r"^(?:(?:来週|今週|次回|次|今度|明日|あした|今月|来月|\d{1,2}/\d{1,2}|\d{1,2}月\d{1,2}日"
    r"|(?:来週|今週|次|今度)?の?[月火水木金土日](?:曜日?|よう(?:び)?))の?)?"
    r"(?:(?:推進員|兼務職員|dx)?(?:会議|定例会?|ミーティング|打ち合わせ|打合せ|連絡会)|その日|当日)"
    r"(?:は|には|に|の件|ですが|ですけど)?[、,。\s]*")
# The answer at the end, polite or casual: 「出ます」「出れます」「行きます」「参加で」; 「無理です」
# 「休みます」「行けないかも」. A note may come first, joined by 「けど」「が」「、」:
# 「ちょっと遅れるかもだけど出ます」 (attend, note 「ちょっと遅れるかも」).
_NOTE = r"(?:(?P<note>.+?)(?:だけど|だけれど|ですけど|けど|けれど|けれども|(?<=です)が|(?<=ます)が|、|,)\s*)?"
_POLITE_END = (r"(?:します|いたします|致します|です|予定です|でお願いします|でおねがいします|させていただきます"
               r"|させてください|となります|で|する|しまーす|するよ|しますね)?")
_TAIL = r"(?:ごめんなさい|すみません|よろしくお願いします|お願いします)?[。!！\s]*$"
_LOOSE_ABSENT = re.compile(
    r"^(?P<reason>.*?)(?:のため|なので|があるので|で|、)?\s*(?P<verb>欠席|不参加|お休み|休み|参加できません|出席できません|"
    r"参加できない|出席できない|行けません|いけません|行けない|いけない|出られません|出れません|出られない|出れない|"
    r"伺えません|休みます|やすみます|無理|むり|ムリ|難しい|難しいです|厳しい|厳しいです)"
    r"(?P<maybe>かも(?:です|しれません)?|そう(?:です)?|と思います)?" + _POLITE_END + _TAIL)
_LOOSE_ATTEND = re.compile(
    r"^" + _NOTE + r"(?:(?:出席|参加)" + _POLITE_END + r"|行きます|いきます|行けます|いけます|出ます|でます|出れます"
    r"|出られます|伺います|うかがいます|行く|出る)" + _TAIL)


def parse_loose_rsvp(folded: str) -> tuple[RsvpAnswer, str, str] | None:
    """「来週の会議、参加でお願いします」「すみません、その日は出張で行けません」: only when the
    message names the meeting (or 「その日」), so 「行けません」 alone in a question does not count.
    The comment keeps a note (「ちょっと遅れるかも」) or a reason (「出張」); a tentative absence
    (「行けないかも」) keeps its words, so the organiser sees it is not certain."""
    text = _PREAMBLE.sub("", folded.strip())
    m = _MEETING_REF.match(text)
    if not m or not m.group(0).strip(" 、,。"):
        return None
    rest = text[m.end():].strip()
    attend = _LOOSE_ATTEND.match(rest)
    if attend:
        return RsvpAnswer.ATTEND, "", (attend.group("note") or "").strip(" 。、,.!！")
    a = _LOOSE_ABSENT.match(rest)
    if a:
        reason = (a.group("reason") or "").strip(" 。、,.!！")
        if a.group("maybe") or _MAYBE.search(reason):
            tentative = rest.rstrip(" 。!！")
            return RsvpAnswer.ABSENT, "", tentative
        return RsvpAnswer.ABSENT, "", reason
    return None


# The general reading (issue 15, F2): a change of mind 「やっぱり」 first, a proxy 「代わりに鈴木が出ます」
# anywhere in the sentence, 「出れそうです」「休みます」 alone, a reason before it kept as the comment.
_CHANGE = re.compile(r"^(?:やっぱり|やっぱ|やはり|結局|けっきょく)[、,。\s]*")
_PROXY_ANY = re.compile(
    r"(?:代わりに|かわりに|代理で|代理として|代理は)[、,\s]*(?:(?P<title>[^\s、。,.:：がは]{1,10}?)の)?"
    r"(?P<name>[^\s、。,.:：がはにの]{1,20}?)\s*(?:さん|氏|様)?\s*"
    r"(?:が|に)\s*(?:出ます|でます|出席します|出席いたします|参加します|参加いたします|出席予定です|出席|参加|行きます"
    r"|伺います|出る|出席する|参加する|お願いします"
    r"|いきます|来ます|きます|行く|いく|うかがいます)")
_WHOLE_ATTEND = re.compile(
    r"^(?:(?:出れ|出られ|でれ|でられ|行け|いけ|参加でき|出席でき|伺え|うかがえ)そう(?:です|だ|です!|かな)?"
    r"|(?:出席|参加)(?:します|いたします|致します|できます|できそうです)|出れます|でれます|出られます|でられます|出ます|でます"
    r"|行けます|いけます|行きます|いきます|伺います|うかがいます|参ります|まいります)"
    + _TAIL)
_WHOLE_ABSENT = re.compile(
    r"^(?:(?P<reason>.+?)(?:のため|なので|があるので|で|、|,)\s*)?"
    r"(?:休みます|やすみます|お休みします|お休みいたします|欠席します|欠席いたします|欠席させてください|欠席させていただきます"
    r"|(?:出れ|出られ|行け|参加でき|出席でき)なさそう(?:です)?)" + _TAIL)


# 「出れないかもです」「たぶん行けないです」 alone: a tentative absence, its words kept as the comment.
_MAYBE = re.compile(r"(?:たぶん|多分|おそらく|恐らく|もしかしたら|ひょっとしたら)")
_WHOLE_MAYBE_ABSENT = re.compile(
    r"^(?:(?:たぶん|多分|おそらく|恐らく|もしかしたら|ひょっとしたら)[、,\s]*)?(?:(?:.+?)(?:のため|なので|があるので|で)[、,\s]*)?"
    r"(?:出れ|出られ|でれ|行け|いけ|参加でき|出席でき|伺え)(?:ない|ません)"
    r"(?:かも(?:です|しれません|しれないです|しれない)?|(?:と|か)思います|です)?" + _TAIL)


def _without_meeting(text: str) -> str:
    m = _MEETING_REF.match(text)
    return text[m.end():].strip() if m else text


def parse_general_rsvp(folded: str) -> tuple[RsvpAnswer, str, str] | None:
    """「その日は出張なのでむりです、代わりに鈴木が出ます」 (proxy 鈴木, comment 出張), 「代わりに佐々木が
    出席します」, 「やっぱり出れそうです」 (attend: the latest answer wins over an earlier 欠席),
    「すみません、その日は休みます」. A question (「？」「か」 at the end) is never an RSVP."""
    text = folded.strip()
    if re.search(r"[?？]|(?:か|かな|でしょうか)[。\s]*$", text) and not text.endswith("そうかな"):
        return None
    text = _CHANGE.sub("", _PREAMBLE.sub("", text))
    text = _CHANGE.sub("", text)
    proxy = _PROXY_ANY.search(text)
    if proxy:
        after = text[proxy.end():]
        if not re.fullmatch(r"(?:予定です|します|です|ので|ね|よ)?" + _TAIL, after):
            return None
        before = _without_meeting(text[:proxy.start()].strip(" 、,。"))
        reason = before
        absent = _LOOSE_ABSENT.match(before) if before else None
        if absent:
            reason = (absent.group("reason") or "").strip(" 。、,.!！")
        notes = [n for n in (proxy.group("title") or "", _without_meeting(reason)) if n]
        return RsvpAnswer.PROXY, proxy.group("name"), "、".join(notes)
    rest = _without_meeting(text)
    if _WHOLE_ATTEND.match(rest):
        return RsvpAnswer.ATTEND, "", ""
    if _WHOLE_MAYBE_ABSENT.match(rest) and (_MAYBE.search(rest) or "かも" in rest or "思います" in rest):
        return RsvpAnswer.ABSENT, "", rest.rstrip(" 。!！")
    absent = _WHOLE_ABSENT.match(rest)
    if absent:
        return RsvpAnswer.ABSENT, "", (absent.group("reason") or "").strip(" 。、,.!！")
    return None


# The casual reading (walk-through 2026-12-05): what a liaison types back in chat, not a form answer.
# 「はい、でます！」「じゃあ伺います」 (a leading reply word), 「やっぱり出れそうです、遅れていきます」 (a
# lateness clause is the note 遅刻), 「当日は係長の山本がかわりに行きます」 (the name before
# かわりに), 「出席に変更で」「欠席に変更でお願いします」 (a switch of the earlier answer).
# Twelfth round: a filler no name begins with (「やっぱ」「じゃあ」「えっと」) goes even before a name
# without a comma (「あ、やっぱ課長がかわりに行きます」 is 課長, not やっぱ課長).
_LEAD = re.compile(r"^(?:(?:はい|ええ|うん|じゃあ|じゃ|では|それでは|それなら|なら|あと|それと|それから|ちなみに|そういえば"
                   r"|えっと|えーと|あ|あっ|やっぱり|やっぱ|やはり|結局|けっきょく)"
                   r"(?:[、,。!！\s]+|(?=[出で行い伺う参ま欠少すち遅お途代か当そ会定ミ]))"
                   r"|(?:やっぱり|やっぱ|やはり|結局|けっきょく|じゃあ|えっと|えーと|ええと)(?=[^ぁ-ゖ]))+")
_ATTEND_VERB = (r"(?:出ます|でます|出れます|でれます|出られます|でられます|出席します|出席いたします|参加します|参加いたします"
                r"|行きます|いきます|伺います|うかがいます|参ります|まいります|出る|行く)")
_SWITCH = re.compile(
    r"^(?P<answer>出席|参加|欠席|不参加|お休み|代理出席|代理)(?:\s*(?:で|は|[:：])?\s*(?P<name>[^\s、。,]{1,20}?)(?:さん|氏|様)?)?"
    r"(?:に|へ)(?:変更|変え|切り替え|切替)(?:で|して|て|します|しました|する)?"
    r"(?:ください|下さい|お願いします|おねがいします|お願い|おねがい|をお願いします)?[。!！\s]*"
    r"(?:[、,。]\s*(?P<rest>.+?))?[。!！\s]*$")
_PROXY_NAME_FIRST = re.compile(
    r"^(?:(?P<title>[^\s、。,]{1,10}?)の)?(?P<name>[^\s、。,:：がはにの]{1,20}?)\s*(?:さん|氏|様)?\s*(?:が|に)\s*"
    r"(?:かわりに|代わりに|代理で|代理として)[、,\s]*(?:" + _ATTEND_VERB[3:-1] + r"|出席|参加)"
    r"(?:予定です|します|です|ので|ね|よ)?" + _TAIL)
# 「15分くらい遅れて参加します」: the amount is kept in the note (「遅刻（15分くらい）」) for the organiser.
_AMOUNT = r"(?:少し|すこし|ちょっと|ちょい|若干)?(?P<amount>\d+分(?:ほど|くらい|ぐらい|程度|位)?)?(?:ほど|くらい|ぐらい)?"
_LATE = re.compile(r"^" + _AMOUNT + r"(?:遅れて|おくれて|遅刻して|ちこくして|遅刻で|ちこくで|遅れての)")
_LATE_ALONE = re.compile(
    r"^" + _AMOUNT + r"(?:遅れます|おくれます|遅刻します|ちこくします|遅刻です|遅刻になります|遅刻しそうです|遅刻しそう"
    r"|遅れそうです|遅れそう|遅れると思います|遅れる|遅刻する|遅刻で|遅刻でお願いします)" + _TAIL)
_EARLY_ALONE = re.compile(r"^(?:早退します|途中で抜けます|早めに抜けます|途中退席します|途中で退席します)" + _TAIL)


def _late_note(m: re.Match[str]) -> str:
    """「遅刻」, or 「遅刻（15分くらい）」 when the lateness was said in minutes."""
    amount = m.group("amount")
    return f"遅刻（{amount}）" if amount else "遅刻"


def _attend_clause(clause: str) -> str | None:
    """The note of one attending clause (「遅刻」 for 「遅れていきます」, "" for 「出ます」), else None."""
    alone = _LATE_ALONE.match(clause)
    if alone:
        return _late_note(alone)
    if _EARLY_ALONE.match(clause):
        return "早退"
    late = _LATE.match(clause)
    rest = clause[late.end():] if late else clause
    if rest.startswith("途中から"):
        rest, note = rest[len("途中から"):], "途中参加"
    else:
        note = _late_note(late) if late else ""
    if _WHOLE_ATTEND.match(rest) or _ATTEND.match(rest) or re.fullmatch(_ATTEND_VERB + _TAIL, rest):
        return note
    return None


def parse_casual_rsvp(folded: str) -> tuple[RsvpAnswer, str, str] | None:
    """A casual reply read as an RSVP (see above); None for anything else, and for a question or a
    connection problem (「zoomで参加できません」: `is_online_trouble`)."""
    text = folded.strip()
    if online_trouble(fold(text)):
        return None
    if re.search(r"[?？]|(?:か|かな|でしょうか|っけ)[。\s]*$", text):
        return None
    text = _LEAD.sub("", _PREAMBLE.sub("", text)).strip()
    before = text
    text = _LEAD.sub("", _without_meeting(text)).strip()
    named_meeting = text != before
    if not text:
        return None
    switch = _SWITCH.match(text)
    if switch:
        word, rest = switch.group("answer"), (switch.group("rest") or "").strip(" 。、,.!！")
        if word.startswith("代理"):
            return (RsvpAnswer.PROXY, switch.group("name"), rest) if switch.group("name") else None
        answer = RsvpAnswer.ATTEND if word in ("出席", "参加") else RsvpAnswer.ABSENT
        return answer, "", rest
    clauses = [c.strip() for c in re.split(r"[、,。]", text) if c.strip(" !！")]
    proxy = _PROXY_NAME_FIRST.match(clauses[-1]) if clauses else None
    if proxy:
        before = "、".join(clauses[:-1])
        absent = _LOOSE_ABSENT.match(before) if before else None
        reason = (absent.group("reason") or "").strip(" 。、,.!！") if absent else before
        title = proxy.group("title") or ""
        # 「出張なので課長の佐々木が…」: the reason runs into the title of the proxy.
        split = re.match(r"(?P<reason>.+?)(?:のため|なので|ので|があるので)[、,\s]*(?P<title>.*)$", title)
        if split:
            reason, title = "、".join(x for x in (before, split.group("reason")) if x), split.group("title")
        notes = [n for n in (title, _without_meeting(reason)) if n]
        return RsvpAnswer.PROXY, proxy.group("name"), "、".join(notes)
    notes = [_attend_clause(_LEAD.sub("", c)) for c in clauses]
    if clauses and all(n is not None for n in notes) and any(
            not (_LATE_ALONE.match(c) or _EARLY_ALONE.match(c)) or _surely_late(c, named_meeting) for c in clauses):
        return RsvpAnswer.ATTEND, "", "、".join(dict.fromkeys(n for n in notes if n))
    return parse_rsvp(text) or parse_plain_rsvp(clauses) or parse_answer_anywhere(folded)


_LATE_NOTE = re.compile(r"^" + _AMOUNT + r"(?:遅れ|おくれ|遅刻|ちこく)(?:ます|る|ちゃいます)?(?:です|が|けど|ですが)?$")


def late_note_of(comment: str) -> str:
    """An attending answer's note: lateness said in words (「ちょっと遅れますが」「15分くらい遅れます」) is
    「遅刻」 (with its minutes), as the casual reading keeps it; any other note, and a hedged one
    (「遅れるかも」: the organiser sees it is not certain), is left as it is."""
    m = _LATE_NOTE.match(comment.strip(" 。、,.!！…"))
    return _late_note(m) if m else comment


def parse_answer_anywhere(folded: str) -> tuple[RsvpAnswer, str, str] | None:
    """Ninth round (2026-12-06): the answer anywhere in the sentence, the rest its reason or note
    (「定例会は出れそうにないです、窓口がいそがしくて」「やっぱ出張はいったんで欠席にしといて」
    「来週水曜の会議、でます！すこしおくれるかも」 → 出席, 遅刻). See `bot.core.rsvp_words`, which the FAQ
    desk's small talk reads too, so such a line is never logged as a question."""
    found = read_answer(folded.strip())
    if found is None:
        return None
    kind, note = found
    return (RsvpAnswer.ATTEND if kind == "attend" else RsvpAnswer.ABSENT), "", note


# Seventh round (2026-12-05): lateness alone (「あ、でもちょっと遅れます」「ちょっとおくれます」「少し遅れるかも」)
# is an answer only from someone invited to the next meeting — the handler checks that; the route
# sits at priority 100, so an open form (a check-in's 「遅れてます」 = 遅延) never hands it over.
_BARE_LEAD = re.compile(r"^(?:(?:あ|あっ|あー|えっと|えーと|でも|ただ|すみません|すいません|ごめんなさい|それと|あと|ちなみに"
                        r"|すみませんが|申し訳ないですが)[、,。!！\s]*)+")
_BARE_LATE = re.compile(
    r"^(?:少し|すこし|ちょっと|ちょっとだけ|ちょい|若干|多少)?(?P<amount>\d+分(?:ほど|くらい|ぐらい|程度|位)?)?(?:ほど|くらい|ぐらい)?"
    r"(?:遅れ|おくれ)(?:ます|ちゃいます|そうです|そう|る|ると思います|るかも(?:です|しれません|しれないです)?"
    r"|ますね|ます!)" + _TAIL)


def parse_bare_late(folded: str) -> tuple[RsvpAnswer, str, str] | None:
    """「遅れます」 alone, casual or polite, read as 出席 with the note 遅刻 (the caller checks that the
    person is invited to the next meeting). 「遅れてます」 (a status) and a question are not."""
    text = folded.strip()
    if re.search(r"[?？]|(?:か|かな|でしょうか|っけ)[。\s]*$", text):
        return None
    text = _LEAD.sub("", _BARE_LEAD.sub("", _PREAMBLE.sub("", text))).strip()
    m = _BARE_LATE.match(text)
    return (RsvpAnswer.ATTEND, "", _late_note(m)) if m else None


def _surely_late(clause: str, named_meeting: bool) -> bool:
    """Lateness alone is an answer (出席, 遅刻) when it can only be about the meeting: 「遅刻します」, a
    number of minutes (「15分遅れます」), or the meeting named (「会議は遅れます」). 「遅れます」 alone may
    be about a report and is not read."""
    m = _LATE_ALONE.match(clause)
    if m is None:
        return bool(_EARLY_ALONE.match(clause))
    return named_meeting or bool(m.group("amount")) or "遅刻" in clause or "ちこく" in clause


# The fourth round (2026-12-05): an absence in any verb form of 「出る／行く／参加する」 (「出られないです」
# 「すみません出れません」「やっぱ出られなくなりました」「急に行けなくなっちゃいました」), and a proxy
# declared in one clause and named in the other (「代理出席にします、田中が行きます」).
# Not 「いけない」 (also "must not") nor 「出ません」 (「エラーで出ません」 is about a screen).
_CAN_STEM = r"(?:出られ|出れ|でられ|でれ|行け|参加でき|参加出来|出席でき|出席出来|伺え|うかがえ|参れ|まいれ)"
_WONT_STEM = r"(?:行き|いき|参加し|出席し|伺い|うかがい|参り|まいり)"
_NEGATIVE = (r"(?:ない(?:です|んです|っす|んですよ|ですね)?|ません(?:でした)?|なくなりました|なくなった|なくなっちゃいました"
             r"|なくなっちゃった|なくなってしまいました|なくなってしまった|なくなりそうです|なくなりそう|なさそう(?:です)?)")
_SORRY = (r"(?:[、,。\s]*(?:ごめんなさい|すみません|すいません|申し訳ありません|申し訳ないです|申し訳ございません"
          r"|よろしくお願いします|よろしくおねがいします|お願いします))*[。!！\s…]*$")
_PLAIN_ABSENT = re.compile(
    r"^(?:(?P<reason>.+?)(?:のため|なので|ので|があるので|が入って|が入ったので|で)[、,\s]*)?"
    r"(?:急に|きゅうに|どうしても|今回は|今回|当日は)?[、,\s]*"
    r"(?:" + _CAN_STEM + _NEGATIVE + r"|" + _WONT_STEM + r"ません)" + _SORRY)
_PROXY_DECLARED = re.compile(
    r"^(?:代理(?:出席)?|代わりの(?:者|人)|かわりの(?:者|人))\s*(?:に|で|を)?\s*"
    r"(?:します|しました|する|お願いします|おねがいします|させてください|させていただきます|立てます|たてます|出します|だします"
    r"|行かせます|送ります|です)?" + _SORRY)
_PROXY_NAMED = re.compile(
    r"^(?:(?P<title>[^\s、。,.:：がは]{1,10}?)の)?(?P<name>[^\s、。,.:：がはにの]{1,20}?)\s*(?:さん|氏|様|くん|君)?\s*(?:が|に)\s*"
    r"(?:行きます|いきます|出ます|でます|出席します|参加します|伺います|うかがいます|参ります|まいります|行く|出る|出席|参加)"
    r"(?:予定です|します|です|ので|ね|よ)?" + _SORRY)


def parse_plain_rsvp(clauses: list[str]) -> tuple[RsvpAnswer, str, str] | None:
    """The clauses of a casual message read as an absence or a declared-and-named proxy, else None.
    Only whole clauses match, so a question that names the same verbs (「出られないときはどうすれば」)
    is not an answer."""
    text = "、".join(clauses)
    absent = _PLAIN_ABSENT.match(text)
    if absent:
        return RsvpAnswer.ABSENT, "", _without_meeting((absent.group("reason") or "").strip(" 。、,.!！"))
    if len(clauses) == 1 and (_PROXY_DECLARED.match(_without_meeting(clauses[0])) or wants_proxy(clauses[0])):
        return RsvpAnswer.PROXY, "", ""  # 「代理出席にします」: the desk asks for the name, as the button does
    if len(clauses) == 2:
        for declared, named in ((clauses[0], clauses[1]), (clauses[1], clauses[0])):
            who = _PROXY_NAMED.match(named)
            if _PROXY_DECLARED.match(_without_meeting(declared)) and who:
                return RsvpAnswer.PROXY, who.group("name"), who.group("title") or ""
    return None


def parse_rsvp(folded: str) -> tuple[RsvpAnswer, str, str] | None:
    """(answer, proxy name, comment) for a typed RSVP, else None (a connection problem is none)."""
    text = folded.strip()
    if online_trouble(fold(text)):
        return None
    general = parse_general_rsvp(text)
    if general is not None and general[0] is RsvpAnswer.PROXY:
        return general
    loose = parse_loose_rsvp(text)
    if loose is not None:
        return loose
    m = _PROXY.match(text)
    # 「代理出席でお願いします」 names nobody: 「お願いします」 is not the proxy's name.
    if (m and m.group("name") and m.group("name") not in ("出席", "参加") and not wants_proxy(text)
            and _plausible_name(m.group("name"))):
        return RsvpAnswer.PROXY, m.group("name"), ""
    m = _ABSENT.match(text)
    if m:
        return RsvpAnswer.ABSENT, "", (m.group("rest") or "").strip(" 。、,.!！")
    m = _ATTEND.match(text)
    if m:
        return RsvpAnswer.ATTEND, "", (m.group("rest") or "").strip(" 。、,.!！")
    return general


# How the attending person takes part, kept as the answer's note (the meeting model has no mode of its own).
MODE_NOTES = {"online": "オンライン", "venue": "会場"}


def parse_mode_rsvp(folded: str) -> tuple[RsvpAnswer, str, str] | None:
    """Eleventh round: 「オンラインで出席します」「teamsで参加でもいい?」「やっぱ会場いきます」「オンラインで」
    「やっぱり出れることになった」 → 出席 with the note オンライン／会場 (see `bot.core.rsvp_words`). The
    caller checks that the person is invited: 「オンラインで」 alone is an answer only to an invitation."""
    found = read_mode_answer(folded.strip())
    if found is None:
        return None
    return RsvpAnswer.ATTEND, "", MODE_NOTES.get(found[1], "")


def is_bare_mode(folded: str) -> bool:
    """「オンラインで」「会場で」: the mode alone, with no attending verb (thirteenth round)."""
    return bare_mode(folded.strip())


def is_bare_late(folded: str) -> bool:
    """Route predicate: lateness alone (「ちょっと遅れます」); the handler checks the invitation."""
    return parse_bare_late(folded) is not None


def is_online_trouble(folded: str) -> bool:
    """Route predicate (eleventh round): 「zoomで参加できません」「teamsにつながらなくて参加できない」 — not
    being able to join online is a connection problem, not an absence (「…欠席します」 said too is one)."""
    return online_trouble(fold(folded))


def is_rsvp(folded: str) -> bool:
    """Route predicate: the whole message is an RSVP (a casual one is checked against the person
    by the handler: only someone invited to an upcoming meeting answers with it)."""
    return (parse_rsvp(folded) is not None or parse_casual_rsvp(folded) is not None
            or parse_mode_rsvp(folded) is not None)


# 「次の会議っていつだっけ？」「会議の場所どこ？」「今月の会議何時から？」: the next meeting's facts, which
# the meeting store knows (the FAQ desk does not). A how-to (「会議の設定方法」) or 会議室 is not one.
# A Zoom / Teams / Web 会議 is a tool question (「長時間のズーム会議を主催したい」), not the office's meeting.
_MEETING_WORD = re.compile(r"(?<!zoom)(?<!ズーム)(?<!teams)(?<!チームズ)(?<!web)(?<!ウェブ)(?<!オンライン)(?<!テレビ)"
                           r"(?<!ビデオ)(?<!リモート)(?:会議|かいぎ|定例会?|ミーティング|打ち合わせ|打合せ|連絡会)(?!室|録|資料)")
_ASKS_FACT = re.compile(r"(?:(?<!ま)いつ|何日|なんにち|何曜|なんよう|何時|なんじ|(?<![長短])時間(?!制限)|場所|ばしょ|どこ|会場|日程|日時|開始|どっち|どちら"
                        r"|\d{1,2}日\s*(?:で(?:す|した)?)?(?:か|っけ|よね)?\s*[?？])")
_NOT_A_FACT = re.compile(r"(?:やり方|やりかた|方法|どうやって|どうすれば|使い方|つかいかた|設定|予約|登録|作り方|とは|出欠|しゅっけつ"
                         r"|資料|いつまで|締切|締め切り|主催|制限|zoom|ズーム|teams|チームズ)")


# 「どこでやるの」「いつだっけ」「何時からだっけ」: the same question without the word 会議. Only a whole
# short question of this shape; the handler answers it only for someone invited to a meeting.
_BARE_FACT = re.compile(
    r"^(?:(?:で|じゃあ|あれ|えっと|ところで)[、,\s]*)?(?:(?:次|つぎ|次回|今度|今月|来月|それ|あれ)(?:は|って|の)?)?"
    r"(?:(?:場所|ばしょ|会場)(?:は|って)?(?:どこ)?|どこ|いつ|何時|なんじ|何日|なんにち|何曜日?|なんようび?)"
    r"(?:で|から|に|は|って)?(?:やる|やります|やるん|あります|ある|あるん|開催|集合|集まる|始まる|はじまる|開始|スタート)?"
    r"(?:の|んだ|ん)?(?:だ|です|でした|だった)?(?:っけ|か|かな|ですか|でしょう|でしょうか|でしたっけ)?[?？!！。\s]*$")


def asks_about_next_meeting(folded: str) -> bool:
    """Route predicate: a short question about when or where the next meeting is."""
    text = folded.strip()
    if not text or len(text) > 40 or text.startswith(("/", "／")):
        return False
    if names_no_meeting(text):
        return True
    return bool(_MEETING_WORD.search(text) and _ASKS_FACT.search(text) and not _NOT_A_FACT.search(text))


# 「定例会の案内っていつ送られるの？」「リマインドはいつ来る？」: when the invitation or reminder goes out.
_ASKS_REMINDER = re.compile(r"(?:案内|あんない|リマインド|リマインダー|りまいんど|通知|つうち|お知らせ|おしらせ|招集|しょうしゅう"
                            r"|reminder|invitation)")


def asks_about_reminder(folded: str) -> bool:
    """The question about the next meeting is about when its invitation or reminder goes out."""
    return bool(_ASKS_REMINDER.search(folded))


def names_no_meeting(folded: str) -> bool:
    """「どこでやるの」「いつだっけ」: a bare when-or-where question that does not say which meeting."""
    text = folded.strip()
    return len(text) <= 20 and bool(_BARE_FACT.match(text)) and not _MEETING_WORD.search(text)


def parse_item(text: str) -> tuple[ItemKind, str] | None:
    """「議題: 電子申請の進捗」 -> (AGENDA, "電子申請の進捗"); 「気づき: …」 -> IDEA."""
    stripped = text.strip()
    m = _ITEM.match(stripped) or _ITEM.match(stripped.lower())
    if not m:
        return None
    head = m.group(1).lower()
    kind = _ITEM_KINDS.get(head, ItemKind.IDEA)
    # Keep the person's own wording (case, width) for the text after the colon.
    body = re.split(r"[:：]", stripped, maxsplit=1)[1].strip()
    return kind, body


def is_item(folded: str) -> bool:
    """Route predicate: 「議題: …」 or 「気づき: …」."""
    return parse_item(folded) is not None


# 「会議の場所を第2会議室に変えたい」「会議の時間を14時に変更して」 typed by an admin: a change the bot does
# not apply from plain words; the admin gets the exact command (`handlers/meetings/desk.py`).
_CHANGE_PART = re.compile(r"(?:場所|ばしょ|会場|時間|じかん|時刻|開始|日時|日程|曜|日にち|第\d|\d{1,2}時|\d{1,2}:\d{2})")
_CHANGE_VERB = re.compile(r"(?:変え|かえ|変更|へんこう|ずらし|ずらす|ずらせ|移し|移す|うつし|にしたい|にして|にする|にします|に直|になお)")
# 「場所、大会議室に変更」: a comma for the particle is the same change (eleventh round).
_PLACE_IN_WORDS = re.compile(r"(?:場所|ばしょ|会場)\s*(?:を|は|も)?[、,\s]*(?P<place>[^\s、。,]+?)\s*(?:に|へ)\s*"
                             r"(?:変え|かえ|変更|へんこう|移|うつ|し)")


# Fourteenth round (2026-12-06): 「会議を中止したい」「会議の中止」 with no date: the command takes a date to call
# off one day (「/dx 会議 中止 12/8」), and without one stops the whole meeting, so the words only get the
# two commands to type — never the FAQ desk's candidates.
_CANCEL_IN_WORDS = re.compile(
    r"^(?:次回?の|今度の|こんどの|今月の)?(?:会議|かいぎ|定例会?|連絡会|ミーティング)\s*(?:を|の|は)?\s*"
    r"(?:中止|ちゅうし|取りやめ|とりやめ)(?:に)?(?:したい|して|する|します|しよう|したいです|したいんだけど|してください|お願い)?"
    r"(?:です|けど|んだけど)?[。.!！\s]*$")


def asks_to_cancel_meeting(folded: str) -> bool:
    """Route predicate: 「会議を中止したい」 and the like, no date named (see above)."""
    return bool(_CANCEL_IN_WORDS.match(unicodedata.normalize("NFKC", folded).strip()))


def asks_to_change_meeting(folded: str) -> bool:
    """Route predicate: plain words asking to change the meeting's place, time or day."""
    text = folded.strip()
    if not text or len(text) > 60 or text.startswith(("/", "／")):
        return False
    part = _CHANGE_PART.search(text)
    if not part or not _CHANGE_VERB.search(text, part.end()):
        return False
    return bool(_MEETING_WORD.search(text)) or text.startswith(("場所", "会場", "時間", "開始時間"))


# Seventh round (2026-12-05): an admin's wish to set a meeting up in plain words (「毎月第３水曜の午後２時
# から定例会議やりたいんだけど」「会議の設定して」) — the handler answers with the command, built from the
# rule they typed. A question (「会議いつ？」) is not one.
_SETUP_VERB = re.compile(r"(?:やりたい|したい|開きたい|ひらきたい|開催したい|始めたい|はじめたい|作りたい|つくりたい|作って|つくって"
                         r"|設定して|設定したい|設定を?お願い|設定お願い|登録して|登録したい|入れたい|入れて|組みたい|組んで"
                         r"|いれて|いれたい|いれといて|入れといて|入れておいて|いれておいて|組んどいて|くんで|くみたい"
                         r"|を設定|の設定|設定する|設定します)")
# Fourteenth round: 「毎月2週目の火曜」 (no 第) is 第2火曜 as well.
_SETUP_RULE = re.compile(r"(?:毎月)?\s*(?:第\s*(?P<nth>[1-5])|(?<![0-9])(?P<week>[1-5])(?=\s*週目)|(?P<last>最終|最後|さいしゅう|さいご))"
                         r"\s*(?:週目?)?\s*の?\s*(?P<day>[月火水木金土日])(?:曜日?|よう(?:び)?)")


def asks_to_set_meeting(folded: str) -> bool:
    """Route predicate: plain words asking to set a meeting up (the handler answers admins only)."""
    text = folded.strip()
    if not text or len(text) > 80 or text.startswith(("/", "／")) or re.search(r"[?？]|(?<!ま)いつ|何時|どこ", text):
        return False
    if _MEETING_WORD.search(text) and _SETUP_VERB.search(text):
        return True
    # 「毎月第3木曜10時半から勉強会、teamsで」: a monthly rule with its time and a name is a setup, verb or not.
    return bool(rule_in_words(normalise(unicodedata.normalize("NFKC", text)))
                and (_MEETING_WORD.search(text) or _SETUP_TITLE.search(text)))


def rule_in_words(normalised: str) -> str:
    """「毎月第3水曜 14:00」 from 「毎月第３水曜の午後２時から…」 (normalised text), checked by the rule
    parser; "" when no monthly rule with a time is named."""
    day = _SETUP_RULE.search(normalised)
    try:
        at = find_time(normalised)[0]
    except UserFacingError:  # an impossible time (「25時」) is simply not a rule here
        at = None
    if day is None or at is None:
        return ""
    nth = "最終" if day.group("last") else f"第{day.group('nth') or day.group('week')}"
    rule = f"毎月{nth}{day.group('day')}曜 {at:%H:%M}"
    return rule if monthly_rule(rule) is not None else ""


# Eighth round (2026-12-06): the parts of a setup said in words, read one by one so that a missing one
# can be asked for and a 「直す」 can change one (「16時」「第3水曜」「場所は第2会議室」「名称は連絡会議」).
_SETUP_DAY_ONLY = re.compile(r"(?:第\s*(?P<nth>[1-5])|(?<![0-9])(?P<week>[1-5])(?=\s*週目)|(?P<last>最終|最後|さいしゅう|さいご))\s*(?:週目?)?\s*の?\s*(?P<day>[月火水木金土日])"
                             r"(?:曜日?|よう(?:び)?)")
# Eleventh round: 「定例」 alone and a gathering named …会 (勉強会, 研修会, 検討会) are names too.
_SETUP_TITLE = re.compile(r"[一-龥ァ-ヶー々a-z0-9]{0,12}?(?:定例会議?|連絡会議?|会議|ミーティング|打ち合わせ|打合せ|勉強会|研修会"
                          r"|検討会|報告会|説明会|委員会|連絡会|定例)",
                          re.IGNORECASE)
_SETUP_NAMED = re.compile(r"(?:名称|会議名|名前)\s*(?:は|を|:|：)\s*(?P<title>[^\s、。,|｜]+?)\s*(?:で|に|にして|にします|です)?$")
_SETUP_PLACE = re.compile(r"(?:場所|ばしょ|会場)\s*(?:は|を|:|：)\s*(?P<place>[^\s、。,|｜]+?)\s*"
                          r"(?:でお願いします|にして|にします|です|で|に|$)")
# Ninth round: a place said without 「場所は」 — 「大会議室でやりたい」「3階会議室で」「市民ホールにて」.
_SETUP_PLACE_BARE = re.compile(r"(?P<place>[一-龥ァ-ヶー々A-Za-z0-9]+?(?:会議室|ホール|室|庁舎|階))\s*(?:にて|で)(?!き|す)")
# Eleventh round: an online place (「teamsで」「zoomでやりたい」「オンラインで」), named as the office writes it.
_SETUP_PLACE_ONLINE = re.compile(r"(?P<place>teams|チームズ|zoom|ズーム|webex|オンライン)\s*(?:にて|で)(?!き|す)", re.IGNORECASE)
_ONLINE_PLACES = {"teams": "Teams", "チームズ": "Teams", "zoom": "Zoom", "ズーム": "Zoom", "webex": "Webex"}
_GENERIC_TITLES = {"会議", "かいぎ", "ミーティング", "定例会議", "打ち合わせ", "打合せ"}


def setup_parts(text: str) -> dict[str, str]:
    """What a setup said in words names: nth (「第2」「最終」), day (「火」), time (「15:00」), title, place.
    Only the parts found are in the result; a time the rule parser refuses (「25時」) is not one."""
    raw = unicodedata.normalize("NFKC", text).strip()
    parts: dict[str, str] = {}
    if place := _SETUP_PLACE.search(raw):
        parts["place"] = clean_place(place.group("place"))
        raw = raw[:place.start()] + " " + raw[place.end():]  # 「場所は第2会議室」 names no meeting
    elif place := _SETUP_PLACE_BARE.search(raw):
        parts["place"] = clean_place(place.group("place"))
        raw = raw[:place.start()] + " " + raw[place.end():]  # 「3階会議室で」 is not the meeting's name
    elif place := _SETUP_PLACE_ONLINE.search(raw):
        parts["place"] = _ONLINE_PLACES.get(place.group("place").lower(), place.group("place"))
        raw = raw[:place.start()] + " " + raw[place.end():]
    normalised = normalise(raw)
    day = _SETUP_DAY_ONLY.search(normalised)
    if day is not None:
        parts["nth"] = "最終" if day.group("last") else f"第{day.group('nth') or day.group('week')}"
        parts["day"] = day.group("day")
    try:
        at = find_time(normalised)[0]
    except UserFacingError:
        at = None
    if at is not None:
        parts["time"] = f"{at:%H:%M}"
    if re.search(r"来月(?:から|より|以降|〜)", raw):
        parts["from"] = "next_month"
    if named := _SETUP_NAMED.search(raw):
        parts["title"] = named.group("title")
    else:
        for found in _SETUP_TITLE.finditer(raw):
            title = re.sub(r"^.*?(?:曜日?|[0-9]時|[0-9]分|毎月|午前|午後|から)", "", found.group(0))
            if title and title not in _GENERIC_TITLES and not re.match(r"^(?:の|に|で|を)", title):
                parts["title"] = title
                break
    return parts


def setup_command(parts: dict[str, str]) -> str:
    """「会議 設定 毎月第2火曜 15:00 場所は301会議室 | 名称: 連絡会議」 (no 「/dx」), or "" while the day or
    the time is missing or the rule does not read."""
    if not parts.get("day") or not parts.get("time"):
        return ""
    rule = f"毎月{parts['nth']}{parts['day']}曜 {parts['time']}"
    if monthly_rule(rule) is None:
        return ""
    command = f"会議 設定 {rule}" + (f" 場所は{parts['place']}" if parts.get("place") else "")
    return command + (f" | 名称: {parts['title']}" if parts.get("title") else "")


def place_in_words(text: str) -> str:
    """The new place named in 「場所を第2会議室に変えたい」, or ""."""
    m = _PLACE_IN_WORDS.search(text)
    return m.group("place") if m else ""


# --- the fifth round (2026-12-05) -------------------------------------------------------------------
# A comment keeps only a real reason or note: 「あ、その日の会議やっぱり」 (an interjection, the meeting, a
# change of mind) is the frame of the sentence, not something the organiser needs to read.
_FILLER_LEAD = re.compile(
    r"^(?:あっ?|あー|あの[ー〜]?|えっと|えーと|えー|うーん|うーむ|んー|うん|はい|ええ|じゃあ?|では|それでは|なら|ところで|実は"
    r"|すみません|すいません|ごめんなさい|申し訳(?:ありません|ございません|ないです)|お疲れ(?:様|さま)です|おつかれさまです"
    r"|やっぱり|やっぱ|やはり|結局|けっきょく|ちょっと|ちょい|急に|きゅうに|今回は?|当日は?)(?:[、,。!！\s…ー〜]+|(?=.)|$)")
# (Not a hedge: 「たぶん出れないです」 keeps its words, so the organiser sees the answer is not certain.)
_FILLER_TAIL = re.compile(r"(?:やっぱり|やっぱ|やはり|結局|ですが|ですけど|けど|けれど|が|は|ね|よ|[、,。!！\s…ー〜])+$")


def clean_note(comment: str) -> str:
    """The comment without its frame: interjections, the meeting named, 「やっぱり」, apologies;
    "" when nothing else is left (「あ、その日の会議やっぱり」 → ""). Each part of a list
    (「係長、うーん、やっぱり会議」) is cleaned on its own."""
    parts = [_clean_part(p) for p in re.split(r"[、,]", comment)]
    return "、".join(p for p in parts if p)


def _clean_part(comment: str) -> str:
    text = comment.strip(" 。、,.!！…")
    while True:
        before = text
        # 「の会議やっぱり」: what is left of 「その日の会議」 once a parser took 「その日」.
        text = re.sub(r"^の(?=会議|かいぎ|定例|ミーティング|打ち合わせ|打合せ)", "", text)
        text = _FILLER_LEAD.sub("", text).strip(" 。、,.!！…")
        m = _MEETING_REF.match(text)
        if m and m.group(0).strip(" 、,。"):
            text = re.sub(r"^の", "", text[m.end():]).strip(" 。、,.!！…")
        text = _FILLER_TAIL.sub("", text)
        if text == before:
            break
    return "" if _MEETING_WORD.fullmatch(text) or len(text) < 2 and not re.search(r"[一-龥]", text) else text


# 「代理出席したいです」「代理出席でお願いします」「代理を立てたい」「代わりの人に出てもらいます」: a proxy
# without a name; the desk asks for it, as the 代理出席 button does.
_PROXY_WISH = re.compile(
    r"^(?:代理(?:出席|参加)?|代わりの(?:者|人|方)|かわりの(?:者|人|方)|代理の(?:者|人|方))\s*"
    r"(?:で|に|を|が|の)?\s*(?:出席|参加|出て|でて|行って|いって)?\s*"
    r"(?:したい(?:です|んですが|のですが|んだけど)?|します|しても(?:いい|よい)(?:です)?|させてください|させていただきます|させて(?:いただき|もらい)たい(?:です)?"
    r"|お願い(?:します|したい(?:です)?)?|おねがい(?:します)?|希望(?:です|します)?|立てます|たてます|立てたい(?:です)?|たてたい(?:です)?"
    r"|もらいます|もらいたい(?:です)?|もらう|いただきます|頂きます|出します|出てもらいます|行ってもらいます|送ります|です|で)?"
    + _SORRY)
# What a proxy's name may carry: 「係長の田中です」「田中係長」「企画課の田中さん」 → (田中, 係長 / 企画課).
_TITLES = (r"(?:課長補佐|係長|課長|主任|主査|主幹|主事|参事|補佐|部長|次長|室長|所長|係員|技師|技監|副主幹|副課長|"
           r"リーダー|班長|担当|職員)")
_HONORIFIC = r"(?:さん|サン|氏|様|さま|くん|君|ちゃん)"
_NAME_END = re.compile(r"\s*(?:が|に)?\s*(?:出ます|でます|出席します|参加します|行きます|いきます|伺います|代わりに.*|代理で.*"
                       r"|です|でお願いします|でおねがいします|でお願い|にお願いします|お願いします|で)?[。.!！\s]*$")


def split_proxy_name(text: str) -> tuple[str, str]:
    """The proxy's name and a note (title or section) from the reply to 「お名前を入力してください」."""
    text = unicodedata.normalize("NFKC", text).strip()
    text = _FILLER_LEAD.sub("", text).strip()
    text = _NAME_END.sub("", text).strip()
    note = ""
    m = re.match(r"^(?P<note>[^\s、。,]{1,15}?)の(?P<name>[^\s、。,]{1,30})$", text)
    if m:
        note, text = m.group("note"), m.group("name")
    text = re.sub(_HONORIFIC + r"$", "", text).strip()
    m = re.match(r"^(?P<name>.+?)\s*(?P<title>" + _TITLES + r")$", text)
    if m and len(m.group("name")) >= 1:
        text, note = m.group("name").strip(), "、".join(x for x in (note, m.group("title")) if x)
    text = re.sub(_HONORIFIC + r"$", "", text).strip()
    return text, note


def wants_proxy(folded: str) -> bool:
    """「代理出席したいです」 and the like, alone or after the meeting named (「会議は代理出席で」)."""
    text = _without_meeting(_LEAD.sub("", _PREAMBLE.sub("", folded.strip())).strip())
    return bool(text) and bool(_PROXY_WISH.match(text))


# 「会議の議題おくりたい」「気づきを送りたいです」「議題を出したいんですが」「議題あります」: open the dialog of
# the 議題を送る / 気づきを送る buttons.
_ITEM_WISH = re.compile(
    r"^(?:(?:次|つぎ|次回|今度|こんど|来週|今月|来月)の?)?(?:(?:会議|かいぎ|定例会?|ミーティング)(?:の|に|で|へ|には|用の|向けの|宛の)?)?"
    r"(?P<kind>議題|ぎだい|議題案|気づき|気付き|きづき|小さな気づき|ちいさな気づき|提案|ネタ)"
    r"(?:を|も|って|の|が)?\s*"
    r"(?:(?:送|おく|出|だ|提出|追加|登録|投稿|あげ|上げ|入れ|いれ|書|か)(?:り|し|き|い|さ)?(?:たい|ります|ります|る|ます|れますか|せますか|てもいい|ても良い|たいです)"
    r"(?:です|んです|んですが|のですが|んだけど|んだけれど|けど|のだけど)?|あります|ある|あるんですが|あるんだけど|があります)"
    r"(?:[、,。!！\s]*(?:お願いします|おねがいします|どうすれば(?:いい)?|どうすればよいですか))?[?？。!！\s]*$")


def item_wish(folded: str) -> ItemKind | None:
    """The kind of item a plain request to send one names (「会議の議題おくりたい」 → AGENDA), else None."""
    text = _LEAD.sub("", _PREAMBLE.sub("", folded.strip())).strip()
    m = _ITEM_WISH.match(text)
    if not m:
        return None
    return ItemKind.IDEA if m.group("kind") in ("気づき", "気付き", "きづき", "小さな気づき", "ちいさな気づき") else ItemKind.AGENDA


def wants_to_send_item(folded: str) -> bool:
    """Route predicate of `item_wish`."""
    return item_wish(folded) is not None


# Right after the bot spoke of the next meeting (an answer about it, an invitation, a reminder), a short
# reply is about it: 「うーん、行けないかも」「無理そう」「厳しいです」「微妙」 (a tentative or plain absence).
_HEDGED = re.compile(r"(?:かも|かな|そう|微妙|びみょう|厳し|きびし|難し|むずかし|と思|たぶん|多分|おそらく|怪し|あやし)")
_SHORT_ABSENT = re.compile(
    r"^(?:(?P<reason>.+?)(?:のため|なので|ので|から|があるので|で)[、,\s]*)?"
    r"(?:たぶん|多分|おそらく|ちょっと|ちょい|正直|今回は?|その日は?|当日は?)?[、,\s]*"
    r"(?:(?:" + _CAN_STEM[3:-1] + r"|いけ)(?:ない|ません|なさそう|なそう)|" + _WONT_STEM + r"ません|無理|むり|ムリ|厳しい|きびしい|厳しそう|きびしそう"
    r"|難しい|むずかしい|難しそう|むずかしそう|微妙|びみょう|だめ|ダメ|駄目|都合(?:が|つか)?(?:悪い|わるい|つかない|つきません|合わない|あわない)"
    r"|参加は?(?:無理|むり|厳しい|難しい|微妙)|出席は?(?:無理|むり|厳しい|難しい|微妙))"
    r"(?:かも(?:です|しれません|しれないです|しれない)?|そう(?:です)?|かな|ですね|です|っす|ね|だな|(?:と|か)思います|っぽい(?:です)?|な)*"
    + _SORRY)
_ACK = re.compile(r"^(?:ありがとう|有難う|了解|りょうかい|承知|わかりました|分かりました|おけ|ok|okay|ok です|はい|いいえ|大丈夫|だいじょうぶ)")


def short_absence(folded: str) -> tuple[bool, str] | None:
    """(tentative?, reason) for a short absence said right after the meeting was spoken of, else None."""
    text = folded.strip()
    if not text or len(text) > 40 or re.search(r"[?？]", text):
        return None
    text = _without_meeting(_LEAD.sub("", _FILLER_LEAD.sub("", _PREAMBLE.sub("", text))).strip())
    m = _SHORT_ABSENT.match(text)
    if not m:
        return None
    reason = clean_note(m.group("reason") or "")
    return bool(_HEDGED.search(folded)), reason


def reason_in(text: str) -> str:
    """A reason sent after an absence (「研修とかぶってるので」 → 「研修とかぶってる」), or "" when the
    message is not one (an acknowledgement, a question, something long)."""
    folded = unicodedata.normalize("NFKC", text).strip()
    if not folded or len(folded) > 80 or re.search(r"[?？]", folded) or _ACK.match(folded.lower()):
        return ""
    reason = re.sub(r"(?:のため|ので|なので|から|ため|ためです|んで|です|なんです|んです|でして|があって|があり|して(?:て)?)?"
                    r"(?:すみません|ごめんなさい|申し訳ありません)?[。.!！\s…]*$", "", folded)
    return clean_note(reason)


# Ninth round (2026-12-06): after a typed 「欠席します」 with no reason, only a line shaped like one is
# taken as it (「窓口当番なので」「出張が入ったため」「研修とかぶってて」): a new question is not.
_REASON_SHAPE = re.compile(
    r"(?:のため|ため|なので|ので|んで|から|でして|があって|があり|が入って|入った|かぶって|重なって|かさなって|[てで])"
    r"(?:です|なんです|んです)?(?:すみません|ごめんなさい|申し訳ありません)?[。.!！\s…]*$"
    r"|^(?:出張|研修|当番|窓口当番|休暇|年休|有休|通院|体調不良|来客|会議|別件|用事|私用|所用|窓口)(?:です|でした|のため)?[。.!！\s…]*$")


def looks_like_reason(text: str) -> bool:
    """A short line shaped like a reason (see above), never a question."""
    folded = unicodedata.normalize("NFKC", text).strip()
    return bool(reason_in(folded)) and len(folded) <= 40 and bool(_REASON_SHAPE.search(folded))


# 「いや、やっぱりいいです」「なしで」「またにします」 after 「議題を入力してください」: nothing to send.
_DECLINE = re.compile(
    r"^(?:(?:いや|いえ|あ|あー|うーん|すみません|ごめんなさい)[、,\s]*)*(?:(?:やっぱり|やっぱ|やはり|今回は|今は)[、,\s]*)?"
    r"(?:いいです|いい|大丈夫です|大丈夫|だいじょうぶ|結構です|けっこうです|なし|なしで|ないです|ありません|特にありません|特になし"
    r"|またにします|また今度|また今度にします|今度にします|やめときます|やめておきます|やめます|取り消し|とりけし)"
    r"(?:です|で|でした|ね|よ)?[。.!！\s…]*$")


def declines_item(folded: str) -> bool:
    """「いや、やっぱりいいです」: the person has nothing to send after all."""
    return bool(_DECLINE.match(folded.strip()))


def _plausible_name(name: str) -> bool:
    """A proxy's name, not the rest of a question (「出てもらうにはどうすればいい?」)."""
    return len(name) <= 20 and not re.search(r"[?？]|には|どう|ます|たい|れば|ように|ない|ですか", name)


# --- the eleventh round (2026-12-06) ------------------------------------------------------------------
# An admin skipping one date in words: 「1月の会議はやすみにする」「次回の会議は休会で」「来月の会議は中止にして」
# 「12月の定例はおやすみで」. The date is named (a month, 次回／今度, 今月／来月, 12/8) and the meeting is named;
# 「休みます」 (a liaison's absence) is not a skip — the handler answers admins only, and a liaison's line
# goes on to the RSVP reading.
_SKIP_WORD = re.compile(r"(?:休会|きゅうかい|中止|ちゅうし|キャンセル|きゃんせる|スキップ|すきっぷ|とばし|飛ばし|とばす|飛ばす|なし|無し"
                        r"|やらない|やりません|開催しない|開催なし|ひらかない|開かない"
                        r"|(?:お)?(?:休み|やすみ)(?:に(?:する|します|して|したい|しといて|しておいて)?|で|です|とします|にします))")
_SKIP_WHEN = re.compile(r"(?P<next>次回|じかい|次の|つぎの|今度の?|こんどの?)|(?P<this>今月|こんげつ)|(?P<following>来月|らいげつ)"
                        r"|(?P<date>\d{1,2}/\d{1,2}|\d{1,2}月\d{1,2}日)|(?P<month>\d{1,2})月")


def skip_in_words(folded: str) -> dict[str, str] | None:
    """{"next": ""} / {"month": "1"} / {"date": "12/8"} / {"this": ""} / {"following": ""} for a date of
    the meeting to skip said in words, else None (a question, no date, no meeting named)."""
    text = unicodedata.normalize("NFKC", folded).strip()
    if not text or len(text) > 40 or text.startswith(("/", "／")) or re.search(r"[?？]", text):
        return None
    if not _MEETING_WORD.search(text) or not _SKIP_WORD.search(text):
        return None
    when = _SKIP_WHEN.search(text)
    if when is None:
        return None
    kind = next(k for k, v in when.groupdict().items() if v is not None)
    return {kind: when.group(kind) if kind in ("date", "month") else ""}


# Thirteenth round: after 「直す」 at a skip's confirmation the date may be said alone — 「2月」「2/9」「次回」
# 「いや、来月のほうで」「2月の会議にして」 — with no skip word (the confirmation says what is skipped).
_DATE_ALONE = re.compile(
    r"^(?:(?:いや|いえ|あ|じゃあ|やっぱり|やっぱ|ごめん|すみません)[、,\s]*)*(?P<when>.{1,8}?)(?:の(?:会議|かいぎ|定例会?|ほう|方|回))?"
    r"(?:を|は)?(?:休会|中止|休み|やすみ|おやすみ|お休み)?"
    r"(?:で|に|にして|にする|にします|でお願いします|でおねがいします|です|だった|でした|のほう|の方)*[。.!！\s…]*$")


def skip_date_said(folded: str) -> dict[str, str] | None:
    """The date of a skip said in words (see `skip_in_words`), or said alone at its confirmation
    (「2月」「2/9」「次回」「来月のほうで」); None when the message names no date."""
    text = unicodedata.normalize("NFKC", folded).strip()
    found = skip_in_words(text)
    if found is not None:
        return found
    m = _DATE_ALONE.match(text) if text and not re.search(r"[?？]", text) else None
    when = _SKIP_WHEN.fullmatch(m.group("when").strip()) if m else None
    if when is None:
        return None
    kind = next(k for k, v in when.groupdict().items() if v is not None)
    return {kind: when.group(kind) if kind in ("date", "month") else ""}


def asks_to_skip_date(folded: str) -> bool:
    """Route predicate: one date of the meeting skipped in words (the handler answers admins only)."""
    return skip_in_words(folded) is not None


# 「かいぎの一覧みせて」「会議ぜんぶ見せて」「会議の一覧」「登録されてる会議を見せて」: the meetings list.
_LIST_WORD = re.compile(r"(?:一覧|いちらん|ぜんぶ|全部|すべて|全て|リスト|りすと|登録されて(?:る|いる)|登録済み)")
_SHOW_WORD = re.compile(r"(?:見せて|みせて|見たい|みたい|教えて|おしえて|出して|だして|表示|ひょうじ|確認したい|見せてください|ください)")


def asks_for_meeting_list(folded: str) -> bool:
    """Route predicate: the list of meetings asked for in words (not a question about one date)."""
    text = unicodedata.normalize("NFKC", folded).strip()
    if not text or len(text) > 30 or text.startswith(("/", "／")) or not _MEETING_WORD.search(text):
        return False
    if re.search(r"(?:資料|議事録|議題|出欠|しゅっけつ|気づき|アジェンダ)", text):
        return False
    rest = _MEETING_WORD.sub("", text, count=1)
    if _LIST_WORD.search(rest):
        return True
    return bool(re.fullmatch(r"(?:の|を)?\s*(?:予定)?(?:を|の)?\s*" + _SHOW_WORD.pattern + r"[。!！\s]*", rest.strip(" 、,")))
